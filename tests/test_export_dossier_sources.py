"""Claim sources in the dossier carry the entity linking gave them (own invented text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.build import build

TEXT = (
    "Flooding in Lindau\n\n"
    "Mara Velko, the mayor of Lindau, said on Monday that 300 homes had been flooded. "
    "She added that 40 roads were still closed and that the river was falling.\n"
)


def _dossier(tmp_path: Path, name: str, text: str) -> dict[str, Any]:
    """The dossier of one invented article built alone."""
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_text(text, encoding="utf-8")
    return build([str(src)], out_dir=tmp_path / "out").dossier


def test_a_pronoun_source_carries_its_antecedents_entity(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "flood.txt").write_text(TEXT, encoding="utf-8")
    dossier = build([str(src)], out_dir=tmp_path / "out").dossier
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    sources = {c["source"]["text"]: c["source"] for c in dossier["claims"] if c["source"]}
    assert "She" in sources, sorted(sources)
    velko = next(s for t, s in sources.items() if t.startswith("Mara Velko"))
    assert velko is not None and velko["entity"] is not None
    assert names[velko["entity"]] == "Mara Velko"
    assert sources["She"]["entity"] == velko["entity"]  # not none: "She" is the mayor


def test_saved_analysis_keeps_source_names_for_a_later_add(tmp_path: Path) -> None:
    from sitrep.build import add
    from sitrep.export import analyzed as analyzed_jsonl

    src = tmp_path / "in"
    src.mkdir()
    (src / "flood.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    build([str(src)], out_dir=out)
    (saved,) = analyzed_jsonl.load(out / "analyzed.jsonl")
    she = next(c.source for c in saved.claims if c.source and c.source.text == "She")
    assert she.entity == "Mara Velko"  # the name linking reads, not this build's entity id
    more = tmp_path / "more"
    more.mkdir()
    (more / "roads.txt").write_text(
        "Roads in Lindau\n\nCrews in Lindau reopened 12 roads on Tuesday, officials said.\n",
        encoding="utf-8",
    )
    dossier = add([str(more)], out_dir=out).dossier
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    sources = [c["source"] for c in dossier["claims"] if c["source"]]
    she_entity = next(s["entity"] for s in sources if s["text"] == "She")
    assert she_entity is not None and names[she_entity] == "Mara Velko"


def test_a_source_with_an_apposition_is_the_person_not_the_body_in_it(tmp_path: Path) -> None:
    dossier = _dossier(
        tmp_path,
        "port.txt",
        "Port reopens\n\n"
        "Ivo Harlow, director of the Kessel Maritime Institute in Lindau, said on Monday that "
        'the port had reopened. "The channel is clear," said Ann Velko, who heads the '
        "Lindau Port Authority.\n",
    )
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    speakers = {
        names.get(c["source"]["entity"])
        for c in dossier["claims"]
        if c["source"] and c["source"]["text"].startswith(("Ivo Harlow", "Ann Velko"))
    }
    assert speakers == {"Ivo Harlow", "Ann Velko"}


def test_a_person_named_in_an_apposition_speaks_not_the_body_before_it(tmp_path: Path) -> None:
    dossier = _dossier(
        tmp_path,
        "shelling.txt",
        "Shelling in Lindau\n\n"
        "A spokesman for the Kessel Regional Council, Ivo Harlow, said two homes were hit "
        "in Lindau on Monday.\n",
    )
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    (claim,) = [c for c in dossier["claims"] if c["source"]]
    assert names.get(claim["source"]["entity"]) == "Ivo Harlow"


def test_the_brief_says_who_denies_a_control(tmp_path: Path) -> None:
    brief = _dossier(
        tmp_path,
        "harlovka.txt",
        "Village changes hands\n\n"
        "Moscow said on Monday that its forces had captured the village of Harlovka. "
        "Kyiv denied that Harlovka had fallen.\n",
    )["brief"]
    assert "Harlovka is held by Russia according to 1 document; denied by Kyiv." in brief
