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
- **focus**: a small namesake outside every country the article names loses, once the
  article names some;
- **containment and nearness**: a candidate in a first-level region the article names, or near
  a place of the article resolved without doubt, gains (Springfield beside Illinois);
- **feature type**: the words around the name pick the kind ("flights from Heathrow" is the
  airport; "Kent County Council" the county);
- **not a place** (`NOT_A_PLACE_RULES`): a lowercase common noun ("tsunami"), a generic word or
  a bare compass direction ("South West") that no country of the article supports, "the" and
  a thing ("the Dome"), or a small far-away namesake that none of the article's places
  supports, is left unresolved with its reason rather than placed far away;
- **overrides**: the user's `data/places.csv` (`name, gazetteer_id` or `name, lat, lon,
  country_code, feature_kind`) is applied first and always wins.

A name with no candidate is *unresolved*; one whose two best candidates score close and lie
far apart is *ambiguous*. Both are listed with the reason, never dropped silently. Every
resolution keeps the candidates it weighed (`Resolution.candidates`: name, country, kind, score,
the evidence for and against each), which `places.csv` stores as JSON.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..gazetteer.curated import ACRONYM_COUNTRIES, country_code_of_acronym, state_code_of_abbreviation  # noqa: F401
from ..gazetteer.store import FAR_KM, Gazetteer, Place, km
from ..text.english import (
    ADMIN_WORDS,
    AIR_TRAVEL_WORDS,
    CARDINAL_POINTS,
    DIRECTIONS,
    GENERIC_WORDS,
    METONYMY_VERBS,
)
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
KEPT_CANDIDATES = 5
"""How many of the best candidates a resolution keeps, with their evidence, for `places.csv`."""
NEAR_KM = 150.0
"""A candidate this close to a place of the article resolved without doubt is near it."""
SMALL_TOWN = 100_000
"""A town below this many people needs support from the article to be placed abroad."""
LOCAL_KINDS = frozenset({"populated_place", "admin2", "airport", "landmark"})
"""Kinds of place small enough for nearness and support to matter."""
_AIRPORT_VERBS = "|".join(sorted(AIR_TRAVEL_WORDS, key=lambda w: (-len(w), w)))
AIRPORT_BEFORE = re.compile(rf"\b(?:{_AIRPORT_VERBS})\s+(?:from|to|into|at|out\s+of|via)\s+(?:the\s+)?$",
                            re.IGNORECASE)
"""The words before an airport's name: "flights *from* Heathrow", "landed at Gatwick"."""
AIRPORT_AFTER = re.compile(r"^\s+(?:airport|terminal|runway)s?\b", re.IGNORECASE)
"""The words after an airport's name: "Heathrow *airport*", "Gatwick's terminal"."""
THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
"""A name right after "the" ("the Dome")."""
ADMIN_BEFORE = re.compile(rf"\b(?:{_ADMIN_ALTERNATION})\s+of\s+$", re.IGNORECASE)
"""An admin word and "of" before a name: "the county *of* Kent"."""


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
    candidates: list[dict] = field(default_factory=list)
    """The best candidates weighed (`KEPT_CANDIDATES`), best first: `name, country, kind, id,
    score, for, against` (the evidence that added and that took away points)."""
    runner_up_score: float | None = None


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
    admin1s: Counter = field(default_factory=Counter)
    """First-level region codes (`US.IL`) the article names, or holding a place it names."""
    anchors: tuple[Place, ...] = ()
    """Places of the article resolved without doubt (one candidate, or no close runner-up)."""
    regions_named: Counter = field(default_factory=Counter)
    """Per country code, how many of its first-level regions the article names without doubt."""

    @property
    def focus(self) -> int:
        """How many country mentions the article's focus rests on (0: none)."""
        return sum(self.countries.values())


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


def feature_cue(before: str, after: str) -> str:
    """The kind of feature the words around a name call for: `airport` ("flights from X", "X
    airport"), `region` ("the county of X"), else ''. An admin word right after the name is
    read by `admin_word_after`."""
    if AIRPORT_BEFORE.search(before) or AIRPORT_AFTER.match(after):
        return "airport"
    if ADMIN_BEFORE.search(before):
        return "region"
    return ""


def containing_units(name: str, gaz: Gazetteer) -> frozenset[str]:
    """The codes of the countries and first-level regions called `name` ("Texas" -> US.TX,
    "France" -> FR), or of the US state a postal code or AP abbreviation names ("TN",
    "Tenn." -> US.TN, `state_code_of_abbreviation`); empty for any other name."""
    if not name:
        return frozenset()
    state = state_code_of_abbreviation(name)
    if state:
        return frozenset({state})
    _, cands = candidates(name, gaz)
    return frozenset(c.admin1 if c.kind == "admin1" else c.cc for c in cands
                     if c.kind in ("admin1", "country") and (c.admin1 or c.cc))


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


def with_whole_name(whole: str, looked_up: str, cands: list[Place], gaz: Gazetteer) -> tuple[str, list[Place]]:
    """The candidates of a name with its admin word too ("Coast Province", Kenya's former
    province, beside whatever "Coast" finds; "Kent County" in Michigan beside Kent, England),
    for the scoring to choose among; the whole name is the one looked up when the short one
    finds nothing."""
    more = [c for c in gaz.candidates(whole) if c not in cands]
    if not more:
        return looked_up, cands
    return (looked_up if cands else whole), [*more, *cands]


def candidates(base: str, gaz: Gazetteer, the_before: bool = False) -> tuple[str, list[Place]]:
    """The gazetteer's candidates for a name (without "the" when only that finds some; with it
    too when the text writes "the" before the name and a named region has the name with it,
    "the Sahara", "the Negev"; with the country an acronym abbreviates, and only big units for
    an all-capitals name)."""
    cands = gaz.candidates(base)
    if the_before and not base.lower().startswith("the "):  # only a named region: "the Quarter" is no Anguillan district
        cands = [*(c for c in gaz.candidates("the " + base) if c.kind == "region" and c not in cands), *cands]
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
            overrides: dict[str, Place] | None = None, admin_hint: bool = False, before: str = "",
            cue: str = "", the_before: bool = False, container: str = "", person: str = "") -> Resolution:
    """Resolve one place name; `after` and `before` are the text around it (metonymy, feature
    type), `cue` a feature kind already read from the words around its mentions, `the_before`
    that they follow "the", `container` a name right after a comma ("Paris, Texas"), `person`
    the person of the same articles whose name this is ("Clinton" for Hillary Clinton)."""
    ctx = ctx or Context()
    overrides = overrides or {}
    base, qualifier = split_qualifier(name.strip(), gaz)
    full = base  # with its admin word, if it has one
    base, admin = split_admin(full)
    cue = cue or feature_cue(before, after)
    admin = admin or admin_hint or cue == "region"
    if fold(name) in overrides or fold(base) in overrides:
        p = overrides.get(fold(name)) or overrides[fold(base)]
        return Resolution(name, p, "resolved", "user override (places.csv)", 99.0, qualifier=qualifier,
                          evidence=["places.csv"])
    looked_up, cands = candidates(base, gaz, the_before or bool(THE_BEFORE.search(before)))
    if full != base:  # "Coast Province" looked up whole too
        looked_up, cands = with_whole_name(full, looked_up, cands, gaz)
    if not cands:
        return Resolution(name, None, "unresolved", "not in the gazetteer", qualifier=qualifier)
    speaks = speaks_after(after)
    city_admin1 = {c.admin1 for c in cands if c.kind == "populated_place"}
    biggest_town = max((c.population for c in cands if c.kind == "populated_place"
                        and fold(c.name) == fold(looked_up)), default=0)
    big = any(c.kind in ("country", "region", "admin1") and fold(c.name) == fold(looked_up) for c in cands)
    ev = Evidence(looked_up, ctx, admin, speaks, cue=cue, big_unit=big, person=person,
                  container=containing_units(container, gaz),
                  dropped_the=looked_up != base or the_before or bool(THE_BEFORE.search(before)))
    scored = sorted((_scored(p, ev, city_admin1, biggest_town) for p in cands), key=lambda c: (-c.score, c.place.id))
    kept = [c.as_record() for c in scored[:KEPT_CANDIDATES]]
    best = scored[0]
    runner = next((c for c in scored[1:] if km(c.place, best.place) > FAR_KM), None)
    for rule in NOT_A_PLACE_RULES:
        why_not = rule(name, ev, scored)
        if why_not:
            return Resolution(name, None, "unresolved", why_not, qualifier=qualifier, candidates=kept,
                              runner_up=best.place, runner_up_score=best.score)
    metonymy = speaks and best.place.capital
    r_score = runner.score if runner else None
    if runner is not None and best.score - runner.score < AMBIGUOUS_MARGIN:
        return Resolution(name, best.place, "ambiguous",
                          f"'{runner.place.name}' ({runner.place.cc}, {runner.place.kind}) scores close "
                          f"({runner.score:.1f} against {best.score:.1f})",
                          best.score, runner.place, qualifier, metonymy, best.evidence, kept, r_score)
    return Resolution(name, best.place, "resolved", "; ".join(best.evidence), best.score,
                      runner.place if runner else None, qualifier, metonymy, best.evidence, kept, r_score)


@dataclass(frozen=True, slots=True)
class Scored:
    """One candidate with its score and the evidence recorded."""

    score: float
    evidence: list[str]
    place: Place
    parts: tuple[tuple[str, float], ...] = ()
    """Every rule that gave points: (what it says, points)."""

    def as_record(self) -> dict:
        """The candidate as `places.csv` keeps it (JSON): the evidence for and against it."""
        p = self.place
        return {"name": p.name, "country": p.cc, "kind": p.kind, "id": p.id, "score": round(self.score, 2),
                "for": [f"{w} (+{pts:.1f})" for w, pts in self.parts if pts > 0],
                "against": [f"{w} ({pts:.1f})" for w, pts in self.parts if pts < 0]}


def _scored(p: Place, ev: Evidence, city_admin1: set[str], biggest_town: int = 0) -> Scored:
    """`p` scored; a first-level region counts as sharing its name with a city when a city of
    its name lies in it, or when a town of exactly its name anywhere has more people than it
    (Manchester, England, over the Jamaican parish)."""
    e = replace(ev, same_name_city=p.kind == "admin1" and (p.admin1 in city_admin1 or p.population < biggest_town))
    s, why = score(p, e)
    return Scored(s, why, p, tuple(_parts(p, e)))


def _parts(p: Place, ev: Evidence) -> list[tuple[str, float]]:
    out = []
    for rule in SCORING_RULES:
        points, reason = rule(p, ev)
        if points:
            out.append((reason or rule.__name__.replace("_", " "), round(points, 2)))
    return out


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
    cue: str = ""
    """The kind the words around the name call for (`airport`, `region`, or '')."""
    container: frozenset[str] = frozenset()
    """The first-level region codes and country codes named right after a comma."""
    person: str = ""
    """A person the same articles name, whose name (or surname) this is."""
    big_unit: bool = False
    """A country, named region or first-level region has exactly this name: nearness and
    containment do not make a town of another name beat it ("Mexico" is not Mexico City)."""
    dropped_the: bool = False
    """The name follows "the", or was found only without it ("the Dome" as Dome)."""


Points = tuple[float, str]
"""A scoring rule's points for a candidate, and the evidence it records ('' for none)."""
KIND_PRIOR = {"country": 9.0, "region": 7.0, "admin1": 1.0, "admin2": 0.5, "populated_place": 0.0,
              "airport": 1.0, "landmark": 1.0}
"""Importance by kind: a country or a named region outranks any town of the same name; a county
or district gains with its population besides (`division_population`)."""


def kind_prior(p: Place, ev: Evidence) -> Points:
    """Importance by kind; a first-level region gains 2 (Ontario is the province, not Ontario,
    California) unless a city of its name lies in it or a bigger town of its name lies anywhere
    (then the bare name is the city: Manchester is England's, not Jamaica's parish)."""
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


def division_population(p: Place, ev: Evidence) -> Points:
    """A second-level division (county, district) gains with its population: log10(people) / 3,
    at most 2, so a county of a million (Surrey) outranks a town of a few thousand of its name
    and a city of its name (Santa Clara, the city) keeps the bare name."""
    if p.kind != "admin2":
        return 0.0, ""
    return min(2.0, math.log10(max(p.population, 1)) / 3), ""


def named_as_region(p: Place, ev: Evidence) -> Points:
    """When the text calls the name a region, a first- or second-level region gains 4 and a town
    loses 2 ("Idlib province", "Kent County Council")."""
    if not ev.admin:
        return 0.0, ""
    if p.kind in ("admin1", "admin2"):
        return 4.0, "named as a region"
    return (-2.0, "") if p.kind == "populated_place" else (0.0, "")


def capital_speaks(p: Place, ev: Evidence) -> Points:
    """A capital called by this name that speaks or acts gains 2: it stands for its government
    (metonymy); not Mexico City for "Mexico said", which is the country speaking."""
    if ev.speaks and p.capital and fold(p.name) == fold(ev.name):
        return 2.0, "metonymy: the capital speaks for its government"
    return 0.0, ""


def exact_name(p: Place, ev: Evidence) -> Points:
    """A candidate whose main name is the name (not an alternate name) gains 0.5."""
    return (0.5, "") if fold(p.name) == fold(ev.name) else (0.0, "")


def named_country(p: Place, ev: Evidence) -> Points:
    """The article's focus: a candidate in a country the article names gains 2 (plus up to 1
    with how often); else one in a country the corpus names gains 1."""
    if p.cc and ev.ctx.countries.get(p.cc):
        return 2.0 + min(1.0, ev.ctx.countries[p.cc] / 10), f"the article names {p.cc}"
    if p.cc and ev.ctx.corpus_countries.get(p.cc):
        return 1.0, f"the corpus names {p.cc}"
    return 0.0, ""


def outside_focus(p: Place, ev: Evidence) -> Points:
    """A small town, county or building (not a capital, under `SMALL_TOWN` people) in none of
    the countries the article names loses 1.5, once the article names countries at least twice:
    a small namesake abroad needs support. A capital or a big city abroad keeps its score
    ("talks in Paris" in an article about the United States is still Paris, France)."""
    if p.kind not in LOCAL_KINDS or ev.ctx.focus < 2 or ev.ctx.countries.get(p.cc) or p.capital \
            or p.population >= SMALL_TOWN:
        return 0.0, ""
    return -1.5, "outside the countries the article names"


def in_named_region(p: Place, ev: Evidence) -> Points:
    """Containment: a candidate in a first-level region the article names (or holding a place
    it names) gains 2.5 (Springfield in an article about Illinois)."""
    if p.kind == "admin1" or ev.big_unit or not p.admin1 or not ev.ctx.admin1s.get(p.admin1):
        return 0.0, ""
    return 2.5, f"in {p.admin1}, which the article names"


def holds_named_place(p: Place, ev: Evidence) -> Points:
    """Containment the other way: a first-level region holding a place the article names
    without doubt gains 2.5 (Georgia beside Atlanta and Fulton County is the state), unless a
    city of its very name lies in it (São Paulo beside Guarulhos is still the city)."""
    if p.kind != "admin1" or ev.same_name_city or not p.admin1 or not ev.ctx.admin1s.get(p.admin1):
        return 0.0, ""
    return 2.5, f"holds a place the article names ({p.admin1})"


def named_after_comma(p: Place, ev: Evidence) -> Points:
    """Containment said outright: a candidate in the region or country named right after a
    comma gains 4 ("Paris, Texas"; "Springfield, Illinois")."""
    if not ev.container or p.kind in ("country", "region"):
        return 0.0, ""
    if (p.admin1 and p.admin1 in ev.container and p.kind != "admin1") or (p.cc in ev.container):
        return 4.0, "in the region or country named after it"
    return 0.0, ""


def beside_sibling_regions(p: Place, ev: Evidence) -> Points:
    """A first-level region gains 3 when the article names two or more other first-level
    regions of its country (Georgia in a list of US states is the state)."""
    if p.kind != "admin1" or ev.ctx.regions_named.get(p.cc, 0) < 2:
        return 0.0, ""
    return 3.0, f"beside {ev.ctx.regions_named[p.cc]} regions of {p.cc} the article names"


def near_named_place(p: Place, ev: Evidence) -> Points:
    """Nearness: a town, county or building within `NEAR_KM` of a place the article names
    without doubt gains 1.5 (Westminster beside London)."""
    if p.kind not in LOCAL_KINDS or ev.big_unit:
        return 0.0, ""
    for a in ev.ctx.anchors:
        if a.id != p.id and a.kind in LOCAL_KINDS and km(a, p) <= NEAR_KM:
            return 1.5, f"near {a.name}"
    return 0.0, ""


def fits_feature_cue(p: Place, ev: Evidence) -> Points:
    """The feature type the words around call for: an airport gains 5 after "flights from"
    or before "airport"; a town or district of the same name loses 1 there."""
    if ev.cue != "airport":
        return 0.0, ""
    if p.kind == "airport":
        return 5.0, "the words around it name an airport"
    return (-1.0, "the words around it name an airport") if p.kind in ("populated_place", "admin2") else (0.0, "")


SCORING_RULES: tuple[Callable[[Place, Evidence], Points], ...] = (
    kind_prior, town_population, capital_city, region_population, division_population, named_as_region,
    capital_speaks,
    exact_name, named_country, outside_focus, in_named_region, holds_named_place, named_after_comma,
    beside_sibling_regions,
    near_named_place, fits_feature_cue)
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


# ---------------------------------------------------------------- not a place

def _supported(scored: list[Scored], ev: Evidence) -> bool:
    """Some candidate lies in a country the article (or the corpus) names."""
    return any(ev.ctx.countries.get(c.place.cc) or ev.ctx.corpus_countries.get(c.place.cc) for c in scored)


def lowercase_common_noun(name: str, ev: Evidence, scored: list[Scored]) -> str:
    """A name written without a capital letter ("tsunami") is a common noun, not a place."""
    if any(ch.isupper() for ch in name):
        return ""
    return f"'{name}' is written in lower case: a common noun, not a place name"


def a_persons_name(name: str, ev: Evidence, scored: list[Scored]) -> str:
    """The name (or surname) of a person the article names ("Clinton" after Hillary Clinton,
    "May" after Theresa May) is that person, not a small town; a country, a region, a capital
    or a city of `SMALL_TOWN` people or more keeps its place ("London" beside Jack London)."""
    best = scored[0].place
    if not ev.person or best.kind in ("country", "region", "admin1") or best.capital \
            or best.population >= SMALL_TOWN:
        return ""
    return f"'{name}' is the name of {ev.person}, whom the article names; not placed"


def generic_or_compass_word(name: str, ev: Evidence, scored: list[Scored]) -> str:
    """A generic word or compass direction alone ("South West", "the North", "Capital") names a
    place only when a candidate lies in a country the article names."""
    words = fold(name).removeprefix("the ").replace("-", " ").split()
    generic = GENERIC_WORDS | CARDINAL_POINTS | DIRECTIONS
    if scored[0].place.kind == "region" or not words or not all(w in generic for w in words) \
            or _supported(scored, ev):
        return ""
    return (f"'{name}' is a generic word or a compass direction, and no candidate "
            f"({scored[0].place.name}, {scored[0].place.cc}) lies in a country the article names")


def the_and_a_thing(name: str, ev: Evidence, scored: list[Scored]) -> str:
    """"The" and one word that the gazetteer knows only without "the" ("the Dome") is a thing or
    a building, unless a candidate lies in a country the article names or the text calls it a
    region ("the Somme region")."""
    best = scored[0].place
    if not ev.dropped_the or ev.admin or len(ev.name.split()) != 1 or best.kind not in LOCAL_KINDS or best.capital \
            or best.population >= SMALL_TOWN or _supported(scored, ev):
        return ""
    return (f"'{name}' reads as a thing or a building; {ev.name} ({scored[0].place.cc}) lies in no "
            "country the article names")


def unsupported_small_place(name: str, ev: Evidence, scored: list[Scored]) -> str:
    """A small town (or county, airport) abroad that none of the article's places supports is
    left unresolved, once the article has a focus: no candidate in a country the article names,
    none near its places, the best under `SMALL_TOWN` people and not a capital named by its own
    name ("Suba", another spelling of Suva, in an article about Kenya is not Fiji's capital)."""
    best = scored[0].place
    named_capital = best.capital and _letters(best.name) == _letters(ev.name)  # "Nukualofa" is Nuku‘alofa
    if ev.ctx.focus < 2 or best.kind not in LOCAL_KINDS or named_capital or best.population >= SMALL_TOWN:
        return ""
    if any(ev.ctx.countries.get(c.place.cc) for c in scored) or any(
            km(a, c.place) <= NEAR_KM for a in ev.ctx.anchors for c in scored):
        return ""
    named = ", ".join(cc for cc, _ in ev.ctx.countries.most_common(3))
    return (f"no candidate lies in the countries the article names ({named}); the best, "
            f"{best.name} ({best.cc}, {best.population:,} people), has no support in the article")


def _letters(name: str) -> str:
    """A name's letters and digits only, folded: spellings that differ by an apostrophe, a
    hyphen or a space are one name."""
    return re.sub(r"[\W_]+", "", fold(name))


NOT_A_PLACE_RULES: tuple[Callable[[str, Evidence, list[Scored]], str], ...] = (
    lowercase_common_noun, a_persons_name, generic_or_compass_word, the_and_a_thing, unsupported_small_place)
"""The not-a-place evidence, in order: the first that gives a reason leaves the name unresolved
with that reason (its candidates kept)."""


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
