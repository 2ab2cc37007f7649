"""Analyzed articles as JSON Lines: what ``sitrep add`` reloads instead of re-analyzing.

One line per ``AnalyzedArticle``, its dataclass fields as JSON (spans as two-item lists). The
file lives beside dossier.json (``analyzed.jsonl``); corpus linking runs on these objects only,
so growing a story re-links old and new articles without parsing an old text again.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sitrep.model import (
    AnalyzedArticle,
    Claim,
    ControlClaim,
    Cue,
    DateRange,
    Figure,
    Mention,
    PublishedDate,
    Removed,
    Sentence,
    Source,
    Span,
    Timex,
)

FORMAT = "sitrep.analyzed/1"


def _span(value: Any) -> Span:
    return (int(value[0]), int(value[1]))


def _date(value: Any) -> DateRange | None:
    return DateRange(**value) if value else None


def _source(value: Any) -> Source | None:
    if not value:
        return None
    return Source(**{**value, "span": _span(value["span"])})


def _claim(value: dict[str, Any]) -> Claim:
    return Claim(
        **{
            **value,
            "sentence": _span(value["sentence"]),
            "content_span": _span(value["content_span"]),
            "source": _source(value["source"]),
            "via": [v for v in (_source(x) for x in value["via"]) if v is not None],
            "cue": Cue(text=value["cue"]["text"], span=_span(value["cue"]["span"]))
            if value["cue"]
            else None,
            "as_of": _date(value["as_of"]),
        }
    )


def _figure(value: dict[str, Any]) -> Figure:
    return Figure(
        **{
            **value,
            "span": _span(value["span"]),
            "sentence": _span(value["sentence"]) if value["sentence"] else None,
            "as_of": _date(value["as_of"]),
        }
    )


def _control(value: dict[str, Any]) -> ControlClaim:
    return ControlClaim(
        **{
            **value,
            "place_span": _span(value["place_span"]),
            "sentence": _span(value["sentence"]),
            "since": _date(value["since"]),
            "as_of": _date(value["as_of"]),
        }
    )


def article_from_dict(value: dict[str, Any]) -> AnalyzedArticle:
    """The inverse of ``dataclasses.asdict`` for an ``AnalyzedArticle``."""
    return AnalyzedArticle(
        **{
            **value,
            "published": PublishedDate(**value["published"]),
            "removed": [Removed(**r) for r in value["removed"]],
            "sentences": [Sentence(span=_span(s["span"])) for s in value["sentences"]],
            "mentions": [Mention(**{**m, "span": _span(m["span"])}) for m in value["mentions"]],
            "timexes": [
                Timex(
                    **{
                        **t,
                        "span": _span(t["span"]),
                        "resolved": _date(t["resolved"]),
                        "scope": _span(t["scope"]) if t.get("scope") else None,
                    }
                )
                for t in value["timexes"]
            ],
            "figures": [_figure(f) for f in value["figures"]],
            "claims": [_claim(c) for c in value["claims"]],
            "controls": [_control(c) for c in value["controls"]],
        }
    )


def dumps(articles: list[AnalyzedArticle]) -> str:
    lines = [json.dumps({"format": FORMAT})]
    lines += [json.dumps(asdict(a), ensure_ascii=False) for a in articles]
    return "\n".join(lines) + "\n"


def load(path: Path) -> list[AnalyzedArticle]:
    """Articles saved by a previous build; ``ValueError`` for a file of another format."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or json.loads(lines[0]).get("format") != FORMAT:
        raise ValueError(f"{path} is not a {FORMAT} file")
    return [article_from_dict(json.loads(line)) for line in lines[1:] if line.strip()]
