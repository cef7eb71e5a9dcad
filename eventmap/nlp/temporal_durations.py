"""Offsets, durations and sets: "two years ago", "for three weeks", "for days", "every evening".

Handlers of the rule table in ``temporal_handlers.py`` for the expressions that say how long or how
often (DURATION, SET) or count from a reference ("a year earlier", anchored on the narrative).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from eventmap.nlp import temporal_rules as R
from eventmap.nlp.temporal_core import (
    _N,
    _Ctx,
    _date_n,
    _duration_value,
    _next_word,
    _num,
    _prev_word,
    _shift,
    _unit,
    _wd,
    sentence_start,
)

_I = re.IGNORECASE


_QMOD = {"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
         "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
         "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
         "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS"}
# Quantifiers TE3 gold keeps outside the TIMEX extent ("about [two weeks]", "over [the past 20
# years]"); the mod is kept. "more than", "around", "at least" stay inside, as the gold has them.
_Q_OUTSIDE = frozenset({"about", "almost", "nearly", "only", "over", "just", "roughly",
                        "approximately", "some", "under"})


def _outside_q(m: re.Match, n: _N | None) -> list[tuple[int, int, _N]] | _N | None:
    """Move the span start past a quantifier that the gold leaves outside the TIMEX."""
    q = (m["q"] or "").lower()
    if n is None or q not in _Q_OUTSIDE:
        return n
    start = m.end("q")
    while start < m.end() and m.string[start].isspace():
        start += 1
    return [(start, m.end(), n)]


def h_offset(m: re.Match, ctx: _Ctx) -> list[tuple[int, int, _N]] | _N | None:
    """"two years ago", "a week later", "three days after the attack".

    TimeML: "ago" makes a point (DATE). "Three days after the attack" and a narrative "a day
    earlier, ..." / "a few days later, ..." are the amount (DURATION), the direction word being
    its signal; a comparison ("up 5% from a year earlier") is the point it names (DATE).
    """
    direction = m["dir"].lower()
    if m["n"].lower() in ("a", "an", "one") and m["u"].lower() == "second":
        return None  # "one dose now and a second after six weeks": the ordinal, no amount
    # "turned professional in 2007 and ... two years later": years counted from a year the text
    # gave are that year, an anaphoric point; a fronted "A year earlier, ..." stays the amount, as
    # TE3 has "A day earlier, ..." and "A few days later, ..."
    from_year = (direction in ("earlier", "later") and ctx.ref is not None and ctx.ref[1] == "year"
                 and _unit(m["u"])[1] == "year" and _num(m["n"]) is not None
                 and not ctx.text.startswith(",", m.end()))
    if direction in ("before", "after") or (
            direction in ("earlier", "later") and not _compared(ctx.text, m.start())
            and not from_year):
        n = _num(m["n"])
        if n is None and m["n"].lower() not in R.VAGUE_NUMBERS:
            return None
        mod = _QMOD.get((m["q"] or "").lower())
        dur = _N("DURATION", _duration_value(n, m["u"]), "unknown", mod=mod,
                 approx=mod == "APPROX")
        out = _outside_q(m, dur)
        start = out[0][0] if isinstance(out, list) else m.start()
        return [(start, m.end("u"), dur)]
    n = _offset(m, ctx)
    if n is not None and _compared(ctx.text, m.start()):
        n = replace(n, sets_ref=False)
    return _outside_q(m, n)


# Words before "a year earlier" in its sentence that make it the point compared with
_COMPARED = re.compile(r"\b(?:from|than|with|versus|vs\.?|compared|against)\b", _I)


def _compared(text: str, pos: int) -> bool:
    a = sentence_start(text, pos, 120)
    return _COMPARED.search(text, a, pos) is not None


def h_ago_adjective(m: re.Match, ctx: _Ctx) -> _N | None:
    """"year-ago results", "compared with year-earlier profit": a prenominal "a year earlier",
    the point it names (a quarter after a quarter, as "a year earlier" is)."""
    n = _offset_n("a", m["u"], m["dir"], None, ctx)
    return replace(n, sets_ref=False) if n is not None else None


def _offset(m: re.Match, ctx: _Ctx) -> _N | None:
    return _offset_n(m["n"], m["u"], m["dir"], m["q"], ctx)


def _offset_n(n_word: str, unit_word: str, dir_word: str, q_word: str | None,
              ctx: _Ctx) -> _N | None:
    n = _num(n_word)
    letter, gran, mult = _unit(unit_word)
    direction = dir_word.lower()
    qmod = _QMOD.get((q_word or "").lower())
    approx = n is None or qmod is not None
    if gran == "time":
        gran = "day"  # "48 hours ago" -> a day-level date
    steps = int(round((n or 1) * mult))
    if gran in ("decade", "century"):
        gran = "year"
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    if letter == "H":
        steps = max(1, steps // 24) if n else 1
    if direction in ("ago", "from now", "hence"):
        base, anchor = ctx.dct, "dct"
    else:
        base, anchor = ctx.base()
    if base is None:
        return _N("DATE", "XXXX" if gran == "year" else "XXXX-XX-XX", gran, approx=approx,
                  anchor=anchor)
    out_gran = gran
    # "a year earlier" after "the third quarter" stays a quarter (financial reporting)
    if (ctx.ref is not None and gran == "year" and direction in ("ago", "earlier", "later")
            and ctx.ref[1] in ("quarter", "half")):
        # a reporting period only: "three years ago" after "in March" is still a year
        out_gran = ctx.ref[1]
        base = ctx.ref[0]
        anchor = "narrative"
    if gran == "week" and out_gran == "week":
        out_gran = "week" if n is not None and steps <= 1 else "day"
        if out_gran == "day":
            return _date_n(base + dt.timedelta(weeks=sign * steps), "day", anchor, approx=approx)
    unit_for_shift = gran if gran != "quarter" else "quarter"
    d = _shift(base, unit_for_shift, sign * steps)
    return _date_n(d, out_gran, anchor, approx=approx, mod=None)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 12): pos].rstrip(" \"'“‘`")
    return pos < 12 and not before or bool(before) and before[-1] in ".!?\n:"


# What a rate's "a day" / "a week" follows: an amount ("358,000", "$6m", "1.5 million"), a plural
# noun ("four flights", "barrels of oil"), "more"/"less"; a parenthesis in between is skipped
# ("5,000 barrels (795,000 litres) a day"). Not a duration: TimeML leaves rates untagged.
_PLURAL = r"\b(?!(?:wa|i|ha|thi|it|hi|thu|le|plu|les|ye|doe|a|u)s\b)[a-z]{2,}s"
_RATE_BEFORE = re.compile(
    rf"(?:\d(?:m|bn|k)?|\b(?:m|bn|k|million|billion|thousand|hundred|more|less|fewer|extra|people|men"
    rf"|women|children)|{_PLURAL})(?:\s*(?:\([^()]{{0,60}}\)|-LRB-.{{0,60}}?-RRB-))?"
    rf"(?:\s+of\s+[a-z]+)?(?:\s*--)?\s+$")


# Words before a "one day" that means "some day": a modal, an infinitive's "to", a subject pronoun
_SOMEDAY_BEFORE = frozenset("will would may might could can should must shall to i we you he she "
                            "they it who".split())
# ... and after it the verb it modifies ("cut to one day from three" is an amount)
_SOMEDAY_VERB = re.compile(r" (?!(?:of|and|or|in|on|at|for|to|from|before|after|later|earlier|ago"
                           r"|only|each|a|an|the|more|less|and|but|than|per|off|out)\b)[a-z]{2,}\b")


# "a day" / "a week" right after an amount of time makes it a rate ("eight hours a day")
_PER_AFTER = re.compile(r",?\s+(?:a|an|per|each|every)\s+(?:day|night|week|month|year|shift)\b"
                        r"(?![\s-]+(?:ago|earlier|later|before|after|from|of)\b)", _I)


# "28 minutes and 34 seconds", "two years and three months": a second, smaller unit right after the
# first makes one amount (TimeML "PT28M34S"); its count is a plain number, not "a"/"several"
_COUNT_WORDS = "|".join(sorted((w for w in R.NUMBER_WORDS if w[0].isalpha() and not w.startswith(
    ("a", "half", "couple", "dozen"))), key=len, reverse=True))
_SECOND_PART = re.compile(rf"(?:,?\s+and\s+|\s+)(?P<n>\d+|{_COUNT_WORDS})[\s-]+(?P<u>{R.UNIT_RE})\b"
                          r"(?![\s-]+(?:ago|earlier|later|old)\b|-)", _I)
_PART_ORDER = ("Y", "M", "W", "D", "H", "MIN", "S")


def _two_part(m: re.Match, n: _N) -> tuple[int, _N] | None:
    """Join the amounts after a duration ("three hours and 12 minutes", a race time "2 hours
    5 minutes 48 seconds"), each a smaller unit than the one before: their end and the value."""
    if m["adj"] or m["frac"] or m["half"]:
        return None
    l1, _, k1 = _unit(m["u"])
    a = _num(m["n"])
    if a is None or a != int(a) or k1 != 1 or l1 == "Q":
        return None
    parts, end, last = {l1: int(a)}, m.end(), l1
    while (nxt := _SECOND_PART.match(m.string, end)) is not None:
        l2, _, k2 = _unit(nxt["u"])
        b = _num(nxt["n"])
        if b is None or k2 != 1 or l2 == "Q" or _PART_ORDER.index(l2) <= _PART_ORDER.index(last):
            break
        parts[l2], end, last = int(b), nxt.end(), l2
    if len(parts) < 2:
        return None
    date = "".join(f"{parts[x]}{x}" for x in ("Y", "M", "W", "D") if x in parts)
    time = "".join(f"{parts[x]}{x[0]}" for x in ("H", "MIN", "S") if x in parts)
    return end, replace(n, value="P" + date + (f"T{time}" if time else ""))


def h_duration(m: re.Match, ctx: _Ctx) -> list[tuple[int, int, _N]] | _N | None:
    n = _duration(m, ctx)
    if n is not None and (two := _two_part(m, n)) is not None:
        out = _outside_q(m, two[1])
        return [(out[0][0] if isinstance(out, list) else m.start(), two[0], two[1])]
    if n is not None and m["the"] and not m["pl"] and not m["q"] and (
            m.string[m.end("frac") if m["frac"] else m.end("n"): m.start("u")] == "-"):
        return [(m.start("n"), m.end(), n)]  # "the [two-day] summit": the article is the noun's
    return _outside_q(m, n)


# Who or what an "N-month-old" is when it is an age, not how long a thing has lasted
_AGED = frozenset("baby babies boy boys girl girls child children son sons daughter daughters "
                  "infant infants twin twins toddler toddlers kid kids brother sister nephew niece "
                  "grandson granddaughter puppy puppies calf foal cub cubs lamb colt filly "
                  "was is who had has and or".split())


def _old_thing(m: re.Match, ctx: _Ctx) -> bool:
    """"the 8-month-old truce", "a two-week-old strike": how long a thing has lasted (a DURATION);
    an age in years ("a 44-year-old man", "the 50-year-old alliance") or of a baby ("her
    6-month-old son") is none, as TimeBank has it."""
    if _unit(m["u"])[1] not in ("day", "week", "month") or m["pl"] or m["q"]:
        return False
    nxt = re.match(r"\s+([a-z]+)\b", ctx.text[m.end(): m.end() + 30])
    return nxt is not None and nxt.group(1) not in _AGED


def _duration(m: re.Match, ctx: _Ctx) -> _N | None:
    if m["adj"] and m["adj"].lower().endswith("old") and not _old_thing(m, ctx):
        return None
    nxt = _next_word(ctx.text, m.end())
    if nxt == "old":
        return None
    n_word = m["n"].lower()
    n = _num(n_word)
    if n is None and n_word not in R.VAGUE_NUMBERS:
        return None
    if n is not None and (m["frac"] or m["half"]):
        if n < 1:  # "a half", "half a": no whole part to add a half to
            return None
        n += 0.5  # "two and a half years", "5 1/2 hours", "a year and a half"
    u = m["u"].lower()
    if m["u"][0].isupper() and not _sentence_start(ctx.text, m.start()):
        return None  # a title: CBS's "60 Minutes"
    if u.startswith("quarter") and ctx.text[m.start("u") - 1] == "-" and nxt == "of":
        return None  # "three-quarters of its food": a fraction
    if n is not None and n >= 1000 and u.startswith(("year", "day", "month")):
        pass  # "10,000 years" is still a duration
    if n_word in ("a", "an") and not m["pl"] and _prev_word(ctx.text, m.start()) in (
            "once", "twice", "times", "per"):
        return None
    if n_word in ("a", "an") and not (m["pl"] or m["the"] or m["q"]) and _RATE_BEFORE.search(
            ctx.text[max(0, m.start() - 90): m.start()]):
        return None  # a rate, not a duration: "358,000 a month", "four flights a week"
    if u.startswith("quarter") and not (m["pl"] or m["the"]) and n_word in ("a", "an"):
        return None  # "a quarter of the vote"
    if n_word in ("a", "an") and u.rstrip("s") in ("second", "minute") and not (
            m["q"] or m["half"]):
        return None  # "a second attack", "wait a minute"
    if n_word in ("a", "an", "one") and u.startswith("second"):
        return None
    if n_word == "one" and u == "day" and not m["q"] and _prev_word(
            ctx.text, m.start()) in _SOMEDAY_BEFORE and _SOMEDAY_VERB.match(ctx.text, m.end()):
        return None  # "they may one day return", "he hopes to one day run it": some day, no amount
    if not (m["the"] or m["pl"] or m["adj"]) and _PER_AFTER.match(ctx.text, m.end()):
        return None  # "24 hours a day", "three days a week": time per period, a rate
    mod = _QMOD.get((m["q"] or "").lower())
    return _N("DURATION", _duration_value(n, u), "unknown", mod=mod, approx=mod == "APPROX",
              anchor=None)


def h_vague_duration(m: re.Match, ctx: _Ctx) -> list[tuple[int, int, _N]]:
    s, e = m.span("u")
    return [(s, e, _N("DURATION", _duration_value(None, m["u"]), "unknown"))]


def h_set(m: re.Match, ctx: _Ctx) -> _N | None:
    if m["w"]:
        w = m["w"].lower()
        if w == "daily" and ctx.text[m.end(): m.end() + 1] == " " and _next_word(
                ctx.text, m.end()) in ("mail", "telegraph", "news", "beast", "star", "express"):
            return None  # newspaper names
        return _N("SET", R.SET_WORDS[w], "unknown")
    if m["every2"]:  # "every four years", "every few days": a set with that period
        return _N("SET", _duration_value(_num(m["n"]), m["u3"]), "unknown")
    unit = m["u"] or m["u2"]
    low = (unit or "").lower().rstrip(".")
    pod = R.PARTS_OF_DAY.get((m["pod"] or "").lower(), "")
    if unit and unit[0].isupper() and R.MONTHS.get(low):
        return _N("SET", f"XXXX-{R.MONTHS[low]:02d}", "unknown")  # each July
    if unit and unit[0].isupper() and low in R.WEEKDAYS:  # every Sunday (morning)
        return _N("SET", f"XXXX-WXX-{_wd(unit) + 1}" + (f"T{pod}" if pod else ""), "unknown")
    if low in R.PARTS_OF_DAY:  # "every evening": the part of every day, not a period
        return _N("SET", f"XXXX-XX-XXT{R.PARTS_OF_DAY[low]}", "unknown")
    if low in R.SEASONS:  # "every summer"
        return _N("SET", f"XXXX-{R.SEASONS[low]}", "unknown")
    if low == "weekend":
        return _N("SET", "XXXX-WXX-WE", "unknown")
    every = (m["every"] or "").lower()
    n = 2 if m["other"] else 1
    if every == "per" and m["u"] and m["u"].lower() not in ("day", "week", "month", "year",
                                                            "hour"):
        return None
    return _N("SET", _duration_value(n, unit), "unknown")


def h_set_plural(m: re.Match, ctx: _Ctx) -> _N | None:
    """"on Mondays", "Tuesday nights", "Monday (and Tuesday) nights": a weekly SET."""
    pod = (m["pod"] or m["pod2"] or "").lower().rstrip("s")
    code = f"T{R.PARTS_OF_DAY[pod]}" if pod else ""
    return _N("SET", f"XXXX-WXX-{_wd(m['wd']) + 1}{code}", "unknown")
