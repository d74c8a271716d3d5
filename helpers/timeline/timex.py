"""Rule-based TIMEX3 time-expression tagger and normaliser for English news.

``find_timexes(text, dct)`` finds time expressions ("Sept. 7", "last week", "three
months", "every day", "3:30 p.m. Monday") and normalises each one to a TIMEX3 ``value``
(``2018-09-07``, ``2018-W35``, ``P3M``, ``P1D``, ``2018-09-03T15:30``), resolving relative
expressions against the document creation time (DCT, the article's date).

Design (pure Python + ``re``; no spaCy, no clock: the output depends only on the input):

1. **Candidates.** A list of regular-expression rules (``_RULES``) is run over the text.
   Each rule has a name and a handler that turns a match into a type and a value, or
   rejects it (must-not cases: "3 million people", the modal "may", "a march", a bare
   "Sept." with no day or year, "Turkey" ...). Month and weekday names are matched
   case-sensitively, so lower-case "may" / "march" never match.
2. **Selection.** The longest candidate wins; among equal lengths the earlier rule wins.
   The kept records never overlap.
3. **Modifiers.** A kept DATE/TIME/DURATION is extended over a preceding modifier
   ("early", "late", "mid-", "the end of", "about", "nearly", "more than", ...), which
   TimeML counts as part of the expression; the value keeps the granularity of the head
   ("late November" is ``2018-11``).
4. **Values**, computed left to right so that anaphoric expressions ("a year earlier",
   "the year-ago quarter", "the quarter") can use the last quarter mentioned before them.

Resolution of under-specified dates ("Sept. 7", "in June", "Friday", "the third
quarter") uses the **tense of the sentence** (``sentence_tense``): the nearest cue word to
the expression decides.

- future cues: *will, shall, 'll, won't, would, is/are expected/due/going to, plans/planned
  to, scheduled, set to, as soon as, next (not "next to"), upcoming, coming, until*;
- past cues: *said, was, were, had, did, ago, last*, about 120 irregular past forms
  (*told, met, began, took, withdrew ...*) and "-ed"/"-ied" words, except after
  *be/been/being* ("will be held" is future).

Distance is counted in words; reporting verbs (*said, says, told, added*) count as two
words further away (they date the report, not always the event), every comma one more and
every "that" two more. Dates known up to their year take the candidate (DCT year or a
neighbour) nearest to the DCT, where the distance of candidates on the wrong side of the
DCT for the tense is multiplied by 6 (``_choose_in_year``): a past-tense "ruled he must
return by Jan. 14" a week before that date still means the coming Jan. 14. Weekdays: past
→ the latest on or before the DCT, future → the first on or after it, no cue → the past
one (news mostly reports the past); the DCT's own day counts for both, as news writes
"Monday" for today. Sentences come from the caller (``sentences=``) or from a simple
splitter (``split_sentences``) that knows common abbreviations (Sept., Mr., U.S., a.m.).

Value conventions (TIMEX3 / TimeML 1.2): days ``2018-09-07``, months ``2018-09``, years
``2018``, weeks ``2018-W35`` (ISO), quarters ``2018-Q3``, halves ``2018-H1``, seasons
``2018-SU``/``WI``/``SP``/``FA``, weekends ``2018-W35-WE``, decades ``199``, centuries
``19``; times ``2018-09-03T15:30`` and parts of day ``2018-09-03TNI`` (MO/AF/EV/NI);
durations ``P7Y``, ``P3M``, ``PT48H``, vague ones ``PXY``/``PXDE``; sets ``P1W`` with
``every``/``weekly``; ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``. With no DCT,
relative expressions get ``X`` placeholders at their granularity (``XXXX-09-07``,
``XXXX-WXX-1``).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..text.sentences import split_sentences

__all__ = ["Timex", "find_timexes", "sentence_tense", "split_sentences"]

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Timex:
    """One time expression found in a text.

    ``start``/``end`` are character offsets into the text (``text[start:end] == self.text``);
    ``type`` is DATE, TIME, DURATION or SET; ``value`` the TIMEX3 normalisation; ``anchor``
    what a relative value was resolved against ("dct 2018-09-03", "ref 2018-Q3"; "" for
    absolute expressions and durations); ``rule`` the name of the rule that produced it;
    ``mod`` the TimeML modifier (START, END, MID, APPROX, MORE_THAN, LESS_THAN or "").
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    anchor: str
    rule: str
    mod: str = ""


# --------------------------------------------------------------------------- vocabulary

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}  # monday = 0

_NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
    "single": 1, "dozen": 12, "a dozen": 12, "half a dozen": 6, "a couple of": 2,
    "couple of": 2, "a couple": 2, "a hundred": 100, "a thousand": 1000,
}
_VAGUE_NUMBERS = {"a few", "few", "several", "many", "some", "the", "dozens of",
                  "hundreds of", "a number of", "numerous", "countless", "the last few",
                  "a few more", "more"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
             "3rd": 3, "4th": 4, "last": 4, "final": 4}

_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

# unit -> (ISO duration designator, is a time unit, granularity name)
_UNITS: dict[str, tuple[str, bool, str]] = {
    "second": ("S", True, "second"), "minute": ("M", True, "minute"),
    "hour": ("H", True, "hour"), "day": ("D", False, "day"), "night": ("D", False, "day"),
    "week": ("W", False, "week"), "fortnight": ("W", False, "week"),
    "month": ("M", False, "month"), "year": ("Y", False, "year"),
    "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
}

# regex fragments (month and weekday names are case-sensitive: "may", "march" are not months)
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH = rf"(?-i:{_MONTH_FULL}|{_MONTH_FULL.upper()}|(?:{_MONTH_ABBR}|{_MONTH_ABBR.upper()})\.?)(?![a-zA-Z])"
_MONTH_NAME_ONLY = rf"(?-i:{_MONTH_FULL})(?![a-zA-Z])"
_WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d/])(?!:\d)(?!,\d)(?!\.\d)"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.%-]\d)(?!\d)"
_NUM_WORD = "|".join(sorted((k for k in _NUMBER_WORDS if " " not in k and len(k) > 2),
                            key=len, reverse=True))
_NUM = (rf"(?:\d+\s+1/2|\d+(?:\.\d+)?|(?:{_NUM_WORD})(?:[- ](?:{_NUM_WORD}))?|a\s+couple\s+of|couple\s+of"
        rf"|a\s+few|several|a\s+dozen|half\s+a\s+dozen|dozens\s+of|a|an|one|few|many)")
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie))s?"
_PART = r"(?:morning|afternoon|evening|night)"
_TZ = r"(?:\s*\(?(?-i:[ECMP][SD]T|GMT|UTC|EST|EDT)\)?)?"
_CLOCK = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|a\.m(?![a-z])|p\.m(?![a-z])"
          r"|(?-i:am|pm|AM|PM)(?![a-zA-Z]))|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?=\s*(?-i:[ECMP][SD]T|GMT|UTC|local|hours))"
          r"|noon|midnight|midday)")

# ------------------------------------------------------------------------ date helpers


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _quarter(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(d, n)
    if unit == "quarter":
        return _add_months(d, 3 * n)
    if unit == "year":
        return _add_months(d, 12 * n)
    if unit == "decade":
        return _add_months(d, 120 * n)
    if unit == "century":
        return _add_months(d, 1200 * n)
    return d


def _format(d: dt.date, gran: str) -> str:
    """A date at a granularity as a TIMEX3 value."""
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        return _week(d)
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        y, q = _quarter(d)
        return f"{y}-Q{q}"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return d.isoformat()


_UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
            "year": "XXXX", "decade": "XXX", "century": "XX"}


def _parse_number(s: str) -> int | float | None:
    """'three' → 3, 'twenty-four' → 24, '48' → 48, 'a few' → None (vague)."""
    s = re.sub(r"\s+", " ", s.strip().lower())
    if s in _VAGUE_NUMBERS:
        return None
    if s in _NUMBER_WORDS:
        return _NUMBER_WORDS[s]
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    half = re.fullmatch(r"(\d+) 1/2", s)
    if half:
        return int(half.group(1)) + 0.5
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and all(p in _NUMBER_WORDS for p in parts):
        a, b = _NUMBER_WORDS[parts[0]], _NUMBER_WORDS[parts[1]]
        return a * b if b == 100 else a + b
    return None


def _duration(n: int | float | None, unit: str) -> str:
    """TIMEX3 duration value: (3, 'month') → P3M, (48, 'hour') → PT48H, (None, 'year') → PXY."""
    unit = _norm_unit(unit)
    letter, is_time, _ = _UNITS[unit]
    if unit == "fortnight" and n is not None:
        n, letter = n * 2, "W"
    if n is None:
        amount = "X"
    elif isinstance(n, float) and not n.is_integer():
        # 2.5 years → P2Y6M, 5.5 hours → PT5H30M, 1.5 minutes → PT1M30S, 1.5 days → P1DT12H
        whole = int(n)
        smaller = {"Y": ("M", 12, False), "M": ("D", 30, False), "W": ("D", 7, False),
                   "D": ("H", 24, True), "H": ("M", 60, True), "S": ("S", 1, True),
                   "DE": ("Y", 10, False), "CE": ("Y", 100, False)}
        if letter == "M" and is_time:
            small, factor, small_is_time = "S", 60, True
        else:
            small, factor, small_is_time = smaller[letter]
        rest = round((n - whole) * factor)
        if letter in ("DE", "CE"):
            return f"P{round(n * factor)}Y"
        head = f"{whole}{letter}" if whole else ""
        if is_time:
            return f"PT{head}{rest}{small}"
        if small_is_time:
            return f"P{head}T{rest}{small}"
        return f"P{head}{rest}{small}"
    else:
        amount = str(int(n))
        if letter == "DE":  # "a decade" → P10Y, "two decades" → P20Y (TimeML usage)
            return f"P{int(n) * 10}Y"
        if letter == "CE":
            return f"P{int(n) * 100}Y"
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def _norm_unit(unit: str) -> str:
    u = unit.lower().rstrip("s")
    if u.startswith("centur"):
        return "century"
    return u


# ------------------------------------------------------------------------ sentences



# --------------------------------------------------------------------------- tense

_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|won't|'ll|would|next(?!\s+to\b)|upcoming|coming|scheduled|set\s+to|"
    r"as\s+(?:soon|early)\s+as|planned\s+to|"
    r"(?:is|are|was|were|'s|'re)\s+(?:expected|due|going|slated|poised|likely)\s+to|"
    r"plans?\s+to|planning\s+to|intends?\s+to|hopes?\s+to|to\s+be\s+held|to\s+meet|"
    r"until|by\s+the\s+end)\b", re.I)
_IRREGULAR_PAST = (
    "said|was|were|had|did|ago|last|told|met|began|took|gave|made|came|went|fell|rose|won|"
    "lost|left|held|sent|spoke|saw|got|led|ran|paid|sold|bought|brought|thought|found|"
    "kept|struck|became|knew|wrote|shot|stood|fought|flew|grew|drew|threw|broke|chose|"
    "spent|meant|felt|built|hit|put|set|cut|quit|read|heard|sought|taught|caught|won|"
    "earlier|previously|recently|yesterday|former|resigned|earned|posted|reported|ended|"
    "closed|agreed|declined|withdrew|fled|drove|rode|wore|tore|hid|froze|woke|arose|shook|"
    "slid|stuck|swung|sprang|sank|stole|swore|wept|bore|dealt|fed|lit|laid|lent|slept|swept|"
    "bled|crept|dug|hung|overthrew|undertook|withheld|upheld|overtook|forgot|rang|sank|"
    "sang|blew|bit|spoke|forbade|forgave|overcame|underwent|foresaw|oversaw|withstood"
)
_PAST_CUES = re.compile(rf"\b(?:{_IRREGULAR_PAST}|[a-z]{{3,}}(?<!e)ed|[a-z]{{2,}}ied)\b", re.I)
_REPORTING = re.compile(r"\b(?:said|says|say|told|tells|added|according|announced|reported)\b",
                        re.I)
_NOT_PAST = {"need", "indeed", "hundred", "proceed", "exceed", "succeed", "speed", "seed",
             "feed", "breed", "united", "limited", "based", "red", "bed", "embed", "shed"}


def sentence_tense(sentence: str, start: int, end: int) -> str:
    """'future', 'past' or '' for an expression at ``sentence[start:end]``.

    The nearest cue wins (future and past cue lists in the module docstring). Distance is
    the number of words between cue and expression; reporting verbs count three more,
    and each comma, semicolon or "that" in between one more. Cues inside the expression
    itself ("next Friday") are handled by the expression's own rule, not here.
    """
    best: tuple[float, str] = (1e9, "")
    cues: list[tuple[int, int, str]] = []
    for m in _FUTURE_CUES.finditer(sentence):
        cues.append((m.start(), m.end(), "future"))
    for m in _PAST_CUES.finditer(sentence):
        if m.group().lower() in _NOT_PAST:
            continue
        if re.search(r"(?i)\b(?:be|been|being)\s+$", sentence[max(0, m.start() - 8):m.start()]):
            continue  # passive "will be held": the auxiliary carries the tense
        cues.append((m.start(), m.end(), "past"))
    for cs, ce, tense in cues:
        if cs < end and ce > start:
            continue
        between = sentence[ce:start] if ce <= start else sentence[end:cs]
        dist = float(len(re.findall(r"\w+", between)))
        dist += len(re.findall(r"[,;]", between)) + 2 * len(re.findall(r"\bthat\b", between))
        if _REPORTING.fullmatch(sentence[cs:ce]):
            dist += 2
        if tense == "future" and re.fullmatch(r"(?i)would", sentence[cs:ce]):
            dist += 2  # reported speech: weaker than "will"
        if cs >= end:
            dist += 0.5  # a cue before the expression wins a tie
        if dist < best[0]:
            best = (dist, tense)
    return best[1]


# --------------------------------------------------------------------------- context


@dataclass
class _Context:
    text: str
    dct: dt.date | None
    sentences: list[tuple[int, int]]
    starts: list[int]
    last_quarter: str = ""
    last_date: str = ""
    last_year: str = ""

    def tense(self, start: int, end: int) -> str:
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            s, e = 0, len(self.text)
        else:
            s, e = self.sentences[i]
            if end > e:
                e = end
        return sentence_tense(self.text[s:e], start - s, end - s)

    @property
    def anchor(self) -> str:
        return f"dct {self.dct.isoformat()}" if self.dct else ""


@dataclass(frozen=True)
class _Result:
    type: str
    value: str
    anchor: str = ""
    mod: str = ""


_Handler = Callable[[re.Match[str], _Context], _Result | None]


_Period = tuple[dt.date, dt.date]


def _period(first: dt.date | None, last: dt.date | None = None) -> _Period | None:
    if first is None:
        return None
    return first, last or first


def _month_period(y: int, month: int) -> _Period:
    return dt.date(y, month, 1), dt.date(y, month, calendar.monthrange(y, month)[1])


def _choose_in_year(ctx: _Context, start: int, end: int,
                    make: Callable[[int], _Period | None], wrong_way: float = 6.0) -> int | None:
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
            if tense == "future":
                score *= wrong_way
        else:
            score, side = float((first - ctx.dct).days), 1
            if tense == "past":
                score *= wrong_way
        key = (score, side, y)
        if best is None or key < best:
            best = key
    return best[2] if best else None


# --------------------------------------------------------------------------- handlers


def _month_num(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")[:4] if s.lower().startswith("sept") else
                   s.lower().rstrip(".")[:3]]


def _day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _valid_day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _resolve_month_day(m: re.Match[str], ctx: _Context, month: int, day: int,
                       year: str | None, weekday: str | None = None) -> _Result | None:
    if not 1 <= day <= 31:
        return None
    if year:
        y = int(year)
        if _valid_day(y, month, day) is None:
            return None
        return _Result("DATE", f"{y:04d}-{month:02d}-{day:02d}")
    if ctx.dct is None:
        return _Result("DATE", f"XXXX-{month:02d}-{day:02d}")
    if weekday is not None:  # "Monday, Sept. 3": the year whose Sept. 3 is a Monday
        wd = _WEEKDAYS[weekday.lower()]
        for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            d = _valid_day(y, month, day)
            if d is not None and d.weekday() == wd:
                return _Result("DATE", d.isoformat(), ctx.anchor)
    year_ = _choose_in_year(ctx, m.start(), m.end(),
                            lambda y: _period(_valid_day(y, month, day)))
    if year_ is None:
        return None
    return _Result("DATE", f"{year_:04d}-{month:02d}-{day:02d}", ctx.anchor)


def _h_month_day(m: re.Match[str], ctx: _Context) -> _Result | None:
    return _resolve_month_day(m, ctx, _month_num(m["month"]), _day_num(m["day"]),
                              m.groupdict().get("year"), m.groupdict().get("weekday"))


def _h_iso_date(m: re.Match[str], ctx: _Context) -> _Result | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if _valid_day(y, mo, d) is None:
        return None
    return _Result("DATE", f"{y:04d}-{mo:02d}-{d:02d}")


def _h_us_date(m: re.Match[str], ctx: _Context) -> _Result | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    if _valid_day(y, mo, d) is None:
        return None
    return _Result("DATE", f"{y:04d}-{mo:02d}-{d:02d}")


def _h_month_year(m: re.Match[str], ctx: _Context) -> _Result | None:
    return _Result("DATE", f"{int(m['year']):04d}-{_month_num(m['month']):02d}")


_MONTH_PREP = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|to|through|of|during|before|after|last|next|this|"
    r"early|late|mid|between|and|or|for|each|every|around|about|the|end|beginning|start|"
    r"middle|that|on|until|past|within)|-)\s*$", re.I)


def _h_month(m: re.Match[str], ctx: _Context) -> _Result | None:
    name = m["month"]
    before = ctx.text[max(0, m.start() - 25):m.start()]
    after = ctx.text[m.end():m.end() + 20]
    if re.match(r"\s+(?-i:[A-Z][a-z]+)", after) and not re.match(
            rf"\s+(?:{_MONTH_FULL}|{_WEEKDAY[6:-1]}|Day)\b", after):
        return None  # "April Smith", "June Carter"
    if re.search(r"(?-i:\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s*)$", before):
        return None
    how = (m["how"] or "").lower()
    if name in ("May", "March") and not how and not _MONTH_PREP.search(before):
        return None  # the modal "May ...", the noun "March"
    month = _month_num(name)
    if ctx.dct is None:
        return _Result("DATE", f"XXXX-{month:02d}")
    if how:  # "last November": the latest before the DCT's month; "next": the first after
        cur = (ctx.dct.year, ctx.dct.month)
        if how == "last":
            y = ctx.dct.year if month < cur[1] else ctx.dct.year - 1
        elif how == "next":
            y = ctx.dct.year if month > cur[1] else ctx.dct.year + 1
        else:
            y = ctx.dct.year
        return _Result("DATE", f"{y:04d}-{month:02d}", ctx.anchor)
    y = _choose_in_year(ctx, m.start(), m.end(), lambda y: _month_period(y, month))
    if y is None:
        return None
    return _Result("DATE", f"{y:04d}-{month:02d}", ctx.anchor)


_COUNTED_AFTER = re.compile(
    r"\s+(?:million|billion|thousand|trillion|hundred|people|percent|per\s+cent|%|troops|"
    r"soldiers|men|women|children|persons|dollars|pounds|euros|yen|tons|tonnes|feet|foot|"
    r"meters|metres|miles|kilometers|km|acres|votes|units|shares|points|members|workers|"
    r"employees|jobs|cases|deaths|homes|cars|vehicles|barrels|residents|refugees|fighters)\b",
    re.I)
_PLURAL_AFTER = re.compile(r"\s+([a-z]{3,}s)\b")
_NOT_PLURAL = {"was", "has", "this", "its", "his", "thus", "plus", "less", "across", "unless",
               "always", "perhaps", "besides", "news", "series", "elections", "olympics",
               "games", "talks", "is", "as", "us", "yes", "does", "sales", "earnings",
               "results", "levels", "figures", "prices", "profits", "losses", "rates",
               "standards", "values", "terms", "highs", "lows", "budgets", "accounts"}


def _h_year(m: re.Match[str], ctx: _Context) -> _Result | None:
    year = int(m["year"])
    before = ctx.text[max(0, m.start() - 15):m.start()]
    after = ctx.text[m.end():m.end() + 25]
    if re.search(r"[$£€#]\s*$|\d[,.]?\s*$|\b(?:No|Nos|Number|Flight|Route|Article|Section|"
                 r"Resolution|Room|Model|Boeing|Airbus|Highway|Interstate|page|pages|p)\.?\s*$",
                 before):
        return None
    if _COUNTED_AFTER.match(after) or re.match(r"\s*(?:%|-?\s*(?:\d|[a-z]+-(?:year|month)))", after):
        return None
    if re.match(r"\s*(?:to|and|-|or)\s+\d{1,3}(?:,\d{3})+", after):
        return None  # "2000 to 10,000 people"
    pl = _PLURAL_AFTER.match(after)
    if pl and pl.group(1).lower() not in _NOT_PLURAL and not pl.group(1).endswith("ss"):
        return None  # "1500 soldiers", "2000 rockets"
    if re.search(r"\b(?:to|and)\s*$", before) and re.search(r"\d{1,3},\d{3}\s+(?:to|and)\s*$",
                                                            before):
        return None
    if year < 1900 and not re.search(r"(?i)\b(?:in|since|of|from|until|by|year|the|to|and|"
                                     r"until|before|after|early|late|mid|around|circa|c\.)\W*$",
                                     before):
        return None
    return _Result("DATE", f"{year:04d}")  # "fiscal 1989" is the year 1989 too


def _h_decade(m: re.Match[str], ctx: _Context) -> _Result | None:
    y = m["dyear"]
    if len(y) == 2:
        century = "19" if int(y) > 20 else "20"
        return _Result("DATE", f"{century}{y[0]}")
    return _Result("DATE", y[:3])


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _h_decade_word(m: re.Match[str], ctx: _Context) -> _Result | None:
    return _Result("DATE", f"19{_DECADE_WORDS[m['dw'].lower()]}")


def _h_century(m: re.Match[str], ctx: _Context) -> _Result | None:
    n = m["cent"].lower()
    words = {"first": 1, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
             "twenty-first": 21, "twenty first": 21}
    digits = re.match(r"\d+", n)
    c = int(digits.group()) if digits else words.get(n)
    if not c:
        return None
    return _Result("DATE", f"{c - 1:02d}")


def _weekday_date(ctx: _Context, wd: int, start: int, end: int, how: str = "") -> tuple[dt.date, str]:
    """The date of a weekday; ``how``: 'last', 'next', 'this' or '' (tense of the sentence)."""
    assert ctx.dct is not None
    back = (ctx.dct.weekday() - wd) % 7  # days back to the most recent such weekday
    fwd = (wd - ctx.dct.weekday()) % 7
    if how == "last":
        return ctx.dct - dt.timedelta(days=back or 7), "last"
    if how == "next":
        return ctx.dct + dt.timedelta(days=fwd or 7), "next"
    tense = "future" if how == "this" else ctx.tense(start, end)
    if tense == "future":
        return ctx.dct + dt.timedelta(days=fwd), tense
    return ctx.dct - dt.timedelta(days=back), tense or "past"


def _h_weekday(m: re.Match[str], ctx: _Context) -> _Result | None:
    wd = _WEEKDAYS[m["weekday"].lower()]
    how = (m.groupdict().get("how") or "").lower()
    how = "this" if how.startswith("this") or how == "coming" else how
    how = "last" if how.endswith("previous") else how
    part = (m.groupdict().get("part") or "").lower()
    pod = _PARTS_OF_DAY.get(part, "")
    if ctx.dct is None:
        return _Result("TIME" if pod else "DATE", f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else ""))
    d, _ = _weekday_date(ctx, wd, m.start(), m.end(), how)
    if pod:
        return _Result("TIME", f"{d.isoformat()}T{pod}", ctx.anchor)
    return _Result("DATE", d.isoformat(), ctx.anchor)


def _h_weekday_set(m: re.Match[str], ctx: _Context) -> _Result | None:
    wd = _WEEKDAYS[m["weekday"].lower()]
    part = (m.groupdict().get("part") or "").lower().rstrip("s")
    pod = _PARTS_OF_DAY.get(part, "")
    return _Result("SET", f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else ""))


_REL_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def _h_rel_day(m: re.Match[str], ctx: _Context) -> _Result | None:
    word = m["rel"].lower()
    part = (m.groupdict().get("part") or "").lower()
    if word == "tonight":
        part = "night"
    if word == "this":
        word = "today"
    if word == "last":  # "last night"
        word, part = "yesterday", "night"
    pod = _PARTS_OF_DAY.get(part, "")
    if ctx.dct is None:
        return _Result("TIME" if pod else "DATE", "XXXX-XX-XX" + (f"T{pod}" if pod else ""))
    d = ctx.dct + dt.timedelta(days=_REL_DAYS[word])
    if pod:
        return _Result("TIME", f"{d.isoformat()}T{pod}", ctx.anchor)
    return _Result("DATE", d.isoformat(), ctx.anchor)


_REL_OFFSET = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
               "coming": 1, "following": 1, "the": 0}


def _h_rel_unit(m: re.Match[str], ctx: _Context) -> _Result | None:
    """last/this/next week|month|year|quarter|weekend|decade|century."""
    how = (m.groupdict().get("how") or "the").lower().split()[-1]
    if m["unit"][0].isupper() and not re.search(r"(?:^|[.!?]\s*|\n\s*)$", ctx.text[:m.start()][-5:]):
        return None  # "This Week With David Brinkley": a title
    unit = m["unit"].lower()
    off = _REL_OFFSET[how]
    gran = {"weekend": "week"}.get(unit, unit)
    if ctx.dct is None:
        v = _UNKNOWN.get(gran, "XXXX")
        return _Result("DATE", v + ("-WE" if unit == "weekend" else ""))
    d = _shift(ctx.dct, gran, off)
    v = _format(d, gran)
    if unit == "weekend":
        v += "-WE"
    return _Result("DATE", v, ctx.anchor)


def _h_this_unit_prefixed(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"earlier this month", "later this year", "early next year": the unit's value."""
    return _h_rel_unit(m, ctx)


def _season_value(ctx: _Context, season: str, start: int, end: int, how: str) -> str:
    """'last summer': the latest summer over before the DCT; 'next': the first one not
    begun; 'this': the one containing the DCT, else this year's; bare: by tense."""
    code = _SEASONS[season.lower()]
    if ctx.dct is None:
        return f"XXXX-{code}"
    dct = ctx.dct
    years = (dct.year - 1, dct.year, dct.year + 1)
    if how == "last":  # one that ended under two months ago is "this summer"
        y = max(y for y in years if _season_period(y, code)[1] < dct - dt.timedelta(days=60))
    elif how == "next":
        y = min(y for y in years if _season_period(y, code)[0] > dct)
    elif how == "this":
        inside = [y for y in years if _season_period(y, code)[0] <= dct <= _season_period(y, code)[1]]
        y = inside[0] if inside else dct.year
    else:
        y = _choose_in_year(ctx, start, end, lambda y: _season_period(y, code)) or dct.year
    return f"{y}-{code}"


def _season_period(y: int, code: str) -> _Period:
    """Meteorological seasons; winter y is December y-1 to February y (TimeML: 1999-WI
    is the winter at the start of 1999)."""
    if code == "WI":
        return dt.date(y - 1, 12, 1), dt.date(y, 2, calendar.monthrange(y, 2)[1])
    first = {"SP": 3, "SU": 6, "FA": 9}[code]
    return _month_period(y, first)[0], _month_period(y, first + 2)[1]


def _h_season(m: re.Match[str], ctx: _Context) -> _Result | None:
    how = (m.groupdict().get("how") or "").lower().split()[-1:] or [""]
    how = {"past": "last", "the": ""}.get(how[0], how[0])
    if m.groupdict().get("year"):
        return _Result("DATE", f"{m['year']}-{_SEASONS[m['season'].lower()]}")
    return _Result("DATE", _season_value(ctx, m["season"], m.start(), m.end(), how),
                   ctx.anchor)


def _quarter_value(ctx: _Context, q: int, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return f"XXXX-Q{q}", ""
    y = _choose_in_year(ctx, start, end, lambda y: (_month_period(y, 3 * q - 2)[0],
                                                    _month_period(y, 3 * q)[1]))
    return f"{y}-Q{q}", ctx.anchor


def _h_quarter(m: re.Match[str], ctx: _Context) -> _Result | None:
    q = _ORDINALS[m["ord"].lower()]
    if m.groupdict().get("year"):
        return _Result("DATE", f"{m['year']}-Q{q}")
    v, a = _quarter_value(ctx, q, m.start(), m.end())
    return _Result("DATE", v, a)


def _h_half(m: re.Match[str], ctx: _Context) -> _Result | None:
    h = {"first": 1, "second": 2}[m["ord"].lower()]
    if m.groupdict().get("year"):
        return _Result("DATE", f"{m['year']}-H{h}")
    if ctx.dct is None:
        return _Result("DATE", f"XXXX-H{h}")
    y = _choose_in_year(ctx, m.start(), m.end(), lambda y: (_month_period(y, 6 * h - 5)[0],
                                                            _month_period(y, 6 * h)[1]))
    return _Result("DATE", f"{y}-H{h}", ctx.anchor)


def _h_the_quarter(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"the quarter", "the latest quarter": the last quarter mentioned, else the last one
    that ended before the DCT (what an earnings report is about)."""
    if ctx.last_quarter:
        return _Result("DATE", ctx.last_quarter, f"ref {ctx.last_quarter}")
    if ctx.dct is None:
        return _Result("DATE", "XXXX-QX")
    d = _add_months(ctx.dct, -3)
    return _Result("DATE", _format(d, "quarter"), ctx.anchor)


def _h_latest_quarter(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"the latest quarter/period": the last quarter that ended before the DCT."""
    if ctx.dct is None:
        return _Result("DATE", "XXXX-QX")
    if "fiscal" in m.group().lower():
        return None
    return _Result("DATE", _format(_add_months(ctx.dct, -3), "quarter"), ctx.anchor)


def _h_that_unit(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"that year", "the same month": the last date mentioned, at that granularity."""
    unit = m["unit"].lower()
    if unit == "quarter":
        return _Result("DATE", ctx.last_quarter, f"ref {ctx.last_quarter}") if ctx.last_quarter else None
    if unit == "year" and ctx.last_year:
        return _Result("DATE", ctx.last_year, f"ref {ctx.last_year}")
    if ctx.last_date:
        d = dt.date.fromisoformat(ctx.last_date)
        return _Result("DATE", _format(d, unit), f"ref {ctx.last_date}")
    return None


def _h_next_day(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"the next day", "the following morning", "the day before": the last full date
    mentioned ± 1 (the DCT when none was)."""
    how = (m["how"] or m["how2"]).lower()
    unit = (m["unit"] or m["unit2"]).lower()
    sign = 1 if how in ("next", "following", "after") else -1
    if ctx.last_date:
        ref, anchor = dt.date.fromisoformat(ctx.last_date), f"ref {ctx.last_date}"
    elif ctx.dct is not None:
        ref, anchor = ctx.dct, ctx.anchor
    else:
        return _Result("DATE", "XXXX-XX-XX")
    d = (ref + dt.timedelta(days=sign)).isoformat()
    pod = _PARTS_OF_DAY.get(unit, "")
    if pod and unit != "night":
        return _Result("TIME", f"{d}T{pod}", anchor)
    return _Result("DATE", d, anchor)


def _h_the_year(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"the year ended March 31" is a DURATION P1Y; "for the (full) year" the DCT's year."""
    if m["ended"]:
        if "to date" in m["ended"].lower():
            return None
        return _Result("DURATION", "P1Y")
    before = ctx.text[max(0, m.start() - 25):m.start()]
    if not re.search(r"(?i)\b(?:for|in|during|of|through|throughout)\s+$", before):
        return None
    if ctx.dct is None:
        return _Result("DATE", "XXXX")
    return _Result("DATE", str(ctx.dct.year), ctx.anchor)


def _h_year_end(m: re.Match[str], ctx: _Context) -> _Result | None:
    if ctx.dct is None:
        return _Result("DATE", "XXXX", mod="END")
    return _Result("DATE", str(ctx.dct.year), ctx.anchor, "END")


def _h_spoken_year(m: re.Match[str], ctx: _Context) -> _Result | None:
    """Broadcast transcripts: "nineteen ninety-six" → 1996, "two thousand" → 2000."""
    if m["h"]:
        hundreds = 19 if m["h"].lower() == "nineteen" else 20
        t = m["t"].lower()
        rest = 0 if t == "hundred" else _parse_number(t)
        if rest is None:
            return None
        return _Result("DATE", f"{hundreds}{int(rest):02d}")
    before = ctx.text[max(0, m.start() - 15):m.start()]
    if "year" not in m.group().lower() and not re.search(r"(?i)\b(?:in|since|of|by|until)\s+$", before):
        return None
    n = _parse_number(m["t2"]) if m["t2"] else 0
    return _Result("DATE", f"{2000 + int(n or 0)}")


def _h_current_quarter(m: re.Match[str], ctx: _Context) -> _Result | None:
    if ctx.dct is None:
        return _Result("DATE", "XXXX-QX")
    return _Result("DATE", _format(ctx.dct, "quarter"), ctx.anchor)


def _h_year_earlier(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"a year earlier", "the year-ago quarter": one year before the last quarter
    mentioned (earnings reports), else the year before the DCT."""
    if ctx.last_quarter and re.match(r"\d{4}-Q\d", ctx.last_quarter):
        y, q = ctx.last_quarter.split("-")
        return _Result("DATE", f"{int(y) - 1}-{q}", f"ref {ctx.last_quarter}")
    if ctx.dct is None:
        return _Result("DATE", "XXXX")
    return _Result("DATE", str(ctx.dct.year - 1), ctx.anchor)


def _h_ago(m: re.Match[str], ctx: _Context) -> _Result | None:
    unit = _norm_unit(m["unit"])
    n = _parse_number(m["num"])
    gran = {"fortnight": "week", "night": "day"}.get(unit, unit)
    if unit in ("second", "minute", "hour"):
        return None
    if n is None:
        return _Result("DATE", "PAST_REF", ctx.anchor)
    if ctx.dct is None:
        return _Result("DATE", _UNKNOWN.get(gran, "XXXX"))
    if unit == "fortnight":
        n *= 2
    nn = int(n) if float(n).is_integer() else n
    if isinstance(nn, float):
        d = _add_months(ctx.dct, -round(nn * {"year": 12, "month": 1}.get(gran, 0)))
        if gran not in ("year", "month"):
            return _Result("DATE", "PAST_REF", ctx.anchor)
        return _Result("DATE", _format(d, "month"), ctx.anchor)
    d = _shift(ctx.dct, gran, -nn)
    return _Result("DATE", _format(d, gran), ctx.anchor)


def _h_later_earlier(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"two days later" / "a week earlier": relative to the DCT is usually wrong in
    narratives; use the last full date mentioned, else give a duration-free DATE at the
    unit's granularity relative to the DCT."""
    unit = _norm_unit(m["unit"])
    if unit in ("second", "minute", "hour"):
        return None
    n = _parse_number(m["num"])
    gran = {"fortnight": "week", "night": "day"}.get(unit, unit)
    sign = -1 if re.search(r"(?i)earlier|before", m.group()) else 1
    if n is None or not float(n).is_integer():
        return _Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", ctx.anchor)
    if unit == "year" and n == 1 and sign < 0:
        return _h_year_earlier(m, ctx)
    ref = ctx.last_date
    if re.fullmatch(r"\d{4}-\d\d-\d\d", ref) and gran in ("day", "week", "month", "year"):
        d = _shift(dt.date.fromisoformat(ref), gran, sign * int(n))
        return _Result("DATE", _format(d, gran), f"ref {ref}")
    if ctx.dct is None:
        return _Result("DATE", _UNKNOWN.get(gran, "XXXX"))
    d = _shift(ctx.dct, gran, sign * int(n))
    return _Result("DATE", _format(d, gran), ctx.anchor)


def _h_duration(m: re.Match[str], ctx: _Context) -> _Result | None:
    unit = _norm_unit(m["unit"])
    num = m.groupdict().get("num") or ""
    n = _parse_number(num) if num else None
    if n is not None and re.search(r"(?i)and\s+a\s+half$", m.group()):
        n += 0.5
    if num and n is None and _parse_number(num) is None and num.strip().lower() not in _VAGUE_NUMBERS:
        return None
    # "a year" after "once"/"per"/"twice" is a set, handled by the set rules
    if n == 1 and num.strip().lower() in ("a", "an"):
        before = ctx.text[max(0, m.start() - 25):m.start()]
        # "four flights a week", "$2 million a year", "24 hours a day": a rate, not a span
        if re.search(r"(?i)(?:\b(?:once|twice|times|per)|\d[\d,.]*\s*(?:%|percent|million|"
                     r"billion|cents?)?|\b[a-z]+s)\s+$", before):
            return None
        if unit == "second" and not re.search(r"(?i)\b(?:for|in|than|within|every|split|half)\s+$",
                                              before):
            return None  # "a second group": an ordinal
    if n is not None and n > 10000:
        return None
    return _Result("DURATION", _duration(n, unit))


_PERSON_NOUNS = re.compile(
    r"\s*(?:[,.;:)'\"]|$|(?:boy|girl|man|woman|men|women|son|daughter|child|kid|baby|brother|"
    r"sister|father|mother|husband|wife|widow|widower|grandson|granddaughter|grandmother|"
    r"grandfather|student|mare|horse|dog|veteran|resident|native|suspect|victim|driver|"
    r"actor|actress|singer|player|executive|nephew|niece|cousin|twins?|(?-i:[A-Z]))\b)", re.I)


def _h_duration_adj(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"a seven-year war", "10-hour", "48-hour", "a seven-year-old war": a duration, never
    a date. A person's age ("the 6-year-old boy", "a 44-year-old", "Smith, 52-year-old")
    is not a time expression in TimeBank practice and is left out."""
    if m.group().lower().endswith("-old") and _PERSON_NOUNS.match(ctx.text, m.end()):
        return None
    if m["num"].lower() in ("several", "multi"):
        return _Result("DURATION", _duration(None, m["unit"]))
    n = _parse_number(m["num"])
    if n is None:
        return None
    return _Result("DURATION", _duration(n, m["unit"]))


def _h_vague_units(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"for years", "in decades", "recent weeks": vague duration."""
    return _Result("DURATION", _duration(None, m["unit"]))


def _h_recent(m: re.Match[str], ctx: _Context) -> _Result | None:
    unit = _norm_unit(m["unit"])
    if unit in ("year", "decade", "century"):
        return _Result("DATE", "PAST_REF", ctx.anchor)
    return _Result("DURATION", _duration(None, unit))


def _h_coming(m: re.Match[str], ctx: _Context) -> _Result | None:
    return _Result("DATE", "FUTURE_REF", ctx.anchor)


def _h_ref(value: str) -> _Handler:
    def handler(m: re.Match[str], ctx: _Context) -> _Result | None:
        return _Result("DATE", value, ctx.anchor if ctx.dct else "")
    return handler


def _h_current(m: re.Match[str], ctx: _Context) -> _Result | None:
    after = ctx.text[m.end():m.end() + 20]
    if re.match(r"(?i)\s*(?:account|affairs|events|flow|flows|and\s+former|members?|"
                r"owners?|holders?|president|chairman|director|chief|leaders?|head|"
                r"residents?|version|edition|issue|form|system|law|rules?|policy|"
                r"government|administration|regime|crisis|situation|state|round|"
                r"level|levels|rate|rates|price|prices|dollars?|"
                r"(?-i:[A-Z]))", after):
        return None
    return _Result("DATE", "PRESENT_REF", ctx.anchor if ctx.dct else "")


def _h_clock(m: re.Match[str], ctx: _Context) -> _Result | None:
    raw = m["clock"].lower()
    if raw in ("noon", "midday"):
        hh, mm = 12, 0
    elif raw == "midnight":
        hh, mm = 24, 0
    else:
        t = re.match(r"(\d{1,2})(?::(\d\d))?", raw)
        assert t is not None
        hh, mm = int(t.group(1)), int(t.group(2) or 0)
        if "p" in raw and hh < 12:
            hh += 12
        if "a" in raw and hh == 12:
            hh = 0
    hhmm = f"T{hh:02d}:{mm:02d}"
    day = (m.groupdict().get("dayword") or "").strip()
    anchor = ctx.anchor
    date = None
    if day:
        sub = _DAY_WORD_RE.fullmatch(day)
        if sub is not None:
            res = _day_word_value(sub, ctx, m.start(), m.end())
            if res is not None:
                date, anchor = res.value, res.anchor
    if date is None:
        date = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return _Result("TIME", f"{date}{hhmm}", anchor)


def _h_set(m: re.Match[str], ctx: _Context) -> _Result | None:
    word = m["setword"].lower()
    after = ctx.text[m.end():m.end() + 30]
    before = ctx.text[max(0, m.start() - 30):m.start()]
    if re.match(r"\s+(?:dividends?|payouts?|payments?|distributions?|reports?|results|earnings|"
                r"rate|of|(?-i:[A-Z]))", after, re.I) or re.search(r"(?-i:[A-Z]\w*)\s+$", before):
        return None  # "quarterly dividend", "the party daily Granma": not a recurrence
    if re.search(r"(?i)\b(?:an?|its|the|their|his|her)\s+(?:initial\s+|regular\s+)?$", before) and \
            re.match(r"\s*(?:[,.;]|of\b)", after):
        return None  # "its initial quarterly of five cents"
    table = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
             "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y",
             "hourly": "PT1H", "biweekly": "P2W", "biannually": "P6M"}
    return _Result("SET", table[word])


def _h_every(m: re.Match[str], ctx: _Context) -> _Result | None:
    unit = _norm_unit(m["unit"])
    num = m.groupdict().get("num")
    n = _parse_number(num) if num else 1
    if unit in _UNITS:
        return _Result("SET", _duration(n if n is not None else None, unit))
    return None


def _h_per_unit(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"once a year", "twice a week", "three times a day": SET P1Y (freq not kept)."""
    return _Result("SET", _duration(1, m["unit"]))


def _h_month_rel_year(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"February this year", "April next year"."""
    month = _month_num(m["month"])
    if ctx.dct is None:
        return _Result("DATE", f"XXXX-{month:02d}")
    y = ctx.dct.year + _REL_OFFSET[m["how"].lower()]
    return _Result("DATE", f"{y}-{month:02d}", ctx.anchor)


def _h_weekend(m: re.Match[str], ctx: _Context) -> _Result | None:
    if ctx.dct is None:
        return _Result("DATE", "XXXX-WXX-WE")
    tense = ctx.tense(m.start(), m.end())
    d = ctx.dct
    if tense == "future":
        d = d + dt.timedelta(days=(5 - d.weekday()) % 7)
    elif d.weekday() < 5:
        d = d - dt.timedelta(days=d.weekday() + 1)
    return _Result("DATE", _week(d) + "-WE", ctx.anchor)


def _h_holiday(m: re.Match[str], ctx: _Context) -> _Result | None:
    name = re.sub(r"\s+", " ", m["holiday"].lower()).replace("'", "")
    year = m.groupdict().get("year")

    def on(y: int) -> dt.date | None:
        fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                 "new years day": (1, 1), "new years eve": (12, 31), "new years": (1, 1),
                 "independence day": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
                 "valentines day": (2, 14), "veterans day": (11, 11)}
        if name in fixed:
            return dt.date(y, *fixed[name])
        nth = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4),
               "labor day": (9, 0, 1), "memorial day": (5, 0, -1)}
        if name in nth:
            mo, wd, k = nth[name]
            days = [d for d in range(1, calendar.monthrange(y, mo)[1] + 1)
                    if dt.date(y, mo, d).weekday() == wd]
            return dt.date(y, mo, days[k - 1] if k > 0 else days[-1])
        return None

    if year:
        d = on(int(year))
        return _Result("DATE", d.isoformat()) if d else None
    if ctx.dct is None:
        d = on(2000)
        return _Result("DATE", "XXXX" + d.isoformat()[4:]) if d else None
    y = _choose_in_year(ctx, m.start(), m.end(), lambda y: _period(on(y)))
    if y is None:
        return None
    d = on(y)
    return _Result("DATE", d.isoformat(), ctx.anchor) if d else None


_DAY_WORD = (rf"(?:{_WEEKDAY}|today|tomorrow|yesterday|tonight|"
             rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)")
_DAY_WORD_RE = re.compile(
    rf"(?:(?P<weekday>{_WEEKDAY})|(?P<rel>today|tomorrow|yesterday|tonight)|"
    rf"(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?)", re.I)


def _day_word_value(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Result | None:
    if m["weekday"]:
        if ctx.dct is None:
            return _Result("DATE", f"XXXX-WXX-{_WEEKDAYS[m['weekday'].lower()] + 1}")
        d, _ = _weekday_date(ctx, _WEEKDAYS[m["weekday"].lower()], start, end)
        return _Result("DATE", d.isoformat(), ctx.anchor)
    if m["rel"]:
        if ctx.dct is None:
            return _Result("DATE", "XXXX-XX-XX")
        d = ctx.dct + dt.timedelta(days=_REL_DAYS[m["rel"].lower()])
        return _Result("DATE", d.isoformat(), ctx.anchor)
    return _resolve_month_day(m, ctx, _month_num(m["month"]), _day_num(m["day"]), m["year"])


def _h_past_future_n(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"the past two years", "the next few days", "the last 24 hours": a duration."""
    num = m.groupdict().get("num") or ""
    unit = _norm_unit(m["unit"])
    if num.strip():
        n = _parse_number(num)
    else:  # "the past year" is P1Y, "the first hours" / "the coming years" are vague
        n = None if m["unit"].lower().endswith("s") else 1
    if unit not in _UNITS:
        return None
    return _Result("DURATION", _duration(n, unit))


def _h_quarters(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"the past two quarters" → P2Q, "three consecutive quarters" → P3Q (TimeBank's Q)."""
    num = (m["num"] or m["num2"] or "").strip()
    n = _parse_number(num) if num else None
    if num and n is None and num.lower() not in _VAGUE_NUMBERS:
        return None
    return _Result("DURATION", f"P{'X' if n is None else int(n)}Q")


def _h_first_n(m: re.Match[str], ctx: _Context) -> _Result | None:
    n = _parse_number(m["num"])
    return _Result("DURATION", _duration(n, m["unit"]))


# --------------------------------------------------------------------------- rules

_Rule = tuple[str, re.Pattern[str], _Handler]


def _after(left: str, handler: _Handler) -> _Handler:
    """Only when the text just before the match matches ``left`` (a pattern ending in $)."""
    pat = re.compile(left, re.I)

    def wrapped(m: re.Match[str], ctx: _Context) -> _Result | None:
        if not pat.search(ctx.text[max(0, m.start() - 20):m.start()]):
            return None
        return handler(m, ctx)
    return wrapped


def _r(name: str, pattern: str, handler: _Handler) -> _Rule:
    return name, re.compile(rf"(?<![\w'])(?:(?<=mid-)|(?<=late-)|(?<=early-)|(?<=post-)|(?<=pre-)"
                            rf"|(?<!-))(?:{pattern})(?![\w])", re.I), handler


_HOW = r"(?P<how>last|this|next|this\s+past|past|previous|coming|current|the\s+coming|the\s+following|the\s+current)"
_EARLY_LATE = r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)\s*-?\s*)"

_RULES: list[_Rule] = [
    # absolute dates
    _r("iso_date", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", _h_iso_date),
    _r("us_numeric_date", r"(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d\d)",
       _h_us_date),
    _r("weekday_month_day",
       rf"(?P<weekday>{_WEEKDAY}),?\s+(?P<month>{_MONTH})\s*(?P<day>{_DAY})"
       rf"(?:(?:,\s*|\s+)(?P<year>{_YEAR}))?", _h_month_day),
    _r("month_day", rf"(?P<month>{_MONTH})\s*(?P<day>{_DAY})(?:(?:,\s*|\s+)(?P<year>{_YEAR}))?",
       _h_month_day),
    _r("day_month", rf"(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?",
       _h_month_day),
    _r("month_year", rf"(?P<month>{_MONTH})\s*(?:of\s+|,\s*)?(?P<year>{_YEAR})", _h_month_year),
    _r("month", rf"(?:(?P<how>last|next|this)\s+)?(?P<month>{_MONTH_NAME_ONLY})", _h_month),
    _r("year", rf"(?:fiscal\s+(?:year\s+)?)?(?P<year>{_YEAR})(?!\s*'?s\b)", _h_year),
    _r("decade", r"(?:the\s+)?(?:(?:early|late|mid)\s*-?\s*)?"
       r"(?:(?P<dyear>1\d\d0|20\d0)|'(?P<dyear2>\d0))'?s", lambda m, c: _h_decade(
           m, c) if m["dyear"] else _Result("DATE", ("19" if int(m["dyear2"]) > 20 else "20")
                                            + m["dyear2"][0])),
    _r("decade_word", r"the\s+(?:early\s+|late\s+|mid-?)?(?P<dw>twenties|thirties|forties|fifties|"
       r"sixties|seventies|eighties|nineties)", _h_decade_word),
    _r("century", r"(?:the\s+)?(?P<cent>\d{1,2}(?:st|nd|rd|th)|first|eighteenth|nineteenth|twentieth|"
       r"twenty[- ]first)\s+century", _h_century),
    # weekdays
    _r("weekday", rf"(?:(?P<how>last|next|this|this\s+coming|coming|the\s+previous)\s+)?(?P<weekday>{_WEEKDAY})"
       rf"(?:\s+(?P<part>{_PART}))?", _h_weekday),
    _r("weekday_set", rf"(?:every\s+|each\s+|on\s+)?(?P<weekday>{_WEEKDAY})s(?:\s+(?P<part>"
       rf"(?:morning|afternoon|evening|night)s?))?", _h_weekday_set),
    _r("weekday_parts_set", rf"(?P<weekday>{_WEEKDAY})\s+(?P<part>(?:morning|afternoon|evening|night)s)",
       _h_weekday_set),
    _r("month_set", rf"(?:every|each)\s+(?P<month>{_MONTH_NAME_ONLY})",
       lambda m, c: _Result("SET", f"XXXX-{_month_num(m['month']):02d}")),
    _r("weekday_set_every", rf"(?:every|each)\s+(?P<weekday>{_WEEKDAY})(?:\s+(?P<part>{_PART}))?",
       _h_weekday_set),
    # relative days
    _r("rel_day", rf"(?P<rel>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{_PART}))?",
       _h_rel_day),
    _r("this_part", rf"(?P<rel>this)\s+(?P<part>morning|afternoon|evening)", _h_rel_day),
    _r("last_night", r"(?P<rel>last)\s+(?P<part>night)", _h_rel_day),
    # times
    _r("clock", rf"(?P<clock>{_CLOCK}){_TZ}"
       rf"(?:,?\s+(?:on\s+)?(?P<dayword>{_DAY_WORD}))?", _h_clock),
    # last/this/next unit
    _r("rel_unit", rf"(?:{_EARLY_LATE})?{_HOW}\s+(?P<unit>week|month|year|quarter|weekend|decade|"
       rf"century)", _h_rel_unit),
    _r("this_unit_prefixed", r"(?:early|late)\s+(?P<how>this|next|last)\s+"
       r"(?P<unit>week|month|year|quarter|weekend)", _h_this_unit_prefixed),
    _r("the_year_ref", r"(?:earlier|later)\s+in\s+(?P<how>the)\s+(?P<unit>year|month|week)",
       _h_rel_unit),
    _r("weekend", r"the\s+weekend", _h_weekend),
    # seasons
    _r("season", r"(?:(?P<how>this|last|next|this\s+past|past|early|late|the)\s+)?(?P<season>spring|summer|fall|autumn|"
       rf"winter)(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?", lambda m, c: _h_season(m, c) if (
           m["how"] or m["year"] or re.search(r"(?i)\b(?:in|during|by|since|until|the|this|"
                                               r"over|through)\s+(?:the\s+)?$",
                                               c.text[max(0, m.start() - 15):m.start()]))
       and (m["how"] or "").lower() != "past" else None),
    # quarters and halves
    _r("quarter", rf"(?:(?:the\s+)?(?:(?:company's|fiscal|calendar)\s+)*(?=\w+(?:\s+fiscal)?\s+quarter))?"
       rf"(?P<ord>first|second|third|fourth|"
       rf"1st|2nd|3rd|4th|final|last)(?:\s+fiscal)?[- ](?:quarter|qtr\.?)(?!s)(?:\s+of\s+"
       rf"(?:fiscal\s+)?(?P<year>{_YEAR}))?", lambda m, c: _h_quarter(m, c) if not (
           m["ord"].lower() in ("last", "final") and not m["year"]) else None),
    _r("year_quarter", rf"(?:fiscal\s+)?(?P<year>{_YEAR})(?:'s)?\s+(?P<ord>first|second|third|"
       rf"fourth)[- ]quarter", _h_quarter),
    _r("half", rf"(?:the\s+)?(?P<ord>first|second)[- ]half(?:\s+of\s+(?:(?P<year>{_YEAR})|"
       rf"the\s+year|this\s+year))?", _h_half),
    _r("the_quarter", r"the\s+quarter(?!-)", _h_the_quarter),
    _r("month_rel_year", rf"(?P<month>{_MONTH_NAME_ONLY})\s+(?:of\s+)?(?P<how>this|last|next)\s+year",
       _h_month_rel_year),
    _r("latest_quarter", r"the\s+(?:latest|most\s+recent|recent|just-ended|just\s+ended|"
       r"latest\s+fiscal)\s+(?:quarter|period)", _h_latest_quarter),
    _r("that_unit", r"(?:that|the\s+same)\s+(?P<unit>year|quarter|month|day)", _h_that_unit),
    _r("next_day", r"the\s+(?P<how>next|following|previous|preceding)\s+(?P<unit>day|morning|afternoon|"
       r"evening|night)|the\s+(?P<unit2>day|night)\s+(?P<how2>before|after)"
       r"(?!\s+(?:the|a|an|his|her|their|its|this|that|he|she|they|it|[A-Z0-9]))", _h_next_day),
    _r("the_year", r"the\s+(?:full\s+|fiscal\s+|calendar\s+|whole\s+|entire\s+)*year(?:'s)?"
       r"(?=\s+(?P<ended>ended|ending|to\s+date))?", _h_the_year),
    _r("year_end", r"(?:the\s+)?(?:year-end|year\s+end|year's\s+end|end\s+of\s+the\s+year|"
       r"end\s+of\s+(?:this|the\s+current)\s+year)", _h_year_end),
    _r("end_of_unit", r"(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>month|week|quarter)",
       lambda m, c: _h_rel_unit(m, c)),
    _r("spoken_year", r"(?P<h>nineteen|twenty)[- ](?P<t>(?:twenty|thirty|forty|fifty|sixty|seventy|"
       r"eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|"
       r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)"
       r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<t2>one|two|three|four|five|six|seven|"
       r"eight|nine|ten))?", _h_spoken_year),
    _r("while", r"a\s+(?:long\s+|short\s+|little\s+)?while", _after(
        r"\b(?:for|in|after|took|take|takes|quite)\s+$", lambda m, c: _Result("DURATION", "PXX"))),
    _r("ahead", r"the\s+(?P<unit>days|weeks|months|years)\s+(?:ahead|to\s+come)", _h_vague_units),
    _r("short_term", r"the\s+(?:short|near)[- ]term(?![- ]\w)", _h_ref("FUTURE_REF")),
    _r("over_the_years", r"the\s+(?P<unit>years|decades)(?=\s+(?:that|since|after|before|of)\b)|"
       r"(?<=over\s)the\s+(?P<unit2>years|decades)", lambda m, c: _Result(
           "DURATION", _duration(None, m["unit"] or m["unit2"]))),
    _r("unit_long", r"(?P<unit>day|week|month|year|hour|decade)-long", lambda m, c: _Result(
        "DURATION", _duration(1, m["unit"]))),
    _r("current_quarter", r"the\s+current\s+quarter", _h_current_quarter),
    _r("year_earlier", r"(?:the\s+(?=\S+\s+(?:quarter|period|three\s+months)))?(?:year-earlier|year-ago|"
       r"prior-year|year\s+earlier|year\s+ago)(?:\s+(?:quarter|period|three\s+months))?|last\s+year's\s+(?:quarter|period)|"
       r"(?:the\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)|a\s+year\s+(?:earlier|ago)",
       _h_year_earlier),
    # relative spans
    _r("ago", rf"(?P<num>{_NUM}|some)\s+(?P<unit>{_UNIT})\s+ago", _h_ago),
    _r("later_earlier", rf"(?P<num>{_NUM})\s+(?P<unit>{_UNIT})\s+(?:later|earlier|before|after)"
       r"(?!\s+(?:the|a|an|his|her|their|its|this|that|[A-Z]))", _h_later_earlier),
    _r("past_future_n", rf"the\s+(?:past|last|previous|next|coming|following|first|final)\s+"
       rf"(?P<num>{_NUM}\s+|)(?P<unit>{_UNIT})", _h_past_future_n),
    _r("past_n", rf"(?:past|last|previous)\s+(?P<num>{_NUM}\s+)(?P<unit>{_UNIT})",
       _h_past_future_n),
    _r("n_quarters", rf"(?:the\s+(?:past|last|previous|next|coming|following|first)\s+)(?P<num>{_NUM}\s+|)"
       r"quarters|(?P<num2>\w+)\s+(?:consecutive|straight|successive)\s+quarters",
       _h_quarters),
    _r("past_unit_nothe", r"(?:past|previous)\s+(?P<num>)(?P<unit>decade|century|year|month|week)",
       _after(r"\b(?:the|in|over|for|during|within)\s+$", _h_past_future_n)),
    _r("first_n", rf"(?:the\s+)?(?:first|last)\s+(?P<num>{_NUM})\s+(?P<unit>{_UNIT})",
       _h_first_n),
    _r("the_n_months", r"the\s+(?P<num>three|six|nine|twelve|\d+)\s+(?P<unit>months)", _h_first_n),
    _r("recent", r"(?:(?:the\s+)?(?:most\s+)?recent|the\s+last\s+few|the\s+past\s+few)\s+"
       r"(?P<unit>days|weeks|months|years|decades)",
       lambda m, c: _h_recent(m, c) if "recent" in m.group().lower() else _h_vague_units(m, c)),
    _r("coming", r"(?:the\s+)?(?:coming|upcoming)\s+(?:days|weeks|months|years|decades)",
       _h_coming),
    # durations
    _r("duration_adj", rf"(?P<num>\d+(?:\.\d+)?|several|multi|(?:{_NUM_WORD})(?:-(?:{_NUM_WORD}))?)-(?P<unit>"
       r"second|minute|hour|day|week|month|year|decade|century)(?:s?-(?:long|old))?",
       _h_duration_adj),
    _r("duration", rf"(?P<num>{_NUM})\s+(?:(?:more|full|straight|consecutive|long)\s+)?"
       rf"(?P<unit>{_UNIT})(?:-long|-old)?(?:\s+and\s+a\s+half)?", _h_duration),
    _r("vague_units", r"(?:(?:many|several|some)\s+)?(?P<unit>years|decades|months|weeks|days|hours|"
       r"minutes)(?!\s+(?:of|ago|earlier|later|after|before))",
       _after(r"\b(?:for|in|over|within|after|took|takes|take|lasted)\s+$", _h_vague_units)),
    _r("decades_long", r"(?P<unit>decades|years|months)-(?:long|old)", _h_vague_units),
    # sets
    _r("set_word", r"(?P<setword>daily|nightly|weekly|monthly|quarterly|annually|yearly|hourly|"
       r"biweekly|biannually)", _h_set),
    _r("every", rf"(?:every|each)\s+(?:(?P<num>{_NUM_WORD}|\d+|other)\s+)?(?P<unit>second|minute|hour|day|"
       r"night|week|month|year|decade)s?", lambda m, c: _h_every(m, c) if (
           m["num"] or "").lower() != "other" else _Result("SET", _duration(2, m["unit"]))),
    _r("per_unit", r"(?:once|twice|(?:\w+\s+)?times)\s+(?:a|an|per|each|every)\s+"
       r"(?P<unit>day|week|month|year|hour|minute)", _h_per_unit),
    # reference points
    _r("now", r"now|right\s+now|just\s+now", _h_ref("PRESENT_REF")),
    _r("currently", r"currently|presently|nowadays|at\s+present|at\s+the\s+moment|these\s+days|"
       r"at\s+this\s+time", _h_ref("PRESENT_REF")),
    _r("current", r"current", _h_current),
    _r("recently", r"recently|lately|the\s+past(?!\s+(?:\w+\s+)?"
       r"(?:years?|months?|weeks?|days?|decades?|hours?|centur|quarters?|summers?|winters?|springs?|"
       r"falls?|seasons?))|once\s+upon\s+a\s+time",
       _h_ref("PAST_REF")),
    _r("recent_adj", r"(?-i:recent)(?!\s+(?:days|weeks|months|years|decades|history|\w+ly))",
       _h_ref("PAST_REF")),
    _r("future", r"(?:the\s+|in\s+)(?:near\s+|foreseeable\s+|distant\s+)?future|soon|the\s+near\s+term|"
       r"as\s+soon\s+as\s+possible",
       lambda m, c: _Result("DATE", "FUTURE_REF", c.anchor) if not re.match(
           r"(?i)\s*(?:contracts?|prices?|markets?|trading|exchange|options?)",
           c.text[m.end():m.end() + 12]) and not (m.group().lower() == "soon" and re.match(
               r"(?i)\s+(?:after|before|as)", c.text[m.end():m.end() + 8])) else None),
    # holidays
    _r("holiday", rf"(?P<holiday>Christmas(?:\s+(?:Day|Eve))?|New\s+Year'?s(?:\s+(?:Day|Eve))?|"
       r"Independence\s+Day|Fourth\s+of\s+July|Halloween|Valentine'?s\s+Day|Veterans\s+Day|"
       rf"Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day)(?:\s+(?P<year>{_YEAR}))?",
       lambda m, c: _h_holiday(m, c) if m["holiday"][0].isupper() else None),
]

# modifiers that extend a kept expression to the left (TimeML counts them in the extent)
_LEFT_MODS: list[tuple[re.Pattern[str], str, frozenset[str]]] = [
    (re.compile(r"(?i)(?:\b(?:the\s+)?(?:very\s+)?(?:end|close)\s+of\s+)$"), "END",
     frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\b(?:the\s+)?(?:beginning|start|dawn)\s+of\s+)$"), "START",
     frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\b(?:the\s+)?middle\s+of\s+)$"), "MID", frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\blate(?:\s+|-))$"), "END", frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\bearly(?:\s+|-))$"), "START", frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\bmid\s*-\s*|\bmid\s+)$"), "MID", frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\b(?:about|around|approximately|roughly|some|nearly|almost|"
                r"close\s+to)\s+)$"), "APPROX",
     frozenset({"DURATION"})),
    (re.compile(r"(?i)(?:\b(?:more\s+than|at\s+least|longer\s+than)\s+)$"), "MORE_THAN",
     frozenset({"DURATION"})),
    (re.compile(r"(?i)(?:\b(?:less\s+than|up\s+to|fewer\s+than|at\s+most)\s+)$"),
     "LESS_THAN", frozenset({"DURATION"})),
]


# --------------------------------------------------------------------------- driver

_ANAPHORIC = frozenset({"the_quarter", "year_earlier", "that_unit", "next_day", "later_earlier"})


def find_timexes(text: str, dct: dt.date | None, *,
                 sentences: Sequence[tuple[int, int]] | None = None) -> list[Timex]:
    """Time expressions in ``text``, resolved against the document creation time ``dct``.

    ``dct`` may be a ``datetime.date`` (a ``datetime`` is reduced to its date) or None,
    in which case relative values keep ``X`` placeholders. ``sentences`` are optional
    sentence spans (start, end) used to judge tense; by default ``split_sentences``.
    Returns records sorted by start, never overlapping; the same input always gives the
    same output.
    """
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    sents = sorted(sentences) if sentences is not None else split_sentences(text)
    ctx = _Context(text=text, dct=dct, sentences=list(sents), starts=[s for s, _ in sents])

    # 1. candidates: (start, end, rule index)
    cands: list[tuple[int, int, int, re.Match[str]]] = []
    for idx, (_, pattern, handler) in enumerate(_RULES):
        for m in pattern.finditer(text):
            if m.end() > m.start() and handler(m, ctx) is not None:
                cands.append((m.start(), m.end(), idx, m))

    # 2. longest first, then earlier rule, then leftmost; keep non-overlapping
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, int, re.Match[str]]] = []
    for c in cands:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c[0])

    # 3/4. values left to right (anaphora), modifiers
    out: list[Timex] = []
    prev_end = 0
    for start, end, idx, m in taken:
        name, _, handler = _RULES[idx]
        res = handler(m, ctx)
        if res is None:
            continue
        mod = res.mod
        left = text[max(prev_end, start - 30):start]
        for pat, mod_name, types in _LEFT_MODS:
            if res.type not in types:
                continue
            mm = pat.search(left)
            if mm:
                start -= len(mm.group())
                mod = mod or mod_name
                break
        # a possessive "Friday's" keeps the 's out; strip a trailing full stop of "a.m."
        # only when it ends a sentence is not needed: the span is what the rule matched
        out.append(Timex(start, end, text[start:end], res.type, res.value, res.anchor, name,
                         mod))
        prev_end = end
        if re.fullmatch(r"\d{4}-Q\d", res.value) and name not in _ANAPHORIC:
            ctx.last_quarter = res.value
        if re.fullmatch(r"\d{4}-\d\d-\d\d", res.value):
            ctx.last_date = res.value
        if re.match(r"\d{4}(?!\d)", res.value) and res.type in ("DATE", "TIME"):
            ctx.last_year = res.value[:4]
    return out
