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
damped. ``salience`` is their weighted sum, in 0..1.

An article's **main event** is the event its title and first sentences tell: among the events
with a mention in the article, the one with the best mix of an early position in that article,
title words, being the first (highest-ranked) event of its sentence, and overall salience.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..models import Article, Event, EventMention, Link, Timex
from .lexicon import event_class

WEIGHTS: dict[str, float] = {
    "origins": 0.22, "lead": 0.14, "title": 0.10, "actors": 0.12, "time": 0.12, "recency": 0.14,
    "links": 0.04, "confidence": 0.12,
}
TIME_SPECIFICITY = {"time": 1.0, "day": 1.0, "week": 0.85, "month": 0.75, "season": 0.6, "quarter": 0.6,
                    "year": 0.45, "decade": 0.25, "century": 0.15, "unknown": 0.1}
MODALITY_FACTOR = {"asserted": 1.0, "reported": 1.0, "planned": 0.85, "alleged": 0.85, "denied": 0.7,
                   "hypothetical": 0.45}
# Main event within an article: position and title first, as a reader of the lead would choose;
# then whether it happened in the article's own days (news is what is new), and its salience.
MAIN_WEIGHTS = {"lead": 0.35, "title": 0.25, "first_in_sentence": 0.05, "fresh": 0.25, "salience": 0.10}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Ranking:
    salience: dict[str, float]  # event id -> 0..1
    features: dict[str, dict[str, float]]  # event id -> feature -> 0..1 (why it ranks where it does)
    main_event: dict[str, str]  # article id -> event id
    lead_place: dict[str, str]  # article id -> the first place its lead sentences name (entity id)


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


def _title_match(m: EventMention, title: _Title, actor_names: Iterable[str]) -> float:
    """How much of its article's title a mention tells, each title word weighed by how rarely the
    corpus's titles use it (a word most titles share, "spill" in a story about an oil spill, names
    the story, not this article's news): the weight of the event's own word ("signs", "signing") if
    the title has it, else the weighted share of title words its headline has, at least half when
    the title names its actors."""
    if not title.terms:
        return 0.0
    trigger = m.trigger.lower()
    hit = {m.lemma, _stem(m.lemma), event_class(m.lemma), _stem(trigger), trigger} & title.terms
    if hit:
        return max(title.weights.get(_stem(w), 1.0) for w in hit) / title.top
    share = sum(title.weights[w] for w in _terms(m.summary) if w in title.weights) / title.total
    if share < 0.5 and any(_terms(name) & title.terms for name in actor_names):
        share = 0.5
    return min(1.0, share)


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


def rank(events: Sequence[Event], mentions: Mapping[str, EventMention], articles: Sequence[Article],
         origin_of: Mapping[str, str], links: Sequence[Link], entity_mentions: Mapping[str, int],
         entity_names: Mapping[str, str], places: Set[str] = frozenset()) -> Ranking:
    """Salience of every event and each article's main event (see the module docstring).

    ``origin_of``: article -> its origin (itself unless a copy); ``entity_mentions``: entity id ->
    mentions in the map; ``entity_names``: entity id -> name; ``places``: the ids of entities that
    are places (GPE, LOC, FAC)."""
    by_id = {a.id: a for a in articles}
    title_terms = {a.id: _terms(a.title) for a in articles}
    idf = title_idf(title_terms[a.id] for a in articles if origin_of.get(a.id, a.id) == a.id)
    titles = {a: _Title.of(t, idf) for a, t in title_terms.items()}
    no_title = _Title(frozenset(), {}, 1.0, 1.0)
    published = sorted(a.published for a in articles if a.published)
    window_start = date.fromisoformat(published[0]) if published else None
    origins = {e.id: len({origin_of.get(a, a) for a in e.articles}) for e in events}
    most_origins = max(origins.values(), default=1)
    linked: Counter[str] = Counter()
    for lk in links:
        if lk.kind in ("cause", "before"):
            linked[lk.source] += 1
            linked[lk.target] += 1
    top_entity = max(entity_mentions.values(), default=1) or 1
    # The surest event mention of each sentence: its main clause, more often than not.
    first_in_sentence: set[str] = set()
    seen_sentences: set[tuple[str, int]] = set()
    for m in sorted(mentions.values(), key=lambda m: (m.article, m.sentence, -m.confidence)):
        if (m.article, m.sentence) not in seen_sentences:
            seen_sentences.add((m.article, m.sentence))
            first_in_sentence.add(m.id)

    salience: dict[str, float] = {}
    features: dict[str, dict[str, float]] = {}
    for e in events:
        ms = [mentions[i] for i in e.mentions if i in mentions]
        if not ms:
            continue
        names = [entity_names.get(a, "") for a in e.actors]
        time = e.time
        spec = 0.0
        if time is not None and time.start:
            spec = TIME_SPECIFICITY.get(time.granularity, 0.1) * (0.7 if time.approximate else 1.0)
        years = _years_before((time.end or time.start) if time is not None else None, window_start)
        f = {
            "origins": math.log1p(origins[e.id]) / math.log1p(max(2, most_origins)),
            "lead": max(_lead(m.sentence) for m in ms),
            "title": max(_title_match(m, titles.get(m.article, no_title), names) for m in ms),
            "actors": max((math.sqrt(entity_mentions.get(a, 0) / top_entity) for a in e.actors), default=0.0),
            "time": spec,
            "recency": 1.0 / (1.0 + max(0.0, years - 0.5) / 3.0) if time is not None and time.start else 0.5,
            "links": min(1.0, linked[e.id] / 3.0),
            "confidence": max(m.confidence for m in ms),
        }
        mood = max(MODALITY_FACTOR.get(m.modality, 1.0) for m in ms)
        salience[e.id] = round(mood * sum(WEIGHTS[k] * v for k, v in f.items()), 4)
        features[e.id] = {k: round(v, 3) for k, v in f.items()}

    # Main events: per article, over the events it tells (a copy's are its origin's).
    candidates: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for e in events:
        if e.id not in salience:
            continue
        best: dict[str, float] = {}
        names = [entity_names.get(a, "") for a in e.actors]
        for i in e.mentions:
            m = mentions.get(i)
            if m is None or m.article not in by_id:
                continue
            score = (MAIN_WEIGHTS["lead"] * _lead(m.sentence)
                     + MAIN_WEIGHTS["title"] * _title_match(m, titles[m.article], names)
                     + MAIN_WEIGHTS["first_in_sentence"] * (m.id in first_in_sentence)
                     + MAIN_WEIGHTS["fresh"] * _fresh(e.time, by_id[m.article].published)
                     + MAIN_WEIGHTS["salience"] * salience[e.id])
            best[m.article] = max(best.get(m.article, 0.0), score)
        for article, score in best.items():
            candidates[article].append((score, e.id))
    main_event = {a: max(c, key=lambda sc: (sc[0], sc[1]))[1] for a, c in candidates.items()}
    for a in articles:
        origin = origin_of.get(a.id, a.id)
        if a.id not in main_event and origin in main_event:
            main_event[a.id] = main_event[origin]
    return Ranking(salience, features, main_event, _lead_places(events, mentions, places))


LEAD_SENTENCES = 3


def _lead_places(events: Sequence[Event], mentions: Mapping[str, EventMention],
                 places: Set[str]) -> dict[str, str]:
    """Article -> where its lead says the story happens, for a main event that names no place: the
    place of the earliest placed event of its first LEAD_SENTENCES sentences ("Floods hit Porto on
    Tuesday"), else the first place among those events' actors ("Portugal evacuated ...")."""
    first: dict[str, tuple[int, int, str]] = {}
    for e in events:
        actor_place = next((a for a in e.actors if a in places), None)
        if e.place is None and actor_place is None:
            continue
        for i in e.mentions:
            m = mentions.get(i)
            if m is None or m.sentence >= LEAD_SENTENCES:
                continue
            found = (0, m.start, e.place) if m.place is not None and e.place else \
                (1, m.start, actor_place) if actor_place else None
            if found is not None and (m.article not in first or found < first[m.article]):
                first[m.article] = found
    return {a: place for a, (_, _, place) in first.items()}


def salient_layer(salience: Mapping[str, float], limit: int) -> set[str]:
    """The events the map opens on: the ``limit`` most salient (ties by id, so it is stable)."""
    ranked = sorted(salience, key=lambda e: (-salience[e], e))
    return set(ranked[:max(0, limit)])
