"""The timeline stage (notebook 03): time expressions resolved against each article's date
(`timex`: rule table in `rules`, handlers in `handlers`, guards in `guards`, tense from the
cached parse in `tense`), publication dates inferred for undated articles, and events
(`events`)."""

from .events import (  # noqa: F401
    ACTOR_TYPES,
    DATE_COLUMNS,
    EVENT_COLUMNS,
    PLACE_TYPES,
    TIMEX_COLUMNS,
    DateInference,
    ValueSpan,
    build_events,
    disagreements,
    group_events,
    infer_date,
    reference_dates,
    timex_table,
    value_span,
)
from .timex import (  # noqa: F401
    TIMEX_TYPES,
    Timex,
    find_timexes,
)
