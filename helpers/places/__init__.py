"""The places stage (notebook 04): place names resolved on the offline gazetteer with the
evidence a careful reader uses (`resolver`), the corpus's place entities (`table`), one
text's places (`geoparsing`), and the maps (`charts`)."""

from .resolver import (  # noqa: F401
    ACRONYM_COUNTRIES,
    ADMIN_WORDS,
    Context,
    context_from_names,
    country_code_of_acronym,
    DIRECTIONS,
    METONYMY_VERBS,
    read_overrides,
    Resolution,
    resolve,
    split_admin,
    split_qualifier,
)
from .table import (  # noqa: F401
    iso3,
    PLACE_COLUMNS,
    PLACE_TYPES,
    resolve_entities,
    write_geojson,
)
from .geoparsing import (  # noqa: F401
    GeoMention,
    geoparse,
)
from ..gazetteer.store import (  # noqa: F401
    FAR_KM,
    GAZETTEER,
    Gazetteer,
    haversine,
    km,
    load_gazetteer,
    Place,
)
from .geoparsing import OTHER_LABELS, PLACE_LABELS  # noqa: F401
