"""The report's offline SVG map: places with geo, coloured by their latest control claim."""

from __future__ import annotations

import base64
import copy
import hashlib
import html as htmlmod
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sitrep.report import render_report
from sitrep.report.view import build_map

FIXTURE = Path(__file__).parent / "fixtures" / "dossier_small.json"


def load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


class _Svg(HTMLParser):
    """Collects the map's elements: the <svg> viewBox, circles, texts, titles, paths."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.viewbox: list[str] = []
        self.circles: list[dict[str, str | None]] = []
        self.paths: list[str] = []
        self.texts: list[str] = []
        self.titles: list[str] = []
        self.scripts = 0
        self._in_map = False
        self._capture: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "svg" and a.get("class") == "map-svg":
            self._in_map = True
            self.viewbox.append(a.get("viewbox") or "")
        if not self._in_map:
            return
        if tag == "circle":
            self.circles.append(a)
        elif tag == "path":
            self.paths.append(a.get("d") or "")
        elif tag in ("text", "title"):
            self._capture = self.texts if tag == "text" else self.titles
            self._capture.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_map = False
        if tag in ("text", "title"):
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture[-1] += data


def parse(html: str) -> _Svg:
    p = _Svg()
    p.feed(html)
    return p


def located(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in d["entities"] if isinstance(e.get("geo"), dict) and "lat" in e["geo"]]


def test_one_circle_per_located_place_inside_the_viewbox() -> None:
    d = load()
    n = len(located(d))
    assert n >= 2
    svg = parse(render_report(d))
    assert len(svg.viewbox) == 1
    _, _, w, h = (float(x) for x in svg.viewbox[0].split())
    assert len(svg.circles) == n
    for c in svg.circles:
        x, y = float(c["cx"] or "nan"), float(c["cy"] or "nan")
        assert 0 <= x <= w and 0 <= y <= h
    assert svg.paths, "country outlines around the fixture's places"
    assert all(re.fullmatch(r"M[-0-9.,L]+Z", p) for p in svg.paths)


def test_holder_colour_and_claims_in_the_tooltip() -> None:
    d = load()
    html = render_report(d)
    svg = parse(html)
    holders = {c["fill"] for c in svg.circles}
    assert len(holders) == 2  # the controlled place and a place with no claim (grey)
    place = next(e for e in d["entities"] if e["id"] == d["controls"][0]["place"])
    title = next(t for t in svg.titles if t.startswith(place["name"]))
    assert title.count("held by") == sum(1 for c in d["controls"] if c["place"] == place["id"])
    latest = max(d["controls"], key=lambda c: c["as_of"]["date"] or c["as_of"]["latest"])
    holder = next(e["name"] for e in d["entities"] if e["id"] == latest["holder"])
    assert f"held by {holder}" in html.split('class="map-legend"', 1)[1]


def test_place_name_is_escaped() -> None:
    d = copy.deepcopy(load())
    located(d)[0]["name"] = '<script>alert(1)</script>"&'
    html = render_report(d)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    svg = parse(html)
    assert svg.scripts == 1  # only the report's own inlined script
    assert any("<script>alert(1)</script>" in t for t in svg.texts + svg.titles)


def test_no_network_reference_and_csp_still_matches() -> None:
    html = render_report(load())
    assert 'class="map-svg"' in html
    # The map loads nothing: no URL in it, and nothing anywhere is fetched (src=, url(), xlink).
    section = html.split('<section id="map">', 1)[1].split("</section>", 1)[0]
    assert not re.search(r"https?:|//", section)
    assert not re.search(r"\bsrc=|url\(|xlink:href|<use\b|<image\b", html)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp
    for kind, tag in (("style", "style"), ("script", "script")):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S)
        assert body
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in htmlmod.unescape(csp.group(1))


def test_no_located_places() -> None:
    d = copy.deepcopy(load())
    for e in d["entities"]:
        e.pop("geo", None)
    html = render_report(d)
    assert "No located places." in html
    assert 'class="map-svg"' not in html


def test_bad_geo_is_skipped_not_fatal() -> None:
    ents = {
        "a": {"name": "A", "geo": {"lat": 50.0, "lon": 30.0}},
        "b": {"name": "B", "geo": {"lat": "x", "lon": 30.0}},
        "c": {"name": "C", "geo": {"lat": 95.0, "lon": 30.0}},
        "d": {"name": "D", "geo": {"lat": True, "lon": 30.0}},
    }
    m = build_map(ents, [])
    assert [p["name"] for p in m["places"]] == ["A"]
    lon0, lat0, lon1, lat1 = m["window"]
    assert lon1 - lon0 >= 8 and lat0 < 50 < lat1


def test_distant_place_is_listed_not_framed() -> None:
    ents = {
        f"p{i}": {"name": f"P{i}", "geo": {"lat": 50 + i / 10, "lon": 30 + i / 10}}
        for i in range(4)
    }
    ents["far"] = {"name": "Faraway", "geo": {"lat": 38.9, "lon": -77.0}}
    m = build_map(ents, [])
    assert m["outside"] == ["Faraway"]
    lon0, _, lon1, _ = m["window"]
    assert lon1 - lon0 < 20
    # ...unless a control claim is about it: then the window widens to include it.
    m = build_map(ents, [{"place": "far", "holder": "Someone", "as_of": {"date": "2031-01-01"}}])
    assert m["outside"] == [] and m["window"][0] < -77
    assert {x["holder"] for x in m["legend"]} == {"Someone", ""}
