"""Stories: articles grouped by the happening they cover (two earthquakes make two stories).

A news desk files two reports under one story when they tell the same happening: the same specific
names and events, the same words in the title and lead, published within days of each other. Each
article is a TF-IDF vector of its content words (title and lead words count more) plus the ids of
the entities it names and of the merged events it shares with other articles; only terms that two or
more articles have count.

Stories are an average-link clustering of those vectors with a similarity floor: two groups of
articles become one story only while their articles are, on average, at least ``min_similarity``
alike, so a merge across stories needs most of their pairs to agree, not one close pair (which is
what let one wide topic swallow its happenings). Two articles published more than ``window_days``
apart count as unlike (similarity 0) in that average, and two dated within it count up to
``CLOSE_BONUS`` times more alike the closer they are: a story's reports stay close in time. Groups
no pair of which reaches the floor never merge, so the clustering runs per connected component of
the floor graph, with memory bounded by the largest component. Two reports that lead with one kind of
happening on days too far apart to be one (``leads_apart``: two earthquakes ten days apart, one club's
matches a week apart) also count as unlike, however alike their words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ..config import Settings
from . import lexicon as lx
from .event_coref import _day
from .lexicon import stop_words

if TYPE_CHECKING:
    from .event_coref import MentionRecord

WORD = re.compile(r"[^\W\d_]{3,}")
# A term in one article only cannot be shared: it would only dilute the cosine, the more so the
# longer the article (on ECB+ dev, seminal-event B3 F1 92.3 -> 95.2; the sample corpus stays three
# stories instead of eleven). Terms in most articles stay in: idf already weighs them down, and in a
# corpus about one happening they are what its articles share.
MIN_DF = 2
BLOCK = 256  # rows of the similarity matrix computed at once
FEATURE_WEIGHT = 2.0  # an entity or event id counts as much as this many words
TITLE_WEIGHT = 2.0  # a title word counts as this many more occurrences
LEAD_WEIGHT = 1.0  # a word of the lead (the first LEAD_CHARS of the text) counts this many more
LEAD_CHARS = 400
# Settings (config.py), set on ECB+ dev and Timeline17 (benchmarks/stories.py, RESULTS.md): one
# floor for every corpus, and two reports further apart than the window count as unlike.
MIN_SIMILARITY = Settings.story_min_similarity
WINDOW_DAYS = Settings.story_window_days
CLOSE_BONUS = 0.5  # see _in_time: same-day reports count 1.5 times as alike (set on Timeline17)


@dataclass(frozen=True)
class StoryDoc:
    id: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD (publication)
    features: tuple[str, ...] = ()  # entity / event ids found in the article
    title: str = ""
    leads: tuple[Lead, ...] = ()  # the happenings its lead tells (``report_leads``)
    # ``date`` is not the page's own but the day other reports of its lead's events came out: it
    # keeps the article out of stories weeks away, and earns no closeness bonus
    estimated: bool = False


class Lead(NamedTuple):
    """A happening a report leads with: its event class and its day (ordinal), ``stated`` when the
    lead's own phrase gives the day, else the report's publication day."""

    cls: str
    day: int
    stated: bool


# Two reports that lead with happenings of one kind (an earthquake struck; a club was beaten) on days
# further apart than this tell two happenings, however alike their words: a desk files two matches
# of one club a week apart, or two earthquakes ten days apart, as two stories, and one event told by
# many outlets over three days as one. A stated day is exact but for time zones and "last night";
# an unstated one is the publication day, which a report can trail its news by days.
LEAD_APART_DAYS = 2
LEAD_APART_UNSTATED_DAYS = 4
_LEAD_GRANULARITY = frozenset({"day", "time"})


def report_leads(records: Iterable[MentionRecord]) -> dict[str, tuple[Lead, ...]]:
    """Article -> the happenings its lead tells: its mentions in the main clause of its first
    sentences (``MentionRecord.lead``), neither reported speech nor a generic verb ("said", "took":
    any report leads with those), nor a hypothetical; with the day their own phrase states, else, when
    they state no time, the publication day (a time that is not a day says too little)."""
    out: dict[str, list[Lead]] = {}
    for r in records:
        if not r.lead or r.hypothetical or r.lemma in lx.REPORTING_VERBS or r.lemma in lx.GENERIC_VERBS:
            continue
        t = r.time
        if t is not None and r.time_explicit and not r.time_nearby and t.granularity in _LEAD_GRANULARITY \
                and t.start:
            day, stated = _day(t.start), True
        elif t is None:
            day, stated = _day(r.published), False
        else:
            continue
        if day is not None:
            out.setdefault(r.doc, []).append(Lead(r.event_class, day, stated))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def leads_apart(a: StoryDoc, b: StoryDoc) -> bool:
    """Whether two reports lead with happenings of one class, and no such pair lies within the days
    one happening's reports can be apart (``LEAD_APART_DAYS``). Reports published within those days
    of each other are never apart: a wrong day in one lead ("Thursday morning" in Korea, read as last
    Thursday on a US page of Wednesday evening) must not split a story its reports tell together."""
    pa, pb = _day(a.date), _day(b.date)
    if pa is not None and pb is not None and abs(pa - pb) <= LEAD_APART_DAYS:
        return False
    shared = False
    for x in a.leads:
        for y in b.leads:
            if x.cls != y.cls:
                continue
            if _one_happening(x, y):
                return False
            shared = True
    return shared


def _one_happening(x: Lead, y: Lead) -> bool:
    """Whether two leads' days allow one happening: stated days within LEAD_APART_DAYS, publication
    days within LEAD_APART_UNSTATED_DAYS; a stated day against a publication day must not come after
    it (a report tells what has happened, a day's grace for time zones) nor long before it."""
    if x.stated == y.stated:
        return abs(x.day - y.day) <= (LEAD_APART_DAYS if x.stated else LEAD_APART_UNSTATED_DAYS)
    said, report = (x, y) if x.stated else (y, x)
    return report.day - LEAD_APART_UNSTATED_DAYS <= said.day <= report.day + 1


# Words of any news report, whatever it is about: dates and the verbs of reporting. Two reports that
# share only these ("said", "March") share no story, however few articles the corpus has.
NEWS_WORDS = frozenset(
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks month months "
    "year years day days said says told tells according reported reports added statement news".split())


def _terms(doc: StoryDoc, stop: frozenset[str]) -> Counter[str]:
    def words(text: str) -> list[str]:
        return [w for w in WORD.findall(text.lower()) if w not in stop]

    terms: Counter[str] = Counter(words(doc.text))
    for w in words(doc.title):
        terms[w] += 1 + TITLE_WEIGHT
    lead = doc.text[:LEAD_CHARS]
    if len(doc.text) > LEAD_CHARS:
        lead = lead.rsplit(None, 1)[0] if " " in lead.strip() else ""  # not a word cut in two
    for w in words(lead):
        terms[w] += LEAD_WEIGHT
    for f in doc.features:
        terms[f"#{f}"] += FEATURE_WEIGHT
    return +terms  # what a weight of 0 added is left out


def tfidf(docs: Sequence[StoryDoc]) -> list[dict[str, float]]:
    """Unit-length sparse vectors: sublinear tf times idf, over the terms two or more articles have."""
    stop = stop_words() | NEWS_WORDS
    counts = [_terms(d, stop) for d in docs]
    df = Counter(t for c in counts for t in c)
    n = len(docs)
    vectors = []
    for c in counts:
        # Smoothed idf (+1): with two articles, the words they share must still count.
        v = {t: (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, k in c.items()
             if df[t] >= MIN_DF}
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

    return np.array([np.nan if (day := _day(d.date)) is None else day for d in docs], dtype=float)


def _in_time(sims: Any, gap: Any, window_days: int, estimated: Any = None) -> Any:
    """Similarities as the clustering weighs them: 0 for reports further apart than the window;
    for dated reports within it, up to ``CLOSE_BONUS`` times more the closer they are (a desk files
    two reports of the same days about the same names together on less shared wording); undated
    pairs (NaN gap) as they are."""
    import numpy as np

    with np.errstate(invalid="ignore"):
        near = np.clip(1.0 - gap / max(window_days, 1), 0.0, 1.0)
    near = np.nan_to_num(near)
    if estimated is not None:
        near = np.where(estimated, 0.0, near)  # an estimated day says "within weeks", not "the same day"
    out = sims * (1.0 + CLOSE_BONUS * near)
    out[gap > window_days] = 0.0  # NaN compares False: kept
    return out


def _similar_pairs(x: Any, days: Any, min_similarity: float, window_days: int,
                   docs: Sequence[StoryDoc]) -> Any:
    """Sparse upper-triangle matrix of the pairs at or above the floor, within the window (an undated
    article is within any window) and not leading with two happenings (``leads_apart``), a block of
    rows at a time so memory stays bounded."""
    import numpy as np
    from scipy.sparse import coo_matrix

    n = x.shape[0]
    rows, cols = [], []
    est = np.array([d.estimated for d in docs], dtype=bool)
    for start in range(0, n, BLOCK):
        sims = (x[start:start + BLOCK] @ x.T).toarray()
        for row, i in enumerate(range(start, min(start + BLOCK, n))):
            s = _in_time(sims[row], np.abs(days - days[i]), window_days, est | est[i])
            hit = np.nonzero(s >= min_similarity)[0]
            hit = [j for j in hit[hit > i].tolist() if not (docs[i].leads and leads_apart(docs[i], docs[j]))]
            rows.extend([i] * len(hit))
            cols.extend(hit)
    return coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()


def _average_link(x: Any, days: Any, members: list[int], min_similarity: float,
                  window_days: int, docs: Sequence[StoryDoc]) -> list[list[int]]:
    """Average linkage (scipy) over one component, cut where the mean similarity drops below the floor."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    if len(members) == 1:
        return [members]
    sub = x[members]
    sims = np.asarray((sub @ sub.T).todense(), dtype="float64")
    d = days[members]
    e = np.array([docs[i].estimated for i in members], dtype=bool)
    sims = _in_time(sims, np.abs(d[:, None] - d[None, :]), window_days, e[:, None] | e[None, :])
    for a, b in _apart(docs, members):
        sims[a, b] = sims[b, a] = 0.0
    dist = np.clip(1.0 - sims, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    # fcluster keeps merges whose distance is <= t: a mean similarity >= the floor.
    labels = fcluster(tree, t=1.0 - min_similarity + 1e-9, criterion="distance")
    groups: dict[int, list[int]] = {}
    for m, k in zip(members, labels, strict=True):
        groups.setdefault(int(k), []).append(m)
    return list(groups.values())


def _apart(docs: Sequence[StoryDoc], members: list[int]) -> list[tuple[int, int]]:
    """Positions in ``members`` of the pairs that lead with two happenings (``leads_apart``): only
    pairs that share a lead class are compared."""
    by_class: dict[str, list[int]] = {}
    for k, i in enumerate(members):
        for cls in {lead.cls for lead in docs[i].leads}:
            by_class.setdefault(cls, []).append(k)
    pairs = {(a, b) for ks in by_class.values() for n, a in enumerate(ks) for b in ks[n + 1:]}
    return [(a, b) for a, b in sorted(pairs) if leads_apart(docs[members[a]], docs[members[b]])]


def story_clusters(docs: Sequence[StoryDoc], *, min_similarity: float = MIN_SIMILARITY,
                   window_days: int = WINDOW_DAYS) -> list[list[int]]:
    """Stories as lists of indices into ``docs``, ordered by their first article.

    The floor is one rule for every corpus: two groups merge while their articles are on average
    ``min_similarity`` alike (cosine of the vectors above), within ``window_days`` of each other.
    """
    from scipy.sparse.csgraph import connected_components

    if not docs:
        return []
    x = _matrix(tfidf(docs))
    days = _days(docs)
    pairs = _similar_pairs(x, days, min_similarity, window_days, docs)
    _, component = connected_components(pairs, directed=False)
    by_component: dict[int, list[int]] = {}
    for i, k in enumerate(component):
        by_component.setdefault(int(k), []).append(i)
    groups: list[list[int]] = []
    for members in by_component.values():
        groups += _average_link(x, days, members, min_similarity, window_days, docs)
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


def mean_similarity(doc: StoryDoc, groups: dict[str, Sequence[StoryDoc]],
                    window_days: int = WINDOW_DAYS) -> dict[str, float]:
    """How alike ``doc`` is, on average, to the articles of each group (a story), as the clustering
    measures it (``_in_time``). The idf comes from ``doc`` and the groups' articles: what
    ``eventmap add`` can read without the whole corpus."""
    import numpy as np

    keys = list(groups)
    pool = [doc] + [d for k in keys for d in groups[k]]
    if len(pool) < 2:
        return {}
    x = _matrix(tfidf(pool))
    days = _days(pool)
    sims = _in_time(np.asarray((x[1:] @ x[0].T).todense()).ravel(), np.abs(days[1:] - days[0]), window_days)
    if doc.leads:
        sims *= np.array([not leads_apart(doc, other) for other in pool[1:]], dtype=float)
    out, at = {}, 0
    for k in keys:
        n = len(groups[k])
        out[k] = float(sims[at:at + n].mean()) if n else 0.0
        at += n
    return out
