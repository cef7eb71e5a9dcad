"""Rule table of the temporal tagger: (name, compiled regex, handler) in priority order.

Each handler turns a regex match into a normalized ``_N`` (or None to reject the match, or a list
of (start, end, _N) when one match holds several timexes, as for ranges). Overlaps are resolved by
the engine: the longest match wins, then the earlier rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from eventmap.nlp import temporal_rules as R
from eventmap.nlp.temporal_core import (
    _GRAN_ORDER,
    _N,
    _TEMPORAL_PREP,
    MON,
    NUM,
    UNIT,
    WD,
    YEAR,
    _add_months,
    _Ctx,
    _date_n,
    _duration_value,
    _fmt,
    _gran_start,
    _month,
    _next_word,
    _prev_word,
    _shift,
    _wd,
    _weekday_date,
    _year_for_month,
    ahead_before,
    sentence_start,
)
from eventmap.nlp.temporal_days import (
    DAYS_MONTH_RE,
    MONTH_DAYS_RE,
    _day_from,
    _year_later,
    h_day_range,
    h_iso,
    h_md,
    h_slash,
    h_week_of,
)
from eventmap.nlp.temporal_durations import (
    h_ago_adjective,
    h_duration,
    h_offset,
    h_set,
    h_set_plural,
    h_vague_duration,
)
from eventmap.nlp.temporal_holidays import HOLIDAY_RE, h_holiday

_I = re.IGNORECASE

# "price data for April", "sales figures for May": a month reported on, so one that has begun,
# whatever the clause says of the report ("... is due on Tuesday")
_PERIOD_FOR = re.compile(r"\b(?:data|figures|numbers|statistics|results|sales|readings?|reports?|index"
                         r"|inflation|payrolls|earnings|profits?|output|exports|imports|estimates?)"
                         r"\s+for\s+$", _I)


def h_month(m: re.Match, ctx: _Ctx) -> _N | None:
    mon = m["mon"]
    mo = _month(mon)
    rel = (m["rel"] or "").lower()
    if not mo:
        return None
    if m["y"]:
        return _N("DATE", f"{int(m['y']):04d}-{mo:02d}", "month", anchor="absolute")
    later = _year_later(ctx, m.end()) if rel in ("", "that") else None
    if later is not None:  # "that March morning in 2009": the year said after it
        return _N("DATE", f"{later:04d}-{mo:02d}", "month", anchor="absolute")
    if not rel:
        prev = _prev_word(ctx.text, m.start())
        if ctx.text[max(0, m.start() - 4): m.start()].lower() == "mid-":
            prev = "mid"  # "mid-March", "mid-May"
        reported = _PERIOD_FOR.search(ctx.text, max(0, m.start() - 30), m.start()) is not None
        if mon.rstrip(".").lower() in ("may", "march") and prev not in _TEMPORAL_PREP and not (
                prev == "for" and (ctx.text[m.end(): m.end() + 1] in (".", ",", ";") or reported)):
            return None  # "May" the modal verb, "March" the verb/noun
        if len(mon.rstrip(".")) <= 4 and not mon.endswith(".") and mon not in ("May", "June",
                                                                                "July"):
            return None  # bare "Jan", "Aug": more often names
    if rel in ("that", "the following", "following", "the previous"):
        base, anchor = ctx.base()
        if base is None:
            return _N("DATE", f"XXXX-{mo:02d}", "month", anchor="narrative")
        y = base.year
        if rel in ("the following", "following") and mo <= base.month:
            y += 1
        if rel == "the previous" and mo >= base.month:
            y -= 1
        return _N("DATE", f"{y:04d}-{mo:02d}", "month", anchor=anchor)
    if ctx.dct is not None and rel in ("last", "this past", "next", "this coming", "coming"):
        d = ctx.dct
        if rel in ("last", "this past"):
            y = d.year if mo < d.month else d.year - 1
        else:
            y = d.year if mo > d.month else d.year + 1
        return _N("DATE", f"{y:04d}-{mo:02d}", "month", anchor="dct")
    if ctx.dct is not None and rel == "this":
        return _N("DATE", f"{ctx.dct.year:04d}-{mo:02d}", "month", anchor="dct")
    if not rel and ctx.dct is not None and _PERIOD_FOR.search(ctx.text, max(0, m.start() - 30),
                                                              m.start()):
        y = ctx.dct.year if mo <= ctx.dct.month else ctx.dct.year - 1
        return _N("DATE", f"{y:04d}-{mo:02d}", "month", anchor="dct")
    y, anchor = _year_for_month(mo, ctx)
    if y is None:
        return _N("DATE", f"XXXX-{mo:02d}", "month", anchor=anchor)
    return _N("DATE", f"{y:04d}-{mo:02d}", "month", anchor=anchor)


def h_year(m: re.Match, ctx: _Ctx) -> _N | None:
    text, s = ctx.text, m.start()
    y = int(m["y"])
    if s > 0 and text[s - 1] == "-" and s > 1 and text[s - 2].isdigit():
        return None
    if re.match(r"\s*/", text[m.end(): m.end() + 3]) or text[max(0, s - 3): s].rstrip().endswith("/"):
        return None  # a URL path or a "2013 / 05" fragment, not a year in prose
    prev = _prev_word(text, s)
    nxt = _next_word(text, m.end())
    if prev in R.ID_WORDS or nxt in R.COUNT_NOUNS:
        return None
    if prev and prev[-1] == "." and prev.rstrip(".") in ("no", "p", "pp"):
        return None
    if y < 1800 and prev not in _TEMPORAL_PREP:
        return None
    if ctx.dct is not None and y > ctx.dct.year + 30:
        return None  # "2099" in a 1998 article is a count, not a year
    return _N("DATE", f"{y:04d}", "year", anchor="absolute")


def h_short_year(m: re.Match, ctx: _Ctx) -> list[tuple[int, int, _N]]:
    """"in '96", "since '89", "from '91 to '94": a year given by its last two digits, in the
    century that puts it at most ten years after the dct (the preposition stays out)."""
    yy = int(m["yy"])
    if ctx.dct is not None:
        y = ctx.dct.year // 100 * 100 + yy
        if y > ctx.dct.year + 10:
            y -= 100
        elif y + 100 <= ctx.dct.year + 10:  # "until '02" in 1998
            y += 100
    else:
        y = (1900 if yy > 30 else 2000) + yy
    return [(m.start("span"), m.end("span"), _N("DATE", f"{y:04d}", "year", anchor="absolute"))]


def h_spoken_year(m: re.Match, ctx: _Ctx) -> _N | None:
    """"nineteen ninety-one" (broadcast transcripts) -> 1991."""
    hi = R.NUMBER_WORDS.get(m["a"].lower())
    lo = R.NUMBER_WORDS.get(re.sub(r"\s+", " ", m["b"].lower()))
    if hi is None or lo is None or not 10 <= lo <= 99:
        return None
    return _N("DATE", f"{hi * 100 + lo:04d}", "year", anchor="absolute")


def h_year_named(m: re.Match, ctx: _Ctx) -> _N | None:
    """"the year 2000", "by the year two thousand (and five)": the year the phrase names."""
    if m["y"]:
        return _N("DATE", f"{int(m['y']):04d}", "year", anchor="absolute")
    unit = R.NUMBER_WORDS.get((m["u"] or "").lower(), 0)
    return _N("DATE", f"{2000 + unit:04d}", "year", anchor="absolute")


def h_year_end(m: re.Match, ctx: _Ctx) -> _N | None:
    """"year-end", "by year's end": the end of the dct year."""
    if ctx.dct is None:
        base, anchor = ctx.base()
        if base is None:
            return _N("DATE", "XXXX", "year", mod="END", anchor="dct")
        return _N("DATE", f"{base.year:04d}", "year", mod="END", anchor=anchor)
    return _N("DATE", f"{ctx.dct.year:04d}", "year", mod="END", anchor="dct")


def h_fiscal(m: re.Match, ctx: _Ctx) -> _N | None:
    y = int(m["y"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    return _N("DATE", f"{y:04d}", "year", anchor="absolute")


def h_range(m: re.Match, ctx: _Ctx) -> list[tuple[int, int, _N]] | None:
    y1 = int(m["y1"])
    y2s = m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100 * 100 + int(y2s))
    if y2 <= y1 or y2 - y1 > 200:
        return None
    if ctx.dct is not None and y2 > ctx.dct.year + 30:
        return None
    if len(y2s) == 2 and not re.fullmatch(r"\s*[-–—]\s*", ctx.text[m.end("y1"): m.start("y2")]):
        return None  # "from two in 2016 to 18 last year": a count; a short year needs the dash
    if _next_word(ctx.text, m.end()) in R.COUNT_NOUNS:
        return None
    s1, e1 = m.span("y1")
    s2, e2 = m.span("y2")
    n1 = _N("DATE", f"{y1:04d}", "year", anchor="absolute",
            mod="ON_OR_AFTER" if m["kw"] else None)
    n2 = _N("DATE", f"{y2:04d}", "year", anchor="absolute",
            mod="ON_OR_BEFORE" if m["kw"] else None)
    return [(s1, e1, n1), (s2, e2, n2)]


def h_decade(m: re.Match, ctx: _Ctx) -> _N | None:
    if m["w"]:
        dec = R.DECADE_WORDS[m["w"].lower()]
        cent = 19
    elif m["d2"] is not None:
        dec = int(m["d2"])
        cent = 20 if dec <= 1 or (ctx.dct and ctx.dct.year >= 2030) else 19
    else:
        cent, dec = int(m["c"]), int(m["d"])
    mod = {"early": "EARLY", "mid": "MID", "late": "LATE"}.get((m["pm"] or "").lower())
    return _N("DATE", f"{cent:02d}{dec}X", "decade", mod=mod, anchor="absolute")


def h_century(m: re.Match, ctx: _Ctx) -> _N | None:
    mod = {"early": "EARLY", "mid": "MID", "late": "LATE"}.get((m["pm"] or "").lower())
    if m["rel"]:
        if ctx.dct is None:
            return _N("DATE", "XX", "century", mod=mod, anchor="dct")
        c = ctx.dct.year // 100 + (-1 if m["rel"].lower() in ("last", "the last", "past",
                                                               "previous") else 0)
        if m["rel"].lower() in ("next", "the next"):
            c += 1
        return _N("DATE", f"{c:02d}", "century", mod=mod, anchor="dct")
    o = m["ord"].lower().replace(" ", "-")
    n = R.ORDINALS.get(o) or (int(re.sub(r"\D", "", o)) if re.sub(r"\D", "", o) else 0)
    if not 1 <= n <= 30:
        return None
    return _N("DATE", f"{n - 1:02d}", "century", mod=mod, anchor="absolute")


# ----------------------------------------------------------------------------- relative dates


# "Wednesday's ruling", "Thursday's bombing": an event that is over when it is named; a plan or
# a forecast would say so right after it ("Friday's ruling is expected ...")
_DONE_AFTER = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:ruling|decision|verdict|attacks?|bombings?|blasts?|explosions?|crash"
    r"|shootings?|killings?|slaying|massacre|raids?|arrests?|resignation|deaths?|collapse"
    r"|(?:earth)?quake|coup|assassination|accident|derailment)\b"
    r"(?!\s+(?:is|are|was|were)\s+(?:expected|due|scheduled|set|likely)\b)", _I)


_WD_AND_BEFORE = re.compile(rf"(?<![\w'’]){WD}\s*,?\s+(?:and|or)\s+(?:on\s+)?$")


def h_weekday(m: re.Match, ctx: _Ctx) -> _N | None:
    rel = (m["rel"] or "").lower()
    if not rel and not m["pod"] and ctx.dct is not None and _DONE_AFTER.match(ctx.text, m.end()):
        # "would appeal Wednesday's ruling": the ruling is the last Wednesday's, whatever the verb
        return _date_n(_weekday_date(_wd(m["wd"]), ctx, "that")[0], "day", "dct")
    if not rel and (co := _WD_AND_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start())):
        # "on Saturday and Sunday": the second day points the way the first does (its own clause
        # cues are the first's)
        ctx = replace(ctx, pos=co.start())
    d, anchor = _weekday_date(_wd(m["wd"]), ctx, rel)
    if rel == "that":
        anchor = "narrative"
    pod = (m["pod"] or "").lower()
    if pod:
        code = R.PARTS_OF_DAY[pod]
        if d is None:
            return _N("TIME", f"XXXX-XX-XXT{code}", "time", anchor=anchor)
        return _N("TIME", f"{d.isoformat()}T{code}", "time", anchor=anchor)
    return _date_n(d, "day", anchor)


_RELDAY = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
           "the day before yesterday": -2, "the day after tomorrow": 2}


# "today's meeting", "today's editions": this day's (not "today's youth", the present era's)
_TODAYS_EVENTS = frozenset(
    "edition editions paper newspaper issue meeting meetings vote votes session trading talks "
    "summit hearing ruling decision announcement election deadline game match race rally protest "
    "protests attack attacks strike report statement speech ceremony launch verdict debate "
    "opening closing close auction sale announcements events".split())


# "<noun> of" before "today"/"tomorrow" makes them an era; not "as of", nor a part of the day
_GENERIC_OF = re.compile(r"\b(?!(?:as|end|start|beginning|rest|close|morning|afternoon|evening|"
                         r"night|hours|part|middle)\b)[a-z]{3,}\s+of\s+$")


def h_relday(m: re.Match, ctx: _Ctx) -> _N | None:
    w = m["w"].lower()
    pod = (m["pod"] or "").lower()
    if m["pre"]:  # "mid-afternoon yesterday", "morning today": that part of the day
        if pod or w not in ("yesterday", "today", "tomorrow"):
            return None
        pod = re.sub(r"^(?:mid|early|late)[\s-]?", "", m["pre"].lower())
    if w in ("this", "last", "that") and not pod:
        return None
    if w == "that":  # "that afternoon": the part of the day the story is on
        day = (ctx.dct if ctx.ref is None else ctx.ref[0] if ctx.ref[1] == "day" else None)
        code = R.PARTS_OF_DAY[pod]
        return _N("TIME", f"{day.isoformat() if day else 'XXXX-XX-XX'}T{code}", "time",
                  anchor="narrative")
    if w in ("today", "tomorrow") and not pod and ctx.text.startswith(("'s ", "’s "), m.end()) and (
            _next_word(ctx.text, m.end() + 2) not in _TODAYS_EVENTS):
        return None  # "today's youth", "tomorrow's leaders": generic, untagged in TimeBank
    if w in ("today", "tomorrow") and not pod and not ctx.text.startswith(
            ("'s ", "’s "), m.end()) and _GENERIC_OF.search(
            ctx.text, max(0, m.start() - 30), m.start()):
        return None  # "the cars of tomorrow", "the youth of today": an era, not a day
    off = {"this": 0, "last": -1}.get(w, _RELDAY.get(w, 0))
    if w == "last" and pod != "night":
        return None  # "last morning" is not idiomatic
    d = ctx.dct + dt.timedelta(days=off) if ctx.dct else None
    if w == "tonight":
        pod = "night"
    if pod:
        code = R.PARTS_OF_DAY[pod]
        return _N("TIME", f"{d.isoformat() if d else 'XXXX-XX-XX'}T{code}", "time", anchor="dct")
    return _date_n(d, "day", "dct")


def h_pod_in(m: re.Match, ctx: _Ctx) -> list[tuple[int, int, _N]] | None:
    """"in the morning" after a dated day: that day's morning (as "that morning"); with no day
    before it (a habit: "the market opens in the morning") it is left untagged."""
    if ctx.ref is None or ctx.ref[1] != "day":
        return None
    code = R.PARTS_OF_DAY[m["pod"].lower()]
    return [(m.start("span"), m.end("span"),
             _N("TIME", f"{ctx.ref[0].isoformat()}T{code}", "time", anchor="narrative"))]


def h_refword(m: re.Match, ctx: _Ctx) -> _N | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w == "now" and _next_word(ctx.text, m.end()) in ("that",):
        return _N("DATE", "PRESENT_REF", "unknown", anchor="dct")
    if w == "current" and (_next_word(ctx.text, m.end()) in R.NOT_TEMPORAL_AFTER_CURRENT
                           or not re.match(r" [a-z]", ctx.text[m.end(): m.end() + 2])):
        return None  # "current account"; "current" is only temporal as an attribute
    if w in ("the past", "past") and _COUNT_AFTER.match(ctx.text, m.end()):
        return None  # "the past three summers", "the past few Sundays": "past" is an adjective
    if w == "future" and m["w"][0] == "F" and (
            re.match(r"\s[A-Z]", ctx.text[m.end(): m.end() + 2]) or not _at_sentence_start(
                ctx.text, m.start())):
        return None  # "the Medical Research Future Fund", "Future Fund": a capital in a name
    if w == "future" and _POSSESSIVE_BEFORE.search(ctx.text[max(0, m.start() - 12): m.start()]):
        nxt = _next_word(ctx.text, m.end())
        if nxt and ctx.text[m.end(): m.end() + 1] == " " and nxt not in _NOT_NOUNS:
            return None  # "the company's future earnings", "its future strategy": an adjective
    return _N("DATE", R.REF_WORDS[w], "unknown", anchor="dct")


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4): pos].rstrip(" \"'“‘")
    return not before or before[-1] in ".!?\n:"


# A count after "past" ("the past two Christmases"): the phrase counts periods, it is no PAST_REF
_COUNT_AFTER = re.compile(r"\s+(?:\d|(?:few|several|couple|dozen|many|" + "|".join(
    w for w in R.NUMBER_WORDS if w.isalpha() and len(w) > 2 and w != "one") + r")\b)", _I)
_POSSESSIVE_BEFORE = re.compile(r"(?:['’]s|\b(?:its|their|his|her|our|my|your))\s+$", _I)
_NOT_NOUNS = frozenset("away is was are were will would may might could should and or but of in "
                       "on at for with to that which who as than by from".split())


_PRE_PART_OF = re.compile(r"\b(?:end|start|beginning|middle|turn)\s+of\s+$", _I)
_REL_SIGN = {"this": 0, "current": 0, "the current": 0, "the": 0, "last": -1, "previous": -1,
             "the previous": -1, "the latest": -1, "this past": -1, "past": -1, "the past": -1,
             "the last": -1,
             "next": 1, "coming": 1, "the coming": 1, "the next": 1, "following": 1,
             "the following": 1, "that": 0, "the same": 0}
_ANAPHORIC = ("that", "the same", "the following", "following", "the next", "the previous")


_SPENT_BEFORE = re.compile(r"\b(?:spen[dt]|spends|spending)\s+$", _I)


def h_relunit(m: re.Match, ctx: _Ctx) -> _N | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower()).replace("prior", "previous")
    u = m["u"].lower()
    nxt = _next_word(ctx.text, m.end())
    if rel == "the" and nxt in ("before", "after", "earlier", "later", "prior") and not _PRE_PART_OF.search(
            ctx.text, max(0, m.start() - 16), m.start()):
        # ... but "it will be the end of the decade before patients ...": "before" opens a clause
        return None  # "down from $4 million the year before": counted from a time not given here
    if rel in ("the past", "the last", "past") and u != "weekend" and (
            _prev_word(ctx.text, m.start()) == "for" or u == "day"
            or _SPENT_BEFORE.search(ctx.text, max(0, m.start() - 20), m.start())):
        # "for the past week", "spent the past week" say how long; "in the past week" names the
        # week (below)
        return _N("DURATION", _duration_value(1, u), "unknown", anchor="dct")
    if u == "year" and rel == "the" and nxt in ("ended", "ending", "through", "to"):
        return _N("DURATION", "P1Y", "unknown", anchor="dct")
    if ctx.text.startswith("-", m.end()):
        return None  # "the year-earlier results": a modifier, the quarter rule takes "year-ago"
    if u == "day" and rel in ("the", "this", "last", "past", "current", "coming", "next"):
        return None  # "the day", "this day" are rarely datable; "next day" handled anaphorically
    gran = {"fortnight": "week", "weekend": "week"}.get(u, u)
    anaphoric = rel in _ANAPHORIC or (rel == "the next" and u == "day")
    if anaphoric:
        base, anchor = ctx.base()
        if base is None:
            return _N("DATE", "XXXX-XX-XX" if u == "day" else "XXXX", gran, anchor="narrative")
        if rel in ("the next", "the following", "following", "the previous") and ctx.ref is None:
            anchor = "dct"
        elif ctx.ref is not None and u in ("day", "week", "month") and ctx.ref[1] in _GRAN_ORDER \
                and _GRAN_ORDER.index(ctx.ref[1]) > _GRAN_ORDER.index(gran):
            # "in 1998 ... the following month", "in March ... the next day": a coarser time
            # gives no day or month to count from; only what it does give is kept
            r = ctx.ref[0]
            fine = ctx.ref[1] == "month" and u == "day"
            value = {"day": f"{r.year:04d}-{r.month:02d}-XX" if fine else f"{r.year:04d}-XX-XX",
                     "week": f"{r.year:04d}-WXX", "month": f"{r.year:04d}-XX"}[u]
            return _N("DATE", value, gran, anchor="narrative")
    else:
        base, anchor = ctx.dct, "dct"
        if base is None and ctx.ref is not None:
            # no publication date: "this year" is read against the last date the text gave
            base, anchor = ctx.ref[0], "narrative"
        if base is None:
            return _N("DATE", "XXXX" if gran != "week" else "XXXX-WXX", gran, anchor="dct")
    sign = _REL_SIGN.get(rel, 0)
    if rel == "this past" and u == "week":
        sign = 0 if base.weekday() >= 2 else -1
    if u == "weekend":
        # "this weekend" is the current week's; "the weekend" early in a week is the one just
        # past, unless the clause looks ahead ("before the weekend", "ahead of the weekend")
        if rel == "the" and base.weekday() < 4 and not ctx.future() and not (
                ahead_before(ctx.text, m.start())
                or _prev_word(ctx.text, m.start()) in ("before", "until", "till")):
            sign = -1
        d = _shift(base, "week", sign)
        return _N("DATE", _fmt(d, "week") + "-WE", "week", anchor=anchor)
    d = _shift(_gran_start(base, gran), gran, sign)
    if gran == "decade":  # "the last decade": TE3 writes "198", not the "198X" of "the 1980s"
        return _N("DATE", f"{d.year // 10:03d}", gran, anchor=anchor)
    return _date_n(d, gran, anchor)


def h_partrel(m: re.Match, ctx: _Ctx) -> _N | None:
    """"earlier this year", "later this month", "early next year", "late last week"."""
    w = m["w"].lower()
    rel = m["rel"].lower()
    u = m["u"].lower()
    gran = "season" if u in R.SEASONS else u
    if rel == "that" or ctx.dct is None:
        # no publication date: "earlier this year" is read against the last date the text gave
        base, anchor = ctx.base()
    else:
        base, anchor = ctx.dct, "dct"
    if base is None:
        return _N("DATE", "XXXX", gran, approx=True, anchor=anchor)
    sign = {"this": 0, "last": -1, "next": 1, "that": 0}[rel]
    d = _shift(_gran_start(base, gran), gran, sign)
    value = _fmt(d, gran)
    if gran == "season":
        value = f"{d.year:04d}-{R.SEASONS[u]}"
    if w in ("early", "late"):
        return _N("DATE", value, gran, mod=w.upper(), anchor=anchor)
    # earlier/later this X: the part of the unit before/after the dct
    from eventmap.nlp.temporal_core import _value_interval

    iv = _value_interval(value)
    start = end = None
    if iv is not None:
        a, b, _ = iv
        if rel == "this" and ctx.dct is not None and a <= ctx.dct <= b:
            a, b = (a, ctx.dct) if w == "earlier" else (ctx.dct, b)
        start, end = a.isoformat(), b.isoformat()
    return _N("DATE", value, gran, approx=True, anchor=anchor, start=start, end=end)


# "the fall" that is a drop or a collapse: "the fall of the Berlin Wall", "the fall in prices",
# "the fall guy", "the fall from grace" ("the fall of 1998", "the fall of last year" are seasons)
_FALL_NOUN = re.compile(rf"\s+(?:guys?\b|line\b|out\b|from\b|to\b|of\s+(?!(?:the\s+same\s+)?"
                        rf"(?:{YEAR}\b|(?:last|this|next|that|the)\s+year\b)))", re.IGNORECASE)
_FALL_IN = re.compile(r"\s+in\s+(?:the\s+|its\s+|their\s+)?[a-z]")
_FALL_VERB = re.compile(r"\s+(?:on|onto|under|into|within|outside|below|above|beyond|between|short"
                        r"|off|apart|behind|foul|victim|prey|back|away|across|through|sharply)\b")
_PLURAL_BEFORE = re.compile(r"\b(?!(?:was|is|has|his|its|this|thus|as|us|yes|does|less|plus)\b)"
                            r"[a-z]{2,}s\s+$", _I)
# ... though "the fall in" after a temporal preposition is the season: "to vote in the fall in a
# referendum"
_SEASON_PREP = frozenset("in during by until till through throughout before after for over early "
                         "late mid since this that last next".split())


def h_season(m: re.Match, ctx: _Ctx) -> _N | None:
    code = R.SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        return _N("DATE", f"{int(m['y']):04d}-{code}", "season", anchor="absolute")
    if not rel and not m["the"]:
        return None
    if rel == "that" and m["s"].lower() == "fall" and _FALL_VERB.match(ctx.text, m.end()) and \
            _PLURAL_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()):
        return None  # "pickups that fall on a holiday": a plural's verb after a relative "that"
    if not rel and m["s"].lower() == "fall" and (
            _FALL_NOUN.match(ctx.text, m.end()) or (
                _FALL_IN.match(ctx.text, m.end())
                and _prev_word(ctx.text, m.start()) not in _SEASON_PREP)):
        return None
    base, anchor = (ctx.base() if rel in ("that", "the following", "the previous")
                    else (ctx.dct, "dct"))
    if base is None:
        return _N("DATE", f"XXXX-{code}", "season", anchor=anchor)
    start_month = R.SEASON_START_MONTH[code]
    this_start = dt.date(base.year if not (code == "WI" and base.month <= 2) else base.year - 1,
                         start_month, 1)
    if rel in ("last", "this past", "the previous"):
        y = this_start.year if this_start <= base - dt.timedelta(days=92) else this_start.year - 1
        if this_start > base:
            y = this_start.year - 1
    elif rel in ("next", "the following", "this coming"):
        y = this_start.year if this_start > base else this_start.year + 1
    elif rel in ("this", "that"):
        y = this_start.year
    else:  # "the summer": nearest past, future with a cue
        # "will peak in the summer"; "should show up by the spring" (no tense cue, a forward prep)
        tense = ctx.tense()
        fut = tense in ("future", "would") or (
            tense is None and _prev_word(ctx.text, m.start()) in ("by", "until", "till", "before"))
        if this_start > base and not fut:
            y = this_start.year - 1
        elif fut and _add_months(this_start, 3) <= base:
            # "should show up by the spring" in October: the season to come, not the one gone
            y = this_start.year + 1
        else:
            y = this_start.year
    return _N("DATE", f"{y:04d}-{code}", "season", anchor=anchor)


_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
                  "3rd": 3, "4th": 4, "final": 4}


def h_quarter(m: re.Match, ctx: _Ctx) -> _N | None:
    q_word = re.sub(r"\s+", " ", (m["q"] or "").lower())
    q_word = q_word.replace("fiscal ", "")
    if m["ago"]:  # "the quarter a year ago": the year-ago quarter, one expression
        if q_word not in ("", "same") or m["y"] or m["y0"] or m["ty"] or m["ty0"]:
            return None
        q_word = "year-ago"
    if not q_word and not m["the"]:
        return None
    year = None
    if m["y"] or m["y0"]:
        year = int(m["y"] or m["y0"])
    base_dct = ctx.dct
    if m["ty0"] and not q_word:
        return None  # "last year's quarter" is not idiomatic: leave "last year" to its rule
    if m["ty0"] and base_dct is not None:  # "next year's first quarter"
        year = base_dct.year + {"this": 0, "last": -1, "next": 1}[m["ty0"].lower()]
    if m["ty"] and base_dct is not None:
        year = base_dct.year + {"this year": 0, "last year": -1, "next year": 1,
                                "the year": 0}[m["ty"].lower()]
    if q_word in _QUARTER_WORDS:
        q = _QUARTER_WORDS[q_word]
        if year is None:
            if base_dct is None:
                if ctx.ref is not None:
                    return _N("DATE", f"{ctx.ref[0].year:04d}-Q{q}", "quarter",
                              anchor="narrative")
                return _N("DATE", f"XXXX-Q{q}", "quarter", anchor="dct")
            qstart = dt.date(base_dct.year, 3 * q - 2, 1)
            year = base_dct.year if (qstart <= base_dct or ctx.future() or _FORECAST_AFTER.match(
                ctx.text, m.end())) else base_dct.year - 1
            return _N("DATE", f"{year:04d}-Q{q}", "quarter", anchor="dct")
        return _N("DATE", f"{year:04d}-Q{q}", "quarter", anchor="absolute")
    # the quarter / the latest quarter / last quarter / year-ago quarter
    if q_word == "that" and (ctx.ref is None or ctx.ref[1] != "quarter"):
        return None  # "that quarter" with no quarter before it to point back to
    if ctx.ref is not None and ctx.ref[1] == "quarter" and q_word in ("", "that", "year-ago",
                                                                     "year-earlier", "same",
                                                                     "comparable"):
        base, anchor = ctx.ref[0], "narrative"
        shift = 0
    elif ctx.ref is not None and ctx.ref[1] == "quarter" and q_word in ("previous", "prior",
                                                                         "preceding"):
        # "grew 1% in the second quarter from the previous quarter": the one before that quarter,
        # as "the previous month" is counted from the month just named
        base, anchor = ctx.ref[0], "narrative"
        shift = -1
    elif base_dct is not None:
        base, anchor = _gran_start(base_dct, "quarter"), "dct"
        shift = 0 if q_word in ("current", "this") else -1
        if q_word in ("next", "coming"):
            shift = 1
    else:
        return _N("DATE", "XXXX-QX", "quarter", anchor="dct")
    if q_word in ("year-ago", "year-earlier", "comparable", "same"):
        shift -= 4 if q_word != "same" else 0
        if q_word == "comparable":
            shift = -4
    if year is not None:
        base = dt.date(year, base.month, 1)
    d = _shift(base, "quarter", shift)
    # "the year-ago quarter" (and "the previous quarter" after one) is the compared one: the story
    # stays in its own quarter
    compared = q_word in ("year-ago", "year-earlier", "comparable") or (
        anchor == "narrative" and shift != 0)
    return _N("DATE", _fmt(d, "quarter"), "quarter", anchor=anchor, sets_ref=not compared)


def h_quarter_months(m: re.Match, ctx: _Ctx) -> _N | None:
    """"the January-March quarter": the quarter its months span, in the year a quarter is read."""
    m1, m2 = _month(m["m1"]), _month(m["m2"])
    if m1 % 3 != 1 or m2 != m1 + 2:
        return None  # "the April-June quarter" only; "June-August" is no calendar quarter
    q = (m1 + 2) // 3
    if m["y"]:
        return _N("DATE", f"{int(m['y']):04d}-Q{q}", "quarter", anchor="absolute")
    if ctx.dct is None:
        return _N("DATE", f"XXXX-Q{q}", "quarter", anchor="dct")
    y = ctx.dct.year if (dt.date(ctx.dct.year, m1, 1) <= ctx.dct or ctx.future()) else ctx.dct.year - 1
    return _N("DATE", f"{y:04d}-Q{q}", "quarter", anchor="dct")


def h_hform(m: re.Match, ctx: _Ctx) -> _N | None:
    """"H1 2026", "H2'25": a half-year named as in company reports (only with its year)."""
    y = int(m["y"]) if m["y"] else 2000 + int(m["y2"])
    return _N("DATE", f"{y:04d}-H{m['h']}", "half", anchor="absolute")


def h_qform(m: re.Match, ctx: _Ctx) -> _N | None:
    q = int(m["q"])
    if m["y"]:
        y = int(m["y"])
        y = y if y >= 100 else (1900 + y if y > 30 else 2000 + y)
        return _N("DATE", f"{y:04d}-Q{q}", "quarter", anchor="absolute")
    if ctx.dct is None:
        return _N("DATE", f"XXXX-Q{q}", "quarter", anchor="dct")
    qstart = dt.date(ctx.dct.year, 3 * q - 2, 1)
    y = ctx.dct.year if (qstart <= ctx.dct or ctx.future() or _FORECAST_AFTER.match(
        ctx.text, m.end())) else ctx.dct.year - 1
    return _N("DATE", f"{y:04d}-Q{q}", "quarter", anchor="dct")


# "raised its Q2 Brent forecast", "its fourth-quarter outlook": a quarter forecast is one to come
_FORECAST_AFTER = re.compile(r"(?:\s+[\w-]+)?\s+(?:forecasts?|outlook|guidance|targets?|"
                             r"estimates?|projections?)\b", _I)


def h_half(m: re.Match, ctx: _Ctx) -> _N | None:
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    if m["y"]:
        return _N("DATE", f"{int(m['y']):04d}-H{h}", "half", anchor="absolute")
    if ctx.dct is None:
        return _N("DATE", f"XXXX-H{h}", "half", anchor="dct")
    y = ctx.dct.year
    if m["ty"]:
        y += {"this year": 0, "last year": -1, "next year": 1, "the year": 0}[m["ty"].lower()]
    elif h == 2 and ctx.dct.month <= 6 and not ctx.future():
        y -= 1
    return _N("DATE", f"{y:04d}-H{h}", "half", anchor="dct")


# ----------------------------------------------------------------------------- clock times


# A clock time's zone ("GMT", "EST", "local time"): kept in the span, the value stays local time
_ZONE = r"(?:(?-i:[A-Z]{2,4}T|GMT|UTC|Z)\b|local time)"


def _day_for_time(word: str | None, ctx: _Ctx) -> tuple[dt.date | None, str]:
    if word:
        w = word.lower()
        w = {"last night": "yesterday"}.get(w, w)
        if w in _RELDAY or w.startswith("this "):
            off = _RELDAY.get(w, 0)
            return (ctx.dct + dt.timedelta(days=off) if ctx.dct else None), "dct"
        return _weekday_date(_wd(word), ctx)
    here = sentence_start(ctx.text, ctx.pos)
    end_before = len(ctx.text[:here].rstrip())  # the end of the sentence before, past blank lines
    day = ctx.ref[0] if ctx.ref is not None and ctx.ref[1] == "day" else None
    if day is None and ctx.day is not None and ctx.day_pos >= sentence_start(ctx.text, end_before - 1):
        # "... on Tuesday. ... earlier this year. The minister speaks shortly after 12:30": the
        # day of the sentence before, though a year was named since
        day = ctx.day
    if day is None or ctx.dct is None:
        return (day, "narrative") if day is not None else (ctx.dct, "dct")
    if _SINCE_CLOCK.search(ctx.text, max(0, ctx.pos - 12), ctx.pos):
        return ctx.dct, "dct"  # "alerts every hour since 6am": this morning, up to the report
    ahead = ctx.future()
    if (day > ctx.dct and ctx.day_pos < here and not ahead) or (day < ctx.dct and ahead):
        # a plan told in an earlier sentence ("Figures are due on Thursday.") is no day for "the
        # index was up 2% by midday", nor is a day gone for "officials will decide by 8 p.m."
        return ctx.dct, "dct"
    return day, "narrative"


_SINCE_CLOCK = re.compile(r"\bsince\s+(?:about\s+|around\s+)?$", _I)


def h_time(m: re.Match, ctx: _Ctx) -> _N | None:
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ap = (m["ap"] or "").lower().replace(".", "").replace(" ", "")
    if ap in ("am", "pm") and not 1 <= h <= 12:
        return None
    if ap == "pm" and h != 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    day, anchor = _clock_day(m, ctx)
    return _N("TIME", f"{day}T{h:02d}:{mi:02d}", "time", anchor=anchor)


def _clock_day(m: re.Match, ctx: _Ctx) -> tuple[str, str]:
    """The day of a clock time: its weekday or month-day in the same phrase, else the context."""
    if m["mon"] or m["mon2"]:
        n = (_day_from(m["mon"], m["d"], m["y"], ctx) if m["mon"]
             else _day_from(m["mon2"], m["d2"], m["y2"], ctx))
        if n is not None:
            return n.value, n.anchor or "dct"
    word = m["wd1"] or m["wd2"]
    if not word and (later := _RANGE_DAY.match(ctx.text, m.end())):
        word = later["wd"]  # "from 10 a.m. to 1 p.m. on Monday": both ends are Monday's
    d, anchor = _day_for_time(word, ctx)
    return (d.isoformat() if d else "XXXX-XX-XX"), anchor


_RANGE_DAY = re.compile(rf"\s*(?:-|–|to|until|till|and)\s*[012]?\d(?:[:.][0-5]\d)?\s*(?:[ap]\.?\s?m\b\.?)?"
                        rf"(?:\s+{_ZONE})?,?\s+(?:on\s+)?(?P<wd>{WD}|today|tomorrow|yesterday)\b", _I)


def h_clock24(m: re.Match, ctx: _Ctx) -> _N | None:
    if not (m["suffix"] or m["wd1"] or m["wd2"] or m["mon"] or m["mon2"]) and _prev_word(
            ctx.text, m.start()) not in ("at", "by", "until", "from", "after", "before", "around"):
        return None  # "3:16" could be a score or a verse
    if len(m["h"]) == 1 and not (m["suffix"] or m["wd1"] or m["wd2"] or m["mon"] or m["mon2"]):
        return None  # "at 3:16" without a zone or a day: as often a score
    day, anchor = _clock_day(m, ctx)
    return _N("TIME", f"{day}T{int(m['h']):02d}:{m['mi']}", "time", anchor=anchor)


_CLOCK_PREP = frozenset("at around about by until till before after from to since".split())


def h_clock_pod(m: re.Match, ctx: _Ctx) -> _N | None:
    """"4 in the morning", "9:30 in the evening", "8 o'clock": the part of the day sets a.m./p.m."""
    pod = (m["pod"] or m["pod2"] or "").lower()
    if not (pod or m["oc"]):
        return None  # a bare number
    if not (m["oc"] or m["wd1"]) and _prev_word(ctx.text, m.start()) not in _CLOCK_PREP:
        return None  # "won 3 in the morning session": a count
    h, mi = int(m["h"]), int(m["mi"] or 0)
    if pod == "morning" and h == 12:
        h = 0
    elif pod in ("afternoon", "evening", "night") and h < 12 and not (pod == "night" and h < 5):
        h += 12  # "3 at night" is 03:00, "10 at night" 22:00
    day, anchor = _clock_day(m, ctx)
    return _N("TIME", f"{day}T{h:02d}:{mi:02d}", "time", anchor=anchor)


def h_noon(m: re.Match, ctx: _Ctx) -> _N | None:
    d, anchor = _day_for_time(m["wd"] or m["wd2"], ctx)
    day = d.isoformat() if d else "XXXX-XX-XX"
    hh = "12:00" if m["w"].lower() in ("noon", "midday") else "24:00"
    return _N("TIME", f"{day}T{hh}", "time", anchor=anchor)


# ----------------------------------------------------------------------------- the table

# A clock time and its day are one expression ("09:30 GMT Monday", "5 p.m. EST Nov. 9",
# "Tuesday at 14:05"); the zone (``_ZONE``) is kept in the span, the value stays local time.
_CLOCK_DAY_BEFORE = rf"(?:(?P<wd1>{WD}|today|yesterday|tomorrow)\s+(?:at\s+)?)?"
_CLOCK_DAY_AFTER = (rf"(?:,?\s+(?:on\s+)?(?P<wd2>{WD}|today|yesterday|tomorrow|tonight|last night"
                    r"|this (?:morning|afternoon|evening))\b"
                    rf"|,?\s+(?:on\s+)?(?P<mon>{MON})\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![:.]?\d)"
                    rf"(?:\s?,?\s*(?P<y>{YEAR})(?!\d))?"
                    # "10am on 5 April": the day before its month, as British copy writes it
                    rf"|,?\s+on\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MON})"
                    rf"(?:,?\s+(?P<y2>{YEAR})(?!\d))?)?")

_Q = (r"(?:(?P<q>about|around|nearly|almost|more than|over|less than|under|some|roughly|"
      r"approximately|at least|at most|up to|just|only)\s+)?")
_UNIT_SING = (r"(?:year|month|week|day|hour|minute|decade|night|morning|afternoon|evening"
              r"|quarter)")
_PL = (r"(?:past|last|next|first|previous|prior|coming|following|final|initial|latest|recent"
       r"|other)")
_RELW = (r"this past|this coming|the previous|the prior|the latest|the following|the current|"
         r"the coming|"
         r"the past|the last|the next|the same|previous|prior|following|current|coming|this|last"
         r"|next|that|past")


_WD_FULL = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PODS = r"(?:mornings|afternoons|evenings|nights)"


def _c(p: str, flags: int = _I) -> re.Pattern:
    return re.compile(p, flags)


RULES: list[tuple[str, re.Pattern, object]] = [
    ("iso", _c(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>[01]\d|2[0-3]):"
               r"(?P<mi>[0-5]\d))?\b"), h_iso),
    ("slash", _c(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"), h_slash),
    ("week_of", _c(rf"\bthe\s+week\s+of\s+(?P<mon>{MON})\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
                   rf"(?!:\d)(?:,?\s*(?P<y>{YEAR})(?!\d))?"), h_week_of),
    ("days_month", _c(DAYS_MONTH_RE), h_day_range),
    ("month_days", _c(MONTH_DAYS_RE), h_day_range),
    ("md", _c(rf"(?:(?P<rel>last|next|this past|this coming)\s+)?(?P<body>(?:{WD},?\s+)?"
              rf"(?P<mon>{MON})[^\S\n]*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
              rf"(?!\d|:\d)(?:\s?,?\s*(?P<y>{YEAR})(?![\d]))?(?![\w]))"), h_md),
    # the day is a number of its own, on the month's line: not the tail of "91", nor a headline's
    # last number over a dateline ("Star Dies At 91\nJune 6, 2013"; "the SEA-ME-WE 4\nAugust 16")
    ("dm", _c(rf"(?:{WD},?\s+)?(?:the\s+)?(?<![\d.,:/$£€])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?[^\S\n]+(?:of\s+)?"
              rf"(?P<mon>{MON})(?:\s?,?\s*(?P<y>{YEAR})(?!\d))?"), h_md),
    ("month", _c(rf"(?:(?P<rel>this past|this coming|the following|the previous|last|this|next"
                 rf"|that|following|coming)\s+)?(?P<mon>{MON})(?:,?\s+(?:of\s+)?(?P<y>{YEAR})"
                 rf"(?!\d))?"), h_month),
    # before the weekday rule: "Monday" in "Monday and Tuesday nights" is the set, same span
    ("set_plural", _c(rf"\b(?P<wd>{_WD_FULL})(?:s\b|\s+(?P<pod>{_PODS})\b"
                      rf"|(?=\s+(?:and|or)\s+{_WD_FULL}(?:s\b|\s+(?P<pod2>{_PODS})\b)))"),
     h_set_plural),
    ("weekday", _c(rf"(?:(?P<rel>this past|this coming|the previous|the following|the next|last|next"
                   rf"|this|that|coming|past)\s+)?"
                   rf"(?P<wd>{WD})(?:\s+(?P<pod>morning|afternoon|evening|night))?"), h_weekday),
    ("relday", _c(r"\b(?:(?P<pre>(?:(?:mid|early|late)[\s-]?)?(?:morning|afternoon|evening))\s+"
                  r"(?=(?:yesterday|today|tomorrow)\b))?"
                  r"(?P<w>the day before yesterday|the day after tomorrow|today|tonight|"
                  r"yesterday|tomorrow|this|last|that)(?:\s+(?P<pod>morning|afternoon|evening|"
                  r"night))?\b"), h_relday),
    # "dealers placed orders in the morning", after a dated day: the part of that day
    ("pod_in", _c(r"(?<![\d'’])(?<!o'clock)(?<!o’clock)\s(?:in|during)\s+(?P<span>the\s+"
                  r"(?P<pod>morning|afternoon|evening))\b(?!\s+of\b)"), h_pod_in),
    ("refword", _c(r"\b(?P<w>" + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(R.REF_WORDS, key=len, reverse=True)
        if not w.startswith("in ") and w not in ("soon", "formerly", "once upon a time"))
        + r")\b"), h_refword),
    ("decade", _c(r"(?:(?P<pm>early|mid|late)[\s-]+)?(?:(?P<c>1[0-9]|20)(?P<d>\d)0|['’](?P<d2>\d)0)"
                  r"['’]?s\b|\bthe\s+(?:(?P<pm2>early|mid|late)[\s-]+)?(?P<w>twenties|thirties|"
                  r"forties|fifties|sixties|seventies|eighties|nineties)\b"), h_decade),
    ("century", _c(rf"(?:the\s+)?(?:(?P<pm>early|mid|late)[\s-]+)?(?:(?P<ord>{R.ORDINAL_RE})|"
                   r"(?P<rel>this|last|next|the last|the next|the current|the previous|past|"
                   r"previous))[\s-]+century\b"), h_century),
    ("quarter", _c(rf"(?:(?P<the>the)\s+)?(?:(?:fiscal\s+)?(?P<y0>{YEAR})(?:['’]s)?\s+"
                   rf"|(?P<ty0>last|this|next)\s+year['’]s\s+)?"
                   rf"(?:(?P<q>(?:fiscal\s+)?{R.ORDINAL_RE}|final|last|latest"
                   r"|current|previous|prior|preceding|past|most\s+recent|year-ago|year-earlier|same"
                   r"|comparable"
                   r"|next|coming|this|that)[\s-]+)?(?:fiscal[\s-]+)?quarter\b(?:\s+of\s+(?:fiscal\s+)?"
                   rf"(?:(?P<y>{YEAR})|(?P<ty>this year|last year|next year|the year)))?"
                   r"(?P<ago>\s+a\s+year\s+(?:ago|earlier)\b)?"), h_quarter),
    ("qform", _c(r"\b(?-i:Q)(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)|\s*['’](?P<y2>\d\d))?"
                 r"\b"), h_qform),
    ("quarter_months", _c(rf"(?:the\s+)?(?P<m1>{MON})\s*[-–—/]\s*(?P<m2>{MON})\s+quarter\b"
                          rf"(?:\s+of\s+(?P<y>{YEAR})(?!\d))?"), h_quarter_months),
    ("hform", _c(r"\b(?-i:H)(?P<h>[12])(?:\s+(?P<y>(?:19|20)\d\d)|\s*['’](?P<y2>\d\d))\b"), h_hform),
    ("half", _c(rf"(?:the\s+)?(?P<h>first|second|1st|2nd)[\s-]+half\s+of\s+(?:(?P<y>{YEAR})|"
                r"(?P<ty>this year|last year|next year|the year))|\b(?P<h2>first|second)-half\b"),
     None),
    ("season", _c(rf"(?:(?P<rel>this past|this coming|the following|the previous|last|this|next"
                  rf"|that)\s+)?(?P<the>the\s+)?(?P<s>spring|summer|fall|autumn|winter)\b"
                  rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})(?!\d))?"), h_season),
    ("partrel", _c(r"\b(?P<w>earlier|later|early|late)\s+(?P<rel>this|last|next|that)\s+"
                   r"(?P<u>week|month|year|decade|spring|summer|fall|autumn|winter)\b"), h_partrel),
    ("year_named", _c(rf"\bthe\s+year\s+(?:(?P<y>{YEAR})(?![\w%]|[.,]\d)|two\s+thousand"
                      r"(?:(?:\s+and)?\s+(?P<u>one|two|three|four|five|six|seven|eight|nine|ten"
                      r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
                      r"|nineteen))?\b)"), h_year_named),
    ("relunit", _c(rf"\b(?P<rel>{_RELW}|the)\s+(?:(?P<fiscal>fiscal)\s+(?=year))?"
                   r"(?P<u>week|month|year|weekend|decade|day|fortnight)\b"), h_relunit),
    ("offset", _c(rf"{_Q}\b(?P<n>{NUM})[\s-]+(?P<u>{UNIT})\s+(?P<dir>ago|earlier|later|before|"
                  r"after|hence|from\s+now|previously)\b"), h_offset),
    # "year-ago results": not before an amount of money or time ("the year-earlier nine months",
    # "below the year-earlier $4.5 million": the amount is the expression, or none is)
    ("ago_adj", _c(r"(?<![\w-])(?P<u>year|month|quarter|week)-(?P<dir>ago|earlier)\b"
                   rf"(?!\s+(?:[$€£\d]|(?:{NUM})[\s-]+{UNIT}\b))"), h_ago_adjective),
    # "two and a half years", "5 1/2 hours", "a year and a half", "three-and-a-half-year";
    # "five consecutive quarters", "two straight years", "three full days": one amount
    ("duration", _c(rf"{_Q}(?:(?P<the>the)\s+)?(?:(?P<pl>{_PL})\s+)?\b(?P<n>{NUM})"
                    r"(?P<frac>\s+and\s+a\s+half|-and-a-half|\s+1/2|\s*½)?[\s-]+"
                    r"(?:(?:more|additional|further|straight|consecutive|successive|full)\s+)?"
                    rf"(?P<u>{UNIT})"
                    r"(?P<half>\s+and\s+a\s+half\b)?(?P<adj>-long|-old)?\b"
                    r"(?!-(?:ago|earlier)\b)"), h_duration),
    ("vague_duration", _c(r"\b(?:for|over|within|in|after|lasted|lasting|took|spent|waited)\s+"
                          r"(?P<u>years|months|weeks|decades|days|hours|minutes|centuries)\b"
                          r"(?![\s-]+(?:old|long|ago|earlier|later|before|after)\b)"),
     h_vague_duration),
    ("set", _c(rf"\b(?:(?:once\s+)?(?P<every2>every)\s+(?P<n>{NUM})\s+(?P<u3>{UNIT})"
               rf"|(?P<every>every|each|per)\s+(?P<other>other\s+)?(?:(?P<u>{_UNIT_SING}|{WD}"
               rf"|(?-i:{R.MONTH_RE})|weekend|spring|summer|fall|autumn|winter)"
               r"(?:\s+(?P<pod>morning|afternoon|evening|night))?)"
               r"|(?P<w>daily|weekly|biweekly|monthly|annually|yearly|hourly|nightly)"
               rf"|(?:once|twice|thrice|{NUM}\s+times)\s+(?:a|an|per|every|each)\s+"
               rf"(?P<u2>{_UNIT_SING}))\b"), h_set),
    ("time", _c(rf"{_CLOCK_DAY_BEFORE}\b(?P<h>[012]?\d)"
                r"(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b)"
                rf"(?:\s+{_ZONE})?{_CLOCK_DAY_AFTER}"), h_time),
    ("clock24", _c(rf"{_CLOCK_DAY_BEFORE}\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b"
                   rf"(?P<suffix>\s*(?:{_ZONE}|hours|hrs))?{_CLOCK_DAY_AFTER}"), h_clock24),
    ("clock_pod", _c(rf"{_CLOCK_DAY_BEFORE}\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?"
                     r"(?P<oc>\s+o['’]clock\b)?(?:\s+(?:in\s+the\s+(?P<pod>morning|afternoon|evening)"
                     rf"|at\s+(?P<pod2>night))\b)?{_CLOCK_DAY_AFTER}"), h_clock_pod),
    ("noon", _c(rf"(?:(?P<wd>{WD}|today|yesterday|tomorrow)\s+(?:at\s+)?)?\b(?P<w>noon|midday|"
                rf"midnight)\b(?:\s+(?:on\s+)?(?P<wd2>{WD}|today|yesterday|tomorrow)\b)?"), h_noon),
    ("holiday", _c(HOLIDAY_RE), h_holiday),
    ("range", _c(rf"(?:\b(?P<kw>between|from)\s+)?(?<![\w$.,-])(?P<y1>{YEAR})\s*(?:-|–|—|\bto\b|"
                 rf"\band\b|\bthrough\b|\buntil\b)\s*(?P<y2>{YEAR}|\d\d)(?![\w%]|[.,]\d)"), h_range),
    ("spoken_year", _c(r"\b(?P<a>nineteen|twenty)[\s-]+(?P<b>(?:twenty|thirty|forty|fifty|sixty"
                       r"|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight"
                       r"|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
                       r"|eighteen|nineteen)\b"), h_spoken_year),
    ("year_end", _c(r"\byear(?:[\s-]end|['’]s\s+end)\b"), h_year_end),
    ("short_year", _c(r"\b(?:in|since|of|by|until|till|from|through|before|after|during|to|and)\s+"
                      r"(?P<span>(?<!['’])['’](?P<yy>\d\d))(?![\w'’%]|[.,]\d)"), h_short_year),
    ("fiscal", _c(rf"\b(?:fiscal(?:\s+year)?|(?-i:FY))\s*['’]?(?P<y>{YEAR}|\d\d)\b"), h_fiscal),
    ("year", _c(rf"(?<![\w$#£€.,/])(?P<y>{YEAR})(?![\w%]|[.,]\d|/\d)"), h_year),
]


def h_half_any(m: re.Match, ctx: _Ctx) -> _N | None:
    if m["h2"]:
        if ctx.dct is None:
            return None
        h = 1 if m["h2"].lower() == "first" else 2
        y = ctx.dct.year if (h == 1 or ctx.dct.month > 6) else ctx.dct.year - 1
        return _N("DATE", f"{y:04d}-H{h}", "half", anchor="dct")
    return h_half(m, ctx)


RULES = [(n, rx, h_half_any if n == "half" else fn) for n, rx, fn in RULES]
