"""Reference data about places and peoples, offline, for entity typing: countries (with other
spellings), demonyms, capitals and first-level regions from the `countryinfo` package (MIT),
and the workbook's own named regions and short country names (`curated`, which the geocoding
gazetteer reads too, so typing and geocoding agree on them).

Used as *evidence*: a name that is a country, capital, province or named region is a place
whatever the tagger said; a demonym is linked to its country.

Why countries, capitals and provinces come from `countryinfo` and not from the geocoding
gazetteer (`store`): the gazetteer's spellings are made for resolving names already known to
be places, and as typing evidence they would make places of ordinary words and people.
Measured on the seeds and a 60-article news corpus, typing from the gazetteer would change 25
of 1,160 names, most for the worse: its admin1 aliases make `Jewish`, `Queens`, `Mass` and
`Ill` provinces, an old name of Amman makes `Philadelphia` a capital, and two-letter codes
make `VA` and `S.C.` countries (its ISO3 alternates would also make `Can` and `Ben` countries).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.names import fold
from .curated import COUNTRY_SHORT_NAMES, named_regions


@dataclass(frozen=True)
class Country:
    """One country as `countryinfo` knows it."""

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
            if " of the " in n:  # "Democratic Republic of Congo", as news writes it (and the gazetteer has it)
                by_kind["country"].setdefault(fold(n.replace(" of the ", " of ")), c.name)
        if c.capital:
            by_kind["capital"].setdefault(fold(c.capital), c.name)
        for p in c.provinces:
            by_kind["province"].setdefault(fold(p), c.name)
        if c.demonym:
            by_kind["demonym"].setdefault(fold(c.demonym), c.name)
    by_code: dict[str, str] = {}
    for c in countries():  # sorted by name: GB is the United Kingdom, not Wales
        by_code.setdefault(c.iso2, c.name)
    for short, cc in COUNTRY_SHORT_NAMES.items():
        by_kind["country"].setdefault(fold(short), by_code[cc])
    for demonym, country in (("American", "United States"), ("British", "United Kingdom"),
                             ("Emirati", "United Arab Emirates"), ("Dutch", "Netherlands"),
                             ("Saudi", "Saudi Arabia"), ("Palestinian", "Palestine"),
                             ("Kurdish", ""), ("Arab", ""), ("European", ""), ("African", ""),
                             ("Asian", "")):
        if country:  # these win over the package's entries (which give "American" to a territory)
            by_kind["demonym"][fold(demonym)] = country
    for region in named_regions():
        for name in region.names:
            by_kind["region"].setdefault(fold(name), region.cc)
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
