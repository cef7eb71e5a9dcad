"""Which events matter, and which event each article is about.

An editor ranks an event by signals that carry across stories, each scaled to 0..1 here:

- **origins**: how many independent origins (syndicated copies counted once) tell it, against the
  most any event of the map has;
- **lead**: how early it comes in the articles that tell it (news puts the gist first);
- **title**: whether an article's title names it (its trigger word, or its actors);
- **actors**: how central its participants are in the whole map (their mention counts);
- **time**: how specific its time is (a day beats a decade; an approximate time counts less);
- **recency**: whether it happened in the articles' own time, not decades before as background;
- **links**: how many cause/order links tie it to other events;
- **confidence**: how surely its best mention names a happening (nlp/eventness.py).

The weights below are set by judgement, not fitted to a corpus; a hypothetical or denied event is
damped, and so is one told only inside direct speech. ``salience`` is their weighted sum, in 0..1.

An article's **main event** is the event its title and first sentences tell (``nlp/main_event.py``
chooses it from the signals gathered here), with its who / what / where as that article tells it.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import itemgetter, neg
from typing import Any, NamedTuple

from ..models import Article, Event, EventMention, Link, Timex, TitleParse
from .lexicon import event_class
from .main_event import Frame, choose, keeps_frame, mention_frame, telling, title_told

WEIGHTS: dict[str, float] = {
    "origins": 0.22, "lead": 0.14, "title": 0.10, "actors": 0.12, "time": 0.12, "recency": 0.14,
    "links": 0.04, "confidence": 0.12,
}
TIME_SPECIFICITY = {"time": 1.0, "day": 1.0, "week": 0.85, "month": 0.75, "season": 0.6, "quarter": 0.6,
                    "year": 0.45, "decade": 0.25, "century": 0.15, "unknown": 0.1}
MODALITY_FACTOR = {"asserted": 1.0, "reported": 1.0, "planned": 0.85, "alleged": 0.85, "denied": 0.7,
                   "hypothetical": 0.45}
# An event told only inside direct speech (a speaker's words: "'The lads deserved that,' he said")
# ranks below what the report itself tells.
QUOTED_FACTOR = 0.85
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Ranking:
    salience: dict[str, float]  # event id -> 0..1
    features: dict[str, dict[str, float]]  # event id -> feature -> 0..1 (why it ranks where it does)
    main_event: dict[str, str]  # article id -> event id
    lead_place: dict[str, str]  # article id -> the first place its lead sentences name (entity id)
    # article id -> its main event's who/what/where as that article tells them
    main_frame: dict[str, Frame] = field(default_factory=dict)
    origins: dict[str, int] = field(default_factory=dict)  # event id -> its independent origins


# Function words, for telling which title words carry content (spaCy's list would import spaCy,
# seconds that `eventmap export` and `serve` need not spend).
_STOP = frozenset("""
the a an and or but nor of to in on at by for from with without into onto over under about after
before as than then that this these those there their they them his her its our your my we you he she
it is are was were be been being has have had do does did will would can could may might must shall
should not no yes so if while when where which who whom whose what why how all any both each few more
most other some such only own same too very just also now new says said say after against between
during through up down out off again further once here
""".split())


@lru_cache(maxsize=1 << 16)
def _terms(text: str) -> frozenset[str]:
    """Lower-case content words and their crude stems ("deployed" and "deployment" meet at "deploy")."""
    out = set()
    for w in _WORD.findall(text.lower()):
        if len(w) > 2 and w not in _STOP:
            out.add(w)
            out.add(_stem(w))
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for suffix in ("ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s", "e"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class _Title:
    """An article title's words for matching: every form, each word once by its stem with its
    weight (how rarely the corpus's titles use it), their sum and the largest."""

    terms: frozenset[str]
    weights: dict[str, float]
    total: float
    top: float

    @classmethod
    def of(cls, terms: frozenset[str], idf: Mapping[str, float]) -> _Title:
        weights = {t: idf.get(t, 1.0) for t in terms if t == _stem(t)}
        return cls(terms, weights, sum(weights.values()) or 1.0, max(weights.values(), default=1.0) or 1.0)


def _lead(sentence: int) -> float:
    """1 for an article's first sentence, 1/2 for its fourth, falling off after."""
    return 1.0 / (1.0 + sentence / 3.0)


def _years_before(end: str | None, window_start: date | None) -> float:
    if not end or window_start is None:
        return 0.0
    try:
        day = date.fromisoformat(end[:10])
    except ValueError:
        return 0.0
    return max(0.0, (window_start - day).days / 365.25)


def title_idf(titles: Iterable[set[str]]) -> dict[str, float]:
    """Inverse document frequency of title words over the corpus's titles (1 for a word of one
    title, falling towards 0 for a word every title has)."""
    titles = list(titles)
    n = len(titles)
    df = Counter(w for t in titles for w in t)
    return {w: math.log((1 + n) / (1 + c)) / math.log(1 + n) if n > 1 else 1.0 for w, c in df.items()}


def _fresh(time: Timex | None, published: str | None) -> float:
    """1 when the event's time reaches into the week before its article's day, less the older it
    is; undated events (most main events state no time) sit in between."""
    if time is None or not time.start or not published:
        return 0.6
    end = time.end or time.start
    try:
        days = (date.fromisoformat(published) - date.fromisoformat(end[:10])).days
    except ValueError:
        return 0.6
    if days <= 7:
        return 1.0 if days >= -2 else 0.5  # later than its article: a plan, not the news
    return 0.7 if days <= 60 else 0.3 / (1.0 + days / 365.0)


class MentionSignals(NamedTuple):
    """What ranking reads of one mention: fixed by the mention, its event, its article's title and
    day alone, so it can be kept across adds (``export.parts``). The corpus-wide weights of title
    words are applied later (``rank_signals``). A named tuple, not a dataclass: an add reads one
    back for every mention of the map."""

    id: str
    article: str
    sentence: int
    confidence: float
    fresh: float  # _fresh(event time, article's day)
    hit: tuple[str, ...]  # stems of the event's own words its title has (sorted); empty: none
    shared: tuple[str, ...]  # without a hit: the title words its headline has (sorted)
    names_in_title: bool  # without a hit: the title names one of the event's actors
    frame: tuple[str, ...] = ()  # its who/what/where (``main_event.Frame``) where it may lead its article
    telling: float = 1.0  # ``main_event.telling``
    told: float = 0.0  # ``main_event.title_told``: how surely it tells the event its title names
    depth: int = 0  # its clause depth (``EventMention.depth``)

    def row(self) -> list:
        return [self.id, self.article, self.sentence, self.confidence, self.fresh, list(self.hit),
                list(self.shared), self.names_in_title, list(self.frame), self.telling, self.told,
                self.depth]

    @classmethod
    def of_row(cls, r: list) -> MentionSignals:
        return cls(r[0], r[1], r[2], r[3], r[4], tuple(r[5]), tuple(r[6]), r[7], tuple(r[8]), r[9],
                   *r[10:12])


class EventSignals(NamedTuple):
    """What ranking reads of one event (see ``MentionSignals``)."""

    id: str
    articles: tuple[str, ...]
    actors: tuple[str, ...]
    spec: float  # how specific its time is, 0 undated
    end: str | None  # the end of its time (its start for a point), None undated
    mood: float
    mentions: tuple[MentionSignals, ...]  # those in the map, in the event's order
    # (article, (rank, offset, place)) of its mentions in an article's lead (``_lead_places``)
    lead_places: tuple[tuple[str, tuple[int, int, str]], ...]

    def row(self) -> list:
        return [self.id, list(self.articles), list(self.actors), self.spec, self.end, self.mood,
                [m.row() for m in self.mentions], [[a, list(f)] for a, f in self.lead_places]]

    @classmethod
    def of_row(cls, r: list) -> EventSignals:
        return cls(r[0], tuple(r[1]), tuple(r[2]), r[3], r[4], r[5],
                   tuple(MentionSignals.of_row(m) for m in r[6]), tuple((a, tuple(f)) for a, f in r[7]))


def _mention_signals(m: EventMention, e: Event, title: frozenset[str], published: str | None,
                     names: Sequence[str]) -> MentionSignals:
    hit: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()
    named = False
    parse = getattr(title, "parse", None)
    if title:
        trigger = m.trigger.lower()
        found = {m.lemma, _stem(m.lemma), event_class(m.lemma), _stem(trigger), trigger} & title
        if parse is not None and (m.lemma in parse.predicates or m.lemma in parse.others):
            found.add(m.lemma)  # "ran" under "Ferry runs aground": the parse's lemma, no stem shared
        hit = tuple(sorted({_stem(w) for w in found}))
        if not hit:  # a title weight is kept for its stem form only (``_Title.of``)
            shared = tuple(sorted(w for w in _terms(m.summary) if w in title and w == _stem(w)))
            named = any(_terms(name) & title for name in names)
    told = title_told(m, parse, _terms)
    frame: tuple[str, ...] = ()
    if keeps_frame(m.sentence, bool(hit or shared or named or told)):
        frame = tuple(mention_frame(m, [a for a in m.actors if _terms(a) & title]))
    return MentionSignals(m.id, m.article, m.sentence, m.confidence, _fresh(e.time, published), hit,
                          shared, named, frame, telling(m), told, m.depth)


def event_signals(e: Event, mentions: Mapping[str, EventMention], titles: Mapping[str, frozenset[str]],
                  published: Mapping[str, str | None], entity_names: Mapping[str, str],
                  places: Set[str]) -> EventSignals:
    """``titles``: article id -> ``_terms`` of its title; ``places``: ids of place entities."""
    ms = [mentions[i] for i in e.mentions if i in mentions]
    names = [entity_names.get(a, "") for a in e.actors]
    time = e.time
    spec = 0.0
    if time is not None and time.start:
        spec = TIME_SPECIFICITY.get(time.granularity, 0.1) * (0.7 if time.approximate else 1.0)
    end = (time.end or time.start) if time is not None and time.start else None
    mood = max((MODALITY_FACTOR.get(m.modality, 1.0) * (QUOTED_FACTOR if m.quoted else 1.0) for m in ms),
               default=1.0)
    return EventSignals(
        e.id, tuple(e.articles), tuple(e.actors), spec, end, mood,
        tuple(_mention_signals(m, e, titles.get(m.article, frozenset()), published.get(m.article), names)
              for m in ms),
        tuple(_lead_candidates(e, ms, places)))


class TitleTerms(frozenset):
    """A title's ``_terms``, with its parse (``models.TitleParse``; None where none is kept) for
    the main-event choice (``main_event.title_told``)."""

    __slots__ = ("parse",)
    parse: TitleParse | None

    def __new__(cls, terms: Iterable[str], parse: TitleParse | None = None) -> TitleTerms:
        made = super().__new__(cls, terms)
        made.parse = parse
        return made


def title_terms(title: str, parse: TitleParse | None = None) -> TitleTerms:
    return TitleTerms(_terms(title), parse)


def rank(events: Sequence[Event], mentions: Mapping[str, EventMention], articles: Sequence[Article],
         origin_of: Mapping[str, str], links: Sequence[Link], entity_mentions: Mapping[str, int],
         entity_names: Mapping[str, str], places: Set[str] = frozenset(),
         title_parses: Mapping[str, TitleParse] | None = None) -> Ranking:
    """Salience of every event and each article's main event (see the module docstring).

    ``origin_of``: article -> its origin (itself unless a copy); ``entity_mentions``: entity id ->
    mentions in the map; ``entity_names``: entity id -> name; ``places``: the ids of entities that
    are places (GPE, LOC, FAC); ``title_parses``: article -> its title's parse."""
    parses = title_parses or {}
    titles = {a.id: title_terms(a.title, parses.get(a.id)) for a in articles}
    published = {a.id: a.published for a in articles}
    signals = [event_signals(e, mentions, titles, published, entity_names, places) for e in events]
    return rank_signals(signals, titles, published, origin_of, links, entity_mentions)


def rank_signals(events: Sequence[EventSignals], titles: Mapping[str, frozenset[str]],
                 published: Mapping[str, str | None], origin_of: Mapping[str, str], links: Sequence[Link],
                 entity_mentions: Mapping[str, int]) -> Ranking:
    """``rank`` from each event's signals and what the whole corpus decides: the weights of title
    words, the earliest day, the most origins, the most named entity, the links.

    ``titles`` and ``published``: per article (in the store's order), its title's terms and its day."""
    idf = title_idf(t for a, t in titles.items() if origin_of.get(a, a) == a)
    title_of = {a: _Title.of(t, idf) for a, t in titles.items()}
    no_title = _Title(frozenset(), {}, 1.0, 1.0)
    days = sorted(d for d in published.values() if d)
    window_start = date.fromisoformat(days[0]) if days else None
    # most events come from one article: one origin, no set made
    origins = {e.id: len({origin_of.get(a, a) for a in e.articles}) if len(e.articles) != 1 else 1
               for e in events}
    most_origins = max(origins.values(), default=1)
    linked: Counter[str] = Counter()
    for lk in links:
        if lk.kind in ("cause", "before"):
            linked[lk.source] += 1
            linked[lk.target] += 1
    top_entity = max(entity_mentions.values(), default=1) or 1
    # The surest event mention of each sentence: its main clause, more often than not (ties: by id).
    surest: dict[tuple[str, int], tuple[float, str]] = {}
    for e in events:
        for m in e.mentions:
            key, mine = (m.article, m.sentence), (-m.confidence, m.id)
            if key not in surest or mine < surest[key]:
                surest[key] = mine
    first_in_sentence = {mid for _, mid in surest.values()}

    salience: dict[str, float] = {}
    features: dict[str, dict[str, float]] = {}
    titled: dict[str, Sequence[float]] = {}  # event id -> each mention's title match
    log_most = math.log1p(max(2, most_origins))
    w = WEIGHTS
    w_origins, w_lead_s, w_title_s, w_actors, w_time, w_recency, w_links, w_conf = (w[k] for k in (
        "origins", "lead", "title", "actors", "time", "recency", "links", "confidence"))
    sqrt, log1p = math.sqrt, math.log1p
    # Each feature as (value, value rounded), made once per input: a map repeats a few dozen
    # origin counts, lead sentences, days and confidences over tens of thousands of events, and
    # rounding each event's eight features took a third of this loop on every add. Keyed by the
    # input (an int, a day), or by a value that is never -0.0 (round keeps the sign of a zero).
    by_origins = _Memo(lambda n: _rounded(log1p(n) / log_most))
    by_sentence = _Memo(lambda s: _rounded(_lead(s)))  # _lead falls with the sentence
    # sqrt(c / top) rises with c (both steps rounded monotonically): the most named actor's
    by_named = _Memo(lambda c: _rounded(sqrt(c / top_entity)))
    by_end = _Memo(lambda end: _rounded(
        1.0 / (1.0 + max(0.0, _years_before(end, window_start) - 0.5) / 3.0)))
    by_links = _Memo(lambda n: _rounded(min(1.0, n / 3.0)))
    # title scores, time specificities, confidences: all >= 0; a float only (1 == 1.0 as a key,
    # and round(1, 3) is written "1")
    nonnegative = _Memo(_rounded)
    no_actors = _rounded(0.0)
    no_end = _rounded(0.5)
    named, zeros = entity_mentions.get, repeat(0)  # map's, not generators: once per event per add
    for e in events:
        ms = e.mentions
        if not ms:
            continue
        # most mentions share nothing with their title: 0 without the lookups (as _title_score gives)
        if len(ms) == 1:  # most events: their one mention's values, no list, map or max
            m = ms[0]
            title_f = _title_score(m, title_of.get(m.article, no_title)) \
                if m.hit or m.shared or m.names_in_title else 0.0
            titled[e.id] = (title_f,)
            sentence, confidence_f = m.sentence, m.confidence
        else:
            titles_of = titled[e.id] = [_title_score(m, title_of.get(m.article, no_title))
                                        if m.hit or m.shared or m.names_in_title else 0.0 for m in ms]
            title_f = max(titles_of)
            sentence, confidence_f = min(map(_SENTENCE, ms)), max(map(_CONFIDENCE, ms))
        # written out, not as a dict of features summed: this runs for every event on every add
        origins_f, origins_r = by_origins[origins[e.id]]
        lead_f, lead_r = by_sentence[sentence]
        title_f, title_r = nonnegative[title_f] if title_f.__class__ is float else _rounded(title_f)
        actors_f, actors_r = by_named[max(map(named, e.actors, zeros))] if e.actors else no_actors
        time_f, time_r = nonnegative[e.spec] if e.spec.__class__ is float else _rounded(e.spec)
        recency_f, recency_r = by_end[e.end] if e.end is not None else no_end
        links_f, links_r = by_links[linked.get(e.id, 0)]  # not Counter's __missing__: most have none
        confidence_f, confidence_r = nonnegative[confidence_f] if confidence_f.__class__ is float \
            else _rounded(confidence_f)
        salience[e.id] = round(e.mood * (
            w_origins * origins_f + w_lead_s * lead_f + w_title_s * title_f + w_actors * actors_f
            + w_time * time_f + w_recency * recency_f + w_links * links_f + w_conf * confidence_f), 4)
        features[e.id] = {
            "origins": origins_r, "lead": lead_r, "title": title_r, "actors": actors_r, "time": time_r,
            "recency": recency_r, "links": links_r, "confidence": confidence_r}

    # Main events: per article, over the events it tells (a copy's are its origin's).
    main_event, main_frame = choose(events, titled, salience, first_in_sentence, titles, origin_of)
    return Ranking(salience, features, main_event, _lead_places(events), main_frame, origins)


_SENTENCE = itemgetter(MentionSignals._fields.index("sentence"))
_CONFIDENCE = itemgetter(MentionSignals._fields.index("confidence"))


def _rounded(x: float) -> tuple[float, float]:
    """A salience feature and its value as the export shows it."""
    return x, round(x, 3)


class _Memo(dict):
    """input -> ``make(input)``, made on first use."""

    def __init__(self, make: Callable[[Any], tuple[float, float]]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> tuple[float, float]:
        made = self[key] = self.make(key)
        return made


def _title_score(m: MentionSignals, title: _Title) -> float:
    """``_title_match`` from a mention's signals and its title's corpus weights."""
    if not title.terms:
        return 0.0
    if m.hit:  # a lemma only the title's parse gives has no weight of its own: the title's top
        return max(title.weights.get(w, title.top) for w in m.hit) / title.top
    share = sum(title.weights[w] for w in m.shared) / title.total
    if share < 0.5 and m.names_in_title:
        share = 0.5
    return min(1.0, share)


LEAD_SENTENCES = 3


def _lead_candidates(e: Event, ms: Sequence[EventMention],
                     places: Set[str]) -> list[tuple[str, tuple[int, int, str]]]:
    """(article, (rank, offset, place)) for each of the event's mentions in an article's first
    LEAD_SENTENCES sentences that gives a place: its own place (rank 0), else the first actor that
    is a place (rank 1)."""
    actor_place = next((a for a in e.actors if a in places), None)
    if e.place is None and actor_place is None:
        return []
    out = []
    for m in ms:
        if m.sentence >= LEAD_SENTENCES:
            continue
        found = (0, m.start, e.place) if m.place is not None and e.place else \
            (1, m.start, actor_place) if actor_place else None
        if found is not None:
            out.append((m.article, found))
    return out


def _lead_places(events: Sequence[EventSignals]) -> dict[str, str]:
    """Article -> where its lead says the story happens, for a main event that names no place: the
    place of the earliest placed event of its first LEAD_SENTENCES sentences ("Floods hit Porto on
    Tuesday"), else the first place among those events' actors ("Portugal evacuated ...")."""
    first: dict[str, tuple[int, int, str]] = {}
    for e in events:
        for article, found in e.lead_places:
            if article not in first or found < first[article]:
                first[article] = found
    return {a: place for a, (_, _, place) in first.items()}


def salient_layer(salience: Mapping[str, float], limit: int) -> set[str]:
    """The events the map opens on: the ``limit`` most salient (ties by id, so it is stable)."""
    # the smallest (-salience, id) pairs, made in C and kept on a heap, not every event sorted: every add
    pairs = zip(map(neg, salience.values()), salience, strict=True)
    return {e for _, e in heapq.nsmallest(max(0, limit), pairs)}
