"""Geocoding: each disambiguation rule, conflicts between rules, and the seeds' places."""

from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import pytest

from helpers import settings, stages
from helpers import places as geo
from helpers.gazetteer import countries, curated
from helpers.gazetteer import store as gaz_store
from helpers.places import resolver

P = gaz_store.Place
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
    P("c:ir", "country", "Iran", "IR", "", 32.0, 53.0, 85_000_000),
    P("p:beirut", "populated_place", "Beirut", "LB", "LB.04", 33.89, 35.5, 1_916_100, capital=True),
]


@pytest.fixture(scope="module")
def gaz() -> gaz_store.Gazetteer:
    g = gaz_store.Gazetteer()
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
    assert gaz_store.haversine(33.51, 36.29, 33.89, 35.50) == pytest.approx(84, abs=3)  # Damascus-Beirut


# ---------------------------------------------------------------- the scoring rules, one by one


def ev(**kw) -> resolver.Evidence:
    return resolver.Evidence(**{"name": "X", "ctx": geo.Context(), "admin": False, "speaks": False, **kw})


def test_rule_kind_prior_countries_and_regions_outrank_towns(gaz) -> None:
    town, country, region = gaz.get("p:paris-tx"), gaz.get("c:fr"), gaz.get("r:golan")
    assert resolver.kind_prior(country, ev())[0] > resolver.kind_prior(region, ev())[0] > resolver.kind_prior(town, ev())[0]
    idlib = gaz.get("a:idlib")
    assert resolver.kind_prior(idlib, ev())[0] == 3.0
    assert resolver.kind_prior(idlib, ev(same_name_city=True))[0] == 1.0  # the bare name is the city


def test_rule_town_population_grows_with_people_and_is_capped(gaz) -> None:
    assert resolver.town_population(gaz.get("p:damascus-sy"), ev())[0] == 3.0
    assert 0 < resolver.town_population(gaz.get("p:paris-tx"), ev())[0] < 3.0
    assert resolver.town_population(gaz.get("c:sy"), ev()) == (0.0, "")


def test_rule_capital_city(gaz) -> None:
    assert resolver.capital_city(gaz.get("p:damascus-sy"), ev()) == (3.0, "a capital")
    assert resolver.capital_city(gaz.get("p:damascus-us"), ev()) == (0.0, "")


def test_rule_region_population_only_for_first_level_regions(gaz) -> None:
    assert 0 < resolver.region_population(gaz.get("a:idlib"), ev())[0] <= 1.5
    assert resolver.region_population(gaz.get("p:idlib"), ev()) == (0.0, "")


def test_rule_named_as_region(gaz) -> None:
    assert resolver.named_as_region(gaz.get("a:idlib"), ev(admin=True)) == (4.0, "named as a region")
    assert resolver.named_as_region(gaz.get("p:idlib"), ev(admin=True)) == (-2.0, "")
    assert resolver.named_as_region(gaz.get("a:idlib"), ev()) == (0.0, "")


def test_rule_capital_speaks(gaz) -> None:
    assert resolver.capital_speaks(gaz.get("p:washington"), ev(name="Washington", speaks=True))[0] == 2.0
    assert resolver.capital_speaks(gaz.get("a:washington"), ev(speaks=True)) == (0.0, "")
    assert resolver.capital_speaks(gaz.get("p:washington"), ev()) == (0.0, "")


def test_rule_exact_name(gaz) -> None:
    assert resolver.exact_name(gaz.get("r:golan"), ev(name="Golan Heights")) == (0.5, "")
    assert resolver.exact_name(gaz.get("r:golan"), ev(name="Golan")) == (0.0, "")


def test_rule_named_country_article_before_corpus(gaz) -> None:
    sy = gaz.get("p:damascus-sy")
    assert resolver.named_country(sy, ev(ctx=ctx(SY=20))) == (3.0, "the article names SY")
    assert resolver.named_country(sy, ev(ctx=geo.Context(corpus_countries=Counter(SY=1)))) == (1.0, "the corpus names SY")
    assert resolver.named_country(sy, ev(ctx=ctx(US=3))) == (0.0, "")


def test_score_sums_the_rules_in_order_and_records_their_evidence(gaz) -> None:
    p = gaz.get("p:washington")
    s, why = resolver.score(p, ev(name="Washington", speaks=True, ctx=ctx(US=1)))
    assert s == pytest.approx(sum(rule(p, ev(name="Washington", speaks=True, ctx=ctx(US=1)))[0]
                                  for rule in geo.SCORING_RULES))
    assert why == ["populated_place of US", "a capital", "metonymy: the capital speaks for its government",
                   "the article names US"]


def test_admin_words_after_a_name_and_before_of() -> None:
    assert resolver.admin_word_after(" province, where") and resolver.admin_word_after(" Governorate")
    assert resolver.admin_word_after(" prefecture")  # every word of text.english.ADMIN_WORDS
    assert not resolver.admin_word_after(" provincial council") and not resolver.admin_word_after("province")
    assert geo.split_admin("the territory of Guam") == ("Guam", True)
    assert geo.split_admin("Statesville") == ("Statesville", False)


def test_speaks_after_reads_the_first_word() -> None:
    assert resolver.speaks_after(" said on Monday") and resolver.speaks_after(", warned")
    assert not resolver.speaks_after(" in the autumn") and not resolver.speaks_after("")


def test_acronyms_name_big_units_only(gaz) -> None:
    base, cands = geo.candidates("US", gaz)
    assert base == "US" and [c.id for c in cands] == ["c:us"]
    assert geo.country_code_of_acronym("DRC") == "CD" and geo.country_code_of_acronym("U.S.") == "US"
    assert geo.country_code_of_acronym("NATO") == "" and geo.country_code_of_acronym("Iran") == ""


# ---------------------------------------------------------------- one gazetteer for typing and geocoding


@pytest.fixture(scope="module")
def shipped(seed_run) -> gaz_store.Gazetteer:
    """The shipped gazetteer as the seed run's places stage loaded it (read once per process)."""
    return gaz_store.load_gazetteer(gaz_store.GAZETTEER, seed_run.cfg.cache)



def test_the_cache_folders_copy_of_the_table_is_the_table_and_never_runs_code(tmp_path, monkeypatch) -> None:
    """The places stage reads the shipped table from its copy in the corpus's cache folder: the
    same places under the same names. The copy is JSON: a pickle left in a cache folder (one
    copied from a colleague, say) is never loaded, and a copy cut short is parsed again."""
    import pickle

    cache = tmp_path / "cache"
    first = gaz_store._read_table(gaz_store.GAZETTEER, cache)  # parsed, then copied
    [copy] = cache.glob("gazetteer-v*.json")
    again = gaz_store._read_table(gaz_store.GAZETTEER, cache)  # read from the copy
    assert again.places == first.places and again.by_id == first.by_id and again.country == first.country
    assert dict(again.index) == dict(first.index) and again.candidates("Idlib") == first.candidates("Idlib")

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (marker.write_text, ("code ran",))

    st = gaz_store.GAZETTEER.stat()
    for version in (2, 3):
        (cache / f"gazetteer-v{version}-{st.st_size}-{int(st.st_mtime)}.pickle").write_bytes(pickle.dumps(Payload()))
    copy.write_text('{"v": 3, "places": {"id": ["x"')  # cut short
    monkeypatch.setattr(pickle, "load", lambda *a, **k: pytest.fail("a pickle was loaded"))
    rebuilt = gaz_store._read_table(gaz_store.GAZETTEER, cache)
    assert not marker.exists() and rebuilt.places == first.places
    assert [p.name for p in cache.iterdir()] == [copy.name]  # the stale pickles are gone

def test_every_named_region_is_a_region_for_typing_and_for_geocoding(shipped) -> None:
    for region in curated.named_regions():
        for name in region.names:
            assert countries.place_kind(name) in ("region", "country"), name
            assert any(p.id == region.id and p.kind == "region" and p.cc == region.cc
                       for p in shipped.candidates(name)), name


def test_regions_come_from_the_csv_not_the_table_snapshot(tmp_path) -> None:
    csv_ = tmp_path / "regions.csv"
    csv_.write_text("id,name,alt_names,cc,lat,lon,note\nregion:atlantis,Atlantis,Atlantida,,30.0,-30.0,legend\n")
    g = gaz_store.add_curated(gaz_store.Gazetteer(), csv_)
    assert [p.id for p in g.candidates("Atlantida")] == ["region:atlantis"]


def test_short_country_names_are_countries_for_typing_and_for_geocoding(shipped) -> None:
    for short, cc in curated.COUNTRY_SHORT_NAMES.items():
        assert countries.place_kind(short) == "country", short
        r = geo.resolve(short, shipped)
        assert (r.place.kind, r.place.cc) == ("country", cc), short
    assert countries.country_name("DRC") == "Democratic Republic of the Congo"


# ---------------------------------------------------------------- geoparse runs notebook 04's code


def test_geoparse_gives_the_place_closing_an_organisation_name_and_leaves_demonyms_out(gaz) -> None:
    text = "Students of the American University of Beirut marched. Iranian officials said nothing."
    org = "American University of Beirut"
    spans = [(text.index(org), text.index(org) + len(org), "ORG"), (text.index("Iranian"), text.index("Iranian") + 7, "NORP")]
    out = geo.geoparse(text, gaz=gaz, spans=spans)
    assert [(m.text, m.country_code, m.entity_id) for m in out] == [("Beirut", "LB", "org:american-university-of-beirut")]
    assert text[out[0].start:out[0].end] == "Beirut"


def test_geoparse_names_the_place_entity(gaz) -> None:
    text = "The US and Syria met. The US said so."
    spans = [(4, 6, "GPE"), (11, 16, "GPE"), (26, 28, "GPE")]
    out = geo.geoparse(text, gaz=gaz, spans=spans)
    assert [(m.text, m.name, m.country_code) for m in out] == [
        ("US", "United States", "US"), ("Syria", "Syria", "SY"), ("US", "United States", "US")]


def test_geoparse_is_the_places_stage_on_a_corpus_of_one_article(seed_run, shipped, tmp_path) -> None:
    """Same places, points and statuses as notebook 04's stage run on that article alone."""
    article = seed_run.corpus.articles[0]
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / f"{article.doc_id}.txt").write_text(article.text, encoding="utf-8")
    cfg = settings.Settings(corpus=folder, out=tmp_path / "out", spacy_model=settings.DEFAULT_SPACY_MODEL)
    table = stages.places(cfg)
    table = table[~table["via"].str.startswith("demonym")]
    out = geo.geoparse(article.text, gaz=shipped)
    assert {(m.name, m.lat, m.status) for m in out} == {
        (r.name, None if pd.isna(r.lat) else r.lat, r.status) for r in table.itertuples()}
    assert all(article.text[m.start:m.end] == m.text for m in out)


@pytest.fixture(scope="module")
def seed_places(seed_run):
    """The shared seed run's settings and places table."""
    return seed_run.cfg, seed_run.places


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
