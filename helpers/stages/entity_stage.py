"""The entities stage (notebook 02): the tagger's spans of every article, merged at corpus level."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .. import corpus as corpus_mod
from .. import tables
from ..annotation import cache as extract
from ..annotation.pipeline import check_pipeline
from .. import entities as entities_mod
from ..settings import Settings
from . import executor, record
from .cache import ALIASES, NAMED_REGIONS, Stage, StageTables, fingerprint, load_corpus, read_cached, write_cached


def _pipeline(cfg: Settings) -> tuple[str, ...]:
    """The spaCy pipeline's name and version, and the annotation cache's format."""
    return cfg.spacy_model, check_pipeline(cfg.spacy_model).version, f"annotation v{extract.FORMAT_VERSION}"


ENTITIES = Stage(
    "entities", entry="stages/entity_stage.py",
    code=("annotation", "entities", "gazetteer/countries.py", "gazetteer/curated.py", "stages/executor.py"),
    exclude=("entities/charts.py", "entities/network.py"), data=(ALIASES, NAMED_REGIONS),
    packages=("spacy", "rapidfuzz", "countryinfo", "networkx", "distributed"), versions=_pipeline)

ENTITY_TABLES: dict[str, tables.Schema] = {
    "mentions": tables.MENTIONS, "entities": tables.ENTITIES, "merges": tables.ENTITY_MERGES,
    "dropped": tables.MENTIONS_DROPPED, "relations": tables.ENTITY_RELATIONS, "sentences": tables.SENTENCES,
}
"""The stage's tables, by the name of the result's attribute."""


def parse_on_cluster(cfg: Settings, articles: list[corpus_mod.Article], problems: tables.ArticleProblems,
                     stats: extract.RunStats | None = None) -> None:
    """Parse the articles missing from the annotation cache on `cfg.dask_scheduler`'s workers
    (`extract.parse_batch`, in batches: each worker loads the pipeline once) and write their
    annotations to the local cache; the articles the pipeline raised on go to `problems`."""
    missing = extract.missing_from_cache(articles, cfg.spacy_model, cfg.cache)
    by_id = {a.doc_id: a for a in missing}
    inputs = (extract.ParseBatch(cfg.spacy_model, [extract.ArticleText(d, by_id[d].text) for d in ids], ENTITIES.name)
              for ids in executor.split([a.doc_id for a in missing], cfg))
    for parsed in executor.map_batches(extract.parse_batch, inputs, cfg, len(missing)):
        extract.keep_parsed((by_id[d] for d in parsed.annotations), parsed, cfg.spacy_model, cfg.cache, stats)
        problems.rows.extend(parsed.problems)


class EntityTables(StageTables):
    """The entity stage's tables: what `EntityResult` holds, and each article's sentences (read
    back from the tables folder, each when first used)."""

    mentions: pd.DataFrame
    entities: pd.DataFrame
    merges: pd.DataFrame
    dropped: pd.DataFrame
    relations: pd.DataFrame
    sentences: pd.DataFrame


@record.recorded(ENTITIES.name)
def entities(cfg: Settings, corpus: corpus_mod.Corpus | None = None, *, refresh: bool = False,
             stats: extract.RunStats | None = None, parsed: Callable[[], None] | None = None
             ) -> EntityTables:
    """Mentions and canonical entities of the corpus, from the tables folder when up to date.

    An article the pipeline or the span extraction raises on is left out of the stage's tables
    and gets a row of `stage_problems.csv`; StageFailed when that is every article. `parsed()`,
    when given, is called once every article is parsed, before the corpus-wide step."""
    corpus = corpus or load_corpus(cfg)
    stamp = fingerprint(ENTITIES, cfg, corpus)
    cached = None if refresh else read_cached(cfg.derived, ENTITY_TABLES, stamp, ENTITIES)
    if cached is not None:
        return EntityTables(cached)

    problems = tables.ArticleProblems(ENTITIES.name)
    if cfg.dask_scheduler:
        parse_on_cluster(cfg, corpus.articles, problems, stats)
    # Each article's spans are cleaned as its parse comes back, while the workers parse the next.
    cleaned = entities_mod.Sifted([], [])
    sents_by_doc: dict[str, list[tuple[int, int]]] = {}
    articles = [a for a in corpus.articles if a.doc_id not in problems]
    for article, ann in extract.annotate(articles, cfg.spacy_model, cfg.cache,
                                         n_process=cfg.processes, stats=stats, problems=problems):
        spans = tables.isolated(problems, article.doc_id, entities_mod.raw_spans, article.doc_id, ann)
        found = None if spans is None else tables.isolated(
            problems, article.doc_id, entities_mod.mentions_from_spans, spans, {article.doc_id: article.text})
        if found is not None:
            sents_by_doc[article.doc_id] = ann.sents
            cleaned.kept.extend(found.kept)
            cleaned.dropped.extend(found.dropped)
    if parsed is not None:
        parsed()
    problems.check_some_left([a.doc_id for a in corpus.articles])
    texts = {a.doc_id: a.text for a in corpus.articles if a.doc_id not in problems}
    overrides = entities_mod.read_overrides(cfg.aliases)
    result = entities_mod.canonicalize(cleaned, texts, sents_by_doc=sents_by_doc, overrides=overrides)
    sentences = pd.DataFrame(
        [(d, i, s, e) for d in sorted(sents_by_doc) for i, (s, e) in enumerate(sents_by_doc[d])],
        columns=tables.SENTENCES.names)
    frames = {**{key: getattr(result, key) for key in ENTITY_TABLES if key != "sentences"}, "sentences": sentences}
    write_cached(cfg.derived, frames, ENTITY_TABLES, stamp, ENTITIES, problems)
    return EntityTables(frames)
