"""Dates and headings for the briefing: when a sentence dates its own event, what span a set of
sentences covers, and a storyline heading that says who did what and when.

Kept apart from the builder (``briefing.py``) so the rules can be read and tested on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from .briefing_text import when

# A time said right after one of these is a reference point, not the time of the sentence's event:
# "three years after the February 24, 2022 invasion", "until June 2025", "ahead of the 2024 vote".
_REFERENCE = re.compile(r"\b(?:after|following|until|till|prior to|ahead of|before|since)"
                        r"(?:\s+(?:the|a|an|its|their|his|her))?\s*$", re.IGNORECASE)
_PRONOUN = re.compile(r"(?:They|It|He|She|We|This|These|Those|That|Its|Their|His|Her)\b")
HEADING_MAX = 90  # characters of a headline in a storyline heading before it is cut at a word


def said_as_its_time(sentence: str, time_text: str | None, time: Mapping[str, Any] | None) -> bool:
    """Whether ``time`` (said as ``time_text``) dates the event of ``sentence`` itself.

    The expression must be in the sentence, and not a reference point the event is placed against
    ("Nearly three years after the February 24, 2022 invasion, Ukraine has reclaimed ..."). A
    "since 1980" the tagger has already read as such (``mod`` AFTER) still dates the sentence: its
    interval ends on the day it was said.
    """
    if not time or not time_text:
        return False
    at = sentence.find(time_text)
    if at < 0:
        return False
    if time.get("mod") in ("AFTER", "BEFORE"):
        return True  # the tagger read the cue word itself ("since 1980"): the interval says it
    return not _REFERENCE.search(sentence[:at])


def span(time: Mapping[str, Any] | None) -> tuple[str, str] | None:
    """The days a dated sentence's event lies in, as (start, end) ISO strings; None if it cannot be
    placed. "for the first time since 1980" (mod AFTER) is the day it was said, its interval's end;
    "before 2006" says too little to place the event."""
    if not time:
        return None
    start, end = str(time.get("start") or ""), str(time.get("end") or time.get("start") or "")
    if time.get("mod") == "AFTER":
        return (end, end) if end else None
    if time.get("mod") == "BEFORE" or not start:
        return None
    return start, end or start


def span_text(spans: Iterable[tuple[str, str] | None]) -> str:
    """The dates a set of spans covers as an analyst writes them: "18 June 2024", "June–December
    2024", "2022–2024"."""
    found = [s for s in spans if s]
    if not found:
        return ""
    lo, hi = min(s[0] for s in found), max(s[1] for s in found)
    if lo[:3] == hi[:3] and lo[3] == "0" and hi[3] == "9" and _whole_year(lo, hi):
        return f"the {lo[:3]}0s"
    if lo[:4] != hi[:4]:
        return f"{lo[:4]}–{hi[:4]}"
    if lo == hi and len(lo) >= 10:
        return when({"value": lo[:10], "granularity": "day"})
    if _whole_year(lo, hi):
        return lo[:4]
    a, b = when({"value": lo[:7], "granularity": "month"}), when({"value": hi[:7], "granularity": "month"})
    return a if a == b else f"{a.rsplit(' ', 1)[0]}–{b}"


def _whole_year(lo: str, hi: str) -> bool:
    return lo[5:10] in ("", "01-01") and hi[5:10] in ("", "12-31")


def years_of(text: str) -> list[int]:
    """The years a heading states ("1948", "2022–2024")."""
    return [int(y) for y in re.findall(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)", text)]


def _names(entity: Mapping[str, Any] | None) -> list[str]:
    if not entity:
        return []
    names = [str(entity.get("name") or "")] + [str(a) for a in entity.get("aliases") or []]
    return [n for n in names if len(n) > 2]


def names_entity(text: str, entity: Mapping[str, Any] | None) -> bool:
    """Whether ``text`` names the entity (its name or an alias, as a whole word)."""
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text) for n in _names(entity))


_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})


def entity_names(entities: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """The names and aliases of the named entities (people, organisations, places, groups): those
    ``_names`` gives, in one loop (it ran over the map's 20k entities on every add)."""
    found: set[str] = set()
    for e in entities:
        if e.get("type") in _NAMED:  # a mapping with a type is not empty: _names reads it
            found.add(str(e.get("name") or ""))
            found.update(map(str, e.get("aliases") or ()))
    return frozenset(n for n in found if len(n) > 2)


def names_any(text: str, names: frozenset[str]) -> bool:
    """Whether ``text`` names one of ``names`` (one to five words, as written)."""
    words = re.findall(r"[\w’'.-]+", text)
    return any(" ".join(words[i:i + n]).rstrip(".’'") in names or " ".join(words[i:i + n]) in names
               for n in range(1, 6) for i in range(len(words) - n + 1))


def headline_of(event: Mapping[str, Any]) -> str:
    text = " ".join(str(event.get("headline") or event.get("summary") or "").split())
    if len(text) > HEADING_MAX:
        text = text[:HEADING_MAX].rsplit(" ", 1)[0].rstrip(",;:–—-") + "…"
    return text[:1].upper() + text[1:]


def storyline_heading(events: Sequence[Mapping[str, Any]], entities: Mapping[str, Mapping[str, Any]],
                      spans: Iterable[tuple[str, str] | None], names: frozenset[str] = frozenset()) -> str:
    """What happens in a storyline: the headline of its weightiest event that names one of the
    storyline's actors (prefixed by the two most involved ones when none does), and the dates
    ``spans`` cover. ``events`` come weightiest first: the section's own sentences' events, then the
    storyline's other events."""
    counts: dict[str, int] = {}
    for e in events:
        for ent in [a for a in e.get("actors") or [] if a] + ([e["place"]] if e.get("place") else []):
            counts[ent] = counts.get(ent, 0) + 1
    involved = [entities[k] for k in sorted(counts, key=lambda k: -counts[k]) if k in entities]
    head = ""
    for e in events:
        text = headline_of(e)
        if _PRONOUN.match(text):
            continue  # "They offered ...": who, the heading cannot say
        if text and (names_any(text, names)
                     or any(names_entity(text, ent) for ent in involved[:8] + _own(e, entities))):
            head = text
            break
    if not head and events:
        names: list[str] = []
        for ent in involved:
            name = re.sub(r"^the\s+", "", str(ent.get("name") or ""), flags=re.I)
            if name and not any(name in n or n in name for n in names):
                names.append(name)
            if len(names) == 2:
                break
        top = headline_of(events[0])
        head = f"{' and '.join(names)}: {top}" if names else top
    dates = span_text(spans)
    return f"{head} ({dates})" if dates and head else head or dates or "Storyline"


def _own(event: Mapping[str, Any], entities: Mapping[str, Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    ids = [a for a in event.get("actors") or [] if a] + ([event["place"]] if event.get("place") else [])
    return [entities[i] for i in ids if i in entities]


def time_key(t: Mapping[str, Any] | None) -> str:
    """Where a time sorts: its start, or its end for "since 1980" (an event on the end date)."""
    if not t:
        return ""
    return str((t.get("end") if t.get("mod") == "AFTER" else None) or t.get("start") or "")


def finer(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    order = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5}
    return order.get(a.get("granularity"), 6) < order.get(b.get("granularity"), 6)


def shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return ""


def neg(s: str) -> tuple[int, ...]:
    """Sort key putting later ISO strings first."""
    return tuple(-ord(ch) for ch in s)
