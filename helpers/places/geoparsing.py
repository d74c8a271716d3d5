"""`geoparse(text)`: the place mentions of one text, found and resolved to coordinates by the
code notebook 04 runs on a corpus, with the text as a corpus of one article:

1. the spaCy pipeline, reduced to the cached annotation (`helpers.annotation`);
2. the entity stage (`helpers.entities.raw_spans`, `canonicalize`): spans cleaned, merged
   into entities, typed by a vote with the gazetteer's evidence, untagged repeats found;
3. the places stage (`table.resolve_entities`): one resolution per place entity, with the
   article's countries as context and the words after its mentions;
4. each place entity's resolution given back to its mentions (and a place closing an
   organisation's name to that part of the organisation's mentions).

Countries reached through demonyms ("Iranian") are rows of `places.csv` but not toponyms, so
they are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..annotation import Annotation, annotate_text
from ..entities import TEXT_ID, entities_of_text
from ..gazetteer.store import Gazetteer, Place, load_gazetteer
from ..settings import DEFAULT_SPACY_MODEL
from ..text.sentences import split_sentences
from .table import ORG_PLACE, resolve_entities

@dataclass(frozen=True, slots=True)
class GeoMention:
    """One place mention of a text, resolved."""

    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    name: str
    """The place entity's name (`places.csv` `name`): "United States" for a mention "US"."""
    country_code: str
    feature_kind: str
    status: str
    reason: str
    entity_id: str = ""
    gazetteer_name: str = ""
    runner_up: str = ""
    """The candidate it was chosen over, with the two scores (`places.csv` `runner_up`)."""


def geoparse(text: str, *, nlp: Any = None, gaz: Gazetteer | None = None, model: str = DEFAULT_SPACY_MODEL,
             overrides: dict[str, Place] | None = None, aliases: Sequence[Any] = (),
             spans: Sequence[tuple[int, int, str]] | None = None) -> list[GeoMention]:
    """The place mentions of one text, resolved to coordinates as notebook 04 resolves them.

    `nlp` is a loaded spaCy pipeline (else `model` is loaded once); `gaz` the gazetteer (else
    the shipped one); `overrides` the rows of a `places.csv` (`resolver.read_overrides`) and
    `aliases` those of an `aliases.csv` (`helpers.entities.read_overrides`); `spans` replaces
    the tagger's entity spans (then no pipeline runs).
    """
    gaz = gaz if gaz is not None else load_gazetteer()
    if spans is not None:  # the tagger's spans given: no pipeline runs, sentences by rule
        ann = Annotation(sents=split_sentences(text), ents=[tuple(s) for s in spans])  # type: ignore[misc]
    else:
        ann = annotate_text(text, nlp, model=model)
    ents = entities_of_text(text, ann, aliases)
    places = resolve_entities(ents.entities, ents.mentions, ents.relations, {TEXT_ID: text}, gaz, overrides)
    return mentions_of_places(places, ents.mentions, text)


def mentions_of_places(places: pd.DataFrame, mentions: pd.DataFrame, text: str) -> list[GeoMention]:
    """Each place row's resolution on the mentions of its entity, in text order: the whole
    mention for a place entity, the closing place name for an organisation (demonyms: none)."""
    spans_of: dict[str, list[tuple[int, int]]] = {}
    for eid, start, end in zip(mentions["entity_id"], mentions["start"], mentions["end"]):
        spans_of.setdefault(eid, []).append((int(start), int(end)))
    out = []
    for row in places.itertuples(index=False):
        if row.via.startswith("demonym of"):
            continue
        for start, end in spans_of.get(row.entity_id, []):
            if row.via:  # a place named in an organisation: the part of the mention that names it
                mm = ORG_PLACE.search(text[start:end])
                if not mm or mm.group(1) != row.name:
                    continue
                start, end = start + mm.start(1), start + mm.end(1)
            out.append(_mention(row, start, end, text))
    return sorted(out, key=lambda m: (m.start, m.end))


def _mention(row: Any, start: int, end: int, text: str) -> GeoMention:
    has_point = not pd.isna(row.lat)
    return GeoMention(start, end, text[start:end], float(row.lat) if has_point else None,
                      float(row.lon) if has_point else None, row.name, row.country_code, row.feature_kind,
                      row.status, row.reason, row.entity_id, row.gazetteer_name,
                      row.runner_up if isinstance(row.runner_up, str) else "")
