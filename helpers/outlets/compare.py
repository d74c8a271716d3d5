"""Outlets compared: who is quoted, which figures are used, what was copied, how actors are named.

Glue between the corpus-level tables (entities, timeline) and the per-text extractors
(`quotes`, `claims`, `reuse`, `framing` in `helpers.outlets`): each article is run through
the extractors with its sentences, the entity stage's PERSON/ORG mentions and, when given,
its cached parse (`quotes_of_article`, `claims_of_article`), and the results are tied to
canonical entities and outlets.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .. import tables
from ..tables import Ref, refs_by
from ..text.parse import Parse
from . import claims as claims_mod
from . import framing as framing_mod
from . import quotes as quotes_mod
from . import reuse as reuse_mod

QUOTE_COLUMNS = tables.QUOTES.names
CLAIM_COLUMNS = tables.CLAIMS.names
REUSE_COLUMNS = tables.REUSE.names


SPEAKER_TYPES: tuple[str, ...] = ("PERSON", "ORG")
"""Entity types whose mentions name speakers and claimants, and stand for pronouns."""


def _speaker_spans(mentions: pd.DataFrame) -> list[tuple[int, int, str]] | None:
    """The (start, end, type) spans of one article's PERSON/ORG mentions, or None if it has none."""
    part = mentions[mentions["type"].isin(SPEAKER_TYPES)]
    return [(int(s), int(e), t) for s, e, t in zip(part["start"], part["end"], part["type"])] or None


def quotes_of_article(text: str, mentions: pd.DataFrame, *, sentences: list[tuple[int, int]] | None = None,
                      parse: Parse | None = None) -> list[quotes_mod.Quote]:
    """The quotes notebook 05 finds in one article: `find_quotes` with the entity stage's
    PERSON/ORG mentions of that article as names, its sentences and its cached parse."""
    return quotes_mod.find_quotes(text, persons=_speaker_spans(mentions), sentences=sentences, parse=parse)


def claims_of_article(text: str, mentions: pd.DataFrame, *, sentences: list[tuple[int, int]] | None = None,
                      parse: Parse | None = None, stats: claims_mod.ClaimStats | None = None) -> list[claims_mod.Claim]:
    """The numeric claims notebook 05 finds in one article, claimants named as its quotes' speakers."""
    return claims_mod.find_claims(text, sentences=sentences, persons=_speaker_spans(mentions), parse=parse,
                                  stats=stats)


SPEAKER_SPAN_COLUMNS: tuple[str, ...] = ("speaker_start", "speaker_end")
"""The speaker's offsets in a quote row of `found_quotes`, before `tie_speakers` reads them."""
FOUND_QUOTE_COLUMNS: tuple[str, ...] = (*(c for c in QUOTE_COLUMNS if c != "speaker_entity_id"), *SPEAKER_SPAN_COLUMNS)
"""The columns of `found_quotes`: those of `quotes.csv`, the speaker's offsets for its entity."""


SPEAKER_MENTION_COLUMNS: tuple[str, ...] = ("doc_id", "start", "end", "type")


def speaker_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """The entity stage's PERSON/ORG mentions, only their doc_id, offsets and type: all that the
    per-article search for quotes and claims (`found_quotes`, `find_all_claims`) reads of the
    mentions, so a corpus whose entities were merged anew need not search its articles again."""
    return mentions.loc[mentions["type"].isin(SPEAKER_TYPES), list(SPEAKER_MENTION_COLUMNS)]


def found_quotes(texts: dict[str, str], mentions: pd.DataFrame, sentences: pd.DataFrame,
                 outlets: dict[str, str], parses: Mapping[str, Parse] | None = None,
                 problems: tables.ArticleProblems | None = None) -> pd.DataFrame:
    """The quotes of each article (`quotes_of_article`), read with nothing corpus-wide: the
    columns of `quotes.csv` but ``speaker_entity_id``, with the speaker's offsets
    (`SPEAKER_SPAN_COLUMNS`, -1 when the quote has no speaker) in its place. ``mentions`` needs
    only `SPEAKER_MENTION_COLUMNS`. With `problems`, an article on which the quote engine raises
    is recorded there and has no row; without it, the error is raised."""
    sents = tables.sentence_spans(sentences)
    mentions_of = {d: g for d, g in mentions.groupby("doc_id", sort=False)}
    rows = []
    for doc_id in sorted(texts):
        found = tables.isolated(problems, doc_id, lambda d=doc_id: quotes_of_article(
            texts[d], mentions_of.get(d, mentions.head(0)), sentences=sents.get(d), parse=(parses or {}).get(d)))
        for q in found or ():
            rows.append({"doc_id": doc_id, "start": q.start, "end": q.end, "quote": q.quote,
                         "speaker_start": q.speaker_start, "speaker_end": q.speaker_end, "speaker": q.speaker,
                         "cue": q.cue, "outlet": outlets.get(doc_id, doc_id), "speaker_type": q.speaker_type})
    return pd.DataFrame(rows, columns=list(FOUND_QUOTE_COLUMNS))


@dataclass
class _ArticleEntities:
    """One article's mentions as `speaker_entity` reads them: the entity of each exact span,
    and every mention's (start, end, entity_id) in the mentions' order."""

    exact: dict[tuple[int, int], str]
    spans: list[tuple[int, int, str]]


def _entities_by_doc(mentions: pd.DataFrame) -> dict[str, _ArticleEntities]:
    out: dict[str, _ArticleEntities] = {}
    for doc_id, start, end, eid in zip(mentions["doc_id"], mentions["start"], mentions["end"], mentions["entity_id"]):
        doc = out.get(doc_id)
        if doc is None:
            doc = out[doc_id] = _ArticleEntities({}, [])
        doc.exact[(int(start), int(end))] = eid  # the last mention of a span, as a dict keeps it
        doc.spans.append((int(start), int(end), eid))
    return out


def speaker_entity(doc: _ArticleEntities, start: int, end: int) -> str:
    """The canonical entity of the speaker at ``start:end`` among one article's mentions: the
    mention of exactly that span, else the first covering the speaker's head word (the span's
    last word): "Iran's foreign minister" is not Iran, "the Hezbollah official" is not
    Hezbollah. "" when none is, or when the quote has no speaker (``start`` < 0)."""
    if start < 0:
        return ""
    eid = doc.exact.get((start, end), "")
    if eid:
        return eid
    return next((e for s, t, e in doc.spans if s < end and t >= end - 1 and t > start), "")


def tie_speakers(found: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """`quotes.csv` from `found_quotes`' rows: each speaker tied to its canonical entity
    (`speaker_entity`) with the entity stage's mentions as they are now, so a corpus whose
    entities were merged anew ties its old quotes without searching them again."""
    by_doc = _entities_by_doc(mentions)
    none = _ArticleEntities({}, [])
    ids = [speaker_entity(by_doc.get(d, none), int(s), int(e))
           for d, s, e in zip(found["doc_id"], found["speaker_start"], found["speaker_end"])]
    return found.assign(speaker_entity_id=ids)[list(QUOTE_COLUMNS)]


def quote_table(texts: dict[str, str], mentions: pd.DataFrame, sentences: pd.DataFrame,
                outlets: dict[str, str], parses: Mapping[str, Parse] | None = None,
                problems: tables.ArticleProblems | None = None) -> pd.DataFrame:
    """`quotes.csv`: every direct quote with its speaker tied to a canonical entity
    (`found_quotes`, then `tie_speakers`). ``parses`` (doc_id -> the article's cached parse)
    gives the quote engine the parse when present. With `problems`, an article on which the
    quote engine raises is recorded there and has no row; without it, the error is raised."""
    found = found_quotes(texts, mentions, sentences, outlets, parses, problems)
    return tie_speakers(found, mentions)


def find_all_claims(texts: dict[str, str], mentions: pd.DataFrame, sentences: pd.DataFrame,
                    parses: Mapping[str, Parse] | None = None,
                    stats: claims_mod.ClaimStats | None = None,
                    problems: tables.ArticleProblems | None = None) -> dict[str, list[claims_mod.Claim]]:
    """Numeric claims of every article, claimants found by the quotes' attribution engine with
    the tagger's PERSON/ORG names (and the cached parse when ``parses`` has the article). With
    `problems`, an article on which this raises is recorded there and left out of the result;
    without it, the error is raised."""
    sents = tables.sentence_spans(sentences)
    mentions_of = {d: g for d, g in mentions.groupby("doc_id", sort=False)}
    out: dict[str, list[claims_mod.Claim]] = {}
    for doc_id in sorted(texts):
        found = tables.isolated(problems, doc_id, lambda d=doc_id: claims_of_article(
            texts[d], mentions_of.get(d, mentions.head(0)), sentences=sents.get(d), parse=(parses or {}).get(d),
            stats=stats))
        if found is not None:
            out[doc_id] = found
    return out


def claim_table(claims_by_doc: dict[str, list[claims_mod.Claim]], outlets: dict[str, str]) -> pd.DataFrame:
    """`claims.csv`: numeric claims normalised to a value or range, what is counted, who says."""
    rows = [{"doc_id": doc_id, "start": c.start, "end": c.end, "text": c.text, "value_low": c.value_low,
             "value_high": c.value_high, "counted": c.counted, "claimant": c.claimant,
             "outlet": outlets.get(doc_id, doc_id)}
            for doc_id in sorted(claims_by_doc) for c in claims_by_doc[doc_id]]
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def compare_claims_table(claims_by_doc: dict[str, list[claims_mod.Claim]], outlets: dict[str, str]) -> pd.DataFrame:
    """Figures about the same thing in several articles, one row per figure; `consistent` is
    False when the group's figures do not overlap."""
    rows = []
    for g in claims_mod.compare_claims(claims_by_doc):
        if g["n_docs"] < 2:
            continue
        for c in g["claims"]:
            rows.append({"counted": g["key"], "consistent": bool(g["consistent"]),
                         "outlet": outlets.get(c["doc"], c["doc"]), "doc_id": c["doc"], "text": c["text"],
                         "value_low": c["value_low"], "value_high": c["value_high"], "claimant": c["claimant"],
                         "start": c["start"], "end": c["end"]})
    return pd.DataFrame(rows, columns=["counted", "consistent", "outlet", "doc_id", "text", "value_low",
                                       "value_high", "claimant", "start", "end"])


def reuse_table(texts: dict[str, str], min_words: int = 8) -> pd.DataFrame:
    """`reuse.csv`: passages one article shares nearly verbatim with another."""
    found = reuse_mod.find_reuse(texts, min_words=min_words)
    # Column by column: a corpus of copied wire stories has a passage for every pair of
    # articles that share a paragraph (over a million at 10,000 recombined articles).
    if not found:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    return pd.DataFrame({c: [getattr(r, c) for r in found] for c in REUSE_COLUMNS}, columns=REUSE_COLUMNS)


def framing_table(counts: Mapping[str, Mapping[str, int]], outlets: Mapping[str, str]) -> pd.DataFrame:
    """How each outlet names the same groups of actors (descriptor families per outlet), from
    each article's descriptor counts by doc_id (`framing.family_counts`)."""
    by_outlet: dict[str, list[Mapping[str, int]]] = {}
    for doc_id in sorted(counts):
        by_outlet.setdefault(outlets.get(doc_id, doc_id), []).append(counts[doc_id])
    return framing_mod.framing_from_counts(by_outlet)


SIMILARITY_ROWS = 256
"""Quotes of one outlet scored against another's at a time (`same_quote_different_wording`):
the block of scores held at once is at most this many rows by the other outlet's quotes."""


def same_quote_different_wording(quotes: pd.DataFrame, threshold: float = 70.0) -> pd.DataFrame:
    """Quotes of one speaker in two outlets that say nearly the same thing, worded differently.

    Each speaker's quotes in one outlet are scored against theirs in every other outlet
    (`fuzz.token_set_ratio` of the lower-cased quotes, through `rapidfuzz.process.cdist`, a
    block of rows at a time; never two quotes of one outlet); a pair scoring `threshold` or more
    is a row, the earlier quote of the quotes table first, in that table's order."""
    rows = []
    q = quotes[quotes["speaker_entity_id"] != ""]
    by_speaker: dict[str, list[int]] = {}
    for x, eid in enumerate(q["speaker_entity_id"].tolist()):
        if isinstance(eid, str):  # no speaker (None, NaN): as groupby, left out
            by_speaker.setdefault(eid, []).append(x)
    outlets_all, quotes_all = q["outlet"].tolist(), q["quote"].tolist()
    for eid in sorted(by_speaker):
        said = [quotes_all[x] for x in by_speaker[eid]]
        outlet = [outlets_all[x] for x in by_speaker[eid]]
        for i, j, score in similar_pairs([t.lower() for t in said], outlet, threshold):
            a, b = said[i], said[j]
            rows.append({"speaker_entity_id": eid, "outlet_a": outlet[i], "quote_a": a,
                         "outlet_b": outlet[j], "quote_b": b, "similarity": round(score, 1),
                         "identical": " ".join(a.split()).strip("\"“”") == " ".join(b.split()).strip("\"“”")})
    return pd.DataFrame(rows, columns=["speaker_entity_id", "outlet_a", "quote_a", "outlet_b", "quote_b",
                                       "similarity", "identical"])


def similar_pairs(texts: list[str], outlets: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """The pairs `(i, j, score)`, `i < j`, of texts from two different outlets (the outlets'
    names: equal names are one outlet) whose `fuzz.token_set_ratio` is at least `threshold`,
    sorted by `(i, j)`."""
    by_outlet: dict[str, list[int]] = {}
    for k, o in enumerate(outlets):
        by_outlet.setdefault(o, []).append(k)
    groups = list(by_outlet.values())
    found: list[tuple[int, int, float]] = []
    for ga, rows_a in enumerate(groups):
        for rows_b in groups[ga + 1:]:
            cols = [texts[k] for k in rows_b]
            for r0 in range(0, len(rows_a), SIMILARITY_ROWS):
                block = rows_a[r0:r0 + SIMILARITY_ROWS]
                scores = process.cdist([texts[k] for k in block], cols, scorer=fuzz.token_set_ratio,
                                       dtype=np.float64, score_cutoff=threshold)
                for x, y in zip(*np.nonzero(scores >= threshold)):
                    a, b = block[x], rows_b[y]
                    found.append((min(a, b), max(a, b), float(scores[x, y])))
    found.sort()
    return found


@dataclass(frozen=True)
class CoverageItem:
    """One row of the coverage matrix: an entity, a speaker's quotes, a figure or an event,
    with the spans that carry it in each outlet (its count there is their number)."""

    kind: str
    item: str
    refs: dict[str, list[Ref]]
    """Per outlet, the mentions, quotes, figures or dated sentences that carry the item."""


def coverage_items(entities: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame,
                   claims: pd.DataFrame, events: pd.DataFrame, outlets: dict[str, str],
                   top: int = 12) -> list[CoverageItem]:
    """Which entities, quotes, figures and events each outlet carries, with their spans."""
    m = mentions.assign(outlet=mentions["doc_id"].map(outlets))
    by_entity = refs_by(m[m["entity_id"].isin(set(entities.head(top)["entity_id"]))], ["entity_id", "outlet"])
    items = []
    for e in entities.head(top).itertuples(index=False):
        items.append(CoverageItem("entity", e.name, _per_outlet(by_entity, e.entity_id)))
    names = dict(zip(entities["entity_id"], entities["name"]))
    quoted = _refs_per_outlet(quotes[quotes["speaker_entity_id"] != ""], "speaker_entity_id")
    for eid in sorted(quoted):
        items.append(CoverageItem("quotes of", names.get(eid, eid), quoted[eid]))
    figures = _refs_per_outlet(claims[claims["counted"] != ""], "counted")
    for counted in sorted(figures):
        items.append(CoverageItem("figure", counted, figures[counted]))
    multi = events[events["n_sources"] > 1]
    told = _refs_per_outlet(multi, "event_id")
    firsts = multi.groupby("event_id", sort=True).agg(date=("date", "min"), sentence=("sentence", "first"))
    for eid, first in zip(firsts.index, firsts.itertuples(index=False)):
        items.append(CoverageItem("event", f"{first.date}: {first.sentence[:60]}…", told[eid]))
    return items


def _per_outlet(grouped: dict[tuple, list[Ref]], key: str) -> dict[str, list[Ref]]:
    return {o: refs for (k, o), refs in grouped.items() if k == key}


def _refs_per_outlet(rows: pd.DataFrame, key: str) -> dict[str, dict[str, list[Ref]]]:
    """Per value of column `key`, the spans of its rows per outlet (outlets in the order of their
    first row): one pass over the rows, not one per value."""
    out: dict[str, dict[str, list[Ref]]] = {}
    for (k, outlet), refs in refs_by(rows[rows[key].notna()], [key, "outlet"]).items():
        out.setdefault(k, {})[outlet] = refs
    return out


def coverage_matrix(entities: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame,
                    claims: pd.DataFrame, events: pd.DataFrame, outlets: dict[str, str],
                    top: int = 12) -> pd.DataFrame:
    """`coverage.csv`: the coverage items as counts per outlet (rows = items; 0 = absent)."""
    cols = sorted(set(outlets.values()))
    rows = [{"kind": c.kind, "item": c.item, **{o: len(c.refs.get(o, [])) for o in cols}}
            for c in coverage_items(entities, mentions, quotes, claims, events, outlets, top)]
    return pd.DataFrame(rows, columns=["kind", "item", *cols])


def framing_refs(texts: dict[str, str], outlets: dict[str, str]) -> dict[tuple[str, str], list[Ref]]:
    """Each outlet's descriptors of each family, as spans: the evidence of the framing chart."""
    out: dict[tuple[str, str], list[Ref]] = {}
    for doc_id in sorted(texts):
        for d in framing_mod.count_descriptors(texts[doc_id]):
            out.setdefault((outlets.get(doc_id, doc_id), d.family), []).append(Ref(doc_id, d.start, d.end))
    return out


def side_by_side(texts: dict[str, str], reuse: pd.DataFrame, outlets: dict[str, str], limit: int = 10) -> str:
    """Reused passages side by side, the shared words marked (escaped HTML)."""
    if reuse.empty:
        return "<p><i>No passage is shared between two articles.</i></p>"
    blocks = []
    for r in reuse.head(limit).itertuples(index=False):
        a = texts[r.doc_a][r.start_a:r.end_a]
        b = texts[r.doc_b][r.start_b:r.end_b]
        blocks.append(
            '<table class="workbook-table" style="width:100%; table-layout:fixed"><tr>'
            f"<th>{html.escape(outlets.get(r.doc_a, r.doc_a))} ({r.start_a}–{r.end_a})</th>"
            f"<th>{html.escape(outlets.get(r.doc_b, r.doc_b))} ({r.start_b}–{r.end_b})</th></tr><tr>"
            f"<td>{_mark(a, reuse_mod.shared_words(a, b))}</td><td>{_mark(b, reuse_mod.shared_words(b, a))}</td>"
            "</tr></table>")
    return "".join(blocks)


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in sorted(spans):
        if s < pos:
            continue
        out.append(html.escape(text[pos:s], quote=False))
        out.append(f'<mark style="background-color:#fde2c4; color:#111">{html.escape(text[s:e], quote=False)}</mark>')
        pos = e
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)
