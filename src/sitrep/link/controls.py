"""Per-article control claims -> corpus ``Control`` records with entity ids.

The place becomes the id of its place entity (found by the mention at ``place_span``, else by
name); the holder becomes the entity id of the country it stands for when the corpus has that
country ("Ukrainian forces", "Kyiv", "Ukraine" -> the entity Ukraine), else it stays text.
"""

from __future__ import annotations

from sitrep.link.entities import EntityIndex
from sitrep.link.lexicon import HOLDER_WORDS
from sitrep.link.names import tokens
from sitrep.link.places import as_country
from sitrep.model import AnalyzedArticle, Control, ControlClaim, Mention


def control_mentions(articles: list[AnalyzedArticle]) -> dict[str, list[Mention]]:
    """Places named in control claims but not found as mentions, as pseudo-mentions, so that
    every controlled place becomes an entity."""
    extra: dict[str, list[Mention]] = {}
    for art in articles:
        spans = {m.span for m in art.mentions}
        for cc in art.controls:
            if cc.place_span not in spans and cc.place.strip():
                extra.setdefault(art.id, []).append(
                    Mention(
                        span=cc.place_span,
                        text=cc.place,
                        type="place",
                        label="control",
                        norm=cc.place,
                    )
                )
                spans.add(cc.place_span)
    return extra


def holder_country(holder: str) -> str | None:
    """The country a holder text names: "Ukrainian forces" / "Kyiv" / "Russia's army"."""
    direct = as_country(holder)
    if direct:
        return direct
    words = [t for t in tokens(holder) if t.lower() not in HOLDER_WORDS]
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            found = as_country(" ".join(words[i : i + size]))
            if found:
                return found
    return None


def _global_claim_id(art: AnalyzedArticle, local: str | None) -> str | None:
    if local is None:
        return None
    ids = {c.id for c in art.claims}
    if local in ids:
        return local
    prefixed = f"{art.id}:{local}"
    return prefixed if prefixed in ids or ":" not in local else local


def link_controls(articles: list[AnalyzedArticle], index: EntityIndex) -> list[Control]:
    """One ``Control`` per control claim whose place is a place entity, in document order.

    The per-article reading lets a name tagged as an organisation be the place held (the
    tagger calls towns organisations); across the corpus a name that is an organisation
    everywhere else ("Harlow Motors is held by Kessel Group", a company owned) holds no
    ground.
    """
    out: list[Control] = []
    for art in articles:
        for cc in art.controls:
            place = index.at(art.id, cc.place_span) or index.resolve(cc.place)
            entity = index.get(place)
            if place is None or (entity is not None and entity.type != "place"):
                continue
            out.append(_control(art, cc, place, index))
    return out


def _control(art: AnalyzedArticle, cc: ControlClaim, place: str, index: EntityIndex) -> Control:
    country = holder_country(cc.holder)
    holder = (index.resolve(country) if country else None) or index.resolve(cc.holder)
    return Control(
        place=place,
        holder=holder or (country or cc.holder),
        since=cc.since,
        as_of=cc.as_of or art.published.as_range(),
        claim=_global_claim_id(art, cc.claim),
        source=cc.source,
        document=art.id,
        span=cc.sentence,
    )
