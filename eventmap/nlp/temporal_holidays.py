"""Holidays for the temporal tagger: fixed-date ones and movable feasts ("Easter", "Labor Day").

A holiday named without a year is the one nearest the document date in the direction its clause
points (past unless a future cue), as a bare month-day is; "Easter week" is the ISO week holding
Easter Sunday. US federal holidays are computed by their rule (nth weekday of a month).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from eventmap.nlp import temporal_rules as R
from eventmap.nlp.temporal_core import _N, YEAR, _Ctx, _fmt, _prev_word, ahead_before

_I = re.IGNORECASE


def easter(y: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lw) // 433
    month = (h + lw - 7 * m + 90) // 25
    return dt.date(y, month, (h + lw - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(y + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


_MOVABLE: dict[str, Callable[[int], dt.date]] = {
    "easter": easter, "easter sunday": easter,
    "easter monday": lambda y: easter(y) + dt.timedelta(days=1),
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
    "palm sunday": lambda y: easter(y) - dt.timedelta(days=7),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
}
_FIXED_MORE = {"veterans day": (11, 11), "armistice day": (11, 11),
               "remembrance day": (11, 11), "st. patrick's day": (3, 17),
               "st patrick's day": (3, 17), "bonfire night": (11, 5), "guy fawkes night": (11, 5)}

HOLIDAY_RE = (r"\b(?:(?P<rel>last|this|next)\s+|(?P<every>every|each)\s+)?"
              r"(?P<h>Christmas\s+Eve|Christmas\s+Day|Christmas|New\s+Year['’]s\s+Eve|New\s+Year['’]s\s+Day|Valentine['’]s\s+Day|"
              r"Halloween|Independence\s+Day|Thanksgiving(?:\s+Day)?|Boxing\s+Day|"
              r"Bastille\s+Day|(?-i:Easter)(?:\s+(?:Sunday|Monday))?(?!\s+(?:Island|Rising|egg|"
              r"bunny|Parade))|Good\s+Friday|Palm\s+Sunday|Memorial\s+Day|Labor\s+Day|"
              r"Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|Presidents['’]?\s+Day|Election\s+Day|"
              r"Veterans['’]?\s+Day|Armistice\s+Day|Remembrance\s+Day|St\.?\s+Patrick['’]s\s+Day"
              r"|Bonfire\s+Night|Guy\s+Fawkes\s+Night)"
              r"(?P<wk>\s+week)?(?:,?\s+(?P<y>" + YEAR + r"))?\b")


def _on(name: str) -> Callable[[int], dt.date] | None:
    if name in _MOVABLE:
        return _MOVABLE[name]
    md = R.HOLIDAYS.get(name) or _FIXED_MORE.get(name)
    if md is None:
        return None
    return lambda y: dt.date(y, *md)


def h_holiday(m: re.Match, ctx: _Ctx) -> _N | None:
    name = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    name = re.sub(r"\s+jr\.?(?= day)", "", name).replace("veterans' day", "veterans day")
    name = name.replace("presidents' day", "presidents day")
    rel = (m["rel"] or "").lower()
    on = _on(name)
    if on is None:
        return None
    if m["every"] and not (m["y"] or m["wk"]):
        # "has worked every Christmas Day": the day in every year, a SET (a movable feast's date
        # changes from year to year: yearly)
        md = R.HOLIDAYS.get(name) or _FIXED_MORE.get(name)
        return _N("SET", f"XXXX-{md[0]:02d}-{md[1]:02d}" if md else "P1Y", "unknown")
    if m["y"]:
        d0 = on(int(m["y"]))
        anchor = "absolute"
    elif ctx.dct is None:
        return None
    else:
        anchor = "dct"
        d0 = on(ctx.dct.year)
        # a holiday week has begun when its Monday has: "as Easter week began" on Palm Sunday
        begun = d0 - dt.timedelta(days=d0.weekday()) if m["wk"] else d0
        tense = ctx.tense()
        ahead = tense in ("future", "would") or (
            tense is None and _prev_word(ctx.text, m.start()) in ("until", "till", "by", "before"))
        coming = d0 if begun >= ctx.dct else on(ctx.dct.year + 1)
        if not rel and ahead_before(ctx.text, m.start()) and (coming - ctx.dct).days <= 75:
            d0 = coming  # "a warning ahead of Halloween" two days before it: this year's
        elif rel == "last" or (not rel and begun > ctx.dct and tense == "past"):
            d0 = on(ctx.dct.year - 1) if begun >= ctx.dct else d0
        elif rel == "next" and begun <= ctx.dct:
            d0 = on(ctx.dct.year + 1)
        elif not rel and ahead:
            d0 = d0 if begun >= ctx.dct else on(ctx.dct.year + 1)  # "will reopen after Easter" in May
        elif not rel and tense is None:
            # no tense in its clause ("Christmas is four months away", "planning for Christmas"):
            # the nearest one, a tie to the past, as a bare month-day is read
            nearest = [(abs((d - ctx.dct).days), d > ctx.dct, d)
                       for d in (on(ctx.dct.year - 1), d0, on(ctx.dct.year + 1))]
            d0 = min(nearest)[2]
    if m["wk"]:  # "Easter week", "Christmas week": the week holding the day
        return _N("DATE", _fmt(d0, "week"), "week", anchor=anchor)
    return _N("DATE", d0.isoformat(), "day", anchor=anchor)
