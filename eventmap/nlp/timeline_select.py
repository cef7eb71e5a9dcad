"""Timeline summarization: pick the dates that matter and a few cited sentences for each.

Date-wise, after DATEWISE (Ghalandari & Ifrim 2020, "Examining the state-of-the-art in news
timeline summarization"), without its trained date ranker:

1. **Rank dates** by how often the collection *refers* to them: each sentence that names a day
   ("on Monday", "April 20, 2010") counts one reference to that day, each article published on a
   day counts ``PUB_WEIGHT``. Busy days are the ones many reports point back to.
2. **Collect candidates** for each chosen day: sentences that name it (from articles published on
   that day or up to ``MENTION_LAG_DAYS`` later, where follow-ups recap it) and undated sentences of
   articles published that day. Only each article's first ``LEAD_SENTENCES`` sentences are used
   (news puts what happened first; later sentences are mostly background), unless a day has none
   there: then any sentence naming it, later in an article or in a later article, may speak for it.
   Sentences shorter than ``MIN_WORDS`` or longer than ``MAX_WORDS`` words are never used.
3. **Summarize each day** by centrality: TF-IDF cosine to the centroid of the day's candidates,
   best first, skipping a sentence too similar (cosine > ``MAX_SIMILARITY``) to one already chosen
   anywhere in the timeline. A top day with no usable sentence gives its place to the next day.

Input is plain records (:class:`TimelineArticle`: id, publication day, sentences with the days each
names), so it runs on the store (``eventmap.export.timeline``) or on any corpus with
:func:`article_from_sentences`. Deterministic: ties break on date, then article id and position.

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

import numpy as np

from eventmap.models import Timex
from eventmap.nlp.lexicon import stop_words
from eventmap.nlp.temporal import tag

PUB_WEIGHT = 1.0        # one publication on a day counts as much as one sentence naming it
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
    score: float = 0.0               # the day's reference count (step 1)


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
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s) + 1
    days = assign_days(starts, tag("\n".join(sentences), published))
    return TimelineArticle(article_id, published, tuple(
        TimelineSentence(s, i, d) for i, (s, d) in enumerate(zip(sentences, days, strict=True))))


def rank_dates(articles: Iterable[TimelineArticle], *, start: dt.date | None = None,
               end: dt.date | None = None) -> list[tuple[dt.date, float]]:
    """Days by reference count (sentences naming the day + PUB_WEIGHT per article published on it)."""
    score: Counter[dt.date] = Counter()
    for a in articles:
        if a.published is not None:
            score[a.published] += PUB_WEIGHT
        for s in a.sentences:
            for d in s.days:
                score[d] += 1.0
    inside = ((d, v) for d, v in score.items()
              if (start is None or d >= start) and (end is None or d <= end))
    return sorted(inside, key=lambda dv: (-dv[1], dv[0]))


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


def _candidates(articles: list[TimelineArticle], days: set[dt.date]
                ) -> dict[dt.date, list[tuple[int, str, str, int]]]:
    """Day -> (tier, text, article id, sentence index), per step 2 of the module docstring.

    Tier 0 is a lead sentence naming the day soon after it (or undated, published that day); tier 1
    is any other sentence naming it, used only for a day that has no tier-0 sentence at all.
    """
    out: dict[dt.date, list[tuple[int, str, str, int]]] = defaultdict(list)
    lag = dt.timedelta(days=MENTION_LAG_DAYS)
    for a in articles:
        for s in a.sentences:
            if not MIN_WORDS <= len(s.text.split()) <= MAX_WORDS:
                continue
            text = " ".join(s.text.split())
            lead = s.index < LEAD_SENTENCES
            if not s.days and lead and a.published in days:
                out[a.published].append((0, text, a.id, s.index))
            for d in s.days:
                if d in days and (a.published is None or d <= a.published):
                    soon = a.published is None or a.published <= d + lag
                    out[d].append((0 if lead and soon else 1, text, a.id, s.index))
    return out


def select_timeline(articles: Iterable[TimelineArticle], *, dates: int = 10, sentences: int = 1,
                    start: dt.date | None = None, end: dt.date | None = None) -> list[TimelineEntry]:
    """The ``dates`` most referenced days (within start..end) with up to ``sentences`` each, by date."""
    articles = sorted(articles, key=lambda a: a.id)
    if dates <= 0 or sentences <= 0:
        return []
    ranked = rank_dates(articles, start=start, end=end)
    # A busy day with no usable sentence gives its place to the next one.
    cands = _candidates(articles, {d for d, _ in ranked})
    tfidf = _Tfidf(_words(s.text) for a in articles for s in a.sentences)
    chosen_vecs: list[tuple[dict[str, float], float]] = []
    entries: list[TimelineEntry] = []
    for day, score in ranked:
        if len(entries) >= dates:
            break
        day_cands = cands.get(day, [])
        best_tier = min((c[0] for c in day_cands), default=None)
        picked = _summarize_day([c[1:] for c in day_cands if c[0] == best_tier], tfidf, sentences,
                                chosen_vecs)
        if picked:
            entries.append(TimelineEntry(day, tuple(picked), score))
    return sorted(entries, key=lambda e: e.date)


def _sparse(words: list[str], tfidf: _Tfidf) -> tuple[dict[str, float], float]:
    vec = {w: c * tfidf.idf.get(w, 1.0) for w, c in Counter(words).items()}
    return vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0


def _cosine(a: tuple[dict[str, float], float], b: tuple[dict[str, float], float]) -> float:
    small, big = (a[0], b[0]) if len(a[0]) <= len(b[0]) else (b[0], a[0])
    return sum(v * big.get(w, 0.0) for w, v in small.items()) / (a[1] * b[1])


def _summarize_day(cands: list[tuple[str, str, int]], tfidf: _Tfidf, k: int,
                   chosen: list[tuple[dict[str, float], float]]) -> list[tuple[str, str]]:
    if not cands:
        return []
    # one copy of each sentence text (syndicated wording), keeping the first article by id
    seen: dict[str, tuple[str, str, int]] = {}
    for c in sorted(cands, key=lambda c: (c[1], c[2])):
        seen.setdefault(c[0].lower(), c)
    uniq = list(seen.values())
    words = [_words(t) for t, _, _ in uniq]
    m = tfidf.matrix(words)
    centroid = m.mean(axis=0)
    sim = m @ centroid
    order = sorted(range(len(uniq)), key=lambda i: (-round(float(sim[i]), 9), uniq[i][1], uniq[i][2]))
    out: list[tuple[str, str]] = []
    for i in order:
        if len(out) >= k:
            break
        vec = _sparse(words[i], tfidf)
        if any(_cosine(vec, c) > MAX_SIMILARITY for c in chosen):
            continue
        chosen.append(vec)
        out.append((uniq[i][0], uniq[i][1]))
    return out
