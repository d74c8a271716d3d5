"""Maps of the places stage (notebook 04)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..display import esc, hover_lines
from ..display.evidence import EvidenceBook, EvidenceIndex, phrase_refs
from ..display.figures import OUTLET_PALETTE, column_order, example_sentences, outlet_columns
from ..tables import Ref, refs_by

GEO_LAYOUT = dict(projection_type="natural earth", showcountries=True, countrycolor="#bbbbbb",
                  showland=True, landcolor="#f2f2ee", showocean=True, oceancolor="#e8f1f8",
                  showcoastlines=True, coastlinecolor="#999999", resolution=110)


MAX_MAP_PLACES = 300
"""The most places the map draws, the most mentioned first: past it, the others are in
`places.csv` and the table below the map (a thousand markers with their hovers weigh megabytes
and hide each other)."""


def places_map(places: pd.DataFrame, mentions: pd.DataFrame, documents: pd.DataFrame,
               sentences: pd.DataFrame, texts: dict[str, str], evidence: EvidenceIndex | None = None) -> go.Figure:
    """Resolved places sized by mentions, one colour per outlet (the `MAX_MAP_PLACES` most
    mentioned); hover leads to a sentence, and a click (with `evidence`) to the place's
    mentions in that outlet's articles."""
    outlet_of = dict(zip(documents["doc_id"], documents["outlet"]))
    on_map = places[places["lat"].notna() & ~places["via"].str.startswith("demonym")]
    pts = on_map.sort_values("n_mentions", ascending=False, kind="stable").head(MAX_MAP_PLACES)
    m = mentions[mentions["entity_id"].isin(set(pts["entity_id"]))].assign(outlet=lambda d: d["doc_id"].map(outlet_of))
    # Past MAX_OUTLET_COLUMNS outlets, the smaller ones share one colour (as in the heatmaps).
    per_outlet = m["outlet"].value_counts()
    column_of = outlet_columns({o: int(per_outlet.get(o, 0)) for o in sorted(set(outlet_of.values()))})
    m = m.assign(outlet=m["outlet"].map(column_of))
    counts = m.groupby(["entity_id", "outlet"]).size()
    examples = example_sentences(m, sentences, texts, by=("entity_id", "outlet"))
    book, refs = EvidenceBook(evidence), refs_by(m, ["entity_id", "outlet"])
    outlets = column_order(column_of)
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
                ("runner-up", _runner_up(r)),
                ("note", "stands for its government (metonymy)" if r.metonymy else r.via),
                ("article", examples.get((r.entity_id, outlet), ("", ""))[0]),
                ("sentence", examples.get((r.entity_id, outlet), ("", ""))[1]),
            ]) for r, n in rows], hoverinfo="text",
            customdata=book.column(refs.get((r.entity_id, outlet), []) for r, _ in rows)))
    top = pts.iloc[0] if not pts.empty else None
    shown = (f"the {len(pts)} most mentioned of {len(on_map)} places on the map (all in places.csv)"
             if len(on_map) > len(pts) else f"{len(pts)} places on the map")
    title = (f"{shown}; {esc(top['name'])} is the most mentioned ({top['n_mentions']})"
             if top is not None else "No place could be put on the map")
    title = title[0].upper() + title[1:]
    fig.update_geos(**GEO_LAYOUT, fitbounds="locations" if not pts.empty else False)
    fig.update_layout(title=dict(text=title), height=560, margin=dict(l=0, r=0, t=60, b=0),
                      legend=dict(title_text="outlet"))
    return book.attach(fig)


def _runner_up(row: object) -> str:
    """The row's runner-up text (`places.csv` `runner_up`), '' when it has none."""
    value = getattr(row, "runner_up", "")
    return value if isinstance(value, str) else ""


def attention_choropleth(places: pd.DataFrame, iso3: dict[str, str], mentions: pd.DataFrame | None = None,
                         evidence: EvidenceIndex | None = None) -> go.Figure:
    """Countries shaded by the mentions of places in them (cities, regions, demonyms included);
    a click on a country (with `mentions` and `evidence`) shows those mentions."""
    resolved = places[places["country_code"] != ""]
    book = EvidenceBook(evidence if mentions is not None else None)
    country_of = dict(zip(resolved["entity_id"], resolved["country_code"]))
    refs = (refs_by(mentions.assign(cc=mentions["entity_id"].map(country_of)).dropna(subset=["cc"]), ["cc"])
            if mentions is not None else {})
    by_cc = resolved.groupby("country_code")["n_mentions"].sum().sort_values(ascending=False)
    codes = [cc for cc in by_cc.index if iso3.get(cc)]
    fig = go.Figure(go.Choropleth(
        locations=[iso3[cc] for cc in codes], z=[int(by_cc[cc]) for cc in codes], locationmode="ISO-3",
        colorscale="Oranges", marker_line_color="white", colorbar=dict(title="mentions"),
        hovertext=[hover_lines([("country", cc), ("mentions of its places", int(by_cc[cc])),
                                ("places", ", ".join(resolved.loc[resolved["country_code"] == cc, "name"].head(8)))])
                   for cc in codes], hoverinfo="text", customdata=book.column(refs.get((cc,), []) for cc in codes)))
    title = (f"Attention by country: {esc(codes[0])} leads with {int(by_cc[codes[0]])} mentions" if codes
             else "No country could be placed")
    fig.update_geos(**GEO_LAYOUT, projection_rotation_lon=15, center=dict(lon=15, lat=20))
    fig.update_layout(title=dict(text=title), height=520, margin=dict(l=0, r=0, t=60, b=0))
    return book.attach(fig)


@dataclass(frozen=True, slots=True)
class EventPoint:
    """One timeline event at one of its places."""

    date: str
    place: str
    lat: float
    lon: float
    event: Any
    """The event's row of `timeline.csv` (a namedtuple of `itertuples`)."""


def event_points(events: pd.DataFrame, places: pd.DataFrame) -> list[EventPoint]:
    """Every (event, place) pair whose place is on the map (demonyms are not places), by date."""
    coords = {r.name: (r.lat, r.lon) for r in places[places["lat"].notna()].itertuples(index=False)
              if not str(r.via).startswith("demonym")}
    out = []
    for e in events.sort_values(["date", "event_id"]).itertuples(index=False):
        for place in filter(None, str(e.places).split(" | ")):
            if place in coords:
                out.append(EventPoint(e.date, place, coords[place][0], coords[place][1], e))
    return out


def _events_trace(points: list[EventPoint], date: str, book: EvidenceBook,
                  refs: dict[str, list[Ref]]) -> go.Scattergeo:
    part = [p for p in points if p.date == date]
    return go.Scattergeo(
        lat=[p.lat for p in part], lon=[p.lon for p in part], mode="markers",
        marker=dict(size=14, color="#d62728", opacity=0.75, line=dict(width=1, color="white")),
        hovertext=[hover_lines([("date", p.event.date if p.event.granularity == "day"
                                 else f"{p.event.date} ({p.event.granularity})"),
                                ("place", p.place), ("outlet", p.event.outlet), ("said as", p.event.expression),
                                ("sentence", p.event.sentence[:300])]) for p in part],
        hoverinfo="text", name="events", showlegend=False,
        customdata=book.column(refs.get(p.event.event_id, []) for p in part))


def events_map(events: pd.DataFrame, places: pd.DataFrame, evidence: EvidenceIndex | None = None) -> go.Figure:
    """Timeline events at their places, one frame per date (slider and play button); a click
    on an event (with `evidence`) shows its sentence in every outlet that told it."""
    book, refs = EvidenceBook(evidence, what="dated statement"), phrase_refs(events, evidence)
    points = event_points(events, places)
    dates = sorted({p.date for p in points})
    fig = go.Figure()
    if not dates:
        fig.update_geos(**GEO_LAYOUT)
        fig.update_layout(title=dict(text="No dated event has a place on the map"), height=300)
        return fig
    fig.add_trace(_events_trace(points, dates[-1], book, refs))
    fig.frames = [go.Frame(data=[_events_trace(points, d, book, refs)], name=d) for d in dates]
    fig.update_layout(
        title=dict(text=f"Dated events at their places: {len(points)} on {len(dates)} dates, {dates[0]} to {dates[-1]}"),
        height=600, margin=dict(l=0, r=0, t=60, b=0),
        sliders=[dict(active=len(dates) - 1, currentvalue=dict(prefix="date: "), pad=dict(t=30),
                      steps=[dict(label=d, method="animate",
                                  args=[[d], dict(mode="immediate", frame=dict(duration=600, redraw=True))])
                             for d in dates])],
        updatemenus=[dict(type="buttons", x=0.02, y=0.02, xanchor="left", yanchor="bottom", buttons=[
            dict(label="Play", method="animate",
                 args=[None, dict(frame=dict(duration=900, redraw=True), fromcurrent=False)])])])
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    fig.update_geos(**GEO_LAYOUT, lataxis_range=[min(lats) - 8, max(lats) + 8],
                    lonaxis_range=[min(lons) - 12, max(lons) + 12])
    return book.attach(fig)
