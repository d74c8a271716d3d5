"""The timeline stage (notebook 03): time expressions resolved against each article's date
(`timex`), publication dates inferred for undated articles, and events (`events`)."""

from .timex import (  # noqa: F401
    find_timexes,
    Timex,
    TIMEX_TYPES,
)
from .events import (  # noqa: F401
    ACTOR_TYPES,
    build_events,
    DATE_COLUMNS,
    DateInference,
    disagreements,
    EVENT_COLUMNS,
    group_events,
    infer_date,
    PLACE_TYPES,
    reference_dates,
    TIMEX_COLUMNS,
    timex_table,
    value_span,
)
