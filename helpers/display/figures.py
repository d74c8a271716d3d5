"""Figure helpers shared by every stage's charts: saving a figure beside its tables, the
outlet and entity-type palettes, and sentence look-ups for hovers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

def save_figure(fig: go.Figure, folder: Path, name: str) -> Path:
    """Save a figure's JSON beside the tables it shows (`derived/charts/NAME.plotly.json`)."""
    out = folder / "charts"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.plotly.json"
    path.write_text(pio.to_json(fig, validate=False, pretty=False), encoding="utf-8")
    return path


TYPE_COLOURS = {
    "PERSON": "#1f77b4", "ORG": "#d62728", "GPE": "#2ca02c", "LOC": "#17becf", "FAC": "#8c564b",
    "NORP": "#9467bd", "EVENT": "#ff7f0e", "PRODUCT": "#7f7f7f", "WORK_OF_ART": "#bcbd22", "LAW": "#e377c2",
}


TYPE_NAMES = {"PERSON": "people", "ORG": "organisations", "GPE": "countries, cities, regions",
              "LOC": "other places", "FAC": "facilities", "NORP": "groups (nationalities, religions)",
              "EVENT": "events", "PRODUCT": "products", "WORK_OF_ART": "works", "LAW": "laws"}


MAX_OUTLET_COLUMNS = 20
"""The most outlet columns a heatmap draws: past it, the smaller outlets share one column."""
OTHER_OUTLETS = "other outlets"
"""The name of that column, followed by how many outlets it holds: `other outlets (11)`."""


def outlet_columns(totals: dict[str, int], limit: int = MAX_OUTLET_COLUMNS) -> dict[str, str]:
    """Each outlet's heatmap column: its own name, or `other outlets (N)` for those past the
    `limit - 1` with the largest `totals` (ties by name) when there are more than `limit`."""
    if len(totals) <= limit:
        return {o: o for o in totals}
    kept = set(sorted(totals, key=lambda o: (-totals[o], o))[: limit - 1])
    other = f"{OTHER_OUTLETS} ({len(totals) - len(kept)})"
    return {o: (o if o in kept else other) for o in totals}


def column_order(column_of: dict[str, str]) -> list[str]:
    """The heatmap's columns: the outlets kept, by name, then the grouped column."""
    return list(dict.fromkeys(column_of[o] for o in sorted(column_of, key=lambda o: (column_of[o] != o, o))))


def colour_range(z: list[list[int]], columns: list[str]) -> dict[str, float]:
    """The heatmap's `zmin`/`zmax` from the columns of single outlets only, when one column
    groups many (`outlet_columns`): a sum over hundreds of small outlets would otherwise take
    the darkest colour and wash out every named outlet (it then shows saturated, its hover
    says the count). Nothing when no column is grouped."""
    named = [i for i, c in enumerate(columns) if not c.startswith(OTHER_OUTLETS)]
    if len(named) == len(columns) or not named:
        return {}
    top = max((row[i] for row in z for i in named), default=0)
    return {"zmin": 0, "zmax": max(1, top)}


OUTLET_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
                  "#bcbd22", "#7f7f7f"]


def _shortened(sentence: str, limit: int = 220) -> str:
    """`sentence` on one line, cut at a word before `limit` characters (with an ellipsis)."""
    sent = " ".join(sentence.split())
    return sent if len(sent) <= limit else sent[: limit - 1].rsplit(" ", 1)[0] + "…"


def example_sentences(mentions: pd.DataFrame, sentences: pd.DataFrame, texts: dict[str, str],
                      by: tuple[str, ...] = ("entity_id",)) -> dict[tuple, tuple[str, str]]:
    """For each group (an entity, or an entity and outlet), its first mention's sentence. The
    sentences' spans are looked up in one index, not by filtering the table once per group."""
    first = mentions.sort_values(["doc_id", "start"], kind="stable").groupby(list(by), sort=True).head(1)
    wanted = set(zip(first["doc_id"].tolist(), first["sent_id"].astype(int).tolist()))
    spans = {(d, i): (s, e) for d, i, s, e in zip(sentences["doc_id"].tolist(), sentences["sent_id"].tolist(),
                                                  sentences["start"].tolist(), sentences["end"].tolist())
             if (d, i) in wanted}
    out: dict[tuple, tuple[str, str]] = {}
    for row in first.itertuples(index=False):
        key = tuple(getattr(row, c) for c in by)
        span = spans.get((row.doc_id, int(row.sent_id)))
        out[key] = (row.doc_id, _shortened(texts[row.doc_id][int(span[0]):int(span[1])]) if span else "")
    return out
