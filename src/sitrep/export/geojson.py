"""The dossier's places as a GeoJSON FeatureCollection (RFC 7946: ``[lon, lat]``).

One Point feature per geocoded place entity, with its name, aliases, country, region, the
number of documents and mentions, and the control claims about it (holder name, as-of date,
document), so a map can show who is said to hold what.
"""

from __future__ import annotations

from typing import Any

__all__ = ["to_geojson"]


def to_geojson(dossier: dict[str, Any]) -> dict[str, Any]:
    """A ``FeatureCollection`` of the dossier's geocoded places."""
    entities = {e.get("id"): e for e in dossier.get("entities") or []}
    controls: dict[str, list[dict[str, Any]]] = {}
    for c in dossier.get("controls") or []:
        holder = c.get("holder")
        name = entities[holder].get("name") if holder in entities else holder
        as_of = c.get("as_of") or {}
        controls.setdefault(c.get("place"), []).append(
            {
                "holder": name,
                "as_of": as_of.get("date") or as_of.get("latest"),
                "document": c.get("document"),
            }
        )
    features = []
    for ent in dossier.get("entities") or []:
        geo = ent.get("geo")
        if not geo or geo.get("lat") is None or geo.get("lon") is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": ent.get("id"),
                "geometry": {"type": "Point", "coordinates": [geo["lon"], geo["lat"]]},
                "properties": {
                    "name": ent.get("name"),
                    "type": ent.get("type"),
                    "aliases": ent.get("aliases") or [],
                    "country": geo.get("country"),
                    "region": geo.get("region"),
                    "documents": len(ent.get("documents") or []),
                    "mentions": ent.get("mentions", 0),
                    "controls": controls.get(ent.get("id"), []),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
