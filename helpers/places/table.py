"""Where the story happens: the corpus's place entities on the gazetteer.

One resolution per place entity (GPE, LOC, FAC, and countries reached through demonyms),
using the whole corpus as context (`helpers.resolve`): the countries it names, the words
after each mention (metonymy: "Washington said"; hierarchy: "Idlib province"), and the
user's `data/places.csv`. Unresolved and ambiguous names are kept in the table with the
reason.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from ..gazetteer import countries
from .resolver import Context, Gazetteer, METONYMY_VERBS, Place, Resolution, context_from_names, resolve

PLACE_TYPES = ("GPE", "LOC", "FAC")
PLACE_COLUMNS = ["entity_id", "name", "lat", "lon", "country_code", "feature_kind", "n_mentions",
                 "status", "reason", "gazetteer_id", "gazetteer_name", "metonymy", "via"]
_ADMIN_AFTER = re.compile(r"^\s+(?:province|governorate|state|region|district|county|oblast)\b", re.IGNORECASE)
_SPEAKS_AFTER = re.compile(r"^[\s,]*(\w+)")
_ORG_PLACE = re.compile(r"\b(?:of|in|at)\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})$")
"""A place closing an organisation's name: "University of Beirut", "Bank of England"."""


def resolve_entities(entities: pd.DataFrame, mentions: pd.DataFrame, relations: pd.DataFrame,
                     texts: dict[str, str], gaz: Gazetteer,
                     overrides: dict[str, Place] | None = None) -> pd.DataFrame:
    """`places.csv`: one row per place entity, with where it is and why."""
    place_ents = entities[entities["type"].isin(PLACE_TYPES)]
    m = mentions[mentions["entity_id"].isin(set(place_ents["entity_id"]))]
    weights = Counter()
    for name, n in zip(place_ents["name"], place_ents["n_mentions"]):
        for cc, k in context_from_names([name], gaz).items():
            weights[cc] += int(n) * k
    ctx = Context(countries=weights)
    rows = []
    mentions_of = {eid: g for eid, g in m.groupby("entity_id", sort=False)}
    for e in place_ents.itertuples(index=False):
        em = mentions_of.get(e.entity_id, m.head(0))
        afters = [texts[d][end:end + 40] for d, end in zip(em["doc_id"], em["end"])]
        admin = sum(bool(_ADMIN_AFTER.match(a)) for a in afters) * 2 > max(1, len(afters))
        speaking = [a for a in afters if (mm := _SPEAKS_AFTER.match(a)) and mm.group(1).lower() in METONYMY_VERBS]
        after = speaking[0] if len(speaking) * 3 >= max(1, len(afters)) else ""
        r = resolve(e.name, gaz, ctx, after=after, overrides=overrides, admin_hint=admin)
        if r.place is None:  # try the other spellings
            for alias in str(e.aliases).split(" | "):
                alt = resolve(alias, gaz, ctx, after=after, overrides=overrides, admin_hint=admin)
                if alt.place is not None:
                    r = alt
                    break
        rows.append(_row(e.entity_id, e.name, int(e.n_mentions), r, ""))
    # A place named inside an organisation's name ("American University of Beirut") places it.
    have = {r["gazetteer_id"] for r in rows if r["gazetteer_id"]}
    for e in entities[entities["type"] == "ORG"].itertuples(index=False):
        mm = _ORG_PLACE.search(e.name)
        if not mm:
            continue
        r = resolve(mm.group(1), gaz, ctx, overrides=overrides)
        if r.place is not None and r.status == "resolved" and r.place.id not in have:
            rows.append(_row(e.entity_id, mm.group(1), int(e.n_mentions), r, f"named in '{e.name}'"))
            have.add(r.place.id)
    # Demonyms reach their country ("Iranian forces" is attention to Iran), as their own rows.
    for rel in relations.itertuples(index=False):
        if rel.relation != "demonym of":
            continue
        n = int(entities.loc[entities["entity_id"] == rel.entity_id, "n_mentions"].sum())
        name = entities.loc[entities["entity_id"] == rel.entity_id, "name"]
        r = resolve(rel.target_name, gaz, ctx, overrides=overrides)
        rows.append(_row(rel.entity_id, name.iloc[0] if len(name) else rel.entity_id, n, r,
                         f"demonym of {rel.target_name}"))
    df = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    return df.sort_values(["n_mentions", "entity_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _row(entity_id: str, name: str, n: int, r: Resolution, via: str) -> dict:
    p = r.place
    return {"entity_id": entity_id, "name": name, "lat": round(p.lat, 5) if p else None,
            "lon": round(p.lon, 5) if p else None, "country_code": p.cc if p else "",
            "feature_kind": p.kind if p else "", "n_mentions": n, "status": r.status, "reason": r.reason,
            "gazetteer_id": p.id if p else "", "gazetteer_name": p.name if p else "",
            "metonymy": bool(r.metonymy), "via": via}


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
