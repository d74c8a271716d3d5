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

- future cues: *will, shall, 'll, won't, would, is/are expected to, plans to, is due to,
  scheduled, set to, going to, next, upcoming, coming, to be held*;
- past cues: *said, was, were, had, did, ago, last*, common irregular past forms
  (*told, met, began, took ...*) and "-ed" words.

Distance is counted in words; reporting verbs (*said, says, told, added*) count as three
words further away (they date the report, not always the event), and every comma or
"that" in between adds one. Past → the latest date on or before the DCT, future → the
earliest on or after it, no cue → the nearest one (weekdays with no cue: the most recent,
as news mostly reports the past). The DCT's own day counts for both, as news writes
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
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}  # a representative month
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
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:/])(?!,\d)(?!\.\d)"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.%-]\d)(?!\d)"
_NUM_WORD = "|".join(sorted((k for k in _NUMBER_WORDS if " " not in k and len(k) > 2),
                            key=len, reverse=True))
_NUM = (rf"(?:\d+(?:\.\d+)?|(?:{_NUM_WORD})(?:[- ](?:{_NUM_WORD}))?|a\s+couple\s+of|couple\s+of"
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
        # 1.5 years → P18M, 2.5 hours → PT150M, 1.5 days → PT36H
        if letter == "Y":
            return f"P{round(n * 12)}M"
        if letter == "H":
            return f"PT{round(n * 60)}M"
        if letter == "D":
            return f"PT{round(n * 24)}H"
        if letter == "DE":
            return f"P{round(n * 10)}Y"
        amount = str(n)
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

_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "prof", "rev", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "fig", "u.s",
    "u.k", "u.n", "a.m", "p.m", "e.g", "i.e", "calif", "mass", "wash", "ariz", "fla", "ga",
}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by a simple rule: '.', '!' or '?' (optionally closed by a quote or
    bracket) followed by white space and an upper-case letter, digit or quote, unless the
    word before the full stop is a known abbreviation or a single letter; a blank line
    always ends a sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?][\"')\]]*\s+(?=[\"'(A-Z0-9])|\n\s*\n", text):
        if m.group().startswith("."):
            word = re.search(r"([\w.]+)\.$", text[max(0, m.start() - 20):m.start() + 1])
            if word and (word.group(1).lower() in _ABBREV or len(word.group(1)) == 1):
                continue
        end = m.start() + 1 if not m.group().startswith("\n") else m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


# --------------------------------------------------------------------------- tense

_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|won't|'ll|would|next|upcoming|coming|scheduled|set\s+to|"
    r"(?:is|are|was|were|'s|'re)\s+(?:expected|due|going|slated|poised|likely)\s+to|"
    r"plans?\s+to|planning\s+to|intends?\s+to|hopes?\s+to|to\s+be\s+held|to\s+meet|"
    r"until|by\s+the\s+end)\b", re.I)
_IRREGULAR_PAST = (
    "said|was|were|had|did|ago|last|told|met|began|took|gave|made|came|went|fell|rose|won|"
    "lost|left|held|sent|spoke|saw|got|led|ran|paid|sold|bought|brought|thought|found|"
    "kept|struck|became|knew|wrote|shot|stood|fought|flew|grew|drew|threw|broke|chose|"
    "spent|meant|felt|built|hit|put|set|cut|quit|read|heard|sought|taught|caught|won|"
    "earlier|previously|recently|yesterday|former|resigned|earned|posted|reported|ended|"
    "closed|agreed|declined"
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
        cues.append((m.start(), m.end(), "past"))
    for cs, ce, tense in cues:
        if cs < end and ce > start:
            continue
        between = sentence[ce:start] if ce <= start else sentence[end:cs]
        dist = float(len(re.findall(r"\w+", between)))
        dist += len(re.findall(r"[,;]|\bthat\b", between))
        if _REPORTING.fullmatch(sentence[cs:ce]):
            dist += 3
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


def _choose_in_year(ctx: _Context, start: int, end: int,
                    make: Callable[[int], dt.date | None], default: str = "near") -> int | None:
    """Year for a date known up to its year: past → latest on/before the DCT, future →
    earliest on/after it, no cue → ``default`` ('near': nearest, 'past': latest before)."""
    assert ctx.dct is not None
    tense = ctx.tense(start, end) or default
    cands = [(y, make(y)) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    valid = [(y, d) for y, d in cands if d is not None]
    if not valid:
        return None
    if tense == "past":
        past = [(y, d) for y, d in valid if d <= ctx.dct]
        if past:
            return max(past, key=lambda t: t[1])[0]
    elif tense == "future":
        fut = [(y, d) for y, d in valid if d >= ctx.dct]
        if fut:
            return min(fut, key=lambda t: t[1])[0]
    return min(valid, key=lambda t: abs((t[1] - ctx.dct).days))[0]


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
    year_ = _choose_in_year(ctx, m.start(), m.end(), lambda y: _valid_day(y, month, day))
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
    if name in ("May", "March") and not _MONTH_PREP.search(before):
        return None  # the modal "May ...", the noun "March"
    month = _month_num(name)
    if ctx.dct is None:
        return _Result("DATE", f"XXXX-{month:02d}")
    y = _choose_in_year(ctx, m.start(), m.end(), lambda y: dt.date(y, month, 15)
                        if (y, month) != (ctx.dct.year, ctx.dct.month) else ctx.dct)  # type: ignore[union-attr]
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
    fiscal = "fiscal" in m.group().lower()
    return _Result("DATE", f"{year:04d}", "", "") if not fiscal else _Result("DATE", f"{year:04d}")


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
    how = m["how"].lower().split()[-1]
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
    code = _SEASONS[season.lower()]
    if ctx.dct is None:
        return f"XXXX-{code}"
    month = _SEASON_MONTH[code]
    cur = ctx.dct.year
    if how == "this":
        y = cur
    elif how == "last":
        y = cur if dt.date(cur, month, 1) < _add_months(ctx.dct, -3) else cur - 1
    elif how == "next":
        y = cur if dt.date(cur, month, 1) > ctx.dct else cur + 1
    else:
        y = _choose_in_year(ctx, start, end, lambda y: dt.date(y, month, 15)) or cur
    return f"{y}-{code}"


def _h_season(m: re.Match[str], ctx: _Context) -> _Result | None:
    how = (m.groupdict().get("how") or "").lower()
    if m.groupdict().get("year"):
        return _Result("DATE", f"{m['year']}-{_SEASONS[m['season'].lower()]}")
    return _Result("DATE", _season_value(ctx, m["season"], m.start(), m.end(), how),
                   ctx.anchor)


def _quarter_value(ctx: _Context, q: int, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return f"XXXX-Q{q}", ""
    y = _choose_in_year(ctx, start, end, lambda y: dt.date(y, 3 * q - 1, 15), default="near")
    # a quarter that has not begun yet is this year's unless the sentence is in the past
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
    y = _choose_in_year(ctx, m.start(), m.end(), lambda y: dt.date(y, 6 * h - 3, 15))
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
    if num and n is None and _parse_number(num) is None and num.strip().lower() not in _VAGUE_NUMBERS:
        return None
    # "a year" after "once"/"per"/"twice" is a set, handled by the set rules
    if n == 1 and num.strip().lower() in ("a", "an"):
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if re.search(r"(?i)\b(?:once|twice|times|per)\s*$", before):
            return None
    if n is not None and n > 10000:
        return None
    return _Result("DURATION", _duration(n, unit))


def _h_duration_adj(m: re.Match[str], ctx: _Context) -> _Result | None:
    """"a seven-year war", "10-hour", "48-hour", "five year low": a duration, never a date."""
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
    y = _choose_in_year(ctx, m.start(), m.end(), on)
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
    n = _parse_number(num) if num.strip() else 1
    unit = _norm_unit(m["unit"])
    if unit not in _UNITS:
        return None
    return _Result("DURATION", _duration(n, unit))


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
    return name, re.compile(rf"(?<![\w'-])(?:{pattern})(?![\w])", re.I), handler


_HOW = r"(?P<how>last|this|next|past|previous|coming|current|the\s+coming|the\s+following|the\s+previous|the\s+past|the\s+current)"
_EARLY_LATE = r"(?:(?:earlier|later|early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)\s*-?\s*)"

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
    _r("month", rf"(?P<month>{_MONTH_NAME_ONLY})", _h_month),
    _r("year", rf"(?:fiscal\s+(?:year\s+)?)?(?P<year>{_YEAR})(?!\s*'?s\b)", _h_year),
    _r("decade", r"(?:the\s+)?(?:(?:early|late|mid)\s*-?\s*)?"
       r"(?:(?P<dyear>1\d\d0|20\d0)|'(?P<dyear2>\d0))'?s", lambda m, c: _h_decade(
           m, c) if m["dyear"] else _Result("DATE", ("19" if int(m["dyear2"]) > 20 else "20")
                                            + m["dyear2"][0])),
    _r("decade_word", r"the\s+(?:early\s+|late\s+|mid-?)?(?P<dw>twenties|thirties|forties|fifties|"
       r"sixties|seventies|eighties|nineties)", _h_decade_word),
    _r("century", r"the\s+(?P<cent>\d{1,2}(?:st|nd|rd|th)|first|eighteenth|nineteenth|twentieth|"
       r"twenty[- ]first)\s+century", _h_century),
    # weekdays
    _r("weekday", rf"(?:(?P<how>last|next|this|this\s+coming|coming)\s+)?(?P<weekday>{_WEEKDAY})"
       rf"(?:\s+(?P<part>{_PART}))?", _h_weekday),
    _r("weekday_set", rf"(?:every\s+|each\s+|on\s+)?(?P<weekday>{_WEEKDAY})s(?:\s+(?P<part>"
       rf"(?:morning|afternoon|evening|night)s?))?", _h_weekday_set),
    _r("weekday_set_every", rf"(?:every|each)\s+(?P<weekday>{_WEEKDAY})(?:\s+(?P<part>{_PART}))?",
       _h_weekday_set),
    # relative days
    _r("rel_day", rf"(?P<rel>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{_PART}))?",
       _h_rel_day),
    _r("this_part", rf"(?P<rel>this)\s+(?P<part>morning|afternoon|evening)", _h_rel_day),
    _r("last_night", r"(?P<rel>last)\s+(?P<part>night)", _h_rel_day),
    # times
    _r("clock", rf"(?:(?:at|around|about)\s+)?(?P<clock>{_CLOCK}){_TZ}"
       rf"(?:,?\s+(?:on\s+)?(?P<dayword>{_DAY_WORD}))?", _h_clock),
    # last/this/next unit
    _r("rel_unit", rf"(?:{_EARLY_LATE})?{_HOW}\s+(?P<unit>week|month|year|quarter|weekend|decade|"
       rf"century)", _h_rel_unit),
    _r("this_unit_prefixed", r"(?:earlier|later|early|late)\s+(?P<how>this|next|last)\s+"
       r"(?P<unit>week|month|year|quarter|weekend)", _h_this_unit_prefixed),
    _r("the_year_ref", r"(?:earlier|later)\s+in\s+(?P<how>the)\s+(?P<unit>year|month|week)",
       _h_rel_unit),
    _r("weekend", r"the\s+weekend", _h_weekend),
    # seasons
    _r("season", r"(?:(?P<how>this|last|next|past|early|late)\s+)?(?P<season>spring|summer|fall|autumn|"
       rf"winter)(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?", lambda m, c: _h_season(m, c) if (
           m["how"] or m["year"] or re.search(r"(?i)\b(?:in|during|by|since|until|the|this|"
                                               r"over|through)\s+(?:the\s+)?$",
                                               c.text[max(0, m.start() - 15):m.start()]))
       and not (m["how"] or "").lower() in ("past",) else None),
    # quarters and halves
    _r("quarter", rf"(?:the\s+)?(?:(?:company's|fiscal|calendar)\s+)*(?P<ord>first|second|third|fourth|"
       rf"1st|2nd|3rd|4th|final|last)(?:\s+fiscal)?[- ](?:quarter|qtr\.?)(?!s)(?:\s+of\s+"
       rf"(?:fiscal\s+)?(?P<year>{_YEAR}))?", lambda m, c: _h_quarter(m, c) if not (
           m["ord"].lower() in ("last", "final") and not m["year"]) else None),
    _r("year_quarter", rf"(?:fiscal\s+)?(?P<year>{_YEAR})(?:'s)?\s+(?P<ord>first|second|third|"
       rf"fourth)[- ]quarter", _h_quarter),
    _r("half", rf"(?:the\s+)?(?P<ord>first|second)[- ]half(?:\s+of\s+(?:(?P<year>{_YEAR})|"
       rf"the\s+year|this\s+year))?", _h_half),
    _r("the_quarter", r"the\s+(?:latest|most\s+recent|recent|just-ended|just\s+ended|)\s*quarter",
       _h_the_quarter),
    _r("current_quarter", r"the\s+current\s+quarter", _h_current_quarter),
    _r("year_earlier", r"(?:the\s+)?(?:year-earlier|year-ago|prior-year|year\s+earlier|year\s+ago)"
       r"(?:\s+(?:quarter|period|three\s+months))?|last\s+year's\s+(?:quarter|period)|"
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
    _r("duration_adj", rf"(?P<num>\d+(?:\.\d+)?|(?:{_NUM_WORD})(?:-(?:{_NUM_WORD}))?)-(?P<unit>"
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
    _r("per_unit_bare", r"(?P<unit>year|month|week|day)(?=\s*(?:[.,;]|$))",
       lambda m, c: _Result("SET", _duration(1, m["unit"]))
       if re.search(r"(?i)(?:\d|percent|%|dollars?|million|billion)\W+(?:\S+\s+){0,3}(?:a|per)\s$",
                    c.text[max(0, m.start() - 40):m.start()]) else None),
    # reference points
    _r("now", r"now|right\s+now|just\s+now", _h_ref("PRESENT_REF")),
    _r("currently", r"currently|presently|nowadays|at\s+present|at\s+the\s+moment|these\s+days|"
       r"at\s+this\s+time|this\s+time|so\s+far\s+this\s+year", _h_ref("PRESENT_REF")),
    _r("current", r"current", _h_current),
    _r("recently", r"recently|lately|previously|formerly|in\s+the\s+past|the\s+past(?!\s+(?:\w+\s+)?"
       r"(?:years?|months?|weeks?|days?|decades?|hours?|centur))|once\s+upon\s+a\s+time",
       lambda m, c: _Result("DATE", "PAST_REF", c.anchor) if not m.group().lower().startswith(
           "in ") else _Result("DATE", "PAST_REF", c.anchor)),
    _r("recent_adj", r"(?-i:recent)(?!\s+(?:days|weeks|months|years|decades|history|\w+ly))",
       _h_ref("PAST_REF")),
    _r("future", r"(?:the\s+)?(?:near\s+|foreseeable\s+|distant\s+)?future|soon|the\s+near\s+term|"
       r"the\s+long\s+term|shortly|in\s+the\s+long\s+run|as\s+soon\s+as\s+possible",
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
    (re.compile(r"(?i)(?:\b(?:late|later)\s+)$"), "END", frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\b(?:early|earlier)\s+)$"), "START", frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\bmid\s*-\s*|\bmid\s+)$"), "MID", frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\b(?:about|around|approximately|roughly|some|nearly|almost|"
                r"close\s+to|just\s+over|just\s+under)\s+)$"), "APPROX",
     frozenset({"DURATION"})),
    (re.compile(r"(?i)(?:\b(?:about|around|approximately|roughly)\s+)$"), "APPROX",
     frozenset({"DATE", "TIME"})),
    (re.compile(r"(?i)(?:\b(?:more\s+than|over|at\s+least|longer\s+than)\s+)$"), "MORE_THAN",
     frozenset({"DURATION"})),
    (re.compile(r"(?i)(?:\b(?:less\s+than|under|up\s+to|fewer\s+than|at\s+most|within)\s+)$"),
     "LESS_THAN", frozenset({"DURATION"})),
]


# --------------------------------------------------------------------------- driver


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
        if re.fullmatch(r"\d{4}-Q\d", res.value):
            ctx.last_quarter = res.value
        if re.fullmatch(r"\d{4}-\d\d-\d\d", res.value):
            ctx.last_date = res.value
    return out
