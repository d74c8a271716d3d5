"""Offline geocoding of place names, with the disambiguation a careful reader would do.

Each name is looked up in the shipped gazetteer (`data/gazetteer.tsv.gz`, see
`data/GAZETTEER.md`), and its candidates are scored with evidence, every piece recorded:

- **importance**: countries and named regions first, then capitals and first-level regions,
  then places by population;
- **context**: candidates in the countries the article (or the corpus) names gain, so
  Damascus beside Syria is Syria's capital, not the town in Maryland;
- **admin hierarchy**: "Idlib province" (or "governorate", "state" ...) is the region, not the
  city; "northwestern Syria" is Syria with the qualifier kept;
- **metonymy**: a capital that speaks or acts ("Washington said", "Moscow opposed") is the
  country's government, placed at the capital;
- **overrides**: the user's `data/places.csv` (`name, gazetteer_id` or `name, lat, lon,
  country_code, feature_kind`) is applied first and always wins.

A name with no candidate is *unresolved*; one whose two best candidates score close and lie
far apart is *ambiguous*. Both are listed with the reason, never dropped silently.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..gazetteer.store import FAR_KM, Gazetteer, Place, km
from ..text.names import fold

ADMIN_WORDS = frozenset({"province", "governorate", "state", "region", "district", "county", "oblast",
                         "prefecture", "department", "canton", "emirate", "territory", "municipality"})
"""Words that name a first-level region ("Idlib province", "the state of Ohio")."""


METONYMY_VERBS = frozenset({
    "said", "says", "say", "warned", "warns", "views", "view", "opposed", "opposes", "denied", "denies",
    "announced", "announces", "accused", "accuses", "insisted", "insists", "rejected", "rejects",
    "responded", "responds", "urged", "urges", "threatened", "threatens", "wants", "wanted",
    "would", "will", "has", "have", "had", "is", "was", "sent", "sends", "backed", "backs",
    "supported", "supports", "demanded", "demands", "agreed", "agrees", "refused", "refuses",
    "imposed", "imposes", "condemned", "condemns", "believes", "believed", "helped", "helps",
})
"""Verbs that make a capital's name stand for its government ("Washington said")."""


@dataclass
class Resolution:
    """How one place name was resolved, and why."""

    name: str
    place: Place | None
    status: str
    """`resolved`, `ambiguous` (resolved, but a far-away candidate scored close), `unresolved`."""
    reason: str
    score: float = 0.0
    runner_up: Place | None = None
    qualifier: str = ""
    metonymy: bool = False
    evidence: list[str] = field(default_factory=list)


def read_overrides(path: Path | None, gaz: Gazetteer) -> dict[str, Place]:
    """The user's `places.csv`: `name` with a `gazetteer_id`, or with `lat, lon` (and
    optionally `country_code`, `feature_kind`). A missing file means no overrides."""
    if path is None or not path.exists():
        return {}
    out: dict[str, Place] = {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            name = row.get("name", "")
            if not name:
                continue
            if row.get("gazetteer_id"):
                place = gaz.get(row["gazetteer_id"])
                if place is None:
                    raise ValueError(f"{path.name} line {line}: no gazetteer entry {row['gazetteer_id']!r}")
            else:
                try:
                    lat, lon = float(row["lat"]), float(row["lon"])
                except (KeyError, ValueError):
                    raise ValueError(f"{path.name} line {line}: give gazetteer_id, or lat and lon") from None
                place = Place(id=f"user:{fold(name).replace(' ', '-')}", kind=row.get("feature_kind") or "populated_place",
                              name=name, cc=row.get("country_code", "").upper(), admin1="", lat=lat, lon=lon)
            out[fold(name)] = place
    return out


@dataclass
class Context:
    """What the surrounding text says: which countries it names, and how often."""

    countries: Counter = field(default_factory=Counter)
    """Country codes named (directly, or through a resolved city or region) in this article."""
    corpus_countries: Counter = field(default_factory=Counter)
    """The same for the whole corpus."""


def _is_acronym(name: str) -> bool:
    compact = name.replace(".", "").replace(" ", "")
    return 2 <= len(compact) <= 5 and compact.isalpha() and compact.isupper()


ACRONYM_COUNTRIES = {"UK": "GB", "UAE": "AE", "USA": "US", "DRC": "CD", "PRC": "CN", "ROK": "KR", "DPRK": "KP"}
"""Country abbreviations that are not the ISO code itself."""


def country_code_of_acronym(name: str) -> str:
    """`US`, `U.S.`, `UK`, `UAE` → the ISO code of the country they abbreviate, else ''."""
    compact = name.replace(".", "").replace(" ", "")
    if not (2 <= len(compact) <= 4 and compact.isalpha() and compact.isupper()):
        return ""
    return ACRONYM_COUNTRIES.get(compact, compact if len(compact) == 2 else "")


def split_admin(name: str) -> tuple[str, bool]:
    """`Idlib province` → (`Idlib`, True); `the state of Ohio` → (`Ohio`, True)."""
    words = name.split()
    if len(words) >= 2 and words[-1].lower().rstrip(".") in ADMIN_WORDS:
        return " ".join(words[:-1]), True
    m = re.match(r"^(?:the\s+)?(?:province|governorate|state|region|district|county)\s+of\s+(.+)$", name, re.I)
    if m:
        return m.group(1), True
    return name, False


DIRECTIONS = ("northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
              "southwestern", "north-eastern", "north-western", "south-eastern", "south-western", "central",
              "northeast", "northwest", "southeast", "southwest")


def split_qualifier(name: str, gaz: Gazetteer) -> tuple[str, str]:
    """`northwestern Syria` → (`Syria`, `northwestern`); `North Korea` stays whole."""
    words = name.split()
    if len(words) >= 2 and words[0].lower() in DIRECTIONS and not gaz.candidates(name):
        return " ".join(words[1:]), words[0].lower()
    return name, ""


def resolve(name: str, gaz: Gazetteer, ctx: Context | None = None, *, after: str = "",
            overrides: dict[str, Place] | None = None, admin_hint: bool = False) -> Resolution:
    """Resolve one place name; `after` is the text right after it (for metonymy)."""
    ctx = ctx or Context()
    overrides = overrides or {}
    base, qualifier = split_qualifier(name.strip(), gaz)
    base, admin = split_admin(base)
    admin = admin or admin_hint
    if fold(name) in overrides or fold(base) in overrides:
        p = overrides.get(fold(name)) or overrides[fold(base)]
        return Resolution(name, p, "resolved", "user override (places.csv)", 99.0, qualifier=qualifier,
                          evidence=["places.csv"])
    cands = gaz.candidates(base)
    if not cands and base.lower().startswith("the "):
        base = base[4:]
        cands = gaz.candidates(base)
    code = country_code_of_acronym(base)
    if code and gaz.country.get(code) and gaz.country[code] not in cands:
        cands = [gaz.country[code], *cands]
    if _is_acronym(base):  # "E.U." is not Eu in Normandy: abbreviations name big units only
        cands = [c for c in cands if c.kind in ("country", "admin1", "region")]
    if not cands:
        return Resolution(name, None, "unresolved", "not in the gazetteer", qualifier=qualifier)
    speaks = bool(re.match(r"^[\s,]*(?:'s\s+\w+\s+)?(\w+)", after)) and \
        (re.match(r"^[\s,]*(\w+)", after) or [None, ""])[1].lower() in METONYMY_VERBS  # type: ignore[index]

    city_admin1 = {c.admin1 for c in cands if c.kind == "populated_place"}
    scored = []
    for p in cands:
        s, why = _score(p, base, ctx, admin, speaks, same_name_city=p.kind == "admin1" and p.admin1 in city_admin1)
        scored.append((s, p, why))
    scored.sort(key=lambda x: (-x[0], x[1].id))
    best_s, best, why = scored[0]
    runner = next(((s, p) for s, p, _ in scored[1:] if km(p, best) > FAR_KM), None)
    metonymy = speaks and best.capital
    if runner is not None and best_s - runner[0] < 0.75:
        return Resolution(name, best, "ambiguous",
                          f"'{runner[1].name}' ({runner[1].cc}, {runner[1].kind}) scores close "
                          f"({runner[0]:.1f} against {best_s:.1f})",
                          best_s, runner[1], qualifier, metonymy, why)
    return Resolution(name, best, "resolved", "; ".join(why), best_s, runner[1] if runner else None,
                      qualifier, metonymy, why)


def _score(p: Place, name: str, ctx: Context, admin: bool, speaks: bool,
           same_name_city: bool = False) -> tuple[float, list[str]]:
    why: list[str] = []
    # A country or a named region outranks any town of the same name; a first-level region
    # named after its capital loses to the city unless the text says "province" (admin).
    prior = {"country": 9.0, "region": 7.0, "admin1": 1.0, "populated_place": 0.0}.get(p.kind, 0.0)
    if p.kind == "admin1" and not same_name_city:
        prior += 2.0  # Ontario is the province, not Ontario, California
    s = prior
    if p.kind == "populated_place":
        s += min(3.0, math.log10(max(p.population, 1)) / 2)
        if p.capital:
            s += 3.0
            why.append("a capital")
    if p.kind == "admin1":
        s += min(1.5, math.log10(max(p.population, 1)) / 4)
    if admin:
        if p.kind == "admin1":
            s += 4.0
            why.append("named as a region")
        elif p.kind == "populated_place":
            s -= 2.0
    if speaks and p.capital:
        s += 2.0
        why.append("metonymy: the capital speaks for its government")
    if fold(p.name) == fold(name):
        s += 0.5
    if p.cc and ctx.countries.get(p.cc):
        s += 2.0 + min(1.0, ctx.countries[p.cc] / 10)
        why.append(f"the article names {p.cc}")
    elif p.cc and ctx.corpus_countries.get(p.cc):
        s += 1.0
        why.append(f"the corpus names {p.cc}")
    why.insert(0, f"{p.kind}{' of ' + p.cc if p.cc else ''}")
    return s, why


def context_from_names(names: Iterable[str], gaz: Gazetteer) -> Counter:
    """Country codes named by a list of place names (countries count directly; other names
    count for their country only when all their candidates agree on it)."""
    out: Counter = Counter()
    for n in names:
        base, _ = split_admin(split_qualifier(n, gaz)[0])
        cands = gaz.candidates(base)
        code = country_code_of_acronym(base)
        if code and gaz.country.get(code):
            cands = [gaz.country[code], *cands]
        countries = [c for c in cands if c.kind == "country"]
        if countries:
            out[countries[0].cc] += 1
            continue
        ccs = {c.cc for c in cands if c.cc}
        if len(ccs) == 1:
            out[next(iter(ccs))] += 1
    return out
