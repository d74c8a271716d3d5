"""Long tables that stay readable: searchable, sortable, paginated, offline, cells as text.

A table of thousands of rows printed in full buries a report (issue 11: a timeline report
62,000 px tall). `long_table(df, export="entities.csv")` shows the first rows (1,000 by
default) as an escaped HTML table inside a box of bounded height, says when it is cut
("first 1,000 of 2,225 rows; the whole table is entities.csv"), and lets DataTables (the
bundle that ships inside the installed itables package, `itables/html/dt_bundle.js`) make it
searchable, sortable and paginated.

Why this shape, and not `itables.show`:

- **Cells stay text.** The rows are written by pandas with `escape=True` (the same escaping
  as `display.table`); DataTables reads them from the page (the DOM), so no article text
  ever passes through a script, a JSON payload or `innerHTML` of ours. (itables'
  `allow_html` is never involved: its data path is not used.)
- **One constant script per table.** The script under each table holds no data: it is
  `TABLE_SCRIPT`, byte for byte, so the JupyterLab trust check (`helpers.display.lab`) can
  accept exactly it, and the report exporter can drop it and enhance every table once.
- **The bundle once.** In JupyterLab a notebook shows `table_support()` once, before its first
  long table (`show_support_once`): itables' own offline loader with the installed bundle inlined (base64, as
  `itables.init_notebook_mode(connected=False)` does, ~1 MB). The HTML reports drop that
  output and inline the same loader once per report (`helpers.report.export`).
- **Offline.** Nothing is fetched: the loader imports the bundle from a `blob:` URL.
- **Without scripts** (an untrusted notebook, a mail client) the table still reads: the
  first rows in a scrolling box of bounded height.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

import pandas as pd

FIRST_ROWS = 1000
"""How many rows a long table shows (and lets the reader search, sort and page through)."""
PAGE_ROWS = 25
"""Rows per page once the table is interactive."""
BOX_HEIGHT = "32em"
"""The most a long table stands before it scrolls (also without scripts)."""
TABLE_CLASS = "workbook-long-table"
"""Marks the tables the script makes interactive (and only those)."""
NOTE_CLASS = "workbook-long-table-note"
"""Marks the line saying how much of the table is shown."""
CELL_CHARS = 300
"""The most characters a long table's cell shows (a sentence, a quote): the rest is elided
with `…`; the export holds every character. A thousand rows of whole paragraphs would weigh
megabytes."""


def clip_cells(df: pd.DataFrame, limit: int = CELL_CHARS) -> pd.DataFrame:
    """`df` with every text cell longer than `limit` characters cut there, ending in `…`."""
    def clip(value: object) -> object:
        return value[: limit - 1] + "…" if isinstance(value, str) and len(value) > limit else value

    out = df.copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            out.iloc[:, i] = column.map(clip)
    return out


@cache
def _itables_names() -> tuple[str, str]:
    """The installed itables' global promise name and ready event (`_itables_2_9_1`, ...)."""
    from itables.javascript import _itables_ready_event, _itables_underscore_version

    return _itables_underscore_version(), _itables_ready_event()


@cache
def bundle_loader() -> str:
    """itables' offline loader with the installed DataTables bundle and its CSS inlined.

    Built by itables' own template (`itables/html/init_notebook_offline.html`) from the
    installed `itables/html/dt_bundle.js` and `.css`, and nothing else: this exact string
    is the one bundle output the JupyterLab trust check accepts.
    """
    from base64 import b64encode

    import itables.options as itables_options
    from itables.javascript import replace_value
    from itables.utils import read_package_file

    bundle = Path(itables_options.dt_bundle)
    js = b64encode(bundle.read_bytes()).decode("ascii")
    css = b64encode(bundle.with_suffix(".css").read_bytes()).decode("ascii")
    name, event = _itables_names()
    loader = read_package_file("html/init_notebook_offline.html")
    loader = replace_value(loader, "_itables_underscore_version", name, expected_count=3)
    loader = replace_value(loader, "itables-version-ready", event)
    loader = replace_value(loader, "dt_src_b64", js)
    return replace_value(loader, "dt_css_b64", css)


@cache
def enhance_script() -> str:
    """The JavaScript that makes every long table of the page interactive, once the bundle
    has loaded: DataTables over the rows already in the page (no data in the script)."""
    name, event = _itables_names()
    return (
        "(function () {\n"
        f'  var key = "{name}", ready = "{event}";\n'
        "  function enhance(m) {\n"
        "    var DataTable = m.default;\n"
        f'    document.querySelectorAll("table.{TABLE_CLASS}:not(.dataTable)").forEach(function (t) {{\n'
        "      var box = t.closest('.workbook-long-table-box');\n"
        "      if (box) { box.style.maxHeight = 'none'; box.style.overflow = 'visible'; }\n"
        f"      new DataTable(t, {{order: [], pageLength: {PAGE_ROWS}, lengthMenu: [10, 25, 100, 500],\n"
        "                         autoWidth: false, deferRender: true});\n"
        "      t.style.tableLayout = 'auto';  // columns as wide as their text needs, not equal\n"
        "    });\n"
        "  }\n"
        "  if (window[key]) { window[key].then(enhance); }\n"
        "  else { window.addEventListener(ready, function () { window[key].then(enhance); }, {once: true}); }\n"
        "})();"
    )


@cache
def table_script() -> str:
    """The script element under every long table in a notebook: `enhance_script`, constant."""
    return f'<script type="text/javascript">{enhance_script()}</script>'


def shown_rows_note(shown: int, total: int, export: str | Path | None) -> str:
    """What the reader is told about a cut table: `first 1,000 of 2,225 rows; the whole
    table is entities.csv` (empty when every row is shown)."""
    if shown >= total:
        return ""
    where = f"; the whole table is {_export_name(export)}" if export else ""
    return f"first {shown:,} of {total:,} rows{where}"


def _export_name(export: str | Path) -> str:
    """The export's name as a reader sees it (relative to the checkout, never this machine's
    absolute path)."""
    from .. import paths

    return paths.shown(export) if isinstance(export, Path) else str(export)


class LongTable:
    """A DataFrame shown as a searchable, sortable, paginated table of its first rows."""

    def __init__(self, df: pd.DataFrame, *, export: str | Path | None = None, first: int = FIRST_ROWS,
                 index: bool = False) -> None:
        self.df, self.export, self.first, self.index = df, export, first, index

    def table_html(self) -> str:
        """The escaped table, its note and its box: inert HTML, no script."""
        if self.df.empty:
            return "<p><i>(no rows)</i></p>"
        shown = clip_cells(self.df.head(self.first))
        body = shown.to_html(index=self.index, escape=True, border=0, na_rep="", justify="left",
                             classes=["workbook-table", TABLE_CLASS])
        note = shown_rows_note(len(shown), len(self.df), self.export)
        line = (f'<p class="{NOTE_CLASS}"><i>{html.escape(note, quote=False)}</i></p>' if note else "")
        return (f'{line}<div class="workbook-long-table-box" style="max-height:{BOX_HEIGHT}; '
                f'overflow:auto">{body}</div>')

    def _repr_html_(self) -> str:
        if self.df.empty:
            return self.table_html()
        return self.table_html() + table_script()

    def __repr__(self) -> str:
        if self.df.empty:
            return "(no rows)"
        note = shown_rows_note(min(len(self.df), self.first), len(self.df), self.export)
        text = self.df.head(min(self.first, 50)).to_string(index=self.index)
        return text + (f"\n({note})" if note else "")


def long_table(df: pd.DataFrame, *, export: str | Path | None = None, first: int = FIRST_ROWS,
               index: bool = False) -> LongTable:
    """Show a long table: its first `first` rows, searchable, sortable and paginated, every
    cell escaped; when cut, a line names `export`, the file holding the whole table.

    In a notebook kernel, the first long table of the kernel's life first shows
    `table_support()` (`show_support_once`), so a notebook carries the bundle only when it has
    a long table: the seeds' notebooks, whose tables are short, carry none."""
    show_support_once()
    return LongTable(df, export=export, first=first, index=index)


_SUPPORT_SHOWN: list[bool] = []
"""Whether this process has shown `table_support()` (set once, by `show_support_once`)."""


def show_support_once() -> bool:
    """Show `table_support()` as an output of its own, once per kernel, when running in one
    (an IPython shell with a display hook); True when it was shown now. Outside a kernel
    (a script, the tests) nothing is shown. If the output holding it is cleared, the tables
    of that kernel stay static boxes until the kernel restarts (or `table_support()` is shown
    again by hand)."""
    if _SUPPORT_SHOWN:
        return False
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return False
    if get_ipython() is None:
        return False
    display(table_support())
    _SUPPORT_SHOWN.append(True)
    return True


class TableSupport:
    """The one output per notebook that loads the DataTables bundle (from installed itables)."""

    def _repr_html_(self) -> str:
        return bundle_loader()

    def __repr__(self) -> str:
        return "TableSupport()"


def table_support() -> TableSupport:
    """Show once in a notebook's set-up cells: lets its long tables become interactive in
    JupyterLab (the reports carry the bundle themselves and drop this output)."""
    return TableSupport()


def split_long_table(text: str) -> str | None:
    """The inert part of a long-table output (its table, note and box), or None when `text`
    is not a long-table output: one ending with exactly `table_script()`."""
    script = table_script()
    if text.endswith(script) and text.count("<script") == 1:
        return text[: -len(script)]
    return None
