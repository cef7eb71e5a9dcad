"""Does a sentence say only what its cited source sentences say? Lexical support, no model.

Used twice by the briefing: to find which other articles corroborate a chosen sentence (so it can
cite them too), and to check sentences a language model wrote against the sentences they cite.
The test is deliberately simple and strict: content words are compared after a light suffix
stemming, every number must appear in a source, and capitalised names must appear in a source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..nlp.lexicon import stop_words

# a letter, then letters and digits, each apostrophe or hyphen followed by more of them ("rock-'n"
# is "rock"); written without a per-character alternation, which took twice as long
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’\-][^\W_]+)*")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_SPELLED = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "dozen": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "half": 0.5, "twice": 2,
}
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")
# words a rewrite may add without new content: glue, attribution and hedges
_GLUE = frozenset({"said", "say", "says", "according", "report", "reported", "reports", "also", "while",
                   "meanwhile", "however", "including", "which", "whose", "who", "whom"})


@lru_cache(maxsize=1 << 17)  # a word's stem never changes; the briefing asks ~180k times at 500 articles
def stem(word: str) -> str:
    """A crude, deterministic stem: enough to match 'deployed' with 'deployment'-free 'deploy'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return w.rstrip("e") if len(w) > 4 else w


def content_terms(text: str) -> set[str]:
    """Stems of the words that carry content (no stop words, no glue, no numbers)."""
    return {t for w in _WORD.findall(text) if (t := _content_term(w)) is not None}


@lru_cache(maxsize=1 << 17)
def _content_term(word: str) -> str | None:
    low = word.lower()
    if low in stop_words() or low in _GLUE or len(word) <= 1:
        return None
    return stem(word)


def numbers(text: str) -> set[float]:
    """Every number written in ``text``, digits or words ("10,000", "three", "2024")."""
    found = set()
    for raw in _NUMBER.findall(text):
        try:
            found.add(float(raw.replace(",", "")))
        except ValueError:
            continue
    for w in _WORD.findall(text):
        value = _SPELLED.get(w.lower())
        if value is not None:
            found.add(float(value))
    return found


def names(text: str) -> set[str]:
    """Capitalised words not opening a sentence: a model-free stand-in for named entities."""
    out = set()
    for m in _WORD.finditer(text):
        word = m.group(0)
        before = text[: m.start()].rstrip()
        opens = not before or before[-1] in ".!?:;\"“‘(" or before.endswith("]")
        if word[0].isupper() and not opens and word.lower() not in stop_words():
            out.add(stem(word))
    return out


def overlap(a: str, b: str) -> float:
    """Shared content terms over the smaller side's terms (0 when either has none)."""
    ta, tb = content_terms(a), content_terms(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def support(sentence: str, sources: Iterable[str]) -> tuple[float, list[str]]:
    """(share of the sentence's content terms found in ``sources``, reasons it is unsupported).

    Reasons name numbers and names absent from every source; an empty list with a high share
    means the sentence restates its sources.
    """
    pool = " ".join(sources)
    terms = content_terms(sentence)
    pool_terms = content_terms(pool) | {stem(w) for w in _WORD.findall(pool)}
    share = len(terms & pool_terms) / len(terms) if terms else 0.0
    reasons = []
    missing_numbers = numbers(sentence) - numbers(pool)
    if missing_numbers:
        reasons.append("number not in the cited sources: "
                       + ", ".join(f"{n:g}" for n in sorted(missing_numbers)))
    missing_names = names(sentence) - pool_terms
    if missing_names:
        reasons.append("name not in the cited sources: " + ", ".join(sorted(missing_names)))
    return share, reasons
