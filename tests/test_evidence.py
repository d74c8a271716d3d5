"""Evidence one click away: each chart point leads to its own spans, in their sentences and
articles, and the panel never renders article text as markup."""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import report
from helpers.display.evidence import META_KEY, EvidenceIndex, EvidencePanel, Ref, pick
from helpers.entities import charts as entity_charts
from helpers.entities import network
from helpers.outlets import charts as outlet_charts
from helpers.outlets import compare
from helpers.places import charts as place_charts
from helpers.timeline import charts as timeline_charts


@pytest.fixture(scope="module")
def index(seed_run) -> EvidenceIndex:
    return EvidenceIndex.of(seed_run.corpus, seed_run.entities.sentences)


def squash(text: str) -> str:
    return " ".join(text.split())


def point_items(fig) -> list[tuple[str, list[dict]]]:
    """Every (point key, evidence items) of a figure, over its traces and frames."""
    book = fig.layout.meta[META_KEY]
    traces = list(fig.data) + [t for f in (fig.frames or []) for t in f.data]
    keys = []
    for t in traces:
        cd = t.customdata if t.customdata is not None else []
        for k in cd:
            keys.extend(k if isinstance(k, (list, tuple)) else [k])
    return [(k, [book["items"][i] for i in book["points"][k]]) for k in keys if k]


# ---------------------------------------------------------------------------- the records


def test_evidence_keeps_the_offsets_and_marks_the_span_inside_its_sentence(seed_run, index) -> None:
    texts = {a.doc_id: a.text for a in seed_run.corpus.articles}
    for m in seed_run.entities.mentions.head(80).itertuples(index=False):
        ev = index.at(m.doc_id, m.start, m.end)
        assert (ev.start, ev.end) == (m.start, m.end)
        assert squash(ev.mention) == squash(texts[m.doc_id][m.start:m.end])
        assert ev.sentence_start <= m.start and m.end <= ev.sentence_end
        assert squash(ev.lead + ev.mention + ev.tail) == squash(texts[m.doc_id][ev.sentence_start:ev.sentence_end])
        assert ev.outlet and ev.doc_id == m.doc_id


def test_a_point_keeps_one_span_per_article_before_a_second_from_any() -> None:
    refs = [Ref("a", 1, 2), Ref("a", 5, 6), Ref("a", 9, 10), Ref("b", 3, 4), Ref("c", 7, 8)]
    assert pick(refs, 3) == [Ref("a", 1, 2), Ref("b", 3, 4), Ref("c", 7, 8)]
    assert pick(refs[:3], 2) == [Ref("a", 1, 2), Ref("a", 5, 6)]


def test_show_evidence_escapes_article_text() -> None:
    text = 'He wrote <script>window.__pwned = 1</script> and <img src=x onerror="alert(1)"> here.'
    docs = pd.DataFrame([{"doc_id": "d", "title": "<b onmouseover=alert(1)>T</b>", "outlet": "O", "published": ""}])
    sents = pd.DataFrame([{"doc_id": "d", "sent_id": 0, "start": 0, "end": len(text)}])
    html = EvidenceIndex({"d": text}, docs, sents).show("d", text.index("<script>"), text.index("</script>") + 9)._repr_html_()
    assert "<script>" not in html and "<img" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;" in html and "&lt;/script&gt;" in html
    assert "<mark" in html  # the span is marked


def test_evidence_stays_small_for_an_article_without_sentences_and_a_chart_of_many_points() -> None:
    from helpers.display import evidence as ev_mod

    text = "word " * 200_000  # a megabyte with no sentence boundary and no line break
    docs = pd.DataFrame([{"doc_id": "d", "title": "T" * 20_000, "outlet": "O", "published": ""}])
    sents = pd.DataFrame(columns=["doc_id", "sent_id", "start", "end"])
    index = EvidenceIndex({"d": text}, docs, sents)
    one = index.at("d", 500_000, 500_004)
    assert one.mention == "word" and (one.start, one.end) == (500_000, 500_004)
    assert len(one.lead) <= ev_mod.CONTEXT_CHARS + 1 and len(one.tail) <= ev_mod.CONTEXT_CHARS + 1
    assert len(one.title) <= ev_mod.TITLE_CHARS + 1
    book = ev_mod.EvidenceBook(index)
    keys = [book.key([Ref("d", i * 10, i * 10 + 4), Ref("d", i * 10 + 5, i * 10 + 9)]) for i in range(3000)]
    data = book.build()
    assert all(keys) and len(json.dumps(data)) < 1.2 * ev_mod.BUDGET_BYTES
    assert len(data["articles"]) == 1  # the title is stored once, not in every item
    shown = [k for k in keys if k in data["points"]]
    assert shown and len(shown) + data["unshown"] == len(keys)
    assert all(len(data["points"][k]) == 1 for k in shown)  # many points: one item each, fairly
    assert data["totals"][shown[0]] == 2  # the count still says how many spans there are


def test_a_quote_over_several_sentences_shows_the_sentence_after_it() -> None:
    text = 'He said: "One. Two. Three." Then he left. Later more.'
    docs = pd.DataFrame([{"doc_id": "d", "title": "", "outlet": "O", "published": ""}])
    spans = [(0, 14), (15, 19), (20, 27), (28, 41), (42, 53)]
    sents = pd.DataFrame([{"doc_id": "d", "sent_id": i, "start": a, "end": b} for i, (a, b) in enumerate(spans)])
    q0, q1 = text.index('"One'), text.index('Three."') + len('Three."')
    ev = EvidenceIndex({"d": text}, docs, sents).at("d", q0, q1)
    assert ev.mention == '"One. Two. Three."' and ev.after == "Then he left."
    assert ev.sentence_end == 27 and ev.tail == ""


# ---------------------------------------------------------------------------- the charts


def test_entity_bars_and_nodes_lead_to_mentions_of_that_entity(seed_run, index) -> None:
    ents, mentions = seed_run.entities.entities, seed_run.entities.mentions
    texts = {a.doc_id: a.text for a in seed_run.corpus.articles}
    spans = {(r.entity_id, r.doc_id, r.start, r.end) for r in mentions.itertuples(index=False)}
    fig = entity_charts.top_entities(ents, mentions, seed_run.entities.sentences, texts, evidence=index)
    names = {n: e for e, n in zip(ents["entity_id"], ents["name"])}
    checked = 0
    for trace in fig.data:
        for name, key in zip(trace.y, trace.customdata):
            book = fig.layout.meta[META_KEY]
            for item in (book["items"][i] for i in book["points"][key]):
                assert (names[name], item["doc_id"], item["start"], item["end"]) in spans, (name, item)
                checked += 1
    assert checked > 20
    graph = network.cooccurrence_graph(mentions, ents)
    net = entity_charts.network_figure(graph, network.layout(graph), mentions, evidence=index)
    assert len(point_items(net)) == graph.number_of_nodes()


def test_heatmap_cells_lead_to_that_entity_in_that_outlet_and_empty_cells_to_nothing(seed_run, index) -> None:
    ents, mentions, docs = seed_run.entities.entities, seed_run.entities.mentions, seed_run.corpus.documents
    texts = {a.doc_id: a.text for a in seed_run.corpus.articles}
    fig = entity_charts.outlet_heatmap(ents, mentions, docs, seed_run.entities.sentences, texts, evidence=index)
    (hm,) = fig.data
    outlet_of = dict(zip(docs["doc_id"], docs["outlet"]))
    entity_of = {n: e for e, n in zip(ents["entity_id"], ents["name"])}
    spans = {(r.entity_id, r.doc_id, r.start, r.end) for r in mentions.itertuples(index=False)}
    book = fig.layout.meta[META_KEY]
    for i, row in enumerate(hm.customdata):
        for j, key in enumerate(row):
            assert bool(key) == (hm.z[i][j] > 0)  # no evidence where the count is 0
            for item in (book["items"][n] for n in book["points"].get(key, [])):
                assert outlet_of[item["doc_id"]] == hm.x[j]
                assert (entity_of[hm.y[i]], item["doc_id"], item["start"], item["end"]) in spans


def test_quote_bars_lead_to_the_quotes_themselves(seed_run, index) -> None:
    src = seed_run.sources
    fig = outlet_charts.quotes_by_speaker(src.quotes, seed_run.entities.entities, evidence=index)
    quotes = {(r.doc_id, r.start, r.end): r.quote for r in src.quotes.itertuples(index=False)}
    items = [it for _, its in point_items(fig) for it in its]
    assert items
    for it in items:
        assert squash(it["mention"]) == squash(quotes[(it["doc_id"], it["start"], it["end"])])


def test_timeline_and_event_map_points_lead_to_the_date_as_said_in_every_outlet(seed_run, index) -> None:
    events = seed_run.timeline.events
    for fig in (timeline_charts.timeline_figure(events, evidence=index),
                place_charts.events_map(events, seed_run.places, evidence=index)):
        pairs = point_items(fig)
        assert pairs
        for _, items in pairs:
            for it in items:
                row = events[(events["doc_id"] == it["doc_id"]) & (events["start"] <= it["start"])
                             & (events["end"] >= it["end"])]
                assert not row.empty and squash(it["mention"]) in set(row["expression"].map(squash))
    told_twice = events[events["n_sources"] > 1]
    if not told_twice.empty:  # a statement several outlets made shows each outlet's sentence
        fig = timeline_charts.timeline_figure(events, evidence=index)
        assert any(len({it["doc_id"] for it in items}) > 1 for _, items in point_items(fig))


def test_maps_coverage_and_framing_lead_to_their_spans(seed_run, index) -> None:
    ents, src, places = seed_run.entities, seed_run.sources, seed_run.places
    texts = {a.doc_id: a.text for a in seed_run.corpus.articles}
    outlets = {a.doc_id: a.outlet for a in seed_run.corpus.articles}
    iso3 = {cc: cc for cc in set(places["country_code"]) - {""}}
    cc_of = dict(zip(places["entity_id"], places["country_code"]))
    mention_cc = {(r.doc_id, r.start, r.end): cc_of.get(r.entity_id) for r in ents.mentions.itertuples(index=False)}
    choro = place_charts.attention_choropleth(places, iso3, ents.mentions, evidence=index)
    (trace,) = choro.data
    book = choro.layout.meta[META_KEY]
    for cc, key in zip(trace.locations, trace.customdata):
        for it in (book["items"][i] for i in book["points"][key]):
            assert mention_cc[(it["doc_id"], it["start"], it["end"])] == cc
    pmap = place_charts.places_map(places, ents.mentions, seed_run.corpus.documents, ents.sentences, texts,
                                   evidence=index)
    assert point_items(pmap)
    items = compare.coverage_items(ents.entities, ents.mentions, src.quotes, src.claims,
                                   seed_run.timeline.events, outlets)
    assert [(c.kind, c.item) for c in items] == list(zip(src.coverage["kind"], src.coverage["item"]))
    cov = outlet_charts.coverage_heatmap(src.coverage, items, evidence=index)
    assert point_items(cov)
    framing = outlet_charts.framing_chart(src.framing, compare.framing_refs(texts, outlets), evidence=index)
    for _, its in point_items(framing):
        assert all(it["mention"].strip() for it in its)


def test_a_chart_built_without_evidence_is_unchanged(seed_run) -> None:
    fig = outlet_charts.quotes_by_speaker(seed_run.sources.quotes, seed_run.entities.entities)
    assert all(t.customdata is None for t in fig.data) and not fig.layout.meta


# ---------------------------------------------------------------------------- reports


def test_reports_carry_one_panel_script_and_drop_the_jupyterlab_panels(tmp_path, seed_run, index) -> None:
    fig = outlet_charts.quotes_by_speaker(seed_run.sources.quotes, seed_run.entities.entities, evidence=index)
    hostile = '</script><script>window.__pwned = 1</script> <div data-workbook="evidence-panel">'
    fig.layout.meta[META_KEY]["items"][0]["mention"] = hostile  # as if an article said it
    panel = EvidencePanel()._repr_html_()
    nb = new_notebook(cells=[new_markdown_cell("# Quotes"), new_code_cell("show_chart(fig)", execution_count=1, outputs=[
        new_output("display_data", data={report.PLOTLY_MIME: json.loads(fig.to_json())}),
        new_output("display_data", data={"text/html": panel, "text/plain": "EvidencePanel()"}),
    ]), new_code_cell("table", execution_count=2, outputs=[  # an article quoting the panel's mark
        new_output("display_data", data={"text/html": '<p>&lt;div data-workbook="evidence-panel"&gt; kept</p>'})]),
    ])
    page = report.export_html(nbformat.from_dict(nb), tmp_path / "q.html").read_text(encoding="utf-8")
    assert page.count("window.WorkbookEvidence = {") == 1  # the script, once
    assert "Click a point in the chart above to see" in page  # (in the script's own panel text)
    assert "attachNear(document.currentScript)" not in page  # JupyterLab's panel output dropped
    payload = page.split('id="workbook-figure-1"')[1].split('Plotly.newPlot("workbook-figure-1"')[0]
    assert "workbook_evidence" in payload and "</script>" not in payload  # evidence inside the figure, inert
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned" in payload
    assert 'data-workbook="evidence-panel"&gt; kept' in page  # only the panel itself is dropped
