"""The embedded analytic store (issue 11, item 2): every derived table is also a Parquet file,
the workbook reads the Parquet back (never the CSV export), and `helpers.store` gives DuckDB
views over those files, with the text exactly as the articles have it."""

from __future__ import annotations

import ast
import csv
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import entity_tables
from helpers import corpus as corpus_mod
from helpers import settings, stages, store, tables
from helpers.stages import cache

TITLE = '=HYPERLINK("http://x","y")'
ARTICLES = {
    "geneva": ("Talks in Geneva\n\nThe United Nations envoy Staffan de Mistura met officials of Russia and "
               "Turkey in Geneva on Monday. Russia said the talks would go on.\n"),
    "ankara": ("Talks in Ankara\n\nOfficials of Turkey and Russia met in Ankara on Tuesday, and Turkey "
               "said the United Nations would join them.\n"),
}
METADATA = ("doc_id,source,url,published,title\n"
            f'geneva,@Daily,,2018-09-05,"{TITLE.replace(chr(34), 2 * chr(34))}"\n'
            "ankara,The Ankara Post,,2018-09-06,Talks in Ankara\n")
ENTITY_STAGE_TABLES = {"documents", "problems", "mentions", "entities", "entity_merges", "mentions_dropped",
                       "entity_relations", "sentences", "stage_problems"}
"""The tables the corpus and the entity stage write."""


@pytest.fixture(scope="module")
def entity_run(tmp_path_factory: pytest.TempPathFactory) -> settings.Settings:
    """Two articles, one titled with a spreadsheet formula, through the corpus and entity stages."""
    folder = tmp_path_factory.mktemp("store-corpus")
    for doc_id, text in ARTICLES.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (folder / "metadata.csv").write_text(METADATA, encoding="utf-8")
    return entity_tables(folder, tmp_path_factory.mktemp("store-out"))


@pytest.fixture(scope="module")
def seed_tables(seed_run):
    """The seed run with its corpus tables written too, as notebook 01 writes them."""
    corpus_mod.write_tables(seed_run.corpus, seed_run.cfg.derived)
    return seed_run


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _copy_of(cfg: settings.Settings, out: Path) -> settings.Settings:
    """The same run with its output folder (tables, fingerprints, annotation cache) copied to `out`."""
    shutil.copytree(cfg.derived, out / "derived")
    return settings.Settings(corpus=cfg.corpus, out=out, spacy_model=cfg.spacy_model)


# ---------------------------------------------------------------------------- the files written


def test_each_table_is_written_as_csv_and_parquet_with_the_same_columns(entity_run: settings.Settings) -> None:
    for schema in tables.SCHEMAS:
        if schema.stem not in ENTITY_STAGE_TABLES:
            assert not (entity_run.derived / schema.file).exists(), schema.file  # no stage wrote it
            assert not tables.parquet_path(entity_run.derived, schema).exists(), schema.file
            continue
        header = _csv_rows(entity_run.derived / schema.file)[0]
        assert header == schema.names, schema.file  # the export an analyst opens is as it was
        parquet = tables.parquet_path(entity_run.derived, schema)
        assert parquet == entity_run.derived / "parquet" / f"{schema.stem}.parquet"
        assert pq.ParquetFile(parquet).schema_arrow.names == schema.names
    leftovers = [p.name for p in entity_run.derived.rglob("*.tmp")]
    assert leftovers == []  # every file was renamed into place, no temporary one is left


def test_a_formula_is_neutralised_in_the_csv_only(entity_run: settings.Settings) -> None:
    rows = _csv_rows(entity_run.derived / "documents.csv")
    geneva = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == "geneva")))
    assert geneva["title"] == "'" + TITLE and geneva["source"] == "'@Daily"
    parquet = pq.read_table(tables.parquet_path(entity_run.derived, tables.DOCUMENTS)).to_pandas()
    assert parquet.set_index("doc_id").loc["geneva", "title"] == TITLE
    got = store.query(entity_run, "SELECT title, source FROM documents WHERE doc_id = ?", ["geneva"])
    assert got.to_dict("records") == [{"title": TITLE, "source": "@Daily"}]  # no apostrophe in SQL


def test_arrow_types_follow_the_schema(tmp_path: Path) -> None:
    schema = tables.Schema("sample.csv", {"name": tables.STR, "n": tables.INT, "share": tables.FLOAT,
                                          "lat": tables.OPT_FLOAT, "ok": tables.BOOL}, extra=tables.INT)
    frame = pd.DataFrame({"name": ["-5 dead", "", "x"], "n": [-5, 0, 7], "share": [0.5, 1.0, -2.0],
                          "lat": [np.nan, 33.5, -1.0], "ok": [True, False, True], "Outlet A": [1, 2, 3]})
    tables.write_table(frame, tmp_path, schema)
    with store.connect(tmp_path) as con:
        # `sample` is not a table of `tables.SCHEMAS`: it gets no view
        assert con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone() == (0,)
        got = con.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))",
                          [str(tables.parquet_path(tmp_path, schema))]).fetchall()
        assert got == [("name", "VARCHAR"), ("n", "BIGINT"), ("share", "DOUBLE"), ("lat", "DOUBLE"),
                       ("ok", "BOOLEAN"), ("Outlet A", "BIGINT")]
        nulls = con.execute("SELECT count(*) - count(lat), min(name) FROM read_parquet(?)",
                            [str(tables.parquet_path(tmp_path, schema))]).fetchone()
    assert nulls == (1, "")  # a missing latitude is NULL; an empty text is "", not NULL


# ---------------------------------------------------------------------------- reading back


def test_read_table_never_opens_the_csv(entity_run: settings.Settings, tmp_path: Path) -> None:
    """The exports may be deleted or mangled in a spreadsheet: the workbook reads the Parquet."""
    cfg = _copy_of(entity_run, tmp_path)
    before = {s.stem: tables.read_table(cfg.derived, s) for s in tables.SCHEMAS if s.stem in ENTITY_STAGE_TABLES}
    for i, schema in enumerate(s for s in tables.SCHEMAS if s.stem in ENTITY_STAGE_TABLES):
        csv_path = cfg.derived / schema.file
        if i % 2:
            csv_path.unlink()
        else:
            csv_path.write_text("not,the,header\n=1+1,\x00,\n", encoding="utf-8")
    for stem, frame in before.items():
        pd.testing.assert_frame_equal(tables.read_table(cfg.derived, tables.SCHEMAS[_index(stem)]), frame,
                                      check_exact=True, obj=stem)
    stamp = (cfg.derived / ".entities.fingerprint").read_text()
    cached = cache.read_cached(cfg.derived, stages.ENTITY_TABLES, stamp, stages.STAGES["entities"])
    assert cached is not None  # the stage's cache is served from the Parquet, the CSVs do not matter
    pd.testing.assert_frame_equal(cached["mentions"], before["mentions"], check_exact=True)
    assert cached["mentions"]["text"].str.len().gt(0).all()


def _index(stem: str) -> int:
    return next(i for i, s in enumerate(tables.SCHEMAS) if s.stem == stem)


def test_a_folder_of_csvs_only_is_rebuilt(entity_run: settings.Settings, tmp_path: Path) -> None:
    """A tables folder from before Parquet (fingerprints and CSVs, no Parquet) is rebuilt, not read."""
    cfg = _copy_of(entity_run, tmp_path)
    shutil.rmtree(cfg.derived / tables.PARQUET_FOLDER)
    with pytest.raises(OSError):
        tables.read_table(cfg.derived, tables.MENTIONS)
    with stages.recording() as log:
        ents = stages.entities(cfg)
    assert log.rebuilt() == {"entities"}
    assert tables.parquet_path(cfg.derived, tables.MENTIONS).is_file()
    pd.testing.assert_frame_equal(ents.mentions, tables.read_table(entity_run.derived, tables.MENTIONS),
                                  check_exact=True)


def test_a_result_read_back_reads_only_the_tables_used(entity_run: settings.Settings, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A notebook that shows the mentions of a stage with six tables reads one Parquet file,
    and the table it reads is the one the stage wrote."""
    cfg = _copy_of(entity_run, tmp_path)
    read: list[str] = []
    real = tables.read_table
    monkeypatch.setattr(tables, "read_table", lambda folder, schema: read.append(schema.stem) or real(folder, schema))
    with stages.recording() as log:
        ents = stages.entities(cfg)
    assert log.rebuilt() == set() and read == []
    pd.testing.assert_frame_equal(ents.mentions, real(entity_run.derived, tables.MENTIONS), check_exact=True)
    assert ents.mentions is ents.mentions and read == ["mentions"]
    assert set(ents.frames()) == set(stages.ENTITY_TABLES)
    with pytest.raises(AttributeError):
        ents.no_such_table


def test_a_result_whose_tables_were_rebuilt_since_says_so(entity_run: settings.Settings, tmp_path: Path) -> None:
    """Tables are never mixed from two builds: once the stage's fingerprint has changed (the
    stage rebuilt by another notebook or `make report`), a table not yet read raises, naming
    the call to make again; one already read stays as it was."""
    cfg = _copy_of(entity_run, tmp_path)
    ents = stages.entities(cfg)
    mentions = ents.mentions
    (cfg.derived / ".entities.fingerprint").write_text("another build\n")
    with pytest.raises(cache.StaleTables, match=r"stages\.entities"):
        ents.relations
    assert ents.mentions is mentions


def test_a_table_file_not_of_its_schema_is_rebuilt_before_anything_is_read(entity_run: settings.Settings,
                                                                           tmp_path: Path) -> None:
    """The footers are checked when the result is read back: a Parquet file with a column of
    another type (or no Parquet at all) rebuilds the stage, as when every table was read."""
    cfg = _copy_of(entity_run, tmp_path)
    path = tables.parquet_path(cfg.derived, tables.ENTITY_RELATIONS)
    frame = pq.read_table(path).to_pandas()
    frame[frame.columns[-1]] = frame[frame.columns[-1]].astype("float64")
    frame.to_parquet(path)
    with stages.recording() as log:
        stages.entities(cfg)
    assert log.rebuilt() == {"entities"}
    tables.read_table(cfg.derived, tables.ENTITY_RELATIONS)


def test_a_table_rewritten_under_the_same_fingerprint_is_not_mixed_in(entity_run: settings.Settings,
                                                                       tmp_path: Path) -> None:
    """A rebuild with the same inputs (`refresh=True`) keeps the fingerprint but replaces the
    files: a table not yet read raises rather than come from the other build."""
    cfg = _copy_of(entity_run, tmp_path)
    ents = stages.entities(cfg)
    ents.mentions
    fresh = stages.entities(cfg, refresh=True)
    assert set(fresh.frames()) == set(stages.ENTITY_TABLES)  # the rebuilt result has every table, sentences too
    with pytest.raises(cache.StaleTables):
        ents.entities
    pd.testing.assert_frame_equal(stages.entities(cfg).entities, fresh.entities, check_exact=True)


def test_missing_values_in_a_column_that_needs_one_rebuild_the_stage(tmp_path: Path) -> None:
    """The footer's null counts are checked as read_table checks the rows: a file whose integer
    column has a missing value is not served from the cache."""
    schema = tables.Schema("t.csv", {"n": tables.INT, "label": tables.STR})
    path = tables.parquet_path(tmp_path, schema)
    path.parent.mkdir(parents=True)
    pq.write_table(pa.table({"n": pa.array([1, None], pa.int64()), "label": ["a", "b"]}), path)
    with pytest.raises(ValueError, match="missing value"):
        tables.check_table(tmp_path, schema)
    stage = stages.STAGES["places"]
    (tmp_path / f".{stage.name}.fingerprint").write_text("stamp")
    assert cache.read_cached(tmp_path, {"t": schema}, "stamp", stage) is None
    pq.write_table(pa.table({"n": pa.array([], pa.int64()), "label": pa.array([], pa.string())}), path)
    tables.check_table(tmp_path, schema)  # an empty table (no statistics kept) is fine


def test_a_failed_write_leaves_the_previous_table(tmp_path: Path) -> None:
    schema = tables.Schema("t.csv", {"n": tables.INT})
    tables.write_table(pd.DataFrame({"n": [1, 2]}), tmp_path, schema)
    with pytest.raises(ValueError):
        tables.write_table(pd.DataFrame({"n": [1.5]}), tmp_path, schema)
    assert tables.read_table(tmp_path, schema)["n"].tolist() == [1, 2]
    assert _csv_rows(tmp_path / "t.csv") == [["n"], ["1"], ["2"]]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["t.csv", "t.parquet"]


def test_a_sheet_written_without_parquet_is_the_csv_alone(tmp_path: Path) -> None:
    """A sheet an analyst edits (the CSV is its only copy) gets no Parquet that could go stale."""
    schema = tables.Schema("sheet.csv", {"text": tables.STR})
    path = tables.write_table(pd.DataFrame({"text": ["=1+1"]}), tmp_path, schema, parquet=False)
    assert _csv_rows(path) == [["text"], ["'=1+1"]]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["sheet.csv"]
    with pytest.raises(OSError):
        tables.read_table(tmp_path, schema)


# ---------------------------------------------------------------------------- DuckDB views


def test_every_table_of_the_seed_run_is_a_view(seed_tables) -> None:
    available = store.tables_available(seed_tables.cfg)
    names = [t.name for t in available]
    written = [s.stem for s in tables.SCHEMAS if tables.parquet_path(seed_tables.cfg.derived, s).is_file()]
    assert names == written
    assert {"documents", "mentions", "entities", "places", "quotes", "timexes", "timeline", "claims"} <= set(names)
    with store.connect(seed_tables.cfg) as con:
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert views == set(names)
        assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchone() == (0,)  # views only: nothing copied
        for table in available:
            frame = tables.read_table(seed_tables.cfg.derived, tables.SCHEMAS[_index(table.name)])
            assert table.rows == len(frame) == con.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
            assert table.columns == len(frame.columns) and table.doc


def test_a_sql_aggregate_equals_the_pandas_one(seed_tables) -> None:
    """Mentions per outlet and entity type, in SQL over the views and in pandas over the frames."""
    sql = store.query(seed_tables.cfg, """
        SELECT d.outlet, m.type, count(*) AS n, count(DISTINCT m.entity_id) AS n_entities
        FROM mentions m JOIN documents d USING (doc_id)
        GROUP BY d.outlet, m.type ORDER BY d.outlet, m.type""")
    mentions = seed_tables.entities.mentions.merge(seed_tables.corpus.documents[["doc_id", "outlet"]], on="doc_id")
    expected = (mentions.groupby(["outlet", "type"]).agg(n=("doc_id", "size"), n_entities=("entity_id", "nunique"))
                .reset_index().sort_values(["outlet", "type"], ignore_index=True))
    assert len(sql) > 1
    assert sql.astype({"n": "int64", "n_entities": "int64"}).to_dict("records") == expected.to_dict("records")


def test_quotes_by_speaker_and_the_offsets_slice_the_text(seed_tables) -> None:
    got = store.query(seed_tables.cfg, """
        SELECT speaker, count(*) AS n FROM quotes WHERE speaker <> '' GROUP BY speaker ORDER BY n DESC, speaker""")
    quotes = seed_tables.sources.quotes
    expected = quotes[quotes["speaker"] != ""].groupby("speaker").size()
    assert dict(zip(got["speaker"], got["n"])) == expected.to_dict() and len(got) > 0
    texts = {a.doc_id: a.text for a in seed_tables.corpus.articles}
    rows = store.query(seed_tables.cfg, "SELECT doc_id, start, \"end\", text FROM mentions ORDER BY doc_id, start")
    assert all(texts[d][s:e] == t for d, s, e, t in rows.itertuples(index=False, name=None))


def test_a_view_reads_the_table_as_last_written(tmp_path: Path) -> None:
    """The views read the files in place: a table rewritten after `connect` is seen as it now is."""
    frame = pd.DataFrame({"stage": ["entities"], "doc_id": ["a"], "error": ["ValueError: x"]})
    tables.write_table(frame, tmp_path, tables.STAGE_PROBLEMS)
    with store.connect(tmp_path) as con:
        assert con.execute("SELECT count(*) FROM stage_problems").fetchone() == (1,)
        tables.write_table(pd.concat([frame, frame.assign(doc_id="b")]), tmp_path, tables.STAGE_PROBLEMS)
        assert con.execute("SELECT count(*) FROM stage_problems").fetchone() == (2,)


def test_paths_and_values_from_outside_cannot_change_the_sql(tmp_path: Path) -> None:
    """A folder whose name has quotes in it, and a text that looks like SQL, stay data."""
    folder = tmp_path / "it's \"here\"; DROP VIEW x; --"
    evil = "'); DROP VIEW stage_problems; --"
    tables.write_table(pd.DataFrame({"stage": ["s"], "doc_id": [evil], "error": ["e"]}), folder,
                       tables.STAGE_PROBLEMS)
    assert [t.name for t in store.tables_available(folder)] == ["stage_problems"]
    assert store.query(folder, "SELECT doc_id FROM stage_problems WHERE doc_id = ?", [evil])["doc_id"].tolist() == [evil]
    assert store.quote_identifier('a"b') == '"a""b"' and store.quote_literal("it's") == "'it''s'"


def test_an_empty_folder_has_no_view_and_the_connection_stays_offline(tmp_path: Path) -> None:
    assert store.tables_available(tmp_path) == []
    with store.connect(tmp_path) as con:
        assert con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone() == (0,)
        assert con.execute("SELECT current_setting('autoinstall_known_extensions')").fetchone() == (False,)


def test_the_example_queries_of_the_module_docstring_run(seed_tables) -> None:
    """The queries `helpers.store` shows an analyst run on the seeds' tables and find something."""
    examples = re.findall(r"store\.query\(cfg, '''(.*?)'''(?:, (\[.*?\]))?\)", store.__doc__ or "", re.DOTALL)
    assert len(examples) >= 5
    for sql, params in examples:
        got = store.query(seed_tables.cfg, sql, ast.literal_eval(params) if params else None)
        assert list(got.columns), sql
    top = store.query(seed_tables.cfg, examples[0][0])
    assert len(top) > 0 and top.groupby("outlet").size().max() <= 5
