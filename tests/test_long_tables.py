"""Long tables: the first rows, searchable, sortable, paginated, offline, and cells as text.

In the HTML reports (the exporter loads the DataTables bundle of the installed itables once)
and in a trusted notebook's outputs (the bundle output shown once, a constant script under
each table), opened in headless Chromium with the network blocked.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import display, report
from helpers.display import lab as lab_config
from helpers.display import long_tables

EVIL_IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
EVIL_SCRIPT = "<script>window.__pwned = 'script'</script>"


def frame(n: int) -> pd.DataFrame:
    """`n` rows whose text cells hold markup that would run if it were read as HTML."""
    return pd.DataFrame({
        "entity": [f"name {i:04d}" for i in range(n)],
        "mentions": [(i * 37) % 101 for i in range(n)],
        "text": [EVIL_IMG if i % 2 else EVIL_SCRIPT for i in range(n)],
    })


def notebook(*outputs: dict) -> nbformat.NotebookNode:
    return new_notebook(cells=[new_markdown_cell("# 09 · Long tables\n\nA question."),
                               new_code_cell("x", execution_count=1, outputs=list(outputs))])


def html_output(obj: object) -> dict:
    return new_output("display_data", data={"text/html": obj._repr_html_(), "text/plain": repr(obj)})


# ---------------------------------------------------------------------------- without a browser


def test_a_cut_table_says_how_much_it_shows_and_where_the_whole_table_is() -> None:
    out = display.long_table(frame(2500), export="entities.csv")._repr_html_()
    assert "first 1,000 of 2,500 rows; the whole table is entities.csv" in out
    assert "name 0999" in out and "name 1000" not in out  # the first rows, and no more


def test_a_short_long_table_shows_every_row_and_no_note() -> None:
    out = display.long_table(frame(30), export="entities.csv")._repr_html_()
    assert "name 0029" in out and "first " not in out and "whole table" not in out


def test_cells_are_escaped_and_the_only_script_is_the_constant_one() -> None:
    out = display.long_table(frame(20))._repr_html_()
    assert "&lt;img src=x onerror=" in out and "&lt;script&gt;" in out
    assert out.count("<script") == 1 and out.endswith(long_tables.table_script())
    assert "__pwned" not in long_tables.table_script()  # the script holds no data


def test_display_table_becomes_a_long_table_above_its_row_limit_only() -> None:
    assert isinstance(display.table(frame(200)), display.HTMLTable)
    big = display.table(frame(201), export="mentions.csv")
    assert isinstance(big, display.LongTable)
    assert "first " not in big._repr_html_()  # 201 rows are under the first 1,000: all shown


def test_the_bundle_is_the_installed_itables_one_and_fetches_nothing() -> None:
    import base64

    import itables.options

    loader = long_tables.bundle_loader()
    bundle = Path(itables.options.dt_bundle).read_bytes()
    assert base64.b64encode(bundle).decode("ascii") in loader
    assert "http://" not in loader and "https://" not in loader and "import(" in loader


def test_a_notebook_with_long_tables_is_trusted_and_one_with_a_changed_script_is_not() -> None:
    good = notebook(html_output(display.table_support()), html_output(display.long_table(frame(40))))
    assert lab_config.untrusted_outputs(good) == []
    tampered = display.long_table(frame(5))._repr_html_().replace("pageLength", "x=window.__pwned=1;pageLength")
    other_bundle = long_tables.bundle_loader().replace("injectCSS(", "alert(1);injectCSS(", 1)
    assert lab_config.untrusted_outputs(notebook(new_output("display_data", data={"text/html": tampered})))
    assert lab_config.untrusted_outputs(notebook(new_output("display_data", data={"text/html": other_bundle})))
    two_scripts = EVIL_SCRIPT + display.long_table(frame(5))._repr_html_()
    assert lab_config.untrusted_outputs(notebook(new_output("display_data", data={"text/html": two_scripts})))


def test_a_report_inlines_the_bundle_once_and_keeps_no_script_per_table(tmp_path: Path) -> None:
    nb = notebook(html_output(display.table_support()), html_output(display.long_table(frame(1200), export="t.csv")),
                  html_output(display.long_table(frame(50))))
    page = report.export_html(nb, tmp_path / "r.html").read_text(encoding="utf-8")
    js_b64 = long_tables.bundle_loader().split('injectModule("')[1].split('"')[0]
    assert page.count(js_b64) == 1
    assert page.count(long_tables.enhance_script()) == 1
    assert page.count('class="dataframe workbook-table workbook-long-table"') == 2
    assert "first 1,000 of 1,200 rows; the whole table is t.csv" in page
    assert "<img src=x" not in page and "<script>window.__pwned" not in page


def test_a_report_without_long_tables_carries_no_bundle(tmp_path: Path) -> None:
    nb = notebook(html_output(display.table(frame(3))))
    page = report.export_html(nb, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "injectModule" not in page and long_tables.enhance_script() not in page


def test_article_text_quoting_the_table_script_is_still_sanitised(tmp_path: Path) -> None:
    forged = EVIL_IMG + long_tables.table_script()
    page = report.export_html(notebook(new_output("display_data", data={"text/html": forged})),
                              tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page  # the table part is sanitised like any other output


# ---------------------------------------------------------------------------- in Chromium


def open_blocked(browser, page_path: Path) -> tuple:
    """Open a page from disk with every non-file request blocked, once its long tables are
    interactive; (page, context, seen)."""
    from clicks import offline_page

    page, ctx, seen = offline_page(browser, page_path)
    page.wait_for_selector("table.workbook-long-table.dataTable", timeout=10_000)
    return page, ctx, seen


def check_interactive(page, seen: dict) -> None:
    """Paginated, searchable, sortable; the markup in cells shows as text and runs nothing."""
    table = "table.workbook-long-table"
    assert page.locator(f"{table} tbody tr").count() == long_tables.PAGE_ROWS  # one page, not 1,000 rows
    assert "Showing 1 to 25 of 1,000 entries" in page.inner_text("body")
    first = page.locator(f"{table} tbody tr").first.inner_text()
    assert "<script>window.__pwned = 'script'</script>" in first  # shown as typed
    page.fill("input[type=search]", "name 0777")
    page.wait_for_timeout(300)
    assert page.locator(f"{table} tbody tr").count() == 1
    assert "name 0777" in page.locator(f"{table} tbody tr").first.inner_text()
    page.fill("input[type=search]", "")
    page.locator(f"{table} thead th", has_text="entity").click()  # sort descending after one ascending
    page.locator(f"{table} thead th", has_text="entity").click()
    page.wait_for_timeout(300)
    assert "name 0999" in page.locator(f"{table} tbody tr").first.inner_text()
    for el in page.query_selector_all(f"{table} td")[:50]:
        el.hover(timeout=500)
    assert page.evaluate("() => window.__pwned === undefined")
    assert seen["blocked"] == [] and seen["errors"] == [] and seen["dialogs"] == []


@pytest.mark.browser
def test_a_long_table_in_a_report_is_interactive_offline_and_runs_no_cell(browser, tmp_path: Path) -> None:
    nb = notebook(html_output(display.long_table(frame(1500), export="entities.csv")))
    page_path = report.export_html(nb, tmp_path / "long.html")
    page, ctx, seen = open_blocked(browser, page_path)
    try:
        assert "first 1,000 of 1,500 rows; the whole table is entities.csv" in page.inner_text("body")
        check_interactive(page, seen)
    finally:
        ctx.close()


@pytest.mark.browser
def test_a_long_table_as_a_trusted_notebook_renders_it_is_interactive_offline(browser, tmp_path: Path) -> None:
    """The notebook's own outputs (the bundle once, then the table and its script) on one
    page, as JupyterLab renders a trusted notebook's HTML outputs."""
    parts = [display.table_support()._repr_html_(), display.long_table(frame(1000))._repr_html_()]
    page_path = tmp_path / "outputs.html"
    page_path.write_text("<!doctype html><html><head><meta charset='utf-8'></head><body>"
                         + "".join(f"<div class='output'>{p}</div>" for p in parts) + "</body></html>",
                         encoding="utf-8")
    page, ctx, seen = open_blocked(browser, page_path)
    try:
        check_interactive(page, seen)
    finally:
        ctx.close()


def test_long_cells_are_cut_in_the_table_and_short_ones_kept() -> None:
    df = pd.DataFrame({"sentence": ["x" * 5000, "short"], "n": [1, 2]})
    out = display.long_table(df)._repr_html_()
    assert "x" * (long_tables.CELL_CHARS - 1) + "…" in out and "x" * long_tables.CELL_CHARS not in out
    assert "short" in out and len(df.loc[0, "sentence"]) == 5000  # the frame itself is untouched


def test_a_kernel_shows_the_bundle_before_its_first_long_table_only_and_the_notebook_stays_trusted() -> None:
    from nbclient import NotebookClient

    nb = new_notebook(cells=[
        new_code_cell("from helpers import display\nimport pandas as pd\n"
                      "short = pd.DataFrame({'n': range(5)})\nlong = pd.DataFrame({'n': range(500)})\n"
                      "display.table(short)"),
        new_code_cell("display.table(long)"),
        new_code_cell("display.table(long)"),
    ])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    html_outputs = [[o["data"].get("text/html", "") for o in c.outputs if "data" in o] for c in nb.cells]
    bundle = long_tables.bundle_loader()
    # A short table brings no bundle; the first long table brings it once, as its own output.
    assert bundle not in html_outputs[0]
    assert html_outputs[1][0] == bundle and len(html_outputs[1]) == 2
    assert bundle not in html_outputs[2] and len(html_outputs[2]) == 1
    assert lab_config.untrusted_outputs(nb) == []
