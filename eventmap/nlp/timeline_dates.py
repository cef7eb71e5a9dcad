"""Which days a timeline keeps: what the articles say about dates, then spread over the story's time.

**Signals** (every count is of independent articles: a syndicated copy is folded into its origin
before this runs, and a long article that repeats a date counts once):

- ``origins``: the articles that refer to the day, i.e. that have a sentence naming it at day
  granularity ("on Monday", "April 20, 2010"), or were published on it (a report's own day);
- ``later``: those that still name it more than ``LATER_DAYS`` days afterwards, once its own news
  cycle is over. A day the story keeps pointing back to is a milestone;
- ``weight``: each referring article counts ``0.5 + s``, where ``s`` is the salience (0..1,
  ``nlp/salience.py``) of the best event that article tells in a sentence naming the day (for its
  own publication day, in its first ``LEAD_SENTENCES`` sentences); with no events known (records
  read from plain sentences) every article counts 1.

A day's score is ``weight + later_weight * later``.

**Selection** is greedy and spread over time, as a journalist's timeline is: after each pick, every
other day's score is damped by ``1 - exp(-gap / tau)`` (``gap`` in days to the nearest day already
kept), with ``tau = spread * span / n``: a fraction of the mean gap between ``n`` dates spread evenly
over the story's ``span`` (:func:`core_span` of the days its articles were published on: a story's
own period is when it was reported, so a background day decades back does not stretch it, however
few articles there are). ``spread = 0`` is the plain ranking. Busy news
cycles otherwise fill a sparse timeline with neighbouring days of one week while months with fewer
reports but a landmark event (a ruling, a resignation) get none.

**How many dates** when none is asked for (:func:`auto_dates`): the square root of the number of
independent articles, rounded, at least ``AUTO_MIN_DATES`` and at most ``AUTO_MAX_DATES`` (fewer
only if fewer days are referred to at all): 9 for 80 articles, 20 for 400. Journalists' timelines
of one story differ far more than that (12 to 102 dates for the same oil-spill collection in
Timeline17), so no rule fits them; this one grows slowly with the collection.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

LATER_DAYS = 2          # a reference more than this many days after the day is a later reference
SALIENCE_BASE = 0.5     # an article's weight for a day is this plus its best event's salience
LEAD_SENTENCES = 3      # an article's own day is weighted by the best event of this many first sentences
CORE_SHARE = 0.9        # the spread's time scale: the span of the middle 90% of the score mass
AUTO_MIN_DATES, AUTO_MAX_DATES = 3, 30


class _Sentence(Protocol):
    @property
    def days(self) -> tuple[dt.date, ...]: ...
    @property
    def index(self) -> int: ...
    @property
    def salience(self) -> float | None: ...


class _Article(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def published(self) -> dt.date | None: ...
    @property
    def sentences(self) -> Iterable[_Sentence]: ...


@dataclass
class DaySignal:
    """What the collection says about one day (see the module docstring)."""

    origins: set[str] = field(default_factory=set)
    later: set[str] = field(default_factory=set)
    weight: float = 0.0

    def score(self, later_weight: float) -> float:
        return self.weight + later_weight * len(self.later)


def day_signals(articles: Iterable[_Article], *, start: dt.date | None = None,
                end: dt.date | None = None) -> dict[dt.date, DaySignal]:
    """Day -> its signals, for the days within start..end that any article refers to."""
    out: dict[dt.date, DaySignal] = defaultdict(DaySignal)
    lag = dt.timedelta(days=LATER_DAYS)
    for a in articles:
        best: dict[dt.date, float | None] = {}  # day -> best event salience of this article's naming
        lead: float | None = None                # best event salience of its lead (its own news)
        for s in a.sentences:
            if s.index < LEAD_SENTENCES:
                lead = _best(lead, s.salience)
            for d in s.days:
                best[d] = _best(best.get(d), s.salience)
        if a.published is not None:
            best[a.published] = _best(best.get(a.published), lead)
        for d, sal in best.items():
            if (start is not None and d < start) or (end is not None and d > end):
                continue
            sig = out[d]
            sig.origins.add(a.id)
            sig.weight += 1.0 if sal is None else SALIENCE_BASE + sal
            if a.published is not None and a.published > d + lag:
                sig.later.add(a.id)
    return dict(out)


def _best(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


def core_span(scores: Mapping[dt.date, float], share: float = CORE_SHARE) -> int:
    """Days from the first to the last day of the middle ``share`` of the score mass: the story's own
    period, not a background day decades earlier that one article mentions."""
    days = sorted(d for d, v in scores.items() if v > 0)
    if not days:
        return 1
    total = sum(scores[d] for d in days)
    lo_mass, hi_mass = total * (1 - share) / 2, total * (1 + share) / 2
    cum, lo, hi = 0.0, days[0], days[-1]
    for d in days:
        before = cum
        cum += scores[d]
        if before <= lo_mass < cum:
            lo = d
        if before < hi_mass <= cum:
            hi = d
    return (hi - lo).days + 1


def choose_days(scores: Mapping[dt.date, float], n: int, *, spread: float = 0.0,
                usable: Callable[[dt.date], bool] = lambda d: True,
                span: int | None = None) -> list[dt.date]:
    """Up to ``n`` days, greedily by score damped near the days already kept (module docstring).

    ``span``: the story's period in days, when the caller knows it better than ``core_span`` of the
    scores (from when its articles came out). A day ``usable`` rejects (no sentence to show for
    it) is passed over. Ties break on the earlier day. Returned in the order chosen."""
    if n <= 0 or not scores:
        return []
    days = sorted(scores)
    tau = spread * (span or core_span(scores)) / n if spread > 0 else 0.0
    damp = dict.fromkeys(days, 1.0)
    left = set(days)
    chosen: list[dt.date] = []
    while left and len(chosen) < n:
        best = max(left, key=lambda d: (scores[d] * damp[d], -d.toordinal()))
        left.discard(best)
        if not usable(best):
            continue
        chosen.append(best)
        if tau:
            for d in left:
                damp[d] = min(damp[d], 1.0 - math.exp(-abs((d - best).days) / tau))
    return chosen


def auto_dates(signals: Mapping[dt.date, DaySignal]) -> int:
    """The number of dates for a timeline when none is asked for (module docstring)."""
    articles = set().union(*(s.origins for s in signals.values())) if signals else set()
    n = round(math.sqrt(len(articles)))
    return min(len(signals), max(AUTO_MIN_DATES, min(AUTO_MAX_DATES, n)))
