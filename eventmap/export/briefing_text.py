"""Sentence text for the briefing: how a sentence is shown, whether it stands alone, and dates in words.

Kept apart from the builder so that what makes a sentence readable (no bullets, boilerplate,
first-person asides, dangling "It ...", hanging clauses) can be read and tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣*\-–—]+|\d{1,2}[.)])\s+")
_FOOTNOTE = re.compile(r"\[\d+\]")
# Boilerplate, looked for in the lower-cased text as plain substrings: a regex alternation of them
# took most of the briefing's time on a large map.
_BOILERPLATE = ("click here", "subscribe", "newsletter", "forwarded to you", "sign up", "all rights reserved",
                "cookie", "advertisement", "read more", "follow us", "this email", "©", "copyright",
                "share this")
_HANDLE = re.compile(r"@\w")
_WROTE = re.compile(r"\bwrote\s*:")  # "At 1:38 pm on 10 Jun, Reader wrote: ...": a comment thread


def _boilerplate(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in _BOILERPLATE) or ("@" in low and _HANDLE.search(low) is not None) \
        or ("wrote" in low and _WROTE.search(low) is not None)


_FIRST_PERSON = re.compile(r"\b(?:I|my|me|I’m|I've|I’ve)\b")
_FIRST_PLURAL = re.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_HEADING = re.compile(r"^(?:[A-Z0-9][\w’'-]*\s+(?:(?:and|of|the|in|on|for|to|&)\s+)*){1,6}?"
                      r"[A-Z0-9][\w’'-]*:\s+(?=[A-Z])")
_DANGLING = re.compile(r"^(?:It|This(?!\s+(?:past\s+)?(?:week|month|year|morning|weekend)\b)|That|These|"
                       r"Those|They|He|She|His|Her|Its|Their|But|And|So|Also|"
                       r"Such|There|Here|However|Meanwhile|Moreover|Still|Yet|Instead|Nevertheless|"
                       r"Indeed|Ultimately|Thus|Then)\b")
_HANGING = re.compile(r"(?:which|who|whom|whose|that|when|where|while|and|but|or|after|before|as)\b",
                      re.I)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def clean(sentence: str) -> str:
    """The sentence as shown: one line, no list bullet, no "[3]" footnotes (they would read as cites)."""
    text = _BULLET.sub("", " ".join(sentence.split()))
    text = _FOOTNOTE.sub("", text).replace("[", "(").replace("]", ")")
    return " ".join(text.split())


_WORDS = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!”\"’)]$")


@lru_cache(maxsize=1 << 16)  # the briefing asks again for every sentence it weighs or picks
def text_key(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def quality(text: str) -> float | None:
    """How well a sentence stands alone in a briefing; None when it should not be used at all."""
    words = len(text.split())
    if words < 6 or words > 70 or _boilerplate(text) or text.endswith((":", "?")):
        return None
    score = 1.0 if 12 <= words <= 40 else 0.3
    narration = _QUOTED.sub("", text)  # people quoted may say "I" and "we"; the writer should not
    if _FIRST_PERSON.search(narration):
        score -= 1.5  # an author's aside or a byline, not the story
    elif _FIRST_PLURAL.search(narration):
        score -= 1.0  # a newsletter talking about itself
    if _DANGLING.match(text):
        score -= 0.75  # needs the sentence before it
    if _HEADING.match(text):
        score -= 0.3  # "Nuclear Program: Beginning in ...": a list item under its own heading
    if not _SENTENCE_END.search(text):
        score -= 0.5  # a headline or a caption, not a sentence
    return score


def fragment(sentence: str, pos: int, *, min_words: int = 8, max_words: int = 26) -> str:
    """The clause of ``sentence`` around character ``pos``, widened to ``min_words``, with ellipses."""
    if len(sentence.split()) <= max_words:
        return clean(sentence)
    cuts = [0] + [m.end() for m in re.finditer(r"[,;:]\s+|\s+[—–-]\s+|[—–]|\s+\(|\)\s*", sentence)]
    cuts = sorted(set(c for c in cuts if c < len(sentence))) + [len(sentence)]
    spans = list(zip(cuts, cuts[1:], strict=False))
    idx = next((i for i, (a, b) in enumerate(spans) if a <= pos < b), 0)
    lo = hi = idx

    def count(a: int, b: int) -> int:
        return len(sentence[spans[a][0]:spans[b][1]].split())

    while count(lo, hi) < min_words and (lo > 0 or hi < len(spans) - 1):
        if lo > 0 and (hi == len(spans) - 1 or count(lo - 1, hi) <= count(lo, hi + 1)):
            lo -= 1
        else:
            hi += 1
    # "which gave way on Wednesday" needs what gave way: take in the clause it hangs from
    while lo > 0 and _HANGING.match(sentence[spans[lo][0]:]) and count(lo - 1, hi) <= max_words + 6:
        lo -= 1
    if lo > 0 and _HANGING.match(sentence[spans[lo][0]:]) and len(sentence.split()) <= 45:
        return clean(sentence)  # a clause that cannot stand alone: the whole sentence instead
    start, end = spans[lo][0], spans[hi][1]
    words = sentence[start:end].split()
    text = " ".join(words[:max_words]).strip(" ,;:—–-(")
    truncated = len(words) > max_words or end < len(sentence)
    text = clean(text).rstrip(".,;:") if truncated else clean(text)
    return ("…" if start > 0 else "") + text + ("…" if truncated else "")


_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_PARTS_OF_YEAR = {
    "SP": "spring {year}", "SU": "summer {year}", "FA": "autumn {year}", "AU": "autumn {year}",
    "WI": "winter {year}", "Q1": "the first quarter of {year}", "Q2": "the second quarter of {year}",
    "Q3": "the third quarter of {year}", "Q4": "the fourth quarter of {year}",
    "H1": "the first half of {year}", "H2": "the second half of {year}"}


def when(time: Mapping[str, Any] | None) -> str:
    """A time interval as an analyst writes it: "18 June 2024", "November 2024", "the 1860s"."""
    if not time or not time.get("value"):
        return ""
    value, gran = str(time["value"]), time.get("granularity")
    about = {"AFTER": "since ", "BEFORE": "before "}.get(str(time.get("mod") or ""), "")
    about = about or ("around " if time.get("approximate") else "")
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    timed = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}|MO|AF|EV|NI|DT)", value)
    if timed:
        clock = _PARTS_OF_DAY.get(timed.group(2), timed.group(2))
        return about + when({"value": timed.group(1), "granularity": "day"}) + ", " + clock
    part = re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])", value)
    if part:  # "2025-SU", "2025-Q1", "2025-H2": as a reader writes them
        return about + _PARTS_OF_YEAR[part.group(2)].format(year=part.group(1))
    if m and gran in ("day", "month"):
        month = _MONTHS[int(m.group(2)) - 1]
        text = f"{int(m.group(3))} {month} {m.group(1)}" if m.group(3) else f"{month} {m.group(1)}"
    elif gran == "decade" and value.endswith("X"):
        text = f"the {value[:3]}0s"
    elif gran == "week" and time.get("start"):
        text = f"week of {when({'value': time['start'], 'granularity': 'day'})}"
    else:
        text = value
    return about + text
