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
from typing import Annotated

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


@app.callback()
def _root(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what each stage does to stderr.")
    ] = False,
) -> None:
    """sitrep: a sourced situation report from a pile of news coverage."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@app.command()
def build(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt .md .html .htm .json .jsonl), folders (read recursively), "
            "or - for standard input.",
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
    config = Config(workers=workers, reference_date=reference_date)
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
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score text extraction: must-have / must-not-have snippets, micro P/R/F1."""
    from sitrep.evaluate.extraction import evaluate_extraction

    scores = evaluate_extraction(data_dir, limit=limit, baseline=baseline)
    if as_json:
        print(json.dumps(scores, indent=1))
        return
    for system, row in scores.items():
        if isinstance(row, dict):
            cells = ", ".join(
                f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()
            )
            print(f"{system}: {cells}")


def main() -> None:
    app()
