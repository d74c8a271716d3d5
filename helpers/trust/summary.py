"""What the scores mean for the reports: `accuracy.csv`, plain words on which numbers to
treat with care, and one line per stage for the reports' index page (`index_summary`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import tables
from ..settings import Settings
from .gold import STAGES, GoldSet
from .published import PublishedFigure, published_figures
from .score import StageScore

ACCURACY = tables.Schema("accuracy.csv", dict(stage=tables.STR, metric=tables.STR, value=tables.FLOAT,
                                              n=tables.INT, source=tables.STR),
                         doc="The workbook's accuracy per stage: on the analyst's gold sample and on public gold data.")
GOLD_SOURCE = "gold"
BENCH_SOURCE = "bench"
GOOD, FAIR = 0.9, 0.75
"""F1 from which a stage's numbers hold up, and below which they need care."""
UNCHECKED = "unchecked_rows"
"""The metric of `accuracy.csv` counting a stage's sheet rows with nothing in `correct` or
`fix` (scored as right, unchecked); written only when there are some."""
FEW_ITEMS = 50
"""Below this many gold items a figure is rough (a few items more or less move it by points)."""
USED_IN: dict[str, str] = dict(
    entities="the entity counts, the outlet heatmap and the network of notebook 02",
    dates="the time expressions and the timeline of notebook 03",
    places="the maps and the attention by country of notebook 04",
    quotes="who is quoted, and by whom, in notebook 05")
"""Where each stage's output shows in the other reports."""
METRIC_WORDS: dict[str, str] = dict(f1="F1", value_f1="value F1", speaker_accuracy="speaker accuracy",
                                    acc161_found="within 161 km", toponyms_found="toponyms found")


def gold_source(gold: GoldSet) -> str:
    """`gold: 3 articles in data/gold/seeds`."""
    return f"{GOLD_SOURCE}: {gold.describe()}"


def bench_source(figure: PublishedFigure) -> str:
    """`bench: PolNeAR training split, held out (bench/results/quotes.json, bench/QUOTES.md)`."""
    return f"{BENCH_SOURCE}: {figure.data}, {figure.split} ({figure.source})"


def accuracy_frame(scores: Mapping[str, StageScore], gold: GoldSet | None,
                   figures: Sequence[PublishedFigure]) -> pd.DataFrame:
    """`accuracy.csv`: the gold's figures of every stage scored, then the public ones. A
    stage whose sample sheet had rows nobody marked (taken as right) also has a row
    `unchecked_rows` whose value and `n` are how many."""
    rows = [(m.stage, m.metric, round(m.value, 4), m.n, gold_source(gold))
            for s in scores.values() for m in s.metrics if gold is not None and not math.isnan(m.value)]
    if gold is not None:
        rows += [(stage, UNCHECKED, float(n), n, gold_source(gold))
                 for stage, n in gold.unchecked.items() if n and stage in scores]
    rows += [(f.stage, f.metric, round(f.value, 4), f.n, bench_source(f)) for f in figures]
    return pd.DataFrame(rows, columns=ACCURACY.names)


def write_accuracy(derived: Path, frame: pd.DataFrame) -> Path:
    """Write `accuracy.csv` to the tables folder."""
    return tables.write_table(frame, derived, ACCURACY)


def read_accuracy(derived: Path) -> pd.DataFrame | None:
    """`accuracy.csv` of the tables folder, or None when notebook 06 has not written it."""
    try:
        return tables.read_table(derived, ACCURACY)
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------------------- plain words


def level_words(f1: float) -> str:
    """What an F1 means for the numbers built on it."""
    if f1 >= GOOD:
        return "hold up: use them, checking the odd item"
    if f1 >= FAIR:
        return "are mostly right: open the evidence behind a number before you cite it"
    return "need care: many items are missed or wrong, so check every item behind a number you cite"


def caution(score: StageScore) -> str:
    """One plain sentence on how far to trust what `score.stage` feeds into the reports."""
    f1 = score.value("f1")
    if math.isnan(f1):
        return f"{score.stage.capitalize()}: nothing to score (no gold item and no system item in the gold articles)."
    words = f"{score.stage.capitalize()} (F1 {f1:.2f} on {score.n_gold} gold items): {USED_IN[score.stage]} {level_words(f1)}."
    kinds = score.errors["error"].value_counts()
    if len(score.errors) == 1:
        words += f" The one error is {kinds.index[0]}."
    elif len(kinds) == 1:
        every = "Both errors are" if len(score.errors) == 2 else f"All {len(score.errors)} errors are"
        words += f" {every} {kinds.index[0]}."
    elif len(score.errors):
        words += f" The commonest error is {kinds.index[0]} ({kinds.iloc[0]} of {len(score.errors)})."
    if score.stage == "places":
        words += (" A place counts as right by its country and name; how near the map puts it is measured only "
                  "on public data (within 161 km, below).")
    if score.n_gold < FEW_ITEMS:
        words += f" With only {score.n_gold} gold items the figure is rough: a larger sample makes it firmer."
    return words


def cautions(scores: Mapping[str, StageScore]) -> list[str]:
    """A sentence per stage scored, in notebook order."""
    return [caution(scores[s]) for s in STAGES if s in scores]


# ---------------------------------------------------------------------------- the index page


@dataclass(frozen=True)
class StageTrust:
    """One stage's trust figure, as the reports' index page shows it beside the stage."""

    stage: str
    metric: str
    value: float | None
    n: int
    source: str
    text: str
    """`entities: F1 0.91 on 313 gold items (3 articles in data/gold/seeds)`, followed by
    `(12 rows unchecked)` when sheet rows nobody marked were scored as right."""


def _stage_line(stage: str, rows: pd.DataFrame) -> StageTrust:
    gold = rows[rows["source"].str.startswith(GOLD_SOURCE + ":") & (rows["metric"] == "f1")]
    if len(gold):
        r = gold.iloc[0]
        where = r["source"].split(": ", 1)[1]
        unchecked = rows[rows["source"].str.startswith(GOLD_SOURCE + ":") & (rows["metric"] == UNCHECKED)]
        n_unchecked = int(unchecked["n"].iloc[0]) if len(unchecked) else 0
        caveat = f" ({n_unchecked} row{'s' if n_unchecked != 1 else ''} unchecked)" if n_unchecked else ""
        return StageTrust(stage, "f1", float(r["value"]), int(r["n"]), r["source"],
                          f"{stage}: F1 {r['value']:.2f} on {int(r['n'])} gold items ({where}){caveat}")
    bench = rows[rows["source"].str.startswith(BENCH_SOURCE + ":") & rows["source"].str.contains("held out")]
    if len(bench):
        r = bench.iloc[-1]  # places: within 161 km, the figure that says whether a place is right
        data = r["source"].split(": ", 1)[1].split(", held out")[0]
        return StageTrust(stage, r["metric"], float(r["value"]), int(r["n"]), r["source"],
                          f"{stage}: {METRIC_WORDS.get(r['metric'], r['metric'])} {r['value']:.3f} on {data}, "
                          "held out (bench)")
    return StageTrust(stage, "", None, 0, "", f"{stage}: not measured (no gold sample; notebook 06 says how to make one)")


def index_summary(cfg: Settings) -> list[StageTrust]:
    """One line per stage for the reports' index page: the F1 on the analyst's gold sample
    when notebook 06 scored one (`accuracy.csv`), else the held-out figure on public gold
    data (`bench/results`), else "not measured". Reads files only; runs no stage."""
    frame = read_accuracy(cfg.derived)
    if frame is None:
        frame = accuracy_frame({}, None, published_figures())
    return [_stage_line(stage, frame[frame["stage"] == stage]) for stage in STAGES]
