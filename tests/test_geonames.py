"""Loading a GeoNames dump (helpers.geonames) on a small hand-made sample in its format."""

from __future__ import annotations

import gzip
import logging
import sqlite3
import zipfile
from pathlib import Path

import pytest

from helpers import places as geo
from helpers.gazetteer import geonames
from helpers.gazetteer import store as gaz_store

SAMPLE = Path(__file__).parent / "data" / "geonames_sample.txt"
"""16 lines: 12 loadable with the defaults (an ADM2 among them), 3 left out (a hill, a lake,
a historical place), 1 malformed (5 columns, line 7)."""
LOADED = 12


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "geonames.sqlite"
    assert geonames.load_dump(SAMPLE, path) == LOADED
    return path


@pytest.fixture()
def gaz(db: Path) -> gaz_store.Gazetteer:
    g = gaz_store.Gazetteer()
    g.add(*geonames.places_from_db(db))
    return g


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_rows_loaded_and_what_was_left_out(db: Path) -> None:
    assert _count(db, "places") == LOADED
    stats = geonames.last_load_stats(db)
    assert (stats.loaded, stats.malformed, stats.filtered) == (LOADED, 1, 3)
    assert stats.malformed_lines == [7]
    places, names = geonames.places_from_db(db)
    assert len(places) == len(names) == LOADED
    ids = {p.id for p in places}
    assert "gn:90000001" not in ids  # a hill named Damascus (T/HLL): not a region by default
    assert "gn:90000002" not in ids  # a lake (class H): not asked for
    assert {p.kind for p in places if p.id == "gn:90000003"} == {"admin2"}  # ADM2: a county
    assert "gn:90000004" not in ids  # PPLH: historical


def test_malformed_line_is_skipped_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="helpers.geonames"):
        geonames.load_dump(SAMPLE, tmp_path / "g.sqlite")
    assert any("1 malformed" in r.getMessage() and "7" in r.getMessage() for r in caplog.records)


def test_kinds_capital_and_fields(gaz: gaz_store.Gazetteer) -> None:
    syria = gaz.get("gn:163843")
    assert syria is not None and syria.kind == "country" and syria.cc == "SY"
    assert gaz.country["SY"] is syria
    damascus = gaz.get("gn:170654")
    assert damascus is not None and damascus.kind == "populated_place" and damascus.capital
    assert damascus.population == 1569394 and damascus.admin1 == "SY.13"
    assert (damascus.lat, damascus.lon) == (33.5102, 36.29128)
    md = gaz.get("gn:4351287")
    assert md is not None and md.kind == "populated_place" and not md.capital and md.cc == "US"
    idlib_city, idlib_gov = gaz.get("gn:169389"), gaz.get("gn:169388")
    assert idlib_city is not None and idlib_city.kind == "populated_place" and not idlib_city.capital
    assert idlib_gov is not None and idlib_gov.kind == "admin1"
    golan = gaz.get("gn:294564")
    assert golan is not None and golan.kind == "region"
    empty_pop = gaz.get("gn:7284561")
    assert empty_pop is not None and empty_pop.population == 0


def test_alternate_names_are_searchable(gaz: gaz_store.Gazetteer, db: Path) -> None:
    def ids(name: str) -> set[str]:
        return {p.id for p in gaz.candidates(name)}

    assert ids("دمشق") == {"gn:170654"}  # Arabic
    assert ids("Дамаск") == {"gn:170654"}  # Cyrillic
    assert ids("大马士革") == {"gn:170654"}  # Chinese
    assert ids("Esh Sham") == {"gn:170654"}  # a name with a space, between commas
    assert ids("damascus") == {"gn:170654", "gn:4351287"}
    assert ids("Muhafazat Idlib") == {"gn:169388"}
    assert ids("Syrian Arab Republic") == {"gn:163843"}
    assert ids("Ramat HaGolan") == {"gn:294564"}
    assert ids("Ain el Fijeh") == ids("'Ayn al Fijah") == ids("‘Ayn al Fījah") == {"gn:7284561"}
    places, names = geonames.places_from_db(db)
    alts = dict(zip((p.id for p in places), names))
    assert "Dimashq" in alts["gn:170654"] and "Damascus" not in alts["gn:170654"]
    assert alts["gn:7284561"][0] == "'Ayn al Fijah"  # the ascii name leads


def test_resolve_damascus_picks_the_syrian_capital(gaz: gaz_store.Gazetteer) -> None:
    r = geo.resolve("Damascus", gaz)
    assert r.place is not None and r.place.id == "gn:170654" and r.place.cc == "SY"
    assert r.status == "resolved"
    r = geo.resolve("Idlib province", gaz)
    assert r.place is not None and r.place.id == "gn:169388"
    r = geo.resolve("Luzon", gaz)  # the island, not the village of 3,211 in Mindanao
    assert r.place is not None and r.place.id == "gn:1702121"


def test_loading_twice_does_not_duplicate(db: Path) -> None:
    places_before, names_before = _count(db, "places"), _count(db, "names")
    assert geonames.load_dump(SAMPLE, db) == LOADED
    assert (_count(db, "places"), _count(db, "names")) == (places_before, names_before)
    places, _ = geonames.places_from_db(db)
    assert len(places) == len({p.id for p in places}) == LOADED


def test_filters(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    # min_population drops small populated places only (Damascus MD 15,257; Luzon 3,211;
    # 'Ayn al Fijah with no population), never countries, regions or admin1.
    assert geonames.load_dump(SAMPLE, db, min_population=20_000) == LOADED - 3
    kinds = sorted(p.kind for p in geonames.places_from_db(db)[0])
    assert kinds == ["admin1", "admin1", "admin2", "country", "country", "populated_place", "populated_place",
                     "region", "region"]
    db2 = tmp_path / "a.sqlite"
    assert geonames.load_dump(SAMPLE, db2, feature_classes=("A",)) == 5
    db3 = tmp_path / "t.sqlite"
    assert geonames.load_dump(SAMPLE, db3, feature_classes=("T",), region_codes=None) == 3  # + the hill
    places, _ = geonames.places_from_db(db, kinds=["country"])
    assert {p.name for p in places} == {"Syria", "United States"}


def test_compressed_dumps_and_lookup_by_name(tmp_path: Path) -> None:
    gz = tmp_path / "sample.txt.gz"
    gz.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    zp = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(zp, "w") as z:
        z.writestr("allCountries.txt", SAMPLE.read_bytes())
    for src in (gz, zp):
        db = tmp_path / f"{src.suffix}.sqlite"
        assert geonames.load_dump(src, db) == LOADED
    places, names = geonames.candidates_from_db(db, "DAMASCUS")
    assert [p.id for p in places] == ["gn:170654", "gn:4351287"]
    assert "دمشق" in names[0]


def test_kind_of_mapping() -> None:
    assert geonames.kind_of("A", "PCLI") == geonames.kind_of("A", "PCLD") == "country"
    assert geonames.kind_of("A", "ADM1") == "admin1"
    assert geonames.kind_of("A", "ADM2") == "admin2" and geonames.kind_of("A", "ADM1H") is None
    assert geonames.kind_of("A", "ADM3") is None
    assert geonames.kind_of("S", "AIRP") == "airport" and geonames.kind_of("S", "HTL") is None
    assert geonames.kind_of("H", "SEA") == "region"
    assert geonames.kind_of("P", "PPLC") == geonames.kind_of("P", "PPLA2") == "populated_place"
    assert geonames.kind_of("P", "PPLH") is None and geonames.kind_of("P", "PPLQ") is None
    assert geonames.kind_of("L", "CONT") == geonames.kind_of("T", "MTS") == "region"
    assert geonames.kind_of("T", "HLL") is None and geonames.kind_of("T", "HLL", region_codes=None) == "region"
    assert geonames.kind_of("H", "LK") is None


def test_the_workbook_uses_a_geonames_database_named_by_the_environment(tmp_path, monkeypatch) -> None:
    from helpers import settings, stages

    db = tmp_path / "g.sqlite"
    geonames.load_dump(SAMPLE, db)
    # The variable is read by `settings.resolve` (every setting lives in `settings`).
    monkeypatch.delenv("WORKBOOK_GEONAMES_DB", raising=False)
    shipped = stages.gazetteer(settings.resolve(out=tmp_path / "out"))
    monkeypatch.setenv("WORKBOOK_GEONAMES_DB", str(db))
    extended = stages.gazetteer(settings.resolve(out=tmp_path / "out"))
    # A village of fewer than 1,000 people is only in the dump.
    assert not shipped.get("gn:7284561") and extended.get("gn:7284561").cc == "SY"
    assert "gn:7284561" in {p.id for p in extended.candidates("‘Ayn al Fījah")}
    assert "gn:7284561" not in {p.id for p in shipped.candidates("‘Ayn al Fījah")}
