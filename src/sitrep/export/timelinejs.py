"""The dossier timeline as a TimelineJS3 JSON object (``{"title": ..., "events": [...]}``).

Each timeline entry is one event: ``start_date`` from its date (a month entry has no ``day``),
the summary sentences as HTML paragraphs (escaped), the sources in the headline's group, and
the documents of its evidence as a "Sources" line. The brief becomes the title slide.
"""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["to_timelinejs"]


def _date(iso: str) -> dict[str, str] | None:
    parts = iso.split("-")
    if not parts or not parts[0].isdigit():
        return None
    out = {"year": parts[0]}
    if len(parts) > 1 and parts[1].isdigit():
        out["month"] = str(int(parts[1]))
    if len(parts) > 2 and parts[2][:2].isdigit():
        out["day"] = str(int(parts[2][:2]))
    return out


def to_timelinejs(dossier: dict[str, Any]) -> dict[str, Any]:
    """A TimelineJS3 timeline dict (``json.dumps`` it to feed TimelineJS)."""
    titles = {d.get("id"): d.get("title") or d.get("id") for d in dossier.get("documents") or []}
    events = []
    for entry in dossier.get("timeline") or []:
        start = _date(str(entry.get("date") or ""))
        summary = [s for s in entry.get("summary") or [] if s]
        if start is None or not summary:
            continue
        docs: list[str] = []
        for ev in entry.get("evidence") or []:
            doc = ev.get("document")
            if doc and doc not in docs:
                docs.append(doc)
        body = "".join(f"<p>{escape(s)}</p>" for s in summary)
        if docs:
            body += "<p><small>Sources: " + escape("; ".join(str(titles.get(d, d)) for d in docs))
            body += "</small></p>"
        event: dict[str, Any] = {
            "start_date": start,
            "text": {"headline": escape(summary[0][:120]), "text": body},
            "unique_id": f"d{entry.get('date')}",
        }
        if entry.get("sources"):
            event["group"] = escape(str(entry["sources"][0]))
        events.append(event)
    brief = dossier.get("brief") or []
    title = {
        "text": {
            "headline": "Timeline",
            "text": "".join(f"<p>{escape(s)}</p>" for s in brief),
        }
    }
    return {"title": title, "events": events}
