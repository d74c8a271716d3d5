"""Charts of the outlets-compared stage (notebook 05)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..display import esc, hover_lines
from ..display.evidence import EvidenceBook, EvidenceIndex
from ..display.figures import OUTLET_PALETTE
from ..tables import Ref, refs_by


def coverage_heatmap(coverage: pd.DataFrame, items: Sequence[Any] | None = None,
                     evidence: EvidenceIndex | None = None) -> go.Figure:
    """What each outlet carries: entities, quotes, figures, shared events (counts; 0 = absent).

    With the coverage `items` (`compare.coverage_items`, one per row) and `evidence`, a click
    on a cell shows the spans that carry the item in that outlet."""
    outlets = [c for c in coverage.columns if c not in ("kind", "item")]
    if items is not None and [(c.kind, c.item) for c in items] != list(zip(coverage["kind"], coverage["item"])):
        raise ValueError("coverage items do not match the coverage table's rows (build both from the same tables)")
    book = EvidenceBook(evidence if items is not None else None, what="span")
    keys = [book.column(it.refs.get(o, []) for o in outlets) for it in items] if items is not None else None
    labels = [esc(f"{k}: {i}") for k, i in zip(coverage["kind"], coverage["item"])]
    z = coverage[outlets].to_numpy().tolist() if outlets else []
    hover = [[hover_lines([("item", f"{k}: {i}"), ("outlet", o), ("count", v)]) for o, v in zip(outlets, row)]
             for k, i, row in zip(coverage["kind"], coverage["item"], z)]
    missing = sum(1 for row in z if any(v == 0 for v in row))
    fig = go.Figure(go.Heatmap(z=z, x=[esc(o) for o in outlets], y=labels, colorscale="Blues", xgap=2, ygap=2,
                               hovertext=hover, hoverinfo="text", colorbar=dict(title="count"),
                               customdata=keys if book.index is not None else None))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=dict(text=f"{missing} of {len(z)} items are missing from at least one outlet"),
                      height=max(420, 22 * len(z) + 160), margin=dict(l=10))
    return book.attach(fig)


def quotes_by_speaker(quotes: pd.DataFrame, entities: pd.DataFrame, top: int = 15,
                      evidence: EvidenceIndex | None = None) -> go.Figure:
    """Direct quotes per speaker, stacked by outlet; a click on a bar (with `evidence`) shows
    the quotes in their articles."""
    names = dict(zip(entities["entity_id"], entities["name"]))
    q = quotes.assign(who=[names.get(e, s) if e else (s or "(unattributed)")
                           for e, s in zip(quotes["speaker_entity_id"], quotes["speaker"])])
    order = q["who"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(top).index.tolist()
    book, refs = EvidenceBook(evidence, what="quote"), refs_by(q, ["who", "outlet"])
    fig = go.Figure()
    for i, outlet in enumerate(sorted(q["outlet"].unique())):
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
    descriptors' spans (`compare.framing_refs`) and `evidence`, a click shows them."""
    book, refs = EvidenceBook(evidence if refs is not None else None, what="descriptor"), refs or {}
    df = framing.copy()
    outlet_col = "outlet" if "outlet" in df.columns else df.columns[0]
    fam_col = "family" if "family" in df.columns else df.columns[1]
    count_col = "count" if "count" in df.columns else df.columns[2]
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
