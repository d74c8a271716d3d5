"""The tagger's entity spans of one article, read from its cached annotation."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..text.english import ROLE_NOUNS
from ..text.labels import ENTITY_LABELS
from .records import RawSpan

if TYPE_CHECKING:
    from ..annotation.cache import Annotation

APPOSITION_LABELS = frozenset({"PERSON", "ORG"})
"""Labels whose spans are checked for a role noun in apposition (the tagger confuses the two)."""
_APPOSITION_REACH = 12
"""Tokens after a span searched for its apposition."""


def raw_spans(doc_id: str, ann: Annotation) -> list[RawSpan]:
    """The tagger's entity spans of one article, with sentence ids and apposition flags."""
    out = []
    for start, end, label in ann.ents:
        if label not in ENTITY_LABELS:
            continue
        role = label in APPOSITION_LABELS and bool(ann.tokens) and role_apposition(ann.tokens, start, end)
        out.append(RawSpan(doc_id, ann.sent_of(start), start, end, label, role))
    return out


def role_apposition(tokens: Mapping[str, Sequence[Any]], start: int, end: int) -> bool:
    """A role noun in apposition to the span `start:end` ("X, the UN envoy for Syria").

    `tokens` is the article's column-wise token table (see `helpers.annotation.Annotation`).
    """
    idx, deps, heads, lemmas = tokens["idx"], tokens["dep"], tokens["head"], tokens["lemma"]
    first, last = bisect_left(idx, start), bisect_left(idx, end)
    inside = range(first, last)
    if not inside:
        return False
    inside_set = set(inside)
    for i in range(inside[-1] + 1, min(len(idx), inside[-1] + _APPOSITION_REACH)):
        if deps[i] == "appos" and heads[i] in inside_set and lemmas[i].lower() in ROLE_NOUNS:
            return True
    return False
