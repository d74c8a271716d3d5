"""One canonical entity per real-world actor, from the tagger's noisy mentions.

The spaCy small pipeline is often wrong on news: it tags provinces as people, hashtags as
people, envoys as organisations, and cuts names short. `canonicalize` corrects it at corpus
level, with rules that hold for any English news corpus (nothing here names this corpus's
actors), and records the reason for every change so an analyst can audit it:

1. **Surface clean-up** of each mention (`cleaning.CLEANING_STEPS`): line breaks, leading
   determiners and titles ("the", "President", "Foreign Minister"; not in "Prince Edward
   Island"), possessives, generic bodies and roles ("MPs", "Cabinet"), pronouns ("Us"), broken spans
   ("the Syrian Observatory for" is extended over "Human Rights"; "U.S credibility &
   humiliates" is cut back to "U.S"), directional qualifiers kept aside ("northwestern
   Syria" → Syria; "ex-Yukos" → Yukos), and hashtags, handles, dates and lone generic words dropped.
2. **Grouping** by a normalised key (case, accents, dots, Arabic article particles:
   "Bashar al-Assad" = "Bashar al Assad" = "Bashar Assad"): `names.name_key`.
3. **One type per group** from a corpus-wide vote, weighted by evidence
   (`voting.TYPE_EVIDENCE`): gazetteer places, demonyms, organisation words, role nouns,
   platforms (never people), party names, works of art ("the film ...") and awards; then,
   corpus-wide, a bare surname of people the corpus names is a person ("Trump", with Donald
   and Melania Trump named, though the tagger says ORG as often as PERSON).
4. **Merging** by the ordered, named rules of `rules.MERGE_RULES`, where wrong merges are
   worse than missed ones: transliteration variants, the names of one country (Britain, UK,
   United Kingdom), translations of an organisation's name (Jabhat al-Nusra, Nusra Front), a
   party and its members' names (Tories, Conservative Party), a person's name within a fuller
   one, abbreviations, an organisation without its country, plural demonyms, surnames (in the
   article first, then in the corpus; ambiguous ones stay apart).
5. **Places inside organisations' names** ("the *U.S.* Centers for Disease Control") and
   untagged places in a list of places ("Rogaland, *Vestfold* and Oslo") are mentions of their
   own, added before grouping and kept when the vote makes them places
   (`inside.places_inside_organisations`, `listed.places_listed_with_places`), marked
   `source = inside organisation` or `listed with places`.
6. **Propagation**: unambiguous names of the resulting entities are found again where the
   tagger missed them (one sense per corpus), marked `source = propagated`.
7. **Demonyms** are linked to their country as a relation, never merged (Iranian → Iran);
   so are a party's adjectives to the party ("Republican" → Republican Party).
8. **User overrides** (`data/aliases.csv`) are applied last.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..annotation import Annotation
from .assemble import assign_entities, merge_rows, name_entities
from .groups import corpus_groups
from .inside import keep_place_mentions, places_inside_organisations
from .listed import places_listed_with_places
from .mentions import Sifted, sift_mentions
from .overrides import apply_overrides
from .propagation import propagate as propagate_names
from .records import (
    DROPPED_COLUMNS,
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    MERGE_COLUMNS,
    RELATION_COLUMNS,
    Dropped,
    EntityResult,
    Mention,
    Merge,
    Override,
    RawSpan,
    Relation,
)
from .relations import demonym_relations, party_adjective_relations
from .rules import apply_merge_rules
from .spans import raw_spans


def canonicalize(raw: Iterable[RawSpan] | Sifted, texts: dict[str, str],
                 sents_by_doc: dict[str, Sequence[tuple[int, int]]] | None = None,
                 overrides: Sequence[Override] = (), propagate: bool = True) -> EntityResult:
    """Turn the tagger's spans into canonical entities.

    `raw` holds the tagger's spans (see `raw_spans`), or those spans already cleaned
    (`mentions.mentions_from_spans`); `texts` maps doc_id to the article
    text; `sents_by_doc` (optional) gives sentence spans, so that propagated mentions get
    their `sent_id`; `overrides` are the rows of the user's aliases.csv.
    """
    sifted = sift_mentions(raw, texts)
    mentions = sifted.kept + places_inside_organisations(sifted.kept, texts)
    mentions = mentions + places_listed_with_places(mentions, texts)
    corpus = corpus_groups(mentions, texts, overrides)
    links = apply_merge_rules(corpus)
    entities = name_entities(corpus)
    assign_entities(corpus, entities)
    mentions = keep_place_mentions(mentions)
    for g in corpus.groups.values():
        g.mentions[:] = keep_place_mentions(g.mentions)
    merges = merge_rows(corpus, entities, links)
    if propagate:
        blocked = {m.text for k in corpus.ambiguous for m in corpus.groups[k].mentions}
        mentions = mentions + propagate_names(mentions, texts, sents_by_doc, blocked)
    edited = apply_overrides(mentions, merges, sifted.dropped, overrides)
    relations = demonym_relations(edited.mentions) + party_adjective_relations(edited.mentions)
    return to_tables(edited.mentions, edited.merges, edited.dropped, relations)


def to_tables(mentions: Sequence[Mention], merges: Sequence[Merge], dropped: Sequence[Dropped],
           relations: Sequence[Relation]) -> EntityResult:
    """The records as the stage's sorted tables; entities counted from their mentions."""
    mdf = _frame(mentions, MENTION_COLUMNS).sort_values(["doc_id", "start", "end"], kind="stable")
    mdf = mdf.reset_index(drop=True)
    for c in ("sent_id", "start", "end"):
        mdf[c] = mdf[c].astype("int64")
    name_of: dict[str, str] = {}
    for r in merges:
        name_of.setdefault(r.entity_id, r.name)
    edf = pd.DataFrame(_entity_rows(mentions, name_of), columns=ENTITY_COLUMNS)
    edf = edf.sort_values(["n_mentions", "entity_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    gdf = _frame(merges, MERGE_COLUMNS)
    gdf = gdf[gdf["entity_id"].isin(set(edf["entity_id"]))]
    gdf = gdf.sort_values(["entity_id", "alias"], kind="stable").reset_index(drop=True)
    ddf = _frame(dropped, DROPPED_COLUMNS).sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    return EntityResult(mentions=mdf, entities=edf, merges=gdf, dropped=ddf,
                        relations=_frame(relations, RELATION_COLUMNS))


@dataclass
class _Tally:
    """What one entity's mentions add up to."""

    spellings: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)
    n: int = 0


def _entity_rows(mentions: Sequence[Mention], name_of: dict[str, str]) -> list[dict[str, object]]:
    """One row per entity of the mentions, in entity_id order: its name (from the merges, else its
    most frequent spelling), its most frequent type (the first in order on a tie), its
    spellings by frequency, its mentions and articles. One pass over the mentions: the cost
    grows with them, not with the number of entities times a frame's."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for m in mentions:
        if not isinstance(m.entity_id, str):
            continue
        tally = tallies[m.entity_id]
        tally.spellings[m.text] += 1
        tally.types[m.type] += 1
        tally.docs.add(m.doc_id)
        tally.n += 1
    rows = []
    for eid in sorted(tallies):
        t = tallies[eid]
        aliases = sorted(t.spellings, key=lambda a: (-t.spellings[a], a))
        top = max(t.types.values())
        rows.append({"entity_id": eid, "name": name_of.get(eid, aliases[0]),
                     "type": min(k for k, v in t.types.items() if v == top),
                     "aliases": " | ".join(aliases), "n_mentions": t.n, "n_docs": len(t.docs)})
    return rows


def _frame(records: Sequence[object], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{c: getattr(r, c) for c in columns} for r in records], columns=columns)


TEXT_ID = "text"
"""The doc_id a text analysed on its own gets in the entity tables."""


def entities_of_text(text: str, annotation: Annotation, overrides: Sequence[Override] = ()) -> EntityResult:
    """The entity stage on one text, as a corpus of one article (`doc_id` = `TEXT_ID`): what
    `helpers.stages.entities` does for each article of a corpus, with the same rules."""
    return canonicalize(raw_spans(TEXT_ID, annotation), {TEXT_ID: text},
                        sents_by_doc={TEXT_ID: annotation.sents}, overrides=overrides)
