"""Stories: articles grouped by the happening they cover (two earthquakes make two stories).

Each article is a TF-IDF vector of its content words plus the ids of the entities and merged events
it shares with other articles (an event told by two outlets is strong evidence of one story).
Each article is linked to its nearest neighbours by cosine similarity among the articles whose
dates (when both are known) lie within ``window_days``; Leiden communities of that graph are the
stories. Terms in
more than half of the articles carry no signal and are dropped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .lexicon import stop_words
from .storylines import communities

WORD = re.compile(r"[^\W\d_]{3,}")
MAX_DF_SHARE = 0.5
BLOCK = 256  # rows of the similarity matrix computed at once
FEATURE_WEIGHT = 2.0  # an entity or event id counts as much as this many words


@dataclass(frozen=True)
class StoryDoc:
    id: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD (publication)
    features: tuple[str, ...] = ()  # entity / event ids found in the article


def _terms(doc: StoryDoc, stop: frozenset[str]) -> Counter[str]:
    terms = Counter(w for w in WORD.findall(doc.text.lower()) if w not in stop)
    for f in doc.features:
        terms[f"#{f}"] += FEATURE_WEIGHT
    return terms


def tfidf(docs: Sequence[StoryDoc]) -> list[dict[str, float]]:
    """Unit-length sparse vectors: sublinear tf times idf, terms in most articles left out."""
    stop = stop_words()
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


def _matrix(vectors: Sequence[dict[str, float]]) -> Any:
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    rows, cols, data = [], [], []
    for i, v in enumerate(vectors):
        for t, x in v.items():
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
            data.append(x)
    return csr_matrix((data, (rows, cols)), shape=(len(vectors), max(1, len(vocab))), dtype="float32")


def _days(docs: Sequence[StoryDoc]) -> Any:
    import numpy as np

    out = np.full(len(docs), np.nan)
    for i, d in enumerate(docs):
        try:
            out[i] = dt.date.fromisoformat((d.date or "")[:10]).toordinal()
        except ValueError:
            pass
    return out


def nearest(docs: Sequence[StoryDoc], neighbours: int, min_similarity: float,
            window_days: int) -> dict[tuple[int, int], float]:
    """Each article's ``neighbours`` most similar articles within the time window, as edges.

    Similarities come from a sparse product, a block of rows at a time, so memory stays bounded
    (block x articles) on large corpora.
    """
    import numpy as np

    x = _matrix(tfidf(docs))
    days = _days(docs)
    edges: dict[tuple[int, int], float] = {}
    for start in range(0, len(docs), BLOCK):
        sims = (x[start:start + BLOCK] @ x.T).toarray()
        for row, i in enumerate(range(start, min(start + BLOCK, len(docs)))):
            s = sims[row]
            s[i] = 0.0
            apart = np.abs(days - days[i])
            s[apart > window_days] = 0.0  # NaN (an undated article) compares False: kept
            top = np.argpartition(-s, min(neighbours, len(s) - 1))[:neighbours]
            for j in top:
                if s[j] >= min_similarity:
                    edges[(min(i, int(j)), max(i, int(j)))] = float(s[j])
    return edges


def story_clusters(docs: Sequence[StoryDoc], *, min_similarity: float = 0.05, neighbours: int = 5,
                   window_days: int = 60, resolution: float = 1.0) -> list[list[int]]:
    """Stories as lists of indices into ``docs``, ordered by their first article.

    Each article links to its ``neighbours`` most similar articles (above ``min_similarity``): a
    nearest-neighbour graph keeps the same shape whether the corpus holds one topic (where shared
    topic words carry little weight) or many, where a fixed similarity cut would not.
    """
    if not docs:
        return []
    edges = nearest(docs, neighbours, min_similarity, window_days)
    groups = communities(len(docs), edges, resolution) if edges else [[i] for i in range(len(docs))]
    seen = {i for g in groups for i in g}
    groups += [[i] for i in range(len(docs)) if i not in seen]
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])
