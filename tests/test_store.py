"""The SQLite store: round trip, documented tables, keys and indexes, atomic overwrite, upsert."""

from __future__ import annotations

import copy
import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.store import StoreError, read_store, upsert_dossier, write_store

FIXTURE = Path(__file__).parent / "fixtures" / "dossier_small.json"
DOCS = Path(__file__).parent.parent / "docs" / "store.md"
REQUIRED_TABLES = {
    "documents",
    "removed",
    "credits",
    "claims",
    "claim_hedges",
    "claim_via",
    "figures",
    "entities",
    "entity_aliases",
    "entity_documents",
    "events",
    "controls",
    "tracks",
    "track_figures",
    "differences",
    "timeline",
    "timeline_evidence",
    "stories",
    "problems",
    "provenance",
}


def load_fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def tables(db: Path) -> set[str]:
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {r[0] for r in rows}


def test_store_round_trips_the_fixture(tmp_path: Path) -> None:
    dossier = load_fixture()
    db = tmp_path / "sitrep.db"
    write_store(dossier, db)
    back = read_store(db)
    assert back == dossier
    assert list(back) == list(dossier)
    # The content lives in columns, not in the verbatim fallback.
    with closing(sqlite3.connect(db)) as conn:
        for table in ("documents", "claims", "figures", "entities", "tracks", "controls"):
            n = conn.execute(f"SELECT count(*) FROM {table} WHERE extra IS NOT NULL").fetchone()
            assert n[0] == 0, table
        title = conn.execute("SELECT title FROM documents WHERE id = 'northwire_0414'")
        assert title.fetchone()[0] == dossier["documents"][1]["title"]
        hedges = conn.execute(
            "SELECT hedge FROM claim_hedges WHERE claim = ? ORDER BY position",
            (dossier["claims"][0]["id"],),
        ).fetchall()
        assert [h[0] for h in hedges] == dossier["claims"][0]["hedges"]


def test_store_has_the_documented_tables(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    write_store(load_fixture(), db)
    found = tables(db)
    assert found >= REQUIRED_TABLES
    documented = set(re.findall(r"^### `(\w+)`", DOCS.read_text(encoding="utf-8"), re.M))
    assert found == documented, (found - documented, documented - found)


def test_store_foreign_keys_hold_and_are_enforced(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    write_store(load_fixture(), db)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO claim_hedges VALUES ('no-such-claim', 0, 'x')")
        fks = conn.execute("SELECT * FROM pragma_foreign_key_list('figures')").fetchall()
        assert {(r[2], r[3]) for r in fks} == {("documents", "document"), ("claims", "claim")}


def test_store_indexes_document_and_entity_columns(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    write_store(load_fixture(), db)
    with closing(sqlite3.connect(db)) as conn:
        indexed = {
            (t, c)
            for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            for (idx,) in conn.execute(f"SELECT name FROM pragma_index_list('{t}')")
            for (c,) in conn.execute(f"SELECT name FROM pragma_index_info('{idx}')")
        }
    for needed in [
        ("claims", "document"),
        ("figures", "document"),
        ("figures", "claim"),
        ("entity_documents", "document"),
        ("claims", "source_entity"),
        ("controls", "place"),
        ("timeline_evidence", "document"),
        ("track_figures", "figure"),
    ]:
        assert needed in indexed, needed


def test_store_overwrites_atomically(tmp_path: Path) -> None:
    db = tmp_path / "out" / "sitrep.db"
    first = load_fixture()
    write_store(first, db)
    second = copy.deepcopy(first)
    second["documents"] = second["documents"][:1]
    second["documents"][0]["title"] = "A second build"
    for key in ("claims", "figures", "events", "controls", "tracks", "timeline"):
        second[key] = []
    second["entities"] = []
    second["stories"][0]["documents"] = [second["documents"][0]["id"]]
    write_store(second, db)
    assert read_store(db) == second
    assert sorted(p.name for p in db.parent.iterdir()) == ["sitrep.db"]  # no temp file left


def test_store_refuses_dangling_references_and_keeps_the_old_file(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    good = load_fixture()
    write_store(good, db)
    bad = copy.deepcopy(good)
    bad["figures"][0]["claim"] = "no-such-claim"
    with pytest.raises(StoreError, match="dangling"):
        write_store(bad, db)
    assert read_store(db) == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sitrep.db"]
    dupe = copy.deepcopy(good)
    dupe["claims"].append(dupe["claims"][0])
    with pytest.raises(StoreError, match="twice"):
        write_store(dupe, db)


def test_store_upserts_by_id(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    dossier = load_fixture()
    write_store(dossier, db)
    new_doc = copy.deepcopy(dossier["documents"][2])
    new_doc["id"] = "eastline#3"
    new_doc["removed"] = [{"text": "Read more", "reason": "boilerplate"}]
    changed = copy.deepcopy(dossier["documents"][0])
    changed["title"] = "Corrected title"
    changed["removed"] = changed["removed"][:1]
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        upsert_dossier(conn, {"documents": [changed, new_doc]})
    back = read_store(db)
    by_id = {d["id"]: d for d in back["documents"]}
    assert [d["id"] for d in back["documents"]] == [
        *(d["id"] for d in dossier["documents"]),
        "eastline#3",
    ]  # the upserted one keeps its place, the new one comes last
    assert by_id[changed["id"]] == changed
    assert by_id["eastline#3"] == new_doc
    assert back["claims"] == dossier["claims"]
    with closing(sqlite3.connect(db)) as conn:
        n = conn.execute("SELECT count(*) FROM removed WHERE document = ?", (changed["id"],))
        assert n.fetchone()[0] == 1


def test_store_rejects_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError):
        read_store(other)
    with pytest.raises(FileNotFoundError):
        read_store(tmp_path / "missing.db")


def test_store_keeps_unknown_fields_and_odd_values(tmp_path: Path) -> None:
    dossier = load_fixture()
    dossier["future_field"] = {"added": "later"}
    dossier["documents"][0]["url"] = "https://example.invalid/a"
    dossier["claims"][0]["as_of"] = {"date": None, "earliest": None, "latest": None}
    del dossier["claims"][1]["status"]
    dossier["figures"][0]["value"] = "two hundred"  # a string in a REAL column
    dossier["entities"][0]["aliases"] = ["x", 3]  # a number in a TEXT list
    dossier["tracks"][0]["disagreements"] = [{"figures": [], "note": "hand-made"}]
    db = tmp_path / "sitrep.db"
    write_store(dossier, db)
    assert read_store(db) == dossier


# ---- Hypothesis: any contract-shaped dossier round-trips ------------------------------------

texts = st.text(max_size=12)
opt_texts = st.none() | texts
numbers = st.none() | st.integers(-(10**9), 10**9) | st.floats(allow_nan=False, width=32)
iso = st.sampled_from(["2031-04-12", "2031-04", "2031", None])
dates = st.none() | st.fixed_dictionaries({"date": iso, "earliest": iso, "latest": iso})
span_st = st.lists(st.integers(0, 5000), min_size=2, max_size=2)
extras = st.dictionaries(st.sampled_from(["note", "score", "url"]), numbers | texts, max_size=2)


@st.composite
def dossiers(draw: st.DrawFn) -> dict[str, Any]:
    doc_ids = draw(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=4, unique=True))
    ent_ids = draw(st.lists(st.sampled_from(["e1", "e2", "e3"]), unique=True))
    story_ids = ["s1"]
    documents = [
        {
            "id": did,
            "source": draw(texts),
            "title": draw(opt_texts),
            "outlet": draw(opt_texts),
            "language": "en",
            "credits": draw(st.lists(texts, max_size=2)),
            "published": draw(
                st.none()
                | st.fixed_dictionaries(
                    {
                        "date": iso,
                        "earliest": iso,
                        "latest": iso,
                        "method": st.sampled_from(["metadata", "url", "none"]),
                        "confidence": st.floats(0, 1),
                        "evidence": st.lists(texts, max_size=2),
                    }
                )
            ),
            "text": draw(st.text(max_size=40)),
            "removed": draw(
                st.lists(st.fixed_dictionaries({"text": texts, "reason": texts}), max_size=2)
            ),
            "story": draw(st.sampled_from([None, *story_ids])),
            "duplicate_of": draw(st.sampled_from([None, *doc_ids])),
            "duplicate_evidence": draw(opt_texts),
            **draw(extras),
        }
        for did in doc_ids
    ]
    docs = st.sampled_from(doc_ids)
    ents = st.none() | st.sampled_from(ent_ids) if ent_ids else st.none()
    source = st.fixed_dictionaries(
        {"text": texts, "span": span_st, "entity": ents, "kind": opt_texts}
    )
    claims = [
        {
            "id": f"c{i}",
            "document": draw(docs),
            "sentence": draw(texts),
            "span": draw(span_st),
            "content_span": draw(span_st),
            "source": draw(st.none() | source),
            "via": draw(st.lists(source, max_size=2)),
            "cue": draw(st.none() | st.fixed_dictionaries({"text": texts, "span": span_st})),
            "hedges": draw(st.lists(texts, max_size=2)),
            "polarity": draw(st.sampled_from(["asserted", "denied"])),
            "status": draw(st.sampled_from(["unconfirmed", "confirmed", "disputed", None])),
            "as_of": draw(dates),
            "checkworthiness": draw(numbers),
            **draw(extras),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    claim_ids = [c["id"] for c in claims]
    figures = [
        {
            "id": f"f{i}",
            "document": draw(docs),
            "claim": draw(st.sampled_from([None, *claim_ids])),
            "text": draw(texts),
            "span": draw(span_st),
            "value": draw(numbers),
            "low": draw(numbers),
            "high": draw(numbers),
            "qualifier": draw(st.sampled_from(["exact", "up_to", "vague"])),
            "unit": draw(opt_texts),
            "counts": draw(opt_texts),
            "change": draw(opt_texts),
            "as_of": draw(dates),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    fig_ids = [f["id"] for f in figures]
    fig_lists = st.lists(st.sampled_from(fig_ids), max_size=3) if fig_ids else st.just([])
    tracks = []
    for i in range(draw(st.integers(0, 2))):
        diffs = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "figures": fig_lists,
                        "kind": st.sampled_from(["change", "disagreement", "agreement"]),
                        "note": texts,
                    }
                ),
                max_size=3,
            )
        )
        tracks.append(
            {
                "id": f"t{i}",
                "measure": draw(texts),
                "unit": draw(opt_texts),
                "figures": draw(fig_lists),
                "differences": diffs,
                "disagreements": [
                    {"figures": d["figures"], "note": d["note"]}
                    for d in diffs
                    if d["kind"] == "disagreement"
                ],
            }
        )
    evidence = st.fixed_dictionaries({"document": docs, "span": span_st})
    return {
        "schema": "sitrep.dossier/1",
        "provenance": draw(st.dictionaries(texts, numbers | texts, max_size=3)),
        "problems": draw(
            st.lists(st.fixed_dictionaries({"input": texts, "error": texts}), max_size=2)
        ),
        "documents": documents,
        "entities": [
            {
                "id": eid,
                "name": draw(texts),
                "type": draw(st.sampled_from(["person", "place", "group"])),
                "aliases": draw(st.lists(texts, max_size=3)),
                "documents": draw(st.lists(docs, max_size=3, unique=True)),
                "geo": draw(
                    st.none()
                    | st.fixed_dictionaries(
                        {
                            "lat": st.floats(-90, 90),
                            "lon": st.floats(-180, 180),
                            "country": opt_texts,
                            "region": opt_texts,
                        }
                    )
                ),
            }
            for eid in ent_ids
        ],
        "claims": claims,
        "figures": figures,
        "events": [
            {
                "id": f"ev{i}",
                "date": draw(dates),
                "text": draw(texts),
                "documents": draw(st.lists(docs, max_size=2)),
                "claims": draw(st.lists(st.sampled_from(claim_ids), max_size=2))
                if claim_ids
                else [],
            }
            for i in range(draw(st.integers(0, 2)))
        ],
        "controls": [
            {
                "place": draw(st.sampled_from(ent_ids)),
                "holder": draw(texts),
                "since": draw(dates),
                "as_of": draw(dates),
                "claim": draw(st.sampled_from([None, *claim_ids])),
                "source": draw(opt_texts),
            }
            for _ in range(draw(st.integers(0, 2)) if ent_ids else 0)
        ],
        "tracks": tracks,
        "timeline": [
            {
                "date": draw(st.sampled_from(["2031-04-12", "2031-04"])),
                "summary": draw(st.lists(texts, max_size=2)),
                "evidence": draw(st.lists(evidence, max_size=2)),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
        "stories": [{"id": "s1", "label": draw(texts), "documents": doc_ids}],
        **draw(st.fixed_dictionaries({}, optional={"brief": st.lists(texts, max_size=3)})),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossier=dossiers())
def test_store_round_trips_any_dossier(
    tmp_path_factory: pytest.TempPathFactory, dossier: Any
) -> None:
    db = tmp_path_factory.mktemp("store") / "sitrep.db"
    write_store(dossier, db)
    assert read_store(db) == dossier
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
