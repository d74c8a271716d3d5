"""Charts of the timeline stage (notebook 03).

Up to `MAX_EVENTS` dated statements, the timeline draws each one (`timeline_figure`); past
it, a corpus-level volume line of statements per day (per week past `DAILY_UP_TO_DAYS`),
with the most-reported events marked (`volume_figure`), and the most named actors'
statements per day or week (`actor_volume_figure`): thousands of points on a few lanes read
as nothing, and weigh megabytes.
"""

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

    Past `MAX_EVENTS` statements it is `volume_figure` instead, and for actors
    `actor_volume_figure` (their statements per day or week).
    """
    if len(events) > MAX_EVENTS:
        if lane == "actor":
            return actor_volume_figure(events, evidence=evidence, top_lanes=top_lanes)
        return volume_figure(events, evidence=evidence)
    book, refs = EvidenceBook(evidence, what="dated statement"), phrase_refs(events, evidence)
    ev = events.copy()
    if lane == "actor":
        ev, _ = top_actors(ev, top_lanes)
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


MAX_EVENTS = 300
"""The most dated statements the timeline draws one by one; past it, `volume_figure`."""
MARKED_EVENTS = 12
"""How many of the most-reported events the volume line marks."""
DAILY_UP_TO_DAYS = 120
"""The volume line counts per day over at most this many days, per week past it."""
ACTOR_LANES = 12
"""The actors drawn on their own lines (`timeline_figure`) or rows (`actor_volume_figure`)."""


CORE_QUANTILES = (0.01, 0.99)
"""The share of statement dates the volume line's window leaves out at each end: a few dates far
from the corpus's weeks (a history recalled, "6 June 1944") neither stretch the line nor pick
its unit; they are still drawn, outside the window shown first (zoom out to see them)."""


def core_window(dates: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The dates between the `CORE_QUANTILES` of `dates` (None when there are none)."""
    dates = pd.to_datetime(dates).dt.normalize()
    if dates.empty:
        return None
    low, high = dates.quantile(list(CORE_QUANTILES), interpolation="nearest")
    return pd.Timestamp(low), pd.Timestamp(high)


def volume_unit(dates: pd.Series) -> str:
    """`day`, or `week` when the dates of the core window (`core_window`) span more than
    `DAILY_UP_TO_DAYS`."""
    window = core_window(dates)
    return "day" if window is None or (window[1] - window[0]).days <= DAILY_UP_TO_DAYS else "week"


def volume_bins(dates: pd.Series, unit: str) -> pd.Series:
    """Each date's bin: its day, or the Monday of its week."""
    dates = pd.to_datetime(dates).dt.normalize()
    return dates if unit == "day" else dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")


def most_reported(events: pd.DataFrame, n: int = MARKED_EVENTS) -> pd.DataFrame:
    """The `n` events told by most outlets (then in most statements; ties by event id), one
    row each: its first statement, with how many statements tell it."""
    per = events.groupby("event_id").agg(n_sources=("n_sources", "max"), n_rows=("event_id", "size")).reset_index()
    top = per.sort_values(["n_sources", "n_rows", "event_id"], ascending=[False, False, True]).head(n)
    first = events.sort_values(["event_id", "date", "doc_id", "start"]).groupby("event_id").head(1)
    return first.set_index("event_id").loc[top["event_id"]].reset_index().assign(n_rows=top["n_rows"].to_numpy())


def volume_figure(events: pd.DataFrame, evidence: EvidenceIndex | None = None,
                  marked: int = MARKED_EVENTS) -> go.Figure:
    """Dated statements per day (or week) over the corpus, the most-reported events marked.

    Each point of the line leads (with `evidence`) to statements of its day or week, each
    marked event to its sentence in every outlet that told it. Statements precise only to
    a week, month or year are counted in the title, not on the line (their rows are in the
    table)."""
    book, refs = EvidenceBook(evidence, what="dated statement"), phrase_refs(events, evidence)
    days = events[events["granularity"] == "day"].copy()
    unit = volume_unit(days["date"])
    days["bin"] = volume_bins(days["date"], unit)
    per_bin = days.groupby("bin").agg(n=("event_id", "size"), ids=("event_id", lambda s: sorted(set(s))))
    window = core_window(days["date"])
    outside = 0
    if window is not None:  # in the window, days (weeks) with no statement are drawn at 0
        first, last = volume_bins(pd.Series(window), unit)
        every = pd.date_range(first, last, freq="D" if unit == "day" else "7D")
        per_bin = per_bin.reindex(per_bin.index.union(every))
        per_bin["n"] = per_bin["n"].fillna(0).astype(int)
        per_bin["ids"] = [v if isinstance(v, list) else [] for v in per_bin["ids"]]
        outside = int(((days["bin"] < first) | (days["bin"] > last)).sum())
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=[b.strftime("%Y-%m-%d") for b in per_bin.index], y=per_bin["n"].tolist(), mode="lines+markers",
        name=f"statements per {unit}", line=dict(color="#1f77b4", width=1.5), marker=dict(size=4),
        hovertext=[hover_lines([(unit, f"{b:%d %b %Y}"), ("dated statements", n),
                                ("click", "for some of its statements" if n else "")])
                   for b, n in zip(per_bin.index, per_bin["n"])], hoverinfo="text",
        customdata=book.column([r for e in ids for r in refs.get(e, [])] for ids in per_bin["ids"])))
    top = most_reported(days, marked) if not days.empty else days
    if not top.empty:
        top_bins = volume_bins(top["date"], unit)
        heights = [int(per_bin["n"].get(b, 0)) for b in top_bins]
        fig.add_trace(go.Scatter(
            x=[b.strftime("%Y-%m-%d") for b in top_bins], y=heights, mode="markers", name="most-reported events",
            marker=dict(symbol="diamond", size=12, color="#d62728", line=dict(width=1, color="white")),
            hovertext=[_hover(r) for _, r in top.iterrows()], hoverinfo="text",
            customdata=book.column(refs.get(e, []) for e in top["event_id"])))
    n_spans = int((events["granularity"] != "day").sum())
    title = (f"{len(events):,} dated statements; {len(days):,} precise to a day, counted per {unit}"
             + (f" ({n_spans:,} spans of a week or more are in the table)" if n_spans else "")
             + (f"; the {len(top)} most-reported events marked" if not top.empty else "")
             + (f"; {outside:,} far from the others, outside the dates shown (zoom out)" if outside else ""))
    fig.update_layout(title=dict(text=esc(title)), height=460, hovermode="closest",
                      legend=dict(title_text=""), yaxis_title=f"dated statements per {unit}")
    fig.update_xaxes(type="date", title_text="date")
    if outside and window is not None:
        pad = pd.Timedelta(days=1 if unit == "day" else 7)
        fig.update_xaxes(range=[f"{window[0] - pad:%Y-%m-%d}", f"{window[1] + pad:%Y-%m-%d}"])
    return book.attach(fig)



def top_actors(events: pd.DataFrame, n: int = ACTOR_LANES) -> tuple[pd.DataFrame, list[str]]:
    """`events` with one row per (statement, actor) of the `n` actors named in most statements
    (ties by name), the actor in `lane`; the list of those actors, most named first."""
    ev = events.assign(lane=events["actors"].str.split(r" \| ")).explode("lane")
    ev = ev[ev["lane"].fillna("") != ""]
    keep = ev["lane"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(n).index
    return ev[ev["lane"].isin(keep)], list(keep)


def actor_volume_figure(events: pd.DataFrame, evidence: EvidenceIndex | None = None,
                        top_lanes: int = ACTOR_LANES) -> go.Figure:
    """The actors named most in day-precise dated statements, their statements per day (or week)
    as a heatmap: one row per actor, one column per day or week of the corpus's core window
    (`core_window`, as the volume line). A click on a cell (with `evidence`) shows statements of
    that actor in that day or week."""
    book, refs = EvidenceBook(evidence, what="dated statement"), phrase_refs(events, evidence)
    days = events[events["granularity"] == "day"]
    ev, actors = top_actors(days, top_lanes)
    # The volume line's window and unit (from every day-precise statement): a few statements of
    # the top actors dated years away neither stretch the columns nor pick their unit.
    window = core_window(days["date"]) if not ev.empty else None
    fig = go.Figure()
    if window is None:
        fig.update_layout(title=dict(text="No statement precise to a day names an actor"), height=300)
        return fig
    unit = volume_unit(days["date"])
    first, last = volume_bins(pd.Series(window), unit)
    bins = list(pd.date_range(first, last, freq="D" if unit == "day" else "7D"))
    ev = ev.assign(bin=volume_bins(ev["date"], unit))
    inside = ev[(ev["bin"] >= first) & (ev["bin"] <= last)]
    ids = inside.groupby(["lane", "bin"])["event_id"].agg(lambda s: sorted(set(s))).to_dict()
    counts = inside.groupby(["lane", "bin"]).size().to_dict()
    z, hover, keys = [], [], []
    for actor in actors:
        z.append([int(counts.get((actor, b), 0)) for b in bins])
        hover.append([hover_lines([("actor", actor), (unit, f"{b:%d %b %Y}"), ("dated statements", n),
                                   ("click", "for some of them" if n else "")])
                      for b, n in zip(bins, z[-1])])
        keys.append(book.column([r for e in ids.get((actor, b), []) for r in refs.get(e, [])] for b in bins))
    outside = len(ev) - len(inside)
    fig.add_trace(go.Heatmap(
        z=z, x=[f"{b:%Y-%m-%d}" for b in bins], y=[esc(a) for a in actors], colorscale="Blues",
        hovertext=hover, hoverinfo="text", colorbar=dict(title=f"per {unit}"), xgap=1, ygap=2,
        customdata=keys if evidence is not None else None))
    title = (f"The {len(actors)} actors named in most dated statements: statements per {unit}"
             + (f" ({outside:,} far from the others are left out of the dates shown)" if outside else ""))
    fig.update_yaxes(autorange="reversed", type="category")  # an actor named "2020" stays a row
    fig.update_xaxes(type="date", title_text=unit)
    fig.update_layout(title=dict(text=esc(title)), height=max(360, 26 * len(actors) + 170))
    return book.attach(fig)
