"""Guards of the time-expression rules: named predicates over a match and its context that
must hold before a rule's handler runs (the must-not cases: "the last quarter" without a
year, "futures contracts", "past summer", lower-case "thanksgiving", a bare "years").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .context import Context

Match = re.Match[str]
Guard = Callable[[Match, Context], bool]
"""A guard: True when the rule may apply to the match."""


@dataclass(frozen=True)
class Preceded:
    """A guard: the text just before the match (``width`` characters) ends in ``pattern``."""

    name: str
    """What the guard asks, for audit and tests."""
    pattern: str
    """A case-insensitive regex ending in ``$``."""
    width: int = 20
    _compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", re.compile(self.pattern, re.I))

    def __call__(self, m: Match, ctx: Context) -> bool:
        """True when the text before the match ends in the pattern."""
        return bool(self._compiled.search(ctx.before(m, self.width)))


AFTER_SPAN_WORD = Preceded("after_span_word", r"\b(?:for|in|after|took|take|takes|quite)\s+$")
"""A while is a duration after *for, in, after, take, quite* ("for a while")."""
AFTER_PERIOD_WORD = Preceded("after_period_word", r"\b(?:the|in|over|for|during|within)\s+$")
"""A "past decade" without "the" is a duration after *the, in, over, for, during, within*."""
AFTER_DURATION_WORD = Preceded("after_duration_word",
                               r"\b(?:for|in|over|within|after|took|takes|take|lasted)\s+$")
"""A bare plural unit ("years") is a duration after *for, in, over, within, took, lasted*."""

_SEASON_PREP = re.compile(r"(?i)\b(?:in|during|by|since|until|the|this|over|through)\s+(?:the\s+)?$")


def season_is_anchored(m: Match, ctx: Context) -> bool:
    """A season is a date with a relative word, a year or a preposition before it
    ("this summer", "summer 2016", "in the fall"), never with "past" ("past summers")."""
    how = m["how"] or ""
    anchored = bool(how or m["year"] or _SEASON_PREP.search(ctx.before(m, 15)))
    return anchored and how.lower() != "past"


def quarter_is_ordinal(m: Match, ctx: Context) -> bool:
    """"the last quarter" / "the final quarter" without a year is not the fourth quarter."""
    return not (m["ord"].lower() in ("last", "final") and not m["year"])


_MARKET_NOUNS = re.compile(r"(?i)\s*(?:contracts?|prices?|markets?|trading|exchange|options?)")


def not_futures_market(m: Match, ctx: Context) -> bool:
    """"the future" but not "futures contracts"/"future prices"; "soon" but not "soon after"."""
    if _MARKET_NOUNS.match(ctx.after(m, 12)):
        return False
    return not (m.group().lower() == "soon" and re.match(r"(?i)\s+(?:after|before|as)", ctx.after(m, 8)))


def holiday_is_capitalised(m: Match, ctx: Context) -> bool:
    """A holiday's name is capitalised ("Thanksgiving", not "thanksgiving dinner" in lower case)."""
    return m["holiday"][0].isupper()
