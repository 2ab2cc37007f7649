"""The brief: at most ten sentences on what is known, what is disputed and by whom.

Composed from templates over the linked corpus, from the main story only (the story with the
most documents), in this order:

1. the coverage (articles, duplicates, the main story's label);
2. the best supported events of the main story, one per date, with their dates and support;
   events recalled only as background (``events.is_background``: history the articles bring
   up), events dated before the story's coverage began and sentences dated only by "now"
   (a state or a comment: "the crisis now demands a global response") are left out;
3. each main track's latest value with its source, and where it started (of amounts many
   give, pledges, one giver's latest change);
4. who is said to hold which place (or that sources differ);
5. the disagreements between sources, side by side with who says what (the latest between
   two firm figures of each track, biggest tracks first).

Slots are reserved for the disputed parts (4, 5) and the figures (3) before events fill the
rest, so that a busy timeline never crowds them out.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sitrep.link.common import date_bounds, describe_date, in_own_voice
from sitrep.link.entities import EntityIndex
from sitrep.link.sources import figure_source, short_name
from sitrep.link.timeline import dated_by_now, event_background, says_something, strip_dateline
from sitrep.link.tracks import (
    agrees,
    aside,
    describe,
    is_additive,
    subgroup,
    unplaced_beside_placed,
)
from sitrep.model import AnalyzedArticle, Control, Duplicate, Event, Figure, Story, Track

MAX_SENTENCES = 10
COVERAGE_LEAD = 7  # days before the first article of the story still counted as its news


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
    by_id = {a.id: a for a in articles}
    main = max(stories, key=lambda s: (len(s.documents), -_num(s.id))) if stories else None
    in_main = set(main.documents) if main is not None else set(by_id)
    tracks = [
        t for t in tracks if any(figures[f][0].id in in_main for f in t.figures if f in figures)
    ]
    controls = [c for c in controls if c.document in in_main]
    disputes = _disagreements(tracks, figures)[:3]
    holds = _controls(controls, index, _denials(articles, in_main, index))[:2]
    trends = _tracks(tracks, figures, index)[:2]
    head = []
    if articles:
        line = f"{_plural(len(articles), 'article')}"
        if duplicates:
            line += f" ({_plural(len(duplicates), 'duplicate')})"
        if main is not None:
            line += f" in {_plural(len(stories), 'story')}; the main one is about {main.label}"
        head.append(line + ".")
    room = MAX_SENTENCES - len(head) - len(disputes) - len(holds) - len(trends)
    known = _known(events, by_id, in_main, max(0, room))
    return (head + known + trends + holds + disputes)[:MAX_SENTENCES]


def _num(sid: str) -> int:
    return int(sid[1:]) if sid[1:].isdigit() else 0


def _coverage_start(by_id: dict[str, AnalyzedArticle], docs: set[str]) -> int | None:
    starts = [
        b[0] for d in docs if d in by_id and (b := date_bounds(by_id[d].published.as_range()))
    ]
    return min(starts) - COVERAGE_LEAD if starts else None


def _known(
    events: list[Event], by_id: dict[str, AnalyzedArticle], docs: set[str], room: int
) -> list[str]:
    """The best supported event of each date of the main story, most supported dates first,
    listed in date order."""
    start = _coverage_start(by_id, docs)
    best: dict[str, Event] = {}
    for ev in events:
        when = date_bounds(ev.date)
        if not any(d in docs for d in ev.documents) or ev.date.date is None or when is None:
            continue
        if event_background(ev, by_id) or (start is not None and when[1] < start):
            continue
        if not says_something(ev.text) or dated_by_now(ev, by_id):
            continue
        if in_own_voice(strip_dateline(ev.text)):
            continue  # a question, a reader's "I called the helpline": no event to lead with
        cur = best.get(ev.date.date)
        if cur is None or len(ev.documents) > len(cur.documents):
            best[ev.date.date] = ev
    ranked = sorted(best.values(), key=lambda e: (-len(e.documents), e.date.date or "", e.id))
    out = []
    for ev in sorted(ranked[:room], key=lambda e: (e.date.date or "", e.id)):
        count = f" ({_plural(len(ev.documents), 'document')})" if len(ev.documents) > 1 else ""
        text = strip_dateline(ev.text).rstrip(".")
        out.append(f"{describe_date(ev.date)}: {text}{count}.")
    return out


def _disagreements(
    tracks: list[Track], figures: dict[str, tuple[AnalyzedArticle, Figure]]
) -> list[str]:
    """One line per track with a disagreement, biggest tracks first: the track's latest between
    two firm figures (``_firm``) when it has one, for "several" against "thousands" is no
    dispute worth a line, else its latest."""
    out = []
    for track in sorted(tracks, key=lambda t: (-len(t.figures), t.id)):
        if unplaced_beside_placed(track, tracks):
            continue  # two counts of no named place may count two places
        found = [d for d in track.differences if d.kind == "disagreement"]
        firm = [d for d in found if all(f in figures and _firm(*figures[f]) for f in d.figures)]
        if found:
            out.append(f"Sources disagree on {track.measure}: {(firm or found)[-1].note}.")
    return out


def _tracks(
    tracks: list[Track],
    figures: dict[str, tuple[AnalyzedArticle, Figure]],
    index: EntityIndex,
) -> list[str]:
    out = []
    for track in sorted(tracks, key=lambda t: (-len(t.figures), t.id)):
        if unplaced_beside_placed(track, tracks):
            continue  # "cases" running from one town's two to the world's 70,000: no trend
        changes = [d for d in track.differences if d.kind == "change"]
        dated = [
            f
            for f in track.figures
            if f in figures
            and date_bounds(figures[f][1].as_of or figures[f][0].published.as_range())
        ]
        if not changes or len(dated) < 2:
            continue
        # the story's totals when it gives two: not "2 children", "40 other deaths", "dozens"
        totals = [f for f in dated if _total(*figures[f])]
        if len(totals) >= 2:
            dated = totals
        ends = dated[0], dated[-1]
        if is_additive(track.measure):
            # many give: one giver's latest change, not one giver's pledge after another's
            moved = [
                d
                for d in changes
                if not agrees(figures[d.figures[0]][1], figures[d.figures[-1]][1])
            ]
            if not moved:
                continue
            ends = moved[-1].figures[0], moved[-1].figures[-1]
        (first_art, first), (last_art, last) = figures[ends[0]], figures[ends[1]]
        last_when = describe_date(last.as_of or last_art.published.as_range())
        first_when = describe_date(first.as_of or first_art.published.as_range())
        if last_when == first_when:
            continue  # two figures of one day are no trend
        measure = track.measure[:1].upper() + track.measure[1:]
        who = figure_source(last_art, last, index)
        out.append(
            f"{measure}: {describe(last)} ({who}) as of {last_when}, after "
            f"{describe(first)} as of {first_when} ({_plural(len(track.figures), 'figure')})."
        )
    return out


def _firm(art: AnalyzedArticle, fig: Figure) -> bool:
    """A figure that states an amount of the whole: a number or a range, not a vague word
    ("several", "thousands"), a group or an increment."""
    stated = fig.value is not None or (fig.qualifier == "range" and fig.low is not None)
    return stated and aside(art.text, fig) is None and subgroup(fig) is None


def _total(art: AnalyzedArticle, fig: Figure) -> bool:
    """A figure that states the whole of its measure as one number (a firm figure, no range)."""
    return fig.value is not None and _firm(art, fig)


def _denials(
    articles: list[AnalyzedArticle], docs: set[str], index: EntityIndex
) -> dict[str, list[str]]:
    """The sources that deny something about a place, by the place's entity: "Kyiv denied
    that Harlovka had fallen" (a denied claim whose content names the place)."""
    out: dict[str, list[str]] = defaultdict(list)
    for art in articles:
        if art.id not in docs:
            continue
        links = index.mention_entities.get(art.id, {})
        for claim in art.claims:
            if claim.polarity != "denied" or claim.source is None:
                continue
            c0, c1 = claim.content_span
            for (m0, m1), eid in links.items():
                if c0 <= m0 and m1 <= c1:
                    who = short_name(claim.source, index)
                    if who not in out[eid]:
                        out[eid].append(who)
    return out


def _controls(
    controls: list[Control], index: EntityIndex, denials: dict[str, list[str]]
) -> list[str]:
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
        denied = [who for who in denials.get(place_id, []) if who not in holders]
        if len(holders) == 1:
            holder = next(iter(holders))
            line = f"{name} is held by {holder} according to {_plural(docs, 'document')}"
            out.append(line + (f"; denied by {', '.join(denied)}." if denied else "."))
        else:
            parts = ", ".join(f"{h} ({n})" for h, n in holders.most_common())
            out.append(f"Sources differ on who holds {name}: {parts}.")
    return out
