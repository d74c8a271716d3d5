"""Where the story happens: the corpus's place entities on the gazetteer.

One resolution per place entity (GPE, LOC, FAC) (`resolver.resolve`), with as context the
countries and first-level regions named in the articles that mention it (its focus) and in the
whole corpus, the places of those articles resolved without doubt (a first pass: nearness and
containment), the words around each mention (metonymy: "Washington said"; hierarchy: "Idlib
province"; feature type: "flights from Heathrow"), and the user's `data/places.csv`. Then the
places named inside organisations' names, and the countries reached through demonyms, each
as their own rows. Names the tagger typed ORG, PERSON, NORP or PRODUCT are places too when the
gazetteer has them and the text says so (`recovered_places`: "infected in Glasgow", "Krasnodar,
Russia", "Cairo, Giza and Luxor"), never common words or the people the articles name.
Unresolved and ambiguous names are kept in the table with the reason, and every row keeps the candidates weighed (`candidates`, JSON) and its runner-up (`runner_up`);
`close_calls` lists the ambiguous and close ones.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..gazetteer import countries
from ..text.english import (
    ADMIN_WORDS,
    GENERIC_WORDS,
    MONTH_NAMES,
    PLACE_HEADS,
    PREPOSITIONS,
    STOP_WORDS,
    TITLE_WORDS,
    VAGUE_PROVINCE_NAMES,
    WEEKDAY_NAMES,
)
from ..text.labels import PLACE_TYPES
from ..text.names import fold, is_acronym
from .resolver import (
    LOCAL_KINDS,
    THE_BEFORE,
    Context,
    Gazetteer,
    Place,
    Resolution,
    admin_word_after,
    candidates,
    containing_units,
    context_from_names,
    feature_cue,
    resolve,
    speaks_after,
)

AFTER_CHARS = 40
"""How much of the text after a mention is read for an admin word or a speaking verb."""
CONTAINER_AFTER = re.compile(r"^,\s+((?:[A-Z][\w.'’-]+)(?:\s+[A-Z][\w.'’-]+)?)")
"""A capitalised name right after a comma: "Paris, Texas", "Springfield, Illinois"."""
LAST_WORD = re.compile(r"(\w+)\s+$")
"""The last word before a mention."""
ANCHOR_MARGIN = 2.0
"""A place resolved with no far-away candidate within this many points is resolved without
doubt: it becomes a neighbour that the article's other names are weighed against."""
CLOSE_CALL_MARGIN = 1.5
"""`close_calls` lists a place whose runner-up scored within this many points of it."""
RECOVERED_TYPES = frozenset({"ORG", "PERSON", "NORP", "PRODUCT"})
"""Types the tagger gives place names it mistakes ("Glasgow" PERSON, "Malakal" ORG): their
entities are read again for the evidence of a place (`RECOVERY_EVIDENCE`)."""
BIG_KINDS = frozenset({"country", "admin1", "region"})
"""Kinds of place that a name of exactly theirs is evidence enough for."""
PLACE_PREPOSITION_BEFORE = re.compile(r"(?<![\w-])(?:in|at|from|near)\s+$")
"""A locative preposition right before a name ("in Glasgow", "flights into Malakal": not "into")."""
PLACE_PREPOSITION_THE_BEFORE = re.compile(r"(?<![\w-])(?:in|at|from|near)\s+the\s+$")
"""The same with "the", which counts when a common noun follows the name ("in the Glasgow area",
"at the Pirbright laboratory")."""
LOWER_NOUN_AFTER = re.compile(r"^\s+[a-z]{3,}\b")
"""A lower-case word right after a name."""
_PLACE_OF = "|".join(sorted(PLACE_HEADS | ADMIN_WORDS | {"village", "villages"}))
PLACE_NOUN_OF_BEFORE = re.compile(rf"\b(?:{_PLACE_OF})\s+of\s+$", re.IGNORECASE)
"""A place noun and "of" right before a name ("the island of Java", "the town of Pulawy")."""
LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")
"""What joins two names of one list ("Cairo, Giza", "Kisumu and Rift Valley")."""
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“]\s*|\n\s*)$")
"""Nothing but a sentence's end (or the text's start) before a word."""
_COMMON_WORDS = (frozenset(w.lower() for w in (*MONTH_NAMES, *WEEKDAY_NAMES)) | STOP_WORDS | GENERIC_WORDS
                 | VAGUE_PROVINCE_NAMES)
ORG_PLACE = re.compile(r"\b(?:of|in|at)\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})$")
"""A place closing an organisation's name: "University of Beirut", "Bank of England"."""


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One row of `places.csv`: a place entity (or a place reached through one) and why it is there."""

    entity_id: str
    name: str
    lat: float | None
    lon: float | None
    country_code: str
    feature_kind: str
    n_mentions: int
    status: str
    reason: str
    gazetteer_id: str
    gazetteer_name: str
    metonymy: bool
    via: str
    """'' for a place entity; `named in '<organisation>'`; `demonym of <country>`."""
    candidates: str = "[]"
    """The candidates weighed, best first, as JSON: `name, country, kind, id, score, for, against`."""
    runner_up: str = ""
    """The best candidate far from the chosen one, with its score ('' when none): hover text."""


PLACE_COLUMNS = [f.name for f in fields(PlaceRow)]


def place_row(entity_id: str, name: str, n: int, r: Resolution, via: str) -> PlaceRow:
    """The row of one resolution."""
    p = r.place
    return PlaceRow(entity_id=entity_id, name=name, lat=round(p.lat, 5) if p else None,
                    lon=round(p.lon, 5) if p else None, country_code=p.cc if p else "",
                    feature_kind=p.kind if p else "", n_mentions=n, status=r.status, reason=r.reason,
                    gazetteer_id=p.id if p else "", gazetteer_name=p.name if p else "",
                    metonymy=bool(r.metonymy), via=via,
                    candidates=json.dumps(r.candidates, ensure_ascii=False), runner_up=runner_up_text(r))


def runner_up_text(r: Resolution) -> str:
    """"Westminster (US, populated_place): 3.2 against 6.1" for the runner-up of a resolution (for
    an unresolved name: the best candidate, which was not taken), or ''."""
    q = r.runner_up
    if q is None or r.runner_up_score is None:
        return ""
    if r.place is None:
        return f"{q.name} ({q.cc or '-'}, {q.kind}): {r.runner_up_score:.1f}, not taken"
    return f"{q.name} ({q.cc or '-'}, {q.kind}): {r.runner_up_score:.1f} against {r.score:.1f}"


@dataclass(frozen=True)
class PlaceInputs:
    """What the passes read: the entity stage's tables, the texts, the gazetteer, the overrides,
    and the corpus's context (the countries its place entities name, by mentions)."""

    entities: pd.DataFrame
    mentions: pd.DataFrame
    relations: pd.DataFrame
    texts: dict[str, str]
    gaz: Gazetteer
    overrides: dict[str, Place]
    ctx: Context
    doc_countries: dict[str, dict[str, Counter]] = field(default_factory=dict)
    """Per article and place entity: the countries its mentions there name."""
    recovered: dict[str, str] = field(default_factory=dict)
    """Entities the tagger did not call places that are (`recovered_places`): id -> why."""
    within_recovered: frozenset[str] = frozenset()
    """Place entities named only inside the name of a recovered one (`within_recovered_names`)."""

    @cached_property
    def countries_by_entity(self) -> dict[str, Counter]:
        """Per place entity, the countries its mentions name in the whole corpus (the sum of
        `doc_countries` over the articles), summed once rather than once per entity."""
        out: dict[str, Counter] = defaultdict(Counter)
        for by_entity in self.doc_countries.values():
            for eid, codes in by_entity.items():
                out[eid].update(codes)
        return dict(out)

    @property
    def place_entities(self) -> pd.DataFrame:
        """The entities whose type is a place type, and those recovered as places, less those
        named only inside a recovered place's name."""
        e = self.entities
        keep = (e["type"].isin(PLACE_TYPES) | e["entity_id"].isin(self.recovered)) & ~e["entity_id"].isin(
            self.within_recovered)
        return e[keep]


def corpus_context(place_ents: pd.DataFrame, gaz: Gazetteer) -> Context:
    """The countries the place entities name, each weighted by the entity's mentions."""
    weights: Counter = Counter()
    for name, n in zip(place_ents["name"], place_ents["n_mentions"]):
        for cc, k in context_from_names([name], gaz).items():
            weights[cc] += int(n) * k
    return Context(countries=weights)


def countries_by_article(place_ents: pd.DataFrame, mentions: pd.DataFrame,
                         gaz: Gazetteer) -> dict[str, dict[str, Counter]]:
    """Per article, the countries each place entity's mentions there name (each mention counts
    once), so that an entity's own name can be left out of its context."""
    codes = {eid: context_from_names([name], gaz) for eid, name in zip(place_ents["entity_id"], place_ents["name"])}
    out: dict[str, dict[str, Counter]] = {}
    for eid, d in zip(mentions["entity_id"], mentions["doc_id"]):
        if codes.get(eid):
            out.setdefault(d, {}).setdefault(eid, Counter()).update(codes[eid])
    return out


@dataclass(frozen=True, slots=True)
class Around:
    """What the words around an entity's mentions say, voted over its mentions."""

    docs: tuple[str, ...]
    after: str
    admin: bool
    cue: str
    container: str = ""
    """The name after a comma at most mentions ("Paris, *Texas*"), when one follows."""
    the_before: bool = False
    """Most mentions follow "the" ("the Dome")."""


def words_around(spans: list[tuple[str, int, int]], texts: dict[str, str]) -> Around:
    """An admin word after most mentions means the region; a speaking verb after a third of them,
    metonymy; a feature cue ("flights from") at a third of them, that kind of feature."""
    afters = [texts[d][end:end + AFTER_CHARS] for d, _, end in spans]
    befores = [texts[d][max(0, start - AFTER_CHARS):start] for d, start, _ in spans]
    n = max(1, len(spans))
    admin = sum(admin_word_after(a) for a in afters) * 2 > n
    speaking = [a for a, b in zip(afters, befores) if speaks_after(a) and not object_of_preposition(b)]
    containers = Counter(m.group(1) for m in (CONTAINER_AFTER.match(a) for a in afters) if m)
    container = containers.most_common(1)[0][0] if containers and containers.most_common(1)[0][1] * 2 >= n else ""
    cues = Counter(c for c in (feature_cue(b, a) for b, a in zip(befores, afters)) if c)
    cue = cues.most_common(1)[0][0] if cues and cues.most_common(1)[0][1] * 3 >= n else ""
    the_before = sum(bool(THE_BEFORE.search(b)) for b in befores) * 2 > n
    return Around(tuple(sorted({d for d, _, _ in spans})), speaking[0] if len(speaking) * 3 >= n else "",
                  admin, cue, container, the_before)


def object_of_preposition(before: str) -> bool:
    """True when the word before a mention is a preposition ("residents *of* Paris said"): the
    place is not the subject that speaks."""
    m = LAST_WORD.search(before)
    return bool(m) and m.group(1).lower() in PREPOSITIONS


def article_context(inp: PlaceInputs, eid: str, docs: tuple[str, ...], anchors: dict[str, list[Place]],
                    exclude: str = "") -> Context:
    """The context of entity `eid`: the countries the other place names of the articles that
    mention it name (their focus), the corpus's, and those articles' places resolved without
    doubt (other than itself). Its own name never supports itself ("the Dome" is no evidence
    that the article is about Ghana)."""
    countries: Counter = Counter()
    for d in docs:
        for other, codes in inp.doc_countries.get(d, {}).items():
            if other != eid:
                countries.update(codes)
    corpus = inp.ctx.countries - inp.countries_by_entity.get(eid, Counter())
    near = [p for d in docs for p in anchors.get(d, []) if p.id != exclude]
    admin1s = Counter(p.admin1 for p in near if p.admin1)
    if not inp.doc_countries:  # no article-level counts (a table without documents): the corpus's
        countries = inp.ctx.countries
    regions = Counter(p.cc for p in {q.id: q for q in near if q.kind == "admin1"}.values())
    return Context(countries=countries, corpus_countries=corpus, admin1s=admin1s,
                   anchors=tuple(p for p in near if p.kind in LOCAL_KINDS), regions_named=regions)


def persons_by_article(inp: PlaceInputs) -> dict[str, dict[str, str]]:
    """Per article, the people it names, by their full name, their last name and their first
    name (folded): "Itamar" after Itamar Ben-Gvir is him, not the village near Jerusalem."""
    ents = inp.entities
    people = ents[ents["type"] == "PERSON"]
    # Each person's three keys are folded once, not once per mention.
    keys = {eid: person_keys(full) for eid, full in zip(people["entity_id"].tolist(), people["name"].tolist())
            if full and len(full.split()) >= 2}
    out: dict[str, dict[str, str]] = {}
    for eid, d in zip(inp.mentions["entity_id"].tolist(), inp.mentions["doc_id"].tolist()):
        named = keys.get(eid)
        if named:
            out.setdefault(d, {}).update(named)
    return out


def person_keys(full: str) -> dict[str, str]:
    """A person's name, last name and first name, folded, each -> the full name; no first name
    for a "person" whose last word is a place's head word (the tagger's "Randwick Racecourse")."""
    words = full.split()
    keys = {fold(full): full, fold(words[-1]): full}
    if words[-1].lower() not in PLACE_HEADS:
        keys[fold(words[0])] = full
    return keys


def person_named(name: str, docs: tuple[str, ...], people: dict[str, dict[str, str]]) -> str:
    """The person of these articles whose name, last name or first name `name` is, or ''."""
    key = fold(name)
    return next((people[d][key] for d in docs if key in people.get(d, {})), "")


def _resolve_entity(inp: PlaceInputs, e: object, around: Around, ctx: Context, person: str = "") -> Resolution:
    r = resolve(e.name, inp.gaz, ctx, after=around.after, overrides=inp.overrides,  # type: ignore[attr-defined]
                admin_hint=around.admin, cue=around.cue, the_before=around.the_before,
                container=around.container, person=person)
    if r.place is None and r.reason == "not in the gazetteer":
        for alias in str(e.aliases).split(" | "):  # type: ignore[attr-defined]
            alt = resolve(alias, inp.gaz, ctx, after=around.after, overrides=inp.overrides,
                          admin_hint=around.admin, cue=around.cue, the_before=around.the_before,
                          container=around.container)
            if alt.place is not None:
                return alt
    return r


def place_entities(inp: PlaceInputs, rows: list[PlaceRow]) -> list[PlaceRow]:
    """Each place entity, read with the words around its mentions (`words_around`) and the
    context of the articles naming it (`article_context`), in two passes: the first finds the
    places resolved without doubt (no far-away runner-up), the second resolves the others
    with those as neighbours. A name the gazetteer lacks is tried under its other spellings."""
    place_ents = inp.place_entities
    m = inp.mentions[inp.mentions["entity_id"].isin(set(place_ents["entity_id"]))]
    spans_of: dict[str, list[tuple[str, int, int]]] = {}
    for eid, d, start, end in zip(m["entity_id"], m["doc_id"], m["start"], m["end"]):
        spans_of.setdefault(eid, []).append((d, int(start), int(end)))
    ents = list(place_ents.itertuples(index=False))
    arounds = {e.entity_id: words_around(spans_of.get(e.entity_id, []), inp.texts) for e in ents}
    people = persons_by_article(inp)
    persons = {e.entity_id: person_named(e.name, arounds[e.entity_id].docs, people) for e in ents}
    first = {e.entity_id: _resolve_entity(inp, e, arounds[e.entity_id],
                                          article_context(inp, e.entity_id, arounds[e.entity_id].docs, {}),
                                          persons[e.entity_id]) for e in ents}
    anchors: dict[str, list[Place]] = {}
    for e in ents:
        r = first[e.entity_id]
        if r.place is not None and r.status == "resolved" and (
                r.runner_up_score is None or r.score - r.runner_up_score >= ANCHOR_MARGIN):
            for d in arounds[e.entity_id].docs:
                anchors.setdefault(d, []).append(r.place)
    out = []
    for e in ents:
        r = first[e.entity_id]
        if len(r.candidates) > 1 and anchors:
            ctx = article_context(inp, e.entity_id, arounds[e.entity_id].docs, anchors,
                                  exclude=r.place.id if r.place is not None else "")
            r = _resolve_entity(inp, e, arounds[e.entity_id], ctx, persons[e.entity_id])
        if e.entity_id in inp.recovered:
            if r.place is None:  # no place after all: the tagger's type stands
                continue
            r = replace(r, reason=f"{inp.recovered[e.entity_id]}; {r.reason}")
        out.append(place_row(e.entity_id, e.name, int(e.n_mentions), r, ""))
    return out


def places_named_in_organisations(inp: PlaceInputs, rows: list[PlaceRow]) -> list[PlaceRow]:
    """A place closing an organisation's name ("American University of Beirut") places it,
    once per place not already in the table."""
    have = {r.gazetteer_id for r in rows if r.gazetteer_id}
    out = []
    for e in inp.entities[inp.entities["type"] == "ORG"].itertuples(index=False):
        mm = ORG_PLACE.search(e.name)
        if not mm:
            continue
        r = resolve(mm.group(1), inp.gaz, inp.ctx, overrides=inp.overrides)
        if r.place is not None and r.status == "resolved" and r.place.id not in have:
            out.append(place_row(e.entity_id, mm.group(1), int(e.n_mentions), r, f"named in '{e.name}'"))
            have.add(r.place.id)
    return out


@dataclass(frozen=True, slots=True)
class Sighting:
    """One mention of an entity the tagger did not call a place, with the text around it."""

    doc_id: str
    start: int
    end: int
    before: str
    after: str
    type: str = ""
    """The entity's type (the entity stage's vote)."""


@dataclass(frozen=True)
class RecoveryInputs:
    """What the recovery rules read: the gazetteer, the texts, the mentions of the place
    entities the gazetteer knows (per article, offsets), and the people the articles name."""

    gaz: Gazetteer
    texts: dict[str, str]
    place_spans: dict[str, list[tuple[int, int]]]
    people: dict[str, dict[str, str]]


def sightings_of(spans: list[tuple[str, int, int]], texts: dict[str, str], etype: str = "") -> list[Sighting]:
    """Each mention of an entity of type `etype`, with the text before and after it."""
    return [Sighting(d, s, e, texts[d][max(0, s - AFTER_CHARS):s], texts[d][e:e + AFTER_CHARS], etype)
            for d, s, e in spans]


def a_big_unit_of_that_name(name: str, seen: list[Sighting], ri: RecoveryInputs) -> str:
    """The gazetteer has a country, first-level region or named region of exactly this name
    ("Rogaland", "Gauteng", "Krasnodar")."""
    _, cands = candidates(name, ri.gaz)
    big = next((c for c in cands if c.kind in BIG_KINDS and fold(c.name) == fold(name)), None)
    return f"a {big.kind} of that name ({big.cc})" if big else ""


def after_a_place_preposition(name: str, seen: list[Sighting], ri: RecoveryInputs) -> str:
    """A mention follows "in", "at", "from", "near" ("infected in Nottingham"; with "the" when
    a common noun follows: "in the Glasgow area") or a place noun and "of" ("the island of
    Java"); for a name the stage typed PERSON, half its mentions do
    ("samples from Lu ... Lu was diagnosed" is a man)."""
    n = sum(1 for x in seen if PLACE_PREPOSITION_BEFORE.search(x.before) or PLACE_NOUN_OF_BEFORE.search(x.before)
            or (PLACE_PREPOSITION_THE_BEFORE.search(x.before) and LOWER_NOUN_AFTER.match(x.after)))
    if not n or (seen[0].type == "PERSON" and 2 * n < len(seen)):
        return ""
    return f"after a locative preposition ({n}×)"


def before_its_container(name: str, seen: list[Sighting], ri: RecoveryInputs) -> str:
    """A comma and a country or first-level region follow a mention ("Krasnodar, Russia")."""
    for x in seen:
        m = CONTAINER_AFTER.match(x.after)
        if m and containing_units(m.group(1), ri.gaz):
            return f"followed by its country or region ('{m.group(1)}')"
    return ""


def listed_with_places(name: str, seen: list[Sighting], ri: RecoveryInputs) -> str:
    """A mention stands in one list with a place entity the gazetteer knows ("Cairo, Giza, and
    Al-Minya")."""
    texts = ri.texts
    for x in seen:
        for s, e in ri.place_spans.get(x.doc_id, []):
            gap = texts[x.doc_id][e:x.start] if e <= x.start else texts[x.doc_id][x.end:s] if s >= x.end else None
            if gap is not None and len(gap) <= 8 and LIST_JOIN.match(gap):
                return "in a list with places the article names"
    return ""


RECOVERY_EVIDENCE: tuple[Callable[[str, list[Sighting], RecoveryInputs], str], ...] = (
    a_big_unit_of_that_name, after_a_place_preposition, before_its_container, listed_with_places)
"""The evidence that a name the tagger did not call a place is one, in order; any one will do,
once the gazetteer has the name and no rule of `NOT_RECOVERED` holds."""


def a_common_word(name: str, seen: list[Sighting], ri: RecoveryInputs) -> str:
    """A word written in lower case, a stop word, a generic word, a direction ("Western"), a
    month or weekday ("May"), or a word capitalised only where it opens a sentence while the
    articles also write it in lower case ("Harden" ... "to harden")."""
    words = name.split()
    if not words or not all(w[:1].isupper() for w in words):
        return "a lower-case word"
    if all(w.lower() in _COMMON_WORDS for w in words):
        return "a common word"
    if seen and all(SENTENCE_START.search(x.before) for x in seen) and any(
            re.search(rf"\b{re.escape(name.lower())}\b", ri.texts[x.doc_id]) for x in seen):
        return "capitalised only at a sentence's start, and written in lower case too"
    return ""


def title_before(before: str) -> bool:
    """A capitalised title is the last word before a name ("Mayor", "Dr."; not "state of")."""
    words = before.split()
    return bool(words) and words[-1][:1].isupper() and words[-1].lower().rstrip(".") in TITLE_WORDS


def a_persons_name(name: str, seen: list[Sighting], ri: RecoveryInputs) -> str:
    """The name or surname of a person the articles name ("Jackson" after Michael Jackson), a
    name after a title ("Mayor Ubay"), or a demonym ("Iranian")."""
    person = person_named(name, tuple(sorted({x.doc_id for x in seen})), ri.people)
    if person:
        return f"the name of {person}"
    if any(title_before(x.before) for x in seen):
        return "after a title"
    if countries.country_of_demonym(name):
        return "a demonym"
    return ""


def an_organisations_abbreviation(name: str, seen: list[Sighting], ri: RecoveryInputs) -> str:
    """An abbreviation the tagger calls an organisation ("UGA" at a university) is the
    organisation's, not the country whose code it also is."""
    return "an abbreviation" if is_acronym(name) else ""


NOT_RECOVERED: tuple[Callable[[str, list[Sighting], RecoveryInputs], str], ...] = (
    a_common_word, a_persons_name, an_organisations_abbreviation)
"""What keeps a name the tagger did not call a place from becoming one, whatever the evidence."""


RECOVERY_ROUNDS = 3
"""Rounds of `recovered_places`: a name recovered in one round is a place the next round's
lists can hold ("Rogaland, Vestfold, Buskerud": Rogaland, a county, then the others)."""


def gazetteer_spelling(name: str, aliases: str, gaz: Gazetteer) -> str:
    """The entity's name, or else the first of its other spellings, that the gazetteer knows
    ("Malakal" for an entity shown as "Village Malakal"); '' when none."""
    for spelling in (name, *str(aliases).split(" | ")):
        if spelling and candidates(spelling, gaz)[1]:
            return spelling
    return ""


def recovered_places(inp: PlaceInputs) -> dict[str, str]:
    """Entities the tagger typed ORG, PERSON, NORP or PRODUCT whose name is a place of the
    gazetteer with evidence from the text (`RECOVERY_EVIDENCE`) and no reason against
    (`NOT_RECOVERED`): entity id -> the evidence, in words. A name of two words or more typed
    PERSON ("Dogu Beyazit") needs a country or region of exactly its name. Names recovered
    count as places for the lists of the next round (`RECOVERY_ROUNDS`)."""
    ents = inp.entities[inp.entities["type"].isin(RECOVERED_TYPES)]
    if ents.empty:
        return {}
    pe = inp.place_entities
    place_ids = {eid for eid, n in zip(pe["entity_id"], pe["name"]) if candidates(n, inp.gaz)[1]}
    spans: dict[str, list[tuple[str, int, int]]] = {}
    for eid, d, start, end in zip(inp.mentions["entity_id"], inp.mentions["doc_id"], inp.mentions["start"],
                                  inp.mentions["end"]):
        spans.setdefault(eid, []).append((d, int(start), int(end)))
    people = persons_by_article(inp)
    spellings = {e.entity_id: gazetteer_spelling(e.name, e.aliases, inp.gaz) for e in ents.itertuples(index=False)}
    out: dict[str, str] = {}
    for _ in range(RECOVERY_ROUNDS):
        place_spans: dict[str, list[tuple[int, int]]] = {}
        for eid in place_ids | set(out):
            for d, start, end in spans.get(eid, []):
                place_spans.setdefault(d, []).append((start, end))
        ri = RecoveryInputs(inp.gaz, inp.texts, place_spans, people)
        found = {e.entity_id: why for e in ents.itertuples(index=False) if e.entity_id not in out
                 and spellings[e.entity_id] and (why := recovery_evidence(
                     str(e.type), str(e.name), spellings[e.entity_id], spans.get(e.entity_id, []), ri))}
        if not found:
            break
        out.update(found)
    return out


def recovery_evidence(etype: str, shown: str, name: str, spans: list[tuple[str, int, int]],
                      ri: RecoveryInputs) -> str:
    """Why an entity of type `etype`, shown as `shown` and known to the gazetteer as `name`, is
    a place, in words, or '' (see `recovered_places`)."""
    seen = sightings_of(spans, ri.texts, etype)
    if not seen or any(rule(name, seen, ri) for rule in NOT_RECOVERED):
        return ""
    if etype == "PERSON" and len(shown.split()) > 1 and not a_big_unit_of_that_name(name, seen, ri):
        return ""
    why = next((w for w in (rule(name, seen, ri) for rule in RECOVERY_EVIDENCE) if w), "")
    return f"tagged {etype}, a place: {why}" if why else ""


def within_recovered_names(mentions: pd.DataFrame, recovered: dict[str, str]) -> frozenset[str]:
    """Place entities all of whose mentions lie inside the mentions of recovered places: the
    organisation was a place after all ("Beni Suef", tagged ORG), so the place found inside its
    name ("Beni", a Bolivian department) is a piece of it, not a place of its own."""
    if not recovered or mentions.empty:
        return frozenset()
    outer: dict[str, list[tuple[int, int]]] = {}
    rows = list(zip(mentions["entity_id"], mentions["doc_id"], mentions["start"], mentions["end"]))
    for eid, d, start, end in rows:
        if eid in recovered:
            outer.setdefault(d, []).append((int(start), int(end)))
    inside_only: dict[str, bool] = {}
    for eid, d, start, end in rows:
        if eid not in recovered:
            within = any(s <= start and end <= e and (s, e) != (start, end) for s, e in outer.get(d, []))
            inside_only[eid] = inside_only.get(eid, True) and within
    return frozenset(eid for eid, only in inside_only.items() if only)


def countries_of_demonyms(inp: PlaceInputs, rows: list[PlaceRow]) -> list[PlaceRow]:
    """Demonyms reach their country ("Iranian forces" is attention to Iran), as their own rows."""
    out = []
    ents = inp.entities
    for rel in inp.relations.itertuples(index=False):
        if rel.relation != "demonym of":
            continue
        n = int(ents.loc[ents["entity_id"] == rel.entity_id, "n_mentions"].sum())
        name = ents.loc[ents["entity_id"] == rel.entity_id, "name"]
        r = resolve(rel.target_name, inp.gaz, inp.ctx, overrides=inp.overrides)
        out.append(place_row(rel.entity_id, name.iloc[0] if len(name) else rel.entity_id, n, r,
                             f"demonym of {rel.target_name}"))
    return out


PLACE_PASSES: tuple[Callable[[PlaceInputs, list[PlaceRow]], list[PlaceRow]], ...] = (
    place_entities, places_named_in_organisations, countries_of_demonyms)
"""The passes that make `places.csv`, in order; each sees the rows of the ones before."""


def resolve_entities(entities: pd.DataFrame, mentions: pd.DataFrame, relations: pd.DataFrame,
                     texts: dict[str, str], gaz: Gazetteer,
                     overrides: dict[str, Place] | None = None) -> pd.DataFrame:
    """`places.csv`: one row per place entity (and per entity the tagger did not call a place
    that is one: `recovered_places`), with where it is and why."""
    inp = PlaceInputs(entities, mentions, relations, texts, gaz, overrides or {}, Context())
    recovered = recovered_places(inp) if texts else {}
    inp = PlaceInputs(entities, mentions, relations, texts, gaz, overrides or {}, Context(), {}, recovered,
                      within_recovered_names(mentions, recovered))
    place_ents = inp.place_entities
    ctx = corpus_context(place_ents, gaz)
    by_doc = countries_by_article(place_ents, mentions, gaz) if "doc_id" in mentions else {}
    inp = replace(inp, ctx=ctx, doc_countries=by_doc)
    rows: list[PlaceRow] = []
    for place_pass in PLACE_PASSES:
        rows.extend(place_pass(inp, rows))
    df = pd.DataFrame([asdict(r) for r in rows], columns=PLACE_COLUMNS)
    return df.sort_values(["n_mentions", "entity_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def close_calls(places: pd.DataFrame, margin: float = CLOSE_CALL_MARGIN) -> pd.DataFrame:
    """The ambiguous and close calls of `places.csv`, closest first: each place with the
    candidate it was chosen over (`runner_up`), the two scores and their margin, the evidence
    for the chosen one and for the runner-up, and unresolved names that had candidates (the
    best one, not taken, and why)."""
    cols = ["entity_id", "name", "n_mentions", "status", "chosen", "chosen_score", "runner_up",
            "runner_up_score", "margin", "evidence_for_chosen", "evidence_for_runner_up", "reason"]
    out = []
    for r in places.itertuples(index=False):
        cands = json.loads(getattr(r, "candidates", "[]") or "[]")
        if not cands or not r.runner_up:
            continue
        chosen = next((c for c in cands if c["id"] == r.gazetteer_id), None)
        runner = next((c for c in cands if c is not chosen and c["name"] in r.runner_up
                       and f"({c['country'] or '-'}, {c['kind']})" in r.runner_up), cands[0])
        if chosen is None and r.status != "unresolved":
            continue
        gap = (chosen["score"] - runner["score"]) if chosen else None
        if chosen is not None and r.status != "ambiguous" and gap is not None and gap >= margin:
            continue
        out.append({"entity_id": r.entity_id, "name": r.name, "n_mentions": int(r.n_mentions), "status": r.status,
                    "chosen": f"{chosen['name']} ({chosen['country'] or '-'}, {chosen['kind']})" if chosen else "",
                    "chosen_score": chosen["score"] if chosen else None,
                    "runner_up": f"{runner['name']} ({runner['country'] or '-'}, {runner['kind']})",
                    "runner_up_score": runner["score"], "margin": round(gap, 2) if gap is not None else None,
                    "evidence_for_chosen": "; ".join(chosen["for"] + chosen["against"]) if chosen else "",
                    "evidence_for_runner_up": "; ".join(runner["for"] + runner["against"]), "reason": r.reason})
    df = pd.DataFrame(out, columns=cols)
    return df.sort_values(["margin", "n_mentions"], ascending=[True, False], na_position="last",
                          kind="stable").reset_index(drop=True)


def write_geojson(places: pd.DataFrame, path: Path) -> Path:
    """`places.geojson`: the resolved places as points (opens in QGIS)."""
    feats = []
    for r in places[places["lat"].notna()].itertuples(index=False):
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(r.lon), float(r.lat)]},
                      "properties": {"entity_id": r.entity_id, "name": r.name, "country_code": r.country_code,
                                     "feature_kind": r.feature_kind, "n_mentions": int(r.n_mentions),
                                     "status": r.status, "gazetteer_id": r.gazetteer_id, "via": r.via}})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path


def iso3(cc: str) -> str:
    """ISO 3166 alpha-3 code of an alpha-2 code (for choropleths), or ''."""
    for c in countries.countries():
        if c.iso2 == cc:
            return c.iso3
    return ""
