"""End-to-end quality gate on the bundled demo corpus (demo/corpus, gold in demo/gold.json).

The demo story is fiction written by this project (see demo/README.md). The corpus is built once
per session (``demo_dossier`` in conftest.py) and scored per section with tests/gold.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from gold import SECTIONS, check, norm, score

# Minimum score per gold section. Floors only rise: raise one when a change measurably improves
# its section, never lower one to make a change pass.
FLOORS: dict[str, float] = {
    "dates": 0.6,
    "figures": 0.7,
    "sources": 0.5,
    "aliases": 0.6,
    "cleaning": 0.9,
    "timeline": 0.4,
    "disagreements": 0.25,
    "tracks": 0.3,
    "controls": 0.25,
}

REPO = Path(__file__).resolve().parents[1]
DEMO_CORPUS = REPO / "demo" / "corpus"
SCHEMA = REPO / "src" / "sitrep" / "export" / "dossier.schema.json"


def demo_inputs() -> list[Path]:
    """The same file list that the ``demo_build`` fixture builds (see conftest.py)."""
    return sorted(
        p for p in DEMO_CORPUS.iterdir() if p.suffix in {".txt", ".md", ".html", ".json", ".jsonl"}
    )


def _raw_documents() -> dict[str, str]:
    """Document id -> the raw text of its input (tags and all), for checking the gold itself."""
    docs: dict[str, str] = {}
    for path in demo_inputs():
        if path.suffix == ".jsonl":
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            for n, line in enumerate(lines, start=1):
                record = json.loads(line)
                docs[f"{path.stem}#{n}"] = f"{record.get('title', '')}\n{record['text']}"
        elif path.suffix == ".json":
            record = json.loads(path.read_text(encoding="utf-8"))
            docs[path.stem] = f"{record.get('title', '')}\n{record['text']}"
        else:
            docs[path.stem] = path.read_text(encoding="utf-8")
    return docs


def _expected_ids() -> set[str]:
    return set(_raw_documents())


# ---- the gold itself (no build needed) -------------------------------------------------------


def test_gold_covers_every_demo_document(demo_gold: dict[str, Any]) -> None:
    assert set(demo_gold["dates"]) == _expected_ids()


def test_gold_snippets_occur_in_their_inputs(demo_gold: dict[str, Any]) -> None:
    raw = {doc: norm(text) for doc, text in _raw_documents().items()}
    wanted: list[tuple[str, str]] = []
    wanted += [(f["document"], f["text"]) for f in demo_gold["figures"]]
    for item in demo_gold["sources"]:
        wanted.append((item["document"], item.get("figure_text") or item["claim_text"]))
    for item in demo_gold["cleaning"]:
        wanted += [(item["document"], s) for s in item["must_remove"] + item["must_keep"]]
    for item in demo_gold["disagreements"] + demo_gold["tracks"]:
        wanted += [(ref["document"], ref["text"]) for ref in item["figures"]]
    for item in demo_gold["controls"]:
        wanted.append((item["document"], item["place"]))
    absent = [(doc, text) for doc, text in wanted if norm(text) not in raw.get(doc, "")]
    assert not absent, f"gold snippets missing from the corpus: {absent}"


def test_gold_track_and_disagreement_figures_are_gold_figures(demo_gold: dict[str, Any]) -> None:
    figures = {(f["document"], f["text"]) for f in demo_gold["figures"]}
    refs = [
        (ref["document"], ref["text"])
        for item in demo_gold["disagreements"] + demo_gold["tracks"]
        for ref in item["figures"]
    ]
    assert [r for r in refs if r not in figures] == []


def test_demo_corpus_is_large_and_mixed() -> None:
    inputs = demo_inputs()
    assert len(_expected_ids()) >= 10
    assert {p.suffix for p in inputs} == {".txt", ".md", ".html", ".json", ".jsonl"}
    assert sorted(p.name for p in DEMO_CORPUS.iterdir()) == sorted(p.name for p in inputs)


# ---- the build -------------------------------------------------------------------------------


def test_build_writes_its_outputs(demo_build: Any, demo_out_dir: Path) -> None:
    for name in ("dossier.json", "report.html", "sitrep.db"):
        assert (demo_out_dir / name).is_file(), name
    on_disk = json.loads((demo_out_dir / "dossier.json").read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(demo_build.dossier))


def test_dossier_validates_against_schema(demo_dossier: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    errors = sorted(validator_cls(schema).iter_errors(demo_dossier), key=lambda e: e.path)
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:10]
    )


def test_dossier_schema_tag(demo_dossier: dict[str, Any]) -> None:
    assert demo_dossier["schema"] == "sitrep.dossier/1"


def test_nothing_is_silently_dropped(demo_dossier: dict[str, Any]) -> None:
    doc_ids = {d["id"] for d in demo_dossier["documents"]}
    problems = " ".join(str(p.get("input", "")) for p in demo_dossier.get("problems") or [])
    lost = [
        doc
        for doc in sorted(_expected_ids())
        if doc not in doc_ids and doc.split("#")[0] not in problems
    ]
    assert not lost, f"inputs neither in documents nor in problems: {lost}"


def test_ids_are_unique(demo_dossier: dict[str, Any]) -> None:
    for section in ("documents", "entities", "claims", "figures", "events", "tracks"):
        ids = [item["id"] for item in demo_dossier.get(section) or []]
        assert len(ids) == len(set(ids)), section


def test_spans_index_the_cleaned_text(demo_dossier: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in demo_dossier["documents"]}
    wrong = []
    for fig in demo_dossier.get("figures") or []:
        start, end = fig["span"]
        if texts[fig["document"]][start:end] != fig["text"]:
            wrong.append((fig["id"], fig["text"], texts[fig["document"]][start:end]))
    for claim in demo_dossier.get("claims") or []:
        start, end = claim["span"]
        if texts[claim["document"]][start:end] != claim["sentence"]:
            wrong.append((claim["id"], claim["sentence"][:60], "(sentence span)"))
    assert not wrong, wrong[:10]


def test_wire_story_and_paraphrase_are_one_story(demo_dossier: dict[str, Any]) -> None:
    story = {d["id"]: d.get("story") for d in demo_dossier["documents"]}
    assert story["cp_orlen_dam_fails"] is not None
    assert story["cp_orlen_dam_fails"] == story["herald_dam_paraphrase"]


def test_off_topic_paragraph_is_moved_out_with_a_reason(demo_dossier: dict[str, Any]) -> None:
    doc = next(d for d in demo_dossier["documents"] if d["id"] == "dravska_today_glued")
    removed = [r for r in doc["removed"] if "Adrian Vuk" in r["text"]]
    assert removed, "the football paragraph should be in removed[]"
    assert removed[0]["reason"] == "off_topic"


@pytest.mark.parametrize("section", SECTIONS)
def test_gold_section_reaches_floor(
    demo_dossier: dict[str, Any], demo_gold: dict[str, Any], section: str
) -> None:
    value = score(demo_dossier, demo_gold)[section]
    missed = [label for label, ok in check(demo_dossier, demo_gold)[section] if not ok]
    assert value >= FLOORS[section], (
        f"{section} scored {value:.2f} < floor {FLOORS[section]}; missed: {missed}"
    )


def test_rebuild_gives_the_same_dossier(demo_dossier: dict[str, Any], tmp_path: Path) -> None:
    """Ids and content are stable across runs on the same input (only the timestamp moves)."""
    from conftest import demo_inputs
    from sitrep.build import build

    again = build([str(p) for p in demo_inputs()], out_dir=tmp_path).dossier
    first = dict(demo_dossier, provenance=dict(demo_dossier["provenance"], created=None))
    second = dict(again, provenance=dict(again["provenance"], created=None))
    assert first["provenance"]["inputs"] == second["provenance"]["inputs"]
    for key, value in first.items():
        assert value == second[key], key


def test_add_grows_a_build_without_reanalyzing(
    demo_dossier: dict[str, Any], tmp_path: Path
) -> None:
    """Build on part of the demo, add the rest: same dossier as one build, old texts not re-read."""
    from conftest import demo_inputs
    from sitrep.build import add, build

    files = [str(p) for p in demo_inputs()]
    first, rest = files[:4], files[4:]
    build(first, out_dir=tmp_path)
    analyzed: list[str] = []
    result = add(rest, out_dir=tmp_path, progress=lambda n, total, doc: analyzed.append(doc))
    assert len(analyzed) == len(demo_dossier["documents"]) - len(
        {d["id"] for d in result.dossier["documents"] if d["source"] in first}
    )
    assert (tmp_path / "analyzed.jsonl").is_file()
    grown = result.dossier
    for key in ("documents", "entities", "claims", "figures", "tracks", "timeline", "stories"):
        assert grown[key] == demo_dossier[key], key
    again = add(first[:1], out_dir=tmp_path)
    assert any("already in the store" in p["error"] for p in again.dossier["problems"])
    assert len(again.dossier["documents"]) == len(demo_dossier["documents"])


def test_add_reads_new_articles_with_the_build_s_options(tmp_path: Path) -> None:
    """A build made with a reference date: what ``add`` analyzes later is dated against it."""
    from sitrep.build import add, build
    from sitrep.config import Config

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Storm closes Lindau harbour\n\nThe harbour of Lindau closed on Monday, the port said.\n",
        encoding="utf-8",
    )
    (src / "b.txt").write_text(
        "Ferries return to Lindau\n\nThe ferry, which has run since March 2024, sailed "
        "again, the operator said.\n",
        encoding="utf-8",
    )

    def published(dossier: dict[str, Any]) -> dict[str, Any]:
        return next(d["published"] for d in dossier["documents"] if d["source"].endswith("b.txt"))

    out = tmp_path / "out"
    build([str(src / "a.txt")], out_dir=out, config=Config(reference_date="2029-05-01"))
    grown = add([str(src / "b.txt")], out_dir=out).dossier
    assert grown["provenance"]["config"]["reference_date"] == "2029-05-01"
    # an open range ("since March 2024") is closed by the build's reference date
    assert (published(grown)["earliest"], published(grown)["latest"]) == (
        "2024-03-01",
        "2029-05-01",
    )
    other = tmp_path / "other"
    build([str(src / "a.txt")], out_dir=other, config=Config(reference_date="2029-05-01"))
    given = add([str(src / "b.txt")], out_dir=other, config=Config()).dossier
    assert given["provenance"]["config"]["reference_date"] is None  # a given config wins
    assert published(given)["latest"] != "2029-05-01"
