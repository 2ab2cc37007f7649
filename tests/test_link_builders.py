"""Hand-built analyzed articles for the linking tests (texts invented for these tests).

``make`` finds every annotation by its surface text, so tests read like the article they
describe; the tests at the bottom check the builder itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.model import (
    AnalyzedArticle,
    Claim,
    ControlClaim,
    DateRange,
    Figure,
    Mention,
    PublishedDate,
    Sentence,
    Source,
    Timex,
)

_SPLIT = re.compile(r"(?<=[.!?])\s+")


def day(iso: str) -> DateRange:
    if len(iso) == 7:
        return DateRange(date=iso, earliest=f"{iso}-01", latest=f"{iso}-28")
    return DateRange(date=iso, earliest=iso, latest=iso)


@dataclass
class Fig:
    text: str
    value: float | None
    unit: str | None = None
    counts: str | None = None
    qualifier: str = "exact"
    as_of: str | None = None
    source: str | None = None  # surface text of the claim's source in the same sentence
    via: list[str] = field(default_factory=list)


def _find(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.find(needle, start)
    if i < 0:
        raise ValueError(f"{needle!r} not in text")
    return (i, i + len(needle))


def make(
    doc_id: str,
    text: str,
    *,
    published: str | None = "2025-02-07",
    outlet: str | None = None,
    people: tuple[str, ...] = (),
    orgs: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    groups: tuple[str, ...] = (),
    figures: tuple[Fig, ...] = (),
    timexes: tuple[tuple[str, str], ...] = (),
    controls: tuple[tuple[str, str, str | None], ...] = (),
) -> AnalyzedArticle:
    """An ``AnalyzedArticle`` whose annotations are found by their surface text.

    Every occurrence of each name becomes a mention; ``controls`` are (place, holder, source).
    """
    sentences = []
    pos = 0
    for chunk in _SPLIT.split(text):
        s, e = _find(text, chunk, pos)
        sentences.append(Sentence(span=(s, e)))
        pos = e

    def sentence_at(i: int) -> tuple[int, int]:
        return next(s.span for s in sentences if s.span[0] <= i < s.span[1])

    mentions = []
    taken: set[int] = set()
    kinds = [
        (people, "person", "PERSON"),
        (orgs, "organization", "ORG"),
        (places, "place", "GPE"),
        (groups, "group", "NORP"),
    ]
    for names, kind, label in kinds:
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(re.escape(name), text):
                if m.start() in taken:
                    continue
                taken.update(range(m.start(), m.end()))
                mentions.append(
                    Mention(
                        span=(m.start(), m.end()),
                        text=name,
                        type=kind,
                        label=label,
                        norm=re.sub(r"['’]s$", "", name.removeprefix("the ")),
                    )
                )
    mentions.sort(key=lambda m: m.span)
    claims: list[Claim] = []
    figs: list[Figure] = []
    for n, f in enumerate(figures, start=1):
        span = _find(text, f.text)
        sent = sentence_at(span[0])
        claim_id = None
        if f.source is not None:
            claim_id = f"{doc_id}:c{len(claims) + 1}"
            src_span = _find(text, f.source, sent[0])
            claims.append(
                Claim(
                    id=claim_id,
                    sentence=sent,
                    content_span=sent,
                    source=Source(text=f.source, span=src_span, kind="other", entity=f.source),
                    via=[Source(text=v, span=_find(text, v, sent[0]), kind="media") for v in f.via],
                    as_of=day(f.as_of) if f.as_of else None,
                )
            )
        figs.append(
            Figure(
                id=f"{doc_id}:f{n}",
                span=span,
                text=f.text,
                value=f.value,
                low=f.value,
                high=f.value,
                qualifier=f.qualifier,
                unit=f.unit,
                counts=f.counts,
                claim=claim_id,
                as_of=day(f.as_of) if f.as_of else None,
                sentence=sent,
            )
        )
    tx = []
    for surface, value in timexes:
        span = _find(text, surface)
        tx.append(Timex(span=span, text=surface, type="DATE", value=value, resolved=day(value)))
    ctl = []
    for place, holder, source in controls:
        span = _find(text, place)
        ctl.append(
            ControlClaim(
                place=place,
                place_span=span,
                holder=holder,
                since=None,
                as_of=None,
                claim=None,
                source=source,
                sentence=sentence_at(span[0]),
            )
        )
    pub = PublishedDate(
        date=published,
        earliest=published,
        latest=published,
        method="metadata" if published else "none",
        confidence=1.0 if published else 0.0,
    )
    return AnalyzedArticle(
        id=doc_id,
        source=f"{doc_id}.txt",
        title=None,
        outlet=outlet,
        author=None,
        url=None,
        language="en",
        credits=[],
        published=pub,
        text=text,
        removed=[],
        sentences=sentences,
        mentions=mentions,
        timexes=tx,
        figures=figs,
        claims=claims,
        controls=ctl,
    )


def test_make_finds_spans() -> None:
    art = make(
        "x",
        "Anna Petrova spoke. Anna Petrova left 3 km behind.",
        people=("Anna Petrova",),
        figures=(Fig("3 km", 3, unit="km", source="Anna Petrova"),),
    )
    assert [art.text[m.span[0] : m.span[1]] for m in art.mentions] == ["Anna Petrova"] * 2
    assert len(art.sentences) == 2
    fig = art.figures[0]
    assert art.text[fig.span[0] : fig.span[1]] == "3 km"
    assert fig.sentence == art.sentences[1].span
    assert art.claims[0].source is not None
