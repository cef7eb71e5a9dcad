"""Stories: articles grouped by the happening they cover (two earthquakes make two stories).

Each article is a TF-IDF vector of its content words plus the ids of the entities and merged events
it shares with other articles (an event told by two outlets is strong evidence of one story).
Each article is linked to its nearest neighbours by cosine similarity among the articles whose
dates (when both are known) lie within ``window_days``; Leiden communities of that graph are the
stories. Terms in
more than half of the articles carry no signal and are dropped, which also keeps the pair count
near-linear on large corpora (pairs are found through an inverted index, not all n^2).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .storylines import communities

WORD = re.compile(r"[^\W\d_]{3,}")
MAX_DF_SHARE = 0.5
FEATURE_WEIGHT = 2.0  # an entity or event id counts as much as this many words


@dataclass(frozen=True)
class StoryDoc:
    id: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD (publication)
    features: tuple[str, ...] = ()  # entity / event ids found in the article


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _terms(doc: StoryDoc, stop: frozenset[str]) -> Counter[str]:
    terms = Counter(w for w in WORD.findall(doc.text.lower()) if w not in stop)
    for f in doc.features:
        terms[f"#{f}"] += FEATURE_WEIGHT
    return terms


def tfidf(docs: Sequence[StoryDoc]) -> list[dict[str, float]]:
    """Unit-length sparse vectors: sublinear tf times idf, terms in most articles left out."""
    stop = _stop_words()
    counts = [_terms(d, stop) for d in docs]
    df = Counter(t for c in counts for t in c)
    n = len(docs)
    limit = max(2, MAX_DF_SHARE * n)
    vectors = []
    for c in counts:
        # Smoothed idf (+1): with two articles, the words they share must still count.
        v = {t: (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, k in c.items()
             if df[t] <= limit or n < 4}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items() if x > 0})
    return vectors


def similarities(vectors: Sequence[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosine of every pair sharing a term, through an inverted index."""
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, v in enumerate(vectors):
        for t, x in v.items():
            index[t].append((i, x))
    sims: dict[tuple[int, int], float] = defaultdict(float)
    for postings in index.values():
        for a in range(len(postings)):
            i, x = postings[a]
            for j, y in postings[a + 1:]:
                sims[(i, j)] += x * y
    return sims


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days) if a and b else None
    except ValueError:
        return None


def story_clusters(docs: Sequence[StoryDoc], *, min_similarity: float = 0.05, neighbours: int = 5,
                   window_days: int = 60, resolution: float = 1.0) -> list[list[int]]:
    """Stories as lists of indices into ``docs``, ordered by their first article.

    Each article links to its ``neighbours`` most similar articles (above ``min_similarity``): a
    nearest-neighbour graph keeps the same shape whether the corpus holds one topic (where shared
    topic words carry little weight) or many, where a fixed similarity cut would not.
    """
    if not docs:
        return []
    sims = similarities(tfidf(docs))
    near: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), s in sims.items():
        apart = _days_apart(docs[i].date, docs[j].date)
        if s >= min_similarity and (apart is None or apart <= window_days):
            near[i].append((s, j))
            near[j].append((s, i))
    edges: dict[tuple[int, int], float] = {}
    for i, cands in near.items():
        for s, j in sorted(cands, reverse=True)[:neighbours]:
            edges[(min(i, j), max(i, j))] = s
    groups = communities(len(docs), edges, resolution) if edges else [[i] for i in range(len(docs))]
    seen = {i for g in groups for i in g}
    groups += [[i] for i in range(len(docs)) if i not in seen]
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])
