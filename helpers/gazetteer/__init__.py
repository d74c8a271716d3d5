"""Reference data about places, offline: the shipped gazetteer (`store`), the workbook's own
named regions and short country names (`curated`, read by both entity typing and geocoding),
country facts and demonyms (`countries`), and the optional full GeoNames database (`geonames`)."""

from .curated import (  # noqa: F401
    COUNTRY_SHORT_NAMES,
    country_code_of_acronym,
    NamedRegion,
    named_regions,
)
from .store import (  # noqa: F401
    add_curated,
    FAR_KM,
    GAZETTEER,
    Gazetteer,
    haversine,
    km,
    load_gazetteer,
    Place,
)
