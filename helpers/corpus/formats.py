"""Article text out of the formats analysts keep: saved web pages, JSON (Lines) and table
exports of articles, PDF and DOCX.

Each reader takes a file's bytes (or its decoded text) and returns what it found, never
raising: a file it cannot use gives a `FormatProblem` (its kind and detail), a row it
cannot use a `RowProblem`. The text of an article is kept exactly as the library extracted
it, so that every offset the workbook computes refers to it. Nothing here reads a file,
the environment or the network: `helpers.corpus.load` does the reading and makes the
articles.

| ending | library | one file holds |
|---|---|---|
| `.html`, `.htm` | trafilatura (main text and metadata; no fetching) | one article |
| `.jsonl`, `.ndjson` | json | one article per line |
| `.json` | json | an array of articles, or one article |
| `.csv`, `.tsv` | csv | one article per row |
| `.xlsx` | openpyxl (first sheet, read-only) | one article per row |
| `.pdf` | pypdf (its text layer; no OCR) | one article |
| `.docx` | python-docx | one article |
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..settings import FIELD_NAMES

HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm"})
JSONL_SUFFIXES: frozenset[str] = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES: frozenset[str] = frozenset({".json"})
TABLE_SUFFIXES: frozenset[str] = frozenset({".csv", ".tsv"})
XLSX_SUFFIXES: frozenset[str] = frozenset({".xlsx"})
PDF_SUFFIXES: frozenset[str] = frozenset({".pdf"})
DOCX_SUFFIXES: frozenset[str] = frozenset({".docx"})
ROW_SUFFIXES: frozenset[str] = JSONL_SUFFIXES | JSON_SUFFIXES | TABLE_SUFFIXES | XLSX_SUFFIXES
"""Endings of exports that hold one article per row (or per line, or per array item)."""
FORMAT_SUFFIXES: frozenset[str] = HTML_SUFFIXES | ROW_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES

DEFAULT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body"),
    "title": ("title", "headline"),
    "source": ("source", "outlet", "domain", "media_name", "source_domain", "sitename"),
    "url": ("url", "link"),
    "published": ("published", "date_publish", "publish_date", "date"),
    "id": ("id", "doc_id"),
}
"""The field names of an article in an export (news-please, Media Cloud, GDELT-derived and
common scraper exports), tried in this order, case-insensitively. `FieldMap` puts the
analyst's own names (setting `field_map`) first."""

# Problem kinds met reading a format, as they appear in the `problem` column.
EMPTY = "empty"
UNREADABLE = "unreadable"
UNSUPPORTED = "unsupported kind"
NO_TEXT_LAYER = "no text layer"
"""A PDF whose pages hold no text (a scan): nothing to read without OCR, which is not done."""
NO_TEXT_LAYER_DETAIL = "no text layer (a scan?): no OCR"


@dataclass(frozen=True)
class FieldMap:
    """Which fields of an exported row give each of an article's fields (`FIELD_NAMES`)."""

    fields: Mapping[str, tuple[str, ...]]

    @classmethod
    def with_extra(cls, pairs: Iterable[tuple[str, str]] = ()) -> FieldMap:
        """The default fields with the analyst's `(name, field)` pairs tried first, in order."""
        extra: dict[str, list[str]] = {name: [] for name in FIELD_NAMES}
        for name, column in pairs:
            if name not in extra:
                raise ValueError(f"field map: {name!r} is not one of {', '.join(FIELD_NAMES)}")
            extra[name].append(column.strip().lower())
        return cls({name: tuple(dict.fromkeys((*extra[name], *DEFAULT_FIELDS[name]))) for name in FIELD_NAMES})

    def column(self, name: str, columns: Iterable[str]) -> str | None:
        """The first of `columns` (as they are spelt) that gives `name`, or None."""
        by_lower = {}
        for c in columns:
            by_lower.setdefault(str(c).strip().lower(), c)
        return next((by_lower[f] for f in self.fields[name] if f in by_lower), None)

    def text_names(self) -> str:
        """The text fields, for a message (`text/maintext/content/body`)."""
        return "/".join(self.fields["text"])


@dataclass(frozen=True)
class FormatProblem:
    """Why a whole file gave no article: a problem kind and its detail."""

    kind: str
    detail: str


@dataclass(frozen=True)
class Extracted:
    """One article's text and metadata as a format gave them. `published` is a date, or
    the cell's words for the loader to read, or empty."""

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: date | str = ""
    author: str = ""
    row_id: str = ""
    """The article's name within its file (`id` field, else its row number); "" for a
    file that holds one article."""
    row: int = 0
    """Where it is in its file, from 1: a JSON Lines file's line, a JSON array's item, a
    table's row as a spreadsheet numbers it (the header is row 1); 0 for a file that is
    one article."""


@dataclass(frozen=True)
class RowProblem:
    """A row of an export that could not be used."""

    row: int
    kind: str
    detail: str


@dataclass
class Rows:
    """What an export held: its articles and its unusable rows."""

    articles: list[Extracted] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


# ---------------------------------------------------------------------------- web pages

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
"""htmldate (inside trafilatura) reads the page's own date markup (meta tags, `<time>`,
bylines, the URL), not every date-like string of the text."""


def extract_html(page: str | bytes) -> Extracted | FormatProblem:
    """The main text and metadata of a saved web page, by trafilatura (navigation, footers,
    scripts, cookie banners left out). Offline: trafilatura only parses what it is given."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 - a page the library chokes on is one problem row
        return FormatProblem(UNREADABLE, f"the web page could not be parsed: {_first_line(exc)}")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return FormatProblem(EMPTY, "the web page holds no article text (trafilatura found none)")
    return Extracted(
        text=text, title=_clean(doc.title), source=_clean(doc.sitename) or _clean(doc.hostname),
        url=_clean(doc.url), published=_clean(doc.date), author=_clean(doc.author))


# ---------------------------------------------------------------------------- PDF and DOCX


def extract_pdf(data: bytes) -> Extracted | FormatProblem:
    """The text layer of a PDF, page after page (a blank line between pages), by pypdf.
    An encrypted PDF that opens with the empty password is read; no OCR is done."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return FormatProblem(UNREADABLE, "the PDF is encrypted (password-protected): not read")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # noqa: BLE001 - a broken PDF is one problem row, never a crash
        return FormatProblem(UNREADABLE, f"the PDF could not be read: {_first_line(exc)}")
    if not any(p.strip() for p in pages):
        n = len(pages)
        return FormatProblem(NO_TEXT_LAYER, f"{NO_TEXT_LAYER_DETAIL} ({n} page{'s' if n != 1 else ''})")
    return Extracted(text="\n\n".join(pages))


def extract_docx(data: bytes) -> Extracted | FormatProblem:
    """The paragraphs of a Word document in order, one a line (a table's rows as lines of
    tab-separated cells), by python-docx. The title is the document's own, when it has one."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document.iter_inner_content()))
        title = _clean(document.core_properties.title)
    except Exception as exc:  # noqa: BLE001 - a broken document is one problem row
        return FormatProblem(UNREADABLE, f"the Word document could not be read: {_first_line(exc)}")
    text = "\n".join(lines)
    if not text.strip():
        return FormatProblem(EMPTY, "the Word document holds no text")
    return Extracted(text=text, title=title)


def _docx_lines(blocks: Iterable[Any]) -> Iterator[str]:
    for block in blocks:
        rows = getattr(block, "rows", None)
        if rows is None:
            yield block.text
            continue
        for row in rows:
            yield "\t".join(cell.text for cell in row.cells)


# ---------------------------------------------------------------------------- exports of articles


def rows_from_jsonl(text: str, fields: FieldMap) -> Rows | FormatProblem:
    """One article per line of a JSON Lines file; a line that is not a JSON object is a row
    problem and the other lines still load. Blank lines are skipped."""
    items: list[tuple[int, object]] = []
    broken: list[RowProblem] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append((n, json.loads(line)))
        except ValueError as exc:
            broken.append(RowProblem(n, UNREADABLE, f"line {n}: not JSON ({_first_line(exc)}); line not loaded"))
    found = _rows_from_items(items, fields, "line")
    if isinstance(found, FormatProblem):
        if broken and not items:
            return FormatProblem(UNREADABLE, f"no line is JSON ({broken[0].detail})")
        return found
    found.problems[:0] = broken
    found.problems.sort(key=lambda p: p.row)
    return found


def rows_from_json(text: str, fields: FieldMap) -> Rows | FormatProblem:
    """The articles of a JSON file: an array of article objects (or an object holding one
    under `articles`, `data`, `items`, `results` or `stories`), or one article object."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        return FormatProblem(UNREADABLE, f"not JSON: {_first_line(exc)}")
    if isinstance(value, dict):
        inner = next((value[k] for k in ("articles", "data", "items", "results", "stories")
                      if isinstance(value.get(k), list)), None)
        if inner is None:
            if fields.column("text", value) is None:
                return _not_an_export(fields, "a JSON object")
            one = _rows_from_items([(0, value)], fields, "item")
            return one
        value = inner
    if not isinstance(value, list):
        return _not_an_export(fields, f"a JSON {type(value).__name__}")
    return _rows_from_items(list(enumerate(value, start=1)), fields, "item")


def _rows_from_items(items: Sequence[tuple[int, object]], fields: FieldMap,
                     unit: str) -> Rows | FormatProblem:
    """Articles from `(row, value)` items; a FormatProblem when no item has a text field."""
    objects = [(n, v) for n, v in items if isinstance(v, dict)]
    if not any(fields.column("text", v) is not None for _, v in objects):
        what = "JSON objects" if objects else "no JSON object"
        return _not_an_export(fields, what)
    rows = Rows()
    for n, value in items:
        if not isinstance(value, dict):
            rows.problems.append(RowProblem(n, UNREADABLE,
                                            f"{unit} {n}: not a JSON object; not loaded"))
            continue
        _add_row(rows, n, value, fields, unit)
    return rows


def rows_from_table(text: str, separator: str | None, fields: FieldMap,
                    sniff: Any) -> Rows | FormatProblem:
    """One article per row of a CSV or TSV export with a header row. `separator` is tab for
    TSV, None for CSV (found by `sniff(text, wanted)`, the loader's separator sniffing)."""
    text = text.lstrip("\ufeff")
    skip = 0
    if separator is None:
        separator, skip = sniff(text, fields.fields["text"])
    lines = io.StringIO(text, newline="")
    for _ in range(skip):
        lines.readline()
    with _large_fields():
        reader = csv.reader(lines, delimiter=separator)
        try:
            table = list(reader)
        except csv.Error as exc:
            return FormatProblem(UNREADABLE, f"the table could not be read: {_first_line(exc)}")
    return _rows_from_table(table, fields)


def rows_from_xlsx(data: bytes, fields: FieldMap) -> Rows | FormatProblem:
    """One article per row of the first sheet of an Excel workbook (openpyxl, read-only)."""
    table = xlsx_rows(data)
    if isinstance(table, str):
        return FormatProblem(UNREADABLE, table)
    return _rows_from_table(table, fields)


def xlsx_rows(data: bytes) -> list[list[object]] | str:
    """The cells of the first sheet of an Excel workbook, row by row (dates as dates), or
    why it could not be read."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [list(r) for r in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - a broken workbook is one problem row
        return f"the Excel workbook could not be read: {_first_line(exc)}"


def _rows_from_table(table: list[list[object]], fields: FieldMap) -> Rows | FormatProblem:
    start = next((i for i, r in enumerate(table) if any(_cell(c) for c in r)), None)
    if start is None:
        return FormatProblem(EMPTY, "the table holds no row")
    header = [_cell(c) for c in table[start]]
    if fields.column("text", header) is None:
        return _not_an_export(fields, f"a table with columns {', '.join(h for h in header if h)[:200]}")
    rows = Rows()
    for n, cells in enumerate(table[start + 1:], start=start + 2):  # a spreadsheet's row number
        if not any(_cell(c) for c in cells):
            continue
        value = {h: c for h, c in zip(header, cells) if h}
        _add_row(rows, n, value, fields, "row")
    return rows


def _add_row(rows: Rows, n: int, value: Mapping[str, object], fields: FieldMap,
             unit: str) -> None:
    """One exported article into `rows`, or a row problem when it has no text."""
    def get(name: str) -> object:
        column = fields.column(name, value)
        return value.get(column) if column is not None else None

    text = get("text")
    where = f"{unit} {n}" if n else "the article"
    if not isinstance(text, str) or not text.strip():
        why = "no text" if text is None or text == "" or isinstance(text, str) else \
            f"its text is a JSON {type(text).__name__}, not a string"
        rows.problems.append(RowProblem(n, EMPTY, f"{where}: {why} ({fields.text_names()}); not loaded"))
        return
    published = get("published")
    rows.articles.append(Extracted(
        text=text, title=_scalar(get("title")), source=_scalar(get("source")), url=_scalar(get("url")),
        published=published.date() if isinstance(published, datetime) else
        published if isinstance(published, date) else _scalar(published),
        row_id=_scalar(get("id")) or (str(n) if n else ""), row=n))


def _not_an_export(fields: FieldMap, what: str) -> FormatProblem:
    return FormatProblem(UNSUPPORTED, (
        f"not an export of articles: {what} with no text field ({fields.text_names()}); "
        "name the text field in the field map setting (WORKBOOK_FIELD_MAP=text=your_field)"))


# ---------------------------------------------------------------------------- cells


def _scalar(value: object) -> str:
    """A cell or JSON value as one line of text: numbers as written (`12`, not `12.0`),
    white space collapsed; lists, objects and booleans give ""."""
    if value is None or isinstance(value, (bool, dict, list)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    return _clean(str(value))


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: a date (or date and time) as its ISO date, a whole
    number without `.0`, white space collapsed; an empty cell as ""."""
    if isinstance(value, (date, datetime)):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    return _scalar(value)


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _clean(value: object) -> str:
    return " ".join(str(value).replace("\ufeff", " ").split()) if value else ""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


@contextmanager
def _large_fields() -> Iterator[None]:
    """Let the csv module read a cell of any length (an article's text) for a while."""
    old = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(old)


_META_CHARSET_RE = re.compile(rb"<meta[^>]+charset=[\"']?(?P<charset>[A-Za-z0-9_.:-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The character set a web page declares in its first 4 KB (`<meta charset=...>`), or None."""
    m = _META_CHARSET_RE.search(data[:4096])
    return m["charset"].decode("ascii").lower() if m else None
