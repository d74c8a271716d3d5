"""One text at a time: the workbook's extraction as functions a script or a benchmark calls.

Each function runs on one text exactly the code the notebooks run on each article of a
corpus, with the same spaCy-backed inputs: the text is parsed by the workbook's pipeline
(loaded once per process, or the `nlp` given), reduced to the annotation the cache would
hold, and passed through the entity stage as a corpus of one article where the stage needs
entities.

- `find_timexes(text, dct)`: notebook 03's time expressions (tense and sentences from the
  parse), resolved against the reference date `dct`.
- `find_quotes(text)`: notebook 05's quotes, with speakers tied to the entity stage's people.
- `geoparse(text)`: notebook 04's places, each mention with `start, end, lat, lon, name,
  country_code, feature_kind`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .annotation import annotate_text
from .entities import Override, entities_of_text
from .outlets.compare import quotes_of_article
from .outlets.quotes import Quote
from .places import GeoMention, geoparse
from .timeline.timex import Timex, find_timexes as _find_timexes

__all__ = ["find_quotes", "find_timexes", "geoparse", "GeoMention", "Quote", "Timex"]


def find_timexes(text: str, dct: dt.date | None = None, *, nlp: Any = None, model: str = "") -> list[Timex]:
    """The time expressions of `text`, resolved against `dct` as notebook 03 resolves them."""
    parse = annotate_text(text, nlp, model=model).parse
    return _find_timexes(text, dct, sentences=list(parse.sents), parse=parse)


def find_quotes(text: str, *, nlp: Any = None, model: str = "", aliases: Sequence[Override] = ()) -> list[Quote]:
    """The direct quotes of `text` with their speakers, as notebook 05 finds them (the people
    of the entity stage as speaker candidates, the parse for subjects)."""
    annotation = annotate_text(text, nlp, model=model)
    entities = entities_of_text(text, annotation, aliases)
    return quotes_of_article(text, entities.mentions, sentences=list(annotation.sents), parse=annotation.parse)
