"""Relations between entities: a demonym is linked to its country, never merged (Iranian → Iran)."""

from __future__ import annotations

from collections.abc import Sequence

from ..gazetteer import countries
from ..text.labels import PLACE_TYPES
from .records import Mention, Relation


def demonym_relations(mentions: Sequence[Mention]) -> list[Relation]:
    """Link each NORP entity that is a demonym to its country (as a relation, not a merge)."""
    country_ids: dict[str, str] = {}
    norp: dict[str, str] = {}
    for m in mentions:
        if m.type in PLACE_TYPES:
            cname = countries.country_name(m.text)
            if cname:
                country_ids.setdefault(cname, m.entity_id)
        if m.type == "NORP":
            norp.setdefault(m.entity_id, m.text)
    out = []
    for eid, surface in sorted(norp.items()):
        country = countries.country_of_demonym(surface)
        if country:
            out.append(Relation(eid, "demonym of", country, country_ids.get(country, ""),
                                f"'{surface}' names the people or things of {country}"))
    return out
