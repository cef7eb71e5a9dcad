"""Numbers in claims as structured values: "more than 10,000 troops" -> >10000 troops.

Reads spaCy's CARDINAL / MONEY / QUANTITY / PERCENT entities and the words around them; vague
amounts ("several thousand") become ranges, so two outlets' figures can be compared.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "dozen": 12, "a": 1, "an": 1,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
# Vague multipliers: "several thousand" is between 2x and 9x the scale.
_VAGUE = {"several": (2, 9), "a few": (2, 5), "few": (2, 5), "dozens of": (24, 99),
          "dozens": (24, 99), "hundreds of": (200, 999), "hundreds": (200, 999),
          "thousands of": (2_000, 9_999), "thousands": (2_000, 9_999), "many": (2, 9)}
_QUALIFIERS = ("more than", "over", "at least", "nearly", "almost", "about", "around", "roughly",
               "up to", "fewer than", "less than", "under", "some", "approximately", "an estimated")
_CURRENCIES = {"$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
               "dollars": "USD", "euros": "EUR", "pounds": "GBP", "rubles": "RUB", "won": "KRW"}
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def parse_amount(text: str) -> tuple[float | None, float | None, float | None]:
    """(value, low, high) for a number phrase; value None for a vague amount given as a range."""
    t = text.lower().replace("–", "-").strip()
    scale = 1.0
    for word, factor in _SCALES.items():
        if re.search(rf"\b{word}\b", t) or (len(word) <= 2 and re.search(rf"\d{word}\b", t)):
            scale = float(factor)
            break
    for phrase, (lo, hi) in _VAGUE.items():
        if t.startswith(phrase):
            if phrase.endswith("of") or phrase in ("dozens", "hundreds", "thousands"):
                return None, float(lo), float(hi)
            return None, lo * scale, hi * scale
    match = _NUM.search(t)
    if match:
        value = float(match.group().replace(",", ""))
    else:
        words = [w for w in re.findall(r"[a-z]+", t) if w in _WORD_NUMBERS]
        if not words:
            return None, None, None
        value = float(_WORD_NUMBERS[words[0]])
    value *= scale
    return value, value, value


def _counted_noun(ent: Span) -> Token | None:
    """The noun a number counts: "over 60 North Korean KN-23 missiles" -> missiles (the number's
    syntactic head, a few tokens to its right), not the first word after it ("North")."""
    nums = [t for t in ent if t.like_num or t.pos_ == "NUM"]
    tok = nums[-1] if nums else ent.root
    head = tok.head
    if (tok.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and head.i >= ent.end
            and head.i - ent.end <= 5 and head.pos_ in ("NOUN", "PROPN")):
        return head
    return None


def _rate(doc: Doc, after: int) -> str:
    """" per soldier per month" from the "per" phrases right after the amount (read left to right:
    the parser often hangs the second "per" on another word)."""
    parts = []
    i = after
    if i < len(doc) and doc[i].text.isupper() and doc[i].text.lower() in _CURRENCIES:
        i += 1  # "$2,000 USD per soldier"
    while i + 1 < len(doc):
        if doc[i].text in (",", "and") and doc[i + 1].lower_ == "per":
            i += 1
        if doc[i].lower_ != "per" or not doc[i + 1].is_alpha:
            break
        parts.append(f"per {doc[i + 1].lemma_.lower()}")
        i += 2
    return "".join(f" {p}" for p in parts)


def quantity_from_span(ent: Span) -> Quantity | None:
    doc = ent.doc
    if not any(t.like_num for t in ent) and ent.end < len(doc) and doc[ent.end].like_num:
        ent = doc[ent.start: ent.end + 1]  # the NER cut "more than" off "1,000 square kilometers"
    if ent.start > 0 and doc[ent.start - 1].text in ("$", "€", "£"):
        ent = doc[ent.start - 1: ent.end]  # the small model sometimes leaves the sign out
    before = doc[max(0, ent.start - 3):ent.start].text.lower()
    qualifier = next((q for q in _QUALIFIERS if before.endswith(q) or ent.text.lower().startswith(q)),
                     None)
    value, low, high = parse_amount(ent.text)
    if value is None and low is None:
        return None
    if qualifier in ("more than", "over", "at least"):
        high = None
    elif qualifier in ("fewer than", "less than", "under", "up to"):
        low = None
    unit = None
    lowered = ent.text.lower()
    for sign, code in _CURRENCIES.items():
        if sign in lowered:
            unit = code
            break
    if unit is None and ent.label_ == "PERCENT":
        unit = "percent"
    counted = _counted_noun(ent)
    if unit is None and counted is not None:
        unit = counted.lemma_.lower() if counted.pos_ == "NOUN" else counted.text.lower()
        size = [c.lower_ for c in counted.children if c.lower_ in ("square", "cubic")]
        if size:
            unit = f"{size[0]} {unit}"
    elif unit is None and ent.end < len(doc):
        nxt = doc[ent.end]
        if nxt.pos_ in ("NOUN", "PROPN") or (nxt.pos_ == "ADJ" and ent.end + 1 < len(doc)):
            head = nxt if nxt.pos_ in ("NOUN", "PROPN") else doc[ent.end + 1]
            unit = head.lemma_.lower() if head.pos_ == "NOUN" else head.text.lower()
    if unit is not None:
        unit += _rate(doc, counted.i + 1 if counted is not None else ent.end)
    return Quantity(text=ent.text, value=value, low=low, high=high, unit=unit, qualifier=qualifier)
