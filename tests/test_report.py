"""The HTML report exporter: charts drawn from plotly JSON, outputs sanitised, nothing online."""

from __future__ import annotations

import json
import re

import nbformat
import plotly.graph_objects as go
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import paths, report
from helpers.display import offline

EVIL = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def notebook_with(outputs: list[dict], tags: list[str] | None = None) -> nbformat.NotebookNode:
    cell = new_code_cell("x", execution_count=1, outputs=outputs)
    if tags:
        cell.metadata["tags"] = tags
    return new_notebook(cells=[
        new_markdown_cell("# 09 · A title\n\nWhat this asks, in one paragraph.\n\nMore."),
        cell,
    ])


def plotly_output(fig: go.Figure) -> dict:
    return new_output("display_data", data={report.PLOTLY_MIME: json.loads(fig.to_json()),
                                            "text/plain": "Figure()"})


def export(tmp_path, nb) -> str:
    out = report.export_html(nb, tmp_path / "r.html", corpus_label="seeds")
    return out.read_text(encoding="utf-8")


PLOTLYJS_HEADER = re.compile(r"\* plotly\.js (?:\((?P<bundle>\w+) - minified\) )?v\d+\.\d+\.\d+")
"""The first comment of plotly.js: `plotly.js v4.1.1`, or `plotly.js (cartesian - minified) v4.1.1`."""


def bundles_in(page: str) -> list[str]:
    """The plotly.js bundles inlined in a page: `full`, `cartesian`, `geo`."""
    return [m.group("bundle") or "full" for m in PLOTLYJS_HEADER.finditer(page)]


def test_plotly_output_becomes_a_drawn_chart_with_plotlyjs_inlined(tmp_path) -> None:
    page = export(tmp_path, notebook_with([plotly_output(go.Figure(go.Bar(x=["a"], y=[1])))]))
    assert 'Plotly.newPlot("workbook-figure-1"' in page
    assert bundles_in(page) == ["cartesian"]  # the library itself, inlined once


@pytest.mark.parametrize(("figures", "bundle"), [
    ([go.Figure(go.Bar(x=["a"], y=[1])), go.Figure(go.Heatmap(z=[[1, 2]]))], "cartesian"),
    ([go.Figure(go.Scattergeo(lat=[1], lon=[2])), go.Figure(go.Choropleth(locations=["FRA"], z=[1]))], "geo"),
    ([go.Figure(go.Bar(x=["a"], y=[1])), go.Figure(go.Scattergeo(lat=[1], lon=[2]))], "full"),
    ([go.Figure(go.Sankey(node=dict(label=["a", "b"]), link=dict(source=[0], target=[1], value=[1])))], "full"),
])
def test_a_report_inlines_the_smallest_plotlyjs_that_draws_all_its_charts(tmp_path, figures, bundle) -> None:
    page = export(tmp_path, notebook_with([plotly_output(f) for f in figures]))
    assert bundles_in(page) == [bundle]


def test_the_shipped_plotlyjs_bundles_are_the_pinned_files_of_plotlys_own_version() -> None:
    import hashlib

    from plotly.offline import get_plotlyjs_version

    bundles = offline.plotly_bundles()
    assert {b.name for b in bundles} == {"cartesian", "geo"}
    for b in bundles:
        assert hashlib.sha256(b.path.read_bytes()).hexdigest() == b.sha256, b.path.name
        # A plotly upgrade needs `make plotlyjs` with the new version, else reports fall back to the full bundle.
        assert b.version == get_plotlyjs_version()
        assert f"plotly.js ({b.name} - minified) v{b.version}" in b.path.read_text(encoding="utf-8")[:200]


def test_report_fetches_nothing_from_the_network(tmp_path) -> None:
    page = export(tmp_path, notebook_with([plotly_output(go.Figure(go.Bar(x=["a"], y=[1])))]))
    srcs = re.findall(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=\"([^\"]+)\"", page)
    assert [s for s in srcs if s.startswith(("http:", "https:", "//"))] == []
    assert "require.js" not in page and "mathjax" not in PLOTLYJS_HEADER.split(page.lower())[0]


def test_notebook_without_charts_carries_no_plotlyjs(tmp_path) -> None:
    page = export(tmp_path, notebook_with([new_output("stream", name="stdout", text="hello\n")]))
    assert bundles_in(page) == []


def test_figure_text_cannot_close_the_script_element(tmp_path) -> None:
    fig = go.Figure(go.Scatter(x=[1], y=[1], hovertext=["</script><script>window.__pwned=1</script>"]))
    page = export(tmp_path, notebook_with([plotly_output(fig)]))
    assert "</script><script>window.__pwned" not in page
    assert "\\u003c/script\\u003e" in page


def test_html_outputs_are_sanitised(tmp_path) -> None:
    out = new_output("display_data", data={"text/html": f"<p>ok</p>{EVIL}", "text/plain": "x"})
    page = export(tmp_path, notebook_with([out]))
    body = page.split("<main>", 1)[1]
    assert "<script>window.__pwned" not in body
    assert "<img src" not in body and "onerror" not in body.replace("&quot;", '"').split("&lt;img")[0]
    assert "<p>ok</p>" in body


def test_javascript_outputs_are_dropped(tmp_path) -> None:
    out = new_output("display_data", data={"application/javascript": "window.__pwned = 3",
                                           "text/plain": "js"})
    page = export(tmp_path, notebook_with([out]))
    assert "window.__pwned = 3" not in page


def test_code_is_hidden_by_default_with_a_toggle(tmp_path) -> None:
    page = export(tmp_path, notebook_with([]))
    assert 'class="jp-Notebook workbook-hide-code"' in page
    assert 'id="workbook-toggle-code"' in page


def test_geo_figures_get_their_topology_inlined(tmp_path) -> None:
    fig = go.Figure(go.Scattergeo(lat=[35.9], lon=[36.6], text=["Idlib"]))
    fig.update_geos(resolution=50, scope="asia")
    page = export(tmp_path, notebook_with([plotly_output(fig)]))
    assert "window.PlotlyGeoAssets = {" in page
    assert '"asia_50m"' in page


def test_topojson_names_follow_plotly_rules() -> None:
    assert offline.topojson_name({}) == "world_110m"
    assert offline.topojson_name({"scope": "north america", "resolution": 50}) == "north-america_50m"
    fig = go.Figure(go.Choropleth(locations=["SYR"], z=[1]))
    assert offline.figure_topojson_names(json.loads(fig.to_json())) == {"world_110m"}
    assert offline.figure_topojson_names(json.loads(go.Figure(go.Bar(y=[1])).to_json())) == set()


@pytest.mark.parametrize("name", ["world_110m", "world_50m", "europe_110m", "asia_50m", "usa_110m"])
def test_topology_files_ship_with_the_workbook(name: str) -> None:
    topo = json.loads((paths.TOPOJSON / f"{name}.json").read_text())
    assert topo["type"] == "Topology"
    assert {"land", "countries", "coastlines"} <= set(topo["objects"])


def test_summary_title_and_intro_are_read_from_the_notebook() -> None:
    out = new_output("display_data", data={"text/html": f"<ul><li>3 articles</li></ul>{EVIL}", "text/plain": "x"})
    nb = notebook_with([out], tags=["summary"])
    assert report.notebook_title(nb) == "09 · A title"
    assert report.notebook_intro(nb) == "<p>What this asks, in one paragraph.</p>"
    summary = report.notebook_summary(nb)
    assert "<li>3 articles</li>" in summary and "<script>" not in summary and "<img" not in summary


def test_index_escapes_titles_and_links(tmp_path) -> None:
    entry = report.ReportEntry("01-x.ipynb", "<b>T</b>", "<p>intro</p>", "<ul><li>s</li></ul>", "01-x.html", 1.0)
    page = report.write_index([entry], tmp_path, "<script>x</script>").read_text()
    assert "&lt;b&gt;T&lt;/b&gt;" in page and "&lt;script&gt;x" in page
    assert 'href="01-x.html"' in page


def test_clean_notebook_keeps_outputs_and_drops_noise() -> None:
    nb = notebook_with([new_output("stream", name="stdout", text="kept\n")])
    nb.metadata["widgets"] = {"state": {}}
    nb.cells[1].metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00"}
    nb.cells[1].metadata["tags"] = ["parameters"]
    cleaned = report.clean_notebook(nb)
    assert set(cleaned.metadata) == {"kernelspec", "language_info"}
    assert cleaned.metadata["kernelspec"]["name"] == report.KERNEL_NAME
    assert cleaned.cells[1].metadata == {"tags": ["parameters"]}
    assert cleaned.cells[1].outputs[0]["text"] == "kept\n"
    assert [c.id for c in cleaned.cells] == ["c001", "c002"]


def test_the_index_puts_each_stage_s_trust_line_beside_its_report(tmp_path) -> None:
    """Issue 14, item 4: the trust figure of the stage a report shows, escaped, linked to 06."""
    from helpers import settings, trust

    entries = [report.ReportEntry(name, name, "", "", name.replace(".ipynb", ".html"), 1.0)
               for name in ("01-load-corpus.ipynb", "02-extract-entities.ipynb", "05-outlets-compared.ipynb",
                            report.TRUST_NOTEBOOK)]
    cfg = settings.Settings(corpus=tmp_path / "c", out=tmp_path / "out", spacy_model="x")
    lines = {t.stage: t.text for t in trust.index_summary(cfg)}
    page = report.write_index(report.with_trust(entries, cfg), tmp_path, "c").read_text()
    sections = page.split('<section class="entry">')[1:]
    assert lines["entities"] in sections[1] and lines["quotes"] in sections[2]
    assert "How far to trust it" not in sections[0] + sections[3]  # the corpus has no stage score
    assert 'href="06-how-far-to-trust.html">how measured' in sections[1]
    # Must not: a figure shown as the analyst's own when no gold was scored (no accuracy.csv here).
    assert "gold items" not in page
