"""The ``sitrep`` command line: the only module that prints; commands parse and call the library.

Exit codes:
    0  done, every input read
    1  done, but some inputs could not be read or analyzed (listed in the dossier's problems)
    2  bad usage (unknown option, missing argument)
    3  nothing to work on: no input could be read
    4  an output failed validation
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_NOTHING = 3
EXIT_INVALID = 4

app = typer.Typer(
    name="sitrep",
    help="Turn the coverage of a developing news story into a sourced situation report.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(
    help="Score sitrep's stages on standard evaluation data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

_CONTEXTUAL_HELP = (
    "Attribution with the fine-tuned transformer mixed into the tagger: more accurate, "
    "several times slower; needs the contextual extra (scripts/setup --contextual)."
)


def _need_contextual() -> None:
    """Exit 2 with the fix when the ``contextual`` extra is not installed."""
    try:
        import sitrep.attribution_contextual as contextual

        contextual.base_model_dir()
    except ImportError as exc:
        print(
            f"--contextual needs the contextual extra ({exc.name or exc} is missing): "
            "run scripts/setup --contextual",
            file=sys.stderr,
        )
        raise typer.Exit(2) from exc


@app.callback()
def _root(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what each stage does to stderr.")
    ] = False,
) -> None:
    """sitrep: a sourced situation report from a pile of news coverage."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,  # problems are printed by build
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@app.command()
def build(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt .md .html .htm .json .jsonl, feeds .rss .atom .xml, web archives "
            ".warc .warc.gz), folders (read recursively), or - for standard input.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for dossier.json, report.html, sitrep.db.")
    ] = Path("sitrep-out"),
    workers: Annotated[
        int, typer.Option(min=1, help="Processes for the per-article analysis.")
    ] = 1,
    reference_date: Annotated[
        str | None,
        typer.Option(
            help="ISO date taken as 'today' when dating undated articles "
            "(default: today's date bounds guesses from above)."
        ),
    ] = None,
    contextual: Annotated[bool, typer.Option(help=_CONTEXTUAL_HELP)] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")
    ] = False,
) -> None:
    """Build the dossier, the HTML report and the SQLite store of a story's articles."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from sitrep.build import build as run_build
    from sitrep.config import Config

    err = Console(stderr=True)
    if contextual:
        _need_contextual()
    config = Config(
        workers=workers, reference_date=reference_date, attribution_contextual=contextual
    )
    stdin = sys.stdin if "-" in inputs else None
    with Progress(
        TextColumn("analyzing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=err,
        disable=quiet,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, doc_id: str) -> None:
            bar.update(task, completed=done, total=total, description=doc_id)

        result = run_build(inputs, out_dir=out, config=config, stdin=stdin, progress=progress)
    for problem in result.problems:
        err.print(f"[yellow]problem[/yellow] {problem.input}: {problem.error}", highlight=False)
    if not quiet:
        summary = result.summary()
        print(", ".join(f"{n} {name}" for name, n in summary.items()))
        print(f"dossier: {result.paths['dossier']}")
        print(f"report:  {result.paths['report']}")
        print(f"store:   {result.paths['store']}")
    if not result.dossier["documents"]:
        raise typer.Exit(EXIT_NOTHING)
    raise typer.Exit(EXIT_PROBLEMS if result.problems else EXIT_OK)


@app.command()
def add(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="More articles: files, folders or - (as for build).", show_default=False
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="The folder of an earlier sitrep build to grow (rewritten)."
        ),
    ] = Path("sitrep-out"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Add articles to a build: only the new ones are analyzed (with the options the build
    recorded: reference date, --contextual), then the story is re-linked."""
    from sitrep.build import add as run_add

    stdin = sys.stdin if "-" in inputs else None
    try:
        result = run_add(inputs, out_dir=out, stdin=stdin)
    except (FileNotFoundError, ValueError) as exc:
        print(f"cannot add to {out}: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING) from exc
    if not quiet:
        summary = result.summary()
        print(", ".join(f"{n} {name}" for name, n in summary.items()))
        print(f"dossier: {result.paths['dossier']}")
    raise typer.Exit(EXIT_PROBLEMS if result.dossier["problems"] else EXIT_OK)


@app.command()
def validate(
    dossier: Annotated[Path, typer.Argument(help="A dossier.json written by sitrep build.")],
) -> None:
    """Check a dossier.json against the sitrep.dossier/1 JSON Schema."""
    from sitrep.export.dossier import validate as run_validate

    try:
        data = json.loads(dossier.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cannot read {dossier}: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING) from exc
    errors = run_validate(data)
    for line in errors:
        print(line)
    if errors:
        raise typer.Exit(EXIT_INVALID)
    print(f"{dossier}: valid sitrep.dossier/1")


def _print_scores(scores: dict[str, Any], *, as_json: bool) -> None:
    """Scores as JSON, or as indented ``name: value`` lines for a person."""
    if as_json:
        print(json.dumps(scores, indent=1, ensure_ascii=False))
        return

    def walk(node: Any, indent: str) -> None:
        for key, value in node.items():
            if isinstance(value, dict):
                print(f"{indent}{key}:")
                walk(value, indent + "  ")
            elif isinstance(value, float):
                print(f"{indent}{key}: {value:.4f}")
            elif isinstance(value, list) and len(value) > 8:
                print(f"{indent}{key}: [{len(value)} items]")
            else:
                print(f"{indent}{key}: {value}")

    walk(scores, "")


_PRED_OUT_HELP = "Write the predictions here, in the gold's own format, for independent scoring."
_JSON_HELP = "Print the scores as JSON."
_LIMIT_HELP = "Score only the first N documents (a quick look, not a result)."


@eval_app.command("timex")
def eval_timex(
    data_dir: Annotated[
        Path,
        typer.Argument(
            help="A folder of TimeML .tml files (TBAQ, WikiWars) or MEANTIME CAT XML.",
            exists=True,
            file_okay=False,
        ),
    ],
    pred_out: Annotated[Path | None, typer.Option(help=_PRED_OUT_HELP)] = None,
    limit: Annotated[int | None, typer.Option(help=_LIMIT_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
) -> None:
    """Score time expressions with TempEval-3's measures (extent, type, value).

    Each document is tagged with its creation time as anchor; one without it is anchored
    where its text dates itself, as a build anchors an undated article.
    """
    from sitrep.evaluate.timex import evaluate_timex

    _print_scores(evaluate_timex(data_dir, pred_out=pred_out, limit=limit), as_json=as_json)


@eval_app.command("pubdate")
def eval_pubdate(
    data_dir: Annotated[
        Path,
        typer.Argument(
            help="TimeML files (their DCT is hidden) or a T17 folder "
            "(<topic>/InputDocs/YYYY-MM-DD/*.txt; the date folders are hidden).",
            exists=True,
            file_okay=False,
        ),
    ],
    limit: Annotated[int | None, typer.Option(help=_LIMIT_HELP)] = None,
    by: Annotated[
        str,
        typer.Option(
            help="T17 corpora: 'story' (the outlet folders of one story, bpoil_bbc and "
            "bpoil_reuters, dated together) or 'folder' (each folder alone)."
        ),
    ] = "story",
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
) -> None:
    """Score publication dates inferred from content: exact, ±1 day, ±7 days, wrong year.

    Each article is cleaned and dated as a build dates one with no metadata.
    """
    from sitrep.evaluate.pubdate import evaluate_pubdate

    if by not in {"story", "folder"}:
        raise typer.BadParameter("--by must be 'story' or 'folder'")
    _print_scores(evaluate_pubdate(data_dir, limit=limit, by=by), as_json=as_json)


@eval_app.command("figures")
def eval_figures(
    path: Annotated[
        Path,
        typer.Argument(help="A NewsQuant JSON file (sentences with gold quantities).", exists=True),
    ],
    pred_out: Annotated[Path | None, typer.Option(help=_PRED_OUT_HELP)] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N sentences.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
) -> None:
    """Score figures on NewsQuant: value+unit and value-only F1 as CQE reports them."""
    from sitrep.evaluate.figures import evaluate_figures

    _print_scores(evaluate_figures(path, pred_out=pred_out, limit=limit), as_json=as_json)


@eval_app.command("attribution")
def eval_attribution(
    data_dir: Annotated[
        Path,
        typer.Argument(help="The PolNeAR folder.", exists=True, file_okay=False),
    ],
    split: Annotated[str, typer.Option(help="Which split to score: train, dev or test.")] = "dev",
    system: Annotated[
        str,
        typer.Option(
            help="sitrep (the product's claims stage: rules and the trained tagger), rules "
            "(the rules alone) or tagger (the trained BIO tagger alone)."
        ),
    ] = "sitrep",
    contextual: Annotated[bool, typer.Option(help=_CONTEXTUAL_HELP)] = False,
    pred_out: Annotated[Path | None, typer.Option(help=_PRED_OUT_HELP)] = None,
    limit: Annotated[int | None, typer.Option(help=_LIMIT_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
) -> None:
    """Score attribution on PolNeAR: exact-span P/R/F1 for source, cue and content."""
    from sitrep.evaluate.attribution import evaluate_attribution

    if system not in {"sitrep", "rules", "tagger"}:
        print(f"unknown system {system!r}: choose sitrep, rules or tagger", file=sys.stderr)
        raise typer.Exit(2)
    if contextual:
        _need_contextual()
    scores = evaluate_attribution(
        data_dir, split=split, pred_out=pred_out, limit=limit, system=system, contextual=contextual
    )
    _print_scores(scores, as_json=as_json)


@eval_app.command("checkworthy")
def eval_checkworthy(
    path: Annotated[
        Path,
        typer.Argument(
            help="A CheckThat! 2024 TSV file (Sentence_id, Text, class_label).", exists=True
        ),
    ],
    pred_out: Annotated[Path | None, typer.Option(help=_PRED_OUT_HELP)] = None,
    threshold: Annotated[
        float | None, typer.Option(help="Score above which a sentence is check-worthy.")
    ] = None,
    baseline: Annotated[
        bool, typer.Option(help="Also score the transparent hand-weighted baseline.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
) -> None:
    """Score check-worthiness: positive-class F1 as CheckThat! 2024 reports it."""
    from sitrep.evaluate.checkworthy import evaluate_checkworthy

    scores = evaluate_checkworthy(path, pred_out=pred_out, threshold=threshold, baseline=baseline)
    _print_scores(scores, as_json=as_json)


@eval_app.command("timeline")
def eval_timeline(
    data_dir: Annotated[
        Path,
        typer.Argument(
            help="A T17 folder: <topic_source>/InputDocs/YYYY-MM-DD/*.txt and timelines/*.txt.",
            exists=True,
            file_okay=False,
        ),
    ],
    pred_out: Annotated[
        Path | None,
        typer.Option(help="Write one tilse timeline per gold timeline, at <topic>/<gold file>."),
    ] = None,
    topic: Annotated[
        list[str] | None, typer.Option(help="Only these topic folders (repeatable).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
) -> None:
    """Score timelines on T17: alignment-based ROUGE-1/2 (align+ m:1 ...) and Date-F1."""
    from sitrep.evaluate.timeline import evaluate_timeline

    scores = evaluate_timeline(data_dir, pred_out=pred_out, topics=topic)
    _print_scores(scores, as_json=as_json)


@eval_app.command("stories")
def eval_stories(
    t17_dir: Annotated[
        Path,
        typer.Argument(help="A T17 folder; each article's label is its topic.", exists=True),
    ],
    distractors: Annotated[
        Path | None,
        typer.Option(help="A PolNeAR folder whose articles are mixed in as distractors."),
    ] = None,
    limit: Annotated[int | None, typer.Option(help=_LIMIT_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
) -> None:
    """Score story splitting: BCubed precision, recall and F1 over the T17 articles."""
    from sitrep.evaluate.stories import evaluate_stories

    _print_scores(evaluate_stories(t17_dir, distractors, limit=limit), as_json=as_json)


_EXPORTS = ("tilse", "newstls", "timelinejs", "geojson")


@app.command()
def export(
    dossier: Annotated[
        Path,
        typer.Argument(help="A dossier.json, or the --out folder of sitrep build.", exists=True),
    ],
    to: Annotated[
        str,
        typer.Option(
            "--to",
            "-t",
            help="tilse (timeline, tilse text), newstls (timeline, news-tls JSONL), "
            "timelinejs (TimelineJS JSON) or geojson (places and control claims).",
        ),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")
    ] = None,
) -> None:
    """Export a dossier's timeline or places in a standard format."""
    if to not in _EXPORTS:
        print(f"unknown export {to!r}: choose one of {', '.join(_EXPORTS)}", file=sys.stderr)
        raise typer.Exit(2)
    path = dossier / "dossier.json" if dossier.is_dir() else dossier
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"cannot read {path}: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING) from exc
    text = _export_text(data, to)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def _export_text(dossier: dict[str, Any], to: str) -> str:
    if to == "tilse":
        from sitrep.export.tilse import to_tilse

        return to_tilse(dossier)
    if to == "newstls":
        from sitrep.export.newstls import to_newstls

        return to_newstls(dossier)
    if to == "timelinejs":
        from sitrep.export.timelinejs import to_timelinejs

        return json.dumps(to_timelinejs(dossier), indent=1, ensure_ascii=False) + "\n"
    from sitrep.export.geojson import to_geojson

    return json.dumps(to_geojson(dossier), indent=1, ensure_ascii=False) + "\n"


@eval_app.command("extraction")
def eval_extraction(
    data_dir: Annotated[
        Path,
        typer.Argument(
            help="trafilatura's evaluation folder: evaldata.json and html/<file>.gz.",
            exists=True,
            file_okay=False,
        ),
    ],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    baseline: Annotated[
        bool, typer.Option(help="Also score plain trafilatura.extract on the same pages.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
) -> None:
    """Score text extraction: must-have / must-not-have snippets, micro P/R/F1."""
    from sitrep.evaluate.extraction import evaluate_extraction

    scores = evaluate_extraction(data_dir, limit=limit, baseline=baseline)
    _print_scores(scores, as_json=as_json)


def main() -> None:
    app()
