"""The timeline stage (notebook 03): publication dates, time expressions and dated events."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import corpus as corpus_mod
from .. import tables
from ..annotation import cache as extract
from ..settings import Settings
from . import record
from ..timeline import events as timeline_mod
from .memo import article_key, remembered
from .cache import METADATA_FIELDS, TEXT_FIELDS, Stage, StageTables, fingerprint, load_corpus, read_cached
from .cache import write_cached
from .entity_stage import ENTITIES, entities

TIMELINE = Stage(
    "timeline", entry="stages/timeline_stage.py", code=("timeline", "stages/memo.py"), exclude=("timeline/charts.py",),
    packages=("rapidfuzz", "networkx"), after=(ENTITIES,), article_fields=(*TEXT_FIELDS, *METADATA_FIELDS))

TIMELINE_TABLES: dict[str, tables.Schema] = {
    "dates": tables.DOCUMENT_DATES, "timexes": tables.TIMEXES, "events": tables.TIMELINE}
"""The stage's tables, by the name of the result's attribute."""


@dataclass(frozen=True)
class ArticleInputs:
    """What a worker needs to read a batch's parses: its texts, and either the local annotation
    cache (a local worker reads it itself) or the annotations themselves (a Dask worker, on a
    machine that may not see that cache)."""

    texts: dict[str, str]
    model: str
    cache: Path
    annotations: dict[str, extract.Annotation] | None = None

    def parses(self) -> Mapping[str, extract.Parse]:
        """Each article's parse, by doc_id, from the annotations sent or the local cache. An
        article without one (the parse failed on it in the entities stage) raises `NotParsed`
        when asked for, on either path, so it becomes a problem row of this stage too, never
        rows read without a parse, and no worker loads spaCy to fail on it again."""
        annotations = self.annotations
        if annotations is None:
            annotations = extract.cached_annotations(
                [extract.ArticleText(d, t) for d, t in self.texts.items()], self.model, self.cache)
        return ParsedOnly({d: a.parse for d, a in annotations.items()})


class NotParsed(LookupError):
    """An article of the batch has no parse (not a KeyError, so `Mapping.get` raises it too)."""


class ParsedOnly(dict):
    """The parses of a batch's articles; asking for one that has none raises `NotParsed`."""

    def __missing__(self, doc_id: str) -> extract.Parse:
        raise NotParsed(f"no parse of {doc_id} in the annotation cache: the spaCy pipeline failed on it "
                        "(see the entities stage)")

    def get(self, doc_id: str, default: object = None) -> extract.Parse:  # type: ignore[override]
        return self[doc_id]


def article_inputs(cfg: Settings, texts: dict[str, str], ids: list[str]) -> ArticleInputs:
    """The `ArticleInputs` of the articles `ids`: the annotations travel only to a Dask cluster."""
    batch = {d: texts[d] for d in ids}
    annotations = None
    if cfg.dask_scheduler:
        annotations = extract.cached_annotations([extract.ArticleText(d, t) for d, t in batch.items()],
                                                 cfg.spacy_model, cfg.cache)
    return ArticleInputs(batch, cfg.spacy_model, cfg.cache, annotations)


@dataclass(frozen=True)
class TimelineBatch:
    """The input of `timeline_batch`: a batch's articles, their rows of `documents`, sentence
    spans and body starts, and the given publication dates of the whole corpus (ISO, sorted:
    what dating an undated article reads)."""

    articles: ArticleInputs
    documents: pd.DataFrame
    corpus_dates: list[str]
    sentences: dict[str, list[tuple[int, int]]]
    body_start: dict[str, int]


@dataclass
class TimelineBatchResult:
    """A batch's rows of the dates and time-expression tables, and the articles it left out."""

    dates: pd.DataFrame
    timexes: pd.DataFrame
    problems: list[tables.StageProblem]

    def by_article(self) -> Iterator[tuple[str, dict[str, list[dict[str, object]]]]]:
        """Each article's rows (`{"dates": [...], "timexes": [...]}`), for the memo: those of
        the batch's articles that were not left out."""
        left_out = {p.doc_id for p in self.problems}
        timexes = rows_by_doc(self.timexes)
        for doc_id, rows in rows_by_doc(self.dates).items():
            if doc_id not in left_out:
                yield doc_id, {"dates": rows, "timexes": timexes.get(doc_id, [])}


def rows_by_doc(frame: pd.DataFrame) -> dict[str, list[dict[str, object]]]:
    """The rows of `frame` as dicts, by doc_id, in their order."""
    out: dict[str, list[dict[str, object]]] = {}
    for row in frame.to_dict("records"):
        out.setdefault(str(row["doc_id"]), []).append(row)
    return out


def timeline_batch(batch: TimelineBatch) -> TimelineBatchResult:
    """The per-article work of the timeline stage on one batch (run in a worker): its articles'
    publication dates (given, or inferred against the corpus's given dates) and time expressions."""
    problems = tables.ArticleProblems(TIMELINE.name)
    texts, parses = batch.articles.texts, batch.articles.parses()
    dates = timeline_mod.reference_dates(batch.documents, texts, batch.sentences, parses=parses, problems=problems,
                                         corpus_dates=batch.corpus_dates)
    timexes = timeline_mod.timex_table(dates, texts, batch.sentences, batch.body_start, parses=parses,
                                       problems=problems)
    return TimelineBatchResult(dates, timexes, problems.rows)


def rows_in_order(results: Mapping[str, Mapping[str, list[dict[str, object]]]], table: str, ids: list[str],
                  columns: list[str]) -> pd.DataFrame:
    """One table of the articles' per-article results (`results[doc_id][table]`: its rows), in
    the order of `ids`, built from the rows as a one-process run builds it (the same dtypes)."""
    rows = [row for d in ids if d in results for row in results[d][table]]
    return pd.DataFrame(rows, columns=columns)


def corpus_dates(documents: pd.DataFrame) -> list[str]:
    """The given publication dates of the corpus (ISO), sorted."""
    return sorted(v for v in documents["published"] if isinstance(v, str) and v)


def per_article(cfg: Settings, corpus: corpus_mod.Corpus, sents: dict[str, list[tuple[int, int]]],
                problems: tables.ArticleProblems, refresh: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The dates and time-expression tables of the corpus, in doc_id order.

    Each article's rows are read back from the stage's memo when its inputs are those it was
    dated with (its text and metadata, its sentences; for an undated article, the corpus's
    given dates too); the others are made batch by batch across `cfg`'s workers (`executor`)
    and kept (with `refresh`, every article is made again). The articles a batch raised on go
    to `problems`."""
    texts = {a.doc_id: a.text for a in corpus.articles}
    documents = corpus.documents
    dates_given = corpus_dates(documents)
    body_start = {a.doc_id: a.body_start for a in corpus.articles}
    ids = sorted(texts)
    dates_key = article_key(dates_given)
    keys = {}
    for a in corpus.articles:
        record_ = a.record()
        dated = isinstance(record_["published"], str) and bool(record_["published"])
        keys[a.doc_id] = article_key([str(record_[f]) for f in TIMELINE.article_fields], a.text,
                                     sents.get(a.doc_id), body_start[a.doc_id], "" if dated else dates_key)

    def batch_input(batch: list[str]) -> TimelineBatch:
        return TimelineBatch(article_inputs(cfg, texts, batch), documents[documents["doc_id"].isin(batch)],
                             dates_given, {d: sents[d] for d in batch if d in sents}, {d: body_start[d] for d in batch})

    results = remembered(TIMELINE, cfg, keys, ("dates", "timexes"), batch_input, timeline_batch, problems, refresh)
    return (rows_in_order(results, "dates", ids, list(timeline_mod.DATE_COLUMNS)),
            rows_in_order(results, "timexes", ids, list(timeline_mod.TIMEX_COLUMNS)))


class TimelineResult(StageTables):
    """Publication dates (given or inferred), time expressions, and timeline events."""

    dates: pd.DataFrame
    timexes: pd.DataFrame
    events: pd.DataFrame

    @property
    def disagreements(self) -> pd.DataFrame:
        """Events told by several outlets with different dates."""
        return timeline_mod.disagreements(self.events)


@record.recorded(TIMELINE.name)
def timeline(cfg: Settings, corpus: corpus_mod.Corpus | None = None, *, refresh: bool = False) -> TimelineResult:
    """Dates, time expressions and events of the corpus, from the tables folder when up to date.

    An article on which dating or finding time expressions raises is left out of the stage's
    tables and gets a row of `stage_problems.csv`; StageFailed when that is every article."""
    corpus = corpus or load_corpus(cfg)
    stamp = fingerprint(TIMELINE, cfg, corpus)
    cached = None if refresh else read_cached(cfg.derived, TIMELINE_TABLES, stamp, TIMELINE)
    if cached is not None:
        return TimelineResult(cached)
    ents = entities(cfg, corpus)
    texts = {a.doc_id: a.text for a in corpus.articles}
    sents = tables.sentence_spans(ents.sentences)  # type: ignore[attr-defined]
    problems = tables.ArticleProblems(TIMELINE.name)
    dates, timexes = per_article(cfg, corpus, sents, problems, refresh)
    problems.check_some_left(texts)
    dates, timexes = problems.without(dates), problems.without(timexes)
    names = dict(zip(ents.entities["entity_id"], ents.entities["name"]))
    outlets = {a.doc_id: a.outlet for a in corpus.articles}
    events = timeline_mod.build_events(timexes, ents.mentions, ents.sentences, texts, outlets, names)  # type: ignore[attr-defined]
    frames = {"dates": dates, "timexes": timexes, "events": events}
    write_cached(cfg.derived, frames, TIMELINE_TABLES, stamp, TIMELINE, problems)
    return TimelineResult(frames)

