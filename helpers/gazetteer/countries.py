"""Reference data about places and peoples, offline: countries (with other spellings),
demonyms, capitals and first-level regions from the `countryinfo` package (MIT), plus a
short documented list of named regions news often uses.

Used as *evidence*: a name that is a country, capital or province is a place whatever the
tagger said; a demonym is linked to its country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.names import fold

NAMED_REGIONS: dict[str, str] = {
    # name -> ISO alpha-2 of the country it lies in, or "" when it spans several.
    "Middle East": "", "Near East": "", "Gulf": "", "Persian Gulf": "", "Arabian Peninsula": "",
    "Levant": "", "Maghreb": "", "Sahel": "", "Horn of Africa": "", "Balkans": "", "Caucasus": "",
    "Central Asia": "", "South Asia": "", "Southeast Asia": "", "East Asia": "", "Latin America": "",
    "Sub-Saharan Africa": "", "North Africa": "", "West Africa": "", "East Africa": "",
    "Europe": "", "Africa": "", "Asia": "", "North America": "", "South America": "", "Oceania": "",
    "Antarctica": "", "Arctic": "", "Scandinavia": "", "Mediterranean": "", "Black Sea": "",
    "Red Sea": "", "Caspian Sea": "", "Gaza Strip": "PS", "Gaza": "PS", "West Bank": "PS",
    "Golan Heights": "SY", "Sinai": "EG", "Kurdistan": "", "Crimea": "UA", "Donbas": "UA",
    "Kashmir": "", "Tibet": "CN", "Darfur": "SD", "Western Sahara": "EH", "Balochistan": "PK",
    "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
}
"""Common named regions (physical or political) that are not countries or provinces."""


@dataclass(frozen=True)
class Country:
    """One country as the gazetteer knows it."""

    name: str
    iso2: str
    iso3: str
    capital: str
    demonym: str
    names: tuple[str, ...]
    provinces: tuple[str, ...]


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of the `countryinfo` package."""
    from countryinfo import all_countries

    out = []
    for c in all_countries():
        info = c.info()
        iso = info.get("ISO") or {}
        alt = [a for a in (info.get("altSpellings") or []) if isinstance(a, str)]
        names = tuple(dict.fromkeys([info.get("name", "")] + [a for a in alt if len(a) > 3]))
        capital = info.get("capital") or ""
        if isinstance(capital, list):  # a few countries list several capitals; keep the first
            capital = capital[0] if capital else ""
        out.append(Country(
            name=info.get("name", ""), iso2=iso.get("alpha2", ""), iso3=iso.get("alpha3", ""),
            capital=capital, demonym=info.get("demonym") or "",
            names=tuple(n for n in names if n),
            provinces=tuple(p for p in (info.get("provinces") or ()) if isinstance(p, str)),
        ))
    return tuple(sorted(out, key=lambda c: c.name))


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, str]]:
    by_kind: dict[str, dict[str, str]] = {"country": {}, "capital": {}, "province": {}, "region": {},
                                          "demonym": {}}
    for c in countries():
        for n in c.names:
            by_kind["country"].setdefault(fold(n), c.name)
        if c.capital:
            by_kind["capital"].setdefault(fold(c.capital), c.name)
        for p in c.provinces:
            by_kind["province"].setdefault(fold(p), c.name)
        if c.demonym:
            by_kind["demonym"].setdefault(fold(c.demonym), c.name)
    # Common short names the package lists only as codes or long forms.
    for short, full in (("US", "United States"), ("U.S.", "United States"), ("USA", "United States"),
                        ("UK", "United Kingdom"), ("U.K.", "United Kingdom"), ("Britain", "United Kingdom"),
                        ("Great Britain", "United Kingdom"), ("UAE", "United Arab Emirates"),
                        ("America", "United States"), ("Holland", "Netherlands")):
        by_kind["country"].setdefault(fold(short), full)
    for demonym, country in (("American", "United States"), ("British", "United Kingdom"),
                             ("Emirati", "United Arab Emirates"), ("Dutch", "Netherlands"),
                             ("Saudi", "Saudi Arabia"), ("Palestinian", "Palestine"),
                             ("Kurdish", ""), ("Arab", ""), ("European", ""), ("African", ""),
                             ("Asian", "")):
        if country:  # these win over the package's entries (which give "American" to a territory)
            by_kind["demonym"][fold(demonym)] = country
    for region, cc in NAMED_REGIONS.items():
        by_kind["region"].setdefault(fold(region), cc)
    return by_kind


@lru_cache(maxsize=100_000)
def place_kind(name: str) -> str | None:
    """`country`, `capital`, `province` or `region` when `name` is a known place, else None."""
    key = fold(name)
    idx = _index()
    for kind in ("country", "region", "capital", "province"):
        if key in idx[kind]:
            return kind
    return None


@lru_cache(maxsize=100_000)
def country_of_demonym(word: str) -> str | None:
    """The country a demonym names: `Iranian`, `Iranians`, `pro-Iranian` → `Iran`."""
    key = fold(word)
    key = re.sub(r"^(pro|anti|non)[- ]", "", key)
    idx = _index()["demonym"]
    for cand in (key, key[:-1] if key.endswith("s") else key, key[:-2] if key.endswith("es") else key):
        if cand in idx:
            return idx[cand]
    return None


@lru_cache(maxsize=100_000)
def country_name(name: str) -> str | None:
    """The gazetteer's name of the country `name` refers to (`U.S.` → `United States`)."""
    return _index()["country"].get(fold(name))
