"""The brief: at most ten sentences on what is known, what is disputed and by whom.

Composed from templates over the linked corpus, in this order:

1. the coverage (articles, duplicates, the main story's label);
2. the best supported events, with their dates;
3. each main track's latest value and where it started;
4. who is said to hold which place (or that sources differ);
5. the disagreements between sources, side by side.

Slots are reserved for the disputed parts (4, 5) before events fill the rest, so that a busy
timeline never crowds them out.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sitrep.link.common import date_bounds, describe_date
from sitrep.link.entities import EntityIndex
from sitrep.link.tracks import describe
from sitrep.model import AnalyzedArticle, Control, Duplicate, Event, Figure, Story, Track

MAX_SENTENCES = 10


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def build_brief(
    *,
    articles: list[AnalyzedArticle],
    stories: list[Story],
    duplicates: list[Duplicate],
    events: list[Event],
    tracks: list[Track],
    controls: list[Control],
    index: EntityIndex,
) -> list[str]:
    figures: dict[str, tuple[AnalyzedArticle, Figure]] = {
        f.id: (a, f) for a in articles for f in a.figures
    }
    disputes = _disagreements(tracks)[:2]
    holds = _controls(controls, index)[:2]
    trends = _tracks(tracks, figures)[:2]
    head = []
    if articles:
        main = max(stories, key=lambda s: (len(s.documents), -int(s.id[1:]))) if stories else None
        line = f"{_plural(len(articles), 'article')}"
        if duplicates:
            line += f" ({_plural(len(duplicates), 'duplicate')})"
        if main is not None:
            line += f" in {_plural(len(stories), 'story')}; the main one is about {main.label}"
        head.append(line + ".")
    room = MAX_SENTENCES - len(head) - len(disputes) - len(holds) - len(trends)
    known = []
    for ev in sorted(events, key=lambda e: (-len(e.documents), e.id))[: max(0, room)]:
        when = describe_date(ev.date)
        support = f" ({_plural(len(ev.documents), 'document')})" if len(ev.documents) > 1 else ""
        known.append(f"{when}: {ev.text.rstrip('.')}{support}.")
    known.sort()
    return (head + known + trends + holds + disputes)[:MAX_SENTENCES]


def _disagreements(tracks: list[Track]) -> list[str]:
    out = []
    for track in sorted(tracks, key=lambda t: (-len(t.figures), t.id)):
        for diff in track.differences:
            if diff.kind == "disagreement":
                out.append(f"Sources disagree on {track.measure}: {diff.note}.")
                break
    return out


def _tracks(tracks: list[Track], figures: dict[str, tuple[AnalyzedArticle, Figure]]) -> list[str]:
    out = []
    for track in sorted(tracks, key=lambda t: (-len(t.figures), t.id)):
        changes = [d for d in track.differences if d.kind == "change"]
        dated = [
            f
            for f in track.figures
            if f in figures
            and date_bounds(figures[f][1].as_of or figures[f][0].published.as_range())
        ]
        if not changes or len(dated) < 2:
            continue
        first_art, first = figures[dated[0]]
        last_art, last = figures[dated[-1]]
        last_when = describe_date(last.as_of or last_art.published.as_range())
        first_when = describe_date(first.as_of or first_art.published.as_range())
        measure = track.measure[:1].upper() + track.measure[1:]
        out.append(
            f"{measure}: {describe(last)} as of {last_when}, after "
            f"{describe(first)} as of {first_when} ({_plural(len(track.figures), 'figure')})."
        )
    return out


def _controls(controls: list[Control], index: EntityIndex) -> list[str]:
    by_place: dict[str, list[Control]] = defaultdict(list)
    for c in controls:
        by_place[c.place].append(c)
    out = []
    ranked = sorted(by_place.items(), key=lambda kv: (-len({c.document for c in kv[1]}), kv[0]))
    for place_id, items in ranked:
        place = index.get(place_id)
        name = place.name if place else place_id
        holders: Counter[str] = Counter()
        for c in items:
            ent = index.get(c.holder)
            holders[ent.name if ent else c.holder] += 1
        docs = len({c.document for c in items})
        if len(holders) == 1:
            holder = next(iter(holders))
            out.append(f"{name} is held by {holder} according to {_plural(docs, 'document')}.")
        else:
            parts = ", ".join(f"{h} ({n})" for h, n in holders.most_common())
            out.append(f"Sources differ on who holds {name}: {parts}.")
    return out
