"""SQL over the derived tables: DuckDB, the embedded database, with one view per table.

Every table a notebook writes is also a Parquet file (`tables.write_table`, in
`<tables folder>/parquet/`). `connect(cfg)` opens an in-memory DuckDB connection on which each
of those tables (every schema of `tables.SCHEMAS` whose Parquet file exists) is a view named
after its CSV export without `.csv`: `documents`, `mentions`, `entities`, `places`, `quotes`,
`timexes`, `timeline`, ... The views read the Parquet files where they are (`read_parquet`,
nothing is copied or loaded up front), so a view always shows the table as last written; a
table that did not exist yet when `connect` ran has no view until the next `connect`. Texts
are as the article has them (the apostrophe that keeps a formula inert in a spreadsheet is in
the CSV only), so `start`/`end` offsets slice them exactly.

`tables_available(cfg)` lists the views with their row counts and what each holds;
`query(cfg, sql)` runs one query on a fresh connection and returns a pandas frame. Values that
come from outside (a doc_id, an entity's name) go in as parameters (`?`), never pasted into
the SQL. The connection never installs a DuckDB extension from the network.

Queries an analyst would write::

    from helpers import store

    # the five entities each outlet mentions most
    store.query(cfg, '''
        SELECT d.outlet, e.name, e.type, count(*) AS n_mentions
        FROM mentions m JOIN documents d USING (doc_id) JOIN entities e USING (entity_id)
        GROUP BY d.outlet, e.name, e.type
        QUALIFY row_number() OVER (PARTITION BY d.outlet ORDER BY count(*) DESC, e.name) <= 5
        ORDER BY d.outlet, n_mentions DESC, e.name''')

    # who is quoted most, and in how many outlets
    store.query(cfg, '''
        SELECT speaker, speaker_type, count(*) AS n_quotes, count(DISTINCT outlet) AS n_outlets
        FROM quotes WHERE speaker <> ''
        GROUP BY speaker, speaker_type ORDER BY n_quotes DESC, speaker LIMIT 10''')

    # every quote of one speaker, with the article's title (a parameter, not pasted text)
    store.query(cfg, '''
        SELECT q.outlet, d.title, q.quote FROM quotes q JOIN documents d USING (doc_id)
        WHERE q.speaker = ? ORDER BY d.published, q.start''', ["Staffan de Mistura"])

    # dated events per day, with how many outlets report each day
    store.query(cfg, '''
        SELECT date, count(*) AS n_events, count(DISTINCT outlet) AS n_outlets
        FROM timeline WHERE granularity = 'day' GROUP BY date ORDER BY date''')

    # the resolved places on the map, most mentioned first
    store.query(cfg, '''
        SELECT name, country_code, feature_kind, lat, lon, n_mentions FROM places
        WHERE status = 'resolved' ORDER BY n_mentions DESC, name''')

In a notebook, `con = store.connect(cfg)` once, then `con.sql("...").df()` for each query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from . import tables
from .settings import Settings

OFFLINE_CONFIG: Mapping[str, object] = {"autoinstall_known_extensions": False}
"""DuckDB settings of every connection: nothing is fetched from the network (no extension is
downloaded, even when a query names a function of one that is not installed)."""


@dataclass(frozen=True)
class StoredTable:
    """One derived table as a view of the connection: its name, its size and what it holds."""

    name: str
    """The view's name (`mentions`), the CSV export's name without `.csv`."""
    rows: int
    columns: int
    doc: str
    """What one row is (the schema's description)."""
    path: Path
    """The Parquet file the view reads."""


def tables_folder(cfg: Settings | Path) -> Path:
    """The folder the derived tables are written to: `cfg.derived`, or the folder given."""
    return cfg.derived if isinstance(cfg, Settings) else Path(cfg)


def tables_available(cfg: Settings | Path) -> list[StoredTable]:
    """The derived tables that have been written (their Parquet file exists), in the order the
    notebooks write them, with their row and column counts (from the files' footers: no table
    is read)."""
    folder = tables_folder(cfg)
    found = []
    for schema in tables.SCHEMAS:
        path = tables.parquet_path(folder, schema)
        if path.is_file():
            meta = pq.ParquetFile(path).metadata
            found.append(StoredTable(schema.stem, meta.num_rows, meta.num_columns, schema.doc, path))
    return found


def quote_identifier(name: str) -> str:
    """`name` as a SQL identifier, in double quotes (a double quote inside doubled)."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """`text` as a SQL string literal, in single quotes (a single quote inside doubled)."""
    return "'" + text.replace("'", "''") + "'"


def view_sql(table: StoredTable) -> str:
    """The statement that makes `table` a view reading its Parquet file in place. DuckDB takes
    no parameter in a CREATE VIEW, so the path is quoted as a literal; the view's name comes
    from the schema, never from a table's content."""
    source = quote_literal(str(table.path.resolve()))
    return f"CREATE OR REPLACE VIEW {quote_identifier(table.name)} AS SELECT * FROM read_parquet({source})"


def connect(cfg: Settings | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection on which every derived table written so far is a view
    (`tables_available`), named after its file (`mentions`, `entities`, `quotes`, ...)."""
    con = duckdb.connect(":memory:", config=dict(OFFLINE_CONFIG))
    try:
        for table in tables_available(cfg):
            con.execute(view_sql(table))
    except BaseException:
        con.close()
        raise
    return con


def query(cfg: Settings | Path, sql: str, params: Sequence[object] | Mapping[str, object] | None = None
          ) -> pd.DataFrame:
    """The result of one SQL query over the derived tables (`connect`), as a pandas frame;
    `params` are the values of its `?` (or `$name`) placeholders."""
    with connect(cfg) as con:
        return con.execute(sql, params).df()
