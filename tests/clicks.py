"""Clicking chart points in a browser as a reader does, and reading the evidence panel that opens;
opening a page from disk with the network blocked.

Shared by the report tests (`test_browser.py`, `test_long_tables.py`) and the JupyterLab test
(`test_lab.py`).
"""

from __future__ import annotations

from typing import Any

# Candidate point elements per trace type, as plotly.js draws them.
POINT_SELECTOR = ", ".join([
    ".scatterlayer .point", ".barlayer .bars path", ".scattergeo .point", ".choroplethlayer path",
])

PANEL_TEXT_JS = """gd => {
    const panel = gd.__workbookEvidence;
    if (!panel) return null;
    return {shown: panel.getAttribute('data-shown'), text: panel.innerText,
            items: panel.querySelectorAll('.workbook-evidence-item').length,
            marks: Array.from(panel.querySelectorAll('mark')).map(m => m.textContent)};
}"""

HEATMAP_CELL_JS = """gd => {
    // The centre of the first heatmap cell that has evidence, in page pixels.
    const fl = gd._fullLayout, t = gd._fullData.find(d => d.type === 'heatmap');
    if (!t || !t.customdata) return null;
    for (let i = 0; i < t.customdata.length; i++) for (let j = 0; j < t.customdata[i].length; j++) {
        if (!t.customdata[i][j]) continue;
        const xa = fl[t.xaxis === 'x' ? 'xaxis' : 'xaxis' + t.xaxis.slice(1)];
        const ya = fl[t.yaxis === 'y' ? 'yaxis' : 'yaxis' + t.yaxis.slice(1)];
        const box = gd.getBoundingClientRect();
        return {x: box.left + xa._offset + xa.c2p(xa.type === 'category' ? j : t.x[j]),
                y: box.top + ya._offset + ya.c2p(ya.type === 'category' ? i : t.y[i])};
    }
    return null;
}"""


def has_evidence(chart) -> bool:
    """Whether a drawn plotly div carries evidence (its figure's layout.meta)."""
    return bool(chart.evaluate("gd => !!(gd.layout && gd.layout.meta && gd.layout.meta.workbook_evidence)"))


def click_for_evidence(page, chart, tries: int = 12) -> dict[str, Any] | None:
    """Click points of one chart until its evidence panel shows something; return the panel."""
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(150)
    spots = []
    cell = chart.evaluate(HEATMAP_CELL_JS)
    if cell:
        spots.append((cell["x"], cell["y"]))
    for el in chart.query_selector_all(POINT_SELECTOR)[:tries]:
        box = el.bounding_box()
        if box and box["width"] * box["height"] > 0:
            spots.append((box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))
    for x, y in spots[:tries]:
        page.mouse.move(x, y)
        page.wait_for_timeout(120)
        page.mouse.click(x, y)
        page.wait_for_timeout(250)
        state = chart.evaluate(PANEL_TEXT_JS)
        if state and state["shown"]:
            return state
    return chart.evaluate(PANEL_TEXT_JS)


def offline_page(browser, page_path) -> tuple[Any, Any, dict[str, list[str]]]:
    """Open the page at `page_path` from disk, at 1,280 px wide, with every request that is not
    `file:`, `data:` or `blob:` blocked; `(page, context, seen)`, where `seen` collects the
    blocked URLs, the page errors and the dialogs (dismissed: an `alert` is a script that ran)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    seen: dict[str, list[str]] = {"blocked": [], "errors": [], "dialogs": []}

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            seen["blocked"].append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(page_path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, ctx, seen
