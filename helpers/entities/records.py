"""The records of the entities stage: the tagger's spans, mentions, merges, drops, relations,
overrides, and the tables they end in.

Slotted: a corpus of 10,000 articles holds hundreds of thousands of spans and mentions.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import tables


@dataclass(frozen=True, slots=True)
class RawSpan:
    """One entity span as the tagger found it; offsets into the article text."""

    doc_id: str
    sent_id: int
    start: int
    end: int
    label: str
    role: bool = False
    """A role noun stands in apposition to the span (see `role_apposition`): evidence for PERSON."""


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A tagger span after clean-up: the offsets of the bare name, and what clean-up noticed."""

    start: int
    end: int
    qualifier: str = ""
    """A direction kept aside ("northwestern" for "northwestern Syria")."""
    titled: bool = False
    """A personal title stood before the name (evidence for PERSON)."""
    hashtag: bool = False
    """The name was written as a hashtag or handle."""


@dataclass(slots=True)
class Mention:
    """One mention of an entity in one article; offsets into the article text."""

    doc_id: str
    sent_id: int
    start: int
    end: int
    text: str
    label: str
    """The tagger's label (empty for propagated mentions)."""
    qualifier: str = ""
    """A qualifier kept aside by clean-up ("northwestern" for "northwestern Syria")."""
    source: str = "model"
    """`model` (the tagger found it), `propagated` (found again by name), `inside organisation`
    (a place named inside an organisation's name: `inside.places_inside_organisations`) or
    `listed with places` (an untagged place in a list of places: `listed.places_listed_with_places`)."""
    titled: bool = False
    """A personal title stood before it (evidence for PERSON)."""
    hashtag: bool = False
    role: bool = False
    """A role noun describes it in apposition ("X, the UN envoy"): evidence for PERSON."""
    entity_id: str = ""
    type: str = ""


@dataclass(slots=True)
class Dropped:
    """A tagger span that is not an entity, and why."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    reason: str


@dataclass(slots=True)
class Merge:
    """Why a surface form belongs to an entity: one row of `entity_merges.csv`."""

    entity_id: str
    name: str
    alias: str
    rule: str
    detail: str
    n_mentions: int


@dataclass(slots=True)
class Relation:
    """A link between an entity and another (a demonym and its country)."""

    entity_id: str
    relation: str
    target_name: str
    target_entity_id: str
    detail: str


@dataclass(slots=True)
class Override:
    """One row of the user's `aliases.csv`."""

    alias: str
    canonical: str
    type: str = ""
    rule: str = "same"
    """`same` (alias is canonical), `never` (never merge the two), `not_entity` (drop alias)."""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Link:
    """One merge made by a merge rule: group `key` joined the cluster of group `target`."""

    key: str
    target: str
    """The group joined; empty when `key` joined an entity only within some articles."""
    rule: str
    """The rule's name, as the `rule` column of `entity_merges.csv` shows it."""
    detail: str
    """Why, in words."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: its id, the name and type it is shown with."""

    entity_id: str
    name: str
    type: str
    name_key: str
    """The key of the group whose spelling gave the name."""


@dataclass
class EntityResult:
    """Everything the canonicalisation produced, as tables."""

    mentions: pd.DataFrame
    entities: pd.DataFrame
    merges: pd.DataFrame
    dropped: pd.DataFrame
    relations: pd.DataFrame


MENTION_COLUMNS = tables.MENTIONS.names
ENTITY_COLUMNS = tables.ENTITIES.names
MERGE_COLUMNS = tables.ENTITY_MERGES.names
DROPPED_COLUMNS = tables.MENTIONS_DROPPED.names
RELATION_COLUMNS = tables.ENTITY_RELATIONS.names
