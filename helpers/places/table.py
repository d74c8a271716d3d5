"""Where the story happens: the corpus's place entities on the gazetteer.

One resolution per place entity (GPE, LOC, FAC), using the whole corpus as context
(`resolver.resolve`): the countries it names, the words after each mention (metonymy:
"Washington said"; hierarchy: "Idlib province"), and the user's `data/places.csv`. Then the
places named inside organisations' names, and the countries reached through demonyms, each
as their own rows. Unresolved and ambiguous names are kept in the table with the reason.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pandas as pd

from ..gazetteer import countries
from ..text.labels import PLACE_TYPES
from .resolver import Context, Gazetteer, Place, Resolution, admin_word_after, context_from_names, resolve
from .resolver import speaks_after

AFTER_CHARS = 40
"""How much of the text after a mention is read for an admin word or a speaking verb."""
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


PLACE_COLUMNS = [f.name for f in fields(PlaceRow)]


def place_row(entity_id: str, name: str, n: int, r: Resolution, via: str) -> PlaceRow:
    """The row of one resolution."""
    p = r.place
    return PlaceRow(entity_id=entity_id, name=name, lat=round(p.lat, 5) if p else None,
                    lon=round(p.lon, 5) if p else None, country_code=p.cc if p else "",
                    feature_kind=p.kind if p else "", n_mentions=n, status=r.status, reason=r.reason,
                    gazetteer_id=p.id if p else "", gazetteer_name=p.name if p else "",
                    metonymy=bool(r.metonymy), via=via)


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

    @property
    def place_entities(self) -> pd.DataFrame:
        """The entities whose type is a place type."""
        return self.entities[self.entities["type"].isin(PLACE_TYPES)]


def corpus_context(place_ents: pd.DataFrame, gaz: Gazetteer) -> Context:
    """The countries the place entities name, each weighted by the entity's mentions."""
    weights: Counter = Counter()
    for name, n in zip(place_ents["name"], place_ents["n_mentions"]):
        for cc, k in context_from_names([name], gaz).items():
            weights[cc] += int(n) * k
    return Context(countries=weights)


def place_entities(inp: PlaceInputs, rows: list[PlaceRow]) -> list[PlaceRow]:
    """Each place entity, read with the text after its mentions: an admin word after most of
    them means the region; a speaking verb after a third of them, metonymy. A name the
    gazetteer lacks is tried under the entity's other spellings."""
    place_ents = inp.place_entities
    m = inp.mentions[inp.mentions["entity_id"].isin(set(place_ents["entity_id"]))]
    ends_of: dict[str, list[tuple[str, int]]] = {}
    for eid, d, end in zip(m["entity_id"], m["doc_id"], m["end"]):
        ends_of.setdefault(eid, []).append((d, end))
    out = []
    for e in place_ents.itertuples(index=False):
        afters = [inp.texts[d][end:end + AFTER_CHARS] for d, end in ends_of.get(e.entity_id, [])]
        admin = sum(admin_word_after(a) for a in afters) * 2 > max(1, len(afters))
        speaking = [a for a in afters if speaks_after(a)]
        after = speaking[0] if len(speaking) * 3 >= max(1, len(afters)) else ""
        r = resolve(e.name, inp.gaz, inp.ctx, after=after, overrides=inp.overrides, admin_hint=admin)
        if r.place is None:
            for alias in str(e.aliases).split(" | "):
                alt = resolve(alias, inp.gaz, inp.ctx, after=after, overrides=inp.overrides, admin_hint=admin)
                if alt.place is not None:
                    r = alt
                    break
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
    """`places.csv`: one row per place entity, with where it is and why."""
    ctx = corpus_context(entities[entities["type"].isin(PLACE_TYPES)], gaz)
    inp = PlaceInputs(entities, mentions, relations, texts, gaz, overrides or {}, ctx)
    rows: list[PlaceRow] = []
    for place_pass in PLACE_PASSES:
        rows.extend(place_pass(inp, rows))
    df = pd.DataFrame([asdict(r) for r in rows], columns=PLACE_COLUMNS)
    return df.sort_values(["n_mentions", "entity_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


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
