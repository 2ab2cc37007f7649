"""Cleaning: move what is not the article out of its text, each piece with a reason.

Stage ``clean`` (``raw -> cleaned``). The rules work on lines (paragraphs) and live in
``data/boilerplate.json``; this module only applies them, in this order:

1. ``comments``: a reader-comment section (a "Comments" heading in the second half of the
   article, or "This debate is now closed." anywhere, and everything after it; or, in a text
   with two comment signatures or more, "Posted by: ann | March 3, 2031 9:41 AM | Report
   abuse", everything from the first).
   ``boilerplate``: a print-edition note in the second half ("A version appeared on p12 of
   ...") and everything after it.
2. ``image_link``: Markdown images and bare image URLs (cut out of a line, or the whole line).
3. ``credit``: credit lines ("Reporting by ..."); the credited names go to ``credits``.
4. ``comments`` / ``promo`` / ``caption`` / ``tags`` / ``boilerplate``: the line rules.
5. ``tags``: short lines of capitalised names joined by commas ("Kursk, Russia and Ukraine").
6. ``foreign_language``: lines in another language (script, then lingua) than the article's.
7. ``off_topic``: paragraphs that share (almost) nothing with the rest of the article.

``CleanedArticle.text`` is the kept lines joined with ``\\n``: every later span indexes into it.
Nothing leaves silently: each removed piece is in ``removed[]``, in document order.
"""

from __future__ import annotations

import importlib
import json
import logging
import math
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from sitrep.config import Config
from sitrep.model import CleanedArticle, RawArticle, Removed

if TYPE_CHECKING:
    from sitrep.pipeline import Work

log = logging.getLogger(__name__)

__all__ = ["article_language", "clean_article", "clean_stage", "detect_language"]

_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u00ad\ufeff\u2060]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…。！？])[\"'”’»)\]]*\s+")
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")
_PUNCT_ONLY = re.compile(r"^[\W_]*$")
_HEADING_WORDS = 15  # a comment section's heading is no longer
_COMMENT_SIGNATURES = 2  # comment signatures that make a comment thread (one may be a byline)
_QUOTED = re.compile(r"^\W{0,3}[\"„“”«»‘’‚‹›「『]")
_CREDIT_SPLIT = re.compile(r"\s*;\s*")
_CREDIT_ROLE = re.compile(
    r"^(?:additional |with )?(?:reporting|writing|editing|research|fact-checking|compiled|"
    r"written|edited|translated|reported)(?: by)?\s+",
    re.I,
)
_CREDIT_PLACE = re.compile(r"\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*$")
_DETECT_CHARS = 8_000  # the language of an article is clear long before this
_SCRIPT_CHARS = 5_000  # and so is its script
_NO_SPACES = {"zh", "ja"}  # off-topic needs words; these scripts do not space them


@dataclass(frozen=True, slots=True)
class _LineRule:
    reason: str
    pattern: re.Pattern[str]
    max_words: int | None


@dataclass(frozen=True, slots=True)
class _Rules:
    image_link: tuple[re.Pattern[str], ...]
    credit: tuple[_LineRule, ...]
    comment_section: tuple[re.Pattern[str], ...]
    comment_section_anywhere: tuple[re.Pattern[str], ...]
    comment_signature: tuple[re.Pattern[str], ...]
    article_end: tuple[re.Pattern[str], ...]
    lines: tuple[_LineRule, ...]
    tag: dict[str, Any]
    tag_separators: re.Pattern[str]
    foreign: dict[str, Any]
    off_topic: dict[str, Any]


def _rule(entry: dict[str, Any], reason: str) -> _LineRule:
    flags = 0 if entry.get("case_sensitive") else re.I
    return _LineRule(
        reason=entry.get("reason", reason),
        pattern=re.compile(entry["pattern"], flags),
        max_words=entry.get("max_words"),
    )


@cache
def rules() -> _Rules:
    """The cleaning rules from ``data/boilerplate.json``, compiled once."""
    data = json.loads(files("sitrep.data").joinpath("boilerplate.json").read_text("utf-8"))
    return _Rules(
        image_link=tuple(re.compile(p, re.I) for p in data["image_link"]),
        credit=tuple(_rule(entry, "credit") for entry in data["credit"]),
        comment_section=tuple(re.compile(p, re.I) for p in data["comment_section"]),
        comment_section_anywhere=tuple(
            re.compile(p, re.I) for p in data["comment_section_anywhere"]
        ),
        comment_signature=tuple(re.compile(p, re.I) for p in data["comment_signature"]),
        article_end=tuple(re.compile(p, re.I) for p in data["article_end"]),
        lines=tuple(_rule(entry, "boilerplate") for entry in data["line_rules"]),
        tag=data["tag_line"],
        tag_separators=re.compile(data["tag_line"]["separators"]),
        foreign=data["foreign_language"],
        off_topic=data["off_topic"],
    )


# ---- language -----------------------------------------------------------------------------


@cache
def _detector() -> LanguageDetector:
    names = rules().foreign["languages"]
    languages = [getattr(Language, name) for name in names]
    # Low-accuracy mode: trigram models only, ~10x faster to load than the full models; whole
    # articles are long enough for it, and lines are judged only with strong evidence.
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _iso(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language (lingua, restricted to the languages listed
    in ``data/boilerplate.json``), or ``None`` when it cannot tell."""
    found = _detector().detect_language_of(text[:_DETECT_CHARS])
    return _iso(found) if found is not None else None


# Scripts that name their language when lingua cannot (it chooses among the languages listed
# in ``data/boilerplate.json`` only): Unicode script name -> ISO 639-1.
_SCRIPT_LANGUAGE = {
    "BENGALI": "bn", "DEVANAGARI": "hi", "GURMUKHI": "pa", "GUJARATI": "gu", "ORIYA": "or",
    "TAMIL": "ta", "TELUGU": "te", "KANNADA": "kn", "MALAYALAM": "ml", "SINHALA": "si",
    "THAI": "th", "LAO": "lo", "KHMER": "km", "MYANMAR": "my", "GEORGIAN": "ka",
    "ARMENIAN": "hy", "ETHIOPIC": "am", "TIBETAN": "bo", "HEBREW": "he", "ARABIC": "ar",
    "GREEK": "el", "CYRILLIC": "ru", "CJK": "zh",
}  # fmt: skip
_ENGLISH_SHARE = 0.25  # English function words in a text that reads as English (about 0.4-0.5)
_SHORT_TEXT_WORDS = 100  # lingua's trigrams are sure of longer texts


def article_language(body: str, fallback: str = "") -> str:
    """The language of an article's text: lingua's answer, else the one its script names,
    else English. A short text whose words are a quarter English function words, more than
    those of the language lingua proposes, is English (a wire item can fool its trigrams)."""
    found = detect_language(body) or detect_language(fallback)
    if found is None:
        scripts = _scripts(body[:_SCRIPT_CHARS])
        script = scripts.most_common(1)[0][0] if scripts else "LATIN"
        found = _SCRIPT_LANGUAGE.get(script, "en")
    if found != "en":
        words = _WORD.findall(body[:_DETECT_CHARS].lower())
        english = sum(w in _stop_words("en") for w in words)
        own = sum(w in _stop_words(found) for w in words)
        if (
            words
            and len(words) <= _SHORT_TEXT_WORDS
            and english >= _ENGLISH_SHARE * len(words)
            and english > own
        ):
            return "en"
    return found


@lru_cache(maxsize=65536)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    head = name.split(" ", 1)[0]
    if head in ("HIRAGANA", "KATAKANA", "CJK", "HANGUL"):
        return "CJK"
    return head


def _scripts(text: str) -> Counter[str]:
    if text.isascii():  # every ASCII letter is Latin: count them at C speed
        letters = sum(map(str.isalpha, text))
        return Counter({"LATIN": letters}) if letters else Counter()
    return Counter(_script(char) for char in text if char.isalpha())


def _is_foreign(line: str, *, language: str, script: str | None) -> bool:
    cfg = rules().foreign
    letters = _scripts(line)
    total = sum(letters.values())
    if script is not None and total:
        strays = total - letters[script]
        if (
            strays >= cfg["other_script_min_letters"]
            and strays / total >= cfg["other_script_share"]
        ):
            return True
    if total < cfg["min_letters"] or _QUOTED.match(line):
        return False  # too little to judge, or a quotation: what someone said is content
    lowercase = sum(1 for word in _WORD.findall(line) if word[0].islower())
    if lowercase < cfg["min_lowercase_words"]:
        return False  # names and headlines carry too little signal
    # lingua's trigram mode misreads short lines ("Coinbase Pro offers a mobile app on both
    # the iOS and Android platforms." -> German, 0.98): the function words must agree. They
    # are checked first, which also spares lingua most lines.
    words = [word.lower() for word in _WORD.findall(line)]
    own_stop = sum(1 for word in words if word in _stop_words(language)) / len(words)
    if own_stop > cfg["max_own_function_words"]:
        return False
    values = _detector().compute_language_confidence_values(line)
    if not values:
        return False
    top = values[0]
    other = _iso(top.language)
    own = next((v.value for v in values if _iso(v.language) == language), 0.0)
    if other == language or top.value < cfg["min_confidence"] or own > cfg["max_own_confidence"]:
        return False
    other_stop = sum(1 for word in words if word in _stop_words(other)) / len(words)
    return bool(
        own_stop <= cfg["max_own_function_words"] and other_stop >= cfg["min_function_words"]
    )


# ---- line rules -----------------------------------------------------------------------------


def _words(line: str) -> int:
    return len(line.split())


def _matches(rule: _LineRule, line: str) -> re.Match[str] | None:
    if rule.max_words is not None and _words(line) > rule.max_words:
        return None
    return rule.pattern.search(line)


def _credit_names(who: str) -> list[str]:
    names = []
    for part in _CREDIT_SPLIT.split(who.strip().rstrip(".")):
        name = _CREDIT_PLACE.sub("", _CREDIT_ROLE.sub("", part.strip())).strip(" .,()")
        if name:
            names.append(name)
    return names


def _is_tag_line(line: str) -> bool:
    cfg = rules().tag
    if _words(line) > cfg["max_words"] or _SENTENCE_END.search(line) or ":" in line:
        return False
    if line.startswith("|"):
        return False  # a table row, as trafilatura writes tables
    if not rules().tag_separators.search(line):
        return False
    connectors = set(cfg["connectors"])
    names: list[str] = []
    current: list[str] = []
    for piece in rules().tag_separators.split(line):
        for word in [*piece.split(), ""]:  # "" closes the item at the end of each piece
            if word and word.lower() not in connectors:
                current.append(word)
                continue
            if current:
                names.append(" ".join(current))
                current = []
    for name in names:
        words = name.split()
        if len(words) > cfg["max_item_words"]:
            return False
        if not all(w[0].isupper() and not any(c.isdigit() for c in w) for w in words):
            return False
    return len(set(names)) >= int(cfg["min_items"])


def _line_reason(line: str) -> str | None:
    for rule in rules().lines:
        if _matches(rule, line):
            return rule.reason
    if _is_tag_line(line):
        return "tags"
    return None


# ---- off-topic paragraphs ---------------------------------------------------------------------


@cache
def _stop_words(language: str) -> frozenset[str]:
    try:
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(getattr(module, "STOP_WORDS", ()))


def _content_words(text: str, language: str) -> list[str]:
    stop = _stop_words(language)
    size = rules().off_topic["stem_chars"]
    out = []
    for word in _WORD.findall(text.lower()):
        base = word[:-2] if word.endswith(("'s", "’s")) else word
        if len(base) < 3 or base in stop or word in stop:
            continue
        out.append(base[:size])  # a crude, language-blind stem: "captured" ~ "capture"
    return out


def _shared(bag: Counter[str], total: Counter[str]) -> float:
    """Share of ``bag``'s words that occur elsewhere (``total`` counts the whole article)."""
    size = sum(bag.values())
    return sum(count for w, count in bag.items() if total[w] > count) / size if size else 0.0


def _cosine_to_rest(
    bag: Counter[str], total: Counter[str], idf: dict[str, float], total_norm_sq: float
) -> float:
    """TF-IDF cosine of ``bag`` and ``total - bag``, without building ``total - bag``."""
    dot = 0.0
    rest_norm_sq = total_norm_sq
    for w, count in bag.items():
        weight = idf[w] ** 2
        rest = total[w] - count
        dot += count * rest * weight
        rest_norm_sq += (rest**2 - total[w] ** 2) * weight
    norm = math.sqrt(sum((count * idf[w]) ** 2 for w, count in bag.items()))
    return dot / (norm * math.sqrt(rest_norm_sq)) if norm and rest_norm_sq > 1e-12 else 0.0


def _names(text: str, language: str, *, skip_first: bool) -> set[str]:
    """Stems of capitalised content words (proper names, in most cased languages)."""
    stop = _stop_words(language)
    size = rules().off_topic["stem_chars"]
    out: set[str] = set()
    for sentence in _SENTENCE_BREAK.split(text):
        words = _WORD.findall(sentence)
        for word in words[1:] if skip_first else words:
            base = re.sub(r"['’]s$", "", word)
            if base[0].isupper() and len(base) >= 2 and base.lower() not in stop:
                out.add(base.lower()[:size])
    return out


def off_topic_paragraphs(
    paragraphs: list[str],
    *,
    language: str,
    title: str | None,
    min_similarity: float,
) -> set[int]:
    """Indexes of paragraphs whose topic is far from the rest of the article.

    Only articles with at least ``min_paragraphs`` substantial paragraphs whose median share
    of words found elsewhere in the article is at least ``min_cohesion`` are judged.
    A sentence is *unanchored* when it is long (15+ content words), shares at most 10% of its
    content words with the rest of the article, and names no one (capitalised word) the rest
    of the article names. A paragraph of 20+ content words goes when unanchored sentences hold
    most of its content words (a pasted-in paragraph, even one opened by a topical hook
    sentence), or when its TF-IDF cosine to the rest is below ``min_similarity`` and it shares
    at most 5% of its words and no name. The first paragraph (the lead) always stays.
    (Thresholds in ``data/boilerplate.json``.)
    """
    cfg = rules().off_topic
    if len(paragraphs) < cfg["min_paragraphs"] or language in _NO_SPACES:
        return set()
    bags = [Counter(_content_words(p, language)) for p in paragraphs]
    names = [Counter(_names(p, language, skip_first=False)) for p in paragraphs]
    title_bag = Counter(_content_words(title or "", language))
    title_names = Counter(_names(title or "", language, skip_first=False))
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    idf = {w: math.log((n + 1) / (df[w] + 1)) + 1 for w in df}
    for w in title_bag:
        idf.setdefault(w, math.log(n + 1) + 1)
    total: Counter[str] = Counter(title_bag)
    total_names: Counter[str] = Counter(title_names)
    for bag, named in zip(bags, names, strict=True):
        total.update(bag)
        total_names.update(named)
    # Only a cohesive article has a topic to stray from: enough substantial paragraphs, most
    # of which share a good part of their words with the others (news: ~0.45 on the seeds;
    # blog posts and shop pages: often 0).
    shares = [_shared(bag, total) for bag in bags if sum(bag.values()) >= cfg["cohesion_min_words"]]
    if len(shares) < cfg["min_paragraphs"]:
        return set()
    if statistics.median(shares) < cfg["min_cohesion"]:
        # A loosely knit article still has a topic to stray from when one paragraph shares
        # nothing at all with it (no content word, no name) while the others do.
        return _isolated_paragraphs(bags, names, total_names, shares=_all_shares(bags, total))
    total_norm_sq = sum((count * idf[w]) ** 2 for w, count in total.items())
    out: set[int] = set()
    for i, (paragraph, bag) in enumerate(zip(paragraphs, bags, strict=True)):
        size = sum(bag.values())
        if i == 0 or size < cfg["min_content_words"]:
            continue
        rest_names = {w for w, count in total_names.items() if count > names[i][w]}
        unanchored = 0
        for sentence in _SENTENCE_BREAK.split(paragraph):
            words = _content_words(sentence, language)
            if len(words) < cfg["sentence_min_words"]:
                continue
            shared = sum(1 for w in words if total[w] > bag[w]) / len(words)
            if shared <= cfg["sentence_max_overlap"] and not (
                _names(sentence, language, skip_first=True) & rest_names
            ):
                unanchored += len(words)
        shared_all = _shared(bag, total)
        similarity = _cosine_to_rest(bag, total, idf, total_norm_sq)
        if unanchored / size >= cfg["unanchored_share"] or (
            similarity < min_similarity
            and shared_all <= cfg["low_similarity_max_overlap"]
            and not names[i].keys() & rest_names
        ):
            log.debug(
                "off-topic paragraph %d (%d words, similarity %.3f, shared %.2f, unanchored %.2f)",
                i,
                size,
                similarity,
                shared_all,
                unanchored / size,
            )
            out.add(i)
    return out


def _all_shares(bags: list[Counter[str]], total: Counter[str]) -> list[float]:
    return [_shared(bag, total) for bag in bags]


def _isolated_paragraphs(
    bags: list[Counter[str]],
    names: list[Counter[str]],
    total_names: Counter[str],
    *,
    shares: list[float],
) -> set[int]:
    """Pasted-in items in a loosely knit article.

    A paragraph (not the lead) of ``isolated_min_words``+ content words goes when it shares at
    most ``isolated_max_overlap`` of them and no name with the rest, brings a cast of its own
    (``isolated_min_new_names``+ names found nowhere else in the article), and the other
    paragraphs share at least ``isolated_min_cohesion`` on median. A pasted sports or market
    item introduces its own people, clubs and places; a human-interest paragraph of the same
    story shares as few words but introduces one person and a place.
    """
    cfg = rules().off_topic
    out: set[int] = set()
    for i, bag in enumerate(bags):
        if i == 0 or bag.total() < cfg["isolated_min_words"]:
            continue
        others = [share for j, share in enumerate(shares) if j != i and bags[j].total() > 0]
        rest_names = {w for w, count in total_names.items() if count > names[i][w]}
        new_names = names[i].keys() - rest_names
        if (
            shares[i] <= cfg["isolated_max_overlap"]
            and not names[i].keys() & rest_names
            and len(new_names) >= cfg["isolated_min_new_names"]
            and others
            and statistics.median(others) >= cfg["isolated_min_cohesion"]
        ):
            log.debug("isolated paragraph %d (shared %.2f)", i, shares[i])
            out.add(i)
    return out


# ---- the stage ----------------------------------------------------------------------------------


def _normalize_line(line: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def clean_article(raw: RawArticle, *, config: Config) -> CleanedArticle:
    """Clean one article: see the module docstring for the rules and their order."""
    cfg = rules()
    lines = [_normalize_line(line) for line in raw.text.split("\n")]
    kept: list[tuple[int, str]] = [(i, line) for i, line in enumerate(lines) if line]
    removed: list[tuple[int, Removed]] = []
    credits: list[str] = []

    def drop(index: int, text: str, reason: str) -> None:
        removed.append((index, Removed(text=text, reason=reason)))

    def cut_tail(
        patterns: tuple[re.Pattern[str], ...], reason: str, words: int, *, anywhere: bool = False
    ) -> None:
        """From the first line (of the second half, unless ``anywhere``) that a pattern finds,
        every line goes."""
        for position, (_, line) in enumerate(kept):
            if position == 0 or _words(line) > words:
                continue
            if not anywhere and position < len(kept) / 2:
                continue
            if any(pattern.search(line) for pattern in patterns):
                for later_index, later in kept[position:]:
                    drop(later_index, later, reason)
                del kept[position:]
                return

    # 1. a reader-comment section: its heading in the second half (or a line that opens a
    # debate anywhere), and all after it
    cut_tail(cfg.comment_section_anywhere, "comments", _HEADING_WORDS, anywhere=True)
    cut_tail(cfg.comment_section, "comments", _HEADING_WORDS)

    # 1b. a comment thread known by its signatures ("Posted by: ann | ... | Report abuse"):
    # from the first of two on
    signed = [
        position
        for position, (_, line) in enumerate(kept)
        if any(pattern.search(line) for pattern in cfg.comment_signature)
    ]
    if len(signed) >= _COMMENT_SIGNATURES:
        for later_index, later in kept[signed[0] :]:
            drop(later_index, later, "comments")
        del kept[signed[0] :]

    # 1c. a print-edition note in the second half ends the article: it and the page's
    # furniture after it go
    cut_tail(cfg.article_end, "boilerplate", len(raw.text))

    # 2-5. line rules
    survivors: list[tuple[int, str]] = []
    for index, line in kept:
        text = line
        for pattern in cfg.image_link:
            for match in pattern.finditer(text):
                drop(index, match.group(0), "image_link")
            text = pattern.sub(" ", text)
        text = _SPACES.sub(" ", text).strip()
        if _PUNCT_ONLY.match(text):
            if text:  # a separator ("* * *") or what is left of a line of image links
                drop(index, text, "empty")
            continue
        credit = next((m for rule in cfg.credit if (m := _matches(rule, text))), None)
        if credit is not None:
            drop(index, text, "credit")
            credits.extend(_credit_names(credit.group("who")))
            continue
        reason = _line_reason(text)
        if reason is not None:
            drop(index, text, reason)
            continue
        survivors.append((index, text))

    # 6. language of the article, then lines in another one
    body = "\n".join(text for _, text in survivors)
    language = article_language(body, raw.text)
    # The script test needs an article written in one script ("Фото: ..." in an English
    # article); a page mixing scripts (lyrics with pinyin) has no single one to stray from.
    scripts = _scripts(body[:_SCRIPT_CHARS])
    script, count = scripts.most_common(1)[0] if scripts else (None, 0)
    if count < cfg.foreign["article_script_share"] * sum(scripts.values()):
        script = None
    native: list[tuple[int, str]] = []
    for index, text in survivors:
        if _is_foreign(text, language=language, script=script):
            drop(index, text, "foreign_language")
        else:
            native.append((index, text))

    # 7. off-topic paragraphs
    gone = off_topic_paragraphs(
        [text for _, text in native],
        language=language,
        title=raw.title,
        min_similarity=config.min_topic_similarity,
    )
    final: list[str] = []
    for position, (index, text) in enumerate(native):
        if position in gone:
            drop(index, text, "off_topic")
        else:
            final.append(text)

    removed.sort(key=lambda item: item[0])  # stable: pieces of one line keep their order
    return CleanedArticle(
        raw=raw,
        text="\n".join(final),
        removed=[piece for _, piece in removed],
        credits=list(dict.fromkeys(credits)),
        language=language,
    )


def clean_stage(work: Work, config: Config) -> dict[str, Any]:
    """Pipeline stage ``clean``: reads ``raw``, writes ``cleaned``."""
    return {"cleaned": clean_article(work.raw, config=config)}
