"""Load a folder of news articles: text exactly as read, metadata, and a table of problems.

Every offset anywhere in the workbook refers to `Article.text` as loaded here: the file's
bytes decoded, nothing else stripped or normalised (line endings included), except the
control characters no text holds (NUL and the like, `clean_text`), which are removed and
counted in a `cleaned` problem row. The folder is read with its subfolders (`load_corpus`).
Besides plain text, web pages, exports of articles (JSON, JSON Lines, CSV, TSV, XLSX), PDF
and DOCX are read (`helpers.corpus.formats`): there the text is the one the format's library
extracted, exactly, and `Article.extracted_from` says which format gave it.
Bad input never crashes the load and is never dropped silently: each bad file gets a row in
the problems table and a logged warning, and the valid articles still load.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

import charset_normalizer
import dateutil.parser
import pandas as pd

from .. import paths, tables
from ..settings import SOURCE_FROM_VALUES
from ..text.language import UNDETERMINED
from ..text.language import identify as identify_language
from . import formats
from .formats import EMPTY, NO_TEXT_LAYER, UNREADABLE, UNSUPPORTED, FieldMap  # noqa: F401 (NO_TEXT_LAYER re-exported)

log = logging.getLogger("helpers.corpus")

TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md"})
"""File endings read as plain-text articles."""
ARTICLE_SUFFIXES: frozenset[str] = TEXT_SUFFIXES | formats.FORMAT_SUFFIXES
"""File endings read as articles (plain text and `formats.FORMAT_SUFFIXES`). Anything else
is reported as unsupported."""

SIDECAR = "metadata.csv"
"""Optional table in the corpus folder: `doc_id, source, url, published` (and `title`)."""
SIDECAR_XLSX = "metadata.xlsx"
"""The same table as an Excel workbook (its first sheet), read when there is no `metadata.csv`."""
SIDECARS = (SIDECAR, SIDECAR_XLSX)

DOCUMENT_COLUMNS: list[str] = tables.DOCUMENTS.names
"""Columns of `documents.csv` (declared, with their types, in `helpers.tables`)."""
PROBLEM_COLUMNS: list[str] = tables.PROBLEMS.names

TITLE_MAX_CHARS = 120

# Problem kinds, as they appear in the `problem` column (with `formats`' EMPTY, UNREADABLE,
# UNSUPPORTED and NO_TEXT_LAYER).
BINARY = "binary"
NOT_UTF8 = "not UTF-8"
DUPLICATE = "duplicate"
METADATA = "metadata"
CLEANED = "cleaned"
"""A text whose control characters (NUL and the like) were removed; the article loaded."""
VERY_LONG = "very long"
ENGLISH = "en"
"""The language the extraction stages read (spaCy's English pipeline)."""
OTHER_LANGUAGE = "not English"
"""Problem kind of an article identified as written in another language than English."""
"""An article of more than `VERY_LONG_WORDS` words: loaded, but perhaps not one article."""
VERY_LONG_WORDS = 50_000

WORD_RE = re.compile(r"\w+(?:['’.-]\w+)*")

# An in-text header: `date 2018-09-07` (also `published:`), at the very start of the text,
# possibly followed by the article on the same line; and `source:`, `url:` or `title:` lines.
_DATE_HEADER_RE = re.compile(
    r"\A[ \t]*(?:date|published|dateline)[ \t]*[:=]?[ \t]*"
    r"(?P<value>\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?=\s|\Z)[ \t]*(?:\r?\n)?",
    re.IGNORECASE,
)
_FIELD_HEADER_RE = re.compile(
    r"\A[ \t]*(?P<key>source|url|title)[ \t]*:[ \t]*(?P<value>[^\r\n]*\S)[ \t]*(?:\r?\n|\Z)",
    re.IGNORECASE,
)

# Latin-script single-byte code pages that charset detection cannot tell from Windows-1252
# on short texts (they differ in a handful of accented letters).
_WESTERN_LOOKALIKES: frozenset[str] = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_1", "iso8859_2", "iso8859_9",
    "iso8859_15", "iso8859_13", "iso8859_16", "mac_roman", "mac_latin2", "cp850", "cp437",
})

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


class CorpusError(Exception):
    """The corpus cannot be used at all (missing folder, or not one valid article)."""


@dataclass(frozen=True)
class Problem:
    """One file (or metadata row) the loader could not take as it is."""

    path: str
    problem: str
    detail: str


@dataclass
class Article:
    """One article as loaded. `text` is the decoded file (or the text its format gave,
    `extracted_from`), exactly, but for the control characters `clean_text` removes; offsets
    refer to it. `sha256` is of the file's bytes, or, for one article of an export holding
    several, of its text as UTF-8."""

    doc_id: str
    text: str
    path: str
    sha256: str
    encoding: str
    body_start: int = 0
    """Offset where the article proper starts, after any in-text header."""
    title: str = ""
    source: str = ""
    url: str = ""
    published: date | None = None
    published_from: str = ""
    """Where `published` came from: `metadata` (metadata.csv), `header`, `page` (a web page's
    own date), `export` (the date field of an export of articles), or empty when unknown."""
    n_words: int = 0
    extracted_from: str = "text"
    """How the text was obtained: `text` (the file decoded), or the format it was extracted
    from: `html`, `jsonl`, `json`, `csv`, `tsv`, `xlsx`, `pdf`, `docx`."""
    author: str = ""
    """The author a web page names (not in `documents.csv`)."""
    language: str = ""
    """The language identified offline (`en`, `fr`, ...; `und` when unclear; see
    `helpers.text.language`)."""

    @property
    def outlet(self) -> str:
        """The outlet's name, or the doc_id when the outlet is not known."""
        return self.source or self.doc_id

    def record(self) -> dict[str, object]:
        """The article's row of `documents.csv`."""
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "published": self.published.isoformat() if self.published else "",
            "published_from": self.published_from,
            "title": self.title,
            "n_words": self.n_words,
            "sha256": self.sha256,
            "path": self.path,
            "url": self.url,
            "encoding": self.encoding,
            "outlet": self.outlet,
            "extracted_from": self.extracted_from,
            "language": self.language,
        }


@dataclass
class Corpus:
    """The articles of one folder that loaded, and the problems met on the way."""

    folder: Path
    articles: list[Article]
    problems: list[Problem] = field(default_factory=list)

    @property
    def documents(self) -> pd.DataFrame:
        """One row per article, in `doc_id` order, with the `documents.csv` columns."""
        return documents_frame(self.articles)

    @property
    def problems_table(self) -> pd.DataFrame:
        """One row per problem (`path, problem, detail`), in path order."""
        return problems_frame(self.problems)

    def text(self, doc_id: str) -> str:
        """The text of one article, exactly as loaded."""
        return self.by_id()[doc_id].text

    def by_id(self) -> dict[str, Article]:
        """Articles keyed by `doc_id`."""
        return {a.doc_id: a for a in self.articles}


def documents_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """Build the documents table from articles."""
    rows = [a.record() for a in articles]
    df = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    df["n_words"] = df["n_words"].astype("int64")
    return df.sort_values("doc_id", kind="stable").reset_index(drop=True)


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """Build the problems table from problems."""
    df = pd.DataFrame([asdict(p) for p in problems], columns=PROBLEM_COLUMNS)
    return df.sort_values(["path", "problem"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------- decoding


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters (Unicode category Cc) other than tab, line feed, vertical tab, form
feed and carriage return: what `clean_text` removes."""

BINARY_CONTROL_SHARE = 0.10
"""A decoded file whose characters are more than this share control characters (NUL
included) is binary, not a damaged text."""
BINARY_OTHER_CONTROL_SHARE = 0.05
"""... and so is one whose control characters other than NUL reach this share (NUL is the
usual damage in a text; other control characters are the mark of binary data)."""

_BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"PK\x05\x06", b"GIF87a", b"GIF89a", b"\xff\xd8\xff",
    b"%PDF-", b"\x1f\x8b", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"SQLite format 3\x00", b"\x7fELF",
    b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd",
)
"""How binary formats begin (PNG, ZIP/DOCX/XLSX, GIF, JPEG, PDF, gzip, OLE2 .doc/.xls,
SQLite, ELF, 7-Zip, RAR, bzip2, xz, zstd): such a file is binary whatever follows."""


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL_RE.findall(text)) / len(text)


def _bom_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 without a byte-order mark (every other byte NUL, ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) >= 0.6 * len(zeros):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _control_share(text) < 0.01:
                return enc
    return None


def looks_binary(data: bytes, text: str | None = None) -> bool:
    """Whether `data` (decoded as `text`, when it could be) is binary rather than a text.

    Binary: it begins as a binary format does (`_BINARY_SIGNATURES`), or with a NUL byte
    (byte-order-less UTF-16 aside, which `decode` recognises first), or its decoded text is
    more than 10 % control characters, or 5 % control characters other than NUL. Below
    that, the control characters are damage in a readable text, which `clean_text` removes.
    """
    if data.startswith(_BINARY_SIGNATURES) or data.startswith(b"\x00"):
        return True
    return text is not None and _too_many_controls(text)


def _too_many_controls(text: str) -> bool:
    found = _CONTROL_RE.findall(text)
    if not found:
        return False
    nuls = found.count("\x00")
    return (len(found) > BINARY_CONTROL_SHARE * len(text)
            or len(found) - nuls >= BINARY_OTHER_CONTROL_SHARE * len(text))


def clean_text(text: str) -> tuple[str, dict[str, int]]:
    """`text` without its control characters (NUL, the other C0 controls but tab, line feed,
    vertical tab, form feed and carriage return; DEL; C1), and how many of each were removed
    (keyed `U+0000`). Line endings (CRLF, CR) are kept exactly as they are."""
    removed: dict[str, int] = {}
    for c in _CONTROL_RE.findall(text):
        key = f"U+{ord(c):04X}"
        removed[key] = removed.get(key, 0) + 1
    return (_CONTROL_RE.sub("", text), dict(sorted(removed.items()))) if removed else (text, {})


def decode(data: bytes) -> tuple[str, str] | None:
    """Decode article bytes; return `(text, encoding)`, or None when the bytes are not text.

    UTF-8 (with or without BOM) and other byte-order-marked Unicode are decoded directly;
    UTF-16 without a BOM is recognised by its NUL bytes; anything else goes to charset
    detection (charset-normalizer). The text may still hold a few control characters (a
    damaged file): `clean_text` removes them. Binary data (`looks_binary`) gives None.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                break
            return (text, enc) if not _too_many_controls(text) else None
    if b"\x00" in data:
        enc16 = _bom_utf16(data)
        if enc16:
            return data.decode(enc16), enc16
    if looks_binary(data):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return (text, "utf-8") if not looks_binary(data, text) else None
    decoded = _detect(data)
    if decoded is None or looks_binary(data, decoded[0]):
        return None
    return decoded


def _detect(data: bytes) -> tuple[str, str] | None:
    """Decode non-UTF-8 bytes by charset detection, on the bytes without their NULs (which
    every supported single-byte code page decodes as NUL, to be cleaned)."""
    matches = charset_normalizer.from_bytes(data.replace(b"\x00", b""))
    best = matches.best()
    if best is None:
        return None
    encoding = best.encoding
    if encoding in _WESTERN_LOOKALIKES:
        # Single-byte Latin code pages often score alike on short texts; English-language
        # news in a legacy encoding is overwhelmingly Windows-1252, so it wins a tie.
        encoding = "cp1252"
    for enc in dict.fromkeys((encoding, best.encoding)):
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return None


# ---------------------------------------------------------------------------- metadata


def parse_date(value: str) -> date | None:
    """Parse a publication date written as ISO (`2018-09-07`, `2018-09-07T10:00Z`) or in words
    (`7 September 2018`, `September 7, 2018`, `Sept. 7, 2018`, `Friday, 7 September 2018`).

    Words are read by dateutil, and only when they name a month, a day and a four-digit year:
    `September 2018`, `7/9/2018` (day or month first?) and `7 Sep 18` are not dates. Returns
    None otherwise.
    """
    s = value.strip()
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    return _date_in_words(s)


_DATE_WORDS = dateutil.parser.parserinfo()
_YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _date_in_words(s: str) -> date | None:
    years = _YEAR_RE.findall(s)
    if len(years) != 1 or not any(_DATE_WORDS.month(w) for w in re.findall(r"[A-Za-z]+", s)):
        return None
    try:
        # Parsed twice with different defaults: a part missing from `s` (the day) comes out
        # different, and then `s` is not a full date.
        first = dateutil.parser.parse(s, default=datetime(1, 1, 1))
        second = dateutil.parser.parse(s, default=datetime(2, 2, 2))
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date() or first.year != int(years[0]):
        return None
    return first.date()


_NUMERIC_DATE_RE = re.compile(
    r"\A(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\Z")
_YEAR_FIRST_DATE_RE = re.compile(
    r"\A(?P<year>\d{4})(?P<sep>[./])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\Z")


@dataclass(frozen=True)
class DateReading:
    """A date as read from a metadata cell: the date (None when it is not one), and, when
    the reading depends on the day-first setting, what the other reading would have been."""

    value: date | None
    other: date | None = None
    """The month-first reading of a date read day-first, or the other way round: set only
    when both readings are dates and they differ (`05/09/2018`)."""


def read_metadata_date(value: str, day_first: bool = True) -> DateReading:
    """Read a publication date as spreadsheets and people write it: what `parse_date` reads
    (ISO, `5 September 2018`, `Sept. 5, 2018`), and numbers with `/`, `.` or `-` and a
    four-digit year, perhaps followed by a time (`05/09/2018`, `5.9.2018 00:00`, `2018/09/05`).

    Day and month in `05/09/2018` are read day-first or month-first as `day_first` says;
    when only one reading is a date (`25/09/2018`), it is taken whatever the setting. When
    both are dates and differ, the result also holds the other reading, for the caller to report.
    """
    s = value.strip()
    parsed = parse_date(s)
    if parsed is not None or not s:
        return DateReading(parsed)
    m = _YEAR_FIRST_DATE_RE.match(s)
    if m:
        return DateReading(_make_date(int(m["year"]), int(m["month"]), int(m["day"])))
    m = _NUMERIC_DATE_RE.match(s)
    if not m:
        return DateReading(None)
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    day_first_reading, month_first_reading = _make_date(year, b, a), _make_date(year, a, b)
    chosen, other = ((day_first_reading, month_first_reading) if day_first
                     else (month_first_reading, day_first_reading))
    if chosen is None:
        return DateReading(other)
    if other is None or other == chosen:
        return DateReading(chosen)
    return DateReading(chosen, other)


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Header:
    """Metadata written at the top of an article's text."""

    end: int = 0
    published: date | None = None
    source: str = ""
    url: str = ""
    title: str = ""


def parse_header(text: str) -> Header:
    """Recognise an in-text header at the start of `text` (e.g. `date 2018-09-07`).

    Returns where the header ends, so that the header is kept out of the title; the text
    itself is never changed.
    """
    pos = 0
    found: dict[str, str] = {}
    published: date | None = None
    while True:
        rest = text[pos:]
        m = _DATE_HEADER_RE.match(rest)
        if m and published is None:
            published = date.fromisoformat(m.group("value")) if _valid_iso(m.group("value")) else None
            if published is None:
                break
            pos += m.end()
            continue
        m = _FIELD_HEADER_RE.match(rest)
        if m and m.group("key").lower() not in found:
            found[m.group("key").lower()] = m.group("value").replace("\ufeff", "").strip()
            pos += m.end()
            continue
        break
    # Leave the offset at the first non-blank character of the body.
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    if published is None and not found:
        return Header()
    return Header(end=pos, published=published, source=found.get("source", ""),
                  url=found.get("url", ""), title=found.get("title", ""))


def _valid_iso(s: str) -> bool:
    try:
        date.fromisoformat(s)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class SidecarRow:
    """One row of `metadata.csv`."""

    source: str = ""
    url: str = ""
    published: date | None = None
    title: str = ""
    line: int = 0
    """The row's line in the file (the header is line 1)."""


SIDECAR_SEPARATORS = (",", ";", "\t")
"""The column separators `metadata.csv` may use; which one is found from its header row."""
_SEP_HINT_RE = re.compile(r"\A\s*sep=(?P<sep>.)\s*\Z", re.IGNORECASE)


def sniff_separator(text: str, wanted: Collection[str] = ("doc_id",)) -> tuple[str, int]:
    """The separator of a CSV table (`,` `;` or tab) and the number of hint lines to skip.

    Excel's `sep=;` first line names it; otherwise it is the candidate that splits the header
    row into a column named in `wanted` (`doc_id`) and others, else the one that splits it
    into the most columns (`,` when none does).
    """
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    hint = _SEP_HINT_RE.match(first)
    if hint and hint["sep"] in SIDECAR_SEPARATORS:
        return hint["sep"], 1
    best, best_key = ",", (False, 1)
    for sep in SIDECAR_SEPARATORS:
        cells = next(csv.reader([first], delimiter=sep), [])
        key = (bool(set(wanted) & {c.strip().lower() for c in cells}), len(cells))
        if key > best_key:
            best, best_key = sep, key
    return best, 0


def read_sidecar(path: Path, day_first: bool = True) -> tuple[dict[str, SidecarRow], list[Problem]]:
    """Read `metadata.csv` (`doc_id, source, url, published`, optional `title`), or the same
    table as `metadata.xlsx` (its first sheet; a date cell is a date whatever the setting).

    Read as spreadsheets save it too: with a UTF-8 byte-order mark or in a legacy encoding,
    separated by `,` `;` or tabs (`sniff_separator`), with CRLF or CR line ends. Dates are
    read by `read_metadata_date`, day-first or month-first as `day_first` says; a date whose
    reading depends on that is reported. Rows that cannot be used are reported as problems;
    the usable fields of a row are kept.
    """
    shown = paths.shown(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, [Problem(shown, UNREADABLE, f"metadata table could not be read: {exc.strerror or exc}")]
    table = _sidecar_xlsx(raw, shown) if path.suffix.lower() == ".xlsx" else _sidecar_csv(raw, shown)
    if isinstance(table, Problem):
        return {}, [table]
    columns, lines = table
    if "doc_id" not in columns:
        return {}, [Problem(shown, METADATA, "no `doc_id` column; expected doc_id, source, url, published "
                            "(separated by commas, semicolons or tabs)")]
    problems: list[Problem] = []
    rows: dict[str, SidecarRow] = {}
    for line_no, row in lines:
        doc_id = row.get("doc_id", "")
        if not any(row.values()):
            continue
        if not doc_id:
            problems.append(Problem(shown, METADATA, f"line {line_no}: empty doc_id; row ignored"))
            continue
        if doc_id in rows:
            problems.append(Problem(shown, METADATA, f"line {line_no}: doc_id {doc_id!r} repeated; first row kept"))
            continue
        published = _sidecar_date(row.get("published", ""), doc_id, line_no, day_first, shown, problems)
        rows[doc_id] = SidecarRow(source=row.get("source", ""), url=row.get("url", ""), published=published,
                                  title=row.get("title", "").replace("\ufeff", "").strip(), line=line_no)
    return rows, problems


_SidecarTable = tuple[list[str], list[tuple[int, dict[str, str]]]]
"""A metadata table: its column names (lower case), and each row by its line number."""


def _sidecar_csv(raw: bytes, shown: str) -> _SidecarTable | Problem:
    decoded = decode(raw)
    if decoded is None:
        return Problem(shown, BINARY, "metadata table is not text")
    text = clean_text(decoded[0])[0].lstrip("\ufeff")
    sep, skip = sniff_separator(text)
    lines = io.StringIO(text, newline="")
    for _ in range(skip):
        lines.readline()
    reader = csv.DictReader(lines, delimiter=sep)
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    rows = [(reader.line_num + skip,
             {(k or "").strip().lower(): (v or "").strip() for k, v in raw_row.items() if k is not None})
            for raw_row in reader]
    return columns, rows


def _sidecar_xlsx(raw: bytes, shown: str) -> _SidecarTable | Problem:
    table = formats.xlsx_rows(raw)
    if isinstance(table, str):
        return Problem(shown, UNREADABLE, f"metadata table: {table}")
    cells = [[formats.cell_text(c) for c in row] for row in table]
    start = next((i for i, r in enumerate(cells) if any(r)), None)
    if start is None:
        return [], []
    columns = [c.lower() for c in cells[start]]
    rows = [(start + 2 + i, {k: v for k, v in zip(columns, r) if k}) for i, r in enumerate(cells[start + 1:])]
    return columns, rows


def _sidecar_date(value: str, doc_id: str, line_no: int, day_first: bool, shown: str,
                  problems: list[Problem]) -> date | None:
    """The `published` cell of one row as a date, reporting a cell that is not one, or
    whose reading depends on the day-first setting."""
    if not value:
        return None
    reading = read_metadata_date(value, day_first)
    if reading.value is None:
        problems.append(Problem(
            shown, METADATA,
            f"line {line_no}: published {value!r} for {doc_id!r} is not a date "
            "(use YYYY-MM-DD); date ignored"))
    elif reading.other is not None:
        order, setting = ("day-first", "WORKBOOK_DAY_FIRST=0 reads it month-first") if day_first else \
            ("month-first", "WORKBOOK_DAY_FIRST=1 reads it day-first")
        problems.append(Problem(
            shown, METADATA,
            f"line {line_no}: published {value!r} for {doc_id!r} is ambiguous: read {order} as "
            f"{_long_date(reading.value)}, as the DAY_FIRST setting says, not {_long_date(reading.other)} "
            f"({setting}; YYYY-MM-DD is never ambiguous)"))
    return reading.value


def _long_date(d: date) -> str:
    """`5 September 2018`, in English whatever the locale."""
    return f"{d.day} {_DATE_WORDS.MONTHS[d.month - 1][-1]} {d.year}"


def source_from_url(url: str) -> str:
    """The outlet's web domain from an article URL (`https://www.reuters.com/x` → `reuters.com`)."""
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


def make_title(text: str, start: int = 0) -> str:
    """The article's title: its first non-empty line after the header, shortened to a headline
    (white space collapsed; a byte-order mark, U+FEFF, never reaches it)."""
    for line in text[start:].splitlines():
        line = " ".join(line.replace("\ufeff", " ").split())
        if line:
            if len(line) <= TITLE_MAX_CHARS:
                return line
            cut = line[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
            return cut.rstrip(" ,;:-") + "…"
    return ""


def count_words(text: str) -> int:
    """Number of words (runs of letters or digits, with inner apostrophes, dots or hyphens)."""
    return len(WORD_RE.findall(text))


def _dedup_key(text: str) -> str:
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- loading

GOLD_FOLDER = paths.GOLD_FOLDER
"""The folder at the top of a corpus that holds the analyst's gold sample (`helpers.trust`):
its files are never articles, and it is skipped silently."""

SOURCE_FROM_FOLDER = "folder"
"""`load_corpus(source_from="folder")`: an article in a subfolder takes its outlet from the
first folder level (the values accepted are `settings.SOURCE_FROM_VALUES`)."""

_CONTROL_NAMES = {"U+0000": "NUL", "U+001B": "ESC", "U+007F": "DEL"}


def load_corpus(folder: str | Path, *, source_from: str = "", day_first: bool = True,
                field_map: Iterable[tuple[str, str]] = ()) -> Corpus:
    """Load every article file of `folder` and of its subfolders, with metadata and problems.

    An article's `doc_id` is its path relative to `folder` without its ending, with `/`
    between folders (`reuters/2018/geneva`); a file at the top keeps its name without its
    ending (`geneva`). Hidden files and folders (a name beginning with `.`: `.git`,
    `.ipynb_checkpoints`, `.DS_Store`) are skipped silently, and so is the `gold` folder at the
    top (`GOLD_FOLDER`, the analyst's gold sample); `metadata.csv` is read at the top
    of `folder` only, and its `doc_id` may also name an article by its file name
    (`geneva.txt`, or `geneva` for `reuters/geneva.txt`) when only one article has that name.

    `source_from="folder"` gives an article in a subfolder the first folder level as its
    outlet (`source`) when neither `metadata.csv` nor the article's header names one.
    `day_first` is how `metadata.csv` (or `metadata.xlsx`, read when there is no
    `metadata.csv`) and exports of articles read `05/09/2018` (`read_sidecar`).

    Web pages, PDF and DOCX files are one article each, with the file's doc_id. An export of
    articles (JSON Lines, JSON, CSV, TSV, XLSX: `formats`) is one article per row, whose
    doc_id is the file's, `#`, and the row's `id` field, or its row number (`export#3`); its
    fields are found by their usual names and by `field_map`, `(name, field)` pairs tried first
    (`settings.parse_field_map`). A row without text, or a line that is not JSON, is a
    problem row; the other rows load. An article of over 50,000 words is loaded, with a
    `very long` problem row.

    An article's text, to which every offset refers, is its file decoded, with the control
    characters a text does not hold (NUL and the like) removed (`clean_text`; a `cleaned`
    problem row says how many), and nothing else changed: line endings are kept as read.

    Raises CorpusError when the folder does not exist or holds no valid article, ValueError
    for a `source_from` not in `SOURCE_FROM_VALUES`; every other difficulty becomes a row of
    `Corpus.problems` and a logged warning.
    """
    if source_from not in SOURCE_FROM_VALUES:
        raise ValueError(f"source_from must be one of {SOURCE_FROM_VALUES}, not {source_from!r}")
    root = Path(folder)
    if not root.is_dir():
        raise CorpusError(
            f"Corpus folder not found: {paths.shown(root)}. Point CORPUS at a folder of "
            "article text files (e.g. `make report CORPUS=path/to/articles`).")
    problems: list[Problem] = []
    articles: list[Article] = []
    seen = _Seen()
    sidecar: dict[str, SidecarRow] = {}
    sidecar_path = root / SIDECAR
    options = _Options(FieldMap.with_extra(field_map), day_first, paths.shown(root.resolve()))
    for entry in _corpus_files(root, problems):
        if entry.name in SIDECARS and entry.parent == root:
            if entry.is_file():
                if entry.name == SIDECAR or not (root / SIDECAR).is_file():
                    sidecar, sidecar_problems = read_sidecar(entry, day_first)
                    sidecar_path = entry
                    problems.extend(sidecar_problems)
                else:
                    problems.append(Problem(paths.shown(entry), METADATA,
                                            f"{SIDECAR} is read, so this {entry.name} is not used"))
                continue
        elif entry.name in SIDECARS:
            problems.append(Problem(paths.shown(entry), UNSUPPORTED,
                                    f"{entry.name} is read only at the top of the corpus folder; this one is not used"))
            continue
        articles.extend(_read_article(entry, root, seen, problems, options))
    _apply_sidecar(sidecar_path, articles, sidecar, seen.dropped_as_copy, problems)
    _fill_in(articles, source_from)
    for p in problems:
        log.warning("%s: %s: %s", p.path, p.problem, p.detail)
    corpus = Corpus(folder=root, articles=articles, problems=problems)
    if not articles:
        raise CorpusError(_no_article_message(root, problems))
    return corpus


def _corpus_files(folder: Path, problems: list[Problem], top: bool = True) -> list[Path]:
    """Every entry under `folder` that is not a folder, folder by folder in name order, hidden
    ones left out; an empty subfolder, a link to a folder (not followed) and a folder that
    cannot be listed are reported."""
    try:
        entries = sorted((e for e in folder.iterdir() if not e.name.startswith(".")
                          and not (top and e.name.casefold() == GOLD_FOLDER and e.is_dir())),
                         key=lambda p: p.name)
    except OSError as exc:
        problems.append(Problem(paths.shown(folder), UNREADABLE, f"folder could not be read: {exc.strerror or exc}"))
        return []
    if not entries and not top:
        problems.append(Problem(paths.shown(folder), EMPTY, "an empty folder: no article in it"))
    files: list[Path] = []
    for entry in entries:
        if not entry.is_dir():
            files.append(entry)
        elif entry.is_symlink():
            problems.append(Problem(paths.shown(entry), UNSUPPORTED, "a link to a folder; links are not followed"))
        else:
            files.extend(_corpus_files(entry, problems, top=False))
    return files


@dataclass
class _Seen:
    """What a load has taken so far: each text (by its normalised hash) and doc_id, with the
    file that holds it, and the doc_ids of copies it did not load."""

    texts: dict[str, str] = field(default_factory=dict)
    doc_ids: dict[str, str] = field(default_factory=dict)
    dropped_as_copy: dict[str, str] = field(default_factory=dict)


def doc_id_of(path: Path, root: Path) -> str:
    """The doc_id of the article file `path` of the corpus folder `root`: its relative path
    without its ending, `/`-separated (`reuters/geneva`; `geneva` at the top)."""
    rel = path.relative_to(root)
    return "/".join((*rel.parts[:-1], path.stem))


@dataclass(frozen=True)
class _Options:
    """How the files of one load are read: the export field names and the date order."""

    fields: FieldMap
    day_first: bool = True
    shown_root: str = ""
    """The corpus folder as `paths.shown` shows it (`""`: not known, each file is resolved)."""

    def shown(self, entry: Path, root: Path) -> str:
        """How `paths.shown` shows `entry`, a file of the corpus folder `root`, without resolving
        it again (resolving every file of a large folder costs as much as reading it)."""
        if not self.shown_root:
            return paths.shown(entry)
        rel = entry.relative_to(root).as_posix()
        return rel if self.shown_root == "." else f"{self.shown_root}/{rel}"


_EXTRACTED_FROM: dict[str, str] = {
    **{s: "html" for s in formats.HTML_SUFFIXES}, **{s: "jsonl" for s in formats.JSONL_SUFFIXES},
    ".json": "json", ".csv": "csv", ".tsv": "tsv", ".xlsx": "xlsx", ".pdf": "pdf", ".docx": "docx",
}
"""The `extracted_from` of each ending read through `formats`."""
_ROW_FORMATS = frozenset({"jsonl", "json", "csv", "tsv", "xlsx"})


def _read_article(entry: Path, root: Path, seen: _Seen, problems: list[Problem],
                  options: _Options | None = None) -> list[Article]:
    """The articles of one file of the corpus (none, with its problems added to `problems`)."""
    options = options or _Options(FieldMap.with_extra())
    shown = options.shown(entry, root)
    suffix = entry.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        kind = suffix or "no file ending"
        problems.append(Problem(shown, UNSUPPORTED, f"{kind}: only articles ({', '.join(sorted(ARTICLE_SUFFIXES))}) are read"))
        return []
    try:
        data = entry.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, UNREADABLE, f"could not be read: {exc.strerror or exc}"))
        return []
    if not data:
        problems.append(Problem(shown, EMPTY, "the file is empty (0 bytes)"))
        return []
    if suffix not in TEXT_SUFFIXES:
        return _format_articles(entry, root, data, seen, problems, options)
    decoded = decode(data)
    if decoded is None:
        problems.append(Problem(shown, BINARY, f"not text ({len(data):,} bytes of binary data)"))
        return []
    draft = _Draft(shown=shown, doc_id=doc_id_of(entry, root), text=decoded[0],
                   sha256=hashlib.sha256(data).hexdigest(), encoding=decoded[1])
    article = _accept(draft, seen, problems)
    return [article] if article is not None else []


@dataclass(frozen=True)
class _Draft:
    """An article's text and what is known of it, before the checks of `_accept`."""

    shown: str
    doc_id: str
    text: str
    sha256: str
    encoding: str
    extracted_from: str = "text"
    meta: formats.Extracted | None = None
    header: bool = True
    """Whether an in-text header (`date 2018-09-07`) is looked for."""
    where: str = ""
    """The row of an export it comes from (`line 3: `), to begin its problems' details."""


def _accept(draft: _Draft, seen: _Seen, problems: list[Problem]) -> Article | None:
    """`draft` as an article, or None when it is empty or a duplicate (its problem added);
    a not-UTF-8, cleaned or very long article is loaded, with its problem row."""
    shown, doc_id, where = draft.shown, draft.doc_id, draft.where
    text, removed = clean_text(draft.text)
    if not text.strip():
        problems.append(Problem(shown, EMPTY, f"{where}the {'article' if where else 'file'} holds only white space"))
        return None
    if doc_id in seen.doc_ids:
        problems.append(Problem(
            shown, DUPLICATE, f"{where}doc_id {doc_id!r} is taken by {seen.doc_ids[doc_id]}; not loaded"))
        return None
    key = _dedup_key(text)
    if key in seen.texts:
        problems.append(Problem(shown, DUPLICATE, f"{where}same text as {seen.texts[key]} (kept); this copy not loaded"))
        seen.dropped_as_copy[doc_id] = seen.texts[key]
        return None
    header = parse_header(text) if draft.header else Header()
    if not text[header.end:].strip():
        problems.append(Problem(shown, EMPTY, f"{where}only a header line, no article text"))
        return None
    if draft.extracted_from == "text" and draft.encoding not in ("utf-8", "utf-8-sig"):
        how = "its byte-order mark" if draft.encoding in ("utf-16", "utf-32") else "charset detection"
        problems.append(Problem(
            shown, NOT_UTF8, f"decoded as {draft.encoding} by {how}; loaded, but check its accents and quotes"))
    if removed:
        problems.append(Problem(shown, CLEANED, where + _cleaned_detail(removed)))
    n_words = count_words(text[header.end:])
    if n_words > VERY_LONG_WORDS:
        problems.append(Problem(shown, VERY_LONG, (
            f"{where}very long: is this one article? {n_words:,} words (news articles are rarely over "
            f"{VERY_LONG_WORDS:,}); loaded and processed")))
    lang = identify_language(text[header.end:])
    if lang.code not in (ENGLISH, UNDETERMINED):
        problems.append(Problem(shown, OTHER_LANGUAGE, (
            f"{where}written in {lang.code} (probability {lang.confidence:.2f}); the extraction stages read "
            f"English and leave it out unless WORKBOOK_LANGUAGES names {lang.code}")))
    seen.texts[key] = doc_id
    seen.doc_ids[doc_id] = shown
    meta = draft.meta or formats.Extracted(text="")
    return Article(
        doc_id=doc_id, text=text, path=shown, sha256=draft.sha256, encoding=draft.encoding,
        body_start=header.end, title=meta.title or header.title, source=meta.source or header.source,
        url=meta.url or header.url, published=header.published,
        published_from="header" if header.published else "", n_words=n_words,
        extracted_from=draft.extracted_from, author=meta.author, language=lang.code)


def _format_articles(entry: Path, root: Path, data: bytes, seen: _Seen, problems: list[Problem],
                     options: _Options) -> list[Article]:
    """The articles of a file read through `formats` (a web page, an export, a PDF, a DOCX)."""
    shown = options.shown(entry, root)
    kind = _EXTRACTED_FROM[entry.suffix.lower()]
    encoding = ""
    text_in = ""
    if kind not in ("pdf", "docx", "xlsx"):
        decoded = _decode_page(data) if kind == "html" else decode(data)
        if decoded is None:
            problems.append(Problem(shown, BINARY, f"not text ({len(data):,} bytes of binary data)"))
            return []
        text_in, encoding = decoded
        if encoding not in ("utf-8", "utf-8-sig"):
            how = ("its byte-order mark" if encoding in ("utf-16", "utf-32") else
                   "the character set the page declares" if kind == "html" and encoding == formats.declared_charset(data)
                   else "charset detection")
            problems.append(Problem(shown, NOT_UTF8, f"decoded as {encoding} by {how}; read, but check its "
                                    "accents and quotes"))
    found = _extract(kind, data, text_in, options.fields)
    if isinstance(found, formats.FormatProblem):
        problems.append(Problem(shown, found.kind, found.detail))
        return []
    base = doc_id_of(entry, root)
    if isinstance(found, formats.Extracted):
        draft = _Draft(shown=shown, doc_id=base, text=found.text, sha256=hashlib.sha256(data).hexdigest(),
                       encoding=encoding, extracted_from=kind, meta=found, header=kind in ("pdf", "docx"))
        article = _accept(draft, seen, problems)
        if article is not None:
            _give_date(article, found, "page", options.day_first, problems)
        return [article] if article is not None else []
    problems.extend(Problem(shown, p.kind, p.detail) for p in found.problems)
    articles: list[Article] = []
    unit = "line" if kind == "jsonl" else "item" if kind == "json" else "row"
    for row in found.articles:
        doc_id = f"{base}#{row.row_id}" if row.row_id else base
        where = f"{unit} {row.row} ({doc_id!r}): " if row.row else ""
        draft = _Draft(shown=shown, doc_id=doc_id, text=row.text, encoding=encoding, extracted_from=kind,
                       sha256=hashlib.sha256(row.text.encode("utf-8", "surrogatepass")).hexdigest(),
                       meta=row, header=False, where=where)
        article = _accept(draft, seen, problems)
        if article is not None:
            _give_date(article, row, "export", options.day_first, problems, row.row)
            articles.append(article)
    return articles


def _extract(kind: str, data: bytes, text: str,
             fields: FieldMap) -> formats.Extracted | formats.Rows | formats.FormatProblem:
    """What the reader of `kind` finds in a file (`data`, decoded as `text` for a text format)."""
    if kind == "html":
        return formats.extract_html(text)
    if kind == "pdf":
        return formats.extract_pdf(data)
    if kind == "docx":
        return formats.extract_docx(data)
    if kind == "jsonl":
        return formats.rows_from_jsonl(text, fields)
    if kind == "json":
        return formats.rows_from_json(text, fields)
    if kind == "xlsx":
        return formats.rows_from_xlsx(data, fields)
    return formats.rows_from_table(text, "\t" if kind == "tsv" else None, fields, sniff_separator)


def _decode_page(data: bytes) -> tuple[str, str] | None:
    """A web page's bytes decoded: as `decode` does, but in the character set the page
    declares when it is not UTF-8 and decodes it."""
    decoded = decode(data)
    if decoded is not None and decoded[1] not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        declared = formats.declared_charset(data)
        if declared:
            try:
                return data.decode(declared), declared
            except (LookupError, UnicodeDecodeError):
                pass
    return decoded


def _give_date(article: Article, found: formats.Extracted, origin: str, day_first: bool,
               problems: list[Problem], row: int = 0) -> None:
    """Date `article` by its format's date (`origin`: `page` or `export`), which wins over an
    in-text header; a cell that is not a date, or whose reading depends on `day_first`, is
    reported as `metadata.csv`'s are."""
    value = found.published
    if isinstance(value, date):
        published: date | None = value
    else:
        published = _sidecar_date(value, article.doc_id, row, day_first, article.path, problems)
    if published is not None:
        article.published, article.published_from = published, origin


def _cleaned_detail(removed: dict[str, int]) -> str:
    total = sum(removed.values())
    kinds = ", ".join(" ".join((f"{n} × {code}", _CONTROL_NAMES.get(code, ""))).rstrip()
                      for code, n in removed.items())
    return (f"{total:,} control character{'s' if total != 1 else ''} removed ({kinds}); "
            "the article is loaded without them, and its offsets refer to the cleaned text")


def _sidecar_keys(article: Article) -> set[str]:
    """The names other than its doc_id by which `metadata.csv` may name `article`: its file
    name, its path relative to the corpus, and for a file in a subfolder its name without ending."""
    folders, _, stem = article.doc_id.rpartition("/")
    if article.extracted_from in _ROW_FORMATS and "#" in stem:
        # One row of an export: its file's name is every row's.
        return {stem} - {article.doc_id} if folders else set()
    name = Path(article.path).name
    keys = {name, f"{folders}/{name}" if folders else name}
    if folders:
        keys.add(stem)
    return keys - {article.doc_id}


def _match_sidecar(table: Path, articles: list[Article], sidecar: dict[str, SidecarRow],
                   dropped_as_copy: dict[str, str], problems: list[Problem]) -> dict[str, SidecarRow]:
    """The `metadata.csv` rows by the doc_id of the article each names: by its doc_id, else by
    another name only one article has (`_sidecar_keys`). Rows naming no article, or an
    article another row named first, are reported."""
    shown = paths.shown(table)
    by_id = {a.doc_id for a in articles}
    by_name: dict[str, set[str]] = {}
    for a in articles:
        for k in _sidecar_keys(a):
            by_name.setdefault(k, set()).add(a.doc_id)
    matched: dict[str, SidecarRow] = {}
    for key, row in sidecar.items():
        name = key.replace("\\", "/").removeprefix("./").strip("/")
        found = {name} if name in by_id else by_name.get(name, set())
        if len(found) > 1:
            problems.append(Problem(shown, METADATA, (
                f"line {row.line}: {key!r} is the name of {len(found)} articles ({', '.join(sorted(found))}); "
                "give the doc_id (the path without its ending); row ignored")))
            continue
        if not found:
            if key in dropped_as_copy:
                detail = (f"names doc_id {key!r}, a copy of {dropped_as_copy[key]!r} that was not "
                          f"loaded; give the metadata under {dropped_as_copy[key]!r}")
            else:
                detail = f"names doc_id {key!r}, but no such article was loaded"
            problems.append(Problem(shown, METADATA, detail))
            continue
        (doc_id,) = found
        if doc_id in matched:
            problems.append(Problem(shown, METADATA, (
                f"line {row.line}: {key!r} is article {doc_id!r}, whose metadata line "
                f"{matched[doc_id].line} gives already; first row kept")))
            continue
        matched[doc_id] = row
    return matched


def _apply_sidecar(table: Path, articles: list[Article], sidecar: dict[str, SidecarRow],
                   dropped_as_copy: dict[str, str], problems: list[Problem]) -> None:
    """Give each article its row of the metadata table `table` (`metadata.csv` or
    `metadata.xlsx`), which wins over its header and its format's metadata; report rows
    naming no article."""
    matched = _match_sidecar(table, articles, sidecar, dropped_as_copy, problems)
    for article in articles:
        meta = matched.get(article.doc_id)
        if meta is not None:
            article.source = meta.source or article.source
            article.url = meta.url or article.url
            article.title = meta.title or article.title
            if meta.published is not None:
                article.published, article.published_from = meta.published, "metadata"


def _fill_in(articles: list[Article], source_from: str) -> None:
    """Where still missing: the outlet from the first folder level (`source_from="folder"`),
    else from the URL's domain; a title from the text."""
    for article in articles:
        if not article.source and source_from == SOURCE_FROM_FOLDER and "/" in article.doc_id:
            article.source = article.doc_id.split("/", 1)[0]
        if not article.source and article.url:
            article.source = source_from_url(article.url)
        if not article.title:
            article.title = make_title(article.text, article.body_start)


def _no_article_message(root: Path, problems: list[Problem]) -> str:
    if not problems:
        return (f"No article in {paths.shown(root)}: the folder holds no "
                f"{'/'.join(sorted(ARTICLE_SUFFIXES))} files.")
    lines = "\n".join(f"  {p.path}: {p.problem}: {p.detail}" for p in problems[:20])
    more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
    return (f"No valid article in {paths.shown(root)}: every file has a problem.\n{lines}{more}")


def write_tables(corpus: Corpus, folder: Path) -> dict[str, Path]:
    """Write `documents.csv` and `problems.csv` to `folder`; return their paths."""
    return {"documents": tables.write_table(corpus.documents, folder, tables.DOCUMENTS),
            "problems": tables.write_table(corpus.problems_table, folder, tables.PROBLEMS)}
