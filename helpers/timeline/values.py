"""Date arithmetic and TIMEX3 value formatting for the time-expression tagger (`timex`).

Values follow TIMEX3 / TimeML 1.2: days ``2018-09-07``, weeks ``2018-W35`` (ISO), months
``2018-09``, quarters ``2018-Q3``, years ``2018``, decades ``201``, centuries ``20``;
durations ``P3M``, ``PT48H``, vague ones ``PXY``. Nothing here reads the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..text.english import NUMBER_WORDS, VAGUE_NUMBERS

Period = tuple[dt.date, dt.date]
"""The first and last day of a date or period (a pair of bounds, not a record)."""

UNKNOWN: dict[str, str] = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX",
                           "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX"}
"""Placeholder values of a relative expression at each granularity when there is no DCT."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of time as an ISO 8601 duration designator."""

    designator: str
    """The letter(s) of the duration: Y, M, W, D, H, S; DE and CE for decades and centuries."""
    is_time: bool
    """Hours, minutes and seconds are written after the ``T`` (PT48H)."""


UNITS: dict[str, Unit] = {
    "second": Unit("S", True), "minute": Unit("M", True), "hour": Unit("H", True),
    "day": Unit("D", False), "night": Unit("D", False), "week": Unit("W", False),
    "fortnight": Unit("W", False), "month": Unit("M", False), "year": Unit("Y", False),
    "decade": Unit("DE", False), "century": Unit("CE", False),
}
"""Singular unit words -> their duration designator."""

_SMALLER: dict[str, tuple[str, int, bool]] = {
    "Y": ("M", 12, False), "M": ("D", 30, False), "W": ("D", 7, False), "D": ("H", 24, True),
    "H": ("M", 60, True), "S": ("S", 1, True), "DE": ("Y", 10, False), "CE": ("Y", 100, False)}
"""Designator -> (the next smaller designator, how many of it make one, is it a time unit)."""


def add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved by ``n`` months, the day clipped to the month's length."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def iso_week(d: dt.date) -> str:
    """The ISO week of ``d`` as a TIMEX3 value (2018-W35)."""
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """``d`` moved by ``n`` units (day, week, month, quarter, year, decade, century)."""
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    return add_months(d, months * n) if months else d


def format_value(d: dt.date, gran: str) -> str:
    """A date at a granularity as a TIMEX3 value."""
    if gran == "week":
        return iso_week(d)
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def parse_number(s: str) -> int | float | None:
    """'three' → 3, 'twenty-four' → 24, '48' → 48, 'a few' → None (vague)."""
    s = re.sub(r"\s+", " ", s.strip().lower())
    if s in VAGUE_NUMBERS:
        return None
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s]
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    half = re.fullmatch(r"(\d+) 1/2", s)
    if half:
        return int(half.group(1)) + 0.5
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        a, b = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        return a * b if b == 100 else a + b
    return None


def norm_unit(unit: str) -> str:
    """'Months' → 'month', 'centuries' → 'century'."""
    u = unit.lower().rstrip("s")
    if u.startswith("centur"):
        return "century"
    return u


def duration_value(n: int | float | None, unit: str) -> str:
    """TIMEX3 duration value: (3, 'month') → P3M, (48, 'hour') → PT48H, (None, 'year') → PXY."""
    unit = norm_unit(unit)
    letter, is_time = UNITS[unit].designator, UNITS[unit].is_time
    if unit == "fortnight" and n is not None:
        n, letter = n * 2, "W"
    if n is None:
        amount = "X"
    elif isinstance(n, float) and not n.is_integer():
        return _fractional_duration(n, letter, is_time)
    else:
        amount = str(int(n))
        if letter == "DE":  # "a decade" → P10Y, "two decades" → P20Y (TimeML usage)
            return f"P{int(n) * 10}Y"
        if letter == "CE":
            return f"P{int(n) * 100}Y"
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def _fractional_duration(n: float, letter: str, is_time: bool) -> str:
    """2.5 years → P2Y6M, 5.5 hours → PT5H30M, 1.5 minutes → PT1M30S, 1.5 days → P1DT12H."""
    whole = int(n)
    if letter == "M" and is_time:
        small, factor, small_is_time = "S", 60, True
    else:
        small, factor, small_is_time = _SMALLER[letter]
    rest = round((n - whole) * factor)
    if letter in ("DE", "CE"):
        return f"P{round(n * factor)}Y"
    head = f"{whole}{letter}" if whole else ""
    if is_time:
        return f"PT{head}{rest}{small}"
    if small_is_time:
        return f"P{head}T{rest}{small}"
    return f"P{head}{rest}{small}"


def period(first: dt.date | None, last: dt.date | None = None) -> Period | None:
    """The period from ``first`` to ``last`` (a single day without ``last``); None without ``first``."""
    if first is None:
        return None
    return first, last or first


def month_period(y: int, month: int) -> Period:
    """The first and last day of a month."""
    return dt.date(y, month, 1), dt.date(y, month, calendar.monthrange(y, month)[1])


def quarter_period(y: int, q: int) -> Period:
    """The first and last day of quarter ``q`` of year ``y``."""
    return month_period(y, 3 * q - 2)[0], month_period(y, 3 * q)[1]


def half_period(y: int, h: int) -> Period:
    """The first and last day of half ``h`` of year ``y``."""
    return month_period(y, 6 * h - 5)[0], month_period(y, 6 * h)[1]


def season_period(y: int, code: str) -> Period:
    """Meteorological seasons; winter y is December y-1 to February y (TimeML: 1999-WI
    is the winter at the start of 1999)."""
    if code == "WI":
        return dt.date(y - 1, 12, 1), dt.date(y, 2, calendar.monthrange(y, 2)[1])
    first = {"SP": 3, "SU": 6, "FA": 9}[code]
    return month_period(y, first)[0], month_period(y, first + 2)[1]
