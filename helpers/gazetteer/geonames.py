"""Optional: load a full GeoNames dump for better gazetteer coverage.

The shipped gazetteer (`data/gazetteer.tsv.gz`, see `data/GAZETTEER.md`) holds countries,
first- and second-level regions, airports, populated places of at least 1,000 people and a few
curated regions. Villages, islands, seas, mountain ranges and deserts it lacks can come from a
GeoNames dump
(`allCountries.txt`, or one country's `XX.txt`, from https://download.geonames.org/export/dump/;
*contains data from GeoNames, licensed under CC BY 4.0*)::

    from pathlib import Path
    from helpers.gazetteer import geonames, store

    geonames.load_dump(Path("allCountries.zip"), Path("build/geonames.sqlite"), min_population=500)
    gaz = store.load_gazetteer()
    gaz.add(*geonames.places_from_db(Path("build/geonames.sqlite")))

`load_dump` streams the file (plain, `.gz` or `.zip`) into SQLite in batches, never holding it
in memory; loading the same file twice replaces rows instead of duplicating them.
`places_from_db` returns the places with their alternate names, for `Gazetteer.add`.

**Kinds.** GeoNames feature codes map to the workbook's kinds (see `kind_of`):

- `A` / `PCL`, `PCLI`, `PCLD`, `PCLF`, `PCLS`, `PCLIX` → `country`;
- `A` / `ADM1` → `admin1`; `A` / `ADM2` → `admin2` (counties, districts);
- `S` / `AIRP` → `airport`;
- `H` features → `region`, but only oceans, seas, gulfs and straits (`WATER_CODES`; lakes,
  bays and rivers are too many and too often named like towns);
- `P` / `PPL*` → `populated_place` (`PPLC`, a country's capital, gets `capital=True`);
- `L` and `T` features → `region`, but only the large, newsworthy ones (`REGION_CODES`:
  continents, regions, islands, peninsulas, mountain ranges, deserts, plateaus, valleys,
  deltas).
  GeoNames has millions of hills, capes and localities, and `helpers.places.resolve` ranks a `region`
  above every town of the same name, so letting them all in would make "Paris" a hill.
  Pass `region_codes=None` to take every L/T feature anyway.

Skipped: lower administrative levels (`ADM3`–`ADM5`, `ADMD`: the workbook has no kind for
them), historical, abandoned and destroyed features (codes ending in `H`, `PPLQ`, `PPLW`),
the `S` spots other than airports, and every feature class not asked for (`R` roads, `U`, `V`).

**Ids.** Places get the id `gn:<geonameid>`, the shipped gazetteer's own, so
`Gazetteer.add` keeps the shipped entry (with its Natural Earth point) when both have a place.
Note that `Gazetteer.add` then also ignores the dump's alternate names for that place.
"""

from __future__ import annotations

import gzip
import io
import logging
import sqlite3
import zipfile
from collections.abc import Collection, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..text.names import fold
from . import store

log = logging.getLogger(__name__)

N_COLUMNS = 19
"""Columns of a line of `allCountries.txt`: geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1 code, admin2,
admin3, admin4, population, elevation, dem, timezone, modification date."""

BATCH = 5000
"""Rows inserted per `executemany`."""

COUNTRY_CODES = frozenset({"PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX"})
"""Feature codes (class A) of countries and dependent territories."""

REGION_CODES = frozenset({
    "CONT", "RGN", "RGNE",  # L: continents, regions, economic regions
    "ISL", "ISLS", "ATOL", "PEN", "MTS", "DSRT", "PLAT", "VAL", "VALS", "DLTA",  # T: terrain
})
"""The L/T feature codes loaded (as `region`) by default: large features news name
(continents, regions, islands and island groups, atolls, peninsulas, mountain ranges,
deserts, plateaus, valleys, deltas). Single mountains and hills (`MT`, `HLL`), capes,
localities, parks ... are left out: there are millions, many named like towns."""

WATER_CODES = frozenset({"OCN", "SEA", "GULF", "STRT"})
"""The H feature codes loaded (as `region`): oceans, seas, gulfs, straits."""

SKIPPED_CODES = frozenset({"PPLQ", "PPLW", "ADM3", "ADM4", "ADM5", "ADMD"})
"""Abandoned or destroyed places and lower administrative levels (codes ending in `H`,
historical, are skipped too)."""


@dataclass
class LoadStats:
    """What one `load_dump` call did."""

    loaded: int = 0
    """Rows written (inserted or replaced)."""
    malformed: int = 0
    """Lines skipped because they do not have 19 tab-separated columns or a bad number."""
    filtered: int = 0
    """Well-formed lines left out by feature class, feature code or population."""
    malformed_lines: list[int] = field(default_factory=list)
    """Line numbers (1-based) of the first malformed lines (at most 20)."""


def kind_of(feature_class: str, feature_code: str, *,
            region_codes: Collection[str] | None = REGION_CODES) -> str | None:
    """The workbook kind of a GeoNames feature, or None when it is not loaded.

    >>> kind_of("A", "PCLI"), kind_of("A", "ADM1"), kind_of("P", "PPLC"), kind_of("T", "MTS")
    ('country', 'admin1', 'populated_place', 'region')
    >>> kind_of("T", "HLL") is None, kind_of("A", "ADM2"), kind_of("S", "AIRP"), kind_of("H", "LK") is None
    (True, 'admin2', 'airport', True)
    """
    code = feature_code.upper()
    if code in SKIPPED_CODES or (code.endswith("H") and len(code) > 3):
        return None
    if feature_class == "A":
        if code in COUNTRY_CODES:
            return "country"
        if code == "ADM1":
            return "admin1"
        if code == "ADM2":
            return "admin2"
        return None
    if feature_class == "S":
        return "airport" if code == "AIRP" else None
    if feature_class == "H":
        return "region" if code in WATER_CODES else None
    if feature_class == "P":
        return "populated_place"
    if feature_class in ("L", "T"):
        return "region" if region_codes is None or code in region_codes else None
    return None


@contextmanager
def _open_text(path: Path) -> Iterator[TextIO]:
    """A text stream over a plain, `.gz` or `.zip` (first `.txt` member) dump."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as f:
            yield f
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            member = next((n for n in z.namelist() if n.endswith(".txt") and "readme" not in n.lower()), None)
            if member is None:
                raise ValueError(f"{path.name}: no .txt member")
            with z.open(member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
    else:
        with path.open(encoding="utf-8", errors="replace", newline="") as f:
            yield f


SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    asciiname TEXT NOT NULL,
    alternatenames TEXT NOT NULL,   -- comma-separated, as in the dump
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    cc TEXT NOT NULL,
    admin1 TEXT NOT NULL,           -- "CC.code", as in the shipped gazetteer ("" if none)
    population INTEGER NOT NULL,
    kind TEXT NOT NULL,             -- country, admin1, populated_place or region
    capital INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    folded TEXT NOT NULL,           -- fold() of the name, the ascii name or an alternate name
    geonameid INTEGER NOT NULL REFERENCES places(geonameid),
    PRIMARY KEY (folded, geonameid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_by_place ON names (geonameid);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _split_names(field_value: str) -> list[str]:
    return [a.strip() for a in field_value.split(",") if a.strip()]


@dataclass
class _Batch:
    """Rows of `places` and `names` waiting to be inserted."""

    places: list[tuple[object, ...]] = field(default_factory=list)
    names: list[tuple[str, int]] = field(default_factory=list)

    def add(self, row: tuple[object, ...]) -> None:
        """Add one `places` row and its folded names (name, ascii name, alternate names)."""
        gid, name, ascii_name, alts = int(str(row[0])), str(row[1]), str(row[2]), str(row[3])
        self.places.append(row)
        for folded in {fold(n) for n in (name, ascii_name, *_split_names(alts))}:
            if folded:
                self.names.append((folded, gid))

    def flush(self, con: sqlite3.Connection, stats: LoadStats) -> None:
        """Insert the rows (replacing those of the same geonameid) and empty the batch."""
        con.executemany("DELETE FROM names WHERE geonameid = ?", [(p[0],) for p in self.places])
        con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        con.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", self.names)
        stats.loaded += len(self.places)
        self.places.clear()
        self.names.clear()


def _row_of(cols: list[str], classes: frozenset[str], region_codes: Collection[str] | None,
            min_population: int) -> tuple[object, ...] | None:
    """The `places` row of one dump line's columns; None when its class, code or population
    leaves it out; ValueError when the line is malformed."""
    if len(cols) != N_COLUMNS:
        raise ValueError(f"{len(cols)} columns")
    gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
    population = int(cols[14]) if cols[14].strip() else 0
    fclass, fcode = cols[6], cols[7]
    kind = kind_of(fclass, fcode, region_codes=region_codes) if fclass in classes else None
    if kind is None or (kind == "populated_place" and population < min_population):
        return None
    name, ascii_name, alts, cc, a1 = cols[1], cols[2], cols[3], cols[8], cols[10]
    return (gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc, f"{cc}.{a1}" if a1 else "", population,
            kind, int(fcode == "PPLC"))


def load_dump(txt_path: Path, db_path: Path, *, min_population: int = 0,
              feature_classes: Collection[str] = ("P", "A", "L", "T", "H", "S"),
              region_codes: Collection[str] | None = REGION_CODES) -> int:
    """Load a GeoNames dump (`allCountries.txt` format; plain, `.gz` or `.zip`) into SQLite.

    Streams the file and inserts in batches of `BATCH`; rows already in the database (same
    geonameid) are replaced, with their names, so loading twice does not duplicate anything.
    `min_population` applies to populated places only (GeoNames gives most countries,
    regions and terrain features no population). Malformed lines (not 19 tab-separated
    columns, or an id or coordinate that is not a number) are skipped, counted and logged as
    a warning; the counts of the last load are kept in the `meta` table (`last_load_stats`).

    Returns the number of rows loaded.
    """
    stats = LoadStats()
    classes = frozenset(feature_classes)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(db_path)) as con:
        con.executescript(SCHEMA)
        con.execute("PRAGMA synchronous = OFF")
        batch = _Batch()
        with _open_text(txt_path) as f, con:
            for lineno, line in enumerate(f, start=1):
                line = line.rstrip("\r\n")
                if not line.strip() or line.startswith("#"):
                    continue
                try:
                    row = _row_of(line.split("\t"), classes, region_codes, min_population)
                except ValueError:
                    stats.malformed += 1
                    if len(stats.malformed_lines) < 20:
                        stats.malformed_lines.append(lineno)
                    continue
                if row is None:
                    stats.filtered += 1
                    continue
                batch.add(row)
                if len(batch.places) >= BATCH:
                    batch.flush(con, stats)
            batch.flush(con, stats)
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
                ("source", str(txt_path)), ("loaded", str(stats.loaded)),
                ("malformed", str(stats.malformed)), ("filtered", str(stats.filtered)),
                ("malformed_lines", ",".join(map(str, stats.malformed_lines)))])
    if stats.malformed:
        log.warning("%s: skipped %d malformed line(s) (first: %s)", txt_path.name, stats.malformed,
                    ", ".join(map(str, stats.malformed_lines[:5])))
    log.info("%s: loaded %d rows, left out %d by class/code/population", txt_path.name,
             stats.loaded, stats.filtered)
    return stats.loaded


def last_load_stats(db_path: Path) -> LoadStats:
    """The counts the last `load_dump` into `db_path` recorded."""
    with closing(sqlite3.connect(db_path)) as con:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    return LoadStats(loaded=int(meta.get("loaded", 0)), malformed=int(meta.get("malformed", 0)),
                     filtered=int(meta.get("filtered", 0)),
                     malformed_lines=[int(x) for x in meta.get("malformed_lines", "").split(",") if x])


def _place(row: tuple) -> store.Place:
    gid, name, _ascii, _alts, lat, lon, cc, admin1, population, kind, capital = row
    return store.Place(id=f"gn:{gid}", kind=kind, name=name, cc=cc, admin1=admin1, lat=lat, lon=lon,
                     population=population, capital=bool(capital))


def _alt_names(row: tuple) -> list[str]:
    name, ascii_name, alts = row[1], row[2], row[3]
    out = [ascii_name] if ascii_name and ascii_name != name else []
    return out + [a for a in _split_names(alts) if a != name and a != ascii_name]


_COLUMNS = "geonameid, name, asciiname, alternatenames, lat, lon, cc, admin1, population, kind, capital"


def places_from_db(db_path: Path, *, kinds: Collection[str] | None = None,
                   min_population: int = 0) -> tuple[list[store.Place], list[list[str]]]:
    """The places of a database `load_dump` wrote, and each one's alternate names (the ascii
    name and GeoNames' alternate names), in geonameid order: `gaz.add(*places_from_db(db))`.

    `kinds` and `min_population` (populated places only) narrow the selection; a full
    `allCountries` load holds millions of places, so narrow it or use `candidates_from_db`.
    """
    sql = f"SELECT {_COLUMNS} FROM places WHERE (kind != 'populated_place' OR population >= ?)"
    args: list[object] = [min_population]
    if kinds is not None:
        kinds = list(kinds)
        sql += f" AND kind IN ({','.join('?' * len(kinds))})"
        args += kinds
    places: list[store.Place] = []
    names: list[list[str]] = []
    with closing(sqlite3.connect(db_path)) as con:
        for row in con.execute(sql + " ORDER BY geonameid", args):
            places.append(_place(row))
            names.append(_alt_names(row))
    return places, names


def candidates_from_db(db_path: Path, name: str) -> tuple[list[store.Place], list[list[str]]]:
    """The places called `name` (any spelling, folded as `text.names.fold` does) and their alternate
    names, without reading the whole database: for adding only what a text names."""
    with closing(sqlite3.connect(db_path)) as con:
        rows = con.execute(
            f"SELECT {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} FROM names n "
            "JOIN places p USING (geonameid) WHERE n.folded = ? ORDER BY p.geonameid",
            (fold(name),)).fetchall()
    return [_place(r) for r in rows], [_alt_names(r) for r in rows]


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers.geonames allCountries.txt [geonames.sqlite]`: load a GeoNames dump.

    Point the workbook at the database with WORKBOOK_GEONAMES_DB=path/to/geonames.sqlite; the
    maps notebook then adds its places and spellings to the shipped gazetteer.
    """
    import argparse

    ap = argparse.ArgumentParser(prog="python -m helpers.geonames", description=main.__doc__.split("\n\n")[0])
    ap.add_argument("dump", type=Path, help="allCountries.txt (or .zip / .gz) in GeoNames' format")
    ap.add_argument("db", type=Path, nargs="?", default=Path("data/geonames.sqlite"))
    ap.add_argument("--min-population", type=int, default=0)
    args = ap.parse_args(argv)
    n = load_dump(args.dump, args.db, min_population=args.min_population)
    print(f"{n:,} places loaded into {args.db}; set WORKBOOK_GEONAMES_DB={args.db} to use them")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
