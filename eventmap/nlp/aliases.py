"""Canonical names for entity surface forms: alias tables, demonyms, countries and surnames.

The tables are data: add a row to teach a new alias. Lookups use ``gazetteer.fold`` keys.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .gazetteer import _countries, fold

# Surface form -> canonical name. States referred to by their institutions or short names.
ALIASES: dict[str, str] = {
    "dprk": "North Korea", "d.p.r.k.": "North Korea",
    "democratic people's republic of korea": "North Korea",
    "republic of korea": "South Korea", "rok": "South Korea",
    "kremlin": "Russia", "russian federation": "Russia",
    "us": "United States", "u.s.": "United States", "usa": "United States", "u.s.a.": "United States",
    "united states of america": "United States", "america": "United States",
    "white house": "United States", "washington": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "un": "United Nations", "u.n.": "United Nations", "the un": "United Nations",
    "ussr": "Soviet Union", "u.s.s.r.": "Soviet Union", "soviet union": "Soviet Union",
    "eu": "European Union", "e.u.": "European Union",
    "prc": "China", "people's republic of china": "China", "beijing": "China",
    "kyiv": "Ukraine", "moscow": "Russia", "pyongyang": "North Korea", "seoul": "South Korea",
}
# Capitals above stand for their state only when used as an actor; as a *place* they stay cities.
CAPITAL_METONYMS = frozenset({"kyiv", "moscow", "pyongyang", "seoul", "beijing", "washington"})

# Nationality adjectives (spaCy NORP) -> the state they refer to when used as an actor.
DEMONYMS: dict[str, str] = {
    "russian": "Russia", "russians": "Russia", "north korean": "North Korea",
    "north koreans": "North Korea", "south korean": "South Korea", "south koreans": "South Korea",
    "ukrainian": "Ukraine", "ukrainians": "Ukraine", "american": "United States",
    "americans": "United States", "chinese": "China", "soviet": "Soviet Union",
    "british": "United Kingdom", "french": "France", "german": "Germany", "germans": "Germany",
    "japanese": "Japan", "iranian": "Iran", "israeli": "Israel", "portuguese": "Portugal",
    "spanish": "Spain", "italian": "Italy", "turkish": "Turkey", "indian": "India",
}


def strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def canonical(text: str, label: str, *, as_place: bool = False) -> tuple[str, str]:
    """(canonical name, entity type) for one mention, before corpus-level surname merging."""
    surface = strip_possessive(text.strip())
    key = fold(surface)
    # The small model sometimes tags "Ukrainian" as GPE; a demonym still names the state.
    if label in ("NORP", "GPE") and key in DEMONYMS:
        return DEMONYMS[key], "GPE"
    if key in ALIASES and not (as_place and key in CAPITAL_METONYMS):
        name = ALIASES[key]
        return name, "ORG" if name in ("United Nations", "European Union") else "GPE"
    country = _countries().get(key)
    if country is not None and label in ("GPE", "LOC", "NORP"):
        return country.name, "GPE"
    return " ".join(surface.split()), label


# Titles a person's name is often given with ("Dr Murray", "President Obama", "Det. Orlando
# Martinez"): the same person as the bare name, so they are dropped before names are compared.
# Not "King", "Queen", "Prince", "Pope": a regnal name is the title and the name together.
TITLES = frozenset("""
dr dr. mr mr. mrs mrs. ms ms. miss mx prof prof. professor sir dame rev rev. reverend judge justice
president senator sen sen. rep rep. gov gov. governor gen gen. general lt lt. col col. capt capt.
sgt sgt. det det. detective officer coach mayor chancellor minister secretary chairman
""".split())


def strip_title(name: str) -> str:
    """A person's name without the titles in front of it ("Dr Conrad Murray" -> "Conrad Murray");
    a title alone stays as it is."""
    parts = name.split()
    while len(parts) > 1 and parts[0].lower() in TITLES:
        parts = parts[1:]
    return " ".join(parts)


def completed_name(name: str, after: str, names: Iterable[str]) -> str | None:
    """The longer name of ``names`` that ``name`` starts and the text right ``after`` its mention
    goes on to spell out ("Yoon Suk" followed by " Yeol of South Korea" -> "Yoon Suk Yeol"): the
    tagger cut the name short there. None when no such name fits. A longer name
    the text does not go on with is no evidence: "Esther Kane Dies" in a title-case headline is the
    tagger's slip, not her full name."""
    words = name.split()
    follows = after.lstrip()
    if follows == after:  # no space after the mention: nothing goes on
        return None
    key: list[str] | None = None
    found = set()
    for other in names:
        parts = other.split()
        rest = parts[len(words):]
        if not rest or not follows.startswith(rest[0]):  # the cheap test first: most fail it
            continue
        key = key or [fold(w) for w in words]
        if [fold(w) for w in parts[:len(words)]] == key and re.match(
                r"\s+" + r"\s+".join(map(re.escape, rest)) + r"(?!\w)", after):
            found.add(other)
    # the text goes on with each of them: they start one another, and it spells out the longest
    return max(found, key=lambda n: (len(n.split()), n)) if found else None


def person_merges(names: Iterable[str]) -> dict[str, str]:
    """Map a one-word person name to the unique longer name it abbreviates ("Putin" ->
    "Vladimir Putin"). Ambiguous short names (two different Kims) are left alone."""
    names = list(names)
    full = {n for n in names if len(n.split()) > 1}
    by_part: dict[str, set[str]] = defaultdict(set)
    for name in full:
        parts = name.split()
        by_part[fold(parts[-1])].add(name)
        by_part[fold(parts[0])].add(name)
    merges = {}
    for name in set(names) - full:
        candidates = by_part.get(fold(name), set())
        if len(candidates) == 1:
            merges[name] = next(iter(candidates))
    # "Kim Jong Un" vs "Kim Jong-un": same fold -> the more frequent spelling wins upstream.
    return merges
