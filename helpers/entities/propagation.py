"""Propagation: unambiguous entity names found again where the tagger missed them (one sense
per corpus), marked `source = propagated`."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Collection, Sequence

from ..text.english import GENERIC_WORDS
from ..text.parse import Parse
from ..text.trie import trie_pattern
from .records import Mention


def propagated_names(mentions: Sequence[Mention], blocked: Collection[str] = frozenset()) -> dict[str, str]:
    """Spellings worth finding again -> their entity, longest first.

    A spelling qualifies when it names one entity only, is capitalised, has three letters or
    more, and is neither generic, a number nor `blocked`.
    """
    alias_entities: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        alias_entities[m.text].add(m.entity_id)
    aliases = sorted((a for a, ids in alias_entities.items()
                      if len(ids) == 1 and len(a) >= 3 and a[:1].isupper() and a not in blocked
                      and a.lower() not in GENERIC_WORDS and not a.isdigit()),
                     key=lambda a: (-len(a), a))
    return {a: next(iter(alias_entities[a])) for a in aliases}


def propagate(mentions: Sequence[Mention], texts: dict[str, str],
              sents_by_doc: dict[str, Sequence[tuple[int, int]]] | None,
              blocked: Collection[str] = frozenset()) -> list[Mention]:
    """Find unambiguous entity names again where the tagger missed them.

    Names that could be several entities (a surname two people share, even if resolved in
    one article) are never propagated; nor is a name inside or across another mention.
    """
    entity_of = propagated_names(mentions, blocked)
    if not entity_of:
        return []
    type_of = {m.entity_id: m.type for m in mentions}
    # One trie of the names, not an alternation: the cost stays linear in the texts however
    # many names the corpus has; at each place the longest name is taken, as before.
    pattern = re.compile(r"(?<![\w#@])(" + trie_pattern(entity_of) + r")(?![\w])")
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        taken[m.doc_id].append((m.start, m.end))
    found = []
    for doc_id in sorted(texts):
        spans = sorted(taken.get(doc_id, []))
        parse = Parse((sents_by_doc.get(doc_id) if sents_by_doc else None) or ())
        for match in pattern.finditer(texts[doc_id]):
            s, e = match.span()
            if _overlaps(spans, s, e):
                continue
            eid = entity_of[match.group(1)]
            found.append(Mention(doc_id=doc_id, sent_id=parse.sentence_index(s), start=s, end=e, text=match.group(1),
                                 label="", source="propagated", entity_id=eid, type=type_of[eid]))
            insort(spans, (s, e))
    return found


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """`s:e` overlaps one of the sorted `spans` (checked around its place in the order)."""
    i = bisect_left(spans, (s, e))
    return (i < len(spans) and spans[i][0] < e) or (i > 0 and spans[i - 1][1] > s) or \
        any(ts < e and s < te for ts, te in spans[max(0, i - 3):i])
