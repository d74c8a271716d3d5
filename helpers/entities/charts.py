"""Charts of the entities stage (notebook 02)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..display import esc, hover_lines
from ..display.evidence import EvidenceBook, EvidenceIndex
from ..display.figures import TYPE_COLOURS, TYPE_NAMES, colour_range, column_order, example_sentences, outlet_columns
from ..tables import refs_by
from . import network


OTHERS_FROM = 50
"""A bar chart of the top entities of a type names the others (how many, how many mentions)
when the type has more than this many entities: below it, the chart is as it always was."""


def others_title(title: str, group: pd.DataFrame, shown: int) -> str:
    """A subplot's title, with `top 10 of 2,134; the other 2,124: 30,112 mentions` under it when the
    group has more than `OTHERS_FROM` entities: the long tail, named and counted, without a
    bar that would dwarf the top ones (and that no single sentence could stand for)."""
    if len(group) <= OTHERS_FROM:
        return title
    rest = group.iloc[shown:]
    return (f"{title}<br><sup>top {shown} of {len(group):,}; the other {len(rest):,}: "
            f"{int(rest['n_mentions'].sum()):,} mentions</sup>")


def top_entities(entities: pd.DataFrame, mentions: pd.DataFrame, sentences: pd.DataFrame,
                 texts: dict[str, str], per_type: int = 10, evidence: EvidenceIndex | None = None) -> go.Figure:
    """The most mentioned entities of each main type, as horizontal bars; a click on a bar
    shows its mentions in their sentences (with `evidence`)."""
    book, refs = EvidenceBook(evidence), refs_by(mentions, ["entity_id"])
    groups = [("PERSON",), ("ORG",), ("GPE", "LOC", "FAC"), ("NORP",)]
    titles = [others_title(t, entities[entities["type"].isin(types)], per_type)
              for t, types in zip(["People", "Organisations", "Places", "Groups (nationalities, religions)"], groups)]
    examples = example_sentences(mentions, sentences, texts)
    fig = make_subplots(rows=2, cols=2, subplot_titles=titles, horizontal_spacing=0.28, vertical_spacing=0.12)
    for i, types in enumerate(groups):
        part = entities[entities["type"].isin(types)].head(per_type).iloc[::-1]
        if part.empty:
            continue
        hover = [hover_lines([
            ("entity", r.name), ("type", r.type), ("mentions", r.n_mentions), ("articles", r.n_docs),
            ("also written", r.aliases if r.aliases != r.name else ""),
            ("first seen in", examples.get((r.entity_id,), ("", ""))[0]),
            ("sentence", examples.get((r.entity_id,), ("", ""))[1]),
        ]) for r in part.itertuples(index=False)]
        fig.add_trace(go.Bar(
            x=part["n_mentions"], y=[esc(n) for n in part["name"]], orientation="h",
            marker_color=[TYPE_COLOURS.get(t, "#888") for t in part["type"]],
            hovertext=hover, hoverinfo="text", showlegend=False,
            customdata=book.column(refs.get((e,), []) for e in part["entity_id"]),
        ), row=i // 2 + 1, col=i % 2 + 1)
    lead = entities.iloc[0] if not entities.empty else None
    title = (f"{esc(lead['name'])} is the most mentioned entity ({lead['n_mentions']} mentions in "
             f"{lead['n_docs']} articles)") if lead is not None else "No entities found"
    fig.update_layout(title=dict(text=title), height=720, margin=dict(l=10, r=10))
    fig.update_xaxes(title_text="mentions")
    return book.attach(fig)


def outlet_heatmap(entities: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame,
                   sentences: pd.DataFrame, texts: dict[str, str], top: int = 25,
                   evidence: EvidenceIndex | None = None) -> go.Figure:
    """Mentions of the most mentioned entities, per outlet; a click on a cell shows them.

    Past `MAX_OUTLET_COLUMNS` outlets, the smaller ones share the last column
    (`figures.outlet_columns`); its cells lead to their mentions in any of those outlets."""
    outlet_of = dict(zip(documents["doc_id"], documents["outlet"]))
    ents = entities.head(top)
    shown = mentions[mentions["entity_id"].isin(set(ents["entity_id"]))]
    counts_by_outlet = shown["doc_id"].map(outlet_of).value_counts()
    column_of = outlet_columns({o: int(counts_by_outlet.get(o, 0)) for o in sorted(set(outlet_of.values()))})
    m = mentions.assign(outlet=mentions["doc_id"].map(outlet_of).map(column_of))
    book, refs = EvidenceBook(evidence), refs_by(m, ["entity_id", "outlet"])
    outlets = column_order(column_of)
    counts = m[m["entity_id"].isin(set(ents["entity_id"]))].groupby(["entity_id", "outlet"]).size()
    examples = example_sentences(m[m["entity_id"].isin(set(ents["entity_id"]))], sentences, texts,
                                 by=("entity_id", "outlet"))
    z, hover, keys = [], [], []
    for r in ents.itertuples(index=False):
        row, hrow = [], []
        keys.append(book.column(refs.get((r.entity_id, o), []) for o in outlets))
        for o in outlets:
            n = int(counts.get((r.entity_id, o), 0))
            row.append(n)
            doc, sent = examples.get((r.entity_id, o), ("", ""))
            hrow.append(hover_lines([("entity", r.name), ("outlet", o), ("mentions", n),
                                     ("article", doc), ("sentence", sent)]))
        z.append(row)
        hover.append(hrow)
    only = [r.name for r, zr in zip(ents.itertuples(index=False), z) if sum(1 for v in zr if v) == 1]
    title = (f"{len(ents) - len(only)} of the top {len(ents)} entities appear in more than one outlet"
             if len(outlets) > 1 else f"Top {len(ents)} entities in the one outlet")
    fig = go.Figure(go.Heatmap(
        z=z, x=[esc(o) for o in outlets], y=[esc(n) for n in ents["name"]], colorscale="Blues",
        hovertext=hover, hoverinfo="text", colorbar=dict(title="mentions"), xgap=2, ygap=2,
        customdata=keys if evidence is not None else None, **colour_range(z, outlets),
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=dict(text=title), height=max(420, 24 * len(ents) + 160),
                      xaxis_title="outlet", yaxis_title="")
    return book.attach(fig)


def network_figure(g, pos: dict[str, tuple[float, float]], mentions: pd.DataFrame | None = None,
                   evidence: EvidenceIndex | None = None, labelled: int = network.LABELLED) -> go.Figure:
    """The co-occurrence network: node size by mentions, colour by type, edge width by weight;
    the `labelled` most mentioned entities carry labels placed so that none overlaps another
    (`network.place_labels`), the others their name in their hover; a click on a node shows
    its mentions (with `mentions` and `evidence`)."""
    book = EvidenceBook(evidence if mentions is not None else None)
    refs = refs_by(mentions, ["entity_id"]) if mentions is not None else {}
    labels = network.place_labels(g, pos, labelled)
    fig = go.Figure()
    by_width: dict[float, list[tuple[str, str]]] = {}
    for a, b, d in sorted(g.edges(data=True)):
        by_width.setdefault(round(min(8, 0.6 + 0.8 * d["weight"]), 2), []).append((a, b))
    for width, edges in sorted(by_width.items()):  # one trace per line width, not per edge
        xs = [v for a, b in edges for v in (pos[a][0], pos[b][0], None)]
        ys = [v for a, b in edges for v in (pos[a][1], pos[b][1], None)]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(width=width, color="rgba(120,120,120,0.35)")))
    for etype in sorted({d["type"] for _, d in g.nodes(data=True)}):
        nodes = sorted(n for n, d in g.nodes(data=True) if d["type"] == etype)
        fig.add_trace(go.Scatter(
            x=[pos[n][0] for n in nodes], y=[pos[n][1] for n in nodes], mode="markers+text",
            name=TYPE_NAMES.get(etype, etype),
            text=[esc(g.nodes[n]["label"]) if n in labels else "" for n in nodes],
            textposition=[labels[n].position if n in labels else "top center" for n in nodes],
            textfont=dict(size=network.LABEL_FONT_PX),
            marker=dict(size=[network.node_size(g.nodes[n]["n_mentions"]) for n in nodes],
                        color=TYPE_COLOURS.get(etype, "#888"), line=dict(width=1, color="white")),
            hovertext=[hover_lines([
                ("entity", g.nodes[n]["label"]), ("mentions", g.nodes[n]["n_mentions"]),
                ("shares sentences with", ", ".join(
                    f"{g.nodes[m]['label']} ({g[n][m]['weight']})"
                    for m in sorted(g[n], key=lambda m: (-g[n][m]["weight"], m))[:6])),
            ]) for n in nodes], hoverinfo="text", customdata=book.column(refs.get((n,), []) for n in nodes)))
    strongest = max(g.edges(data=True), key=lambda e: (e[2]["weight"], e[0], e[1]), default=None)
    title = (f"{esc(g.nodes[strongest[0]]['label'])} and {esc(g.nodes[strongest[1]]['label'])} share the most "
             f"sentences ({strongest[2]['weight']})") if strongest else "No two entities share a sentence"
    if g.number_of_nodes() > len(labels):
        title += f"<br><sup>the {len(labels)} most mentioned are labelled; hover a node for its name</sup>"
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    fig.update_layout(title=dict(text=title), height=network.FIGURE_HEIGHT_PX, margin=network.MARGIN_PX,
                      xaxis=dict(visible=False, range=list(network.axis_range(xs)), constrain="domain"),
                      yaxis=dict(visible=False, range=list(network.axis_range(ys)), scaleanchor="x",
                                 constrain="domain"),
                      hovermode="closest")
    return book.attach(fig)
