"""What a timex handler reads besides its match: the text, the DCT, the tense judge, and the
last quarter, date and year mentioned (for anaphora: "the quarter", "that year")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .tense import FUTURE, PAST, TenseJudge
from .values import Period


@dataclass
class Context:
    """The document a match is resolved in; `last_*` are updated left to right."""

    text: str
    dct: dt.date | None
    judge: TenseJudge
    last_quarter: str = ""
    last_date: str = ""
    last_year: str = ""

    def tense(self, start: int, end: int) -> str:
        """'past', 'future' or '' for the expression at ``text[start:end]``."""
        return self.judge.tense(start, end)

    @property
    def anchor(self) -> str:
        """The anchor of a value resolved against the DCT ("dct 2018-09-03"), or ""."""
        return f"dct {self.dct.isoformat()}" if self.dct else ""

    def before(self, m: re.Match[str], width: int) -> str:
        """Up to ``width`` characters of text just before the match."""
        return self.text[max(0, m.start() - width):m.start()]

    def after(self, m: re.Match[str], width: int) -> str:
        """Up to ``width`` characters of text just after the match."""
        return self.text[m.end():m.end() + width]


@dataclass(frozen=True)
class Result:
    """What a handler makes of a match: a TIMEX3 type, value, anchor and modifier."""

    type: str
    value: str
    anchor: str = ""
    mod: str = ""


Handler = Callable[[re.Match[str], Context], "Result | None"]
"""A rule's handler: the match's type and value, or None to reject it."""


def choose_in_year(ctx: Context, start: int, end: int, make: Callable[[int], Period | None],
                   wrong_way: float = 6.0) -> int | None:
    """Year for a date or period known up to its year ("Sept. 7", "June", "the third
    quarter"), among the DCT's year and its neighbours.

    Each candidate scores its distance in days from the DCT (0 if it contains the DCT).
    The tense of the sentence multiplies the distance of candidates on the wrong side by
    ``wrong_way``: a past-tense sentence still means next month's "Jan. 14" a week ahead
    rather than last year's 357 days back, but "in June" three months back rather than
    nine months ahead; with no cue the nearest wins (a past one on a tie).
    """
    assert ctx.dct is not None
    tense = ctx.tense(start, end)
    best: tuple[float, int, int] | None = None
    for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        per = make(y)
        if per is None:
            continue
        first, last = per
        if first <= ctx.dct <= last:
            score, side = 0.0, 0
        elif last < ctx.dct:
            score, side = float((ctx.dct - last).days), 0
            if tense == FUTURE:
                score *= wrong_way
        else:
            score, side = float((first - ctx.dct).days), 1
            if tense == PAST:
                score *= wrong_way
        key = (score, side, y)
        if best is None or key < best:
            best = key
    return best[2] if best else None
