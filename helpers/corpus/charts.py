"""Charts of the corpus stage (notebook 01)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..display import esc, hover_lines

DATE_SOURCE_COLOURS = {"metadata": "#1b7837", "header": "#2166ac", "page": "#5e3c99", "export": "#01665e",
                       "inferred": "#e08214", "": "#8c8c8c"}


DATE_SOURCE_LABELS = {"metadata": "dated by metadata.csv", "header": "dated by in-text header",
                      "page": "dated by the web page", "export": "dated by the export",
                      "inferred": "date inferred", "": "undated"}


def corpus_overview(documents: pd.DataFrame) -> go.Figure:
    """Article lengths (bars) and publication dates (points) of a documents table; past
    `MAX_ARTICLE_BARS` articles, their counts (`overview_counts`)."""
    docs = documents.sort_values("doc_id", kind="stable").reset_index(drop=True)
    n = len(docs)
    dated = docs[docs["published"].astype(str) != ""]
    title = (f"{n:,} article{'s' if n != 1 else ''}, {docs['n_words'].min():,}–{docs['n_words'].max():,} words; "
             f"{len(dated):,} of {n:,} dated")
    if n > MAX_ARTICLE_BARS:
        return overview_counts(docs).update_layout(title=dict(text=esc(title)))
    fig = make_subplots(rows=2, cols=1, row_heights=[0.62, 0.38], vertical_spacing=0.2,
                        subplot_titles=("Length of each article (words)", "Publication dates"))
    labels = [esc(f"{o}" if o == d else f"{o} · {d}") for o, d in zip(docs["outlet"], docs["doc_id"])]
    for key in DATE_SOURCE_LABELS:
        part = docs[docs["published_from"].fillna("") == key]
        if part.empty:
            continue
        idx = part.index
        fig.add_trace(go.Bar(
            x=[labels[i] for i in idx], y=part["n_words"], name=DATE_SOURCE_LABELS[key],
            marker_color=DATE_SOURCE_COLOURS[key], legendgroup=key,
            hovertext=[_doc_hover(row) for _, row in part.iterrows()], hoverinfo="text",
        ), row=1, col=1)
        dated_part = part[part["published"].astype(str) != ""]
        if not dated_part.empty:
            fig.add_trace(go.Scatter(
                x=dated_part["published"], y=[labels[i] for i in dated_part.index], mode="markers",
                marker=dict(size=12, color=DATE_SOURCE_COLOURS[key]), name=DATE_SOURCE_LABELS[key],
                legendgroup=key, showlegend=False,
                hovertext=[_doc_hover(row) for _, row in dated_part.iterrows()], hoverinfo="text",
            ), row=2, col=1)
    undated = docs[docs["published"].astype(str) == ""]
    if not undated.empty:
        names = ", ".join(esc(x) for x in undated["outlet"])
        fig.layout.annotations[1].text = f"Publication dates (undated: {names})"
    fig.update_xaxes(categoryorder="array", categoryarray=labels, row=1, col=1)
    fig.update_yaxes(title_text="words", row=1, col=1)
    fig.update_xaxes(title_text="published", type="date", tickformat="%d %b %Y",
                     range=_date_range(dated["published"]), row=2, col=1)
    fig.update_yaxes(categoryorder="array",
                     categoryarray=[labels[i] for i in dated.index], row=2, col=1)
    fig.update_layout(title=dict(text=esc(title)), height=560, margin=dict(b=60),
                      legend=dict(title_text="date from"), bargap=0.35)
    return fig


def _date_range(dates: pd.Series, pad_days: int = 3) -> list[str] | None:
    """An axis range around the dates, padded so a single date is not drawn in milliseconds."""
    if dates.empty:
        return None
    parsed = pd.to_datetime(dates)
    low, high = parsed.min() - pd.Timedelta(days=pad_days), parsed.max() + pd.Timedelta(days=pad_days)
    return [low.strftime("%Y-%m-%d"), high.strftime("%Y-%m-%d")]


def _doc_hover(row: pd.Series) -> str:
    return hover_lines([
        ("article", row["doc_id"]), ("outlet", row["outlet"]), ("title", row["title"]),
        ("published", f"{row['published']} ({row['published_from']})" if row["published"] else "unknown"),
        ("words", f"{row['n_words']:,}"), ("file", row["path"]),
    ])


MAX_ARTICLE_BARS = 150
"""The most articles the overview draws one bar and one point each; past it, counts
(`overview_counts`): a thousand bars read as nothing, and their hovers weigh megabytes."""
DAILY_UP_TO_DAYS = 120
"""Articles are counted per day over at most this many days, per week past it."""


def overview_counts(documents: pd.DataFrame) -> go.Figure:
    """How long the articles are (a histogram of their words) and how many were published per
    day (per week past `DAILY_UP_TO_DAYS`), each split by where the date came from; the
    articles themselves are in the corpus table."""
    docs = documents.reset_index(drop=True)
    dated = docs[docs["published"].astype(str) != ""]
    days = pd.to_datetime(dated["published"])
    span = (days.quantile(0.99) - days.quantile(0.01)).days if not days.empty else 0
    unit = "day" if span <= DAILY_UP_TO_DAYS else "week"
    fig = make_subplots(rows=2, cols=1, row_heights=[0.5, 0.5], vertical_spacing=0.2,
                        subplot_titles=("Length of the articles (words)", f"Articles published per {unit}"))
    words = docs["n_words"].astype(int)
    width = max(10, int(-(-(words.max() - words.min() + 1) // 40)))  # about 40 bins, the same for every trace
    for key, label in DATE_SOURCE_LABELS.items():
        part = docs[docs["published_from"].fillna("") == key]
        if part.empty:
            continue
        fig.add_trace(go.Histogram(
            x=part["n_words"].astype(int).tolist(), name=label, marker_color=DATE_SOURCE_COLOURS[key],
            legendgroup=key, xbins=dict(start=int(words.min()), size=width),
            hovertemplate="%{x} words: %{y} articles<extra>" + esc(label) + "</extra>",
        ), row=1, col=1)
        when = pd.to_datetime(part.loc[part["published"].astype(str) != "", "published"])
        if when.empty:
            continue
        bins = when.dt.normalize() if unit == "day" else (when - pd.to_timedelta(when.dt.day_of_week, unit="D")).dt.normalize()
        counts = bins.value_counts().sort_index()
        fig.add_trace(go.Bar(
            x=[f"{b:%Y-%m-%d}" for b in counts.index], y=counts.tolist(), name=label,
            marker_color=DATE_SOURCE_COLOURS[key], legendgroup=key, showlegend=False,
            hovertext=[hover_lines([(unit, f"{b:%d %b %Y}"), ("articles", int(n)), ("date from", label)])
                       for b, n in counts.items()], hoverinfo="text",
        ), row=2, col=1)
    fig.update_xaxes(title_text="words", row=1, col=1)
    fig.update_yaxes(title_text="articles", row=1, col=1)
    fig.update_xaxes(title_text="published", type="date", row=2, col=1)
    fig.update_yaxes(title_text="articles", row=2, col=1)
    fig.update_layout(barmode="stack", height=560, margin=dict(b=60), legend=dict(title_text="date from"),
                      bargap=0.1)
    return fig
