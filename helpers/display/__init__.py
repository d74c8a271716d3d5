"""Showing evidence safely: plotly set-up, escaping of article text, and tables.

Article text is untrusted input. Everything built here that ends up as HTML (tables,
hovers, summaries) is escaped, so an article holding `<script>` shows that text and runs
nothing, in JupyterLab and in the exported reports. A table longer than its row limit is
shown as a long table (`long_tables`): its first rows, searchable, sortable and paginated.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import plotly.io as pio

from .. import paths, settings
from .long_tables import LongTable, long_table, table_support

__all__ = ["pd", "paths", "setup_notebook", "plotly_config", "esc", "hover_lines", "table", "HTMLTable", "Summary",
           "long_table", "LongTable", "table_support"]

PLOTLY_TEMPLATE = "plotly_white"
PLOTLY_CONFIG: dict[str, object] = {"displaylogo": False, "responsive": True}
"""The plotly config every figure carries; in notebooks `plotly_config` adds `topojsonURL`."""


def plotly_config(base_url: str = "/") -> dict[str, object]:
    """The config of the figures a notebook shows: `PLOTLY_CONFIG`, and the map topology's URL
    on the Jupyter server (`/static/`, see `helpers.display.lab`), so that maps draw in
    JupyterLab with nothing fetched from cdn.plot.ly."""
    from .lab import topojson_url  # imported here: `python -m helpers.display.lab` runs it

    return {**PLOTLY_CONFIG, "topojsonURL": topojson_url(base_url)}


def skip_iri_grammar() -> None:
    """Keep jsonschema from building its optional IRI grammar (`rfc3987_syntax`) when plotly's
    renderers import nbformat: it takes about 2.7 s of every kernel's start, and no notebook
    validates an IRI. jsonschema imports it under `suppress(ImportError)`, so it then leaves
    the "iri" format unchecked. Nothing changes when jsonschema is already imported."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def setup_notebook(base_url: str | None = None) -> None:
    """Set plotly and pandas up the same way in every notebook.

    Figures are emitted as plotly's JSON mimetype only: JupyterLab draws them with its
    bundled plotly extension, the committed notebooks stay small (no plotly.js inside), and
    the report exporter turns them into offline HTML. Each figure carries `plotly_config()`,
    whose `topojsonURL` points maps at the topology the Jupyter server serves. The server's
    base_url is `base_url`, else JupyterHub's `JUPYTERHUB_SERVICE_PREFIX`, else `/`.
    """
    base_url = base_url or settings.jupyter_base_url()
    skip_iri_grammar()
    pio.renderers.default = "plotly_mimetype"
    pio.renderers["plotly_mimetype"].config = plotly_config(base_url)
    pio.templates.default = PLOTLY_TEMPLATE
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 200)


def esc(value: object) -> str:
    """Escape one value for HTML element content and for plotly text (hovers, titles).

    Only `&`, `<` and `>` are escaped: plotly reads those entities back as characters, and
    values are never placed inside HTML attributes.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=False)


def hover_lines(pairs: Iterable[tuple[str, object]]) -> str:
    """A plotly hover label: `label: value` lines, values escaped, joined by `<br>`."""
    return "<br>".join(f"<b>{esc(k)}</b>: {esc(v)}" for k, v in pairs if v not in (None, ""))


def table(df: pd.DataFrame, *, index: bool = False, max_rows: int = 200,
          export: str | Path | None = None) -> "HTMLTable | LongTable":
    """Show a table with every cell escaped (no markup from article text is ever rendered).

    A table of more than `max_rows` rows is shown as a long table (`long_table`): its first
    rows searchable, sortable and paginated, with a line naming `export` (the whole table).
    """
    if len(df) > max_rows:
        return long_table(df, export=export, index=index)
    return HTMLTable(df, index=index, max_rows=max_rows)


class HTMLTable:
    """A DataFrame shown as an escaped HTML table (and as plain text where HTML is not shown)."""

    def __init__(self, df: pd.DataFrame, *, index: bool = False, max_rows: int = 200) -> None:
        self.df = df
        self.index = index
        self.max_rows = max_rows

    def _repr_html_(self) -> str:
        shown = self.df.head(self.max_rows)
        body = shown.to_html(index=self.index, escape=True, border=0, na_rep="", justify="left",
                             classes=["workbook-table"])
        more = len(self.df) - len(shown)
        note = f"<p><i>{more:,} more rows not shown.</i></p>" if more > 0 else ""
        if self.df.empty:
            return "<p><i>(no rows)</i></p>"
        return body + note

    def __repr__(self) -> str:
        if self.df.empty:
            return "(no rows)"
        return self.df.head(self.max_rows).to_string(index=self.index)


class Summary:
    """A short summary in HTML, built from a template whose values are escaped."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    @classmethod
    def of(cls, *items: tuple[str, Iterable[object]]) -> "Summary":
        """Build from (template, values) pairs; `{}` slots in a template take escaped values."""
        return cls([tpl.format(*(esc(v) for v in values)) for tpl, values in items])

    def _repr_html_(self) -> str:
        return "<ul class=\"workbook-summary\">" + "".join(f"<li>{line}</li>" for line in self.lines) + "</ul>"

    def __repr__(self) -> str:
        import re

        return "\n".join("- " + html.unescape(re.sub(r"<[^>]+>", "", line)) for line in self.lines)


HIGHLIGHT_COLOURS = {
    "PERSON": "#cfe3f7", "ORG": "#f9d0cf", "GPE": "#d3f0cf", "LOC": "#cdeff2", "FAC": "#e6d8cf",
    "NORP": "#e3d7f2", "EVENT": "#fde2c4", "PRODUCT": "#e5e5e5", "WORK_OF_ART": "#eeeec6", "LAW": "#f6d7ea",
}
"""Light backgrounds: dark text on them stays readable (contrast above 10:1)."""


HIGHLIGHT_CHARS = 20_000
"""How much of an article `Highlighted` shows: a very long one is cut there, and says so."""


class Highlighted:
    """An article with its entity mentions marked, escaped, with a legend; an article longer
    than `limit` characters shows its first `limit` (a report must stay readable)."""

    def __init__(self, text: str, spans: list[tuple[int, int, str, str]], title: str = "",
                 limit: int = HIGHLIGHT_CHARS) -> None:
        self.text, self.spans, self.title, self.limit = text, sorted(spans), title, limit

    def _repr_html_(self) -> str:
        out, pos = [], 0
        cut = self.limit if len(self.text) > self.limit else len(self.text)
        for start, end, etype, name in self.spans:
            if start < pos or end > cut:
                continue
            out.append(html.escape(self.text[pos:start], quote=False))
            colour = HIGHLIGHT_COLOURS.get(etype, "#eeeeee")
            label = html.escape(f"{name} · {etype}", quote=True)
            out.append(f'<mark title="{label}" style="background-color:{colour}; color:#111; padding:0 2px; '
                       f'border-radius:3px">{html.escape(self.text[start:end], quote=False)}'
                       f'<sub style="font-size:9px; color:#444"> {html.escape(etype)}</sub></mark>')
            pos = end
        out.append(html.escape(self.text[pos:cut], quote=False))
        if cut < len(self.text):
            out.append(f'\n\n<i>… the first {cut:,} of {len(self.text):,} characters are shown; the tables hold '
                       'every mention.</i>')
        used = sorted({s[2] for s in self.spans if s[1] <= cut})
        legend = " ".join(
            f'<span style="background-color:{HIGHLIGHT_COLOURS.get(t, "#eee")}; color:#111; padding:1px 6px; '
            f'border-radius:3px; margin-right:4px">{html.escape(t)}</span>' for t in used)
        head = f"<p><b>{html.escape(self.title, quote=False)}</b></p>" if self.title else ""
        return (f'{head}<p style="font-size:12px">Legend: {legend}</p>'
                f'<div style="white-space: pre-wrap; line-height: 1.7; font-size: 13px; max-width: 60em; '
                f'border: 1px solid #ddd; padding: 0.8em">{"".join(out)}</div>')

    def __repr__(self) -> str:
        return f"Highlighted({len(self.spans)} mentions)"


class HTMLBlock:
    """Ready-made HTML built by a helper that escapes every piece of article text itself."""

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        import re

        return html.unescape(re.sub(r"<[^>]+>", " ", self.html))[:2000]
