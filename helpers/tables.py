"""Every table the workbook writes, declared once: its file name, its columns and their types.

The same schema writes a table and reads it back, so a table read from the tables folder is
the frame that was written, dtypes included (integers as `int64`, floats with an empty cell
as NaN, booleans from `True`/`False`, text as strings with an empty cell as ""). This is the
bottom layer of `helpers`: it imports nothing else from it.

Every CSV is safe to open in a spreadsheet (OWASP, CSV injection): a text cell beginning with
`=`, `+`, `-`, `@`, a tab or a carriage return (after any apostrophes) is written with one more
leading apostrophe, so a spreadsheet shows it as text instead of running it as a formula, and
`read_table` takes that apostrophe off again: the frame read back holds the exact text, so
every offset still points into it. Number columns are written as they are (-5 stays -5).

A stage that raises on one article leaves that article out and goes on (`ArticleProblems`):
the rows of `stage_problems.csv` say which articles each stage left out, and why.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

import pandas as pd


class Dtype(str, Enum):
    """The type of one column, as written to CSV and restored on reading."""

    STR = "str"
    INT = "int"
    FLOAT = "float"
    OPT_FLOAT = "float or empty"
    """A float where an empty cell means missing (NaN)."""
    BOOL = "bool"


STR, INT, FLOAT, OPT_FLOAT, BOOL = Dtype.STR, Dtype.INT, Dtype.FLOAT, Dtype.OPT_FLOAT, Dtype.BOOL

_READ_AS: dict[Dtype, object] = {STR: str, INT: "int64", FLOAT: "float64", OPT_FLOAT: "float64", BOOL: bool}


class SchemaError(ValueError):
    """A frame or a file whose columns are not the ones its schema declares."""


@dataclass(frozen=True)
class Schema:
    """One table: its file name and its ordered columns with their types.

    `extra` is the type of any further columns after the declared ones, for tables whose
    last columns are data (the coverage matrix has one column per outlet).
    """

    file: str
    columns: Mapping[str, Dtype]
    extra: Dtype | None = None
    doc: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", MappingProxyType(dict(self.columns)))

    def __hash__(self) -> int:
        return hash(self.file)

    @property
    def names(self) -> list[str]:
        """The declared column names, in order."""
        return list(self.columns)

    def dtypes(self, header: list[str]) -> dict[str, Dtype]:
        """The type of every column of a table with this `header`; SchemaError if it does not fit."""
        n = len(self.columns)
        fits = header[:n] == self.names and (len(header) == n or self.extra is not None)
        if not fits or len(set(header)) != len(header):
            raise SchemaError(f"{self.file}: columns {header} are not the declared {self.names}"
                              + (" (then any further columns)" if self.extra is not None else ""))
        return {**self.columns, **{c: self.extra for c in header[n:] if self.extra is not None}}


def write_table(df: pd.DataFrame, folder: Path, schema: Schema) -> Path:
    """Write `df` to `folder/schema.file` as CSV, text cells safe in a spreadsheet
    (`neutralise_cell`); SchemaError if its columns are not the schema's."""
    dtypes = schema.dtypes([str(c) for c in df.columns])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / schema.file
    types = list(dtypes.values())
    # The csv writer does not quote a text holding a lone CR (an article saved with CR line
    # ends), and a reader takes that CR for the end of the row: such a table quotes its texts.
    quoting = csv.QUOTE_NONNUMERIC if _any_text_cell(df, types, "\r") else csv.QUOTE_MINIMAL
    neutralised(df, types).to_csv(path, index=False, quoting=quoting)
    return path


def _any_text_cell(df: pd.DataFrame, dtypes: Sequence[Dtype], char: str) -> bool:
    """Whether a cell of a text column of `df` holds `char`."""
    return any(isinstance(v, str) and char in v
               for i, dtype in enumerate(dtypes) if dtype is STR for v in df.iloc[:, i])


def read_table(folder: Path, schema: Schema) -> pd.DataFrame:
    """Read `folder/schema.file` with the schema's dtypes, text cells as they were before
    `write_table` made them safe in a spreadsheet (`restore_cell`).

    Raises OSError when the file cannot be read and ValueError (SchemaError included) when its
    header or a cell does not fit the schema.
    """
    path = folder / schema.file
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f), [])
    dtypes = schema.dtypes(header)
    frame = pd.read_csv(
        path, dtype={c: _READ_AS[d] for c, d in dtypes.items()}, keep_default_na=False,
        na_values={c: [""] for c, d in dtypes.items() if d is OPT_FLOAT})
    return restored(frame, list(dtypes.values()))


# ---------------------------------------------------------------------------- spreadsheet safety

_NEEDS_APOSTROPHE = re.compile(r"'*[=+\-@\t\r]")
"""A text a spreadsheet could take for a formula: `=`, `+`, `-`, `@`, tab or CR first, after any
apostrophes (so that a text that already begins with apostrophes reads back exactly)."""
_HAS_APOSTROPHE = re.compile(r"'+[=+\-@\t\r]")
"""A cell as `neutralise_cell` writes it: the text it came from had one apostrophe fewer."""


def neutralise_cell(value: object) -> object:
    """The cell as written to CSV: a text that a spreadsheet could run as a formula gets one
    leading apostrophe (`=HYPERLINK(...)` -> `'=HYPERLINK(...)`); anything else is unchanged."""
    if isinstance(value, str) and _NEEDS_APOSTROPHE.match(value):
        return "'" + value
    return value


def restore_cell(value: object) -> object:
    """The text `neutralise_cell` was given: the inverse of it on every text cell it writes."""
    if isinstance(value, str) and _HAS_APOSTROPHE.match(value):
        return value[1:]
    return value


def _map_text_columns(df: pd.DataFrame, dtypes: Sequence[Dtype], pattern: re.Pattern[str],
                      fn: Callable[[object], object]) -> pd.DataFrame:
    """`df` with `fn` applied to the cells of its text columns that match `pattern` (the same
    frame when none does: no copy)."""
    out = df
    for i, dtype in enumerate(dtypes):
        if dtype is not STR:
            continue
        column = df.iloc[:, i]
        hit = [isinstance(v, str) and pattern.match(v) is not None for v in column]
        if any(hit):
            if out is df:
                out = df.copy()
            out.iloc[:, i] = [fn(v) if h else v for v, h in zip(column, hit)]
    return out


def neutralised(df: pd.DataFrame, dtypes: Sequence[Dtype]) -> pd.DataFrame:
    """`df` as written to CSV: text cells neutralised (`neutralise_cell`); `dtypes` are its
    columns' types, in order. Number and boolean columns are never touched."""
    return _map_text_columns(df, dtypes, _NEEDS_APOSTROPHE, neutralise_cell)


def restored(df: pd.DataFrame, dtypes: Sequence[Dtype]) -> pd.DataFrame:
    """`df` as read from CSV with its text cells restored (`restore_cell`): the frame written."""
    return _map_text_columns(df, dtypes, _HAS_APOSTROPHE, restore_cell)


def _schema(file: str, doc: str, extra: Dtype | None = None, **columns: Dtype) -> Schema:
    return Schema(file, columns, extra=extra, doc=doc)


# ---------------------------------------------------------------------------- corpus (notebook 01)

DOCUMENTS = _schema(
    "documents.csv", "One row per article loaded, with its metadata.",
    doc_id=STR, source=STR, published=STR, published_from=STR, title=STR, n_words=INT, sha256=STR,
    path=STR, url=STR, encoding=STR, outlet=STR, extracted_from=STR, language=STR)
PROBLEMS = _schema("problems.csv", "One row per file or metadata row that could not be taken as it is.",
                   path=STR, problem=STR, detail=STR)

# ---------------------------------------------------------------------------- entities (notebook 02)

MENTIONS = _schema(
    "mentions.csv", "Every mention of a canonical entity, with its offsets and sentence.",
    doc_id=STR, sent_id=INT, start=INT, end=INT, text=STR, label=STR, entity_id=STR, type=STR,
    qualifier=STR, source=STR)
ENTITIES = _schema("entities.csv", "One row per canonical entity.",
                   entity_id=STR, name=STR, type=STR, aliases=STR, n_mentions=INT, n_docs=INT)
ENTITY_MERGES = _schema("entity_merges.csv", "Every surface form merged into an entity, with its rule.",
                        entity_id=STR, name=STR, alias=STR, rule=STR, detail=STR, n_mentions=INT)
MENTIONS_DROPPED = _schema("mentions_dropped.csv", "The tagger's spans that are not entities, and why.",
                           doc_id=STR, start=INT, end=INT, text=STR, label=STR, reason=STR)
ENTITY_RELATIONS = _schema("entity_relations.csv", "Entities related but not merged (demonym of a country).",
                           entity_id=STR, relation=STR, target_name=STR, target_entity_id=STR, detail=STR)
SENTENCES = _schema("sentences.csv", "The pipeline's sentences of every article.",
                    doc_id=STR, sent_id=INT, start=INT, end=INT)


def sentence_spans(sentences: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """The `sentences.csv` table as each article's sentence spans, in order, by doc_id."""
    return {d: [(int(s), int(e)) for s, e in zip(g["start"], g["end"])]
            for d, g in sentences.groupby("doc_id", sort=True)}

# ---------------------------------------------------------------------------- timeline (notebook 03)

DOCUMENT_DATES = _schema(
    "document_dates.csv", "Each article's publication date, given or inferred, with its evidence.",
    doc_id=STR, published=STR, published_from=STR, confidence=FLOAT, earliest=STR, latest=STR, evidence=STR)
TIMEXES = _schema(
    "timexes.csv", "Every time expression, resolved against its article's date.",
    doc_id=STR, sent_id=INT, start=INT, end=INT, text=STR, type=STR, value=STR, anchor=STR, rule=STR,
    dct=STR, dct_from=STR)
TIMELINE = _schema(
    "timeline.csv", "Dated statements (events) with their actors and places.",
    event_id=STR, date=STR, date_end=STR, granularity=STR, doc_id=STR, sent_id=INT, expression=STR,
    actors=STR, places=STR, sentence=STR, n_sources=INT, outlet=STR, start=INT, end=INT, dct_from=STR)

# ---------------------------------------------------------------------------- places (notebook 04)

PLACES = _schema(
    "places.csv", "One row per place entity: where it is and why.",
    entity_id=STR, name=STR, lat=OPT_FLOAT, lon=OPT_FLOAT, country_code=STR, feature_kind=STR,
    n_mentions=INT, status=STR, reason=STR, gazetteer_id=STR, gazetteer_name=STR, metonymy=BOOL, via=STR,
    candidates=STR, runner_up=STR)

# ---------------------------------------------------------------------------- outlets (notebook 05)

QUOTES = _schema(
    "quotes.csv", "Every direct quote with its speaker; `speaker_type` is person, organisation, "
    "document (\"the report\"), group (\"the crowd\") or unknown, empty when nobody is named.",
    doc_id=STR, start=INT, end=INT, quote=STR, speaker_entity_id=STR, speaker=STR, cue=STR, outlet=STR,
    speaker_type=STR)
QUOTES_COMPARED = _schema(
    "quotes_compared.csv", "Quotes of one speaker in two outlets, nearly the same words.",
    speaker_entity_id=STR, outlet_a=STR, quote_a=STR, outlet_b=STR, quote_b=STR, similarity=FLOAT,
    identical=BOOL)
CLAIMS = _schema(
    "claims.csv", "Numeric claims: value or range, what is counted, who says.",
    doc_id=STR, start=INT, end=INT, text=STR, value_low=OPT_FLOAT, value_high=OPT_FLOAT, counted=STR,
    claimant=STR, outlet=STR)
CLAIMS_COMPARED = _schema(
    "claims_compared.csv", "Figures about the same thing in several articles.",
    counted=STR, consistent=BOOL, outlet=STR, doc_id=STR, text=STR, value_low=OPT_FLOAT,
    value_high=OPT_FLOAT, claimant=STR, start=INT, end=INT)
REUSE = _schema(
    "reuse.csv", "Passages one article shares nearly verbatim with another.",
    doc_a=STR, start_a=INT, end_a=INT, doc_b=STR, start_b=INT, end_b=INT, text=STR)
FRAMING = _schema("framing.csv", "How each outlet names the same groups of actors.",
                  outlet=STR, family=STR, count=INT, share=FLOAT, docs=INT, n_docs=INT)
COVERAGE = _schema("coverage.csv", "Which items each outlet carries: then one count column per outlet.",
                   extra=INT, kind=STR, item=STR)

# ---------------------------------------------------------------------------- every stage

STAGE_PROBLEMS = _schema(
    "stage_problems.csv", "One row per article a stage left out because it raised on it: the stage, "
    "the article, the error's first line.", stage=STR, doc_id=STR, error=STR)

SCHEMAS: tuple[Schema, ...] = (
    DOCUMENTS, PROBLEMS, MENTIONS, ENTITIES, ENTITY_MERGES, MENTIONS_DROPPED, ENTITY_RELATIONS, SENTENCES,
    DOCUMENT_DATES, TIMEXES, TIMELINE, PLACES, QUOTES, QUOTES_COMPARED, CLAIMS, CLAIMS_COMPARED, REUSE,
    FRAMING, COVERAGE, STAGE_PROBLEMS,
)
"""Every derived table, in the order the notebooks write them."""


@dataclass(frozen=True, slots=True)
class Ref:
    """A span of one article, by offsets into its text (a mention, a date, a quote, ...)."""

    doc_id: str
    start: int
    end: int


def refs_by(frame: pd.DataFrame, by: Sequence[str], start: str = "start", end: str = "end") -> dict[tuple, list[Ref]]:
    """The spans of a table's rows (its `doc_id` and offset columns), grouped by the columns
    `by` (keys are tuples), in row order."""
    out: dict[tuple, list[Ref]] = {}
    for row in frame[[*by, "doc_id", start, end]].itertuples(index=False, name=None):
        *key, d, s, e = row
        out.setdefault(tuple(key), []).append(Ref(str(d), int(s), int(e)))
    return out


# ---------------------------------------------------------------------------- one bad article

T = TypeVar("T")


class StageFailed(RuntimeError):
    """A stage that raised on every article: there is nothing left to build its tables from."""


def error_line(exc: BaseException) -> str:
    """The error's type and the first line of its message (`ValueError: bad date`)."""
    message = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {message[0]}" if message else type(exc).__name__


@dataclass(frozen=True, slots=True)
class StageProblem:
    """One row of `stage_problems.csv`: an article a stage left out, and why."""

    stage: str
    doc_id: str
    error: str


@dataclass
class ArticleProblems:
    """The articles one stage left out because its per-article work raised on them (the first
    error of each). Pass one to a per-article loop (`isolated`) so that one bad article costs
    only itself; without one, the loop raises as before."""

    stage: str
    rows: list[StageProblem] = field(default_factory=list)

    def __contains__(self, doc_id: object) -> bool:
        return any(r.doc_id == doc_id for r in self.rows)

    def add(self, doc_id: str, exc: BaseException) -> None:
        """Record that the stage raised `exc` on article `doc_id` (once per article)."""
        if doc_id not in self:
            self.rows.append(StageProblem(self.stage, doc_id, error_line(exc)))

    def left_out(self) -> set[str]:
        """The doc_ids of the articles left out."""
        return {r.doc_id for r in self.rows}

    def without(self, frame: pd.DataFrame, column: str = "doc_id") -> pd.DataFrame:
        """`frame` without the rows of the articles left out (the same frame when none is)."""
        left_out = self.left_out()
        if not left_out:
            return frame
        return frame[~frame[column].isin(left_out)].reset_index(drop=True)

    def frame(self) -> pd.DataFrame:
        """The rows as a `stage_problems.csv` frame, in doc_id order."""
        rows = sorted(self.rows, key=lambda r: r.doc_id)
        return pd.DataFrame([(r.stage, r.doc_id, r.error) for r in rows], columns=STAGE_PROBLEMS.names)

    def check_some_left(self, doc_ids: Sequence[str] | set[str]) -> None:
        """StageFailed when the stage left out every one of `doc_ids` (and there was one)."""
        wanted = set(doc_ids)
        if wanted and wanted <= self.left_out():
            first = min(self.rows, key=lambda r: r.doc_id)
            raise StageFailed(
                f"The {self.stage} stage failed on every article ({len(wanted)}), so it has nothing to "
                f"build its tables from. First error, on {first.doc_id}: {first.error}")


def isolated(problems: ArticleProblems | None, doc_id: str, fn: Callable[..., T], *args: object,
             **kwargs: object) -> T | None:
    """`fn(*args, **kwargs)`, the work of one stage on article `doc_id`; when it raises, the
    error is recorded in `problems` and None returned (or, with no `problems`, raised)."""
    if problems is None:
        return fn(*args, **kwargs)
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001  (one article's error, whatever it is, costs only it)
        problems.add(doc_id, exc)
        return None
