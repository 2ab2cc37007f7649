"""Build ``src/sitrep/report/static/world-110m.json``: country outlines for the report's map.

Input: ``countries-110m.json`` from the npm package ``world-atlas@2`` (Natural Earth 1:110m
Admin 0 countries, public domain, as TopoJSON). Get it offline-first with::

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python scripts/build_world_outlines.py /tmp/package/countries-110m.json

The TopoJSON arcs are delta-encoded integers with a ``transform`` (scale, translate); they are
decoded into plain polygon rings of ``[lon, lat]`` rounded to 0.1 degree (consecutive duplicates
dropped, rings with fewer than 4 points dropped) and written with a credit header. A ring that
crosses the antimeridian has its western points shifted by +360 so that it stays one polygon.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

OUT = (
    Path(__file__).resolve().parents[1] / "src" / "sitrep" / "report" / "static" / "world-110m.json"
)
CREDIT = (
    "Country outlines: Natural Earth 1:110m Admin 0 (public domain), "
    "via the world-atlas npm package (ISC); decoded and rounded to 0.1 degree by "
    "scripts/build_world_outlines.py"
)


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute ``(lon, lat)`` points of every arc (undoing the delta encoding and transform)."""
    tr = topo.get("transform")
    sx, sy = tr["scale"] if tr else (1.0, 1.0)
    tx, ty = tr["translate"] if tr else (0.0, 0.0)
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy, *_ in arc:
            if tr:
                x += dx
                y += dy
            else:
                x, y = dx, dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    polar = min(lat for _, lat in pts) < -80  # Antarctica: drawn along the map's bottom edge
    if not polar and any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(pts)):
        # The ring crosses the antimeridian (Russia, Fiji): keep it in one piece by moving its
        # western-hemisphere points past 180 degrees east.
        pts = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in pts]
    out: list[list[float]] = []
    for lon, lat in pts:
        p = [round(lon, 1), round(lat, 1)]
        if not out or out[-1] != p:
            out.append(p)
    return out if len(out) >= 4 else []


def build(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g.get("arcs") or []
        if g.get("type") == "Polygon":
            polys = [polys]
        elif g.get("type") != "MultiPolygon":
            continue
        rings = [r for poly in polys for idx in poly if (r := ring(idx, arcs))]
        if rings:
            name = (g.get("properties") or {}).get("name", "")
            countries.append({"name": name, "rings": rings})
    return {"credit": CREDIT, "source": "world-atlas@2 countries-110m.json", "countries": countries}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("topojson", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
