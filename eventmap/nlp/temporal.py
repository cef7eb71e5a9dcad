"""Rule-based TIMEX3 tagger and normalizer (HeidelTime-style: regex rules + normalization code).

``tag(text, dct)`` finds DATE / TIME / DURATION / SET expressions and normalizes each to a TimeML
value plus an ISO interval (start/end) and a granularity. ``normalize(expr, dct)`` does the same for
one given span. Vocabulary lives in ``temporal_rules.py``.

Resolution policy (documented choices):
* Deictic expressions ("yesterday", "last week", "in November", "Friday") resolve against the
  document creation time (dct). A month or weekday without a year resolves to the most recent
  past occurrence (news is mostly past tense) unless the sentence has a future marker ("will",
  "plans to", "next" ...), then to the nearest future one. The dct month itself resolves to the dct
  year either way.
* Anaphoric expressions ("the following year", "that October", "a year earlier", "the next day")
  resolve against the last dated expression before them in the text (anchor "narrative"); with no
  such expression they fall back to the dct.
* "N days after the attack", "N days before the vote" and a narrative "a day earlier, ..." /
  "a few days later, ..." are, as in TimeML, the amount: a DURATION ("P2D", span "N days"), the
  direction word its signal. "Two years ago" is a DATE (from the dct), and so is a compared point
  ("up 5% from a year earlier", from the last dated expression).
* Ranges ("between 2006 and 2017", "from 2006 to 2017", "2006-2017") yield two timexes, as TimeML
  does; each gets mod ON_OR_AFTER / ON_OR_BEFORE respectively.
* "since 2006" -> mod AFTER with interval 2006-01-01..dct; "by 1996" -> ON_OR_BEFORE, end 1996-12-31.
* "fiscal 2023" -> value "2023" (calendar year; fiscal calendars differ per organisation).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from eventmap.errors import EventmapError
from eventmap.models import Timex
from eventmap.nlp.temporal_core import _N, _Ctx, _narrow, _value_interval
from eventmap.nlp.temporal_days import day_next_to
from eventmap.nlp.temporal_handlers import MON, RULES, UNIT, WD
from eventmap.nlp.temporal_rules import TRIGGERS

_I = re.IGNORECASE
# What a handler raises when the date it computes cannot exist (day 31 of a 30-day month, a year
# out of range): that match is not a timex. Any other exception is a bug and is raised.
_NO_DATE = (ValueError, OverflowError)

# ----------------------------------------------------------------------------- post-processing

_PRE_MOD = re.compile(
    r"(?:\b(?P<w>by|before|prior to|after|since|no later than|no earlier than|as of|"
    r"about|around|roughly|approximately|circa|c\.)\s+(?:the\s+)?)$", _I)
_PRE_PART = re.compile(r"\b(?P<w>early|late|mid|middle of|end of|beginning of|start of)"
                       r"(?P<sep>[\s-]+|\s+the\s+)$", _I)
_PART_MOD = {"early": "EARLY", "late": "LATE", "mid": "MID", "middle of": "MID", "end of": "END",
             "beginning of": "START", "start of": "START"}


def _finish(text: str, s: int, e: int, n: _N, dct: dt.date | None) -> Timex:
    """Attach interval, mods from left context, and build the Timex."""
    mod, approx, start, end = n.mod, n.approx, n.start, n.end
    if n.type in ("DATE", "TIME"):
        iv = _value_interval(n.value)
        if iv is not None and start is None and end is None:
            a, b, _ = iv
            a, b = _narrow(a, b, n.gran, mod)
            left = text[max(0, s - 24): s]
            pm = _PRE_MOD.search(left)
            w = pm.group("w").lower() if pm else ""
            if w == "by" or w == "no later than":
                mod, a = "ON_OR_BEFORE", None
            elif w in ("before", "prior to"):
                mod, b, a = "BEFORE", a - dt.timedelta(days=1), None
            elif w == "since":
                mod, b = "AFTER", (dct if dct and dct >= a else None)
            elif w in ("after", "no earlier than"):
                mod, a, b = "AFTER", b + dt.timedelta(days=1), None
            elif w in ("about", "around", "roughly", "approximately", "circa", "c."):
                mod, approx = mod or "APPROX", True
            start = a.isoformat() if a else None
            end = b.isoformat() if b else None
    return Timex(text=text[s:e], char_start=s, char_end=e, type=n.type, value=n.value,
                 start=start, end=end, granularity=n.gran, approximate=approx, mod=mod,
                 anchor=n.anchor)


def _extend_part(text: str, s: int, n: _N) -> tuple[int, _N]:
    """"early 2024", "mid-November", "the end of the year": widen the span and set the mod."""
    if n.type != "DATE" or n.mod or n.gran in ("day", "time", "unknown"):
        return s, n
    pm = _PRE_PART.search(text[max(0, s - 20): s])
    if not pm:
        return s, n
    ns = s - (len(pm.group(0)))
    # include a preceding "the" ("the early 1990s" keeps "the" out, as TimeBank does for decades)
    mod = _PART_MOD[pm.group("w").lower()]
    return ns, replace(n, mod=mod)


# ----------------------------------------------------------------------------- public API


_BEFORE, _AFTER = 60, 80  # window around a trigger; longer than any rule's reach around it


def _windows(text: str, low: str, trigger: re.Pattern) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    n = len(text)
    for t in trigger.finditer(low):
        a = max(0, t.start() - _BEFORE)
        b = min(n, t.end() + _AFTER)
        while b < n and not text[b].isspace():  # never cut a word at the window end
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# A piece every match of the rule contains, compiled with the rule's flags: a window where it does
# not occur cannot hold a match, so its scan is skipped. The windows that are scanned are unchanged,
# so the matches are the same; the unit and month triggers also fire inside words ("administration",
# "market"), which left these rules scanning ~80% of a text.
_NEEDS: dict[str, re.Pattern] = {
    name: re.compile(p, _I) for name, p in {
        "duration": rf"[\s-]{UNIT}",  # the unit after its number (and, for offsets, the direction)
        "offset": rf"[\s-]{UNIT}\s+(?:ago|earlier|later|before|after|hence|from\s+now|previously)\b",
        "md": MON, "dm": MON, "month": MON, "weekday": WD,
    }.items()
}


def _candidates(text: str) -> list[tuple[int, int, int, Callable, re.Match]]:
    cands = []
    seen: set[tuple[int, int, int]] = set()
    low = text.lower()
    if len(low) != len(text):  # rare Unicode case changes length: fall back to full scans
        low = ""
    windows: dict[re.Pattern, list[tuple[int, int]]] = {}  # rules sharing a trigger share windows
    for prio, (name, rx, fn) in enumerate(RULES):
        trigger = TRIGGERS.get(name)
        if trigger is None or not low:
            spans = [(0, len(text))]
        else:
            spans = windows.get(trigger)
            if spans is None:
                spans = windows[trigger] = _windows(text, low, trigger)
        need = _NEEDS.get(name)
        for a, b in spans:
            if need is not None and need.search(text, a, b) is None:
                continue
            for m in rx.finditer(text, a, b):
                key = (m.start(), m.end(), prio)
                if m.end() > m.start() and key not in seen:
                    seen.add(key)
                    cands.append((m.start(), m.end(), prio, fn, m))
    # longest first at each position, then rule order
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    return cands


class TemporalTaggerError(EventmapError):
    """The tagger crashed on a text (a bug, not "no times found"); ``cause`` is the original."""

    def __init__(self, message: str, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.cause = cause


def _crash(text: str, exc: BaseException) -> TemporalTaggerError:
    excerpt = " ".join(text[:60].split())
    return TemporalTaggerError(
        f"temporal tagger crashed ({type(exc).__name__}: {exc}) on a text starting "
        f"{excerpt!r}; please report it with that text", exc)


def tag(text: str, dct: dt.date | None) -> list[Timex]:
    """Find and normalize all temporal expressions in ``text``.

    An empty text has none. A crash inside the tagger raises ``TemporalTaggerError`` (it is never
    turned into "no times"); the extract stage reports it as a rejection row for that article.
    """
    if not isinstance(text, str):
        raise TypeError(f"tag() needs the text as a str, not {type(text).__name__}")
    if not text:
        return []
    try:
        return _tag(text, dct)
    except Exception as exc:
        raise _crash(text, exc) from exc


def _tag(text: str, dct: dt.date | None) -> list[Timex]:
    cands = _candidates(text)
    out: list[Timex] = []
    ref: tuple[dt.date, str] | None = None
    day: tuple[dt.date | None, int] = (None, -1)
    taken_end = -1
    for s, e, _p, fn, m in cands:
        if s < taken_end:
            continue
        try:
            res = fn(m, _Ctx(text, dct, ref, s, *day))
        except _NO_DATE:  # the match names a day that cannot exist ("Feb. 30"): not a timex
            res = None
        if res is None:
            continue
        items = res if isinstance(res, list) else [(s, e, res)]
        for ts, te, n in items:
            ts, n = _extend_part(text, ts, n)
            ts, n = day_next_to(text, ts, n)
            if out and ts < out[-1].char_end:
                continue
            t = _finish(text, ts, te, n, dct)
            out.append(t)
            iv = _value_interval(n.value) if n.type in ("DATE", "TIME") else None
            if iv is not None and n.anchor != "event" and n.sets_ref:
                ref = (iv[0], iv[2] if iv[2] != "time" else "day")
                if iv[2] in ("day", "time"):
                    day = (iv[0], ts)
        taken_end = max(taken_end, max(te for _, te, _ in items))
    return out


def normalize(expression: str, dct: dt.date | None,
              reference: dt.date | None = None) -> Timex | None:
    """Normalize one given span; None when no temporal expression is found in it.

    ``reference`` stands in for the last dated expression (narrative anchor); defaults to dct.
    The longest expression found in the span is normalized; a few context words outside
    ("in", "on", "by") are fine.
    """
    if not isinstance(expression, str):
        raise TypeError(f"normalize() needs the expression as a str, not {type(expression).__name__}")
    if not expression:
        return None
    try:
        ref = (reference, "day") if reference is not None else None
        best: Timex | None = None
        for s, e, _p, fn, m in _candidates(expression):
            if best is not None and (e - s) <= (best.char_end - best.char_start):
                continue
            try:
                res = fn(m, _Ctx(expression, dct, ref, s))
            except _NO_DATE:
                res = None
            if res is None:
                continue
            items = res if isinstance(res, list) else [(s, e, res)]
            ts, te, n = items[0]
            ts, n = _extend_part(expression, ts, n)
            ts, n = day_next_to(expression, ts, n)
            t = _finish(expression, ts, te, n, dct)
            if best is None or (t.char_end - t.char_start) > (best.char_end - best.char_start):
                best = t
        return best
    except Exception as exc:
        raise _crash(expression, exc) from exc
