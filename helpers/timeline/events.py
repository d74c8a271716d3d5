"""The story in time: time expressions per article, dates for undated articles, and events.

1. **Reference dates.** Each article's time expressions are resolved against its
   publication date (`timex`). An article without one gets an *inferred* date
   (`infer_date`) from its own text and its neighbours in the corpus, with a confidence and
   the evidence; a date from `metadata.csv` or the in-text header always wins.
2. **Events.** Each sentence with a resolved date becomes an event, with the canonical
   actors and places of that sentence (`helpers.entities`).
3. **Across outlets.** Sentences of different articles that tell the same thing (shared
   actors and places, similar wording) are grouped; a group whose outlets date it
   differently is a *date disagreement* ("Monday" in one, "September 4th" in another).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pandas as pd
from networkx.utils import UnionFind
from rapidfuzz import fuzz

from .. import tables
from ..text.english import MONTH_NAMES, WEEKDAY_PATTERN, WEEKDAYS
from ..text.labels import ACTOR_TYPES, PLACE_TYPES
from ..text.parse import Parse, sentence_index
from ..text.sentences import split_sentences
from . import timex as timex_mod
from .tense import FUTURE, PAST, sentence_tense
from .values import month_period

__all__ = [
    "ACTOR_TYPES",
    "DATE_COLUMNS",
    "EVENT_COLUMNS",
    "PLACE_TYPES",
    "TIMEX_COLUMNS",
    "DateInference",
    "ValueSpan",
    "build_events",
    "disagreements",
    "group_events",
    "infer_date",
    "reference_dates",
    "timex_table",
    "value_span",
]

TIMEX_COLUMNS = tables.TIMEXES.names
EVENT_COLUMNS = tables.TIMELINE.names
DATE_COLUMNS = tables.DOCUMENT_DATES.names

_MONTH_NAME_RE = re.compile(rf"\b(?:{'|'.join(name[:3] for name in MONTH_NAMES)})[a-z]*\b\.?")
"""A month's name, full or abbreviated ("Sept.", "September")."""
_WEEKDAY_RE = re.compile(rf"\b({WEEKDAY_PATTERN})\b")
_AHEAD_BEFORE_RE = re.compile(
    r"\b(?:ahead of|in the run-up to|before|expected|upcoming|forthcoming|planned|scheduled|due|"
    r"next|will|to be held|set for|awaited)\b[^.;:]{0,40}$", re.IGNORECASE)
_AHEAD_AFTER_RE = re.compile(
    r"^[^.;:]{0,60}?\b(?:will|is expected|are expected|is due|are due|is scheduled|is set to|"
    r"are set to|is to be|to be held)\b", re.IGNORECASE)
"""Words next to a date that make it an event still ahead, whatever the sentence's tense
("ahead of the Sept. 7 summit", "the expected September 7th summit, which will happen")."""
_SPREAD = dt.timedelta(days=13)
"""How far from its one bound an article dated by one statement may lie."""


# ---------------------------------------------------------------------------- inference


@dataclass
class DateInference:
    """An inferred publication date, how sure, and why."""

    doc_id: str
    date: dt.date | None
    confidence: float
    earliest: dt.date | None = None
    latest: dt.date | None = None
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class _Dated:
    """A statement's calendar day and the expression that names it."""

    day: dt.date
    expression: str


@dataclass
class _Statements:
    """What an article's dated statements say about when it was written."""

    happened: list[_Dated] = field(default_factory=list)
    """Days named in the past tense: the article is written on or after them."""
    ahead: list[_Dated] = field(default_factory=list)
    """Days named as still ahead: the article is written before them."""
    weekdays: Counter[str] = field(default_factory=Counter)
    """Weekdays named outside the future tense, by name."""


@dataclass
class _Range:
    """The days an article may have been written on, and the day to measure nearness from."""

    earliest: dt.date | None
    latest: dt.date | None
    low: dt.date
    high: dt.date
    anchor: dt.date

    @property
    def bounded(self) -> bool:
        """The range comes from the article's own statements (not from its neighbours)."""
        return bool(self.earliest or self.latest)


def infer_date(doc_id: str, text: str, sentences: Sequence[tuple[int, int]] | None,
               neighbours: Sequence[dt.date], *, parse: Parse | None = None) -> DateInference:
    """Infer when an undated article was written, from its own expressions and its neighbours.

    - Events it dates in the past ("On September 4th, Trump warned") put the article on or
      after them; events it dates in the future ("the Sept. 7 summit is expected") put it
      before them. Years come from its own four-digit dates, else from the dated articles.
    - Within that range, the weekday it names most in past-tense sentences ("on Monday")
      is taken as the day of writing (news reports the day's events), nearest the evidence.
    - With no evidence of its own, the dated neighbours' middle date is taken, with low
      confidence.

    With the article's `parse`, sentences and tense come from it (as in `find_timexes`).
    """
    sents = list(parse.sents) if parse is not None else (
        list(sentences) if sentences else split_sentences(text))
    neighbours = sorted(neighbours)
    found = timex_mod.find_timexes(text, None, sentences=sents, parse=parse)
    years = sorted({int(t.value[:4]) for t in found if re.match(r"^\d{4}-\d{2}-\d{2}$", t.value)})
    year_from = "its own dates" if years else ""
    if not years and neighbours:
        years = sorted({d.year for d in neighbours})
        year_from = "the corpus's dated articles"
    if not years:
        return DateInference(doc_id, None, 0.0, evidence=["no year in the article and no dated article in the corpus"])
    evidence = [f"year {', '.join(map(str, years))} from {year_from}"]
    said = _statements(text, sents, found, years, parse)
    span = _date_range(said, neighbours, evidence)
    if span is None:
        return DateInference(doc_id, None, 0.0, evidence=evidence + ["no dated statement to anchor the date"])
    choice = _weekday_choice(said, span, evidence)
    chosen, confidence = choice.day, choice.confidence
    if chosen is None:
        chosen = span.earliest or span.latest or span.anchor
        confidence = 0.5 if (span.earliest and span.latest and (span.latest - span.earliest).days <= 3) else (
            0.4 if span.bounded else 0.2)
    if span.bounded:
        evidence.append(f"range: {span.low.isoformat()} to {span.high.isoformat()}")
    return DateInference(doc_id, chosen, round(confidence, 2), span.low if span.bounded else None,
                         span.high if span.bounded else None, evidence)


def _statements(text: str, sents: Sequence[tuple[int, int]], found: Sequence[timex_mod.Timex],
                years: Sequence[int], parse: Parse | None) -> _Statements:
    """Sort the article's month-named days into happened / ahead, and count its weekdays."""
    judge = timex_mod.tense_judge(text, parse=parse) if parse is not None else None
    said = _Statements()
    for t in found:
        s, e = _sentence_of(sents, t.start)
        if judge is not None:
            tense = judge.tense(t.start, t.end)
        else:
            tense = sentence_tense(text[s:e], t.start - s, t.end - s)
        if _AHEAD_BEFORE_RE.search(text[s:t.start]) or _AHEAD_AFTER_RE.search(text[t.end:e]):
            tense = FUTURE
        day = _calendar_day(t, years)
        if day is not None and _MONTH_NAME_RE.search(t.text):
            if tense == PAST:
                said.happened.append(_Dated(day, t.text))
            elif tense == FUTURE:
                said.ahead.append(_Dated(day, t.text))
        m = _WEEKDAY_RE.search(t.text)
        if m and tense != FUTURE:
            said.weekdays[m.group(1)] += 1
    return said


def _date_range(said: _Statements, neighbours: Sequence[dt.date], evidence: list[str]) -> _Range | None:
    """The days the statements allow (else a fortnight among the neighbours); None without either."""
    earliest = latest = None
    if said.happened:
        last = max(said.happened)
        earliest = last.day
        evidence.append(f"past: '{last.expression}' ({last.day.isoformat()}) happened → written on or after it")
    if said.ahead:
        first = min(said.ahead)
        evidence.append(f"future: '{first.expression}' ({first.day.isoformat()}) is still ahead → written before it")
        latest = first.day - dt.timedelta(days=1)
    if earliest and latest and earliest > latest:
        evidence.append("past and future evidence disagree; the future constraint is dropped")
        latest = None
    low = earliest or (latest - _SPREAD if latest else None)
    high = latest or (earliest + _SPREAD if earliest else None)
    if low is None or high is None:
        if not neighbours:
            return None
        mid = neighbours[len(neighbours) // 2]
        low, high = mid - dt.timedelta(days=7), mid + dt.timedelta(days=7)
        evidence.append(f"no dated statement: placed among the dated articles ({mid.isoformat()})")
    anchor = earliest or latest or neighbours[len(neighbours) // 2]
    return _Range(earliest, latest, low, high, anchor)


@dataclass(frozen=True)
class _Choice:
    """The day chosen as the date of writing, and how sure."""

    day: dt.date | None
    confidence: float


def _weekday_choice(said: _Statements, span: _Range, evidence: list[str]) -> _Choice:
    """The day in range that is the weekday named most, nearest the anchor, and its confidence."""
    if not said.weekdays:
        return _Choice(None, 0.0)
    top, n = sorted(said.weekdays.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    wd = WEEKDAYS[top.lower()]
    days = [span.low + dt.timedelta(days=i) for i in range((span.high - span.low).days + 1)]
    matching = [d for d in days if d.weekday() == wd]
    if not matching:
        return _Choice(None, 0.0)
    chosen = min(matching, key=lambda d: (abs((d - span.anchor).days), d))
    evidence.append(f"weekday: '{top}' named {n}× in past-tense sentences → a {top}")
    return _Choice(chosen, 0.8 if span.bounded and len(matching) == 1 else 0.6)


def _sentence_of(sents: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    for s, e in sents:
        if s <= offset < e:
            return s, e
    return (max(0, offset - 200), offset + 200)


def _calendar_day(t: timex_mod.Timex, years: Sequence[int]) -> dt.date | None:
    """The day a day-precise date names, taking a year-less one in the article's year."""
    m = re.match(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})$", t.value)
    if not m or t.type != "DATE":
        return None
    year = int(m.group(1)) if m.group(1) != "XXXX" else years[-1]
    try:
        return dt.date(year, int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# ---------------------------------------------------------------------------- timexes


def reference_dates(documents: pd.DataFrame, texts: dict[str, str],
                    sentences: dict[str, list[tuple[int, int]]], *,
                    parses: Mapping[str, Parse] | None = None,
                    problems: tables.ArticleProblems | None = None,
                    corpus_dates: Sequence[str] | None = None) -> pd.DataFrame:
    """Publication dates for every article: known ones kept, missing ones inferred (from each
    article's cached parse where `parses` has it). With `problems`, an article whose date
    inference raises is recorded there and has no row; without it, the error is raised.

    An undated article is dated against the other articles' given dates: those of `documents`,
    or `corpus_dates` (ISO dates) when given, the given dates of the whole corpus when
    `documents` holds only some of its articles (a batch)."""
    known = {r.doc_id: dt.date.fromisoformat(r.published) for r in documents.itertuples()
             if isinstance(r.published, str) and r.published}
    neighbours = None if corpus_dates is None else [dt.date.fromisoformat(v) for v in corpus_dates]
    rows = []
    for r in documents.sort_values("doc_id").itertuples():
        if r.doc_id in known:
            rows.append({"doc_id": r.doc_id, "published": known[r.doc_id].isoformat(),
                         "published_from": r.published_from, "confidence": 1.0, "earliest": "",
                         "latest": "", "evidence": f"given by {r.published_from}"})
            continue
        others = neighbours if neighbours is not None else [d for k, d in known.items() if k != r.doc_id]
        inf = tables.isolated(problems, r.doc_id, lambda r=r, others=others: infer_date(
            r.doc_id, texts[r.doc_id], sentences.get(r.doc_id), others, parse=(parses or {}).get(r.doc_id)))
        if inf is None:
            continue
        rows.append({"doc_id": r.doc_id, "published": inf.date.isoformat() if inf.date else "",
                     "published_from": "inferred" if inf.date else "",
                     "confidence": inf.confidence,
                     "earliest": inf.earliest.isoformat() if inf.earliest else "",
                     "latest": inf.latest.isoformat() if inf.latest else "",
                     "evidence": "; ".join(inf.evidence)})
    return pd.DataFrame(rows, columns=DATE_COLUMNS)


def timex_table(dates: pd.DataFrame, texts: dict[str, str],
                sentences: dict[str, list[tuple[int, int]]],
                body_start: dict[str, int] | None = None, *,
                parses: Mapping[str, Parse] | None = None,
                problems: tables.ArticleProblems | None = None) -> pd.DataFrame:
    """Every time expression of every article, resolved against the article's date.

    With `parses` (doc_id → the article's cached parse, as notebook 03 has them), tense and
    sentences come from the parse (`find_timexes(..., parse=...)`); otherwise from
    `sentences` and cue words. Expressions inside an in-text header (`date 2018-09-07`) are
    metadata, not text, and are left out. With `problems`, an article on which this raises is
    recorded there and has no row; without it, the error is raised.
    """
    rows = []
    for r in dates.sort_values("doc_id").itertuples():
        found = tables.isolated(problems, r.doc_id, _article_timexes, r, texts[r.doc_id], sentences,
                                (body_start or {}).get(r.doc_id, 0), (parses or {}))
        rows.extend(found or ())
    return pd.DataFrame(rows, columns=TIMEX_COLUMNS)


def _article_timexes(r: Any, text: str, sentences: dict[str, list[tuple[int, int]]], skip: int,
                     parses: Mapping[str, Parse]) -> list[dict[str, object]]:
    """The `timexes.csv` rows of one article (`r`: its row of the dates table)."""
    dct = dt.date.fromisoformat(r.published) if r.published else None
    parse = parses.get(r.doc_id)
    sents = list(parse.sents) if parse is not None else (sentences.get(r.doc_id) or split_sentences(text))
    rows = []
    for t in timex_mod.find_timexes(text, dct, sentences=sents, parse=parse):
        if t.start < skip:
            continue
        rows.append({"doc_id": r.doc_id, "sent_id": sentence_index(sents, t.start), "start": t.start,
                     "end": t.end, "text": t.text, "type": t.type, "value": t.value,
                     "anchor": t.anchor, "rule": t.rule, "dct": r.published,
                     "dct_from": r.published_from})
    return rows


# ---------------------------------------------------------------------------- events

_GRAN_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}


class ValueSpan(NamedTuple):
    """The days a TIMEX3 value covers, and its granularity."""

    first: dt.date
    last: dt.date
    granularity: str


def value_span(value: str) -> ValueSpan | None:
    """The days a TIMEX3 DATE/TIME value covers, and its granularity; None if unresolved."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return ValueSpan(d, d, "day")
    m = re.match(r"^(\d{4})-W(\d{2})(?:-WE)?$", value)
    if m:
        start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return ValueSpan(start, start + dt.timedelta(days=6), "week")
    m = re.match(r"^(\d{4})-(\d{2})$", value)
    if m:
        return ValueSpan(*month_period(int(m.group(1)), int(m.group(2))), "month")
    m = re.match(r"^(\d{4})-Q([1-4])$", value)
    if m:
        y, end_month = int(m.group(1)), 3 * int(m.group(2))
        return ValueSpan(month_period(y, end_month - 2)[0], month_period(y, end_month)[1], "quarter")
    m = re.match(r"^(\d{4})$", value)
    if m:
        y = int(m.group(1))
        return ValueSpan(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    return None


@dataclass(frozen=True)
class _DatedSentence:
    """A sentence's candidate date for an event: one DATE/TIME expression and its span."""

    doc_id: str
    sent_id: int
    rank: int
    """Granularity rank: the most precise date (day before week ... before year) wins."""
    start: int
    timex: Any
    """The `timexes` row (a namedtuple from `itertuples`)."""
    span: ValueSpan

    def sort_key(self) -> tuple[str, int, int, int]:
        """Sentence, then precision, then position."""
        return self.doc_id, self.sent_id, self.rank, self.start


def _event_dates(timexes: pd.DataFrame) -> dict[tuple[str, int], _DatedSentence]:
    """Each sentence's most precise resolved DATE/TIME expression (the first on a tie)."""
    usable = []
    for t in timexes.itertuples():
        if t.type not in ("DATE", "TIME") or t.sent_id < 0:
            continue
        span = value_span(t.value)
        if span is not None:
            usable.append(_DatedSentence(t.doc_id, t.sent_id, _GRAN_ORDER[span.granularity], t.start, t, span))
    best: dict[tuple[str, int], _DatedSentence] = {}
    for item in sorted(usable, key=_DatedSentence.sort_key):
        best.setdefault((item.doc_id, item.sent_id), item)
    return best


def build_events(timexes: pd.DataFrame, mentions: pd.DataFrame, sentences: pd.DataFrame,
                 texts: dict[str, str], outlets: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """One event per sentence with a resolved date (its most precise one), with actors and places."""
    sent_spans = {(r.doc_id, r.sent_id): (r.start, r.end) for r in sentences.itertuples()}
    actors: dict[tuple[str, int], set[str]] = defaultdict(set)
    places: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in mentions.itertuples():
        if m.type in ACTOR_TYPES:
            actors[(m.doc_id, m.sent_id)].add(names.get(m.entity_id, m.entity_id))
        if m.type in PLACE_TYPES:
            places[(m.doc_id, m.sent_id)].add(names.get(m.entity_id, m.entity_id))
    rows = []
    for key, item in sorted(_event_dates(timexes).items()):
        t = item.timex
        s, e = sent_spans.get(key, (t.start, t.end))
        doc_id, sent_id = key
        rows.append({"event_id": "", "date": item.span.first.isoformat(), "date_end": item.span.last.isoformat(),
                     "granularity": item.span.granularity, "doc_id": doc_id, "sent_id": sent_id,
                     "expression": t.text,
                     "actors": " | ".join(sorted(actors.get(key, ()))),
                     "places": " | ".join(sorted(places.get(key, ()))),
                     "sentence": " ".join(texts[doc_id][s:e].split()), "n_sources": 1,
                     "outlet": outlets.get(doc_id, doc_id), "start": s, "end": e,
                     "dct_from": t.dct_from})
    events = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return group_events(events)


@dataclass(frozen=True)
class _Told:
    """One dated sentence as `group_events` compares it: its article, the actors and places it
    names, and its words (lowercased)."""

    doc_id: str
    names: frozenset[str]
    words: str


def _told(row: Mapping[str, str]) -> _Told:
    names = frozenset(filter(None, (row["actors"] + " | " + row["places"]).split(" | ")))
    return _Told(row["doc_id"], names, row["sentence"].lower())


def _same_story(a: _Told, b: _Told) -> bool:
    """Two sentences of different articles tell the same thing: at least two shared actors
    or places, a Jaccard overlap of 0.4 and similar wording (token-set ratio 55)."""
    shared = len(a.names & b.names)
    if shared < 2 or shared / len(a.names | b.names) < 0.4:
        return False
    return fuzz.token_set_ratio(a.words, b.words) >= 55


def group_events(events: pd.DataFrame) -> pd.DataFrame:
    """Group one story told by several outlets; `event_id` is shared within a group.

    Two sentences can only tell the same story when they share two actors or places
    (`_same_story`), so only sentences that share a pair of names are compared (blocking), and
    each pair of sentences once, under the first pair of names they share: the cost grows with
    how often each pair of names is told together, not with the square of the corpus, and no
    set of the pairs already compared is kept. Groups are numbered in the order of their first
    sentence (by date, article, sentence).
    """
    if events.empty:
        return events
    events = events.sort_values(["date", "doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    groups = UnionFind(range(len(events)))
    told = [_told(r) for r in events[["doc_id", "actors", "places", "sentence"]].to_dict("records")]
    by_pair: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, t in enumerate(told):
        names = sorted(t.names)
        for x, a in enumerate(names):
            for b in names[x + 1:]:
                by_pair[(a, b)][t.doc_id].append(i)
    for key, by_doc in by_pair.items():
        docs = sorted(by_doc)  # pairs across articles only: one long article costs nothing by itself
        for x, doc_a in enumerate(docs):
            for doc_b in docs[x + 1:]:
                for i in by_doc[doc_a]:
                    for j in by_doc[doc_b]:
                        if _first_shared_pair(told[i], told[j]) == key and _same_story(told[i], told[j]):
                            groups.union(i, j)
    roots = [groups[i] for i in range(len(events))]
    number = {root: n for n, root in enumerate(dict.fromkeys(roots), start=1)}
    events["event_id"] = [f"ev{number[root]:04d}" for root in roots]
    n_src = events.groupby("event_id")["outlet"].nunique()
    events["n_sources"] = events["event_id"].map(n_src).astype("int64")
    return events


def _first_shared_pair(a: _Told, b: _Told) -> tuple[str, str] | None:
    """The first pair (in sorted order) of the names two sentences share; None under two."""
    shared = a.names & b.names
    if len(shared) < 2:
        return None
    first, second = sorted(shared)[:2]
    return first, second


def disagreements(events: pd.DataFrame) -> pd.DataFrame:
    """Events told by several outlets with different dates: one row per telling."""
    if events.empty:
        return events.head(0)
    multi = events.groupby("event_id").filter(lambda g: g["outlet"].nunique() > 1 and g["date"].nunique() > 1)
    return multi.sort_values(["event_id", "date", "outlet"], kind="stable")[
        ["event_id", "outlet", "date", "granularity", "expression", "dct_from", "sentence"]].reset_index(drop=True)
