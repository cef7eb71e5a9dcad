"""Days for the temporal tagger: ISO and slashed dates, month-days ("March 3", "3 March", "last
Oct. 23"), "the week of March 6", and ranges of days that share a month ("12 to 20 September",
"March 3-5": both ends are dates of that month).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from eventmap.nlp.temporal_core import _N, MON, YEAR, _Ctx, _fmt, _month, _safe_date, _year_for_month

_I = re.IGNORECASE

def h_iso(m: re.Match, ctx: _Ctx) -> _N | None:
    d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    if d is None:
        return None
    if m["h"]:
        return _N("TIME", f"{d.isoformat()}T{m['h']}:{m['mi']}", "time", anchor="absolute")
    return _N("DATE", d.isoformat(), "day", anchor="absolute")


def h_slash(m: re.Match, ctx: _Ctx) -> _N | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    mo, d = (a, b) if a <= 12 else (b, a)
    dd = _safe_date(y, mo, d)
    return _N("DATE", dd.isoformat(), "day", anchor="absolute") if dd else None


def _day_from(mon: str, day: str, year: str | None, ctx: _Ctx, end: int = -1) -> _N | None:
    mo = _month(mon)
    d = int(day)
    if not mo or not 1 <= d <= 31:
        return None
    if not year and end >= 0:  # "on 12 March last year"
        later = _year_later(ctx, end)
        year = str(later) if later is not None else None
    if year:
        dd = _safe_date(int(year), mo, d)
        return _N("DATE", dd.isoformat(), "day", anchor="absolute") if dd else None
    y, anchor = _year_for_month(mo, ctx, d)
    if y is None:
        return _N("DATE", f"XXXX-{mo:02d}-{d:02d}", "day", anchor=anchor)
    dd = _safe_date(y, mo, d)
    return _N("DATE", dd.isoformat(), "day", anchor=anchor) if dd else None


def h_md(m: re.Match, ctx: _Ctx) -> list[tuple[int, int, _N]] | _N | None:
    rel = (m.groupdict().get("rel") or "").lower()  # the "dm" rule ("12 March") has none
    if not rel:
        return _day_from(m["mon"], m["d"], m["y"], ctx, m.end())
    # "last Oct. 23", "next March 4": the one before / after the dct, whatever the tense; the
    # word stays out of the span, as TimeBank has it
    mo, d = _month(m["mon"]), int(m["d"])
    if m["y"] or ctx.dct is None or not mo or not 1 <= d <= 31:
        n = _day_from(m["mon"], m["d"], m["y"], ctx, m.end())
    else:
        y = ctx.dct.year
        ahead = (mo, d) > (ctx.dct.month, ctx.dct.day)
        if rel in ("last", "this past") and ahead:
            y -= 1
        elif rel in ("next", "this coming") and not ahead:
            y += 1
        dd = _safe_date(y, mo, d)
        n = _N("DATE", dd.isoformat(), "day", anchor="dct") if dd else None
    return [(m.start("body"), m.end(), n)] if n is not None else None


def h_week_of(m: re.Match, ctx: _Ctx) -> _N | None:
    """"the week of March 6": the ISO week holding that day."""
    n = _day_from(m["mon"], m["d"], m["y"], ctx)
    if n is None or n.value.startswith("X"):
        return None
    d = dt.date.fromisoformat(n.value)
    return _N("DATE", _fmt(d, "week"), "week", anchor=n.anchor)


# The year of a month said later in the same phrase ("that March morning in 2009", "May in 2010",
# "in April last year", "on 12 March next year", "on 25 June that year": the year the text last
# gave, as "that year" alone is)
_YEAR_LATER = re.compile(rf"\s+(?:(?:morning|afternoon|evening|night|day)\s+)?(?:(?:in|of)\s+"
                         rf"(?P<y>{YEAR})(?!\d)|(?:of\s+)?(?P<rel>last|this|next)\s+year\b"
                         rf"|(?:of\s+)?(?P<ana>that|the\s+same)\s+year\b)", _I)


def _year_later(ctx: _Ctx, end: int) -> int | None:
    later = _YEAR_LATER.match(ctx.text, end)
    if later is None:
        return None
    if later["y"]:
        return int(later["y"])
    if later["ana"]:
        base, _ = ctx.base()
        return base.year if base is not None else None
    if ctx.dct is None:
        return None
    return ctx.dct.year + {"last": -1, "this": 0, "next": 1}[later["rel"].lower()]


# ----------------------------------------------------------------------------- ranges of days

_SEP = r"\s*(?:-|–|—|\bto\b|\band\b|\buntil\b|\bthrough\b|\btill\b)\s*"
_ORD = r"(?:st|nd|rd|th)?"
# "12 to 20 September", "3-5 March 2009", "between 7 and 9 November": the first day takes the month
DAYS_MONTH_RE = (rf"(?<![\w$.,:/-])(?P<d1t>(?P<d1>[0-3]?\d){_ORD}){_SEP}"
                 rf"(?P<body>(?P<d2>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<mon>{MON})(?:\s?,?\s*(?P<y>{YEAR})(?!\d))?)")
# "March 3 to 5", "September 12-20, 2009": the second day takes the month (not "March 3 to 5 p.m.")
MONTH_DAYS_RE = (rf"(?P<mon>{MON})\s*(?P<d1t>(?P<d1>[0-3]?\d){_ORD}){_SEP}(?P<d2>[0-3]?\d){_ORD}"
                 rf"(?:\s?,\s*(?P<y>{YEAR}))?(?![\w:%]|[.,]\d|\s*(?:[ap]\.?m\b|o['’]clock|%|per\s?cent))")


def h_day_range(m: re.Match, ctx: _Ctx) -> list[tuple[int, int, _N]] | None:
    """Both ends of a range of days in one month, each the date it names ("12 to 20 September": the
    12th and the 20th); None unless the first day comes before the second."""
    d1, d2 = int(m["d1"]), int(m["d2"])
    if not 1 <= d1 < d2 <= 31:
        return None
    first = m.groupdict().get("body") is None  # "March 3 to 5": the month stands with the first day
    said = _day_from(m["mon"], m["d1"] if first else m["d2"], m["y"], ctx, m.end())
    if said is None or said.value.startswith("X"):
        return None
    day = dt.date.fromisoformat(said.value)
    other = _safe_date(day.year, day.month, d2 if first else d1)
    if other is None:
        return None
    other_n = _N("DATE", other.isoformat(), "day", anchor=said.anchor)
    if first:
        return [(m.start(), m.end("d1t"), said), (m.start("d2"), m.end(), other_n)]
    return [(m.start("d1t"), m.end("d1t"), other_n), (m.start("body"), m.end(), said)]


# "the day before last Tuesday's vote", "the day after Christmas": the day next to a dated day is
# one DATE (TimeML tags the whole phrase). Only "the day": "a day after X" / "two days before X"
# count an amount, a DURATION, as TimeML has them.
_DAY_NEXT_TO = re.compile(r"\b[Tt]he\s+day\s+(?P<dir>before|after)\s+$")


def day_next_to(text: str, s: int, n: _N) -> tuple[int, _N]:
    """Widen a day-level DATE over a "the day before/after" right before it, shifting its value."""
    if n.type != "DATE" or n.gran != "day" or n.value[:1] == "X":
        return s, n
    m = _DAY_NEXT_TO.search(text, max(0, s - 20), s)
    if m is None:
        return s, n
    try:
        d = dt.date.fromisoformat(n.value[:10])
    except ValueError:
        return s, n
    d += dt.timedelta(days=-1 if m["dir"] == "before" else 1)
    return m.start(), replace(n, value=d.isoformat())
