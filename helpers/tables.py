"""Every table the workbook writes, declared once: its file name, its columns and their types.

`write_table` writes each table twice, from the same schema:

- `<folder>/<name>.csv`, the export an analyst opens in a spreadsheet (names and columns as
  they always were);
- `<folder>/parquet/<name>.parquet`, the table the workbook itself reads back (`read_table`)
  and that DuckDB queries (`helpers.store`), each column with its Arrow type (`ARROW_TYPES`:
  text as string, integers as int64, floats as float64 with a missing value as null, booleans
  as bool) and the text exactly as it is. The Parquet files have a folder of their own so the
  tables folder still lists the exports an analyst looks for, and one DuckDB view per file.

Each file is written to a temporary name beside it and then renamed over the old one
(`os.replace`), so a crash leaves the previous table or the new one, never half a table.
`read_table` reads only the Parquet, never the CSV: the frame read back is the frame that was
written, dtypes included (integers as `int64`, floats with a missing value as NaN, booleans,
text as strings with a missing cell as ""). A folder written by an older version, with CSVs
and no Parquet, raises OSError on reading, and the stage caches rebuild it. This is the bottom
layer of `helpers`: it imports nothing else from it.

Every CSV is safe to open in a spreadsheet (OWASP, CSV injection): a text cell beginning with
`=`, `+`, `-`, `@`, a tab or a carriage return (after any apostrophes) is written with one more
leading apostrophe, so a spreadsheet shows it as text instead of running it as a formula
(`neutralise_cell`; `restore_cell` takes it off again, for a sheet an analyst edited). Number
columns are written as they are (-5 stays -5). The apostrophe is for spreadsheets only: the
Parquet holds the text as written, so every offset points into it and a SQL query sees it.

A stage that raises on one article leaves that article out and goes on (`ArticleProblems`):
the rows of `stage_problems.csv` say which articles each stage left out, and why.
"""

from __future__ import annotations

import csv
import os
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


class Dtype(str, Enum):
    """The type of one column, as written to CSV and to Parquet, and restored on reading."""

    STR = "str"
    INT = "int"
    FLOAT = "float"
    OPT_FLOAT = "float or empty"
    """A float where an empty cell means missing (NaN)."""
    BOOL = "bool"


STR, INT, FLOAT, OPT_FLOAT, BOOL = Dtype.STR, Dtype.INT, Dtype.FLOAT, Dtype.OPT_FLOAT, Dtype.BOOL

ARROW_TYPES: Mapping[Dtype, pa.DataType] = MappingProxyType({
    STR: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), OPT_FLOAT: pa.float64(), BOOL: pa.bool_()})
"""The Arrow (and so Parquet, and DuckDB) type of each column type: VARCHAR, BIGINT, DOUBLE, BOOLEAN."""
NULLABLE: frozenset[Dtype] = frozenset({FLOAT, OPT_FLOAT})
"""The column types whose missing value (NaN) is written as null, and read back as NaN; a null
in any other column is a cell that does not fit its type."""
_READ_AS: Mapping[Dtype, str] = MappingProxyType(
    {STR: "str", INT: "int64", FLOAT: "float64", OPT_FLOAT: "float64", BOOL: "bool"})
"""The pandas dtype of each column type, in a frame read back."""

PARQUET_FOLDER = "parquet"
"""The folder, inside a tables folder, of the tables as Parquet."""


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
    def stem(self) -> str:
        """The table's name without `.csv` (`mentions`): its Parquet file's and its DuckDB view's."""
        return self.file.removesuffix(".csv")

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


def parquet_path(folder: Path, schema: Schema) -> Path:
    """Where `write_table` writes the table as Parquet: `folder/parquet/<stem>.parquet`."""
    return folder / PARQUET_FOLDER / f"{schema.stem}.parquet"


def write_table(df: pd.DataFrame, folder: Path, schema: Schema, *, parquet: bool = True) -> Path:
    """Write `df` to `folder/schema.file` as CSV, text cells safe in a spreadsheet
    (`neutralise_cell`), and (unless `parquet` is False, for a sheet an analyst edits, of
    which the CSV is the only copy) to `parquet_path` with its text as it is; return the CSV's
    path. SchemaError if its columns are not the schema's; each file is replaced atomically."""
    header = [str(c) for c in df.columns]
    dtypes = schema.dtypes(header)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / schema.file
    types = list(dtypes.values())
    if parquet:
        table = arrow_table(df, types, header)
        target = parquet_path(folder, schema)
        target.parent.mkdir(exist_ok=True)
        _replace_atomically(target, lambda tmp: pq.write_table(table, tmp))
    # The csv writer does not quote a text holding a lone CR (an article saved with CR line
    # ends), and a reader takes that CR for the end of the row: such a table quotes its texts.
    quoting = csv.QUOTE_NONNUMERIC if _any_text_cell(df, types, "\r") else csv.QUOTE_MINIMAL
    csv_frame = neutralised(df, types)
    _replace_atomically(path, lambda tmp: csv_frame.to_csv(tmp, index=False, quoting=quoting))
    return path


def _replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """`write(tmp)` to a temporary file beside `path`, then rename it to `path` in one step, so
    that `path` is always either the old file or the whole new one (no temporary file is left
    when `write` raises)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _text_cells_where(column: pd.Series, found: Callable[[Any], pd.Series]) -> pd.Series:
    """Which cells of `column` (a boolean series) are texts for which `found`, a test on its
    `.str` accessor (vectorised), holds; none when the column holds no text at all."""
    try:
        hits = found(column.str).to_numpy(dtype=bool, na_value=False)
    except AttributeError:  # a column without a single text cell has no `.str`
        hits = [False] * len(column)
    return pd.Series(hits, index=column.index, dtype=bool)


def _any_text_cell(df: pd.DataFrame, dtypes: Sequence[Dtype], char: str) -> bool:
    """Whether a cell of a text column of `df` holds `char`."""
    return any(_text_cells_where(df.iloc[:, i], lambda s: s.contains(char, regex=False)).any()
               for i, dtype in enumerate(dtypes) if dtype is STR)


def _text(value: object) -> str:
    """A cell of a text column as the CSV writes it: missing (None, NaN) as "", else its `str`."""
    if isinstance(value, str):
        return value
    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)


def _text_array(column: pd.Series) -> pa.Array:
    """A text column as Arrow strings, as the CSV writes it: a missing cell as "", any other
    value that is not a text as its `str`."""
    try:
        array = pa.array(column, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a number or a flag among the texts
        return pa.array([_text(v) for v in column], type=pa.string())
    return array.fill_null("") if array.null_count else array


def arrow_table(df: pd.DataFrame, dtypes: Sequence[Dtype], header: Sequence[str]) -> pa.Table:
    """`df` as an Arrow table with the columns `header` of the types `dtypes` (`ARROW_TYPES`),
    its text as it is; ValueError when a cell does not fit its column's type (a fraction or a
    missing value in an integer column)."""
    arrays = []
    for i, (name, dtype) in enumerate(zip(header, dtypes)):
        column = df.iloc[:, i]
        try:
            array = _text_array(column) if dtype is STR else pa.array(
                column.to_numpy(), type=ARROW_TYPES[dtype], from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise ValueError(f"column {name!r}: {exc}") from exc
        if array.null_count and dtype not in NULLABLE:
            raise ValueError(f"column {name!r} ({dtype.value}) has {array.null_count} missing value(s)")
        arrays.append(array)
    return pa.Table.from_arrays(arrays, names=list(header))


def _checked_types(schema: Schema, found: pa.Schema) -> dict[str, Dtype]:
    """The schema's dtypes of the columns `found`; SchemaError when the columns or their Arrow
    types are not the schema's."""
    dtypes = schema.dtypes(found.names)
    for name, dtype in dtypes.items():
        kind = found.field(name).type
        if kind != ARROW_TYPES[dtype]:
            raise SchemaError(f"{schema.file}: column {name!r} is {kind}, not {ARROW_TYPES[dtype]}")
    return dtypes


def check_table(folder: Path, schema: Schema) -> None:
    """What `read_table` checks of a table's file, from its footer: the file is there and is
    Parquet (OSError, or ValueError), its columns and their types are the schema's
    (SchemaError), and no column that must have a value has a missing one (ValueError, from
    the null counts the footer keeps; a file written without them is read in full)."""
    path = parquet_path(folder, schema)
    meta = pq.read_metadata(path)
    dtypes = _checked_types(schema, meta.schema.to_arrow_schema())
    for i in range(meta.num_row_groups):
        group = meta.row_group(i)
        for j in range(group.num_columns if group.num_rows else 0):  # an empty group keeps no statistics
            column = group.column(j)
            dtype = dtypes.get(column.path_in_schema)
            if dtype is None or dtype in NULLABLE:
                continue
            stats = column.statistics
            if stats is None or not stats.has_null_count:
                read_table(folder, schema)
                return
            if stats.null_count:
                raise ValueError(f"{schema.file}: column {column.path_in_schema!r} ({dtype.value}) has "
                                 f"{stats.null_count} missing value(s)")


def read_table(folder: Path, schema: Schema) -> pd.DataFrame:
    """The table `write_table` wrote to `folder`, read from its Parquet file (never from the
    CSV) with the schema's dtypes and its text exactly as it was.

    Raises OSError when the file is missing or cannot be read (a folder written before there
    was Parquet) and ValueError (SchemaError included) when its columns or their types do not
    fit the schema.
    """
    table = pq.read_table(parquet_path(folder, schema))
    dtypes = _checked_types(schema, table.schema)
    for name, dtype in dtypes.items():
        nulls = table.column(name).null_count
        if nulls and dtype not in NULLABLE:
            raise ValueError(f"{schema.file}: column {name!r} ({dtype.value}) has {nulls} missing value(s)")
    frame = table.to_pandas()
    return frame.astype({c: _READ_AS[d] for c, d in dtypes.items()})


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
        hit = _text_cells_where(column, lambda s: s.match(pattern.pattern))
        if hit.any():
            if out is df:
                out = df.copy()
            values = column.to_numpy(dtype=object, copy=True)
            mask = hit.to_numpy()
            values[mask] = [fn(v) for v in values[mask]]
            out.isetitem(i, values)
    return out


def neutralised(df: pd.DataFrame, dtypes: Sequence[Dtype]) -> pd.DataFrame:
    """`df` as written to CSV: text cells neutralised (`neutralise_cell`); `dtypes` are its
    columns' types, in order. Number and boolean columns are never touched."""
    return _map_text_columns(df, dtypes, _NEEDS_APOSTROPHE, neutralise_cell)


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
