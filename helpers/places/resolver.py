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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..gazetteer.curated import ACRONYM_COUNTRIES, country_code_of_acronym  # noqa: F401
from ..gazetteer.store import FAR_KM, Gazetteer, Place, km
from ..text.english import ADMIN_WORDS, DIRECTIONS, METONYMY_VERBS
from ..text.names import fold, is_acronym

_ADMIN_ALTERNATION = "|".join(sorted(ADMIN_WORDS))
ADMIN_AFTER = re.compile(rf"^\s+(?:{_ADMIN_ALTERNATION})\b", re.IGNORECASE)
"""An admin word right after a name: "Idlib *province*"."""
ADMIN_OF = re.compile(rf"^(?:the\s+)?(?:{_ADMIN_ALTERNATION})\s+of\s+(.+)$", re.IGNORECASE)
"""A name after an admin word: "the *state of* Ohio"."""
FIRST_WORD = re.compile(r"^[\s,]*(\w+)")
"""The first word after a name (skipping spaces and a comma)."""
BIG_UNIT_ACRONYM_MAX = 5
"""An all-capitals name of up to 5 letters ("E.U.", "NSW") names a country, admin1 or region,
never a town."""
AMBIGUOUS_MARGIN = 0.75
"""The best candidate is *ambiguous* when a far-away one scores within this margin of it."""


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


def split_admin(name: str) -> tuple[str, bool]:
    """`Idlib province` → (`Idlib`, True); `the state of Ohio` → (`Ohio`, True)."""
    words = name.split()
    if len(words) >= 2 and words[-1].lower().rstrip(".") in ADMIN_WORDS:
        return " ".join(words[:-1]), True
    m = ADMIN_OF.match(name)
    if m:
        return m.group(1), True
    return name, False


def admin_word_after(after: str) -> bool:
    """True when the text right after a name starts with an admin word (" province ...")."""
    return bool(ADMIN_AFTER.match(after))


def speaks_after(after: str) -> bool:
    """True when the word right after a name is a verb of speaking or acting ("said")."""
    m = FIRST_WORD.match(after)
    return bool(m) and m.group(1).lower() in METONYMY_VERBS


def split_qualifier(name: str, gaz: Gazetteer) -> tuple[str, str]:
    """`northwestern Syria` → (`Syria`, `northwestern`); `North Korea` stays whole."""
    words = name.split()
    if len(words) >= 2 and words[0].lower() in DIRECTIONS and not gaz.candidates(name):
        return " ".join(words[1:]), words[0].lower()
    return name, ""


def candidates(base: str, gaz: Gazetteer) -> tuple[str, list[Place]]:
    """The gazetteer's candidates for a name (without "the" when only that finds some, with the
    country an acronym abbreviates, and only big units for an all-capitals name)."""
    cands = gaz.candidates(base)
    if not cands and base.lower().startswith("the "):
        base = base[4:]
        cands = gaz.candidates(base)
    code = country_code_of_acronym(base)
    if code and gaz.country.get(code) and gaz.country[code] not in cands:
        cands = [gaz.country[code], *cands]
    if is_acronym(base, BIG_UNIT_ACRONYM_MAX):  # "E.U." is not Eu in Normandy
        cands = [c for c in cands if c.kind in ("country", "admin1", "region")]
    return base, cands


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
    base, cands = candidates(base, gaz)
    if not cands:
        return Resolution(name, None, "unresolved", "not in the gazetteer", qualifier=qualifier)
    speaks = speaks_after(after)
    city_admin1 = {c.admin1 for c in cands if c.kind == "populated_place"}
    ev = Evidence(base, ctx, admin, speaks)
    scored = sorted((_scored(p, ev, city_admin1) for p in cands), key=lambda c: (-c.score, c.place.id))
    best = scored[0]
    runner = next((c for c in scored[1:] if km(c.place, best.place) > FAR_KM), None)
    metonymy = speaks and best.place.capital
    if runner is not None and best.score - runner.score < AMBIGUOUS_MARGIN:
        return Resolution(name, best.place, "ambiguous",
                          f"'{runner.place.name}' ({runner.place.cc}, {runner.place.kind}) scores close "
                          f"({runner.score:.1f} against {best.score:.1f})",
                          best.score, runner.place, qualifier, metonymy, best.evidence)
    return Resolution(name, best.place, "resolved", "; ".join(best.evidence), best.score,
                      runner.place if runner else None, qualifier, metonymy, best.evidence)


@dataclass(frozen=True, slots=True)
class Scored:
    """One candidate with its score and the evidence recorded."""

    score: float
    evidence: list[str]
    place: Place


def _scored(p: Place, ev: Evidence, city_admin1: set[str]) -> Scored:
    s, why = score(p, replace(ev, same_name_city=p.kind == "admin1" and p.admin1 in city_admin1))
    return Scored(s, why, p)

@dataclass(frozen=True, slots=True)
class Evidence:
    """What the scoring rules know about the name being resolved."""

    name: str
    """The name as looked up (qualifier, admin word and a leading "the" removed)."""
    ctx: Context
    admin: bool
    """The text calls it a region ("Idlib province", "the state of Ohio")."""
    speaks: bool
    """A verb of speaking or acting follows the name ("Washington said")."""
    same_name_city: bool = False
    """The candidate is a first-level region with a city of the same name inside it."""


Points = tuple[float, str]
"""A scoring rule's points for a candidate, and the evidence it records ('' for none)."""
KIND_PRIOR = {"country": 9.0, "region": 7.0, "admin1": 1.0, "populated_place": 0.0}
"""Importance by kind: a country or a named region outranks any town of the same name."""


def kind_prior(p: Place, ev: Evidence) -> Points:
    """Importance by kind; a first-level region gains 2 (Ontario is the province, not Ontario,
    California) unless a city of its name lies in it (then the bare name is the city)."""
    prior = KIND_PRIOR.get(p.kind, 0.0)
    if p.kind == "admin1" and not ev.same_name_city:
        prior += 2.0
    return prior, ""


def town_population(p: Place, ev: Evidence) -> Points:
    """A populated place gains with its population: log10(people) / 2, at most 3."""
    if p.kind != "populated_place":
        return 0.0, ""
    return min(3.0, math.log10(max(p.population, 1)) / 2), ""


def capital_city(p: Place, ev: Evidence) -> Points:
    """A country's capital gains 3."""
    return (3.0, "a capital") if p.kind == "populated_place" and p.capital else (0.0, "")


def region_population(p: Place, ev: Evidence) -> Points:
    """A first-level region gains with its population: log10(people) / 4, at most 1.5."""
    if p.kind != "admin1":
        return 0.0, ""
    return min(1.5, math.log10(max(p.population, 1)) / 4), ""


def named_as_region(p: Place, ev: Evidence) -> Points:
    """When the text calls the name a region, a first-level region gains 4 and a town loses 2."""
    if not ev.admin:
        return 0.0, ""
    if p.kind == "admin1":
        return 4.0, "named as a region"
    return (-2.0, "") if p.kind == "populated_place" else (0.0, "")


def capital_speaks(p: Place, ev: Evidence) -> Points:
    """A capital that speaks or acts gains 2: it stands for its government (metonymy)."""
    return (2.0, "metonymy: the capital speaks for its government") if ev.speaks and p.capital else (0.0, "")


def exact_name(p: Place, ev: Evidence) -> Points:
    """A candidate whose main name is the name (not an alternate name) gains 0.5."""
    return (0.5, "") if fold(p.name) == fold(ev.name) else (0.0, "")


def named_country(p: Place, ev: Evidence) -> Points:
    """A candidate in a country the article names gains 2 (plus up to 1 with how often);
    else one in a country the corpus names gains 1."""
    if p.cc and ev.ctx.countries.get(p.cc):
        return 2.0 + min(1.0, ev.ctx.countries[p.cc] / 10), f"the article names {p.cc}"
    if p.cc and ev.ctx.corpus_countries.get(p.cc):
        return 1.0, f"the corpus names {p.cc}"
    return 0.0, ""


SCORING_RULES: tuple[Callable[[Place, Evidence], Points], ...] = (
    kind_prior, town_population, capital_city, region_population, named_as_region, capital_speaks,
    exact_name, named_country)
"""The evidence a candidate's score adds up, in order; each rule's recorded evidence becomes
part of the `reason`."""


def score(p: Place, ev: Evidence) -> tuple[float, list[str]]:
    """A candidate's score (the sum of `SCORING_RULES`) and the evidence recorded."""
    s = 0.0
    why = [f"{p.kind}{' of ' + p.cc if p.cc else ''}"]
    for rule in SCORING_RULES:
        points, reason = rule(p, ev)
        s += points
        if reason:
            why.append(reason)
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
