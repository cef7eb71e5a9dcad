"""Timeline summarization: pick the dates that matter and a few cited sentences for each.

Date-wise, after DATEWISE (Ghalandari & Ifrim 2020, "Examining the state-of-the-art in news
timeline summarization"), without its trained date ranker:

1. **Choose dates** from what the articles say about them (``nlp.timeline_dates``): a day scores
   one per independent article that names it ("on Monday", "April 20, 2010") or was published on
   it, each weighted by the salience of the events it tells there when events are known; days are
   then taken greedily, each pick damping the days near it, so the timeline spreads over the
   story's time instead of filling up with one busy week. How many: as asked, or
   ``timeline_dates.auto_dates`` (the days at least three independent articles refer to, 3-30).
2. **Collect candidates** for each chosen day: sentences that name it (from articles published on
   that day or up to ``MENTION_LAG_DAYS`` later: the reports of the day itself, not a later recap)
   and undated sentences of articles published that day. Only each article's first
   ``LEAD_SENTENCES`` sentences are used (news puts what happened first; later sentences are mostly
   background), unless a day has none there: then any sentence naming it, later in an article or
   in a later article, may speak for it. Sentences shorter than ``MIN_WORDS`` or longer than
   ``MAX_WORDS`` words are never used.
3. **Summarize each day** by centrality: TF-IDF cosine to the centroid of the day's candidates
   (times ``0.5 + salience`` of the event a sentence tells, when events are known), best first,
   skipping a sentence too similar (cosine > ``MAX_SIMILARITY``) to one already chosen anywhere in
   the timeline. A day with no usable sentence gives its place to the next day. How many: as
   asked, or :func:`auto_sentences` (more for a day more articles refer to, 1-3).

Input is plain records (:class:`TimelineArticle`: id, publication day, sentences with the days each
names and, from the store, the salience of the events each tells), so it runs on the store
(``eventmap.export.timeline``) or on any corpus with :func:`article_from_sentences`.
Deterministic: ties break on date, then article id and position.

    entries = select_timeline(articles, dates=10, sentences=2)
    for e in entries: print(e.date, [(text, article) for text, article in e.sentences])
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from eventmap.config import Settings
from eventmap.models import Timex
from eventmap.nlp.lexicon import stop_words
from eventmap.nlp.temporal import tag
from eventmap.nlp.timeline_dates import SALIENCE_BASE, auto_dates, choose_days, core_span, day_signals

LATER_WEIGHT = 0.5      # extra weight of a reference made after the day's news cycle (timeline_dates)
LEAD_SENTENCES = 10     # candidates come from each article's first sentences (news leads)
MENTION_LAG_DAYS = 2    # a day is recapped by articles published up to this many days later
MIN_WORDS, MAX_WORDS = 5, 60  # fragments and run-on title blocks make poor timeline lines
MAX_SIMILARITY = 0.5    # cosine above this to an already chosen sentence: a repeat, skip it

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_UNSURE_MODS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "APPROX", "LESS_THAN", "MORE_THAN"}


@dataclass(frozen=True)
class TimelineSentence:
    text: str
    index: int                       # position in its article (0 = first sentence)
    days: tuple[dt.date, ...] = ()   # days this sentence names, at day granularity
    salience: float | None = None    # the most salient event it tells (0..1); None: events unknown


@dataclass(frozen=True)
class TimelineArticle:
    id: str
    published: dt.date | None
    sentences: tuple[TimelineSentence, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """One day of the timeline; ``sentences`` are (text, article id) pairs, best first."""

    date: dt.date
    sentences: tuple[tuple[str, str], ...]
    score: float = 0.0               # the day's score (step 1)


def timex_day(timex: Timex) -> dt.date | None:
    """The calendar day a temporal expression names, or None if it names no single sure day."""
    if timex.type not in ("DATE", "TIME") or timex.approximate or timex.mod in _UNSURE_MODS:
        return None
    if timex.anchor == "event" or timex.granularity not in ("day", "time"):
        return None
    m = _DAY.match(timex.value or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def assign_days(starts: Sequence[int], timexes: Iterable[Timex]) -> list[tuple[dt.date, ...]]:
    """Days named per sentence, given sentence start offsets and timexes on the same text."""
    days: list[list[dt.date]] = [[] for _ in starts]
    for t in timexes:
        day = timex_day(t)
        i = bisect_right(starts, t.char_start) - 1
        if day is not None and 0 <= i < len(days) and day not in days[i]:
            days[i].append(day)
    return [tuple(d) for d in days]


def article_from_sentences(article_id: str, published: dt.date | None,
                           sentences: Sequence[str]) -> TimelineArticle:
    """Tag times over the whole article (so "the next day" resolves) and split them per sentence."""
    return article_from_tagged(article_id, published, sentences, tag("\n".join(sentences), published))


def article_from_tagged(article_id: str, published: dt.date | None, sentences: Sequence[str],
                        timexes: Iterable[Timex]) -> TimelineArticle:
    """A record from sentences and the timexes tagged on them joined by newlines."""
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s) + 1
    days = assign_days(starts, timexes)
    return TimelineArticle(article_id, published, tuple(
        TimelineSentence(s, i, d) for i, (s, d) in enumerate(zip(sentences, days, strict=True))))


def rank_dates(articles: Iterable[TimelineArticle], *, start: dt.date | None = None,
               end: dt.date | None = None, later_weight: float = LATER_WEIGHT
               ) -> list[tuple[dt.date, float]]:
    """Days by score (``nlp.timeline_dates``: independent articles referring to the day), best first."""
    signals = day_signals(articles, start=start, end=end)
    return sorted(((d, s.score(later_weight)) for d, s in signals.items()), key=lambda dv: (-dv[1], dv[0]))


def auto_sentences(origins: int) -> int:
    """Sentences for a day when none are asked for: one, plus one for each doubling of the
    independent articles referring to it beyond two, at most three (1-3: 1, 4-7: 2, 8+: 3)."""
    return max(1, min(3, int(math.log2(max(1, origins)))))


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in stop_words()]


class _Tfidf:
    """TF-IDF over the candidate sentences, idf from every sentence of the collection."""

    def __init__(self, docs: Iterable[list[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for words in docs:
            df.update(set(words))
            n += 1
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}

    def matrix(self, docs: list[list[str]]) -> np.ndarray:
        vocab = {w: i for i, w in enumerate(sorted({w for d in docs for w in d}))}
        m = np.zeros((len(docs), max(1, len(vocab))))
        for r, words in enumerate(docs):
            for w, c in Counter(words).items():
                m[r, vocab[w]] = c * self.idf.get(w, 1.0)
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        return m / np.where(norms == 0, 1.0, norms)


class _Cand(NamedTuple):
    tier: int           # 0: a lead sentence reporting the day soon after; 1: any other naming it
    text: str
    article: str
    index: int          # position in its article
    salience: float | None


def _candidates(articles: list[TimelineArticle], days: set[dt.date]) -> dict[dt.date, list[_Cand]]:
    """Day -> candidate sentences, per step 2 of the module docstring.

    Tier 0 is a lead sentence naming the day soon after it (or undated, published that day); tier 1
    is any other sentence naming it, used only for a day that has no tier-0 sentence at all.
    """
    out: dict[dt.date, list[_Cand]] = defaultdict(list)
    lag = dt.timedelta(days=MENTION_LAG_DAYS)
    for a in articles:
        for s in a.sentences:
            if not MIN_WORDS <= len(s.text.split()) <= MAX_WORDS:
                continue
            text = " ".join(s.text.split())
            lead = s.index < LEAD_SENTENCES
            if not s.days and lead and a.published in days:
                out[a.published].append(_Cand(0, text, a.id, s.index, s.salience))
            for d in s.days:
                if d in days and (a.published is None or d <= a.published):
                    soon = a.published is None or a.published <= d + lag
                    out[d].append(_Cand(0 if lead and soon else 1, text, a.id, s.index, s.salience))
    return out


def select_timeline(articles: Iterable[TimelineArticle], *, dates: int | None = 10,
                    sentences: int | None = 1, start: dt.date | None = None, end: dt.date | None = None,
                    spread: float = Settings.timeline_spread, later_weight: float = LATER_WEIGHT
                    ) -> list[TimelineEntry]:
    """``dates`` days (within start..end) with up to ``sentences`` each, in date order.

    ``dates=None``: as many as ``timeline_dates.auto_dates`` finds; ``sentences=None``: per day, as
    :func:`auto_sentences` says. ``spread`` and ``later_weight``: see ``nlp.timeline_dates``."""
    articles = sorted(articles, key=lambda a: a.id)
    if (dates is not None and dates <= 0) or (sentences is not None and sentences <= 0):
        return []
    signals = day_signals(articles, start=start, end=end)
    n = auto_dates(signals) if dates is None else dates
    scores = {d: sig.score(later_weight) for d, sig in signals.items()}
    cands = _candidates(articles, set(scores))
    tfidf = _Tfidf(_words(s.text) for a in articles for s in a.sentences)
    chosen_vecs: list[tuple[dict[str, float], float]] = []
    picked: dict[dt.date, list[tuple[str, str]]] = {}

    def usable(day: dt.date) -> bool:
        """Summarize the day now (so redundancy is checked against earlier picks); False if empty."""
        day_cands = cands.get(day, [])
        best_tier = min((c.tier for c in day_cands), default=None)
        k = auto_sentences(len(signals[day].origins)) if sentences is None else sentences
        picked[day] = _summarize_day([c for c in day_cands if c.tier == best_tier], tfidf, k,
                                     chosen_vecs)
        return bool(picked[day])

    published = Counter(a.published for a in articles if a.published is not None)
    span = core_span(dict(published)) if published else None
    days = choose_days(scores, n, spread=spread, usable=usable, span=span)
    return [TimelineEntry(d, tuple(picked[d]), round(scores[d], 3)) for d in sorted(days)]


def _sparse(words: list[str], tfidf: _Tfidf) -> tuple[dict[str, float], float]:
    vec = {w: c * tfidf.idf.get(w, 1.0) for w, c in Counter(words).items()}
    return vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0


def _cosine(a: tuple[dict[str, float], float], b: tuple[dict[str, float], float]) -> float:
    small, big = (a[0], b[0]) if len(a[0]) <= len(b[0]) else (b[0], a[0])
    return sum(v * big.get(w, 0.0) for w, v in small.items()) / (a[1] * b[1])


def _summarize_day(cands: list[_Cand], tfidf: _Tfidf, k: int,
                   chosen: list[tuple[dict[str, float], float]]) -> list[tuple[str, str]]:
    if not cands:
        return []
    # one copy of each sentence text (syndicated wording), keeping the first article by id
    seen: dict[str, _Cand] = {}
    for c in sorted(cands, key=lambda c: (c.article, c.index)):
        seen.setdefault(c.text.lower(), c)
    uniq = list(seen.values())
    words = [_words(c.text) for c in uniq]
    m = tfidf.matrix(words)
    centroid = m.mean(axis=0)
    sim = m @ centroid
    # a sentence telling a salient event weighs more (records from the store; none from plain text)
    weight = [1.0 if c.salience is None else SALIENCE_BASE + c.salience for c in uniq]
    order = sorted(range(len(uniq)), key=lambda i: (-round(float(sim[i] * weight[i]), 9),
                                                    uniq[i].article, uniq[i].index))
    out: list[tuple[str, str]] = []
    for i in order:
        if len(out) >= k:
            break
        vec = _sparse(words[i], tfidf)
        if any(_cosine(vec, c) > MAX_SIMILARITY for c in chosen):
            continue
        chosen.append(vec)
        out.append((uniq[i].text, uniq[i].article))
    return out
