"""The one data model of sitrep.

Everything that flows between stages is one of these dataclasses; nothing else lives here.

Conventions (the ``sitrep.dossier/1`` contract, see DESIGN.md):

* A ``Span`` is a ``(start, end)`` half-open pair of character offsets into the *cleaned* text of
  the article that owns it (``AnalyzedArticle.text``). Text is stored once; annotations are views.
* Dates are ISO strings: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when that is all that is known.
  Every date is a ``DateRange``; ``date`` is ``None`` when only a range is known.
* Confidence is a float in ``0..1``.

Figure and claim ids are made from their article's id and a running number
(``000_ba2ac43760806526:f3``, ``...:c2``): stable across runs and unique in a corpus, so that
adding articles never renumbers old ones.
All classes are plain, picklable data so that per-article analysis can run in a process pool
or on a Dask cluster unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(slots=True, kw_only=True)
class DateRange:
    """A date with its uncertainty: ``date`` when one day/month/year is known, else ``None``."""

    date: str | None
    earliest: str | None
    latest: str | None


@dataclass(slots=True, kw_only=True)
class PublishedDate:
    """When an article was published, and how we know."""

    date: str | None
    earliest: str | None
    latest: str | None
    # metadata | html_meta | feed | feed_updated (a feed item's <updated> alone) | url | filename
    # | content | weekday | corpus | none
    method: str
    confidence: float
    evidence: list[str] = field(default_factory=list)

    def as_range(self) -> DateRange:
        return DateRange(date=self.date, earliest=self.earliest, latest=self.latest)


@dataclass(slots=True, kw_only=True)
class Problem:
    """An input that could not be read (or read only in part), and why."""

    input: str
    error: str


@dataclass(slots=True, kw_only=True)
class RawArticle:
    """One article as ingested: extracted plain text plus whatever metadata the input carried.

    ``id`` is the file stem, or ``stem#n`` for the n-th record (1-based) of a JSON Lines file,
    the n-th item of a feed or the n-th HTML page of a WARC file.
    ``meta_date`` is an ISO date from metadata (HTML meta, a JSON field, a feed item, the URL),
    with ``meta_date_method`` naming where it came from.
    ``crawl_date`` is the ISO day a web archive (WARC) fetched the page: an upper bound on the
    publication date, not the publication date itself.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    meta_date: str | None = None
    meta_date_method: str | None = None
    crawl_date: str | None = None
    format: str = "txt"  # txt | md | html | json | jsonl | rss | atom | warc


@dataclass(slots=True, kw_only=True)
class Removed:
    """A piece of the ingested text that cleaning moved out of the article, with the reason.

    Reasons: boilerplate, comments, promo, image_link, caption, tags, foreign_language,
    off_topic, credit, empty.
    """

    text: str
    reason: str


@dataclass(slots=True, kw_only=True)
class CleanedArticle:
    """An article after cleaning: ``text`` is what every span indexes into."""

    raw: RawArticle
    text: str
    removed: list[Removed] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    language: str = "en"


@dataclass(slots=True, kw_only=True)
class Sentence:
    span: Span


@dataclass(slots=True, kw_only=True)
class Mention:
    """A named-entity mention. ``type``: person | organization | place | group | other.

    ``label`` keeps the finer label (spaCy's GPE/LOC/NORP/ORG/PERSON or ``gazetteer``).
    ``norm`` is the surface form with possessives and leading articles stripped.
    """

    span: Span
    text: str
    type: str
    label: str
    norm: str


@dataclass(slots=True, kw_only=True)
class Timex:
    """A TIMEX3 time expression: ``type`` DATE | TIME | DURATION | SET; ``value`` in TimeML form."""

    span: Span
    text: str
    type: str
    value: str
    resolved: DateRange | None = None  # calendar range the value covers, when it is a date
    mod: str | None = None  # TimeML mod: START | MID | END | APPROX | LESS_THAN | MORE_THAN ...
    rule: str | None = None  # unanchored form, e.g. "md:02-06:w4", "wd:4:", "ref:D:1" (time.rules)
    tense: str | None = None  # past | present | future: tense of the clause around the timex
    signal: str | None = None  # the preposition before it: since | by | as of | on | in ...
    scope: Span | None = None  # the clause it dates when narrower than its sentence (time.scope)


@dataclass(slots=True, kw_only=True)
class Source:
    """Who a claim is attributed to. ``kind`` comes from the source registry (data)."""

    text: str
    span: Span
    kind: str  # party_government | party_military | media | state_media | think_tank | ...
    entity: str | None = None  # a Mention norm before linking; an entity id after


@dataclass(slots=True, kw_only=True)
class Cue:
    text: str
    span: Span


@dataclass(slots=True, kw_only=True)
class Claim:
    id: str
    sentence: Span
    content_span: Span
    source: Source | None
    via: list[Source] = field(default_factory=list)  # relays, outermost first
    cue: Cue | None = None
    hedges: list[str] = field(default_factory=list)
    polarity: str = "asserted"  # asserted | denied
    status: str | None = None  # unconfirmed | confirmed | disputed | None
    as_of: DateRange | None = None
    checkworthiness: float = 0.0


@dataclass(slots=True, kw_only=True)
class Figure:
    """A quantity. ``value`` is ``None`` for vague amounts, which keep ``low``/``high``."""

    id: str
    span: Span
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str  # exact|approximately|more_than|at_least|less_than|at_most|up_to|range|vague
    unit: str | None
    counts: str | None
    change: str | None = None
    claim: str | None = None
    as_of: DateRange | None = None
    sentence: Span | None = None


@dataclass(slots=True, kw_only=True)
class ControlClaim:
    """A claim that some holder controls a place (per article, before linking)."""

    place: str  # surface name of the place
    place_span: Span
    holder: str  # e.g. "Ukraine", "Russia", "Ukrainian forces"
    since: DateRange | None
    as_of: DateRange | None
    claim: str | None  # local claim id
    source: str | None  # source text, e.g. "the Ministry"
    sentence: Span


@dataclass(slots=True, kw_only=True)
class AnalyzedArticle:
    """The output of the pure per-article analysis.

    ``crawl_date`` is ``RawArticle.crawl_date`` (a web archive's fetch day), kept so that the
    corpus-level date refinement never dates the article after it.
    """

    id: str
    source: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    language: str
    credits: list[str]
    published: PublishedDate
    text: str
    removed: list[Removed]
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    controls: list[ControlClaim] = field(default_factory=list)
    format: str = "txt"
    crawl_date: str | None = None


# ---- corpus level ---------------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Geo:
    lat: float
    lon: float
    country: str | None
    region: str | None


@dataclass(slots=True, kw_only=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str]
    documents: list[str]
    geo: Geo | None = None
    mentions: int = 0


@dataclass(slots=True, kw_only=True)
class Evidence:
    document: str
    span: Span


@dataclass(slots=True, kw_only=True)
class Event:
    id: str
    date: DateRange
    text: str
    documents: list[str]
    claims: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Control:
    place: str  # entity id
    holder: str  # entity id or text
    since: DateRange | None
    as_of: DateRange | None
    claim: str | None  # global claim id
    source: str | None
    document: str
    span: Span


@dataclass(slots=True, kw_only=True)
class Difference:
    figures: list[str]
    kind: str  # change | disagreement | agreement
    note: str


@dataclass(slots=True, kw_only=True)
class Track:
    id: str
    measure: str
    unit: str | None
    figures: list[str]
    differences: list[Difference] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class TimelineEntry:
    date: str
    summary: list[str]
    evidence: list[Evidence]
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Story:
    id: str
    label: str
    documents: list[str]


@dataclass(slots=True, kw_only=True)
class Duplicate:
    document: str
    duplicate_of: str
    evidence: str  # e.g. "minhash jaccard 0.91 over word 5-grams"


@dataclass(slots=True, kw_only=True)
class Corpus:
    """What corpus linking adds on top of the analyzed articles.

    Tracks, events and controls refer to the figure and claim ids of ``articles``.
    """

    articles: list[AnalyzedArticle]
    entities: list[Entity] = field(default_factory=list)
    mention_entities: dict[str, dict[Span, str]] = field(default_factory=dict)  # doc -> span -> eid
    events: list[Event] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)  # document id -> story id
    brief: list[str] = field(default_factory=list)
