"""Charts shared by the notebooks. Each takes a table and returns a plotly figure whose
hover leads back to the evidence (the article, its outlet, its path)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from .display import esc, hover_lines

DATE_SOURCE_COLOURS = {"metadata": "#1b7837", "header": "#2166ac", "inferred": "#e08214", "": "#8c8c8c"}
DATE_SOURCE_LABELS = {"metadata": "dated by metadata.csv", "header": "dated by in-text header",
                      "inferred": "date inferred", "": "undated"}


def corpus_overview(documents: pd.DataFrame) -> go.Figure:
    """Article lengths (bars) and publication dates (points) of a documents table."""
    docs = documents.sort_values("doc_id", kind="stable").reset_index(drop=True)
    n = len(docs)
    dated = docs[docs["published"].astype(str) != ""]
    title = (f"{n} article{'s' if n != 1 else ''}, {docs['n_words'].min():,}–{docs['n_words'].max():,} words; "
             f"{len(dated)} of {n} dated")
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


def sentence_text(texts: dict[str, str], sentences: pd.DataFrame, doc_id: str, sent_id: int,
                  limit: int = 220) -> str:
    """The text of one sentence (shortened to `limit` characters), for hovers."""
    row = sentences[(sentences["doc_id"] == doc_id) & (sentences["sent_id"] == sent_id)]
    if row.empty:
        return ""
    s, e = int(row.iloc[0]["start"]), int(row.iloc[0]["end"])
    sent = " ".join(texts[doc_id][s:e].split())
    return sent if len(sent) <= limit else sent[: limit - 1].rsplit(" ", 1)[0] + "…"


def example_sentences(mentions: pd.DataFrame, sentences: pd.DataFrame, texts: dict[str, str],
                      by: tuple[str, ...] = ("entity_id",)) -> dict[tuple, tuple[str, str]]:
    """For each group (an entity, or an entity and outlet), its first mention's sentence."""
    out: dict[tuple, tuple[str, str]] = {}
    first = mentions.sort_values(["doc_id", "start"], kind="stable").groupby(list(by), sort=True).head(1)
    for row in first.itertuples(index=False):
        key = tuple(getattr(row, c) for c in by)
        out[key] = (row.doc_id, sentence_text(texts, sentences, row.doc_id, int(row.sent_id)))
    return out


def top_entities(entities: pd.DataFrame, mentions: pd.DataFrame, sentences: pd.DataFrame,
                 texts: dict[str, str], per_type: int = 10) -> go.Figure:
    """The most mentioned entities of each main type, as horizontal bars."""
    groups = [("PERSON",), ("ORG",), ("GPE", "LOC", "FAC"), ("NORP",)]
    titles = ["People", "Organisations", "Places", "Groups (nationalities, religions)"]
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
        ), row=i // 2 + 1, col=i % 2 + 1)
    lead = entities.iloc[0] if not entities.empty else None
    title = (f"{esc(lead['name'])} is the most mentioned entity ({lead['n_mentions']} mentions in "
             f"{lead['n_docs']} articles)") if lead is not None else "No entities found"
    fig.update_layout(title=dict(text=title), height=720, margin=dict(l=10, r=10))
    fig.update_xaxes(title_text="mentions")
    return fig


def outlet_heatmap(entities: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame,
                   sentences: pd.DataFrame, texts: dict[str, str], top: int = 25) -> go.Figure:
    """Mentions of the most mentioned entities, per outlet."""
    outlet_of = dict(zip(documents["doc_id"], documents["outlet"]))
    m = mentions.assign(outlet=mentions["doc_id"].map(outlet_of))
    ents = entities.head(top)
    outlets = sorted(set(outlet_of.values()))
    counts = m[m["entity_id"].isin(set(ents["entity_id"]))].groupby(["entity_id", "outlet"]).size()
    examples = example_sentences(m, sentences, texts, by=("entity_id", "outlet"))
    z, hover = [], []
    for r in ents.itertuples(index=False):
        row, hrow = [], []
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
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=dict(text=title), height=max(420, 24 * len(ents) + 160),
                      xaxis_title="outlet", yaxis_title="")
    return fig


def network_figure(g, pos: dict[str, tuple[float, float]]) -> go.Figure:
    """The co-occurrence network: node size by mentions, colour by type, edge width by weight."""
    fig = go.Figure()
    for a, b, d in sorted(g.edges(data=True)):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        fig.add_trace(go.Scatter(
            x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
            line=dict(width=min(8, 0.6 + 0.8 * d["weight"]), color="rgba(120,120,120,0.35)")))
    for etype in sorted({d["type"] for _, d in g.nodes(data=True)}):
        nodes = sorted(n for n, d in g.nodes(data=True) if d["type"] == etype)
        fig.add_trace(go.Scatter(
            x=[pos[n][0] for n in nodes], y=[pos[n][1] for n in nodes], mode="markers+text",
            name=TYPE_NAMES.get(etype, etype), text=[esc(g.nodes[n]["label"]) for n in nodes],
            textposition="top center", textfont=dict(size=10),
            marker=dict(size=[8 + 2.2 * g.nodes[n]["n_mentions"] ** 0.75 for n in nodes],
                        color=TYPE_COLOURS.get(etype, "#888"), line=dict(width=1, color="white")),
            hovertext=[hover_lines([
                ("entity", g.nodes[n]["label"]), ("mentions", g.nodes[n]["n_mentions"]),
                ("shares sentences with", ", ".join(
                    f"{g.nodes[m]['label']} ({g[n][m]['weight']})"
                    for m in sorted(g[n], key=lambda m: (-g[n][m]["weight"], m))[:6])),
            ]) for n in nodes], hoverinfo="text"))
    strongest = max(g.edges(data=True), key=lambda e: (e[2]["weight"], e[0], e[1]), default=None)
    title = (f"{esc(g.nodes[strongest[0]]['label'])} and {esc(g.nodes[strongest[1]]['label'])} share the most "
             f"sentences ({strongest[2]['weight']})") if strongest else "No two entities share a sentence"
    fig.update_layout(title=dict(text=title), height=680, xaxis=dict(visible=False),
                      yaxis=dict(visible=False, scaleanchor="x"), hovermode="closest")
    return fig


OUTLET_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
                  "#bcbd22", "#7f7f7f"]


def timeline_figure(events: pd.DataFrame, lane: str = "outlet", top_lanes: int = 12) -> go.Figure:
    """Events in time: a point per day-precise statement, a bar for a week, month or year.

    `lane="outlet"` puts each outlet on its own line; `lane="actor"` puts the most frequent
    actors on lines (an event appears on each of its actors' lines).
    """
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

    def hover(r: pd.Series) -> str:
        when = r["date"] if r["granularity"] == "day" else f"{r['date']} to {r['date_end']} ({r['granularity']})"
        return hover_lines([
            ("when", when), ("said as", r["expression"]), ("outlet", r["outlet"]),
            ("article date", "inferred" if r["dct_from"] == "inferred" else r["dct_from"]),
            ("actors", r["actors"]), ("places", r["places"]),
            ("told by", f"{r['n_sources']} outlets" if r["n_sources"] > 1 else ""),
            ("sentence", r["sentence"][:300]), ("event", r["event_id"]),
        ])

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
                showlegend=days.empty, hovertext=[hover(r) for _, r in spans.iterrows()], hoverinfo="text"))
        if not days.empty:
            fig.add_trace(go.Scatter(
                x=days["date"], y=[esc(v) for v in days["lane"]], mode="markers", name=esc(outlet),
                legendgroup=group,
                marker=dict(color=colour[outlet], size=[10 + 4 * (n - 1) for n in days["n_sources"]],
                            symbol=["diamond" if n > 1 else "circle" for n in days["n_sources"]],
                            line=dict(width=1, color="white")),
                hovertext=[hover(r) for _, r in days.iterrows()], hoverinfo="text"))
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
    return fig


GEO_LAYOUT = dict(projection_type="natural earth", showcountries=True, countrycolor="#bbbbbb",
                  showland=True, landcolor="#f2f2ee", showocean=True, oceancolor="#e8f1f8",
                  showcoastlines=True, coastlinecolor="#999999", resolution=110)


def places_map(places: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame,
               sentences: pd.DataFrame, texts: dict[str, str]) -> go.Figure:
    """Resolved places sized by mentions, one colour per outlet; hover leads to a sentence."""
    outlet_of = dict(zip(documents["doc_id"], documents["outlet"]))
    pts = places[places["lat"].notna() & ~places["via"].str.startswith("demonym")]
    m = mentions[mentions["entity_id"].isin(set(pts["entity_id"]))].assign(outlet=lambda d: d["doc_id"].map(outlet_of))
    counts = m.groupby(["entity_id", "outlet"]).size()
    examples = example_sentences(m, sentences, texts, by=("entity_id", "outlet"))
    outlets = sorted(set(outlet_of.values()))
    fig = go.Figure()
    for i, outlet in enumerate(outlets):
        rows = [(r, int(counts.get((r.entity_id, outlet), 0))) for r in pts.itertuples(index=False)]
        rows = [(r, n) for r, n in rows if n > 0]
        if not rows:
            continue
        fig.add_trace(go.Scattergeo(
            lat=[r.lat for r, _ in rows], lon=[r.lon for r, _ in rows], mode="markers", name=esc(outlet),
            marker=dict(size=[6 + 5 * n ** 0.5 for _, n in rows], color=OUTLET_PALETTE[i % len(OUTLET_PALETTE)],
                        opacity=0.7, line=dict(width=0.5, color="white")),
            hovertext=[hover_lines([
                ("place", r.name), ("outlet", outlet), ("mentions", n),
                ("resolved as", f"{r.gazetteer_name} ({r.feature_kind}, {r.country_code})"),
                ("note", "stands for its government (metonymy)" if r.metonymy else r.via),
                ("article", examples.get((r.entity_id, outlet), ("", ""))[0]),
                ("sentence", examples.get((r.entity_id, outlet), ("", ""))[1]),
            ]) for r, n in rows], hoverinfo="text"))
    top = pts.iloc[0] if not pts.empty else None
    title = (f"{len(pts)} places on the map; {esc(top['name'])} is the most mentioned ({top['n_mentions']})"
             if top is not None else "No place could be put on the map")
    fig.update_geos(**GEO_LAYOUT, fitbounds="locations" if not pts.empty else False)
    fig.update_layout(title=dict(text=title), height=560, margin=dict(l=0, r=0, t=60, b=0),
                      legend=dict(title_text="outlet"))
    return fig


def attention_choropleth(places: pd.DataFrame, iso3: dict[str, str]) -> go.Figure:
    """Countries shaded by the mentions of places in them (cities, regions, demonyms included)."""
    resolved = places[places["country_code"] != ""]
    by_cc = resolved.groupby("country_code")["n_mentions"].sum().sort_values(ascending=False)
    codes = [cc for cc in by_cc.index if iso3.get(cc)]
    fig = go.Figure(go.Choropleth(
        locations=[iso3[cc] for cc in codes], z=[int(by_cc[cc]) for cc in codes], locationmode="ISO-3",
        colorscale="Oranges", marker_line_color="white", colorbar=dict(title="mentions"),
        hovertext=[hover_lines([("country", cc), ("mentions of its places", int(by_cc[cc])),
                                ("places", ", ".join(resolved.loc[resolved["country_code"] == cc, "name"].head(8)))])
                   for cc in codes], hoverinfo="text"))
    title = (f"Attention by country: {esc(codes[0])} leads with {int(by_cc[codes[0]])} mentions" if codes
             else "No country could be placed")
    fig.update_geos(**GEO_LAYOUT, projection_rotation_lon=15, center=dict(lon=15, lat=20))
    fig.update_layout(title=dict(text=title), height=520, margin=dict(l=0, r=0, t=60, b=0))
    return fig


def events_map(events: pd.DataFrame, places: pd.DataFrame) -> go.Figure:
    """Timeline events at their places, one frame per date (slider and play button)."""
    coords = {r.name: (r.lat, r.lon) for r in places[places["lat"].notna()].itertuples(index=False)
              if not str(r.via).startswith("demonym")}
    rows = []
    for e in events.sort_values(["date", "event_id"]).itertuples(index=False):
        for place in filter(None, str(e.places).split(" | ")):
            if place in coords:
                rows.append((e.date, place, coords[place], e))
    dates = sorted({r[0] for r in rows})
    fig = go.Figure()

    def trace(date: str) -> go.Scattergeo:
        part = [r for r in rows if r[0] == date]
        return go.Scattergeo(
            lat=[c[0] for _, _, c, _ in part], lon=[c[1] for _, _, c, _ in part], mode="markers",
            marker=dict(size=14, color="#d62728", opacity=0.75, line=dict(width=1, color="white")),
            hovertext=[hover_lines([("date", e.date if e.granularity == "day" else f"{e.date} ({e.granularity})"),
                                    ("place", p), ("outlet", e.outlet), ("said as", e.expression),
                                    ("sentence", e.sentence[:300])]) for _, p, _, e in part],
            hoverinfo="text", name="events", showlegend=False)

    if not dates:
        fig.update_geos(**GEO_LAYOUT)
        fig.update_layout(title=dict(text="No dated event has a place on the map"), height=300)
        return fig
    fig.add_trace(trace(dates[-1]))
    fig.frames = [go.Frame(data=[trace(d)], name=d) for d in dates]
    fig.update_layout(
        title=dict(text=f"Dated events at their places: {len(rows)} on {len(dates)} dates, {dates[0]} to {dates[-1]}"),
        height=600, margin=dict(l=0, r=0, t=60, b=0),
        sliders=[dict(active=len(dates) - 1, currentvalue=dict(prefix="date: "), pad=dict(t=30),
                      steps=[dict(label=d, method="animate",
                                  args=[[d], dict(mode="immediate", frame=dict(duration=600, redraw=True))])
                             for d in dates])],
        updatemenus=[dict(type="buttons", x=0.02, y=0.02, xanchor="left", yanchor="bottom", buttons=[
            dict(label="Play", method="animate",
                 args=[None, dict(frame=dict(duration=900, redraw=True), fromcurrent=False)])])])
    lats = [c[0] for _, _, c, _ in rows]
    lons = [c[1] for _, _, c, _ in rows]
    fig.update_geos(**GEO_LAYOUT, lataxis_range=[min(lats) - 8, max(lats) + 8],
                    lonaxis_range=[min(lons) - 12, max(lons) + 12])
    return fig


def coverage_heatmap(coverage: pd.DataFrame) -> go.Figure:
    """What each outlet carries: entities, quotes, figures, shared events (counts; 0 = absent)."""
    outlets = [c for c in coverage.columns if c not in ("kind", "item")]
    labels = [esc(f"{k}: {i}") for k, i in zip(coverage["kind"], coverage["item"])]
    z = coverage[outlets].to_numpy().tolist() if outlets else []
    hover = [[hover_lines([("item", f"{k}: {i}"), ("outlet", o), ("count", v)]) for o, v in zip(outlets, row)]
             for k, i, row in zip(coverage["kind"], coverage["item"], z)]
    missing = sum(1 for row in z if any(v == 0 for v in row))
    fig = go.Figure(go.Heatmap(z=z, x=[esc(o) for o in outlets], y=labels, colorscale="Blues", xgap=2, ygap=2,
                               hovertext=hover, hoverinfo="text", colorbar=dict(title="count")))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=dict(text=f"{missing} of {len(z)} items are missing from at least one outlet"),
                      height=max(420, 22 * len(z) + 160), margin=dict(l=10))
    return fig


def quotes_by_speaker(quotes: pd.DataFrame, entities: pd.DataFrame, top: int = 15) -> go.Figure:
    """Direct quotes per speaker, stacked by outlet."""
    names = dict(zip(entities["entity_id"], entities["name"]))
    q = quotes.assign(who=[names.get(e, s) if e else (s or "(unattributed)")
                           for e, s in zip(quotes["speaker_entity_id"], quotes["speaker"])])
    order = q["who"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(top).index.tolist()
    fig = go.Figure()
    for i, outlet in enumerate(sorted(q["outlet"].unique())):
        counts = q[q["outlet"] == outlet]["who"].value_counts()
        examples = q[q["outlet"] == outlet].groupby("who")["quote"].first()
        fig.add_trace(go.Bar(
            y=[esc(w) for w in order], x=[int(counts.get(w, 0)) for w in order], orientation="h", name=esc(outlet),
            marker_color=OUTLET_PALETTE[i % len(OUTLET_PALETTE)],
            hovertext=[hover_lines([("speaker", w), ("outlet", outlet), ("quotes", int(counts.get(w, 0))),
                                    ("first quote", str(examples.get(w, ""))[:240])]) for w in order],
            hoverinfo="text"))
    named = [w for w in order if w != "(unattributed)"]
    title = f"{esc(named[0])} is quoted most" if named else "No quote is attributed"
    fig.update_layout(barmode="stack", title=dict(text=title),
                      height=max(360, 28 * len(order) + 160), xaxis_title="direct quotes",
                      yaxis=dict(autorange="reversed"), legend=dict(title_text="outlet"))
    return fig


def framing_chart(framing: pd.DataFrame) -> go.Figure:
    """Descriptor families per outlet, as shares of that outlet's descriptors."""
    df = framing.copy()
    outlet_col = "outlet" if "outlet" in df.columns else df.columns[0]
    fam_col = "family" if "family" in df.columns else df.columns[1]
    count_col = "count" if "count" in df.columns else df.columns[2]
    fig = go.Figure()
    for fam in sorted(df[fam_col].unique()):
        part = df[df[fam_col] == fam]
        fig.add_trace(go.Bar(x=[esc(o) for o in part[outlet_col]], y=part[count_col], name=esc(fam),
                             hovertext=[hover_lines([("outlet", o), ("family", fam), ("count", c)])
                                        for o, c in zip(part[outlet_col], part[count_col])], hoverinfo="text"))
    fig.update_layout(barmode="stack", title=dict(text="How each outlet names the armed groups and the other side"),
                      yaxis_title="descriptors", xaxis_title="outlet", height=460, legend=dict(title_text="family"))
    return fig
