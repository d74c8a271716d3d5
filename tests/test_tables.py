"""One schema per table (helpers.tables), used to write it and to read it back with its dtypes."""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers import corpus as corpus_mod
from helpers import stages, tables

COLUMN_CONSTANTS = [
    ("helpers.corpus", "DOCUMENT_COLUMNS", tables.DOCUMENTS),
    ("helpers.corpus", "PROBLEM_COLUMNS", tables.PROBLEMS),
    ("helpers.entities", "MENTION_COLUMNS", tables.MENTIONS),
    ("helpers.entities", "ENTITY_COLUMNS", tables.ENTITIES),
    ("helpers.entities", "MERGE_COLUMNS", tables.ENTITY_MERGES),
    ("helpers.entities", "DROPPED_COLUMNS", tables.MENTIONS_DROPPED),
    ("helpers.entities", "RELATION_COLUMNS", tables.ENTITY_RELATIONS),
    ("helpers.timeline", "DATE_COLUMNS", tables.DOCUMENT_DATES),
    ("helpers.timeline", "TIMEX_COLUMNS", tables.TIMEXES),
    ("helpers.timeline", "EVENT_COLUMNS", tables.TIMELINE),
    ("helpers.places", "PLACE_COLUMNS", tables.PLACES),
    ("helpers.outlets.compare", "QUOTE_COLUMNS", tables.QUOTES),
    ("helpers.outlets.compare", "CLAIM_COLUMNS", tables.CLAIMS),
    ("helpers.outlets.compare", "REUSE_COLUMNS", tables.REUSE),
]


@pytest.mark.parametrize("module,name,schema", COLUMN_CONSTANTS, ids=[n for _, n, _ in COLUMN_CONSTANTS])
def test_each_schema_has_the_columns_of_its_stage_constant(module: str, name: str, schema: tables.Schema) -> None:
    assert list(getattr(importlib.import_module(module), name)) == schema.names


def test_every_table_is_declared_once() -> None:
    files = [s.file for s in tables.SCHEMAS]
    assert len(files) == len(set(files)) == 20
    stage_schemas = [s for t in (stages.ENTITY_TABLES, stages.TIMELINE_TABLES, stages.PLACE_TABLES,
                                 stages.SOURCES_TABLES) for s in t.values()]
    assert set(stage_schemas) | {tables.DOCUMENTS, tables.PROBLEMS, tables.STAGE_PROBLEMS} == set(tables.SCHEMAS)


SAMPLE = tables.Schema("sample.csv", {"name": tables.STR, "n": tables.INT, "share": tables.FLOAT,
                                      "lat": tables.OPT_FLOAT, "ok": tables.BOOL}, extra=tables.INT)


def test_read_table_restores_every_dtype(tmp_path) -> None:
    df = pd.DataFrame({"name": ["", "NA", "x, \"y\""], "n": [1, 2, 3], "share": [0.1, 2.0, 1 / 3],
                       "lat": [np.nan, 33.51, -0.0], "ok": [True, False, True], "outlet A": [0, 4, 7]})
    path = tables.write_table(df, tmp_path, SAMPLE)
    assert path == tmp_path / "sample.csv"
    back = tables.read_table(tmp_path, SAMPLE)
    pd.testing.assert_frame_equal(back, df.astype({"name": "str"}), check_exact=True)
    assert back["name"].tolist() == ["", "NA", "x, \"y\""]  # empty text stays "", never NaN
    assert str(back["n"].dtype) == "int64" and back["ok"].dtype == bool and np.isnan(back["lat"].iloc[0])


def test_a_text_column_holding_other_values_reads_back_as_the_csv_shows_them(tmp_path) -> None:
    """A number or a gap in a text column is written as the CSV writes it (`5`, ``), in both files."""
    schema = tables.Schema("mixed.csv", {"text": tables.STR})
    tables.write_table(pd.DataFrame({"text": ["a", 5, 1.5, None, np.nan, True]}, dtype=object), tmp_path, schema)
    expected = ["a", "5", "1.5", "", "", "True"]
    with (tmp_path / "mixed.csv").open(encoding="utf-8", newline="") as f:
        assert [row[0] for row in csv.reader(f)][1:] == expected
    assert tables.read_table(tmp_path, schema)["text"].tolist() == expected


def test_an_empty_table_reads_with_its_dtypes(tmp_path) -> None:
    tables.write_table(pd.DataFrame(columns=SAMPLE.names), tmp_path, SAMPLE)
    back = tables.read_table(tmp_path, SAMPLE)
    assert back.empty and list(back.columns) == SAMPLE.names
    assert [str(t) for t in back.dtypes] == ["str", "int64", "float64", "float64", "bool"]


def _write_parquet_by_hand(folder: Path, schema: tables.Schema, columns: dict[str, pa.Array]) -> None:
    """A Parquet file for `schema` in `folder`, written by another program (not `write_table`)."""
    path = tables.parquet_path(folder, schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), path)


def test_columns_other_than_the_schema_are_refused(tmp_path) -> None:
    with pytest.raises(tables.SchemaError):
        tables.write_table(pd.DataFrame(columns=["n", "name"]), tmp_path, SAMPLE)
    strict = tables.Schema("strict.csv", {"a": tables.STR})
    with pytest.raises(tables.SchemaError):
        tables.write_table(pd.DataFrame(columns=["a", "b"]), tmp_path, strict)
    assert not (tmp_path / "strict.csv").exists() and not tables.parquet_path(tmp_path, strict).exists()
    _write_parquet_by_hand(tmp_path, strict, {"a": pa.array(["x"]), "b": pa.array(["y"])})
    with pytest.raises(tables.SchemaError):
        tables.read_table(tmp_path, strict)
    _write_parquet_by_hand(tmp_path, strict, {"a": pa.array(["x"])})
    assert tables.read_table(tmp_path, strict)["a"].tolist() == ["x"]


def test_a_cell_that_does_not_fit_its_type_is_an_error(tmp_path) -> None:
    schema = tables.Schema("bad.csv", {"n": tables.INT})
    _write_parquet_by_hand(tmp_path, schema, {"n": pa.array(["1", "2.5"])})  # text where integers belong
    with pytest.raises(ValueError):
        tables.read_table(tmp_path, schema)
    _write_parquet_by_hand(tmp_path, schema, {"n": pa.array([1, None], pa.int64())})  # a missing integer
    with pytest.raises(ValueError):
        tables.read_table(tmp_path, schema)


def test_a_frame_that_does_not_fit_its_types_is_not_written(tmp_path) -> None:
    """A fraction or a gap in an integer column stops the write: no file is left that could not be read back."""
    schema = tables.Schema("bad.csv", {"n": tables.INT, "ok": tables.BOOL})
    for frame in (pd.DataFrame({"n": [1.0, 2.5], "ok": [True, False]}),
                  pd.DataFrame({"n": [1.0, np.nan], "ok": [True, False]}),
                  pd.DataFrame({"n": [1, 2], "ok": [True, None]})):
        with pytest.raises(ValueError):
            tables.write_table(frame, tmp_path, schema)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == []


def test_seed_tables_read_back_equal_the_frames_built_fresh(seed_run) -> None:
    """Every table of the seed run, read with its schema, is the frame that was written."""
    cfg = seed_run.cfg
    fresh = {
        **{tables.DOCUMENTS: seed_run.corpus.documents},
        **{schema: getattr(seed_run.entities, key) for key, schema in stages.ENTITY_TABLES.items()},
        **{schema: getattr(seed_run.timeline, key) for key, schema in stages.TIMELINE_TABLES.items()},
        tables.PLACES: seed_run.places,
        **{schema: getattr(seed_run.sources, key) for key, schema in stages.SOURCES_TABLES.items()},
    }
    corpus_mod.write_tables(seed_run.corpus, cfg.derived)
    assert set(fresh) == set(tables.SCHEMAS) - {tables.PROBLEMS, tables.STAGE_PROBLEMS}  # the seeds have no problem
    for schema, frame in fresh.items():
        assert not frame.empty, schema.file
        pd.testing.assert_frame_equal(tables.read_table(cfg.derived, schema), frame, check_exact=True,
                                      obj=schema.file)


def test_documents_and_problems_read_back_equal_the_frames_built_fresh(tmp_path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2018-09-07\nTitle\n\nBody of a.\n")
    (folder / "b.txt").write_bytes("Caf\xe9 au lait, na\xefve.\n".encode("cp1252"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    corpus = corpus_mod.load_corpus(folder)
    corpus_mod.write_tables(corpus, tmp_path / "out")
    pd.testing.assert_frame_equal(tables.read_table(tmp_path / "out", tables.DOCUMENTS), corpus.documents)
    assert len(corpus.problems_table) == 3
    pd.testing.assert_frame_equal(tables.read_table(tmp_path / "out", tables.PROBLEMS), corpus.problems_table)
