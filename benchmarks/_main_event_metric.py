"""Slot metrics of the main-event benchmark (``benchmarks/main_event.py``), importable without a model.

- **who / what / where**: content-word F1 between one system answer and one gold answer; a slot is a
  hit when some rendering of the system's answer reaches F1 >= 0.5 with some gold answer of the slot.
  Content words: PTB brackets (-LRB- ...) dropped, dotted acronyms joined ("U.S." -> "US"), "US"
  read as "usa" (lower-cased it would be the stop word "us"), possessive 's dropped, lower-cased,
  split on anything that is not a letter or digit, single letters and spaCy's English stop words
  (``spacy.lang.en.stop_words.STOP_WORDS``) dropped, then a light plural rule ("troops" -> "troop",
  "parties" -> "party"; no verb stemming). F1 compares the two multisets of words.
- **when**: the gold day lies inside the answer's [start, end] (a day answer must equal it); partial
  ISO values cover their whole period ("2009-06" is June 2009).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

HIT_F1 = 0.5
_PTB = re.compile(r"-[LR][RSC]B-")
_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_US = re.compile(r"\bUS\b")
_POSSESSIVE = re.compile(r"['\u2019]s\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_stop_words: frozenset[str] | None = None


def stop_words() -> frozenset[str]:
    global _stop_words
    if _stop_words is None:
        from spacy.lang.en.stop_words import STOP_WORDS

        _stop_words = frozenset(STOP_WORDS)
    return _stop_words


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str | None) -> Counter[str]:
    """The multiset of normalized content words of ``text`` (see the module docstring)."""
    if not text:
        return Counter()
    text = _PTB.sub(" ", text)
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _US.sub(" usa ", text)
    text = _POSSESSIVE.sub(" ", text).lower()
    stops = stop_words()
    return Counter(_singular(w) for w in _WORD.findall(text)
                   if (len(w) > 1 or w.isdigit()) and w not in stops)


def f1(system: str | None, gold: str | None) -> float:
    """Content-word F1 of two strings (0 when either has no content word)."""
    s, g = content_words(system), content_words(gold)
    common = sum((s & g).values())
    if not common:
        return 0.0
    p, r = common / sum(s.values()), common / sum(g.values())
    return 2 * p * r / (p + r)


def best_f1(system: Iterable[str | None], gold: Iterable[str | None]) -> float:
    """The best F1 over every (system rendering, gold answer) pair."""
    gold = [g for g in gold if content_words(g)]
    return max((f1(s, g) for s in system if s for g in gold), default=0.0)


def text_hit(system: Iterable[str | None], gold: Iterable[str | None]) -> bool:
    return best_f1(system, gold) >= HIT_F1


def scorable(gold: Iterable[str | None]) -> bool:
    """Whether some gold answer has a content word (a slot without one is not scored)."""
    return any(content_words(g) for g in gold)


def period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The days an ISO date or partial date covers: "2009" -> the year, "2009-06" -> June."""
    m = _ISO.match(value or "")
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), 1), dt.date(year, int(month), last)
        d = dt.date(year, int(month), int(day))
    except ValueError:
        return None
    return d, d


def when_hit(gold_day: dt.date | None, start: str | None, end: str | None = None) -> bool:
    """The gold day lies inside the answer [start, end] (end defaults to the end of start's period)."""
    if gold_day is None:
        return False
    first = period(start)
    if first is None:
        return False
    last = period(end) if end else None
    hi = last[1] if last is not None else first[1]
    return first[0] <= gold_day <= hi
