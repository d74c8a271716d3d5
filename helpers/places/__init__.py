"""The places stage (notebook 04): place names resolved on the offline gazetteer with the
evidence a careful reader uses (`resolver`), the corpus's place entities (`table`), one
text's places through the same code (`geoparsing`), and the maps (`charts`)."""

from .resolver import (  # noqa: F401
    candidates,
    Context,
    context_from_names,
    country_code_of_acronym,
    Evidence,
    NOT_A_PLACE_RULES,
    read_overrides,
    Resolution,
    resolve,
    score,
    SCORING_RULES,
    split_admin,
    split_qualifier,
)
from .table import (  # noqa: F401
    close_calls,
    iso3,
    PLACE_COLUMNS,
    PLACE_PASSES,
    PlaceRow,
    resolve_entities,
    write_geojson,
)
from .geoparsing import (  # noqa: F401
    GeoMention,
    geoparse,
)
