"""The CLI: every command and option is documented; exit codes mean something."""

from __future__ import annotations

from typing import Any

import typer.main
from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    # Typer vendors its own click; walk the command tree by duck typing.
    out: list[tuple[str, Any]] = []
    for name, cmd in group.commands.items():
        out.append((f"{prefix}{name}", cmd))
        if hasattr(cmd, "commands"):
            out.extend(_commands(cmd, f"{prefix}{name} "))
    return out


def test_cli_every_command_and_option_has_help() -> None:
    root = typer.main.get_command(app)
    commands = _commands(root)
    expected = {"build", "add", "validate", "export", "eval"} | {
        f"eval {name}"
        for name in (
            "extraction",
            "timex",
            "pubdate",
            "figures",
            "attribution",
            "checkworthy",
            "timeline",
            "stories",
        )
    }
    assert expected <= {n for n, _ in commands}
    for name, cmd in commands:
        assert (cmd.help or "").strip(), f"command {name!r} has no help"
        for param in cmd.params:
            if param.param_type_name == "option" and param.name != "help":
                assert (param.help or "").strip(), f"option {param.opts} of {name!r} has no help"
            if param.param_type_name == "argument":
                assert getattr(param, "help", None), f"argument {param.name} of {name!r}"
        result = runner.invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, name
        assert "Usage" in result.output


def test_cli_build_without_inputs_is_a_usage_error() -> None:
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2


def test_cli_validate_reports_a_broken_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "dossier.json"
    bad.write_text('{"schema": "sitrep.dossier/1"}')
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 4
    assert "required" in result.output


def test_cli_export_rejects_an_unknown_format(tmp_path) -> None:  # type: ignore[no-untyped-def]
    dossier = tmp_path / "dossier.json"
    dossier.write_text('{"schema": "sitrep.dossier/1", "timeline": []}')
    result = runner.invoke(app, ["export", str(dossier), "--to", "pdf"])
    assert result.exit_code == 2


def test_cli_build_lists_a_bad_file_as_a_problem_and_goes_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(
        "Bridge closed after storm\nThe county said on Monday that 12 families were moved "
        "out of the river district after the storm.\n"
    )
    (src / "broken.json").write_text('{"title": "x", "text": ')
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 1, result.output
    dossier = json.loads((out / "dossier.json").read_text())
    assert [d["id"] for d in dossier["documents"]] == ["good"]
    assert len(dossier["problems"]) == 1
    assert dossier["problems"][0]["input"].endswith("broken.json")
    assert "JSON" in dossier["problems"][0]["error"]


def test_cli_build_with_nothing_readable_exits_3(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "only.json"
    bad.write_text("not json at all {")
    result = runner.invoke(app, ["build", str(bad), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 3


def test_python_dash_m_sitrep_runs_the_cli() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "sitrep", "--help"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "build" in out.stdout and "eval" in out.stdout


def test_cli_build_keeps_a_foreign_article_and_says_it_was_not_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(
        "Bridge closed after storm\nMayor Ann Velko said on Monday that 12 families were moved "
        "out of the river district after the storm.\n"
    )
    (src / "german.txt").write_text(
        "Brücke nach Sturm gesperrt\nBürgermeisterin Ann Velko sagte am Montag, dass zwölf "
        "Familien aus dem Flussviertel gebracht worden seien, nachdem der Sturm die Brücke "
        "beschädigt hatte. Die Stadt prüft nun die Schäden an den Ufern.\n"
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 1, result.output
    dossier = json.loads((out / "dossier.json").read_text())
    docs = {d["id"]: d for d in dossier["documents"]}
    assert set(docs) == {"good", "german"}
    assert docs["german"]["language"] == "de" and "Flussviertel" in docs["german"]["text"]
    assert [c["document"] for c in dossier["claims"]] == ["good"]
    (problem,) = dossier["problems"]
    assert problem["input"].endswith("german.txt") and "'de'" in problem["error"]


def test_cli_build_says_when_cleaning_left_no_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"title": "Bridge", "text": "Photo: Kessel Wire"}\n'
        '{"text": "Mayor Ann Velko said on Monday that 12 families were moved."}\n'
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 1, result.output
    dossier = json.loads((out / "dossier.json").read_text())
    assert len(dossier["documents"]) == 2  # kept, with its title
    (problem,) = dossier["problems"]
    assert problem["error"].startswith("in#1: no article text")
