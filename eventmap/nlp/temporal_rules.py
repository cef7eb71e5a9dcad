"""Vocabulary and regex fragments for the rule-based temporal tagger (HeidelTime-style data tables).

Kept apart from the engine in ``temporal.py`` so rules can be read and extended without touching the
normalization logic. Every fragment here is plain data: word -> number / unit / code.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
# Full names, or abbreviations (optionally dotted). "May"/"March" are also ordinary words: the
# engine requires a capital letter and, for the bare month, a date-like context.
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"
)

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
WEEKDAY_RE = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.)(?![a-z])"
)

_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
NUMBER_WORDS: dict[str, int] = {"a": 1, "an": 1, "a single": 1, "a couple of": 2,
                                "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
                                "a hundred": 100, "one hundred": 100, "half a": 0, "half an": 0, "a half": 0}
NUMBER_WORDS.update(_UNITS_WORDS)
NUMBER_WORDS.update(_TENS_WORDS)
for _t, _tv in _TENS_WORDS.items():
    for _u, _uv in list(_UNITS_WORDS.items())[:9]:
        NUMBER_WORDS[f"{_t}-{_u}"] = _tv + _uv
        NUMBER_WORDS[f"{_t} {_u}"] = _tv + _uv
# Vague quantities: the TimeML value gets an "X" ("several years" -> PXY).
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "dozens of", "hundreds of",
                 "a number of", "numerous", "countless")



def _by_first_char(words: list[str]) -> str:
    """Alternation grouped by first letter ("t(?:wo|hree|...)"): the regex engine then tries
    ~20 branches per position instead of ~200, which matters for speed on long texts."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in sorted(groups.items()))


NUM_RE = (r"(?:\d+(?:[.,]\d+)?|"
          + _by_first_char(list(NUMBER_WORDS) + list(VAGUE_NUMBERS)) + r")")

# unit word -> (TimeML duration letter, granularity name, multiplier)
UNITS: dict[str, tuple[str, str, int]] = {
    "year": ("Y", "year", 1), "yr": ("Y", "year", 1), "month": ("M", "month", 1),
    "week": ("W", "week", 1), "day": ("D", "day", 1), "hour": ("H", "time", 1),
    "hr": ("H", "time", 1), "minute": ("MIN", "time", 1), "min": ("MIN", "time", 1),
    "second": ("S", "time", 1), "decade": ("Y", "decade", 10), "century": ("Y", "century", 100),
    "centurie": ("Y", "century", 100), "quarter": ("Q", "quarter", 1),
    "weekend": ("D", "day", 2), "night": ("D", "day", 1), "fortnight": ("W", "week", 2),
}
UNIT_RE = (r"(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|decades?"
           r"|century|centuries|quarters?|fortnights?)")

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4,
}
ORDINAL_RE = (r"(?:twenty[- ]first|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
              r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
              r"|eighteenth|nineteenth|twentieth|\d{1,2}(?:st|nd|rd|th))")

DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA",
                           "winter": "WI"}
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# TimeML part-of-day codes, appended after "T" ("2024-12-05TMO").
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV",
                                "night": "NI", "overnight": "NI"}

# Single-word or fixed phrases with a fixed TimeML value (reference words).
REF_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "right now": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "the present": "PRESENT_REF", "present day": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "the past": "PAST_REF", "in the past": "PAST_REF",
    "formerly": "PAST_REF", "once upon a time": "PAST_REF", "recent years": "PAST_REF",
    "recent months": "PAST_REF", "recent weeks": "PAST_REF", "recent days": "PAST_REF",
    "recent decades": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the coming years": "FUTURE_REF",
    "the years to come": "FUTURE_REF", "soon": "FUTURE_REF",
    "coming days": "FUTURE_REF", "coming weeks": "FUTURE_REF", "coming months": "FUTURE_REF",
    "coming years": "FUTURE_REF", "current": "PRESENT_REF",
}
# "current" is a present reference ("his current wife") except in these fixed phrases.
NOT_TEMPORAL_AFTER_CURRENT = frozenset(
    "account accounts affairs events assets liabilities flows flow density".split())

SET_WORDS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
    "every day": "P1D", "each day": "P1D", "every night": "P1D", "every week": "P1W",
    "each week": "P1W", "every month": "P1M", "each month": "P1M", "every year": "P1Y",
    "each year": "P1Y", "every hour": "PT1H", "every other day": "P2D",
    "every other week": "P2W", "every other year": "P2Y", "every decade": "P10Y",
}

# Nouns that follow a number which is a count, not a year ("2000 troops", "1500 people").
COUNT_NOUNS = frozenset(
    "troops people soldiers men women children kids meters metres feet foot km kilometers "
    "kilometres miles tons tonnes dollars euros pounds yen votes cases deaths members employees "
    "workers jobs barrels acres hectares units shares homes houses points calories pages words "
    "times rounds cars vehicles kilograms kg students residents refugees patients flights "
    "passengers copies species civilians fighters rockets missiles officers police guards "
    "prisoners hostages victims families households firms companies ships planes aircraft "
    "tanks weapons bombs lives inhabitants protesters demonstrators marines personnel staff "
    "sq square cubic mph kph km/h percent per".split()
)
# Words right before a number that make it an identifier, not a year.
ID_WORDS = frozenset(
    "no no. number article resolution room flight highway route page pp. p. section rule "
    "chapter model version unit apartment suite box code interstate i- act bill hr s. "
    "paragraph clause line verse item exhibit form gate platform channel mile level".split()
)

# Cues that a bare weekday/month in the sentence points forward. Kept narrow on purpose: broad
# cues ("by", "until", "next") wrongly flipped past-tense news sentences on the dev split.
FUTURE_MARKERS = re.compile(
    r"\b(?:will|won't|shall|going to|plans? to|planned to|planning to|scheduled to|"
    r"expects? to|expected to|intends? to|is set to|are set to|is due to|are due to|upcoming)\b"
    r"|\b(?:is|are) to\b|'ll\b|\bas (?:early|soon) as\b|\b(?:set|due) to\b|\bpostponed until\b"
    r"|\b(?:has|have) scheduled\b|\bwould\b(?!\s+(?:have|not|never)\b)"
    # a modal of likelihood looks ahead of its clause ("layoffs could begin by January", "should
    # show up by the spring"); read as "would" is: the nearest occurrence
    r"|\b(?P<modal>could|should|might|(?-i:may))\b(?!\s+(?:have|not|never|well)\b)"
    r"|\b(?:is|are) (?:scheduled|slated|planned|set) for\b|\bslated to\b"
    # a present-tense schedule ("the ceasefire expires Sunday", "the two leaders meet Monday")
    r"|\b(?:expires|begins|starts|opens|reopens?|resumes?|kicks off|takes effect|get under way"
    r"|(?:comes|enters) into force"
    # ... and the base form after a modal ("would take effect on Jan. 1"), not after a negation
    r"|(?<!\bnot )(?<!\bnever )(?<!\bdid )\b(?:take effect|(?:come|enter) into force)"
    r"|ends|concludes)\b"
    r"|\b(?:is|are) (?:due|forecast to|poised to|on track to|expected)\b"
    # an expectation held now looks ahead ("economists expect the first cut in the fourth quarter")
    r"|\b(?:expects?|expecting|anticipates?|anticipating|predicts?|predicting)\b"
    # an aim or a likelihood told in the present ("officials hope to sign it Friday", "a ruling is
    # likely Friday", "funeral services are scheduled Saturday")
    r"|\b(?:hopes?|aims?|seeks?|wants?|vows?|promises?|pledges?|threatens?) to\b"
    r"|\b(?:is|are) (?:likely|unlikely|possible|imminent|scheduled|slated|planned|set)\b"
    # (group "ahead": these look past themselves, so they count only before the expression)
    # an infinitive after a directive or an intention points past its verb: "was ordered to
    # surrender by April 10", "urged both sides to return to talks on Thursday", "agreed over the
    # weekend to extend the cuts until June", "said it expected prices to average $78 in Q3"
    r"|(?P<ahead>(?<!\bthe )(?<!\ban )(?<!\ba )(?<!\bits )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\bno )"
    r"\b(?:order|urge|ask|instruct|direct|require|call\s+on|invite|encourage|press|expect"
    r"|agree|decide|vote|promise|pledge|vow|resolve|opt)(?:s|ed|d)?\s+(?:(?!to\b)[\w'’$.]+\s+){0,4}"
    r"to\s+(?!(?:the|a|an|his|her|its|their|this|that|be|have|date|(?-i:[A-Z])\w*)\b)(?-i:[a-z]+)\b"
    # waiting for a day, and warnings issued for one: "watching for the decision on Wednesday",
    # "a red alert for Wednesday", "a flood warning through Friday"; "payable within 30 days"
    # the start of what was just agreed or announced: "a truce starting at 6 a.m. on Friday"
    r"|(?<!\bwas )(?<!\bwere )\b(?:starting|beginning|effective)(?=\s+(?:at\s+|on\s+|from\s+)?"
    r"(?:\d|(?-i:[A-Z])))"
    r"|\b(?:watching|waiting)\s+for\b|\blooking\s+ahead\s+to\b|\bawait(?:s|ing)?\b|\bpayable\b"
    r"|\b(?:alerts?|warnings?|watch(?:es)?|advisory|advisories)\s+(?:(?:is|are|was|were|in\s+place"
    r"|in\s+effect|remains?|stays?)\s+){0,2}(?:for|through|until)\b)"
    # a reduced relative after a comma ("a closed-door meeting, expected on Monday")
    r"|,\s*(?:which is\s+)?(?:expected|due|scheduled|slated)\b(?=\s+(?:on\s+|later\s+|by\s+)?[A-Z0-9])",
    re.IGNORECASE,
)
# A simple-present verb of a scheduled news event ("the ministers meet Monday", "Kerry travels to
# Moscow on Friday", "the team faces Spain on Tuesday") points forward: a past one would be "met",
# "travelled". Only as the verb before the expression in its own clause (``_Ctx.tense``): after it,
# such a verb is mostly a relative clause's ("the move follows Tuesday's deal by Ford, which holds
# ..."). Stative readings are left out ("holds a stake", "plays a role", "runs hotels"), and so are
# forms after a determiner or "of" (nouns: "his visits", "the votes") and base forms after
# "to"/"not"/a modal/"did" (an infinitive carries no tense of its own).
_SCHED_3SG = ("arrives|departs|heads (?:to|for|into|back)|leaves for|returns|travels|flies|visits|"
              "meets|gathers|convenes|faces|hosts|votes|testifies|attends|addresses|speaks|goes on sale")
_SCHED_BASE = ("arrive|depart|return|travel|fly|visit|meet|gather|convene|face|host|vote|testify|"
               "attend|go to the polls|go on trial|go on sale|polls open|begin|end")
_NOUN_BEFORE = "".join(f"(?<!\\b{w} )" for w in "the his her its their our my your of a an".split())
_NO_TENSE_BEFORE = "".join(f"(?<!\\b{w} )" for w in
                           "to not did didn't could might may must should can".split())
PRESENT_SCHEDULE = re.compile(
    rf"{_NOUN_BEFORE}\b(?:{_SCHED_3SG})\b|{_NOUN_BEFORE}{_NO_TENSE_BEFORE}\b(?:{_SCHED_BASE})\b",
    re.IGNORECASE,
)
# Cues that the clause around a bare weekday/month is in the past. The nearer of a past and a
# future cue decides ("Cuba predicted Wednesday that ... will" is a past Wednesday). Regular
# "-ed" forms count too; future markers ending in "-ed" ("expected to") are matched first.
PAST_MARKERS = re.compile(
    r"\b(?:was|were|had|did|said|told|met|came|went|took|made|left|began|won|lost|held|gave|"
    r"saw|found|got|fell|rose|spoke|wrote|sent|brought|led|ran|struck|fought|sold|bought|paid|"
    r"became|stood|knew|thought|felt|kept|meant|heard|broke|chose|drove|flew|grew|hid|hung|"
    r"last seen|ago|"
    # "the Bank cut rates on February 6", "the monsoon, which hit Kerala on May 30": a verb whose
    # past is its present, with an object and no modal, "to" or article before it (not "a rate cut")
    r"(?<!\bto )(?<!\bwill )(?<!\bwould )(?<!\bcould )(?<!\bmay )(?<!\bmight )(?<!\bcan )"
    r"(?<!\bshould )(?<!\bmust )(?<!\bdid )(?<!\bdo )(?<!\bdoes )(?<!\bnot )(?<!\ba )(?<!\bthe )"
    r"(?:cut|hit|put|shut)(?=\s+(?:the|its|their|his|her|a|an|rates|interest|prices|jobs|output"
    r"|production|taxes|spending|(?-i:[A-Z])\w*)\b)|"
    r"(?-i:(?!(?:indeed|need|speed|proceed|succeed|exceed|feed|seed|breed|bleed"
    r"|greed|creed|deed|heed|weed|steed|tweed|hundred|sacred|naked|wicked|rugged)\b)[a-z]{2,}ed)"
    r")\b",
    re.IGNORECASE,
)
# Whether cues before the expression outrank nearer ones after it ("arrived on Monday"). Measured:
# TE3 dev value F1 0.804 with, 0.803 without; ESC dev anchoring 0.535 with, 0.541 without: off.
TENSE_CUES_BEFORE_FIRST = False
ATTRIBUTION_PAST = frozenset("said told reported announced added stated noted claimed wrote".split())

HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "valentine's day": (2, 14),
    "halloween": (10, 31), "independence day": (7, 4), "the fourth of july": (7, 4),
    "boxing day": (12, 26), "bastille day": (7, 14), "may day": (5, 1),
}


# Cheap trigger regexes, run case-sensitively on the lower-cased text (sre can then skip ahead by
# first character): a rule only runs in windows around a trigger hit. Scanning a 20k-char article
# with every full pattern at every position took ~300 ms; with triggers it takes a few ms.


def _trig(words: str) -> str:
    """"jan|feb|..." -> "[jf...](?:an|eb|...)": sre scans a leading character set in C, while a
    leading alternation is tried position by position (~40x slower on a 20k-char text)."""
    ws = words.split("|")
    first = "".join(sorted({w[0] for w in ws}))
    rests = "|".join(sorted({re.escape(w[1:]) for w in ws}, key=len, reverse=True))
    return f"[{first}](?:{rests})"


_UNIT_TRIGGER = _trig("year|yr|month|week|day|hour|hr|min|second|decade|centur|quarter|fortnight")
_MONTH_TRIGGER = _trig("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
TRIGGERS: dict[str, re.Pattern] = {
    name: re.compile(p) for name, p in {
        "md": _MONTH_TRIGGER, "week_of": r"week of", "dm": _MONTH_TRIGGER, "month": _MONTH_TRIGGER,
        "days_month": _MONTH_TRIGGER, "month_days": _MONTH_TRIGGER,
        "weekday": r"[dmtwfs](?:ay|on\.|ue|ed|hu|ri|at|un)",
        "relday": _trig(r"today|tonight|yesterday|tomorrow|this|last|that"),
        "pod_in": _trig(r"morning|afternoon|evening"),
        "refword": _trig(r"now|current|recent|past|futur|present|these|moment|coming|years to"),
        "decade": r"[0t](?:['’]?s\b|ies\b)", "century": _trig(r"century"), "quarter": _trig(r"quarter"),
        "half": _trig(r"half"), "season": _trig(r"spring|summer|fall|autumn|winter"),
        "partrel": _trig(r"earl|late"), "offset": _UNIT_TRIGGER, "duration": _UNIT_TRIGGER,
        "ago_adj": r"[ymqw](?:ear|onth|uarter|eek)-(?:ago|earlier)",
        "relunit": _trig(r"week|month|year|day|decade|fortnight"),
        "vague_duration": _trig(r"years|months|weeks|decades|days|hours|minutes|centuries"),
        "set_plural": r"(?:day)(?:s\b|\s+(?:morn|after|even|nigh))",
        "set": _trig(r"every|each|per|daily|weekly|biweekly|monthly|annually|yearly|hourly|nightly"
               r"|once|twice|thrice|times"),
        "time": r"[ap]\.?\s?m\b", "noon": _trig(r"noon|midday|midnight"), "clock24": r"\d:[0-5]\d",
        "clock_pod": r"o['’]clock|in the (?:morning|afternoon|evening)|at night",
        "holiday": _trig(r"christmas|new year|valentine|halloween|independence|thanksgiving|boxing"
                         r"|bastille|easter|good friday|palm sunday|memorial day|labor day"
                         r"|martin luther|presidents|election day|veterans|armistice|remembrance"
                         r"|st. patrick|st patrick|bonfire|guy fawkes"),
        "fiscal": _trig(r"fiscal|fy"), "spoken_year": _trig(r"nineteen|twenty"),
        "year_end": _trig(r"year"), "year_named": r"the\s+year\s", "qform": r"q[1-4]",
        "hform": r"h[12]", "quarter_months": r"\squarter",
        "range": r"\d\d\s*[-–—tau]", "short_year": r"['’]\d\d",
    }.items()
}
