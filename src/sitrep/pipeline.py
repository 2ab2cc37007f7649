"""Stage registry and orchestrator.

A build runs these stages, in this order.

Per article (pure: ``RawArticle -> AnalyzedArticle``, no I/O, no shared state):

1. ``clean``      raw text -> cleaned text, ``removed[]``, ``credits[]``   (sitrep.clean)
2. ``parse``      cleaned text -> spaCy ``Doc``, sentences                 (sitrep.text.nlp)
3. ``mentions``   Doc -> entity mentions (spaCy NER + gazetteer + rules)   (sitrep.text.entities)
4. ``timex``      text -> time expressions, not yet anchored               (sitrep.time.timex)
5. ``published``  metadata + time expressions -> publication date           (sitrep.time.pubdate)
6. ``anchor``     time expressions anchored to the publication date         (sitrep.time.timex)
7. ``scope``      Doc -> the clause each time expression dates              (sitrep.time.scope)
8. ``figures``    Doc -> figures with qualifier, unit, what is counted      (sitrep.figures)
9. ``claims``     Doc + mentions -> claims with source, cue, hedges         (sitrep.claims)
10. ``as_of``     claims, figures <- the date each one refers to            (sitrep.time.asof)
11. ``controls``  claims + mentions -> who is said to hold which place      (sitrep.controls)

Stages 2-4 and 6-11 read English: an article in another language (``CleanedArticle.language``)
keeps its text and metadata date, and they give it no sentences, mentions, figures or claims
(the build lists it as a problem: nothing is dropped without a word).

Per corpus (on analyzed articles only, never re-parsing text): see ``sitrep.link.link_corpus``.

Each stage is a plain function ``(work, config) -> dict`` that returns exactly the fields it
declares in ``writes``; the registry checks at import time that every field a stage reads was
written by an earlier stage, and at run time that a stage wrote what it declared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sitrep.config import Config
from sitrep.model import (
    AnalyzedArticle,
    Claim,
    CleanedArticle,
    ControlClaim,
    Figure,
    Mention,
    PublishedDate,
    RawArticle,
    Sentence,
    Timex,
)


@dataclass(slots=True)
class Work:
    """What the per-article stages read and write; lives only while one article is analyzed."""

    raw: RawArticle
    cleaned: CleanedArticle | None = None
    doc: Any = None  # spacy.tokens.Doc; kept out of the data model because it does not pickle small
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    published: PublishedDate | None = None
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    controls: list[ControlClaim] = field(default_factory=list)


StageFn = Callable[[Work, Config], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    fn: StageFn
    reads: tuple[str, ...]
    writes: tuple[str, ...]


def _stages() -> list[Stage]:
    # Imported here so that importing sitrep.pipeline stays cheap for the CLI's --help.
    from sitrep import claims, clean, controls, figures
    from sitrep.text import entities, nlp
    from sitrep.time import asof, pubdate, scope, timex

    return [
        Stage("clean", clean.clean_stage, reads=("raw",), writes=("cleaned",)),
        Stage("parse", nlp.parse_stage, reads=("cleaned",), writes=("doc", "sentences")),
        Stage("mentions", entities.mentions_stage, reads=("doc",), writes=("mentions",)),
        Stage("timex", timex.timex_stage, reads=("cleaned", "sentences"), writes=("timexes",)),
        Stage(
            "published",
            pubdate.published_stage,
            reads=("raw", "cleaned", "timexes", "sentences"),
            writes=("published",),
        ),
        Stage("anchor", timex.anchor_stage, reads=("timexes", "published"), writes=("timexes",)),
        Stage("scope", scope.scope_stage, reads=("doc", "timexes"), writes=("timexes",)),
        Stage("figures", figures.figures_stage, reads=("doc",), writes=("figures",)),
        Stage(
            "claims",
            claims.claims_stage,
            reads=("doc", "mentions", "figures"),
            writes=("claims", "figures"),
        ),
        Stage(
            "as_of",
            asof.as_of_stage,
            reads=("cleaned", "claims", "figures", "timexes", "published", "sentences"),
            writes=("claims", "figures"),
        ),
        Stage(
            "controls",
            controls.controls_stage,
            reads=("doc", "mentions", "claims", "timexes"),
            writes=("controls",),
        ),
    ]


def check_order(stages: Iterable[Stage]) -> None:
    """Raise ``ValueError`` if a stage reads a field no earlier stage wrote."""
    written = {"raw"}
    for stage in stages:
        missing = [name for name in stage.reads if name not in written]
        if missing:
            raise ValueError(f"stage {stage.name!r} reads {missing} before any stage writes them")
        written.update(stage.writes)


_REGISTRY: list[Stage] | None = None


def stages() -> list[Stage]:
    """The per-article stages, in order (checked once)."""
    global _REGISTRY
    if _REGISTRY is None:
        registry = _stages()
        check_order(registry)
        _REGISTRY = registry
    return _REGISTRY


# The stages that read English: an article in another language gets nothing from them (no
# parse, empty lists, each article its own).
_ENGLISH_ONLY = frozenset(
    {"parse", "mentions", "timex", "anchor", "scope", "figures", "claims", "as_of", "controls"}
)


def analyze_article(raw: RawArticle, config: Config) -> AnalyzedArticle:
    """Run every per-article stage on one article. Pure: same input, same output."""
    work = Work(raw=raw)
    for stage in stages():
        foreign = work.cleaned is not None and work.cleaned.language != "en"
        out: dict[str, Any]
        if foreign and stage.name in _ENGLISH_ONLY:
            out = {name: None if name == "doc" else [] for name in stage.writes}
        else:
            out = stage.fn(work, config)
        if set(out) != set(stage.writes):
            raise RuntimeError(f"stage {stage.name!r} wrote {sorted(out)}, declared {stage.writes}")
        for name, value in out.items():
            setattr(work, name, value)
    cleaned = work.cleaned
    published = work.published
    if cleaned is None or published is None:  # the stages above always set both
        raise RuntimeError("per-article stages did not produce a cleaned text and a date")
    return AnalyzedArticle(
        id=raw.id,
        source=raw.source,
        title=raw.title,
        outlet=raw.outlet,
        author=raw.author,
        url=raw.url,
        language=cleaned.language,
        credits=cleaned.credits,
        published=published,
        text=cleaned.text,
        removed=cleaned.removed,
        sentences=work.sentences,
        mentions=work.mentions,
        timexes=work.timexes,
        figures=work.figures,
        claims=work.claims,
        controls=work.controls,
        format=raw.format,
        crawl_date=raw.crawl_date,
    )


def _one_blas_thread(contextual: bool = False) -> None:
    """A pool worker multiplies its matrices on one thread: the pool already fills the cores
    (the models run their products through NumPy's BLAS, ``text.nlp.use_numpy_gemm``; the
    contextual tagger through torch's own threads)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    if contextual:
        import torch

        torch.set_num_threads(1)


def analyze_all(
    raws: Iterable[RawArticle], config: Config
) -> Iterator[tuple[RawArticle, AnalyzedArticle | Exception]]:
    """Analyze articles one by one (or in a process pool when ``config.workers > 1``).

    Yields each raw article with its analysis, or with the exception that stopped it, so that
    one bad article never stops the batch.
    """
    items = list(raws)
    if config.workers <= 1:
        for raw in items:
            try:
                yield raw, analyze_article(raw, config)
            except Exception as exc:  # noqa: BLE001 - reported as a problem, batch goes on
                yield raw, exc
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=config.workers,
        initializer=_one_blas_thread,
        initargs=(config.attribution_contextual,),
    ) as pool:
        futures = [pool.submit(analyze_article, raw, config) for raw in items]
        for raw, future in zip(items, futures, strict=True):
            try:
                yield raw, future.result()
            except Exception as exc:  # noqa: BLE001
                yield raw, exc
