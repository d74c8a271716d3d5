"""The places stage (notebook 04): every place entity on the map, through one gazetteer."""

from __future__ import annotations

import copy

import pandas as pd

from .. import corpus as corpus_mod
from .. import tables
from ..gazetteer import store as gaz_store
from ..places import resolver as geo_mod
from ..places import table as places_mod
from ..settings import Settings
from . import record
from .cache import GAZETTEER, GEONAMES_DB, NAMED_REGIONS, PLACE_OVERRIDES, Stage, fingerprint, load_corpus
from .cache import read_cached, write_cached
from .entity_stage import ENTITIES, entities

PLACES = Stage(
    "places", entry="stages/place_stage.py",
    code=("places", "gazetteer"), exclude=("places/charts.py", "places/geoparsing.py"),
    data=(PLACE_OVERRIDES, GAZETTEER, NAMED_REGIONS, GEONAMES_DB), packages=("countryinfo",), after=(ENTITIES,))

PLACE_TABLES: dict[str, tables.Schema] = {"places": tables.PLACES}


def gazetteer(cfg: Settings) -> gaz_store.Gazetteer:
    """The shipped gazetteer (copied to the cache folder after the first load), plus the
    places of the GeoNames database `cfg.geonames_db` when it names one (helpers.gazetteer.geonames)."""
    gaz = gaz_store.load_gazetteer(gaz_store.GAZETTEER, cfg.cache)
    if cfg.geonames_db is not None and cfg.geonames_db.exists():
        from ..gazetteer import geonames

        gaz = copy.deepcopy(gaz)
        gaz.add(*geonames.places_from_db(cfg.geonames_db))
    return gaz


@record.recorded(PLACES.name)
def places(cfg: Settings, corpus: corpus_mod.Corpus | None = None, *, refresh: bool = False) -> pd.DataFrame:
    """`places.csv` (and `places.geojson`): the corpus's places on the map."""
    corpus = corpus or load_corpus(cfg)
    stamp = fingerprint(PLACES, cfg, corpus)
    cached = None if refresh else read_cached(cfg.derived, PLACE_TABLES, stamp, PLACES)
    if cached is not None:
        try:
            return cached["places"]
        except ValueError:  # rows that cannot be read (a damaged file): rebuilt below
            pass
    ents = entities(cfg, corpus)
    gaz = gazetteer(cfg)
    texts = {a.doc_id: a.text for a in corpus.articles}
    overrides = geo_mod.read_overrides(cfg.places, gaz)
    df = places_mod.resolve_entities(ents.entities, ents.mentions, ents.relations, texts, gaz, overrides)
    cfg.derived.mkdir(parents=True, exist_ok=True)
    places_mod.write_geojson(df, cfg.derived / "places.geojson")
    write_cached(cfg.derived, {"places": df}, PLACE_TABLES, stamp, PLACES)
    return df
