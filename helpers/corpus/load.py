"""Load a folder of news articles: text exactly as read, metadata, and a table of problems.

Every offset anywhere in the workbook refers to `Article.text` as loaded here: the file's
bytes decoded, nothing stripped or normalised (line endings included). Bad input never
crashes the load and is never dropped silently: each bad file gets a row in the problems
table and a logged warning, and the valid articles still load.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

import charset_normalizer
import dateutil.parser
import pandas as pd

from .. import paths, tables

log = logging.getLogger("helpers.corpus")

ARTICLE_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md"})
"""File endings read as articles (plain text). Anything else is reported as unsupported."""

SIDECAR = "metadata.csv"
"""Optional table in the corpus folder: `doc_id, source, url, published` (and `title`)."""

DOCUMENT_COLUMNS: list[str] = tables.DOCUMENTS.names
"""Columns of `documents.csv` (declared, with their types, in `helpers.tables`)."""
PROBLEM_COLUMNS: list[str] = tables.PROBLEMS.names

TITLE_MAX_CHARS = 120

# Problem kinds, as they appear in the `problem` column.
EMPTY = "empty"
BINARY = "binary"
NOT_UTF8 = "not UTF-8"
DUPLICATE = "duplicate"
UNREADABLE = "unreadable"
UNSUPPORTED = "unsupported kind"
METADATA = "metadata"

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
    """One article as loaded. `text` is the decoded file, exactly; offsets refer to it."""

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
    """Where `published` came from: `metadata`, `header`, or empty when unknown."""
    n_words: int = 0

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
feed and carriage return."""


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


def decode(data: bytes) -> tuple[str, str] | None:
    """Decode article bytes; return `(text, encoding)`, or None when the bytes are not text.

    UTF-8 (with or without BOM) and other byte-order-marked Unicode are decoded directly;
    anything else goes to charset detection (charset-normalizer). Bytes with NULs or many
    control characters that no encoding explains are binary.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return (text, "utf-8") if _control_share(text) < 0.05 and "\x00" not in text else None
    if b"\x00" in data:
        enc16 = _bom_utf16(data)
        return (data.decode(enc16), enc16) if enc16 else None
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    encoding = best.encoding
    text = str(best)
    if encoding in _WESTERN_LOOKALIKES:
        # Single-byte Latin code pages often score alike on short texts; English-language
        # news in a legacy encoding is overwhelmingly Windows-1252, so it wins a tie.
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    if _control_share(text) >= 0.05:
        return None
    return text, encoding


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
            found[m.group("key").lower()] = m.group("value").strip()
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


def read_sidecar(path: Path) -> tuple[dict[str, SidecarRow], list[Problem]]:
    """Read `metadata.csv` (`doc_id, source, url, published`, optional `title`).

    Rows that cannot be used are reported as problems; the usable fields of a row are kept.
    """
    shown = paths.shown(path)
    problems: list[Problem] = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, [Problem(shown, UNREADABLE, f"metadata table could not be read: {exc.strerror or exc}")]
    decoded = decode(raw)
    if decoded is None:
        return {}, [Problem(shown, BINARY, "metadata table is not text")]
    text, _ = decoded
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if "doc_id" not in columns:
        return {}, [Problem(shown, METADATA, "no `doc_id` column; expected doc_id, source, url, published")]
    rows: dict[str, SidecarRow] = {}
    for line_no, raw_row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw_row.items() if k is not None}
        doc_id = row.get("doc_id", "")
        if not doc_id:
            problems.append(Problem(shown, METADATA, f"line {line_no}: empty doc_id; row ignored"))
            continue
        if doc_id in rows:
            problems.append(Problem(shown, METADATA, f"line {line_no}: doc_id {doc_id!r} repeated; first row kept"))
            continue
        published = None
        if row.get("published"):
            published = parse_date(row["published"])
            if published is None:
                problems.append(Problem(
                    shown, METADATA,
                    f"line {line_no}: published {row['published']!r} for {doc_id!r} is not a date "
                    "(use YYYY-MM-DD); date ignored"))
        rows[doc_id] = SidecarRow(source=row.get("source", ""), url=row.get("url", ""),
                                  published=published, title=row.get("title", ""))
    return rows, problems


def source_from_url(url: str) -> str:
    """The outlet's web domain from an article URL (`https://www.reuters.com/x` → `reuters.com`)."""
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


def make_title(text: str, start: int = 0) -> str:
    """The article's title: its first non-empty line after the header, shortened to a headline."""
    for line in text[start:].splitlines():
        line = " ".join(line.split())
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


def load_corpus(folder: str | Path) -> Corpus:
    """Load every article file of `folder` (not its subfolders), with metadata and problems.

    Raises CorpusError when the folder does not exist or holds no valid article; every
    other difficulty becomes a row of `Corpus.problems` and a logged warning.
    """
    root = Path(folder)
    if not root.is_dir():
        raise CorpusError(
            f"Corpus folder not found: {paths.shown(root)}. Point CORPUS at a folder of "
            "article text files (e.g. `make report CORPUS=path/to/articles`).")
    problems: list[Problem] = []
    articles: list[Article] = []
    seen = _Seen()
    sidecar: dict[str, SidecarRow] = {}
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name == SIDECAR and entry.is_file():
            sidecar, sidecar_problems = read_sidecar(entry)
            problems.extend(sidecar_problems)
            continue
        article = _read_article(entry, seen, problems)
        if article is not None:
            articles.append(article)
    _apply_sidecar(root, articles, sidecar, seen.dropped_as_copy, problems)
    for p in problems:
        log.warning("%s: %s: %s", p.path, p.problem, p.detail)
    corpus = Corpus(folder=root, articles=articles, problems=problems)
    if not articles:
        raise CorpusError(_no_article_message(root, problems))
    return corpus


@dataclass
class _Seen:
    """What a load has taken so far: each text (by its normalised hash) and doc_id, with the
    file that holds it, and the doc_ids of copies it did not load."""

    texts: dict[str, str] = field(default_factory=dict)
    doc_ids: dict[str, str] = field(default_factory=dict)
    dropped_as_copy: dict[str, str] = field(default_factory=dict)


def _read_article(entry: Path, seen: _Seen, problems: list[Problem]) -> Article | None:
    """One folder entry as an article, or None with its problem added to `problems`."""
    shown = paths.shown(entry)
    if entry.is_dir():
        problems.append(Problem(shown, UNSUPPORTED, "a folder; subfolders are not read"))
        return None
    if entry.suffix.lower() not in ARTICLE_SUFFIXES:
        kind = entry.suffix.lower() or "no file ending"
        problems.append(Problem(
            shown, UNSUPPORTED, f"{kind}: only plain-text articles ({', '.join(sorted(ARTICLE_SUFFIXES))}) are read"))
        return None
    try:
        data = entry.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, UNREADABLE, f"could not be read: {exc.strerror or exc}"))
        return None
    if not data:
        problems.append(Problem(shown, EMPTY, "the file is empty (0 bytes)"))
        return None
    decoded = decode(data)
    if decoded is None:
        problems.append(Problem(shown, BINARY, f"not text ({len(data):,} bytes of binary data)"))
        return None
    text, encoding = decoded
    if not text.strip():
        problems.append(Problem(shown, EMPTY, "the file holds only white space"))
        return None
    doc_id = entry.stem
    if doc_id in seen.doc_ids:
        problems.append(Problem(
            shown, DUPLICATE, f"doc_id {doc_id!r} is taken by {seen.doc_ids[doc_id]}; file not loaded"))
        return None
    key = _dedup_key(text)
    if key in seen.texts:
        problems.append(Problem(shown, DUPLICATE, f"same text as {seen.texts[key]} (kept); this copy not loaded"))
        seen.dropped_as_copy[doc_id] = seen.texts[key]
        return None
    header = parse_header(text)
    if not text[header.end:].strip():
        problems.append(Problem(shown, EMPTY, "only a header line, no article text"))
        return None
    if encoding not in ("utf-8", "utf-8-sig"):
        how = "its byte-order mark" if encoding in ("utf-16", "utf-32") else "charset detection"
        problems.append(Problem(
            shown, NOT_UTF8, f"decoded as {encoding} by {how}; loaded, but check its accents and quotes"))
    seen.texts[key] = doc_id
    seen.doc_ids[doc_id] = shown
    return Article(
        doc_id=doc_id, text=text, path=shown, sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding, body_start=header.end, title=header.title,
        source=header.source, url=header.url, published=header.published,
        published_from="header" if header.published else "",
        n_words=count_words(text[header.end:]),
    )


def _apply_sidecar(root: Path, articles: list[Article], sidecar: dict[str, SidecarRow],
                   dropped_as_copy: dict[str, str], problems: list[Problem]) -> None:
    """Give each article its `metadata.csv` row (which wins over its header), then the outlet
    from its URL and a title from its text where still missing; report rows naming no article."""
    by_id = {a.doc_id: a for a in articles}
    for doc_id in sorted(set(sidecar) - set(by_id)):
        if doc_id in dropped_as_copy:
            detail = (f"names doc_id {doc_id!r}, a copy of {dropped_as_copy[doc_id]!r} that was not "
                      f"loaded; give the metadata under {dropped_as_copy[doc_id]!r}")
        else:
            detail = f"names doc_id {doc_id!r}, but no such article was loaded"
        problems.append(Problem(paths.shown(root / SIDECAR), METADATA, detail))
    for article in articles:
        meta = sidecar.get(article.doc_id)
        if meta is not None:
            article.source = meta.source or article.source
            article.url = meta.url or article.url
            article.title = meta.title or article.title
            if meta.published is not None:
                article.published, article.published_from = meta.published, "metadata"
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
