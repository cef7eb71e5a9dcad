"""Frozen dataclasses that cross stage boundaries.

Stages never share mutable objects: each reads rows from the store, builds these records, and writes
them back. Every record that points at text keeps the article id and character offsets, so anything in
the map can be traced to the sentence and outlet it came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

MODALITIES = ("asserted", "reported", "alleged", "denied", "hypothetical", "planned")
DUPLICATE_KINDS = ("exact", "near", "contained")
PUBLISHED_SOURCES = ("metadata", "html", "inferred", "none")
UNKNOWN_OUTLET = "unknown"  # the outlet of an article that names none: a placeholder, never counted


def stable_id(prefix: str, *parts: str, length: int = 16) -> str:
    """Content-hash id: the same inputs always give the same id, across runs and machines."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:length]}"


@dataclass(frozen=True)
class RawDocument:
    """What a source yields before parsing: bytes or text plus whatever metadata came with it.

    ``item`` names the input for messages and rejection rows (a relative path, a URL, a
    ``file.jsonl#12`` line reference). ``path`` is the path relative to the corpus root when the
    document came from a file.
    """

    item: str
    content: bytes
    content_type: str  # "text" | "markdown" | "html" | "json"
    path: str | None = None
    url: str | None = None
    meta: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    outlet: str
    path: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    published_source: str = "none"  # one of PUBLISHED_SOURCES
    language: str | None = None
    removed_lines: int = 0  # page chrome removed from the text at ingest (sources.clean)
    dateline: str | None = None  # the place a wire dateline cut at ingest names ("Kourou, French Guiana")


@dataclass(frozen=True)
class TitleParse:
    """What an editor reads off an article's title (``nlp.main_event.read_title``), parsed at
    annotate time: the headline (site name and label cut off), the lemmas of its predicates (the
    main ones, then those of its subordinate clauses and its other event nouns), the head words or
    names of their subject and object sides, and every name the title holds, its label's included."""

    article: str
    headline: str = ""
    predicates: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejection:
    item: str
    stage: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    article: str
    origin: str
    kind: str  # one of DUPLICATE_KINDS
    score: float


@dataclass(frozen=True)
class Sentence:
    article: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Timex:
    """A TIMEX3-style temporal expression, normalized to an interval with a granularity.

    ``value`` is the TimeML value string ("2024-11", "186X", "P2D", "PRESENT_REF").
    ``start``/``end`` are the ISO bounds of the interval it denotes (None when it has none, e.g. a
    duration or an unresolvable reference). Offsets are characters in the text that was tagged.
    """

    text: str
    char_start: int
    char_end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str
    start: str | None = None
    end: str | None = None
    granularity: str = "unknown"  # day|week|month|season|quarter|year|decade|century|time|unknown
    approximate: bool = False
    mod: str | None = None  # TimeML mod: EARLY, MID, LATE, BEFORE, AFTER, START, APPROX ...
    anchor: str | None = None  # "dct" | "narrative" | "absolute" | "event"


@dataclass(frozen=True)
class EntityMention:
    article: str
    sentence: int
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, ...


@dataclass(frozen=True)
class Quantity:
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None = None  # "more than", "over", "several", ...


@dataclass(frozen=True)
class EventMention:
    id: str
    article: str
    sentence: int
    sentence_text: str
    start: int  # trigger offsets in the article text
    end: int
    sentence_start: int  # offset of sentence_text in the article text
    trigger: str
    lemma: str
    summary: str = ""  # the headline: subject + predicate + object (nlp/headline.py)
    actors: tuple[str, ...] = ()  # surface names of participant entities
    patients: tuple[str, ...] = ()
    place: str | None = None
    time: Timex | None = None
    time_inherited: bool = False
    time_nearby: bool = False  # the time is only the sentence's closest, not in the trigger's phrase
    modality: str = "asserted"
    source: str | None = None  # who makes an attributed claim ("the Pentagon")
    quantities: tuple[Quantity, ...] = ()
    what: str = ""  # the headline's predicate without its subject ("were deployed to Russia")
    confidence: float = 1.0  # how surely this names a happening (nlp/eventness.py)
    # clauses between the trigger and its sentence's main clause: 0 in the main clause (or what a
    # reporting verb reports: "police said a man was stabbed"), 1 in a clause under it (nlp/events.py)
    depth: int = 0
    # inside direct speech ("'The lads deserved that,' he said"): a speaker's words, not the report's
    quoted: bool = False


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0


@dataclass(frozen=True)
class MergeSignal:
    """One piece of evidence a merge rested on: ``kind`` is class | actor | name | place | date | time
    | story | similarity | person (a correction); ``value`` the entity id, time value or class."""

    kind: str
    value: str = ""
    weight: float = 0.0


@dataclass(frozen=True)
class MergeEvidence:
    """Why ``mention`` joined its event: the signals it matched in the cluster it joined (or, for a
    person's merge, the correction) and their total against the threshold."""

    mention: str
    score: float
    threshold: float
    signals: tuple[MergeSignal, ...] = ()
    correction: int | None = None  # the correction row that made this merge


@dataclass(frozen=True)
class Correction:
    """A person's correction of the merge, replayed by every later build: ``split`` takes ``mention``
    out of the event holding ``members`` (the event's other mentions when it was made); ``merge``
    joins the events holding ``members`` and ``others``."""

    id: int
    kind: str  # split | merge
    event: str
    mention: str | None = None
    other: str | None = None
    members: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    at: str = ""


@dataclass(frozen=True)
class Event:
    id: str
    summary: str
    lemma: str
    time: Timex | None
    actors: tuple[str, ...]  # entity ids
    place: str | None  # entity id
    mentions: tuple[str, ...]  # event mention ids
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    storyline: str | None = None
    what: str = ""  # the summary's predicate without its subject ("were deployed to Russia")
    merge_evidence: tuple[MergeEvidence, ...] = ()  # one per mention that joined another's cluster


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    kind: str  # before | cause | same_actors
    evidence: str | None = None
    article: str | None = None
    signal: str | None = None  # the words that show the link ("in response to"), or "dates"


@dataclass(frozen=True)
class Storyline:
    id: str
    label: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    """Articles about one happening (a seminal event and its aftermath), whatever their wording."""

    id: str
    label: str
    articles: tuple[str, ...]
    events: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    article: str
    text: str
    stance: str
    outlet: str | None = None
    event: str | None = None  # the event this claim's sentence was extracted as
    quantity: str | None = None  # for number disagreements: "several thousand troops"
    time: str | None = None  # for date disagreements: the TIMEX value the claim gives


@dataclass(frozen=True)
class Disagreement:
    event: str | None
    kind: str  # modality | number | date
    claims: tuple[Claim, ...]
    events: tuple[str, ...] = ()  # every event whose mentions the claims come from
    topic: str = ""  # what the claims are about, for people: "deployment: North Korea, Russia"
