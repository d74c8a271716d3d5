"""Scoring each stage against the gold: which system item matches which gold item, the
precision, recall and F1, and every error with its sentence.

**Matching.** Within one article, a system item and a gold item can match when their spans
overlap by at least one character; each item matches at most one other. Pairs that agree
on the stage's value are taken first, largest overlap first; the remaining overlapping pairs
are then paired the same way and are errors of value (`wrong type`, `wrong value`, ...). A
gold item left alone is `missed`, a system item left alone `spurious`.

| stage | right when the spans overlap and | main metric | also |
|---|---|---|---|
| entities | the types are the same (PERSON, ORG, PLACE, GROUP) | F1 | `exact_f1`: the same offsets too |
| dates | the TIMEX3 values are the same string | F1 (value F1) | `extraction_f1`: overlap alone |
| places | the country codes are the same, and the names agree (any of the gold's ` | ` names against the system's name or gazetteer name, folded) or the system's point is within 161 km of the gold point | F1 | `found_f1`: overlap alone |
| quotes | the speaker is right: one of the gold's names is the system's speaker or a name of its entity (folded); an empty gold speaker wants none | F1 | `span_f1`: overlap alone; `speaker_accuracy` over the quotes found |

Precision is right pairs / system items, recall right pairs / gold items, F1 their harmonic
mean: a wrong value costs both (as in TempEval-3's value F1), so an offset one character off
still matches, but a wrong type, value, place or speaker never counts as right.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from .. import tables
from ..text.names import fold
from .gold import ALTERNATIVES, STAGES, GoldSet
from .system import SystemItems

ACC_KM = 161.0
"""A place is the same place within this distance (100 miles, the usual geoparsing measure)."""
MAIN_METRICS: tuple[str, ...] = ("precision", "recall", "f1")
ERRORS = tables.Schema("accuracy_errors.csv", dict(
    stage=tables.STR, doc_id=tables.STR, start=tables.INT, end=tables.INT, text=tables.STR, error=tables.STR,
    gold=tables.STR, system=tables.STR, sentence=tables.STR), doc="Every error of every stage on the gold sample.")
"""The error list: the gold item's offsets (the system's for a spurious item), what is wrong,
the gold's value, the system's item and value, the sentence."""
ERROR_COLUMNS: tuple[str, ...] = tuple(ERRORS.names)

Row = Mapping[str, object]


@dataclass(frozen=True)
class Metric:
    """One figure of one stage: `value` over `n` items."""

    stage: str
    metric: str
    value: float
    n: int


@dataclass
class StageScore:
    """A stage scored on the gold: its figures and every error."""

    stage: str
    metrics: list[Metric]
    errors: pd.DataFrame
    n_gold: int
    n_system: int

    def value(self, metric: str) -> float:
        """The figure named `metric` (NaN when it was not measured)."""
        return next((m.value for m in self.metrics if m.metric == metric), math.nan)


@dataclass(frozen=True)
class Alignment:
    """Which system item (by row number) goes with which gold item."""

    right: list[tuple[int, int]]
    wrong: list[tuple[int, int]]
    missed: list[int]
    spurious: list[int]


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """How many characters two spans share (0 when they do not overlap)."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def align(gold: pd.DataFrame, system: pd.DataFrame, agrees: Callable[[Row, Row], bool]) -> Alignment:
    """One-to-one matching of overlapping spans in the same article: agreeing pairs first,
    then the rest, each largest overlap first (ties in reading order)."""
    g_rows, s_rows = gold.to_dict("records"), system.to_dict("records")
    by_doc: dict[str, list[int]] = {}
    for j, s in enumerate(s_rows):
        by_doc.setdefault(str(s["doc_id"]), []).append(j)
    candidates = []
    for i, g in enumerate(g_rows):
        for j in by_doc.get(str(g["doc_id"]), []):
            shared = overlap(int(g["start"]), int(g["end"]), int(s_rows[j]["start"]), int(s_rows[j]["end"]))
            if shared:
                candidates.append((-shared, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()

    def take(pairs: list[tuple[int, int]], want: Callable[[int, int], bool]) -> None:
        for _, i, j in candidates:
            if i not in used_g and j not in used_s and want(i, j):
                pairs.append((i, j))
                used_g.add(i)
                used_s.add(j)

    right: list[tuple[int, int]] = []
    wrong: list[tuple[int, int]] = []
    take(right, lambda i, j: agrees(g_rows[i], s_rows[j]))
    take(wrong, lambda i, j: True)
    return Alignment(sorted(right), sorted(wrong), [i for i in range(len(g_rows)) if i not in used_g],
                     [j for j in range(len(s_rows)) if j not in used_s])


def prf(right: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1. NaN all three only when there is no gold item and no system
    item (nothing to score). A system that finds nothing while the gold has items scores
    precision 0 and F1 0 (not NaN: the stage missed everything); with no gold item recall
    is NaN and F1 0 (every system item is spurious)."""
    if not n_system and not n_gold:
        return math.nan, math.nan, math.nan
    p = right / n_system if n_system else 0.0
    r = right / n_gold if n_gold else math.nan
    f = 2 * right / (n_system + n_gold)  # the harmonic mean of p and r, 0 when nothing is right
    return p, r, f


# ---------------------------------------------------------------------------- agreement per stage


def names(value: object) -> set[str]:
    """The folded names of a ` | `-separated list (empty names left out)."""
    return {fold(n) for n in str(value or "").split(ALTERNATIVES.strip()) if fold(n)}


def same_type(g: Row, s: Row) -> bool:
    """Entities: the gold type and the system's gold type are the same."""
    return str(g["type"]).upper() == str(s["type"]).upper()


def same_value(g: Row, s: Row) -> bool:
    """Dates: the same TIMEX3 value, as a string."""
    return str(g["value"]).strip() == str(s["value"]).strip()


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _number(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def same_place(g: Row, s: Row) -> bool:
    """Places: the same country code, and the names agree or the points are within `ACC_KM`."""
    if str(g["country_code"]).strip().upper() != str(s["country_code"]).strip().upper():
        return False
    wanted = names(g["name"])
    if not wanted or wanted & (names(s.get("name")) | names(s.get("gazetteer_name"))):
        return True
    points = [_number(v) for v in (g.get("lat"), g.get("lon"), s.get("lat"), s.get("lon"))]
    return not any(math.isnan(v) for v in points) and km_between(*points) <= ACC_KM


def same_speaker(g: Row, s: Row) -> bool:
    """Quotes: one of the gold's names is the system's speaker or a name of its entity; an
    empty gold speaker (nobody can be named) wants no speaker."""
    wanted = names(g["speaker"])
    said = names(s.get("speaker_names", s.get("speaker")))
    return bool(wanted & said) if wanted else not said


AGREES: dict[str, Callable[[Row, Row], bool]] = dict(
    entities=same_type, dates=same_value, places=same_place, quotes=same_speaker)
WRONG: dict[str, str] = dict(entities="wrong type", dates="wrong value", places="wrong place", quotes="wrong speaker")


def shown_value(stage: str, row: Row) -> str:
    """An item's value as the error list shows it."""
    if stage == "entities":
        return str(row["type"])
    if stage == "dates":
        return str(row["value"])
    if stage == "places":
        code = str(row["country_code"]) or "no country"
        return f"{row['name']} ({code})" if row.get("name") else code
    return str(row.get("speaker") or "") or "no speaker"


# ---------------------------------------------------------------------------- scoring


def error_rows(stage: str, gold: pd.DataFrame, system: pd.DataFrame, al: Alignment,
               items: SystemItems) -> pd.DataFrame:
    """Every error of one stage, in reading order: wrong values, misses, spurious items."""
    g_rows, s_rows = gold.to_dict("records"), system.to_dict("records")
    out = []

    def add(row: Row, error: str, g: str, s: str) -> None:
        start, end = int(row["start"]), int(row["end"])  # type: ignore[call-overload]
        out.append((stage, row["doc_id"], start, end, row["text"], error, g, s,
                    items.sentence(str(row["doc_id"]), start, end)))

    for i, j in al.wrong:
        g, s = g_rows[i], s_rows[j]
        wrong = WRONG[stage]
        if stage == "quotes" and not str(s.get("speaker") or ""):
            wrong = "no speaker"
        add(g, wrong, shown_value(stage, g), f"{s['text']} → {shown_value(stage, s)}")
    for i in al.missed:
        add(g_rows[i], "missed", shown_value(stage, g_rows[i]), "")
    for j in al.spurious:
        add(s_rows[j], "spurious", "", shown_value(stage, s_rows[j]))
    frame = pd.DataFrame(out, columns=list(ERROR_COLUMNS))
    return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def extra_metrics(stage: str, gold: pd.DataFrame, system: pd.DataFrame, al: Alignment) -> list[Metric]:
    """The stage's second figures (see the module's table)."""
    n_g, n_s = len(gold), len(system)
    found = len(al.right) + len(al.wrong)
    if stage == "entities":
        keys = set(zip(gold["doc_id"], gold["start"], gold["end"], gold["type"]))
        exact = sum(k in keys for k in zip(system["doc_id"], system["start"], system["end"], system["type"]))
        return [Metric(stage, "exact_f1", prf(exact, n_s, n_g)[2], n_g)]
    name = {"dates": "extraction_f1", "places": "found_f1", "quotes": "span_f1"}[stage]
    out = [Metric(stage, name, prf(found, n_s, n_g)[2], n_g)]
    if stage == "quotes":
        out.append(Metric(stage, "speaker_accuracy", len(al.right) / found if found else math.nan, found))
    return out


def score_stage(stage: str, gold: pd.DataFrame, system: pd.DataFrame, items: SystemItems) -> StageScore:
    """One stage's figures and errors; `gold` and `system` cover the same articles."""
    gold, system = gold.reset_index(drop=True), system.reset_index(drop=True)
    al = align(gold, system, AGREES[stage])
    p, r, f = prf(len(al.right), len(system), len(gold))
    metrics = [Metric(stage, "precision", p, len(system)), Metric(stage, "recall", r, len(gold)),
               Metric(stage, "f1", f, len(gold)), *extra_metrics(stage, gold, system, al)]
    return StageScore(stage, metrics, error_rows(stage, gold, system, al, items), len(gold), len(system))


def score_gold(gold: GoldSet, items: SystemItems) -> dict[str, StageScore]:
    """Every stage that has a gold file, scored on the gold's articles only."""
    mine = items.restricted(gold.articles)
    return {stage: score_stage(stage, gold.frames[stage], mine.frames[stage], mine)
            for stage in STAGES if stage in gold.frames and stage in mine.frames}


def metrics_frame(scores: Mapping[str, StageScore]) -> pd.DataFrame:
    """Every figure of every stage: `stage, metric, value, n`."""
    rows = [(m.stage, m.metric, m.value, m.n) for s in scores.values() for m in s.metrics]
    return pd.DataFrame(rows, columns=["stage", "metric", "value", "n"])


def all_errors(scores: Mapping[str, StageScore]) -> pd.DataFrame:
    """Every error of every stage, stage by stage."""
    frames = [s.errors for s in scores.values()]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(ERROR_COLUMNS))
