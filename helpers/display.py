"""Showing evidence safely: plotly set-up, escaping of article text, and tables.

Article text is untrusted input. Everything built here that ends up as HTML (tables,
hovers, summaries) is escaped, so an article holding `<script>` shows that text and runs
nothing, in JupyterLab and in the exported reports.
"""

from __future__ import annotations

import html


from collections.abc import Iterable

import pandas as pd
import plotly.io as pio

from . import paths

__all__ = ["pd", "paths", "setup_notebook", "esc", "hover_lines", "table", "HTMLTable", "Summary"]

PLOTLY_TEMPLATE = "plotly_white"
PLOTLY_CONFIG: dict[str, object] = {"displaylogo": False, "responsive": True}


def setup_notebook() -> None:
    """Set plotly and pandas up the same way in every notebook.

    Figures are emitted as plotly's JSON mimetype only: JupyterLab draws them with its
    bundled plotly extension, the committed notebooks stay small (no plotly.js inside), and
    the report exporter turns them into offline HTML.
    """
    pio.renderers.default = "plotly_mimetype"
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


def table(df: pd.DataFrame, *, index: bool = False, max_rows: int = 200) -> "HTMLTable":
    """Show a table with every cell escaped (no markup from article text is ever rendered)."""
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
