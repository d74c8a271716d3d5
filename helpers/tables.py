"""Every table the workbook writes, declared once: its file name, its columns and their types.

The same schema writes a table and reads it back, so a table read from the tables folder is
the frame that was written, dtypes included (integers as `int64`, floats with an empty cell
as NaN, booleans from `True`/`False`, text as strings with an empty cell as ""). This is the
bottom layer of `helpers`: it imports nothing else from it.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import MappingProxyType

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
    """Write `df` to `folder/schema.file` as CSV; SchemaError if its columns are not the schema's."""
    schema.dtypes([str(c) for c in df.columns])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / schema.file
    df.to_csv(path, index=False)
    return path


def read_table(folder: Path, schema: Schema) -> pd.DataFrame:
    """Read `folder/schema.file` with the schema's dtypes.

    Raises OSError when the file cannot be read and ValueError (SchemaError included) when its
    header or a cell does not fit the schema.
    """
    path = folder / schema.file
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f), [])
    dtypes = schema.dtypes(header)
    return pd.read_csv(
        path, dtype={c: _READ_AS[d] for c, d in dtypes.items()}, keep_default_na=False,
        na_values={c: [""] for c, d in dtypes.items() if d is OPT_FLOAT})


def _schema(file: str, doc: str, extra: Dtype | None = None, **columns: Dtype) -> Schema:
    return Schema(file, columns, extra=extra, doc=doc)


# ---------------------------------------------------------------------------- corpus (notebook 01)

DOCUMENTS = _schema(
    "documents.csv", "One row per article loaded, with its metadata.",
    doc_id=STR, source=STR, published=STR, published_from=STR, title=STR, n_words=INT, sha256=STR,
    path=STR, url=STR, encoding=STR, outlet=STR)
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
    n_mentions=INT, status=STR, reason=STR, gazetteer_id=STR, gazetteer_name=STR, metonymy=BOOL, via=STR)

# ---------------------------------------------------------------------------- outlets (notebook 05)

QUOTES = _schema(
    "quotes.csv", "Every direct quote with its speaker.",
    doc_id=STR, start=INT, end=INT, quote=STR, speaker_entity_id=STR, speaker=STR, cue=STR, outlet=STR)
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

SCHEMAS: tuple[Schema, ...] = (
    DOCUMENTS, PROBLEMS, MENTIONS, ENTITIES, ENTITY_MERGES, MENTIONS_DROPPED, ENTITY_RELATIONS, SENTENCES,
    DOCUMENT_DATES, TIMEXES, TIMELINE, PLACES, QUOTES, QUOTES_COMPARED, CLAIMS, CLAIMS_COMPARED, REUSE,
    FRAMING, COVERAGE,
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
