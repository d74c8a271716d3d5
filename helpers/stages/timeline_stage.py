"""The timeline stage (notebook 03): publication dates, time expressions and dated events."""

from __future__ import annotations

import pandas as pd

from .. import corpus as corpus_mod
from .. import tables
from ..annotation import cache as extract
from ..settings import Settings
from . import record
from ..timeline import events as timeline_mod
from .cache import METADATA_FIELDS, TEXT_FIELDS, Stage, fingerprint, load_corpus, read_cached, write_cached
from .entity_stage import ENTITIES, entities

TIMELINE = Stage(
    "timeline", entry="stages/timeline_stage.py", code=("timeline",), exclude=("timeline/charts.py",),
    packages=("rapidfuzz", "networkx"), after=(ENTITIES,), article_fields=(*TEXT_FIELDS, *METADATA_FIELDS))

TIMELINE_TABLES: dict[str, tables.Schema] = {
    "dates": tables.DOCUMENT_DATES, "timexes": tables.TIMEXES, "events": tables.TIMELINE}
"""The stage's tables, by the name of the result's attribute."""


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
    parses = extract.Parses(corpus.articles, cfg.spacy_model, cfg.cache)
    problems = tables.ArticleProblems(TIMELINE.name)
    dates = timeline_mod.reference_dates(corpus.documents, texts, sents, parses=parses, problems=problems)
    timexes = timeline_mod.timex_table(dates, texts, sents, {a.doc_id: a.body_start for a in corpus.articles},
                                       parses=parses, problems=problems)
    problems.check_some_left(texts)
    dates, timexes = problems.without(dates), problems.without(timexes)
    names = dict(zip(ents.entities["entity_id"], ents.entities["name"]))
    outlets = {a.doc_id: a.outlet for a in corpus.articles}
    events = timeline_mod.build_events(timexes, ents.mentions, ents.sentences, texts, outlets, names)  # type: ignore[attr-defined]
    result = TimelineResult(dates, timexes, events)
    write_cached(cfg.derived, vars(result), TIMELINE_TABLES, stamp, TIMELINE, problems)
    return result

