"""Charts of the timeline stage (notebook 03)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..display import esc, hover_lines
from ..display.evidence import EvidenceBook, EvidenceIndex, phrase_refs
from ..display.figures import OUTLET_PALETTE


def _hover(r: pd.Series) -> str:
    """The hover text of one event: when, as said, by whom, and the sentence."""
    when = r["date"] if r["granularity"] == "day" else f"{r['date']} to {r['date_end']} ({r['granularity']})"
    return hover_lines([
        ("when", when), ("said as", r["expression"]), ("outlet", r["outlet"]),
        ("article date", "inferred" if r["dct_from"] == "inferred" else r["dct_from"]),
        ("actors", r["actors"]), ("places", r["places"]),
        ("told by", f"{r['n_sources']} outlets" if r["n_sources"] > 1 else ""),
        ("sentence", r["sentence"][:300]), ("event", r["event_id"]),
    ])


def timeline_figure(events: pd.DataFrame, lane: str = "outlet", top_lanes: int = 12,
                    evidence: EvidenceIndex | None = None) -> go.Figure:
    """Events in time: a point per day-precise statement, a bar for a week, month or year.

    `lane="outlet"` puts each outlet on its own line; `lane="actor"` puts the most frequent
    actors on lines (an event appears on each of its actors' lines). With `evidence`, a click
    on an event shows its sentence in every outlet that told it.
    """
    book, refs = EvidenceBook(evidence, what="dated statement"), phrase_refs(events, evidence)
    ev = events.copy()
    if lane == "actor":
        ev = ev.assign(lane=ev["actors"].str.split(r" \| ")).explode("lane")
        ev = ev[ev["lane"].fillna("") != ""]
        keep = ev["lane"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(top_lanes).index
        ev = ev[ev["lane"].isin(keep)]
    else:
        ev = ev.assign(lane=ev["outlet"])
    lanes = sorted(ev["lane"].unique())
    outlets = sorted(events["outlet"].unique())
    colour = {o: OUTLET_PALETTE[i % len(OUTLET_PALETTE)] for i, o in enumerate(outlets)}
    fig = go.Figure()
    for n_outlet, outlet in enumerate(outlets):
        group = f"outlet-{n_outlet}"  # an id, never article-derived text
        part = ev[ev["outlet"] == outlet]
        days = part[part["granularity"] == "day"]
        spans = part[part["granularity"] != "day"]
        if not spans.empty:
            start = pd.to_datetime(spans["date"])
            width = (pd.to_datetime(spans["date_end"]) - start + pd.Timedelta(days=1)).dt.total_seconds() * 1000
            fig.add_trace(go.Bar(
                base=spans["date"], x=width, y=[esc(v) for v in spans["lane"]], orientation="h",
                marker=dict(color=colour[outlet], opacity=0.35), name=esc(outlet), legendgroup=group,
                showlegend=days.empty, hovertext=[_hover(r) for _, r in spans.iterrows()], hoverinfo="text",
                customdata=book.column(refs.get(e, []) for e in spans["event_id"])))
        if not days.empty:
            fig.add_trace(go.Scatter(
                x=days["date"], y=[esc(v) for v in days["lane"]], mode="markers", name=esc(outlet),
                legendgroup=group,
                marker=dict(color=colour[outlet], size=[10 + 4 * (n - 1) for n in days["n_sources"]],
                            symbol=["diamond" if n > 1 else "circle" for n in days["n_sources"]],
                            line=dict(width=1, color="white")),
                hovertext=[_hover(r) for _, r in days.iterrows()], hoverinfo="text",
                customdata=book.column(refs.get(e, []) for e in days["event_id"])))
    day_dates = pd.to_datetime(events.loc[events["granularity"] == "day", "date"])
    rng = None
    if not day_dates.empty:
        rng = [(day_dates.min() - pd.Timedelta(days=4)).strftime("%Y-%m-%d"),
               (day_dates.max() + pd.Timedelta(days=4)).strftime("%Y-%m-%d")]
    n_multi = events.loc[events["n_sources"] > 1, "event_id"].nunique()
    title = (f"{len(events)} dated statements from {len(outlets)} outlets"
             + (f", {day_dates.min():%d %b} to {day_dates.max():%d %b %Y}" if not day_dates.empty else "")
             + (f"; {n_multi} told by more than one outlet (diamonds)" if n_multi else ""))
    fig.update_layout(title=dict(text=esc(title)), barmode="overlay", height=max(360, 60 * len(lanes) + 200),
                      hovermode="closest", legend=dict(title_text="outlet"))
    fig.update_xaxes(type="date", range=rng, title_text="date (bars: a week, month or year; zoom out for years)")
    fig.update_yaxes(categoryorder="array", categoryarray=[esc(v) for v in lanes[::-1]], title_text=lane)
    return book.attach(fig)
