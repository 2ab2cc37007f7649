"""Timeline and place exports: tilse text, news-tls JSON Lines, TimelineJS, GeoJSON.

Dossiers are built by hand here (texts invented for these tests).
"""

from __future__ import annotations

import json
from typing import Any

from sitrep.evaluate.timeline import parse_tilse
from sitrep.export.geojson import to_geojson
from sitrep.export.newstls import to_newstls
from sitrep.export.tilse import ptb_tokenize, to_tilse
from sitrep.export.timelinejs import to_timelinejs


def _dossier() -> dict[str, Any]:
    return {
        "documents": [{"id": "d1", "title": "Levee <breach> in Harlow"}],
        "brief": ["2 articles in 1 story."],
        "timeline": [
            {
                "date": "2026-04-02",
                "summary": ["The levee near Harlow failed on Thursday, officials said."],
                "evidence": [{"document": "d1", "span": [0, 55]}],
                "sources": ["officials"],
            },
            {"date": "2026-03", "summary": ["Rain fell for weeks."], "evidence": []},
            {
                "date": "2026-03-30",
                "summary": ['The mayor said "we are ready" & ordered sandbags.', "Schools closed."],
                "evidence": [{"document": "d1", "span": [60, 90]}],
            },
        ],
        "entities": [
            {
                "id": "e1",
                "name": "Harlow",
                "type": "place",
                "aliases": ["Harlow town"],
                "documents": ["d1"],
                "mentions": 3,
                "geo": {"lat": 51.77, "lon": 0.11, "country": "GB", "region": "Essex"},
            },
            {"id": "e2", "name": "River Board", "type": "organization", "documents": ["d1"]},
            {"id": "e3", "name": "Nowhere", "type": "place", "documents": ["d1"], "geo": None},
        ],
        "controls": [
            {"place": "e1", "holder": "e2", "as_of": {"date": "2026-04-02"}, "document": "d1"}
        ],
    }


def test_ptb_tokenize_splits_like_the_treebank() -> None:
    got = ptb_tokenize("The firm's chief said \"we can't pay\" $5bn (about £4bn).")
    assert got == "The firm 's chief said `` we ca n't pay '' $ 5bn -LRB- about £4bn -RRB- ."


def test_tilse_days_in_order_months_left_out_and_round_trip() -> None:
    text = to_tilse(_dossier())
    assert text.splitlines()[0] == "2026-03-30"
    assert "2026-03\n" not in text
    back = parse_tilse(text)
    assert list(back) == ["2026-03-30", "2026-04-02"]
    assert back["2026-03-30"] == [
        "The mayor said `` we are ready '' & ordered sandbags .",
        "Schools closed .",
    ]
    assert text.count("-" * 32) == 2


def test_tilse_of_an_empty_timeline_is_empty() -> None:
    assert to_tilse({"timeline": []}) == ""


def test_newstls_is_one_json_line() -> None:
    line = to_newstls(_dossier())
    assert line.endswith("\n") and line.count("\n") == 1
    data = json.loads(line)
    assert [d for d, _ in data] == ["2026-03-30", "2026-04-02"]
    assert data[1][1] == ["The levee near Harlow failed on Thursday , officials said ."]


def test_timelinejs_events_dates_and_escaping() -> None:
    tl = to_timelinejs(_dossier())
    dates = [e["start_date"] for e in tl["events"]]
    assert {"year": "2026", "month": "3"} in dates
    assert {"year": "2026", "month": "4", "day": "2"} in dates
    body = next(e for e in tl["events"] if e["start_date"].get("day") == "30")["text"]["text"]
    assert "&quot;we are ready&quot; &amp;" in body
    assert "Levee &lt;breach&gt; in Harlow" in body
    assert tl["title"]["text"]["text"] == "<p>2 articles in 1 story.</p>"


def test_geojson_points_are_lon_lat_with_controls() -> None:
    gj = to_geojson(_dossier())
    assert gj["type"] == "FeatureCollection"
    (feature,) = gj["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [0.11, 51.77]}
    props = feature["properties"]
    assert props["name"] == "Harlow" and props["country"] == "GB"
    assert props["controls"] == [{"holder": "River Board", "as_of": "2026-04-02", "document": "d1"}]
    json.dumps(gj)  # serialisable as is
