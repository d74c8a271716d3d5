"""Open the generated reports as a reader would: headless Chromium, network blocked.

Each chart must have drawn (an SVG with data points; a map with land), nothing may be
fetched from the network, and no script from article text may run. Screenshots are kept in
tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import report

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).parent / "artifacts"


def open_offline(browser, html_path: Path, screenshot: str | None = None) -> dict:
    """Open a report from disk with every non-file request blocked; return what happened."""
    from clicks import offline_page

    page, ctx, seen = offline_page(browser, html_path)
    page.wait_for_timeout(800)
    # Hover every element with a handler-looking attribute left in the page: nothing may fire.
    for el in page.query_selector_all("b, img, a")[:200]:
        try:
            el.hover(timeout=200)
        except Exception:
            pass
    seen["pwned"] = page.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)")
    seen["charts"] = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(div => ({
        id: div.id,
        svg: div.querySelectorAll('svg.main-svg').length,
        points: div.querySelectorAll('.point, .scatterlayer .trace path.js-line, .barlayer .bars path, .heatmaplayer image, .choroplethlayer path, .nodes .node, g.slice').length,
        geo: div.querySelectorAll('.geo').length,
        land: Array.from(div.querySelectorAll('.geo .layer.land path')).reduce((n, p) => n + (p.getAttribute('d') || '').length, 0),
    }))""")
    seen["n_figures"] = page.locator(".workbook-figure").count()
    seen["text"] = page.inner_text("body")
    if screenshot:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)
    ctx.close()
    return seen


def report_pages(out: Path) -> list[Path]:
    return sorted((out / "reports").glob("[0-9][0-9]-*.html"))


def test_one_report_per_notebook_and_an_index(hostile_run: Path) -> None:
    pages = report_pages(hostile_run)
    assert [p.stem for p in pages] == [nb.stem for nb in report.notebook_paths()]
    index = (hostile_run / "reports" / "index.html").read_text()
    for p in pages:
        assert f'href="{p.name}"' in index
    assert (hostile_run / "derived" / "documents.csv").exists()
    assert "Reports written" in (hostile_run / "stdout.txt").read_text()


def test_every_report_draws_its_charts_offline_and_runs_no_injected_script(browser, hostile_run: Path) -> None:
    for page_path in report_pages(hostile_run) + [hostile_run / "reports" / "index.html"]:
        seen = open_offline(browser, page_path, screenshot=f"{page_path.stem}.png")
        assert seen["pwned"] is None, f"{page_path.name}: injected script ran ({seen['pwned']})"
        assert seen["dialogs"] == [], page_path.name
        assert seen["errors"] == [], f"{page_path.name}: {seen['errors']}"
        assert seen["blocked"] == [], f"{page_path.name} tried the network: {seen['blocked'][:5]}"
        assert len(seen["charts"]) == seen["n_figures"], f"{page_path.name}: a chart did not draw"
        for chart in seen["charts"]:
            assert chart["svg"] >= 1, f"{page_path.name}: {chart}"
            if chart["geo"]:
                assert chart["land"] > 100, f"{page_path.name}: map without land: {chart}"
            else:
                assert chart["points"] >= 1, f"{page_path.name}: chart without data: {chart}"


def test_hostile_markup_is_shown_as_text(browser, hostile_run: Path) -> None:
    seen = open_offline(browser, hostile_run / "reports" / "01-load-corpus.html")
    assert "Evil Daily" in seen["text"]
    assert "<b onmouseover=" in seen["text"]  # the outlet name is shown, escaped, as typed
    assert "zz_hostile" in seen["text"]
    assert "empty.txt" in seen["text"] and "scan.pdf" in seen["text"]  # problems table


def test_a_geo_map_draws_land_offline(browser, tmp_path: Path) -> None:
    fig = go.Figure(go.Scattergeo(lat=[35.93, 33.51], lon=[36.63, 36.29], text=["a", "b"], mode="markers"))
    fig.update_geos(showcountries=True, fitbounds="locations")
    nb = new_notebook(cells=[
        new_markdown_cell("# Map"),
        new_code_cell("fig", execution_count=1, outputs=[
            new_output("display_data", data={report.PLOTLY_MIME: json.loads(fig.to_json())})]),
    ])
    page = report.export_html(nb, tmp_path / "map.html")
    seen = open_offline(browser, page, screenshot="geo-map.png")
    assert seen["blocked"] == [] and seen["errors"] == []
    (chart,) = seen["charts"]
    assert chart["geo"] == 1 and chart["land"] > 100


def test_a_click_on_any_chart_of_notebooks_02_to_05_shows_its_evidence_offline(browser, hostile_run: Path) -> None:
    from clicks import click_for_evidence, has_evidence

    quotes = pd.read_csv(hostile_run / "derived" / "quotes.csv", keep_default_na=False)
    quoted = {" ".join(q.split()) for q in quotes["quote"]}
    for page_path in [p for p in report_pages(hostile_run) if p.name[:2] in ("02", "03", "04", "05")]:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked: list[str] = []
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:"))
                  else (blocked.append(r.request.url), r.abort()))
        page = ctx.new_page()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(600)
        charts = page.query_selector_all(".workbook-figure")
        assert charts, page_path.name
        for n, chart in enumerate(charts, start=1):
            assert has_evidence(chart), f"{page_path.name}: chart {n} leads to no evidence"
            state = click_for_evidence(page, chart)
            assert state and state["items"] >= 1, f"{page_path.name}: chart {n}: no panel after a click ({state})"
            assert state["marks"] and all(m.strip() for m in state["marks"]), state
            if page_path.stem.startswith("05") and "quote" in state["text"].split("\n")[0]:
                assert set(state["marks"]) <= quoted, state["marks"]  # the quote itself is marked
        # One panel per chart; every evidence item of every chart, the hostile article's
        # included, drawn into it stays text.
        assert page.locator(".workbook-figure + .workbook-evidence").count() == len(charts)
        drawn = page.evaluate("""() => Array.from(document.querySelectorAll('.workbook-figure')).map(gd => {
            const book = gd.layout.meta.workbook_evidence;
            Object.keys(book.points).forEach(k => window.WorkbookEvidence.show(gd.__workbookEvidence, book, k));
            return Object.keys(book.points).length; })""")
        assert all(drawn), drawn
        assert page.evaluate("() => window.__pwned === undefined") and blocked == [], (page_path.name, blocked)
        page.screenshot(path=str(ARTIFACTS / f"evidence-{page_path.stem}.png"), full_page=False)
        ctx.close()
