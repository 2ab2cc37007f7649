"""The ``sitrep.dossier/1`` JSON document: built from a linked corpus, validated by its schema."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from sitrep.config import Config
from sitrep.gazetteer import source as gazetteer_source
from sitrep.model import (
    AnalyzedArticle,
    Claim,
    Corpus,
    DateRange,
    Figure,
    Problem,
    Source,
    Span,
)

SCHEMA_ID = "sitrep.dossier/1"


def _date(d: DateRange | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"date": d.date, "earliest": d.earliest, "latest": d.latest}


def _span(span: Span) -> list[int]:
    return [span[0], span[1]]


def _package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def provenance(config: Config, inputs: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "sitrep": _package_version("sitrep"),
        "config": config.as_dict(),
        "models": {
            "spacy": _package_version("spacy"),
            config.spacy_model: _package_version(config.spacy_model.replace("_", "-")),
            "gazetteer": gazetteer_source(),
            "trafilatura": _package_version("trafilatura"),
            "htmldate": _package_version("htmldate"),
        },
        "inputs": inputs,
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }


class _EntityLookup:
    """Entity id of a span in an article, through the mention → entity map of linking."""

    def __init__(self, corpus: Corpus) -> None:
        self._by_doc = corpus.mention_entities
        self._ids = {e.id for e in corpus.entities}

    def of_source(self, doc_id: str, src: Source) -> str | None:
        """A source's entity: the one linking resolved it to (the name before an apposition,
        a "he" that carries an earlier speaker, a name the tagger read without a mention),
        else the mention at its span."""
        return src.entity if src.entity in self._ids else self.at(doc_id, src.span)

    def at(self, doc_id: str, span: Span) -> str | None:
        spans = self._by_doc.get(doc_id, {})
        hit = spans.get(span)
        if hit is not None:
            return hit
        best: tuple[int, str] | None = None
        for (start, end), eid in spans.items():
            overlap = min(end, span[1]) - max(start, span[0])
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, eid)
        return best[1] if best else None


def _source(src: Source | None, doc_id: str, entities: _EntityLookup) -> dict[str, Any] | None:
    if src is None:
        return None
    return {
        "text": src.text,
        "span": _span(src.span),
        "entity": entities.of_source(doc_id, src),
        "kind": src.kind,
    }


def _claim(c: Claim, art: AnalyzedArticle, entities: _EntityLookup) -> dict[str, Any]:
    return {
        "id": c.id,
        "document": art.id,
        "sentence": art.text[c.sentence[0] : c.sentence[1]],
        "span": _span(c.sentence),
        "content_span": _span(c.content_span),
        "source": _source(c.source, art.id, entities),
        "via": [_source(v, art.id, entities) for v in c.via],
        "cue": {"text": c.cue.text, "span": _span(c.cue.span)} if c.cue else None,
        "hedges": list(c.hedges),
        "polarity": c.polarity,
        "status": c.status,
        "as_of": _date(c.as_of),
        "checkworthiness": round(c.checkworthiness, 3),
    }


def _figure(f: Figure, art: AnalyzedArticle) -> dict[str, Any]:
    return {
        "id": f.id,
        "document": art.id,
        "claim": f.claim,
        "text": f.text,
        "span": _span(f.span),
        "value": f.value,
        "low": f.low,
        "high": f.high,
        "qualifier": f.qualifier,
        "unit": f.unit,
        "counts": f.counts,
        "change": f.change,
        "as_of": _date(f.as_of),
        "sentence_span": _span(f.sentence) if f.sentence else None,
    }


def _document(art: AnalyzedArticle, corpus: Corpus) -> dict[str, Any]:
    dup = next((d for d in corpus.duplicates if d.document == art.id), None)
    pub = art.published
    return {
        "id": art.id,
        "source": art.source,
        "url": art.url,
        "format": art.format,
        "title": art.title,
        "outlet": art.outlet,
        "author": art.author,
        "language": art.language,
        "credits": list(art.credits),
        "published": {
            "date": pub.date,
            "earliest": pub.earliest,
            "latest": pub.latest,
            "method": pub.method,
            "confidence": round(pub.confidence, 3),
            "evidence": list(pub.evidence),
        },
        "text": art.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in art.removed],
        "story": corpus.story_of.get(art.id),
        "duplicate_of": dup.duplicate_of if dup else None,
        "duplicate_evidence": dup.evidence if dup else None,
        "sentences": [_span(s.span) for s in art.sentences],
        "time_expressions": [
            {
                "text": t.text,
                "span": _span(t.span),
                "type": t.type,
                "value": t.value,
                "resolved": _date(t.resolved),
            }
            for t in art.timexes
        ],
    }


def to_dossier(
    corpus: Corpus,
    *,
    problems: list[Problem],
    config: Config,
    inputs: list[dict[str, str]],
) -> dict[str, Any]:
    """The dossier dict for ``corpus``; ``json.dumps`` of it is ``dossier.json``."""
    entities = _EntityLookup(corpus)
    arts = sorted(corpus.articles, key=lambda a: a.id)
    claims = [_claim(c, a, entities) for a in arts for c in a.claims]
    figures = [_figure(f, a) for a in arts for f in a.figures]
    tracks = []
    for t in corpus.tracks:
        diffs = [asdict(d) for d in t.differences]
        tracks.append(
            {
                "id": t.id,
                "measure": t.measure,
                "unit": t.unit,
                "figures": list(t.figures),
                "differences": diffs,
                "disagreements": [
                    {"figures": d["figures"], "note": d["note"]}
                    for d in diffs
                    if d["kind"] == "disagreement"
                ],
            }
        )
    return {
        "schema": SCHEMA_ID,
        "provenance": provenance(config, inputs),
        "problems": [{"input": p.input, "error": p.error} for p in problems],
        "brief": list(corpus.brief),
        "documents": [_document(a, corpus) for a in arts],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "documents": list(e.documents),
                "mentions": e.mentions,
                "geo": asdict(e.geo) if e.geo else None,
            }
            for e in corpus.entities
        ],
        "claims": claims,
        "figures": figures,
        "events": [
            {
                "id": ev.id,
                "date": _date(ev.date),
                "text": ev.text,
                "documents": list(ev.documents),
                "claims": list(ev.claims),
                "evidence": [{"document": x.document, "span": _span(x.span)} for x in ev.evidence],
            }
            for ev in corpus.events
        ],
        "controls": [
            {
                "place": c.place,
                "holder": c.holder,
                "since": _date(c.since),
                "as_of": _date(c.as_of),
                "claim": c.claim,
                "source": c.source,
                "document": c.document,
                "span": _span(c.span),
            }
            for c in corpus.controls
        ],
        "tracks": tracks,
        "timeline": [
            {
                "date": t.date,
                "summary": list(t.summary),
                "evidence": [{"document": x.document, "span": _span(x.span)} for x in t.evidence],
                "sources": list(t.sources),
            }
            for t in corpus.timeline
        ],
        "stories": [
            {"id": s.id, "label": s.label, "documents": list(s.documents)} for s in corpus.stories
        ],
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of ``sitrep.dossier/1`` (kept in this package, tested)."""
    text = resources.files("sitrep.export").joinpath("dossier.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(dossier: dict[str, Any]) -> list[str]:
    """Schema violations of ``dossier``, as readable lines (empty when valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    return [
        f"{'/'.join(str(p) for p in err.absolute_path) or '(root)'}: {err.message}"
        for err in sorted(validator.iter_errors(dossier), key=lambda e: list(e.absolute_path))
    ]
