"""Regular-expression fragments of the time-expression rules (`rules`), built from the English
word lists of `helpers.text.english` (month, weekday, number, season and part-of-day names).

Month and weekday names are case-sensitive inside otherwise case-insensitive rules:
"may" and "march" are not months.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text.english import (
    MONTH_ABBREVIATION_PATTERN,
    MONTH_PATTERN,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAY_PATTERN,
)


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of words, in the order given."""
    return "|".join(words)


MONTH = (rf"(?-i:{MONTH_PATTERN}|{MONTH_PATTERN.upper()}|(?:{MONTH_ABBREVIATION_PATTERN}|"
         rf"{MONTH_ABBREVIATION_PATTERN.upper()})\.?)(?![a-zA-Z])")
"""A month name, full or abbreviated ("September", "Sept.", "SEP")."""
MONTH_NAME_ONLY = rf"(?-i:{MONTH_PATTERN})(?![a-zA-Z])"
"""A full month name, as written ("June")."""
WEEKDAY = rf"(?-i:{WEEKDAY_PATTERN})"
"""A weekday name, as written ("Monday")."""
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d/])(?!:\d)(?!,\d)(?!\.\d)"
"""A day of the month ("7", "4th"), not part of a longer number or a clock time."""
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.%-]\d)(?!\d)"
"""A four-digit year 1000-2099, not part of a longer number."""
NUM_WORD = "|".join(sorted((k for k in NUMBER_WORDS if " " not in k and len(k) > 2), key=len, reverse=True))
"""Single number words of three letters or more, longest first."""
NUM = (rf"(?:\d+\s+1/2|\d+(?:\.\d+)?|(?:{NUM_WORD})(?:[- ](?:{NUM_WORD}))?|a\s+couple\s+of|couple\s+of"
       rf"|a\s+few|several|a\s+dozen|half\s+a\s+dozen|dozens\s+of|a|an|one|few|many)")
"""A count of units: digits, number words, or a vague amount ("several")."""
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie))s?"
"""A unit of time, singular or plural."""
PART = rf"(?:{_alternation(PARTS_OF_DAY)})"
"""A part of the day ("morning")."""
PART_PLURAL = rf"(?:{_alternation(PARTS_OF_DAY)})s"
"""A part of the day in the plural ("nights")."""
SEASON = _alternation(SEASONS)
"""A season name ("summer", "fall")."""
TZ = r"(?:\s*\(?(?-i:[ECMP][SD]T|GMT|UTC|EST|EDT)\)?)?"
"""An optional time zone after a clock time."""
CLOCK = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|a\.m(?![a-z])|p\.m(?![a-z])"
         r"|(?-i:am|pm|AM|PM)(?![a-zA-Z]))|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?=\s*(?-i:[ECMP][SD]T|GMT|UTC|local|hours))"
         r"|noon|midnight|midday)")
"""A clock time ("10 a.m.", "3:30 pm", "14:00 GMT", "noon")."""
HOW = (r"(?P<how>last|this|next|this\s+past|past|previous|coming|current|the\s+coming|the\s+following|"
       r"the\s+current)")
"""The relative word before a unit ("last week", "the coming month")."""
EARLY_LATE = r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)\s*-?\s*)"
"""A part-of-period modifier before a relative unit ("early next year")."""
DAY_WORD = (rf"(?:{WEEKDAY}|today|tomorrow|yesterday|tonight|"
            rf"{MONTH}\s+{DAY}(?:,?\s+{YEAR})?)")
"""A day named after a clock time ("10 a.m. Monday", "noon on Sept. 7")."""
DAY_WORD_RE = re.compile(
    rf"(?:(?P<weekday>{WEEKDAY})|(?P<rel>today|tomorrow|yesterday|tonight)|"
    rf"(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?)", re.I)
"""`DAY_WORD` with named groups, to resolve it."""

QUARTER_ORDINALS: dict[str, int] = {
    **{w: n for w, n in ORDINAL_WORDS.items() if n <= 4},
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 4, "final": 4}
"""Ordinals of a quarter ("the third quarter", "the final quarter" = Q4)."""


def month_number(s: str) -> int:
    """'Sept.' → 9, 'June' → 6, 'DEC' → 12."""
    low = s.lower().rstrip(".")
    return MONTHS[low[:4] if low.startswith("sept") else low[:3]]


def day_number(s: str) -> int:
    """'4th' → 4."""
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]
