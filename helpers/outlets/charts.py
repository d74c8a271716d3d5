"""Charts of the outlets-compared stage (notebook 05)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..display import esc, hover_lines
from ..display.evidence import EvidenceBook, EvidenceIndex
from ..display.figures import OUTLET_PALETTE, colour_range, column_order, outlet_columns
from ..tables import Ref, refs_by


MAX_COVERAGE_ROWS = 60
"""The most items (rows) the coverage heatmap draws: past it, the items most carried over
all outlets (ties in table order); the whole table is the export."""
def coverage_heatmap(coverage: pd.DataFrame, items: Sequence[Any] | None = None,
                     evidence: EvidenceIndex | None = None) -> go.Figure:
    """What each outlet carries: entities, quotes, figures, shared events (counts; 0 = absent).

    With the coverage `items` (`compare.coverage_items`, one per row) and `evidence`, a click
    on a cell shows the spans that carry the item in that outlet. Past `MAX_COVERAGE_ROWS`
    items only the most carried are drawn, and past `MAX_OUTLET_COLUMNS` outlets the smaller
    ones share a column (`figures.outlet_columns`); the title says so."""
    all_outlets = [c for c in coverage.columns if c not in ("kind", "item")]
    if items is not None and [(c.kind, c.item) for c in items] != list(zip(coverage["kind"], coverage["item"])):
        raise ValueError("coverage items do not match the coverage table's rows (build both from the same tables)")
    missing = int((coverage[all_outlets] == 0).any(axis=1).sum()) if all_outlets else 0
    n_items = len(coverage)
    rows = list(range(n_items))
    if n_items > MAX_COVERAGE_ROWS:
        total = coverage[all_outlets].sum(axis=1).to_numpy() if all_outlets else [0] * n_items
        rows = sorted(sorted(rows, key=lambda i: -total[i])[:MAX_COVERAGE_ROWS])
    column_of = outlet_columns({o: int(coverage[o].sum()) for o in all_outlets})
    outlets = column_order(column_of)
    shown = coverage.iloc[rows]
    grouped = pd.DataFrame({c: shown[[o for o in all_outlets if column_of[o] == c]].sum(axis=1) for c in outlets},
                           index=shown.index)
    book = EvidenceBook(evidence if items is not None else None, what="span")
    keys = None
    if items is not None:
        keys = [book.column([r for o in all_outlets if column_of[o] == c for r in items[i].refs.get(o, [])]
                            for c in outlets) for i in rows]
    labels = [esc(f"{k}: {i}") for k, i in zip(shown["kind"], shown["item"])]
    z = grouped[outlets].to_numpy().tolist() if outlets else []
    hover = [[hover_lines([("item", f"{k}: {i}"), ("outlet", o), ("count", v)]) for o, v in zip(outlets, row)]
             for k, i, row in zip(shown["kind"], shown["item"], z)]
    title = f"{missing} of {n_items} items are missing from at least one outlet"
    if len(rows) < n_items:
        title += f"<br><sup>the {len(rows)} items carried most are drawn; the coverage table holds all {n_items}</sup>"
    fig = go.Figure(go.Heatmap(z=z, x=[esc(o) for o in outlets], y=labels, colorscale="Blues", xgap=2, ygap=2,
                               hovertext=hover, hoverinfo="text", colorbar=dict(title="count"),
                               customdata=keys if book.index is not None else None, **colour_range(z, outlets)))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=dict(text=title), height=max(420, 22 * len(z) + 160), margin=dict(l=10))
    return book.attach(fig)


def quotes_by_speaker(quotes: pd.DataFrame, entities: pd.DataFrame, top: int = 15,
                      evidence: EvidenceIndex | None = None) -> go.Figure:
    """Direct quotes per speaker, stacked by outlet; a click on a bar (with `evidence`) shows
    the quotes in their articles. Past `MAX_OUTLET_COLUMNS` outlets, those quoting the shown
    speakers least stack as one, `other outlets (N)` (`figures.outlet_columns`)."""
    names = dict(zip(entities["entity_id"], entities["name"]))
    q = quotes.assign(who=[names.get(e, s) if e else (s or "(unattributed)")
                           for e, s in zip(quotes["speaker_entity_id"], quotes["speaker"])])
    order = q["who"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(top).index.tolist()
    shown = q[q["who"].isin(set(order))]
    per_outlet = shown["outlet"].value_counts()
    column_of = outlet_columns({o: int(per_outlet.get(o, 0)) for o in sorted(q["outlet"].unique())})
    q = q.assign(outlet=q["outlet"].map(column_of))  # past 20 outlets, the smaller ones stack as one
    book, refs = EvidenceBook(evidence, what="quote"), refs_by(q, ["who", "outlet"])
    fig = go.Figure()
    for i, outlet in enumerate(column_order(column_of)):
        counts = q[q["outlet"] == outlet]["who"].value_counts()
        examples = q[q["outlet"] == outlet].groupby("who")["quote"].first()
        fig.add_trace(go.Bar(
            y=[esc(w) for w in order], x=[int(counts.get(w, 0)) for w in order], orientation="h", name=esc(outlet),
            marker_color=OUTLET_PALETTE[i % len(OUTLET_PALETTE)],
            hovertext=[hover_lines([("speaker", w), ("outlet", outlet), ("quotes", int(counts.get(w, 0))),
                                    ("first quote", str(examples.get(w, ""))[:240])]) for w in order],
            hoverinfo="text", customdata=book.column(refs.get((w, outlet), []) for w in order)))
    named = [w for w in order if w != "(unattributed)"]
    title = f"{esc(named[0])} is quoted most" if named else "No quote is attributed"
    fig.update_layout(barmode="stack", title=dict(text=title),
                      height=max(360, 28 * len(order) + 160), xaxis_title="direct quotes",
                      yaxis=dict(autorange="reversed"), legend=dict(title_text="outlet"))
    return book.attach(fig)


def framing_chart(framing: pd.DataFrame, refs: dict[tuple[str, str], list[Ref]] | None = None,
                  evidence: EvidenceIndex | None = None) -> go.Figure:
    """Descriptor families per outlet, as shares of that outlet's descriptors; with the
    descriptors' spans (`compare.framing_refs`) and `evidence`, a click shows them. Past
    `MAX_OUTLET_COLUMNS` outlets, the smaller ones share one bar (`figures.outlet_columns`)."""
    book, refs = EvidenceBook(evidence if refs is not None else None, what="descriptor"), refs or {}
    df = framing.copy()
    outlet_col = "outlet" if "outlet" in df.columns else df.columns[0]
    fam_col = "family" if "family" in df.columns else df.columns[1]
    count_col = "count" if "count" in df.columns else df.columns[2]
    totals = df.groupby(outlet_col)[count_col].sum()
    column_of = outlet_columns({str(o): int(totals[o]) for o in totals.index})
    if len(set(column_of.values())) < len(column_of):  # past 20 outlets: the smaller ones as one bar
        grouped_refs: dict[tuple[str, str], list[Ref]] = {}
        for (o, fam), rs in refs.items():
            grouped_refs.setdefault((column_of.get(o, o), fam), []).extend(rs)
        refs = grouped_refs
        df = (df.assign(**{outlet_col: df[outlet_col].map(column_of)})
              .groupby([outlet_col, fam_col], as_index=False, sort=True)[count_col].sum())
        df[outlet_col] = pd.Categorical(df[outlet_col], categories=column_order(column_of), ordered=True)
        df = df.sort_values([outlet_col, fam_col]).assign(**{outlet_col: lambda d: d[outlet_col].astype(str)})
    fig = go.Figure()
    for fam in sorted(df[fam_col].unique()):
        part = df[df[fam_col] == fam]
        fig.add_trace(go.Bar(x=[esc(o) for o in part[outlet_col]], y=part[count_col], name=esc(fam),
                             hovertext=[hover_lines([("outlet", o), ("family", fam), ("count", c)])
                                        for o, c in zip(part[outlet_col], part[count_col])], hoverinfo="text",
                             customdata=book.column(refs.get((o, fam), []) for o in part[outlet_col])))
    fig.update_layout(barmode="stack", title=dict(text="How each outlet names the armed groups and the other side"),
                      yaxis_title="descriptors", xaxis_title="outlet", height=460, legend=dict(title_text="family"))
    return book.attach(fig)
