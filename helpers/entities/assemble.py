"""From clusters to entities: ids, names and types, each mention's entity, and the audit rows
that say which rule put each spelling in its entity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..gazetteer import countries
from ..gazetteer.curated import COUNTRY_SHORT_NAMES
from ..text.english import PARTY_FORMS_NEEDING_SUPPORT
from ..text.labels import PLACE_TYPES
from ..text.names import fold, is_acronym
from .groups import CorpusGroups, Group, mention_key
from .names import name_key, slug
from .records import Entity, Link, Mention, Merge
from .rules import SHORT_FORM_IN_ARTICLE
from .voting import PARTY_KEYS

_SHORT_COUNTRY_NAMES = frozenset(fold(n) for n in COUNTRY_SHORT_NAMES)
_SAME_NAME_DETAIL = "same name once case, accents, dots, 'the' and al-/el- are set aside"


@dataclass(frozen=True, slots=True)
class Reason:
    """The rule that put a spelling in its entity, and why in words."""

    rule: str
    detail: str


def name_entities(corpus: CorpusGroups) -> dict[str, Entity]:
    """One entity per cluster, keyed by cluster name.

    The most mentioned clusters get their ids first, so a clash of ids numbers the rarer one.
    """
    groups = corpus.groups
    clusters = {corpus.find(k): corpus.cluster(k) for k in groups}
    used_ids: set[str] = set()
    out: dict[str, Entity] = {}
    for root in sorted(clusters, key=lambda r: (-sum(len(groups[k].mentions) for k in clusters[r]), r)):
        keys = clusters[root]
        etype = corpus.cluster_type(root)
        name = corpus.cluster_name(root)
        source = next(k for k in sorted(keys) if name in groups[k].surfaces)
        name = official_name(corpus, keys, etype, name)
        out[root] = Entity(_unique_id(etype, name, used_ids), name, etype, source)
    return out


def official_name(corpus: CorpusGroups, keys: Sequence[str], etype: str, name: str) -> str:
    """The name to show: a country's official name ("US", "Britain" → United States, United
    Kingdom), a party's full name when the cluster names it clearly ("Tories" → Conservative
    Party); else `name`, the fullest and most frequent spelling.

    A country is shown under the gazetteer's name when the articles write it, or when their
    fullest spelling is an acronym or a short name (`curated.COUNTRY_SHORT_NAMES`): never under
    a name they do not use instead of a full one ("Myanmar" stays Myanmar, though the
    gazetteer says Burma).
    """
    country = countries.country_name(name) if etype in PLACE_TYPES else None
    if country:
        written = any(country in corpus.groups[k].surfaces for k in keys)
        short = is_acronym(name) or fold(name) in _SHORT_COUNTRY_NAMES
        return country if written or short else name
    parties = {PARTY_KEYS[k] for k in keys if k in PARTY_KEYS}
    clear = any(k in PARTY_KEYS and (k not in PARTY_FORMS_NEEDING_SUPPORT or k == name_key(PARTY_KEYS[k]))
                for k in keys)
    if len(parties) == 1 and clear:
        return parties.pop()
    return name


def _unique_id(etype: str, name: str, used: set[str]) -> str:
    """`type:slug`, numbered from 2 when taken; added to `used`."""
    eid = f"{etype.lower()}:{slug(name)}"
    n = 2
    while eid in used:
        eid = f"{etype.lower()}:{slug(name)}-{n}"
        n += 1
    used.add(eid)
    return eid


def assign_entities(corpus: CorpusGroups, entities: dict[str, Entity]) -> None:
    """Give every grouped mention its entity's id and type (or its article's, for a resolved short form)."""
    for key, g in corpus.groups.items():
        home = entities[corpus.find(key)]
        for m in g.mentions:
            target = corpus.in_article.get(mention_key(m))
            entity = home if target is None else entities[corpus.find(target)]
            m.entity_id, m.type = entity.entity_id, entity.type


def merge_rows(corpus: CorpusGroups, entities: dict[str, Entity], links: Sequence[Link]) -> list[Merge]:
    """One row per (entity, spelling): the rule that put the spelling in the entity, and why."""
    first_link: dict[str, Link] = {}
    for link in links:
        first_link.setdefault(link.key, link)
        if link.target:
            first_link.setdefault(link.target, link)
    rows: dict[tuple[str, str], Merge] = {}
    for key, g in sorted(corpus.groups.items()):
        home = entities[corpus.find(key)]
        for m in g.mentions:
            reason = _reason(corpus, g, m, home, first_link.get(key))
            row = rows.setdefault((m.entity_id, m.text), Merge(m.entity_id, "", m.text, reason.rule, reason.detail, 0))
            row.n_mentions += 1
    name_of = {e.entity_id: e.name for e in entities.values()}
    out = []
    for (eid, surface), row in sorted(rows.items()):
        row.name = name_of.get(eid, surface)
        out.append(row)
    return out


def _reason(corpus: CorpusGroups, g: Group, m: Mention, home: Entity, link: Link | None) -> Reason:
    """Why mention `m` of group `g` is in its entity (`home`: the entity of the group's cluster)."""
    ambiguous = corpus.ambiguous
    if m.entity_id != home.entity_id:
        return Reason(SHORT_FORM_IN_ARTICLE, f"the only person of that surname named in article {m.doc_id}; "
                      f"elsewhere it could be {' or '.join(ambiguous.get(g.key, []))}")
    reason = _home_reason(g, m, home, link)
    detail = reason.detail
    if g.evidence and m.text == g.best_surface() and reason.rule != SHORT_FORM_IN_ARTICLE:
        detail += f"; type {g.type} ({', '.join(g.evidence)})"
    if g.key in ambiguous and home.entity_id.endswith(slug(g.best_surface())):
        detail += f"; ambiguous short form (could be {' or '.join(ambiguous[g.key])})"
    return Reason(reason.rule, detail)


def _home_reason(g: Group, m: Mention, home: Entity, link: Link | None) -> Reason:
    """Why mention `m` is in the entity of its group's cluster."""
    if g.key == home.name_key:
        if m.text == home.name:
            return Reason("canonical name", "the fullest, most frequent form")
        if home.name not in g.surfaces and m.text == g.best_surface():
            if countries.country_name(home.name):
                return Reason("gazetteer name", f"shown under the gazetteer's name '{home.name}'")
            return Reason("official name", f"shown under its full name '{home.name}'")
        return Reason("same name", _SAME_NAME_DETAIL)
    if link is not None:
        written = f" (written '{m.text}')" if m.text != g.best_surface() else ""
        return Reason(link.rule, link.detail + written)
    return Reason("same name", _SAME_NAME_DETAIL)
