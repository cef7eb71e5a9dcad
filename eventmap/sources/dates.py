"""Publication dates a plain-text page gives without metadata: its URL path and its dateline.

Saved pages, wire copy and crawls often reach eventmap as text with no date field, yet say when they
were published the way news pages do: a date in the URL path ("/2013/03/11/riot-..."; htmldate
reads it, as it does for HTML pages) or a stamp line at the top ("4 October 2013, 18:07 (GMT+05:00)",
"Updated 12:04 PM ET, Tue March 12, 2013", "By Jane Roe, March 12, 2013"). A line counts as a
dateline only when, once the date is taken out, what is left is stamp words (a clock time, a zone,
"Published", "Updated", a weekday) or a short byline: a sentence that names a date ("On 4 October
2013 the council voted") is news, not a stamp, and a background date must not date the article.
"""

from __future__ import annotations

import datetime as dt
import re

HEAD_LINES = 6  # a dateline sits above the story: only the first lines of the body are read
BYLINE_WORDS = 5  # "By Jane Roe and John Doe," at most, beside the date
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)"
_DATES = (
    ("dmy", re.compile(rf"\b(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b", re.I)),
    ("mdy", re.compile(rf"\b(?:{_WEEKDAY}\s+)?{_MONTH}\s+{_DAY}\s*,?\s+{_YEAR}\b", re.I)),
    ("iso", re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")),
)
# What a stamp line holds besides its date: clock times ("18:07", "1: 00pm", "09.30"), zones and
# offsets ("GMT+05:00", "ET"), the stamp's own words. Case-insensitive, matched as whole words.
_CLOCK = re.compile(r"\b\d{1,2}\s?[:.]\s?\d{2}(?:\s?[:.]\s?\d{2})?\s?(?:[ap]\.?\s?m\.?)?(?!\w)"
                    r"|\b\d{1,2}\s?[ap]\.?m\.?(?!\w)", re.I)
_OFFSET = re.compile(r"\b(?:gmt|utc)\s?[+\-\u2212]\s?\d{1,2}(?:\s?:\s?\d{2})?", re.I)
_STAMP_WORDS = frozenset(
    "published updated posted last first modified created date dated on at am pm "
    "gmt utc bst cet cest eet est edt cst cdt mst mdt pst pdt et pt ist aest aedt jst msk hkt sgt "
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday "
    "sunday".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


_URL_MONTH = re.compile(rf"/((?:19|20)\d\d)/{_MONTH}/(\d{{1,2}})(?:/|$)", re.I)


def url_date(url: str | None, today: dt.date | None = None) -> str | None:
    """The publication day a news URL's path states ("/2013/03/11/...", by htmldate; "/2009/Feb/02/",
    which htmldate does not read); None without a full date or for one after ``today``."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date
    from htmldate.utils import Extractor

    today = today or dt.date.today()
    latest = dt.datetime.combine(today, dt.time.max)
    options = Extractor(False, latest, dt.datetime(1995, 1, 1), True, "%Y-%m-%d")
    try:
        found = extract_url_date(url, options)
    except (ValueError, TypeError):  # an odd URL is no date, never a failed article
        found = None
    if found is None and (match := _URL_MONTH.search(url)):
        try:
            day = dt.date(int(match[1]), _MONTHS[match[2].lower()[:3]], int(match[3]))
        except ValueError:
            return None
        found = day.isoformat() if day <= today else None
    return found


def _dates_in(line: str) -> list[tuple[dt.date, re.Match[str]]]:
    """Every full date of ``line`` (a stamp may give two: "July 13, 2009, updated July 29, 2009"),
    in the order they appear."""
    found = []
    for kind, pattern in _DATES:
        for match in pattern.finditer(line):
            a, b, c = match.groups()
            try:
                if kind == "dmy":
                    day = dt.date(int(c), _MONTHS[b.lower()[:3]], int(a))
                elif kind == "mdy":
                    day = dt.date(int(c), _MONTHS[a.lower()[:3]], int(b))
                else:
                    day = dt.date(int(a), int(b), int(c))
            except ValueError:  # "February 30, 2013"
                continue
            found.append((day, match))
    return sorted(found, key=lambda f: f[1].start())


def _is_stamp(rest: str) -> bool:
    """What is left of a line without its date reads as a stamp or a short byline."""
    rest = _OFFSET.sub(" ", _CLOCK.sub(" ", rest))
    words = [w for w in _WORD.findall(rest) if w.lower() not in _STAMP_WORDS]
    if not words:
        return True
    if words[0].lower() == "by" and len(words) <= 1 + BYLINE_WORDS:
        names = words[1:]
        return all(w[0].isupper() or w.lower() in {"and", "de", "van", "von"} for w in names)
    return False


def dateline_date(text: str, today: dt.date | None = None) -> str | None:
    """The day a stamp line among the first ``HEAD_LINES`` lines of ``text`` gives (see the module
    docstring), None when no line there is a stamp or its day lies after ``today``."""
    today = today or dt.date.today()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:HEAD_LINES]
    for line in lines:
        if len(line) > 120:  # a paragraph, not a stamp
            continue
        found = _dates_in(line)
        if not found:
            continue
        rest, at = [], 0
        for _, match in found:
            rest.append(line[at:match.start()])
            at = max(at, match.end())
        rest.append(line[at:])
        # The first date of a stamp is its publication ("Published ..., updated ...").
        day = found[0][0]
        if day <= today and _is_stamp(" ".join(rest)):
            return day.isoformat()
    return None


# A wire dateline's day: "TOKYO, March 3 (Reuters) -", "KOUROU, French Guiana, Dec 4 (Reuters) -";
# the year when it states one ("June 2, 2025"), else the one the caller knows.
_WIRE_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*,?\s*{_YEAR})?\s*(?:\(|-LRB-)", re.I)


def wire_dateline_day(dateline: str, year: int | None, today: dt.date | None = None) -> str | None:
    """The day a cut wire dateline gives, with ``year`` where it states none (a page that says its
    year only in its copyright line); None without a day, a year, or for a day after ``today``."""
    match = _WIRE_DAY.search(dateline)
    if match is None:
        return None
    month, day, stated = match.groups()
    if stated is None and year is None:
        return None
    try:
        found = dt.date(int(stated or year), _MONTHS[month.lower()[:3]], int(day))
    except ValueError:
        return None
    return found.isoformat() if found <= (today or dt.date.today()) else None

