"""Reference data about places, offline: the shipped gazetteer (`store`), country facts and
demonyms (`countries`), and the optional full GeoNames database (`geonames`)."""

from .store import (  # noqa: F401
    FAR_KM,
    GAZETTEER,
    Gazetteer,
    haversine,
    km,
    load_gazetteer,
    Place,
)
