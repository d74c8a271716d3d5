"""The spaCy entity labels the workbook keeps, and how it groups them."""

from __future__ import annotations

ENTITY_LABELS: frozenset[str] = frozenset({
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
"""spaCy labels kept as entities; dates, numbers and quantities belong to later stages."""
PLACE_TYPES: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
"""Entity types that are places (countries, cities, regions; other locations; facilities)."""
ACTOR_TYPES: frozenset[str] = frozenset({"PERSON", "ORG", "NORP"})
"""Entity types that act in events (people, organisations, groups)."""
TYPE_ORDER: tuple[str, ...] = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                               "WORK_OF_ART", "LAW")
"""Tie-break order when a type vote is even."""
