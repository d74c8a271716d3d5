"""Charts that stay readable at any size: the network labels its top entities, none of the
labels shown overlaps another, the rest stay reachable on hover; deterministic."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from helpers.entities import charts as entity_charts
from helpers.entities import network

TYPES = ("PERSON", "ORG", "GPE", "NORP")


def synthetic_graph(n: int, seed: int = 3) -> nx.Graph:
    """`n` entities with long and short names and skewed mention counts, linked at random."""
    rng = random.Random(seed)
    g = nx.Graph()
    for i in range(n):
        name = " ".join(rng.choice(["Al", "Bashar", "Organisation", "Syrian", "Democratic", "Forces", "Ali", "of"])
                        for _ in range(rng.randint(1, 4)))
        g.add_node(f"E{i:04d}", label=f"{name} {i}", type=TYPES[i % 4], n_mentions=max(2, int(400 / (i + 1))),
                   n_docs=1)
    for _ in range(3 * n):
        a, b = sorted(rng.sample(sorted(g.nodes), 2))
        if g.has_edge(a, b):
            g[a][b]["weight"] += 1
        else:
            g.add_edge(a, b, weight=1, sentences=["d#0"])
    return g


def overlapping(placements: dict[str, network.LabelPlacement]) -> list[tuple[str, str]]:
    shown = sorted(placements.values(), key=lambda p: p.node)
    return [(a.node, b.node) for i, a in enumerate(shown) for b in shown[i + 1:] if a.box.overlaps(b.box)]


def shown_labels(fig) -> dict[str, str]:
    """Each node's drawn label ('' when unlabelled) by its hover's first line."""
    out = {}
    for trace in fig.data:
        if trace.mode != "markers+text":
            continue
        for text, hover in zip(trace.text, trace.hovertext):
            out[hover.split("<br>")[0]] = text
    return out


def crowded_positions(g: nx.Graph, seed: int = 5) -> dict[str, tuple[float, float]]:
    """Positions crowded at the centre, as a spring layout of a dense graph puts its hubs
    (networkx lays out 500 nodes or more with scipy, which the workbook does not install)."""
    rng = random.Random(seed)
    return {n: (round(rng.gauss(0, 0.25), 2), round(rng.gauss(0, 0.25), 2)) for n in sorted(g.nodes)}


def test_a_500_entity_network_labels_its_top_25_and_no_two_labels_overlap() -> None:
    g = synthetic_graph(500)
    pos = crowded_positions(g)
    labels = network.place_labels(g, pos)
    assert 15 <= len(labels) <= network.LABELLED
    assert set(labels) <= set(network.labelled_nodes(g))  # only the most mentioned get a label
    assert network.labelled_nodes(g)[0] in labels  # the most mentioned always does
    assert overlapping(labels) == []


def test_unlabelled_nodes_keep_their_name_in_their_hover() -> None:
    g = synthetic_graph(120)
    fig = entity_charts.network_figure(g, network.layout(g))
    drawn = shown_labels(fig)
    assert len(drawn) == 120
    assert sum(1 for t in drawn.values() if t) == len(network.place_labels(g, network.layout(g)))
    for n, d in g.nodes(data=True):
        assert f"<b>entity</b>: {d['label']}" in drawn  # every node, labelled or not, says its name on hover
    assert "hover a node for its name" in fig.layout.title.text


def test_the_network_and_its_labels_are_the_same_on_every_run() -> None:
    a, b = synthetic_graph(200), synthetic_graph(200)
    fa = entity_charts.network_figure(a, network.layout(a))
    fb = entity_charts.network_figure(b, network.layout(b))
    assert fa.to_json() == fb.to_json()


def test_edges_are_drawn_by_line_width_not_one_trace_per_edge() -> None:
    g = synthetic_graph(500)
    fig = entity_charts.network_figure(g, crowded_positions(g))
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) <= 12 and g.number_of_edges() > 1000
    assert sum(1 for t in lines for v in t.x if v is None) == g.number_of_edges()  # every edge is drawn


def test_overlapping_boxes_are_detected_and_touching_ones_are_not() -> None:
    a = network.Box(0, 0, 1, 1)
    assert a.overlaps(network.Box(0.5, 0.5, 2, 2))
    assert not a.overlaps(network.Box(1, 0, 2, 1))
    assert not a.overlaps(network.Box(0, 1.01, 1, 2))


@pytest.mark.slow
def test_the_seeds_network_labels_do_not_overlap_and_every_node_stays(seed_run) -> None:
    ents, mentions = seed_run.entities.entities, seed_run.entities.mentions
    g = network.cooccurrence_graph(mentions, ents)
    pos = network.layout(g)
    labels = network.place_labels(g, pos)
    assert overlapping(labels) == []
    assert len(labels) >= min(20, g.number_of_nodes())
    fig = entity_charts.network_figure(g, pos, mentions)
    assert len(shown_labels(fig)) == g.number_of_nodes()


# ---------------------------------------------------------------------------- heatmap and timeline

import pandas as pd  # noqa: E402

from helpers.display.evidence import META_KEY, EvidenceIndex  # noqa: E402
from helpers.timeline import charts as timeline_charts  # noqa: E402
from helpers.display import figures  # noqa: E402
from helpers.outlets import charts as outlet_charts  # noqa: E402
from helpers.tables import Ref  # noqa: E402

N_DOCS = 40


def small_corpus(n_outlets: int) -> tuple[dict[str, str], pd.DataFrame, pd.DataFrame, EvidenceIndex]:
    """`N_DOCS` one-sentence articles spread over `n_outlets` outlets, and their index."""
    texts = {f"d{i:02d}": f"Alpha met Beta{i} in Town on {i % 28 + 1} May." for i in range(N_DOCS)}
    documents = pd.DataFrame({"doc_id": list(texts), "title": [f"T{i}" for i in range(N_DOCS)],
                              "outlet": [f"Outlet {i % n_outlets:02d}" for i in range(N_DOCS)],
                              "published": ["2024-05-30"] * N_DOCS})
    sentences = pd.DataFrame({"doc_id": list(texts), "sent_id": 0, "start": 0, "end": [len(t) for t in texts.values()]})
    return texts, documents, sentences, EvidenceIndex(texts, documents, sentences)


def entity_tables(texts: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = [{"entity_id": "alpha", "doc_id": d, "start": 0, "end": 5, "sent_id": 0} for d in texts]
    rows += [{"entity_id": f"beta{i}", "doc_id": d, "start": 10, "end": 14, "sent_id": 0} for i, d in enumerate(texts)]
    mentions = pd.DataFrame(rows)
    n = mentions.groupby("entity_id").size()
    entities = pd.DataFrame({"entity_id": n.index, "name": n.index.str.title(), "type": "PERSON",
                             "n_mentions": n.to_numpy(), "n_docs": n.to_numpy(), "aliases": n.index.str.title()})
    return entities.sort_values(["n_mentions", "entity_id"], ascending=[False, True]).reset_index(drop=True), mentions


def test_the_heatmap_groups_outlets_past_20_and_its_other_column_leads_to_those_outlets() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=30)
    entities, mentions = entity_tables(texts)
    fig = entity_charts.outlet_heatmap(entities, mentions, documents, sentences, texts, evidence=index)
    (hm,) = fig.data
    assert len(hm.x) == figures.MAX_OUTLET_COLUMNS and hm.x[-1] == "other outlets (11)"
    alpha = list(hm.y).index("Alpha")
    assert sum(hm.z[alpha]) == N_DOCS  # no mention is lost by the grouping
    book = fig.layout.meta[META_KEY]
    grouped = {f"Outlet {i:02d}" for i in range(30)} - set(hm.x)
    outlet_of = dict(zip(documents["doc_id"], documents["outlet"]))
    items = [book["items"][i] for i in book["points"][hm.customdata[alpha][-1]]]
    assert items and all(outlet_of[it["doc_id"]] in grouped for it in items)
    # The colour scale is that of the single outlets: the grouped sum does not wash them out.
    assert hm.zmax == max(v for row in hm.z for v in row[:-1]) and hm.zmin == 0


def test_the_heatmap_keeps_every_outlet_up_to_20() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=20)
    entities, mentions = entity_tables(texts)
    (hm,) = entity_charts.outlet_heatmap(entities, mentions, documents, sentences, texts, evidence=index).data
    assert list(hm.x) == [f"Outlet {i:02d}" for i in range(20)]


def events_table(n: int, texts: dict[str, str], documents: pd.DataFrame, days: int = 28) -> pd.DataFrame:
    """`n` day-precise dated statements over `days` days, a few told by several outlets."""
    docs = list(texts)
    outlet_of = dict(zip(documents["doc_id"], documents["outlet"]))
    rows = []
    for i in range(n):
        d = docs[i % len(docs)]
        day = pd.Timestamp("2024-05-01") + pd.Timedelta(days=(i * 11) % days)
        rows.append({"event_id": f"ev{i % (n - 20) if i >= n - 20 else i:04d}", "date": f"{day:%Y-%m-%d}",
                     "date_end": f"{day:%Y-%m-%d}", "granularity": "day", "expression": "May", "outlet": outlet_of[d],
                     "dct_from": "metadata", "actors": "Alpha", "places": "Town", "n_sources": 1,
                     "sentence": texts[d], "doc_id": d, "start": 0, "end": len(texts[d])})
    ev = pd.DataFrame(rows)
    ev["n_sources"] = ev["event_id"].map(ev.groupby("event_id")["outlet"].nunique())
    return ev


def test_a_timeline_of_few_statements_draws_each_one() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=3)
    fig = timeline_charts.timeline_figure(events_table(120, texts, documents), evidence=index)
    assert sum(len(t.x) for t in fig.data) == 120 and "per day" not in fig.layout.title.text


def test_a_long_timeline_becomes_a_volume_line_with_the_most_reported_events_marked() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=3)
    events = events_table(600, texts, documents)
    fig = timeline_charts.timeline_figure(events, evidence=index)
    line, marks = fig.data
    assert sum(line.y) == 600 and len(line.x) == 28  # every statement counted, one point a day
    assert "600 dated statements" in fig.layout.title.text and "per day" in fig.layout.title.text
    assert len(marks.x) == timeline_charts.MARKED_EVENTS
    told = events.groupby("event_id")["n_sources"].max()
    assert min(told[[h.split("<b>event</b>: ")[1] for h in marks.hovertext]]) >= told.sort_values().iloc[-12]
    book = fig.layout.meta[META_KEY]
    assert all(book["points"][k] for k in list(line.customdata) + list(marks.customdata))  # every point leads somewhere
    assert len(fig.to_json()) < 400_000


def test_days_without_statements_are_drawn_at_zero_and_lead_nowhere() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=3)
    events = events_table(400, texts, documents)
    events = events[events["date"] != "2024-05-10"]
    line = timeline_charts.timeline_figure(events, evidence=index).data[0]
    gap = list(line.x).index("2024-05-10")
    assert line.y[gap] == 0 and line.customdata[gap] == "" and "click" not in line.hovertext[gap]


def test_a_timeline_over_months_counts_per_week() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=3)
    fig = timeline_charts.timeline_figure(events_table(600, texts, documents, days=300))
    assert "per week" in fig.layout.title.text
    assert all(pd.Timestamp(x).weekday() == 0 for x in fig.data[0].x)


def test_past_300_statements_the_actor_timeline_counts_the_top_actors_per_day() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=3)
    events = events_table(900, texts, documents)
    # Actor k is named in every (k+1)-th statement: 20 actors, the first ones named most.
    events["actors"] = [" | ".join(f"Actor {k:02d}" for k in range(20) if i % (k + 1) == 0) for i in range(900)]
    fig = timeline_charts.timeline_figure(events, lane="actor", evidence=index)
    (cells,) = fig.data
    assert cells.type == "heatmap"
    assert list(cells.y) == [f"Actor {k:02d}" for k in range(timeline_charts.ACTOR_LANES)], "the most named, in order"
    assert len(cells.x) == 28, "one column a day of the corpus's 28 days"
    named = events.assign(actor=events["actors"].str.split(" | ", regex=False)).explode("actor")
    for row, actor in zip(cells.z, cells.y):
        assert sum(row) == int((named["actor"] == actor).sum()), actor  # every statement counted
    book = fig.layout.meta[META_KEY]
    assert all(book["points"][k] for row, keys in zip(cells.z, cells.customdata) for n, k in zip(row, keys) if n)
    assert "per day" in fig.layout.title.text and len(fig.to_json()) < 600_000


def test_statements_of_a_top_actor_dated_years_away_do_not_stretch_the_actor_heatmap() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=3)
    events = events_table(900, texts, documents)
    events["actors"] = ["Alpha" if i % 2 else "" for i in range(900)]
    far = events.index[1:17:2]  # eight statements naming Alpha, dated 2015 to 2022
    events.loc[far, "date"] = [f"{2015 + k}-06-01" for k in range(8)]
    events.loc[far, "date_end"] = events.loc[far, "date"]
    (cells,) = timeline_charts.timeline_figure(events, lane="actor", evidence=index).data
    assert len(cells.x) == 28, "the corpus's 28 days, as the volume line, not 3,000 days since 2015"
    assert "8 far from the others" in timeline_charts.timeline_figure(events, lane="actor").layout.title.text


def test_a_short_actor_timeline_still_draws_each_statement() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=3)
    fig = timeline_charts.timeline_figure(events_table(120, texts, documents), lane="actor", evidence=index)
    assert all(t.type != "heatmap" for t in fig.data) and sum(len(t.x) for t in fig.data) == 120


def test_a_date_far_from_the_others_neither_stretches_the_volume_line_nor_is_lost() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=3)
    events = events_table(600, texts, documents)
    events.loc[events.index[:3], ["date", "date_end"]] = "1944-06-06"  # a history recalled
    fig = timeline_charts.timeline_figure(events, evidence=index)
    line = fig.data[0]
    assert "per day" in fig.layout.title.text and "3 far from the others" in fig.layout.title.text
    assert sum(line.y) == 600 and "1944-06-06" in list(line.x)  # still counted and drawn
    assert len(line.x) < 40  # not 29,000 empty days from 1944 to 2024
    assert fig.layout.xaxis.range[0].startswith("2024-04")  # the window shown first is the corpus's


def test_the_coverage_heatmap_draws_at_most_60_items_and_20_outlet_columns() -> None:
    from helpers.outlets.compare import CoverageItem
    from helpers.tables import Ref

    texts, documents, sentences, index = small_corpus(n_outlets=30)
    outlets = [f"Outlet {i:02d}" for i in range(30)]
    items = [CoverageItem("entity", f"E{i:03d}", {o: [Ref(f"d{(i + j) % N_DOCS:02d}", 0, 5)] * ((i + j) % 3)
                                                  for j, o in enumerate(outlets)}) for i in range(80)]
    coverage = pd.DataFrame([{"kind": it.kind, "item": it.item, **{o: len(it.refs[o]) for o in outlets}} for it in items])
    fig = outlet_charts.coverage_heatmap(coverage, items, evidence=index)
    (hm,) = fig.data
    assert len(hm.y) == outlet_charts.MAX_COVERAGE_ROWS and len(hm.x) == figures.MAX_OUTLET_COLUMNS
    assert hm.x[-1] == "other outlets (11)" and "all 80" in fig.layout.title.text
    assert fig.layout.height <= 22 * 60 + 160
    row = list(hm.y).index(hm.y[0])
    grouped = set(outlets) - set(hm.x)
    assert hm.z[row][-1] == sum(coverage.loc[coverage["item"] == hm.y[0].split(": ")[1], sorted(grouped)].iloc[0])


def test_top_entities_name_the_others_only_for_a_type_of_more_than_50() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=3)
    entities, mentions = entity_tables(texts)  # Alpha and 40 Betas: 41 people
    fig = entity_charts.top_entities(entities, mentions, sentences, texts)
    assert fig.layout.annotations[0].text == "People"
    many = pd.concat([entities, pd.DataFrame({"entity_id": [f"x{i}" for i in range(30)], "name": "X", "type": "PERSON",
                                              "n_mentions": 1, "n_docs": 1, "aliases": "X"})], ignore_index=True)
    fig = entity_charts.top_entities(many, mentions, sentences, texts)
    assert fig.layout.annotations[0].text == "People<br><sup>top 10 of 71; the other 61: 61 mentions</sup>"
    assert sum(len(t.y) for t in fig.data) == 10  # no bar for the others


def test_quotes_and_framing_stack_outlets_past_20_as_one_and_lose_no_count() -> None:
    texts, documents, sentences, index = small_corpus(n_outlets=30)
    outlet_of = dict(zip(documents["doc_id"], documents["outlet"]))
    quotes = pd.DataFrame({"speaker_entity_id": "", "speaker": [f"Speaker {i % 5}" for i in range(N_DOCS)],
                           "outlet": [outlet_of[d] for d in texts], "quote": "words", "doc_id": list(texts),
                           "start": 0, "end": 5})
    fig = outlet_charts.quotes_by_speaker(quotes, pd.DataFrame({"entity_id": [], "name": []}), evidence=index)
    assert len(fig.data) == figures.MAX_OUTLET_COLUMNS and fig.data[-1].name == "other outlets (11)"
    assert sum(sum(t.x) for t in fig.data) == N_DOCS
    framing = pd.DataFrame({"outlet": [outlet_of[d] for d in texts], "family": "rebels", "count": 1})
    refs = {(outlet_of[d], "rebels"): [Ref(d, 0, 5)] for d in texts}
    fig = outlet_charts.framing_chart(framing.groupby(["outlet", "family"], as_index=False)["count"].sum(), refs,
                                      evidence=index)
    (bars,) = fig.data
    assert len(bars.x) == figures.MAX_OUTLET_COLUMNS and sum(bars.y) == N_DOCS
    book = fig.layout.meta[META_KEY]
    assert book["totals"][bars.customdata[-1]] == 11 - 0  # the grouped bar leads to the spans of its 11 outlets


# ---------------------------------------------------------------------------- a report at 2,225 articles

N_LARGE = 2225
MAX_REPORT_BYTES = 8_000_000
MAX_REPORT_PX = 25_000


def large_corpus(seed: int = 11) -> dict:
    """2,225 synthetic articles over 60 outlets, 3,000 entities, their mentions and events."""
    rng = random.Random(seed)
    words = "the army said rebels near the city were hit by strikes as talks went on in the capital".split()
    texts, sents, mentions, events = {}, [], [], []
    for i in range(N_LARGE):
        d = f"doc{i:05d}"
        parts, pos = [], 0
        for s in range(8):
            ents = [rng.randint(0, 2999) for _ in range(2)]
            sentence = f"Name{ents[0]} and Name{ents[1]} " + " ".join(rng.choice(words) for _ in range(18)) + ". "
            for k, e in enumerate(ents):
                start = pos + sentence.index(f"Name{e}")
                mentions.append((f"E{e:04d}", d, start, start + len(f"Name{e}"), s))
            if s == 2:
                day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=rng.randint(0, 200))
                events.append({"event_id": f"ev{rng.randint(0, 3000):05d}", "date": f"{day:%Y-%m-%d}",
                               "date_end": f"{day:%Y-%m-%d}", "granularity": "day", "expression": "army",
                               "outlet": f"Outlet {i % 60:02d}", "dct_from": "metadata", "actors": "", "places": "",
                               "n_sources": 1, "sentence": sentence.strip(), "doc_id": d, "start": pos,
                               "end": pos + len(sentence) - 1})
            sents.append((d, s, pos, pos + len(sentence) - 1))
            parts.append(sentence)
            pos += len(sentence)
        texts[d] = "".join(parts)
    documents = pd.DataFrame({"doc_id": list(texts), "title": [f"Title {i}" for i in range(N_LARGE)],
                              "outlet": [f"Outlet {i % 60:02d}" for i in range(N_LARGE)], "published": "2024-06-01"})
    sentences = pd.DataFrame(sents, columns=["doc_id", "sent_id", "start", "end"])
    mentions = pd.DataFrame(mentions, columns=["entity_id", "doc_id", "start", "end", "sent_id"])
    n = mentions.groupby("entity_id").agg(n_mentions=("doc_id", "size"), n_docs=("doc_id", "nunique"))
    entities = (n.reset_index().assign(name=lambda f: "Name" + f["entity_id"].str[1:].astype(int).astype(str),
                                       type=lambda f: [TYPES[int(e[1:]) % 4] for e in f["entity_id"]],
                                       aliases=lambda f: f["name"])
                .sort_values(["n_mentions", "entity_id"], ascending=[False, True]).reset_index(drop=True))
    ev = pd.DataFrame(events)
    ev["n_sources"] = ev["event_id"].map(ev.groupby("event_id")["outlet"].nunique())
    return {"texts": texts, "documents": documents, "sentences": sentences, "mentions": mentions,
            "entities": entities, "events": ev, "index": EvidenceIndex(texts, documents, sentences)}


def large_places(c: dict) -> pd.DataFrame:
    """The large corpus's GPE entities as places on the map (a point each, spread over the world)."""
    rng = random.Random(5)
    gpe = c["entities"][c["entities"]["type"] == "GPE"].reset_index(drop=True)
    return gpe.assign(lat=[rng.uniform(-60, 70) for _ in range(len(gpe))],
                      lon=[rng.uniform(-170, 170) for _ in range(len(gpe))],
                      country_code="XX", feature_kind="city", status="resolved", reason="", gazetteer_id="g",
                      gazetteer_name=gpe["name"], metonymy=False, via="gazetteer", candidates="[]", runner_up="")


def large_documents(n: int = N_LARGE) -> pd.DataFrame:
    rng = random.Random(9)
    dates = [pd.Timestamp("2024-01-01") + pd.Timedelta(days=rng.randint(0, 200)) for _ in range(n)]
    return pd.DataFrame({"doc_id": [f"doc{i:05d}" for i in range(n)], "outlet": [f"Outlet {i % 60:02d}" for i in range(n)],
                         "published": [f"{d:%Y-%m-%d}" if i % 5 else "" for i, d in enumerate(dates)],
                         "published_from": ["metadata" if i % 5 else "" for i in range(n)],
                         "n_words": [rng.randint(80, 2500) for _ in range(n)], "title": "Title", "path": "a/b.txt"})


def test_past_150_articles_the_corpus_overview_counts_them_instead_of_a_bar_each() -> None:
    from helpers.corpus import charts as corpus_charts

    docs = large_documents()
    fig = corpus_charts.corpus_overview(docs)
    bars = [t for t in fig.data if t.type == "bar"]
    histograms = [t for t in fig.data if t.type == "histogram"]
    assert sum(len(t.x) for t in histograms) == len(docs), "every article in the lengths"
    assert sum(sum(t.y) for t in bars) == int((docs["published"] != "").sum()), "every dated article counted"
    assert all(len(t.x) <= 30 for t in bars), "per week over 200 days, not per article"
    assert "2,225 articles" in fig.layout.title.text and len(fig.to_json()) < 200_000
    few = corpus_charts.corpus_overview(docs.head(20))
    assert sum(len(t.x) for t in few.data if t.type == "bar") == 20, "a small corpus keeps a bar per article"


def test_the_map_draws_the_300_most_mentioned_places_and_groups_outlets_past_20() -> None:
    from helpers.places import charts as place_charts

    c = large_corpus()
    places = large_places(c)
    assert len(places) > place_charts.MAX_MAP_PLACES
    fig = place_charts.places_map(places, c["mentions"], c["documents"], c["sentences"], c["texts"],
                                  evidence=c["index"])
    drawn = {h.split("<b>place</b>: ")[1].split("<br>")[0] for t in fig.data for h in t.hovertext}
    top = set(places.sort_values("n_mentions", ascending=False).head(place_charts.MAX_MAP_PLACES)["name"])
    assert drawn == top, "the most mentioned places, and only those"
    assert len(fig.data) == figures.MAX_OUTLET_COLUMNS and fig.data[-1].name.startswith(figures.OTHER_OUTLETS)
    assert f"most mentioned of {len(places)} places" in fig.layout.title.text
    assert len(fig.to_json()) < 2_000_000


def figure_output(fig) -> dict:
    import json as _json

    from nbformat.v4 import new_output

    from helpers import report

    return new_output("display_data", data={report.PLOTLY_MIME: _json.loads(fig.to_json()), "text/plain": "Figure"})


def table_output(obj) -> dict:
    from nbformat.v4 import new_output

    return new_output("display_data", data={"text/html": obj._repr_html_(), "text/plain": repr(obj)})


@pytest.fixture(scope="module")
def large_reports(tmp_path_factory) -> dict[str, "object"]:
    """The entities, timeline, corpus and maps reports' charts and tables at 2,225 articles, exported."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from helpers import display, report

    c = large_corpus()
    idx, ents, mentions = c["index"], c["entities"], c["mentions"]
    graph = network.cooccurrence_graph(mentions, ents)
    mention_rows = mentions.merge(ents[["entity_id", "name"]], on="entity_id").assign(
        sentence=lambda f: [c["texts"][d][:200] for d in f["doc_id"]])
    pages = {
        "entities": [table_output(display.table_support()),
                     figure_output(entity_charts.top_entities(ents, mentions, c["sentences"], c["texts"], evidence=idx)),
                     table_output(display.table(ents, export="entities.csv")),
                     figure_output(entity_charts.outlet_heatmap(ents, mentions, c["documents"], c["sentences"],
                                                                c["texts"], evidence=idx)),
                     table_output(display.table(mention_rows, export="mentions.csv")),
                     figure_output(entity_charts.network_figure(graph, network.layout(graph), mentions, evidence=idx))],
        "timeline": [table_output(display.table_support()),
                     figure_output(timeline_charts.timeline_figure(c["events"], evidence=idx)),
                     figure_output(timeline_charts.timeline_figure(c["events"], lane="actor", evidence=idx)),
                     table_output(display.table(c["events"], export="timeline.csv"))],
    }
    from helpers.corpus import charts as corpus_charts
    from helpers.places import charts as place_charts

    places = large_places(c)
    documents = large_documents()
    pages["corpus"] = [table_output(display.table_support()), figure_output(corpus_charts.corpus_overview(documents)),
                       table_output(display.table(documents, export="documents.csv"))]
    pages["maps"] = [table_output(display.table_support()),
                     figure_output(place_charts.places_map(places, mentions, c["documents"], c["sentences"], c["texts"],
                                                           evidence=idx)),
                     table_output(display.table(places, export="places.csv"))]
    out = tmp_path_factory.mktemp("large")
    paths = {}
    for name, outputs in pages.items():
        nb = new_notebook(cells=[new_markdown_cell(f"# {name} at 2,225 articles"),
                                 *[new_code_cell("x", execution_count=1, outputs=[o]) for o in outputs]])
        paths[name] = report.export_html(nb, out / f"{name}.html")
    return paths


@pytest.mark.slow
@pytest.mark.parametrize("name", ["entities", "timeline", "corpus", "maps"])
def test_a_report_at_2225_articles_weighs_at_most_8_mb(large_reports, name: str) -> None:
    size = large_reports[name].stat().st_size
    assert size <= MAX_REPORT_BYTES, f"{name}: {size:,} bytes"


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("name", ["entities", "timeline", "corpus", "maps"])
def test_a_report_at_2225_articles_stands_at_most_25000_px_and_draws_offline(browser, large_reports, name) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:"))
              else (blocked.append(r.request.url), r.abort()))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(large_reports[name].resolve().as_uri())
        page.wait_for_selector("table.workbook-long-table.dataTable", timeout=20_000)
        page.wait_for_timeout(500)
        height = page.evaluate("() => document.documentElement.scrollHeight")
        drawn = page.evaluate("() => document.querySelectorAll('.js-plotly-plot svg.main-svg').length")
        assert height <= MAX_REPORT_PX, f"{name}: {height:,} px"
        assert drawn >= 2 and blocked == [] and errors == []
    finally:
        ctx.close()
