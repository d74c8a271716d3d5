"""The system's items of each scored stage, in the gold's shape: `doc_id, start, end, text`
and the stage's value, taken from the stages' tables (`helpers.stages`).

| stage | from | value |
|---|---|---|
| entities | `mentions.csv` | the entity's type, as a gold type (`GOLD_TYPE`): PERSON, ORG, PLACE, GROUP |
| dates | `timexes.csv` | the TIMEX3 value |
| places | the mentions of the place entities of `places.csv` (GPE, LOC, FAC) | name, country code, point |
| quotes | `quotes.csv` | the speaker, and every name of the speaker's entity |

Entities of other types (EVENT, LAW, WORK_OF_ART, ...) are outside the gold and not scored.
Places reached through a demonym ("Syrian") or named inside an organisation ("American
University of Beirut") are not toponyms: they are scored as entities, not as places.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .. import corpus as corpus_mod
from .. import stages, tables
from ..settings import Settings
from .gold import ALTERNATIVES, STAGES, columns_of

GOLD_TYPE: dict[str, str] = dict(PERSON="PERSON", ORG="ORG", GPE="PLACE", LOC="PLACE", FAC="PLACE", NORP="GROUP")
"""The workbook's entity types (spaCy's labels after the corpus vote) as gold types."""
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
CONTEXT_CHARS = 160
"""Characters shown around an item whose article has no sentence table."""


@dataclass
class SystemItems:
    """The system's items of every scored stage, the articles' texts and sentences."""

    frames: dict[str, pd.DataFrame]
    texts: dict[str, str]
    sentences: dict[str, list[tuple[int, int]]]

    def sentence(self, doc_id: str, start: int, end: int) -> str:
        """The sentence(s) holding `start:end` (a window around it when no sentence is known)."""
        return sentence_of(self.texts.get(doc_id, ""), self.sentences.get(doc_id, []), start, end)

    def restricted(self, doc_ids: list[str] | set[str]) -> SystemItems:
        """The same items, for the articles `doc_ids` only."""
        keep = set(doc_ids)
        return SystemItems({s: f[f["doc_id"].isin(keep)].reset_index(drop=True) for s, f in self.frames.items()},
                           self.texts, self.sentences)


def sentence_of(text: str, sents: list[tuple[int, int]], start: int, end: int) -> str:
    """The sentences of `sents` (sorted spans) from the one holding `start` to the one holding
    `end - 1`, as one line; without sentences, `CONTEXT_CHARS` either side."""
    if sents:
        starts = [s for s, _ in sents]
        first = max(bisect_right(starts, start) - 1, 0)
        last = max(bisect_right(starts, max(end - 1, start)) - 1, first)
        lo, hi = sents[first][0], sents[last][1]
    else:
        lo, hi = max(start - CONTEXT_CHARS, 0), min(end + CONTEXT_CHARS, len(text))
    return " ".join(text[lo:hi].split())


def entity_items(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions as gold-shaped entity items (types outside the gold left out)."""
    out = mentions.assign(type=mentions["type"].map(GOLD_TYPE))
    out = out[out["type"].notna()]
    return out[columns_of("entities")].reset_index(drop=True)


def date_items(timexes: pd.DataFrame) -> pd.DataFrame:
    """Time expressions as gold-shaped date items, with their type for the sheet."""
    return timexes[[*columns_of("dates"), "type"]].reset_index(drop=True)


def place_items(mentions: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a place entity (GPE, LOC, FAC) with where the system put it: its
    name, country code and point, and the gazetteer's name for it; `status` says whether it
    was resolved at all."""
    toponyms = mentions[mentions["entity_id"].str.split(":").str[0].str.upper().isin(PLACE_TYPES)
                        | mentions["type"].isin(PLACE_TYPES)]
    table = places[["entity_id", "name", "country_code", "lat", "lon", "gazetteer_name", "status"]]
    out = toponyms[["doc_id", "start", "end", "text", "entity_id"]].merge(table, on="entity_id", how="inner")
    unresolved = out["status"] == "unresolved"
    out.loc[unresolved, "country_code"] = ""
    return out[[*columns_of("places"), "gazetteer_name", "status"]].sort_values(
        ["doc_id", "start"], kind="stable").reset_index(drop=True)


def quote_items(quotes: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Quotes as gold-shaped items: `speaker` as written, and `speaker_names`, every name of
    the speaker's entity (its name and aliases, joined by ` | `), which count as the same
    speaker."""
    names = {r.entity_id: ALTERNATIVES.join([r.name, *[a for a in r.aliases.split(ALTERNATIVES) if a]])
             for r in entities[["entity_id", "name", "aliases"]].itertuples()}
    out = quotes.rename(columns={"quote": "text"})[["doc_id", "start", "end", "text", "speaker", "speaker_entity_id"]]
    out = out.assign(speaker_names=[ALTERNATIVES.join(x for x in (s, names.get(e, "")) if x)
                                    for s, e in zip(out["speaker"], out["speaker_entity_id"])])
    return out.reset_index(drop=True)


def system_items(cfg: Settings, corpus: corpus_mod.Corpus) -> SystemItems:
    """The system's items of every scored stage for `corpus`, from the cached stages (each
    rebuilt only when its inputs changed, as in notebooks 02-05)."""
    ents = stages.entities(cfg, corpus)
    timeline = stages.timeline(cfg, corpus)
    places = stages.places(cfg, corpus)
    sources = stages.sources(cfg, corpus)
    frames = {
        "entities": entity_items(ents.mentions),
        "dates": date_items(timeline.timexes),
        "places": place_items(ents.mentions, places),
        "quotes": quote_items(sources.quotes, ents.entities),
    }
    texts = {a.doc_id: a.text for a in corpus.articles}
    return SystemItems(frames, texts, tables.sentence_spans(ents.sentences))


def items_from_frames(frames: Mapping[str, pd.DataFrame], texts: Mapping[str, str],
                      sentences: Mapping[str, list[tuple[int, int]]] | None = None) -> SystemItems:
    """System items made from gold-shaped frames (tests, or another system's output)."""
    return SystemItems({s: frames[s] for s in STAGES if s in frames}, dict(texts), dict(sentences or {}))
