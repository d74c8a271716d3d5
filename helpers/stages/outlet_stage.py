"""The outlets stage (notebook 05, "sources"): quotes, claims, reuse, framing and coverage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

import pandas as pd

from .. import corpus as corpus_mod
from .. import tables
from ..outlets import claims as claims_mod
from ..outlets import compare as sources_mod
from ..outlets import framing as framing_mod
from ..settings import Settings
from . import record
from .cache import METADATA_FIELDS, TEXT_FIELDS, Stage, StageTables, fingerprint, load_corpus, read_cached
from .cache import write_cached
from .entity_stage import ENTITIES, entities
from .memo import article_key, remembered
from .timeline_stage import TIMELINE, ArticleInputs, article_inputs, rows_by_doc, rows_in_order, timeline

SOURCES = Stage(
    "sources", entry="stages/outlet_stage.py",
    code=("outlets", "stages/memo.py"), exclude=("outlets/charts.py",),
    packages=("rapidfuzz", "numpy"), after=(ENTITIES, TIMELINE), article_fields=(*TEXT_FIELDS, *METADATA_FIELDS))

SOURCES_TABLES: dict[str, tables.Schema] = {
    "quotes": tables.QUOTES, "claims": tables.CLAIMS, "reuse": tables.REUSE, "framing": tables.FRAMING,
    "coverage": tables.COVERAGE, "same_quotes": tables.QUOTES_COMPARED, "claim_comparison": tables.CLAIMS_COMPARED,
}
"""The stage's tables, by the name of the result's attribute."""


@dataclass(frozen=True)
class SourcesBatch:
    """The input of `sources_batch`: a batch's articles, outlets, sentence rows and PERSON/ORG
    mention spans (`compare.speaker_mentions`: no entity ids, which the corpus-wide merge may
    change without the article's quotes and claims changing)."""

    articles: ArticleInputs
    mentions: pd.DataFrame
    sentences: pd.DataFrame
    outlets: dict[str, str]


@dataclass
class SourcesBatchResult:
    """A batch's quotes, its claims and its descriptor counts by doc_id, and the articles it left out."""

    quotes: pd.DataFrame
    claims_by_doc: dict[str, list[claims_mod.Claim]]
    problems: list[tables.StageProblem]
    framing_by_doc: dict[str, dict[str, int]] = field(default_factory=dict)
    """Each article's descriptors per family (`framing.family_counts`)."""

    def by_article(self) -> Iterator[tuple[str, dict[str, list[dict[str, object]]]]]:
        """Each article's quote rows, claims and descriptor counts (`{"quotes": [...], "claims":
        [...], "framing": [{"family": ..., "count": ...}]}`), for the memo: those of the batch's
        articles that were not left out."""
        left_out = {p.doc_id for p in self.problems}
        quotes = rows_by_doc(self.quotes)
        for doc_id, found in self.claims_by_doc.items():
            if doc_id not in left_out:
                framing = [{"family": f, "count": n} for f, n in self.framing_by_doc.get(doc_id, {}).items()]
                yield doc_id, {"quotes": quotes.get(doc_id, []), "claims": [asdict(c) for c in found],
                               "framing": framing}


def sources_batch(batch: SourcesBatch) -> SourcesBatchResult:
    """The per-article work of the sources stage on one batch (run in a worker): quotes, claims
    and the descriptors of each family (`framing.family_counts`)."""
    problems = tables.ArticleProblems(SOURCES.name)
    texts, parses = batch.articles.texts, batch.articles.parses()
    quotes = sources_mod.found_quotes(texts, batch.mentions, batch.sentences, batch.outlets, parses=parses,
                                      problems=problems)
    claims = sources_mod.find_all_claims(texts, batch.mentions, batch.sentences, parses=parses, problems=problems)
    framing = {}
    for doc_id, text in texts.items():
        found = tables.isolated(problems, doc_id, framing_mod.family_counts, text)
        if found is not None:
            framing[doc_id] = found
    return SourcesBatchResult(quotes, claims, problems.rows, framing)


def per_article(cfg: Settings, corpus: corpus_mod.Corpus, mentions: pd.DataFrame, sentences: pd.DataFrame,
                problems: tables.ArticleProblems,
                refresh: bool = False) -> tuple[pd.DataFrame, dict[str, list[claims_mod.Claim]], dict[str, dict[str, int]]]:
    """The quotes table, the claims by doc_id and the descriptor counts by doc_id
    (`framing.family_counts`) of the corpus, in doc_id order.

    Each article's quotes and claims are read back from the stage's memo when its inputs are
    those they were found with (its text and metadata, its sentence rows, the offsets and types
    of its PERSON/ORG mentions); the quotes' speakers are then tied to the entities as they are
    now (`compare.tie_speakers`), so ten articles that merge an entity anew do not send every
    article naming it back to the quote search. The others are found batch by batch across
    `cfg`'s workers (`executor`) and kept (with `refresh`, every article is searched again).
    The articles a batch raised on go to `problems`."""
    texts = {a.doc_id: a.text for a in corpus.articles}
    outlets = {a.doc_id: a.outlet for a in corpus.articles}
    ids = sorted(texts)
    speakers = sources_mod.speaker_mentions(mentions)
    mention_rows, sentence_rows = rows_by_doc(speakers), rows_by_doc(sentences)
    keys = {}
    for a in corpus.articles:
        record_ = a.record()
        keys[a.doc_id] = article_key([str(record_[f]) for f in SOURCES.article_fields], a.text, a.outlet,
                                     mention_rows.get(a.doc_id, []), sentence_rows.get(a.doc_id, []))

    def batch_input(batch: list[str]) -> SourcesBatch:
        return SourcesBatch(article_inputs(cfg, texts, batch), speakers[speakers["doc_id"].isin(batch)],
                            sentences[sentences["doc_id"].isin(batch)], {d: outlets[d] for d in batch})

    results = remembered(SOURCES, cfg, keys, ("quotes", "claims", "framing"), batch_input, sources_batch, problems,
                         refresh)
    claims = {d: [claims_mod.Claim(**c) for c in results[d]["claims"]] for d in ids if d in results}  # type: ignore[arg-type]
    framing = {d: {str(r["family"]): int(r["count"]) for r in results[d]["framing"]}  # type: ignore[call-overload]
               for d in ids if d in results}
    found = rows_in_order(results, "quotes", ids, list(sources_mod.FOUND_QUOTE_COLUMNS))
    return sources_mod.tie_speakers(found, mentions), claims, framing


class SourcesResult(StageTables):
    """Quotes, claims, reuse, framing and coverage of the corpus's outlets."""

    quotes: pd.DataFrame
    claims: pd.DataFrame
    reuse: pd.DataFrame
    framing: pd.DataFrame
    coverage: pd.DataFrame
    same_quotes: pd.DataFrame
    claim_comparison: pd.DataFrame


@record.recorded(SOURCES.name)
def sources(cfg: Settings, corpus: corpus_mod.Corpus | None = None, *, refresh: bool = False) -> SourcesResult:
    """Outlets compared (notebook 05), from the tables folder when up to date.

    An article on which the quotes or the claims raise is left out of every table of the
    stage and gets a row of `stage_problems.csv`; StageFailed when that is every article."""
    corpus = corpus or load_corpus(cfg)
    stamp = fingerprint(SOURCES, cfg, corpus)
    cached = None if refresh else read_cached(cfg.derived, SOURCES_TABLES, stamp, SOURCES)
    if cached is not None:
        return SourcesResult(cached)
    ents = entities(cfg, corpus)
    tl = timeline(cfg, corpus)
    texts = {a.doc_id: a.text for a in corpus.articles}
    outlets = {a.doc_id: a.outlet for a in corpus.articles}
    problems = tables.ArticleProblems(SOURCES.name)
    quotes, claims_by_doc, framing_by_doc = per_article(cfg, corpus, ents.mentions,
                                                        ents.sentences, problems, refresh)  # type: ignore[attr-defined]
    problems.check_some_left(texts)
    # An article the quotes or the claims raised on is left out of every table of the stage.
    texts = {d: t for d, t in texts.items() if d not in problems}
    quotes = problems.without(quotes)
    claims_by_doc = {d: c for d, c in claims_by_doc.items() if d not in problems}
    claims = sources_mod.claim_table(claims_by_doc, outlets)
    frames = {
        "quotes": quotes, "claims": claims, "reuse": sources_mod.reuse_table(texts),
        "framing": sources_mod.framing_table({d: framing_by_doc[d] for d in texts}, outlets),
        "coverage": sources_mod.coverage_matrix(ents.entities, problems.without(ents.mentions), quotes, claims,
                                                problems.without(tl.events), outlets),
        "same_quotes": sources_mod.same_quote_different_wording(quotes),
        "claim_comparison": sources_mod.compare_claims_table(claims_by_doc, outlets),
    }
    write_cached(cfg.derived, frames, SOURCES_TABLES, stamp, SOURCES, problems)
    return SourcesResult(frames)
