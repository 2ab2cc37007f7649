"""Who said it: short display names for the source of a claim or figure.

Used in notes and the brief: "2.5 km (Zelensky, via Reuters) vs up to 5 km (ISW)". A person
is named by surname (or by the one word of the name the texts use alone: "Ban" of Ban
Ki-moon), an organisation with an acronym alias by the acronym, anything else by its canonical
name; a figure with no attributed claim is credited to its outlet.
"""

from __future__ import annotations

from sitrep.link.entities import EntityIndex
from sitrep.link.names import display_form, is_acronym, tokens
from sitrep.model import AnalyzedArticle, Claim, Figure, Source


def short_name(source: Source, index: EntityIndex) -> str:
    ent = index.get(source.entity)
    if ent is None:
        # the name, not its apposition or relative clause ("Ivo Harlow, who ...")
        head = source.text.split(",")[0].strip()
        return display_form(head) or display_form(source.text) or source.text
    if ent.type == "person":
        words = tokens(ent.name)
        if not words:
            return ent.name
        # the short form the texts use: the surname, or the family name written first ("Ban")
        short = [a for a in ent.aliases if a in words and a != words[-1]]
        return words[-1] if words[-1] in ent.aliases or not short else short[0]
    acronyms = sorted(a for a in ent.aliases if is_acronym(a.replace(".", "")))
    if acronyms and len(tokens(ent.name)) >= 3:
        return acronyms[0]
    return ent.name


def claim_of(article: AnalyzedArticle, claim_id: str | None) -> Claim | None:
    if claim_id is None:
        return None
    for claim in article.claims:
        if claim.id in (claim_id, f"{article.id}:{claim_id}"):
            return claim
        if claim.id.rsplit(":", 1)[-1] == claim_id:
            return claim
    return None


def attribution(article: AnalyzedArticle, claim: Claim | None, index: EntityIndex) -> str:
    """``Zelensky, via Reuters``; the outlet (or document id) when the claim has no source."""
    if claim is None or claim.source is None:
        return article.outlet or article.id
    name = short_name(claim.source, index)
    relays = [short_name(v, index) for v in claim.via]
    relays = [r for r in relays if r and r != name]
    return f"{name}, via {', '.join(relays)}" if relays else name


def figure_source(article: AnalyzedArticle, figure: Figure, index: EntityIndex) -> str:
    return attribution(article, claim_of(article, figure.claim), index)
