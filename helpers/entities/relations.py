"""Relations between entities: a demonym is linked to its country, never merged (Iranian → Iran);
a party's adjective to the party ("Republican" voters → Republican Party)."""

from __future__ import annotations

from collections.abc import Sequence

from ..gazetteer import countries
from ..text.english import PARTY_MEMBER_FORMS
from ..text.labels import PLACE_TYPES
from .names import name_key
from .records import Mention, Relation
from .voting import PARTY_KEYS

PARTY_ADJECTIVES: dict[str, str] = {name_key(party.removesuffix(" Party")): party for party in PARTY_MEMBER_FORMS
                                    if party.endswith(" Party")}
"""Name key of a party's adjective ("republican") -> the party ("Republican Party")."""


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


def party_adjective_relations(mentions: Sequence[Mention]) -> list[Relation]:
    """Link each NORP entity that is a party's adjective ("Republican", "Conservative") to the
    party (as a relation: "a Conservative think tank" is not the party itself)."""
    party_ids: dict[str, str] = {}
    norp: dict[str, str] = {}
    for m in mentions:
        party = PARTY_KEYS.get(name_key(m.text))
        if party and m.type == "ORG":
            party_ids.setdefault(party, m.entity_id)
        if m.type == "NORP" and name_key(m.text) in PARTY_ADJECTIVES:
            norp.setdefault(m.entity_id, m.text)
    out = []
    for eid, surface in sorted(norp.items()):
        party = PARTY_ADJECTIVES[name_key(surface)]
        out.append(Relation(eid, "adjective of", party, party_ids.get(party, ""),
                            f"'{surface}' describes people or things of the {party}"))
    return out
