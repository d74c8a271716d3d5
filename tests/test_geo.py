"""Geocoding: each disambiguation rule, conflicts between rules, and the seeds' places."""

from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import pytest

from helpers import paths, settings, stages
from helpers import places as geo

P = geo.Place
SMALL = [
    P("c:sy", "country", "Syria", "SY", "", 35.0, 38.3, 18_000_000),
    P("c:us", "country", "United States", "US", "", 39.5, -97.5, 330_000_000),
    P("c:fr", "country", "France", "FR", "", 46.7, 2.6, 67_000_000),
    P("c:kp", "country", "North Korea", "KP", "", 40.0, 127.0, 25_000_000),
    P("c:kr", "country", "South Korea", "KR", "", 36.5, 127.9, 51_000_000),
    P("p:damascus-sy", "populated_place", "Damascus", "SY", "SY.13", 33.51, 36.29, 1_569_394, capital=True),
    P("p:damascus-us", "populated_place", "Damascus", "US", "US.MD", 39.29, -77.2, 15_257),
    P("a:idlib", "admin1", "Idlib", "SY", "SY.12", 35.85, 36.68, 1_500_000),
    P("p:idlib", "populated_place", "Idlib", "SY", "SY.12", 35.93, 36.63, 128_840),
    P("a:washington", "admin1", "Washington", "US", "US.WA", 47.4, -120.5, 7_000_000),
    P("p:washington", "populated_place", "Washington", "US", "US.DC", 38.9, -77.04, 689_545, capital=True),
    P("p:paris-fr", "populated_place", "Paris", "FR", "FR.11", 48.85, 2.35, 2_138_551, capital=True),
    P("p:paris-tx", "populated_place", "Paris", "US", "US.TX", 33.66, -95.56, 24_782),
    P("p:springfield-il", "populated_place", "Springfield", "US", "US.IL", 39.8, -89.64, 116_250),
    P("p:springfield-mo", "populated_place", "Springfield", "US", "US.MO", 37.2, -93.3, 166_810),
    P("r:golan", "region", "Golan Heights", "SY", "", 33.0, 35.75),
]


@pytest.fixture(scope="module")
def gaz() -> geo.Gazetteer:
    g = geo.Gazetteer()
    g.add(SMALL, [["Golan"] if p.id == "r:golan" else [] for p in SMALL])
    return g


def ctx(**countries: int) -> geo.Context:
    return geo.Context(countries=Counter(countries))


def test_damascus_beside_syria_is_the_syrian_capital(gaz) -> None:
    r = geo.resolve("Damascus", gaz, ctx(SY=5))
    assert r.place.id == "p:damascus-sy" and r.status == "resolved"
    assert "the article names SY" in r.reason


def test_importance_alone_still_prefers_the_capital_of_millions(gaz) -> None:
    assert geo.resolve("Damascus", gaz).place.id == "p:damascus-sy"


def test_context_decides_between_places_of_similar_importance(gaz) -> None:
    assert geo.resolve("Springfield", gaz, ctx()).status == "ambiguous"
    r = geo.resolve("Springfield", gaz, ctx())
    assert r.runner_up is not None and r.runner_up.name == "Springfield"


def test_conflict_importance_against_context_a_capital_beats_a_small_namesake(gaz) -> None:
    """The article names only US places; Paris, France still wins over Paris, Texas."""
    r = geo.resolve("Paris", gaz, ctx(US=4))
    assert r.place.id == "p:paris-fr"


def test_conflict_population_against_capital_washington_is_the_capital(gaz) -> None:
    """Washington state has ten times the people of the capital; the capital wins."""
    r = geo.resolve("Washington", gaz, ctx(US=2))
    assert r.place.id == "p:washington"


def test_metonymy_a_speaking_capital_is_its_government_at_the_capital(gaz) -> None:
    r = geo.resolve("Washington", gaz, ctx(US=1), after=" views any assault as an escalation")
    assert r.place.id == "p:washington" and r.metonymy
    assert not geo.resolve("Washington", gaz, ctx(US=1), after=" in the autumn").metonymy


def test_admin_hierarchy_province_means_the_region(gaz) -> None:
    assert geo.resolve("Idlib province", gaz, ctx(SY=3)).place.id == "a:idlib"
    assert geo.resolve("Idlib", gaz, ctx(SY=3), admin_hint=True).place.id == "a:idlib"
    assert geo.resolve("the province of Idlib", gaz, ctx(SY=3)).place.id == "a:idlib"


def test_a_bare_name_shared_by_a_city_and_its_province_is_the_city(gaz) -> None:
    assert geo.resolve("Idlib", gaz, ctx(SY=3)).place.id == "p:idlib"


def test_qualifier_is_kept_and_the_place_is_the_country(gaz) -> None:
    r = geo.resolve("northwestern Syria", gaz, ctx(SY=1))
    assert r.place.id == "c:sy" and r.qualifier == "northwestern"


def test_directional_names_that_are_names_stay_whole(gaz) -> None:
    assert geo.resolve("North Korea", gaz).place.id == "c:kp"
    assert geo.resolve("South Korea", gaz).place.id == "c:kr"


def test_country_abbreviations(gaz) -> None:
    assert geo.resolve("U.S.", gaz).place.id == "c:us"
    assert geo.resolve("US", gaz).place.id == "c:us"
    assert geo.country_code_of_acronym("UK") == "GB" and geo.country_code_of_acronym("Iran") == ""


def test_named_regions_and_their_other_names(gaz) -> None:
    assert geo.resolve("Golan Heights", gaz).place.kind == "region"
    assert geo.resolve("the Golan", gaz).place.id == "r:golan"


def test_unknown_names_are_unresolved_with_a_reason(gaz) -> None:
    r = geo.resolve("Atlantis", gaz)
    assert r.place is None and r.status == "unresolved" and r.reason == "not in the gazetteer"


def test_user_overrides_win(gaz, tmp_path) -> None:
    f = tmp_path / "places.csv"
    f.write_text("name,gazetteer_id,lat,lon,country_code,feature_kind\n"
                 "Damascus,p:damascus-us,,,,\nKhan Shaykhun,,35.44,36.65,SY,populated_place\n")
    over = geo.read_overrides(f, gaz)
    assert geo.resolve("Damascus", gaz, ctx(SY=9), overrides=over).place.id == "p:damascus-us"
    r = geo.resolve("Khan Shaykhun", gaz, overrides=over)
    assert (r.place.lat, r.place.cc, r.reason) == (35.44, "SY", "user override (places.csv)")
    f.write_text("name,gazetteer_id,lat,lon\nNowhere,,north,\n")
    with pytest.raises(ValueError, match="line 2"):
        geo.read_overrides(f, gaz)


def test_geoparse_returns_records_with_offsets_points_and_kinds(gaz) -> None:
    text = "Troops massed near Idlib province as Washington said it would respond; Damascus denied it."
    spans = [(text.index(w), text.index(w) + len(w), "GPE") for w in ("Idlib", "Washington", "Damascus")]
    out = geo.geoparse(text, gaz=gaz, spans=spans)
    assert [m.text for m in out] == ["Idlib", "Washington", "Damascus"]
    assert all(text[m.start:m.end] == m.text for m in out)
    by = {m.text: m for m in out}
    assert by["Idlib"].feature_kind == "admin1"  # "Idlib province"
    assert by["Washington"].country_code == "US" and by["Damascus"].country_code == "SY"
    assert by["Damascus"].lat == pytest.approx(33.51)


def test_haversine_distance() -> None:
    assert geo.haversine(33.51, 36.29, 33.89, 35.50) == pytest.approx(84, abs=3)  # Damascus-Beirut


@pytest.fixture(scope="module")
def seed_places(tmp_path_factory):
    cfg = settings.resolve(corpus=paths.SEEDS, out=tmp_path_factory.mktemp("geo"))
    return cfg, stages.places(cfg)


@pytest.mark.parametrize("name,cc,kind", [
    ("Idlib", "SY", "populated_place"), ("Damascus", "SY", "populated_place"), ("Tehran", "IR", "populated_place"),
    ("Beirut", "LB", "populated_place"), ("Washington", "US", "populated_place"), ("Golan Heights", "SY", "region"),
    ("Syria", "SY", "country"), ("Idlib Province", "SY", "admin1"), ("Middle East", "", "region"),
])
def test_seed_places(seed_places, name, cc, kind) -> None:
    _, table = seed_places
    row = table[table["name"] == name].iloc[0]
    assert (row["country_code"], row["feature_kind"]) == (cc, kind)
    assert row["status"] in ("resolved", "ambiguous")


def test_seed_washington_is_the_us_capital_speaking_for_its_government(seed_places) -> None:
    _, table = seed_places
    row = table[table["name"] == "Washington"].iloc[0]
    assert row["gazetteer_name"] == "Washington" and row["lat"] == pytest.approx(38.9, abs=0.1)
    assert bool(row["metonymy"])


def test_seed_demonyms_reach_their_country(seed_places) -> None:
    _, table = seed_places
    row = table[table["name"] == "Iranian"].iloc[0]
    assert row["country_code"] == "IR" and row["via"] == "demonym of Iran"


def test_places_csv_and_geojson(seed_places) -> None:
    cfg, table = seed_places
    csv_ = pd.read_csv(cfg.derived / "places.csv")
    assert list(csv_.columns[:7]) == ["entity_id", "name", "lat", "lon", "country_code", "feature_kind", "n_mentions"]
    gj = json.loads((cfg.derived / "places.geojson").read_text())
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == table["lat"].notna().sum()
    damascus = next(f for f in gj["features"] if f["properties"]["name"] == "Damascus")
    lon, lat = damascus["geometry"]["coordinates"]
    assert lat == pytest.approx(33.51, abs=0.01) and lon == pytest.approx(36.29, abs=0.01)
