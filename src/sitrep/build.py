"""``build``: from inputs to a dossier, a report and a store — the library's main job."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TextIO

from sitrep.config import Config
from sitrep.export import analyzed as analyzed_jsonl
from sitrep.export.dossier import file_sha256, to_dossier
from sitrep.ingest import read_inputs
from sitrep.link import link_corpus
from sitrep.model import AnalyzedArticle, Problem
from sitrep.pipeline import analyze_all

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]


@dataclass(slots=True)
class BuildResult:
    """What a build wrote, and the dossier itself."""

    dossier: dict[str, Any]
    paths: dict[str, Path]
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        d = self.dossier
        return {
            "articles": len(d["documents"]),
            "figures": len(d["figures"]),
            "claims": len(d["claims"]),
            "entities": len(d["entities"]),
            "timeline entries": len(d["timeline"]),
            "stories": len(d["stories"]),
            "problems": len(d["problems"]),
        }


def _input_hashes(inputs: list[str]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for item in inputs:
        path = Path(item)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.is_file():
                out.append({"path": str(f), "sha256": file_sha256(f)})
    return out


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def analyze_inputs(
    inputs: list[str],
    *,
    config: Config,
    stdin: TextIO | None = None,
    progress: ProgressFn | None = None,
    skip: frozenset[str] = frozenset(),
) -> tuple[list[AnalyzedArticle], list[Problem]]:
    """Read and analyze every article; problems collect what could not be read or analyzed.

    Articles whose id is in ``skip`` (already analyzed in the store) are read but not analyzed
    again: each is listed as a problem ("already in the store"), so nothing goes silently.
    """
    raws, problems = read_inputs(inputs, config=config, stdin=stdin)
    problems += [
        Problem(input=raw.source, error=f"already in the store as {raw.id}")
        for raw in raws
        if raw.id in skip
    ]
    raws = [raw for raw in raws if raw.id not in skip]
    analyzed: list[AnalyzedArticle] = []
    total = len(raws)
    for n, (raw, result) in enumerate(analyze_all(raws, config), start=1):
        if isinstance(result, Exception):
            log.warning("analysis of %s failed: %s", raw.source, result)
            problems.append(
                Problem(
                    input=raw.source, error=f"analysis failed: {type(result).__name__}: {result}"
                )
            )
        else:
            analyzed.append(result)
            problems.extend(_unread(result))
        if progress is not None:
            progress(n, total, raw.id)
    return analyzed, problems


def _unread(article: AnalyzedArticle) -> list[Problem]:
    """What a build could not read in an article it keeps: no text, or not English."""
    if not article.text.strip():
        return [
            Problem(
                input=article.source,
                error=f"{article.id}: no article text found (a page that builds its text "
                "with scripts?); only its metadata is used",
            )
        ]
    if article.language != "en":
        return [
            Problem(
                input=article.source,
                error=f"{article.id}: written in {article.language!r}, not English: its text "
                "is kept, but no claims, figures, names or dates are read from it",
            )
        ]
    return []


def build(
    inputs: list[str],
    *,
    out_dir: Path,
    config: Config | None = None,
    stdin: TextIO | None = None,
    progress: ProgressFn | None = None,
) -> BuildResult:
    """Build the dossier of ``inputs`` into ``out_dir``.

    Writes ``dossier.json`` (the ``sitrep.dossier/1`` contract), ``report.html`` (one offline
    file) and ``sitrep.db`` (SQLite). Inputs that cannot be read are listed in the dossier's
    ``problems`` and the build goes on.
    """
    config = config or Config()
    out_dir.mkdir(parents=True, exist_ok=True)
    analyzed, problems = analyze_inputs(inputs, config=config, stdin=stdin, progress=progress)
    hashes = _input_hashes([i for i in inputs if i != "-"])
    return _link_and_write(analyzed, problems, hashes, out_dir=out_dir, config=config)


def add(
    inputs: list[str],
    *,
    out_dir: Path,
    config: Config | None = None,
    stdin: TextIO | None = None,
    progress: ProgressFn | None = None,
) -> BuildResult:
    """Add articles to the build in ``out_dir`` without analyzing its old articles again.

    The old articles come back from ``analyzed.jsonl``; only inputs whose id is new are
    analyzed; the whole corpus is then linked again and every output rewritten. An input whose
    id is already there is listed as a problem ("already in the store"), not analyzed twice.
    Without ``config``, the new articles are analyzed with the options the build recorded
    (its dossier's ``provenance.config``: reference date, contextual attribution...), so that
    old and new articles are read alike.
    """
    saved = out_dir / "analyzed.jsonl"
    if not saved.is_file():
        raise FileNotFoundError(f"{out_dir} holds no sitrep build (no analyzed.jsonl)")
    old = analyzed_jsonl.load(saved)
    previous = json.loads((out_dir / "dossier.json").read_text(encoding="utf-8"))
    config = config or _recorded_config(previous)
    known = frozenset(a.id for a in old)
    new, problems = analyze_inputs(
        inputs, config=config, stdin=stdin, progress=progress, skip=known
    )
    old_problems = [Problem(**p) for p in previous.get("problems", [])]
    # One entry per input path: a file given again keeps its latest hash.
    hashes = list(
        {
            h["path"]: h
            for h in previous["provenance"].get("inputs", [])
            + _input_hashes([i for i in inputs if i != "-"])
        }.values()
    )
    return _link_and_write(
        old + new, old_problems + problems, hashes, out_dir=out_dir, config=config
    )


def _recorded_config(dossier: dict[str, Any]) -> Config:
    """The ``Config`` a dossier records, less any option this version does not know."""
    recorded = dossier.get("provenance", {}).get("config") or {}
    known = {f.name for f in fields(Config)}
    return Config(**{k: v for k, v in recorded.items() if k in known})


def _link_and_write(
    analyzed: list[AnalyzedArticle],
    problems: list[Problem],
    hashes: list[dict[str, str]],
    *,
    out_dir: Path,
    config: Config,
) -> BuildResult:
    from sitrep.report import render_report
    from sitrep.store import write_store

    # the per-article analysis as it stands before linking, which sets claim sources to this
    # build's entity ids in place: ``add`` links the saved articles again, by their names
    saved = analyzed_jsonl.dumps(analyzed)
    corpus = link_corpus(analyzed, config=config)
    dossier = to_dossier(corpus, problems=problems, config=config, inputs=hashes)
    paths = {
        "dossier": out_dir / "dossier.json",
        "report": out_dir / "report.html",
        "store": out_dir / "sitrep.db",
        "analyzed": out_dir / "analyzed.jsonl",
    }
    _write_atomic(paths["analyzed"], saved)
    _write_atomic(paths["dossier"], json.dumps(dossier, ensure_ascii=False, indent=1))
    _write_atomic(paths["report"], render_report(dossier))
    write_store(dossier, paths["store"])
    return BuildResult(dossier=dossier, paths=paths, problems=problems)
