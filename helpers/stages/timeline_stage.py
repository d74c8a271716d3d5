"""The timeline stage (notebook 03): publication dates, time expressions and dated events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import corpus as corpus_mod
from .. import tables
from ..annotation import cache as extract
from ..settings import Settings
from . import executor, record
from ..timeline import events as timeline_mod
from .cache import METADATA_FIELDS, TEXT_FIELDS, Stage, fingerprint, load_corpus, read_cached, write_cached
from .entity_stage import ENTITIES, entities

TIMELINE = Stage(
    "timeline", entry="stages/timeline_stage.py", code=("timeline",), exclude=("timeline/charts.py",),
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
        raise NotParsed(f"no parse of {doc_id}: the spaCy pipeline failed on it (see the entities stage)")

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
    spans and body starts, and every given publication date of the corpus (which dating an
    undated article reads)."""

    articles: ArticleInputs
    documents: pd.DataFrame
    known: pd.DataFrame
    sentences: dict[str, list[tuple[int, int]]]
    body_start: dict[str, int]


@dataclass
class TimelineBatchResult:
    """A batch's rows of the dates and time-expression tables, and the articles it left out."""

    dates: pd.DataFrame
    timexes: pd.DataFrame
    problems: list[tables.StageProblem]


def timeline_batch(batch: TimelineBatch) -> TimelineBatchResult:
    """The per-article work of the timeline stage on one batch (run in a worker): its articles'
    publication dates (given, or inferred against the corpus's given dates) and time expressions."""
    problems = tables.ArticleProblems(TIMELINE.name)
    ids = set(batch.documents["doc_id"])
    texts, parses = batch.articles.texts, batch.articles.parses()
    documents = pd.concat([batch.documents, batch.known[~batch.known["doc_id"].isin(ids)]], ignore_index=True)
    dates = timeline_mod.reference_dates(documents, texts, batch.sentences, parses=parses, problems=problems)
    dates = dates[dates["doc_id"].isin(ids)].reset_index(drop=True)
    timexes = timeline_mod.timex_table(dates, texts, batch.sentences, batch.body_start, parses=parses,
                                       problems=problems)
    return TimelineBatchResult(dates, timexes, problems.rows)


def combine(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """The batches' frames as one, as a one-process run builds it (from its rows: the same dtypes)."""
    rows = [row for frame in frames for row in frame.to_dict("records")]
    return pd.DataFrame(rows, columns=columns)


def _known_dates(documents: pd.DataFrame) -> pd.DataFrame:
    """The rows of `documents` with a given publication date."""
    given = documents["published"].map(lambda v: isinstance(v, str) and bool(v))
    return documents[given].reset_index(drop=True)


def per_article(cfg: Settings, corpus: corpus_mod.Corpus, sents: dict[str, list[tuple[int, int]]],
                problems: tables.ArticleProblems) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The dates and time-expression tables of the corpus, made batch by batch across `cfg`'s
    workers (`executor`), in doc_id order; the articles a batch raised on go to `problems`."""
    texts = {a.doc_id: a.text for a in corpus.articles}
    documents = corpus.documents
    known = _known_dates(documents)
    body_start = {a.doc_id: a.body_start for a in corpus.articles}
    ids = sorted(texts)
    inputs = (TimelineBatch(article_inputs(cfg, texts, batch), documents[documents["doc_id"].isin(batch)],
                            known, {d: sents[d] for d in batch if d in sents}, {d: body_start[d] for d in batch})
              for batch in executor.split(ids, cfg))
    dates, timexes = [], []
    for result in executor.map_batches(timeline_batch, inputs, cfg, len(ids)):
        dates.append(result.dates)
        timexes.append(result.timexes)
        problems.rows.extend(result.problems)
    return (combine(dates, list(timeline_mod.DATE_COLUMNS)), combine(timexes, list(timeline_mod.TIMEX_COLUMNS)))


class TimelineResult:
    """Publication dates (given or inferred), time expressions, and timeline events."""

    def __init__(self, dates: pd.DataFrame, timexes: pd.DataFrame, events: pd.DataFrame) -> None:
        self.dates, self.timexes, self.events = dates, timexes, events

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
        return TimelineResult(**cached)
    ents = entities(cfg, corpus)
    texts = {a.doc_id: a.text for a in corpus.articles}
    sents = tables.sentence_spans(ents.sentences)  # type: ignore[attr-defined]
    problems = tables.ArticleProblems(TIMELINE.name)
    dates, timexes = per_article(cfg, corpus, sents, problems)
    problems.check_some_left(texts)
    dates, timexes = problems.without(dates), problems.without(timexes)
    names = dict(zip(ents.entities["entity_id"], ents.entities["name"]))
    outlets = {a.doc_id: a.outlet for a in corpus.articles}
    events = timeline_mod.build_events(timexes, ents.mentions, ents.sentences, texts, outlets, names)  # type: ignore[attr-defined]
    result = TimelineResult(dates, timexes, events)
    write_cached(cfg.derived, vars(result), TIMELINE_TABLES, stamp, TIMELINE, problems)
    return result

