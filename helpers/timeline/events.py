"""The story in time: time expressions per article, dates for undated articles, and events.

1. **Reference dates.** Each article's time expressions are resolved against its
   publication date (`helpers.timex`). An article without one gets an *inferred* date
   (`infer_date`) from its own text and its neighbours in the corpus, with a confidence and
   the evidence; a date from `metadata.csv` or the in-text header always wins.
2. **Events.** Each sentence with a resolved date becomes an event, with the canonical
   actors and places of that sentence (`helpers.entities`).
3. **Across outlets.** Sentences of different articles that tell the same thing (shared
   actors and places, similar wording) are grouped; a group whose outlets date it
   differently is a *date disagreement* ("Monday" in one, "September 4th" in another).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz

from . import timex as timex_mod

TIMEX_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "type", "value", "anchor", "rule",
                 "dct", "dct_from"]
EVENT_COLUMNS = ["event_id", "date", "date_end", "granularity", "doc_id", "sent_id", "expression",
                 "actors", "places", "sentence", "n_sources", "outlet", "start", "end", "dct_from"]
DATE_COLUMNS = ["doc_id", "published", "published_from", "confidence", "earliest", "latest", "evidence"]

ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_MONTH_NAME_RE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b\.?")
_WEEKDAY_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_AHEAD_BEFORE_RE = re.compile(
    r"\b(?:ahead of|in the run-up to|before|expected|upcoming|forthcoming|planned|scheduled|due|"
    r"next|will|to be held|set for|awaited)\b[^.;:]{0,40}$", re.IGNORECASE)
_AHEAD_AFTER_RE = re.compile(
    r"^[^.;:]{0,60}?\b(?:will|is expected|are expected|is due|are due|is scheduled|is set to|"
    r"are set to|is to be|to be held)\b", re.IGNORECASE)
"""Words next to a date that make it an event still ahead, whatever the sentence's tense
("ahead of the Sept. 7 summit", "the expected September 7th summit, which will happen")."""


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


def infer_date(doc_id: str, text: str, sentences: Sequence[tuple[int, int]] | None,
               neighbours: Sequence[dt.date]) -> DateInference:
    """Infer when an undated article was written, from its own expressions and its neighbours.

    - Events it dates in the past ("On September 4th, Trump warned") put the article on or
      after them; events it dates in the future ("the Sept. 7 summit is expected") put it
      before them. Years come from its own four-digit dates, else from the dated articles.
    - Within that range, the weekday it names most in past-tense sentences ("on Monday")
      is taken as the day of writing (news reports the day's events), nearest the evidence.
    - With no evidence of its own, the dated neighbours' middle date is taken, with low
      confidence.
    """
    sents = list(sentences) if sentences else timex_mod.split_sentences(text)
    neighbours = sorted(neighbours)
    found = timex_mod.find_timexes(text, None, sentences=sents)
    years = sorted({int(t.value[:4]) for t in found if re.match(r"^\d{4}-\d{2}-\d{2}$", t.value)})
    year_from = "its own dates" if years else ""
    if not years and neighbours:
        years = sorted({d.year for d in neighbours})
        year_from = "the corpus's dated articles"
    evidence: list[str] = []
    if not years:
        return DateInference(doc_id, None, 0.0, evidence=["no year in the article and no dated article in the corpus"])
    evidence.append(f"year {', '.join(map(str, years))} from {year_from}")

    after: list[tuple[dt.date, str]] = []
    before: list[tuple[dt.date, str]] = []
    weekdays: Counter = Counter()
    for t in found:
        s, e = _sentence_of(sents, t.start)
        tense = timex_mod.sentence_tense(text[s:e], t.start - s, t.end - s)
        if _AHEAD_BEFORE_RE.search(text[s:t.start]) or _AHEAD_AFTER_RE.search(text[t.end:e]):
            tense = "future"
        day = _calendar_day(t, years)
        if day is not None and _MONTH_NAME_RE.search(t.text):
            if tense == "past":
                after.append((day, t.text))
            elif tense == "future":
                before.append((day, t.text))
        m = _WEEKDAY_RE.search(t.text)
        if m and tense != "future":
            weekdays[m.group(1)] += 1

    earliest = max((d for d, _ in after), default=None)
    latest = min((d for d, _ in before), default=None)
    if earliest is not None:
        d, expr = max(after)
        evidence.append(f"past: '{expr}' ({d.isoformat()}) happened → written on or after it")
    if latest is not None:
        d, expr = min(before)
        evidence.append(f"future: '{expr}' ({d.isoformat()}) is still ahead → written before it")
        latest = latest - dt.timedelta(days=1)
    if earliest and latest and earliest > latest:
        evidence.append("past and future evidence disagree; the future constraint is dropped")
        latest = None

    low = earliest or (latest - dt.timedelta(days=13) if latest else None)
    high = latest or (earliest + dt.timedelta(days=13) if earliest else None)
    if low is None or high is None:
        if not neighbours:
            return DateInference(doc_id, None, 0.0, evidence=evidence + ["no dated statement to anchor the date"])
        mid = neighbours[len(neighbours) // 2]
        low, high = mid - dt.timedelta(days=7), mid + dt.timedelta(days=7)
        evidence.append(f"no dated statement: placed among the dated articles ({mid.isoformat()})")
    anchor = earliest or latest or neighbours[len(neighbours) // 2]

    chosen, confidence = None, 0.0
    if weekdays:
        top, n = sorted(weekdays.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        wd = list(calendar.day_name).index(top)
        days = [low + dt.timedelta(days=i) for i in range((high - low).days + 1)]
        matching = [d for d in days if d.weekday() == wd]
        if matching:
            chosen = min(matching, key=lambda d: (abs((d - anchor).days), d))
            evidence.append(f"weekday: '{top}' named {n}× in past-tense sentences → a {top}")
            confidence = 0.8 if (earliest or latest) and len(matching) == 1 else 0.6
    if chosen is None:
        chosen = earliest or latest or anchor
        confidence = 0.5 if (earliest and latest and (latest - earliest).days <= 3) else (
            0.4 if (earliest or latest) else 0.2)
    if earliest or latest:
        evidence.append(f"range: {low.isoformat()} to {high.isoformat()}")
    return DateInference(doc_id, chosen, round(confidence, 2), low if (earliest or latest) else None,
                         high if (earliest or latest) else None, evidence)


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
                    sentences: dict[str, list[tuple[int, int]]]) -> pd.DataFrame:
    """Publication dates for every article: known ones kept, missing ones inferred."""
    known = {r.doc_id: dt.date.fromisoformat(r.published) for r in documents.itertuples()
             if isinstance(r.published, str) and r.published}
    rows = []
    for r in documents.sort_values("doc_id").itertuples():
        if r.doc_id in known:
            rows.append({"doc_id": r.doc_id, "published": known[r.doc_id].isoformat(),
                         "published_from": r.published_from, "confidence": 1.0, "earliest": "",
                         "latest": "", "evidence": f"given by {r.published_from}"})
            continue
        inf = infer_date(r.doc_id, texts[r.doc_id], sentences.get(r.doc_id),
                         [d for k, d in known.items() if k != r.doc_id])
        rows.append({"doc_id": r.doc_id, "published": inf.date.isoformat() if inf.date else "",
                     "published_from": "inferred" if inf.date else "",
                     "confidence": inf.confidence,
                     "earliest": inf.earliest.isoformat() if inf.earliest else "",
                     "latest": inf.latest.isoformat() if inf.latest else "",
                     "evidence": "; ".join(inf.evidence)})
    return pd.DataFrame(rows, columns=DATE_COLUMNS)


def timex_table(dates: pd.DataFrame, texts: dict[str, str],
                sentences: dict[str, list[tuple[int, int]]],
                body_start: dict[str, int] | None = None) -> pd.DataFrame:
    """Every time expression of every article, resolved against the article's date.

    Expressions inside an in-text header (`date 2018-09-07`) are metadata, not text, and
    are left out.
    """
    rows = []
    for r in dates.sort_values("doc_id").itertuples():
        dct = dt.date.fromisoformat(r.published) if r.published else None
        sents = sentences.get(r.doc_id) or timex_mod.split_sentences(texts[r.doc_id])
        skip = (body_start or {}).get(r.doc_id, 0)
        for t in timex_mod.find_timexes(texts[r.doc_id], dct, sentences=sents):
            if t.start < skip:
                continue
            rows.append({"doc_id": r.doc_id, "sent_id": _sent_id(sents, t.start), "start": t.start,
                         "end": t.end, "text": t.text, "type": t.type, "value": t.value,
                         "anchor": t.anchor, "rule": t.rule, "dct": r.published,
                         "dct_from": r.published_from})
    return pd.DataFrame(rows, columns=TIMEX_COLUMNS)


def _sent_id(sents: Sequence[tuple[int, int]], offset: int) -> int:
    for i, (s, e) in enumerate(sents):
        if s <= offset < e:
            return i
    return -1


# ---------------------------------------------------------------------------- events

_GRAN_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}


def value_span(value: str) -> tuple[dt.date, dt.date, str] | None:
    """The days a TIMEX3 DATE/TIME value covers, and its granularity; None if unresolved."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return d, d, "day"
    m = re.match(r"^(\d{4})-W(\d{2})(?:-WE)?$", value)
    if m:
        start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return start, start + dt.timedelta(days=6), "week"
    m = re.match(r"^(\d{4})-(\d{2})$", value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]), "month"
    m = re.match(r"^(\d{4})-Q([1-4])$", value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        end_month = 3 * q
        return dt.date(y, end_month - 2, 1), dt.date(y, end_month, calendar.monthrange(y, end_month)[1]), "quarter"
    m = re.match(r"^(\d{4})$", value)
    if m:
        y = int(m.group(1))
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    return None


def build_events(timexes: pd.DataFrame, mentions: pd.DataFrame, sentences: pd.DataFrame,
                 texts: dict[str, str], outlets: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """One event per sentence with a resolved date (its most precise one), with actors and places."""
    usable = []
    for t in timexes.itertuples():
        if t.type not in ("DATE", "TIME") or t.sent_id < 0:
            continue
        span = value_span(t.value)
        if span is None:
            continue
        usable.append((t.doc_id, t.sent_id, _GRAN_ORDER[span[2]], t.start, t, span))
    best: dict[tuple[str, int], tuple] = {}
    for item in sorted(usable, key=lambda x: (x[0], x[1], x[2], x[3])):
        best.setdefault((item[0], item[1]), item)
    sent_spans = {(r.doc_id, r.sent_id): (r.start, r.end) for r in sentences.itertuples()}
    ents_by_sent: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    for m in mentions.itertuples():
        ents_by_sent[(m.doc_id, m.sent_id)].append((m.entity_id, m.type))
    rows = []
    for (doc_id, sent_id), (_, _, _, _, t, (d0, d1, gran)) in sorted(best.items()):
        s, e = sent_spans.get((doc_id, sent_id), (t.start, t.end))
        ents = ents_by_sent.get((doc_id, sent_id), [])
        actors = sorted({names.get(i, i) for i, ty in ents if ty in ACTOR_TYPES})
        places = sorted({names.get(i, i) for i, ty in ents if ty in PLACE_TYPES})
        rows.append({"event_id": "", "date": d0.isoformat(), "date_end": d1.isoformat(), "granularity": gran,
                     "doc_id": doc_id, "sent_id": sent_id, "expression": t.text,
                     "actors": " | ".join(actors), "places": " | ".join(places),
                     "sentence": " ".join(texts[doc_id][s:e].split()), "n_sources": 1,
                     "outlet": outlets.get(doc_id, doc_id), "start": s, "end": e, "dct_from": t.dct_from})
    events = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return group_events(events)


def _same_story(a: pd.Series, b: pd.Series) -> tuple[bool, float]:
    """Two sentences of different articles tell the same thing."""
    ea = set(filter(None, (a["actors"] + " | " + a["places"]).split(" | ")))
    eb = set(filter(None, (b["actors"] + " | " + b["places"]).split(" | ")))
    if not ea or not eb:
        return False, 0.0
    shared = len(ea & eb)
    jaccard = shared / len(ea | eb)
    words = fuzz.token_set_ratio(a["sentence"].lower(), b["sentence"].lower())
    return (shared >= 2 and jaccard >= 0.4 and words >= 55), float(words)


def group_events(events: pd.DataFrame) -> pd.DataFrame:
    """Group one story told by several outlets; `event_id` is shared within a group.

    Only sentences that share an actor or place are compared (blocking), so the cost grows
    with the size of each actor's coverage, not with the square of the corpus.
    """
    if events.empty:
        return events
    events = events.sort_values(["date", "doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_entity: dict[str, list[int]] = defaultdict(list)
    for i, r in events.iterrows():
        for name in filter(None, (r["actors"] + " | " + r["places"]).split(" | ")):
            by_entity[name].append(i)
    seen: set[tuple[int, int]] = set()
    for idx in by_entity.values():
        for x, i in enumerate(idx):
            for j in idx[x + 1:]:
                if (i, j) in seen or events.at[i, "doc_id"] == events.at[j, "doc_id"]:
                    continue
                seen.add((i, j))
                same, _ = _same_story(events.loc[i], events.loc[j])
                if same:
                    parent[find(j)] = find(i)
    roots = [find(i) for i in range(len(events))]
    order = {r: n for n, r in enumerate(dict.fromkeys(roots), start=1)}
    events["event_id"] = [f"ev{order[r]:04d}" for r in roots]
    n_src = events.groupby("event_id")["outlet"].nunique()
    events["n_sources"] = events["event_id"].map(n_src).astype("int64")
    return events


def disagreements(events: pd.DataFrame) -> pd.DataFrame:
    """Events told by several outlets with different dates: one row per telling."""
    if events.empty:
        return events.head(0)
    multi = events.groupby("event_id").filter(lambda g: g["outlet"].nunique() > 1 and g["date"].nunique() > 1)
    return multi.sort_values(["event_id", "date", "outlet"], kind="stable")[
        ["event_id", "outlet", "date", "granularity", "expression", "dct_from", "sentence"]].reset_index(drop=True)
