"""Corpus linking: what the analyzed articles say together.

Works on ``AnalyzedArticle`` objects only (never re-parses text). ``link_corpus`` runs, in order:

0. ``refine_dates``  publication dates refined from the corpus     (sitrep.time.corpusdate)
1. ``dedup``         exact, near and paraphrased duplicates        (link.dedup)
2. ``stories``       one pass in date order, TF-IDF + entity names (link.stories)
3. ``entities``      mentions merged into entities; claim sources  (link.entities)
                     linked to entity ids
4. ``places``        place entities geocoded offline               (link.places)
5. ``labels``        story labels from their top entities          (link.stories)
6. ``controls``      who holds which place, with entity ids        (link.controls)
7. ``tracks``        figures of one measure, with changes,         (link.tracks)
                     disagreements and agreements
8. ``events``        dated event sentences merged across articles  (link.events)
9. ``timeline``      key dates with their best supported sentences (link.timeline)
10. ``brief``        at most ten sentences: known, disputed, by whom (link.brief)

Duplicates stay in the corpus (every article has a story and its entities) but their figures
and events are not counted twice.
"""

from __future__ import annotations

import dataclasses
import logging
import time

from sitrep.config import Config
from sitrep.link.brief import build_brief
from sitrep.link.controls import control_mentions, link_controls
from sitrep.link.dedup import find_duplicates, novel_sentences
from sitrep.link.entities import EntityIndex, link_entities
from sitrep.link.events import build_events
from sitrep.link.places import geocode_entities
from sitrep.link.stories import build_stories, split_stories
from sitrep.link.timeline import build_timeline
from sitrep.link.tracks import build_tracks
from sitrep.model import AnalyzedArticle, CleanedArticle, Corpus, Duplicate, RawArticle, Span
from sitrep.pipeline import Work
from sitrep.time import asof, corpusdate, normalize

__all__ = ["EntityIndex", "link_corpus", "refine_dates"]

log = logging.getLogger(__name__)


def _novel_of_paraphrases(
    articles: list[AnalyzedArticle], duplicates: list[Duplicate]
) -> dict[str, set[Span]]:
    """For each paraphrased duplicate, the sentences it adds to the story it rewords.

    Copies add nothing and stay out of events; a rewrite counts as a source only for what its
    original does not say (a declaration made the next day), never for the facts it repeats.
    """
    by_id = {a.id: a for a in articles}
    out: dict[str, set[Span]] = {}
    for dup in duplicates:
        if not dup.evidence.startswith("paraphrase"):
            continue
        spans = novel_sentences(by_id[dup.document], by_id[dup.duplicate_of])
        out[dup.document] = set(spans)
    return out


def refine_dates(articles: list[AnalyzedArticle], *, config: Config) -> list[AnalyzedArticle]:
    """Step 0, the one call into the date stage: publication dates refined with the corpus.

    An article whose date changes is replaced by a copy with the new date, its time
    expressions re-anchored on it and its claims' and figures' ``as_of`` recomputed (the
    ``as_of`` stage reads no parse, so it re-runs here on the analyzed data).
    """
    changed = corpusdate.refine_with_corpus(articles, reference=config.reference_date)
    out = []
    for art in articles:
        new = changed.get(art.id)
        if new is None:
            out.append(art)
            continue
        dct = normalize.anchor_date(new.date, new.earliest, new.latest)
        timexes = normalize.anchor_timexes(art.timexes, dct=dct)
        raw = RawArticle(id=art.id, source=art.source, text="")
        work = Work(
            raw=raw,
            cleaned=CleanedArticle(raw=raw, text=art.text),
            sentences=art.sentences,
            timexes=timexes,
            published=new,
            claims=art.claims,
            figures=art.figures,
        )
        redone = asof.as_of_stage(work, config)
        log.info("publication date of %s refined from the corpus: %s", art.id, new.date)
        out.append(
            dataclasses.replace(
                art,
                published=new,
                timexes=timexes,
                claims=redone["claims"],
                figures=redone["figures"],
            )
        )
    return out


def link_corpus(articles: list[AnalyzedArticle], *, config: Config) -> Corpus:
    """Link ``articles`` into a ``Corpus`` (steps in the module docstring).

    Claim sources (``Source.entity``) of the articles are set to entity ids in place.
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = now - clock
        clock = now

    articles = refine_dates(list(articles), config=config)
    lap("refine_dates")
    duplicates = find_duplicates(articles)
    skip = {d.document for d in duplicates}
    novel = _novel_of_paraphrases(articles, duplicates)
    lap("dedup")
    story_of = split_stories(articles, duplicates=duplicates)
    lap("stories")
    index = link_entities(articles, story_of=story_of, extra=control_mentions(articles))
    lap("entities")
    geocode_entities(index.entities, story_of=story_of)
    lap("places")
    stories = build_stories(
        articles, story_of, entities=index.entities, mention_entities=index.mention_entities
    )
    lap("labels")
    controls = link_controls(articles, index)
    lap("controls")
    tracks = build_tracks(articles, story_of=story_of, index=index, skip=skip)
    lap("tracks")
    events = build_events(
        articles, mention_entities=index.mention_entities, skip=skip - novel.keys(), only=novel
    )
    lap("events")
    timeline = build_timeline(events, articles, index=index)
    lap("timeline")
    brief = build_brief(
        articles=articles,
        stories=stories,
        duplicates=duplicates,
        events=events,
        tracks=tracks,
        controls=controls,
        index=index,
    )
    lap("brief")
    log.info("linked %d articles: %s", len(articles), {k: round(v, 3) for k, v in timings.items()})
    return Corpus(
        articles=articles,
        entities=index.entities,
        mention_entities=index.mention_entities,
        events=events,
        controls=controls,
        tracks=tracks,
        timeline=timeline,
        stories=stories,
        duplicates=duplicates,
        story_of=story_of,
        brief=brief,
    )
