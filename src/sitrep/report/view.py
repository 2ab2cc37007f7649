"""The report's view model: a dossier dict -> plain dicts and strings the template lays out.

All lookups, formatting and the splitting of article text into anchored pieces happen here, so
that the template only loops and prints (every value it prints is autoescaped by Jinja2; this
module never builds HTML). Anything missing or malformed in the dossier degrades to an empty
value instead of an exception: the report is what someone opens to see what went wrong.
"""

from __future__ import annotations

import json
import logging
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

__all__ = ["anchor_id", "article_id", "build_map", "build_view", "fmt_date", "fmt_num"]

log = logging.getLogger(__name__)

# Characters kept as they are in anchor ids: all of them survive in a URL fragment unchanged, so
# href="#<id>" finds the element by its raw id. Everything else (spaces, quotes, %, <, >) is
# percent-encoded, which keeps ids free of whitespace and unambiguous.
_ID_SAFE = "#:/?@!$&'()*+,;=~[]"
SHOWN = 8  # sources and evidence links a timeline row shows; the rest behind "and N more"


def anchor_id(document: str, start: int) -> str:
    """The id of the evidence sentence of ``document`` that starts at character ``start``."""
    return f"doc-{quote(document, safe=_ID_SAFE)}-{start}"


def article_id(document: str) -> str:
    return f"article-{quote(document, safe=_ID_SAFE)}"


def fmt_num(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return format(value, ",") if isinstance(value, int) else format(value, ",.10g")


def fmt_date(value: Any) -> str:
    """``{date, earliest, latest}`` -> "2031-04-12", "2031-04-14 … 2031-04-16" or "unknown"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not isinstance(value, Mapping):
        return str(value)
    if value.get("date"):
        return str(value["date"])
    lo, hi = value.get("earliest"), value.get("latest")
    if lo or hi:
        return f"{lo or '?'} … {hi or '?'}"
    return "unknown"


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in _list(value) if isinstance(v, Mapping)]


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _span(value: Any, length: int) -> tuple[int, int] | None:
    """A valid ``[start, end)`` inside a text of ``length`` characters, else ``None``."""
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    s, e = value
    ok = all(isinstance(v, int) and not isinstance(v, bool) for v in (s, e))
    if not ok or not 0 <= s <= e <= length:
        return None
    return int(s), int(e)


@dataclass(slots=True)
class _Docs:
    """Documents by id, and the evidence spans that links point at (collected while building)."""

    by_id: dict[str, Mapping[str, Any]]
    evidence: dict[str, set[tuple[int, int]]] = field(default_factory=lambda: defaultdict(set))

    def link(self, document: Any, span: Any) -> dict[str, str] | None:
        """A link to the evidence sentence, registering it as an anchor; ``None`` if invalid."""
        doc = self.by_id.get(document) if isinstance(document, str) else None
        if doc is None:
            return None
        text = _str(doc.get("text"))
        sp = _span(span, len(text))
        if sp is None:
            return None
        self.evidence[document].add(sp)
        return {
            "href": "#" + anchor_id(document, sp[0]),
            "label": _str(doc.get("outlet")) or document,
            "title": text[sp[0] : sp[1]][:300],
        }


def build_view(dossier: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the template needs, as plain data."""
    documents = _dicts(dossier.get("documents"))
    docs = _Docs({_str(d.get("id")): d for d in documents})
    entities = {_str(e.get("id")): e for e in _dicts(dossier.get("entities"))}
    claims_list = _dicts(dossier.get("claims"))
    claims = {_str(c.get("id")): c for c in claims_list}
    figures_list = _dicts(dossier.get("figures"))
    figures = {_str(f.get("id")): f for f in figures_list}

    def entity_name(ref: Any) -> str:
        ent = entities.get(ref) if isinstance(ref, str) else None
        return _str(ent.get("name")) if ent else _str(ref)

    def claim_link(cid: Any) -> dict[str, str] | None:
        c = claims.get(cid) if isinstance(cid, str) else None
        return docs.link(c.get("document"), c.get("span")) if c else None

    def claim_view(c: Mapping[str, Any]) -> dict[str, Any]:
        src = c.get("source") if isinstance(c.get("source"), Mapping) else None
        return {
            "id": _str(c.get("id")),
            "sentence": _str(c.get("sentence")),
            "source": _str(src.get("text")) if src else "",
            "source_entity": entity_name(src.get("entity")) if src and src.get("entity") else "",
            "kind": _str(src.get("kind")) if src else "",
            "via": [_str(v.get("text")) for v in _dicts(c.get("via"))],
            "cue": _str(c["cue"].get("text")) if isinstance(c.get("cue"), Mapping) else "",
            "hedges": [_str(h) for h in _list(c.get("hedges"))],
            "polarity": _str(c.get("polarity")),
            "status": _str(c.get("status")),
            "as_of": fmt_date(c.get("as_of")),
            "document": _str(c.get("document")),
            "link": docs.link(c.get("document"), c.get("span")),
        }

    def figure_view(f: Mapping[str, Any]) -> dict[str, Any]:
        c = claims.get(_str(f.get("claim"))) if f.get("claim") is not None else None
        cv = claim_view(c) if c else None
        link = cv["link"] if cv and c and c.get("document") == f.get("document") else None
        link = link or docs.link(f.get("document"), f.get("sentence"))
        link = link or docs.link(f.get("document"), f.get("span"))
        low, high = f.get("low"), f.get("high")
        doc = docs.by_id.get(_str(f.get("document")), {})
        return {
            "id": _str(f.get("id")),
            "text": _str(f.get("text")),
            "value": fmt_num(f.get("value")),
            "range": _range(low, high),
            "qualifier": _str(f.get("qualifier")).replace("_", " "),
            "unit": _str(f.get("unit")),
            "counts": _str(f.get("counts")),
            "change": _str(f.get("change")),
            "as_of": fmt_date(f.get("as_of")),
            "source": cv["source"] if cv else "",
            "kind": cv["kind"] if cv else "",
            "via": cv["via"] if cv else [],
            "hedges": cv["hedges"] if cv else [],
            "document": _str(f.get("document")),
            "outlet": _str(doc.get("outlet")),
            "link": link,
        }

    fig_views = {fid: figure_view(f) for fid, f in figures.items()}

    tracks = []
    in_tracks: set[str] = set()
    n_disagreements = 0
    for t in _dicts(dossier.get("tracks")):
        fids = [x for x in _list(t.get("figures")) if isinstance(x, str)]
        in_tracks.update(fids)
        diffs = _dicts(t.get("differences"))
        dis = _dicts(t.get("disagreements")) or [
            d for d in diffs if d.get("kind") == "disagreement"
        ]
        n_disagreements += len(dis)

        def figs(d: Mapping[str, Any]) -> list[dict[str, Any]]:
            return [fig_views[x] for x in _list(d.get("figures")) if x in fig_views]

        tracks.append(
            {
                "id": _str(t.get("id")),
                "measure": _str(t.get("measure")),
                "unit": _str(t.get("unit")),
                "figures": [fig_views[x] for x in fids if x in fig_views],
                "changes": [
                    {"figures": figs(d), "note": _str(d.get("note"))}
                    for d in diffs
                    if d.get("kind") == "change"
                ],
                "agreements": [
                    {"figures": figs(d), "note": _str(d.get("note"))}
                    for d in diffs
                    if d.get("kind") == "agreement"
                ],
                "disagreements": [{"figures": figs(d), "note": _str(d.get("note"))} for d in dis],
            }
        )
    other_figures = [v for k, v in fig_views.items() if k not in in_tracks]

    timeline = []
    for entry in _dicts(dossier.get("timeline")):
        links = [docs.link(e.get("document"), e.get("span")) for e in _dicts(entry.get("evidence"))]
        found = [x for x in links if x]
        sources = [_str(s) for s in _list(entry.get("sources"))]
        # named sources first; a document's id stands in for a source only when none is named
        sources = [s for s in sources if s not in docs.by_id] + [
            s for s in sources if s in docs.by_id
        ]
        timeline.append(
            {
                "date": fmt_date(entry.get("date")),
                "summary": [_str(s) for s in _list(entry.get("summary"))],
                "sources": sources[:SHOWN],
                "more_sources": sources[SHOWN:],
                "links": found[:SHOWN],
                "more_links": found[SHOWN:],
            }
        )

    events = []
    for ev in _dicts(dossier.get("events")):
        links = [claim_link(c) for c in _list(ev.get("claims"))]
        links += [docs.link(e.get("document"), e.get("span")) for e in _dicts(ev.get("evidence"))]
        found = _dedup([x for x in links if x])
        events.append(
            {
                "id": _str(ev.get("id")),
                "date": fmt_date(ev.get("date")),
                "text": _str(ev.get("text")),
                "documents": len(_list(ev.get("documents"))),
                "links": found[:SHOWN],
                "more_links": found[SHOWN:],
            }
        )

    controls = []
    for ctl in _dicts(dossier.get("controls")):
        link = claim_link(ctl.get("claim")) or docs.link(ctl.get("document"), ctl.get("span"))
        controls.append(
            {
                "place": entity_name(ctl.get("place")),
                "holder": entity_name(ctl.get("holder")),
                "since": fmt_date(ctl.get("since")),
                "as_of": fmt_date(ctl.get("as_of")),
                "source": _str(ctl.get("source")),
                "link": link,
            }
        )

    entity_views = []
    for e in entities.values():
        geo = e.get("geo") if isinstance(e.get("geo"), Mapping) else None
        entity_views.append(
            {
                "id": _str(e.get("id")),
                "name": _str(e.get("name")),
                "type": _str(e.get("type")),
                "aliases": [_str(a) for a in _list(e.get("aliases"))],
                "documents": len(_list(e.get("documents"))),
                "geo": _geo(geo),
            }
        )

    claim_views = [claim_view(c) for c in claims_list]
    brief = [_brief_item(b, docs) for b in _list(dossier.get("brief"))]
    stories = [
        {"label": _str(s.get("label")), "documents": len(_list(s.get("documents")))}
        for s in _dicts(dossier.get("stories"))
    ]
    problems = [
        {"input": _str(p.get("input")), "error": _str(p.get("error"))}
        for p in _dicts(dossier.get("problems"))
    ]
    # Articles last: every link above has registered the span it points at.
    articles = [_article(d, docs, figures_list) for d in documents]
    prov_value = dossier.get("provenance")
    prov: Mapping[str, Any] = prov_value if isinstance(prov_value, Mapping) else {}
    return {
        "schema": _str(dossier.get("schema")),
        "created": _str(prov.get("created")),
        "version": _str(prov.get("sitrep_version") or prov.get("version")),
        "stories": stories,
        "counts": [
            ("documents", len(documents)),
            ("claims", len(claims_list)),
            ("figures", len(figures_list)),
            ("tracks", len(tracks)),
            ("disagreements", n_disagreements),
            ("entities", len(entity_views)),
            ("events", len(events)),
            ("problems", len(problems)),
        ],
        "brief": brief,
        "timeline": timeline,
        "tracks": tracks,
        "other_figures": other_figures,
        "claims": claim_views,
        "events": events,
        "entities": entity_views,
        "controls": controls,
        "map": build_map(entities, _dicts(dossier.get("controls"))),
        "problems": problems,
        "articles": articles,
    }


def _range(low: Any, high: Any) -> str:
    """Low–high as text: 24–99, ≥ 200 (no upper bound), ≤ 5 (no lower bound) or one number."""
    if low is None and high is None:
        return ""
    if high is None:
        return f"≥ {fmt_num(low)}"
    if low is None:
        return f"≤ {fmt_num(high)}"
    return fmt_num(low) if low == high else f"{fmt_num(low)}–{fmt_num(high)}"


def _dedup(links: list[dict[str, str]]) -> list[dict[str, str]]:
    seen: set[str] = set()
    out = []
    for x in links:
        if x["href"] not in seen:
            seen.add(x["href"])
            out.append(x)
    return out


def _geo(geo: Mapping[str, Any] | None) -> str:
    if not geo:
        return ""
    parts = []
    if geo.get("lat") is not None and geo.get("lon") is not None:
        parts.append(f"{fmt_num(geo.get('lat'))}, {fmt_num(geo.get('lon'))}")
    parts += [_str(geo.get(k)) for k in ("region", "country") if geo.get(k)]
    return " · ".join(parts)


def _brief_item(item: Any, docs: _Docs) -> dict[str, Any]:
    """A brief sentence: a string, or ``{text|sentence, evidence[]}``."""
    if isinstance(item, Mapping):
        text = _str(item.get("text") or item.get("sentence"))
        links = [docs.link(e.get("document"), e.get("span")) for e in _dicts(item.get("evidence"))]
        return {"text": text, "links": [x for x in links if x]}
    return {"text": _str(item), "links": []}


def _article(
    doc: Mapping[str, Any], docs: _Docs, figures: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    did = _str(doc.get("id"))
    text = _str(doc.get("text"))
    pub = doc.get("published") if isinstance(doc.get("published"), Mapping) else None
    source = _str(doc.get("source"))
    figs = []
    for f in figures:
        sp = _span(f.get("span"), len(text)) if f.get("document") == did else None
        if sp and sp[0] < sp[1]:
            figs.append((sp, _figure_title(f)))
    dup = doc.get("duplicate_of")
    return {
        "id": did,
        "anchor": article_id(did),
        "title": _str(doc.get("title")) or did,
        "outlet": _str(doc.get("outlet")),
        "published": fmt_date(pub),
        "method": _str(pub.get("method")) if pub else "",
        "confidence": fmt_num(pub.get("confidence")) if pub else "",
        "credits": [_str(c) for c in _list(doc.get("credits"))],
        "source": source,
        # Only http(s) sources become links (never javascript: or file:); nothing loads them.
        "source_href": source if source.lower().startswith(("https://", "http://")) else "",
        "language": _str(doc.get("language")),
        "duplicate_of": _str(dup) if dup else "",
        "duplicate_href": "#" + article_id(_str(dup)) if dup in docs.by_id else "",
        "duplicate_evidence": _str(doc.get("duplicate_evidence")),
        "segments": segments(text, did, sorted(docs.evidence.get(did, ())), figs),
        "removed": [
            {"text": _str(r.get("text")), "reason": _str(r.get("reason"))}
            for r in _dicts(doc.get("removed"))
        ],
    }


def _figure_title(f: Mapping[str, Any]) -> str:
    parts = [_str(f.get("qualifier")).replace("_", " "), fmt_num(f.get("value"))]
    parts += [_str(f.get("unit")), _str(f.get("counts"))]
    return " ".join(p for p in parts if p)


def segments(
    text: str,
    document: str,
    evidence: Sequence[tuple[int, int]],
    figures: Sequence[tuple[tuple[int, int], str]],
) -> list[dict[str, Any]]:
    """Split ``text`` into a flat list of open/close/text pieces for the template.

    Evidence spans become ``<span class="ev" id="doc-<id>-<start>">`` wrappers when they nest
    (sentences do); a span that partly overlaps an earlier one only anchors its start, on the
    text piece there. Figure spans become ``<mark>`` around the text pieces they cover, so they
    may cross wrapper boundaries safely. Pieces are plain text: the template escapes them.
    """
    n = len(text)
    by_start: dict[int, int] = {}
    for s, e in evidence:
        if 0 <= s <= e <= n and e > by_start.get(s, -1):
            by_start[s] = e  # one anchor per start: the longest span
    wrappers: list[tuple[int, int]] = []
    points: set[int] = set()
    stack: list[tuple[int, int]] = []
    for s in sorted(by_start):
        e = by_start[s]
        while stack and stack[-1][1] <= s:
            stack.pop()
        if e == s or (stack and e > stack[-1][1]):
            points.add(s)  # empty, or crosses the end of an enclosing wrapper
            continue
        wrappers.append((s, e))
        stack.append((s, e))
    cuts = {0, n, *points}
    for s, e in wrappers:
        cuts.update((s, e))
    for (s, e), _ in figures:
        cuts.update((max(0, s), min(n, e)))
    opens: dict[int, list[tuple[int, int]]] = defaultdict(list)
    closes: dict[int, int] = defaultdict(int)
    for s, e in wrappers:
        opens[s].append((s, e))
        closes[e] += 1
    out: list[dict[str, Any]] = []
    order = sorted(c for c in cuts if 0 <= c <= n)
    for i, pos in enumerate(order):
        out += [{"kind": "close"}] * closes.get(pos, 0)
        for s, _e in sorted(opens.get(pos, ()), key=lambda w: -w[1]):
            out.append({"kind": "open", "id": anchor_id(document, s)})
        nxt = order[i + 1] if i + 1 < len(order) else n
        anchor = anchor_id(document, pos) if pos in points and pos not in opens else ""
        if nxt == pos and not anchor:
            continue
        # A point anchor sits on the text piece that starts there (an element with a box);
        # it is empty only where no text follows.
        covering = [title for (s, e), title in figures if s <= pos and nxt <= e and pos < nxt]
        out.append(
            {
                "kind": "text",
                "id": anchor,
                "text": text[pos:nxt],
                "figure": covering[0] if covering else "",
            }
        )
    return out


# --- The map: places with geo, coloured by who is said to hold them -------------------------

# Holder colours, in order of first use (Okabe–Ito, distinguishable with colour-blindness);
# places with no control claim are grey.
_PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c564b")
_NO_HOLDER = "#9a9a9a"
_MAP_WIDTH = 800.0
_MIN_SPAN_LON = 8.0  # degrees: a single place still shows its surroundings
_MIN_SPAN_LAT = 5.0


@dataclass(frozen=True, slots=True)
class _Ring:
    points: tuple[tuple[float, float], ...]
    bbox: tuple[float, float, float, float]  # lon0, lat0, lon1, lat1


@cache
def _world() -> tuple[str, tuple[_Ring, ...]]:
    """The packaged country outlines (static/world-110m.json): credit line and rings."""
    path = resources.files("sitrep.report").joinpath("static", "world-110m.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("report map: country outlines missing or unreadable; places only")
        return "", ()
    rings = []
    for country in data.get("countries", []):
        for r in country.get("rings", []):
            pts = tuple((float(p[0]), float(p[1])) for p in r)
            if len(pts) >= 3:
                lons, lats = [p[0] for p in pts], [p[1] for p in pts]
                rings.append(_Ring(pts, (min(lons), min(lats), max(lons), max(lats))))
    return str(data.get("credit", "")), tuple(rings)


def _n(value: float) -> str:
    """An SVG coordinate: one decimal, no thousands separator, no trailing ".0"."""
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text


def _finite(value: Any) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok and math.isfinite(value) else None


def _latlon(geo: Any) -> tuple[float, float] | None:
    if not isinstance(geo, Mapping):
        return None
    lat, lon = _finite(geo.get("lat")), _finite(geo.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def _date_key(value: Any) -> str:
    """A sortable key for a ``{date, earliest, latest}``: the latest day it could be."""
    if isinstance(value, Mapping):
        return _str(value.get("date") or value.get("latest") or value.get("earliest"))
    return _str(value)


def _window(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    """lon0, lat0, lon1, lat1 around ``points`` (lat, lon) with a margin and minimum size."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
    mlat = max(1.0, 0.15 * (lat1 - lat0))
    mlon = max(1.0, 0.15 * (lon1 - lon0))
    lat0, lat1, lon0, lon1 = lat0 - mlat, lat1 + mlat, lon0 - mlon, lon1 + mlon
    cos = max(0.2, math.cos(math.radians((lat0 + lat1) / 2)))
    # Minimum size, then an aspect (height / width on screen) between 0.5 and 0.9.
    span_lon = max(lon1 - lon0, _MIN_SPAN_LON)
    span_lat = max(lat1 - lat0, _MIN_SPAN_LAT)
    span_lat = max(span_lat, 0.5 * span_lon * cos)
    span_lon = max(span_lon, span_lat / (0.9 * cos))
    clon, clat = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    clat = min(max(clat, -85 + span_lat / 2), 85 - span_lat / 2)
    return clon - span_lon / 2, clat - span_lat / 2, clon + span_lon / 2, clat + span_lat / 2


def build_map(
    entities: Mapping[str, Mapping[str, Any]], controls: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The map's view: viewBox, country paths, place circles with claims, holder legend.

    Equirectangular projection of the window around the located places (x scaled by the
    cosine of the window's middle latitude); country rings wholly outside the window are
    skipped, the rest are clipped by the SVG viewport. All values are numbers or plain text.
    """
    places = []
    for eid, e in entities.items():
        ll = _latlon(e.get("geo"))
        if ll is not None:
            places.append((eid, _str(e.get("name")) or eid, ll))
    credit, rings = _world()
    if not places:
        return {"places": [], "countries": [], "legend": [], "viewbox": "", "credit": credit}

    def name(ref: Any) -> str:
        ent = entities.get(ref) if isinstance(ref, str) else None
        return _str(ent.get("name")) if ent else _str(ref)

    by_place: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for c in controls:
        by_place[_str(c.get("place"))].append(c)
    colours: dict[str, str] = {}
    held: dict[str, int] = defaultdict(int)

    framed = _framed([p[2] for p in places], [bool(by_place.get(p[0])) for p in places])
    lon0, lat0, lon1, lat1 = _window([p[2] for i, p in enumerate(places) if i in framed])
    cos = max(0.2, math.cos(math.radians((lat0 + lat1) / 2)))
    k = _MAP_WIDTH / ((lon1 - lon0) * cos)
    height = (lat1 - lat0) * k

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - lon0) * cos * k, 1), round((lat1 - lat) * k, 1)

    place_views = []
    outside = [p[1] for i, p in enumerate(places) if i not in framed]
    places = [p for i, p in enumerate(places) if i in framed]
    # Places with control claims last, so that they are drawn on top.
    places.sort(key=lambda p: (bool(by_place.get(p[0])), -p[2][0], p[2][1]))
    for eid, pname, (lat, lon) in places:
        claims = sorted(by_place.get(eid, []), key=lambda c: _date_key(c.get("as_of")))
        holder = name(claims[-1].get("holder")) if claims else ""
        if holder and holder not in colours:
            colours[holder] = _PALETTE[len(colours) % len(_PALETTE)]
        if holder:
            held[holder] += 1
        lines = [pname]
        for c in claims:
            line = f"held by {name(c.get('holder')) or 'unknown'}"
            if fmt_date(c.get("since")):
                line += f" since {fmt_date(c.get('since'))}"
            if fmt_date(c.get("as_of")):
                line += f", as of {fmt_date(c.get('as_of'))}"
            per = ", ".join(x for x in (_str(c.get("source")), _str(c.get("document"))) if x)
            lines.append(line + (f", per {per}" if per else ""))
        if not claims:
            lines.append("no control claim")
        x, y = xy(lon, lat)
        place_views.append(
            {
                "id": eid,
                "name": pname,
                "x": x,
                "y": y,
                "colour": colours.get(holder, _NO_HOLDER),
                "holder": holder,
                "title": "\n".join(lines),
            }
        )

    _place_labels(place_views)
    countries = []
    for r in rings:
        b = r.bbox
        if b[2] < lon0 or b[0] > lon1 or b[3] < lat0 or b[1] > lat1:
            continue
        pts = [xy(lon, lat) for lon, lat in r.points]
        countries.append("M" + "L".join(f"{_n(x)},{_n(y)}" for x, y in pts) + "Z")
    legend = [{"holder": h, "colour": c, "places": held[h]} for h, c in colours.items()]
    if any(not p["holder"] for p in place_views):
        n = sum(1 for p in place_views if not p["holder"])
        legend.append({"holder": "", "colour": _NO_HOLDER, "places": n})
    return {
        "places": place_views,
        "countries": countries,
        "legend": legend,
        "viewbox": f"0 0 {_n(_MAP_WIDTH)} {_n(height)}",
        "width": _n(_MAP_WIDTH),
        "height": _n(height),
        "window": [round(v, 2) for v in (lon0, lat0, lon1, lat1)],
        "outside": outside,
        "credit": credit,
    }


_FRAME_RADIUS = 12.0  # degrees from the median place: farther ones (a far capital) go unframed


def _framed(points: Sequence[tuple[float, float]], claimed: Sequence[bool]) -> set[int]:
    """Indexes of the places the window frames: those near the median place, and every place
    with a control claim. A story about one region that mentions a distant capital keeps its
    region's scale; the distant place is listed under the map instead."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    mlat, mlon = lats[len(lats) // 2], lons[len(lons) // 2]
    cos = max(0.2, math.cos(math.radians(mlat)))
    keep = set()
    for i, (lat, lon) in enumerate(points):
        if claimed[i] or math.hypot(lat - mlat, (lon - mlon) * cos) <= _FRAME_RADIUS:
            keep.add(i)
    return keep or set(range(len(points)))


def _place_labels(places: list[dict[str, Any]]) -> None:
    """Give each place a label position that overlaps no earlier label, or none.

    Places at one spot share one label ("Kursk / Kursk region"). Placement is greedy, places
    with a control claim first; a label that fits nowhere is left out (the tooltip has it).
    """
    spots: dict[tuple[float, float], list[dict[str, Any]]] = defaultdict(list)
    for p in places:
        spots[(p["x"], p["y"])].append(p)
        p["label"] = ""
    taken: list[tuple[float, float, float, float]] = []
    order = sorted(spots.items(), key=lambda kv: not any(p["holder"] for p in kv[1]))
    for (x, y), group in order:
        text = " / ".join(dict.fromkeys(p["name"] for p in group))
        w, h = 6.3 * len(text), 13.0
        for lx, ly, anchor in (
            (x + 7, y + 4, "start"),
            (x - 7, y + 4, "end"),
            (x - w / 2, y - 9, "start"),
            (x - w / 2, y + 17, "start"),
        ):
            left = lx - w if anchor == "end" else lx
            box = (left, ly - h + 3, left + w, ly + 3)
            if box[0] < 0 or box[2] > _MAP_WIDTH:
                continue
            if any(
                box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken
            ):
                continue
            taken.append(box)
            top = group[-1]
            top.update(label=text, label_x=round(lx, 1), label_y=round(ly, 1), anchor=anchor)
            break
