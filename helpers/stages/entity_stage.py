"""The entities stage (notebook 02): the tagger's spans of every article, merged at corpus level."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

import pandas as pd

from .. import corpus as corpus_mod
from .. import tables
from ..annotation import cache as extract
from ..annotation.pipeline import check_pipeline
from .. import entities as entities_mod
from ..settings import Settings
from . import executor, record
from .cache import ALIASES, NAMED_REGIONS, Stage, StageTables, fingerprint, load_corpus, read_cached, write_cached
from .memo import ArticleMemo, Rows, article_key


def _pipeline(cfg: Settings) -> tuple[str, ...]:
    """The spaCy pipeline's name and version, and the annotation cache's format."""
    return cfg.spacy_model, check_pipeline(cfg.spacy_model).version, f"annotation v{extract.FORMAT_VERSION}"


ENTITIES = Stage(
    "entities", entry="stages/entity_stage.py",
    code=("annotation", "entities", "gazetteer/countries.py", "gazetteer/curated.py", "stages/executor.py",
          "stages/memo.py"),
    exclude=("entities/charts.py", "entities/network.py"), data=(ALIASES, NAMED_REGIONS),
    packages=("spacy", "rapidfuzz", "countryinfo", "networkx", "distributed"), versions=_pipeline)

ENTITY_TABLES: dict[str, tables.Schema] = {
    "mentions": tables.MENTIONS, "entities": tables.ENTITIES, "merges": tables.ENTITY_MERGES,
    "dropped": tables.MENTIONS_DROPPED, "relations": tables.ENTITY_RELATIONS, "sentences": tables.SENTENCES,
}
"""The stage's tables, by the name of the result's attribute."""


SPAN_TABLES: tuple[str, ...] = ("kept", "dropped", "sents")
"""An article's result of the stage's per-article work, as the memo keeps it (`ArticleSpans.rows`)."""


@dataclass
class ArticleSpans:
    """The per-article work of the entity stage on one parsed article (`article_spans`): the
    tagger's spans cleaned into mentions or dropped with why, and the article's sentence spans."""

    kept: list[entities_mod.Mention]
    dropped: list[entities_mod.Dropped]
    sents: list[tuple[int, int]]

    def rows(self) -> Rows:
        """The rows the stage's memo keeps (`SPAN_TABLES`)."""
        return {"kept": [asdict(m) for m in self.kept], "dropped": [asdict(d) for d in self.dropped],
                "sents": [[a, b] for a, b in self.sents]}

    @classmethod
    def from_rows(cls, rows: Rows) -> ArticleSpans | None:
        """The spans a memo file keeps, or None when it holds something else (a file edited by
        hand, or of another shape): that article is then parsed and cleaned again."""
        try:
            return cls([entities_mod.Mention(**m) for m in rows["kept"]],  # type: ignore[arg-type]
                       [entities_mod.Dropped(**d) for d in rows["dropped"]],  # type: ignore[arg-type]
                       [(int(a), int(b)) for a, b in rows["sents"]])  # type: ignore[misc]
        except (TypeError, ValueError):
            return None


def article_spans(article: corpus_mod.Article, ann: extract.Annotation) -> ArticleSpans:
    """The per-article work of the entity stage, on one parsed article: the tagger's spans
    cleaned (`raw_spans`, `mentions_from_spans`) and its sentence spans. An article whose
    result is kept is not read from the annotation cache again when the corpus grows: only the
    corpus-wide merge runs over it."""
    found = entities_mod.mentions_from_spans(entities_mod.raw_spans(article.doc_id, ann),
                                             {article.doc_id: article.text})
    return ArticleSpans(found.kept, found.dropped, [(int(a), int(b)) for a, b in ann.sents])


def remembered_spans(cfg: Settings, memo: ArticleMemo, keys: dict[str, str],
                     articles: list[corpus_mod.Article]) -> dict[str, ArticleSpans]:
    """The articles' spans kept in the stage's memo, by doc_id. An article whose annotation
    is no longer in the annotation cache (a cache folder cleaned by hand) is left out, so the
    stage parses it again: the timeline and sources stages read its parse."""
    unparsed = {a.doc_id for a in extract.missing_from_cache(articles, cfg.spacy_model, cfg.cache)}
    kept = memo.get_many({a.doc_id: keys[a.doc_id] for a in articles if a.doc_id not in unparsed}, SPAN_TABLES)
    spans = {d: ArticleSpans.from_rows(rows) for d, rows in kept.items()}
    return {d: found for d, found in spans.items() if found is not None}


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

    Each article's cleaned spans are read back from the stage's memo when its text is the one
    they were found in (`article_spans`): a corpus with ten new articles parses and cleans
    those ten, and only the corpus-wide merge reads the others (`stats.remembered` counts
    them; with `refresh`, every article is read from its annotation again). An article the
    pipeline or the span extraction raises on is left out of the stage's tables and gets a row
    of `stage_problems.csv`; StageFailed when that is every article. `parsed()`, when given, is
    called once every article not read back is parsed, before the corpus-wide step."""
    corpus = corpus or load_corpus(cfg)
    stamp = fingerprint(ENTITIES, cfg, corpus)
    cached = None if refresh else read_cached(cfg.derived, ENTITY_TABLES, stamp, ENTITIES)
    if cached is not None:
        return EntityTables(cached)

    problems = tables.ArticleProblems(ENTITIES.name)
    memo = ArticleMemo.of(ENTITIES, cfg)
    keys = {a.doc_id: article_key(a.doc_id, a.text) for a in corpus.articles}
    by_doc = {} if refresh else remembered_spans(cfg, memo, keys, corpus.articles)
    todo = [a for a in corpus.articles if a.doc_id not in by_doc]
    record.note_articles(ENTITIES.name, len(todo), len(by_doc))
    if stats is not None:
        stats.remembered += len(by_doc)
    if cfg.dask_scheduler:
        parse_on_cluster(cfg, todo, problems, stats)
    # Each article's spans are cleaned as its parse comes back, while the workers parse the next.
    for article, ann in extract.annotate([a for a in todo if a.doc_id not in problems], cfg.spacy_model, cfg.cache,
                                         n_process=cfg.processes, stats=stats, problems=problems):
        found = tables.isolated(problems, article.doc_id, article_spans, article, ann)
        if found is not None:
            by_doc[article.doc_id] = found
            memo.put(keys[article.doc_id], found.rows())
    cleaned = entities_mod.Sifted([], [])
    sents_by_doc: dict[str, list[tuple[int, int]]] = {}
    for article in corpus.articles:  # in the corpus's order, wherever each article's spans came from
        if article.doc_id in by_doc and article.doc_id not in problems:
            found = by_doc[article.doc_id]
            cleaned.kept.extend(found.kept)
            cleaned.dropped.extend(found.dropped)
            sents_by_doc[article.doc_id] = found.sents
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
