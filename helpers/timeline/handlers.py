"""The handlers of the time-expression rules: each turns one regex match into a TIMEX3 type
and value, or rejects it (None). A handler is named for what it resolves; the rule table
(`rules.RULES`) names the pattern each one serves.

Handlers read only the match and the `Context` (text, DCT, tense, last values mentioned);
none reads the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import partial

from ..text.english import (
    COUNTED_NOUNS,
    DAY_WORD_OFFSETS,
    DECADE_WORDS,
    FIXED_HOLIDAYS,
    FREQUENCY_WORDS,
    MONTH_CONTEXT_WORDS,
    MONTH_PATTERN,
    NOT_PLURAL_S_WORDS,
    ORDINAL_WORDS,
    PARTS_OF_DAY,
    PERSON_NOUNS,
    RELATIVE_OFFSETS,
    SEASONS,
    VAGUE_NUMBERS,
    WEEKDAY_HOLIDAYS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
)
from .context import Context, Result, choose_in_year
from .patterns import (
    DAY_WORD_RE,
    QUARTER_ORDINALS,
    day_number,
    month_number,
)
from .tense import FUTURE
from .values import (
    UNITS,
    UNKNOWN,
    Period,
    add_months,
    duration_value,
    format_value,
    half_period,
    iso_week,
    month_period,
    norm_unit,
    parse_number,
    period,
    quarter_period,
    season_period,
    shift,
)

Match = re.Match[str]

# --------------------------------------------------------------------------- calendar dates


def _valid_day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day_period(y: int, month: int, day: int) -> Period | None:
    """The day (as a one-day period) of a month in year ``y``, None if it has no such day."""
    return period(_valid_day(y, month, day))


def resolve_month_day(m: Match, ctx: Context, month: int, day: int, year: str | None,
                      weekday: str | None = None) -> Result | None:
    """A day of a month, with its year if written, else the year its weekday or the tense picks."""
    if not 1 <= day <= 31:
        return None
    if year:
        y = int(year)
        if _valid_day(y, month, day) is None:
            return None
        return Result("DATE", f"{y:04d}-{month:02d}-{day:02d}")
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{month:02d}-{day:02d}")
    if weekday is not None:  # "Monday, Sept. 3": the year whose Sept. 3 is a Monday
        wd = WEEKDAYS[weekday.lower()]
        for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            d = _valid_day(y, month, day)
            if d is not None and d.weekday() == wd:
                return Result("DATE", d.isoformat(), ctx.anchor)
    year_ = choose_in_year(ctx, m.start(), m.end(), partial(_day_period, month=month, day=day))
    if year_ is None:
        return None
    return Result("DATE", f"{year_:04d}-{month:02d}-{day:02d}", ctx.anchor)


def month_day(m: Match, ctx: Context) -> Result | None:
    """"Sept. 7", "7 September 2018", "Monday, Sept. 3"."""
    return resolve_month_day(m, ctx, month_number(m["month"]), day_number(m["day"]),
                             m.groupdict().get("year"), m.groupdict().get("weekday"))


def iso_date(m: Match, ctx: Context) -> Result | None:
    """"2018-09-07"."""
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if _valid_day(y, mo, d) is None:
        return None
    return Result("DATE", f"{y:04d}-{mo:02d}-{d:02d}")


def us_date(m: Match, ctx: Context) -> Result | None:
    """"9/7/2018", "9/7/18"."""
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    if _valid_day(y, mo, d) is None:
        return None
    return Result("DATE", f"{y:04d}-{mo:02d}-{d:02d}")


def month_year(m: Match, ctx: Context) -> Result | None:
    """"June 2016", "June of 2016"."""
    return Result("DATE", f"{int(m['year']):04d}-{month_number(m['month']):02d}")


_MONTH_PREP = re.compile(r"(?:\b(?:" + "|".join(MONTH_CONTEXT_WORDS) + r")|-)\s*$", re.I)


def _month_is_a_name(m: Match, ctx: Context) -> bool:
    """"April Smith", "Mrs. June", the modal "May ..." and the noun "March": not months."""
    name, before, after = m["month"], ctx.before(m, 25), ctx.after(m, 20)
    if re.match(r"\s+(?-i:[A-Z][a-z]+)", after) and not re.match(
            rf"\s+(?:{MONTH_PATTERN}|{WEEKDAY_PATTERN}|Day)\b", after):
        return True
    if re.search(r"(?-i:\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s*)$", before):
        return True
    return name in ("May", "March") and not m["how"] and not _MONTH_PREP.search(before)


def month(m: Match, ctx: Context) -> Result | None:
    """"June", "last November": the month in the year the relative word or the tense picks."""
    if _month_is_a_name(m, ctx):
        return None
    how = (m["how"] or "").lower()
    number = month_number(m["month"])
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{number:02d}")
    if how:  # "last November": the latest before the DCT's month; "next": the first after
        if how == "last":
            y = ctx.dct.year if number < ctx.dct.month else ctx.dct.year - 1
        elif how == "next":
            y = ctx.dct.year if number > ctx.dct.month else ctx.dct.year + 1
        else:
            y = ctx.dct.year
        return Result("DATE", f"{y:04d}-{number:02d}", ctx.anchor)
    y = choose_in_year(ctx, m.start(), m.end(), partial(month_period, month=number))
    if y is None:
        return None
    return Result("DATE", f"{y:04d}-{number:02d}", ctx.anchor)


def month_rel_year(m: Match, ctx: Context) -> Result | None:
    """"February this year", "April next year"."""
    number = month_number(m["month"])
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{number:02d}")
    y = ctx.dct.year + RELATIVE_OFFSETS[m["how"].lower()]
    return Result("DATE", f"{y}-{number:02d}", ctx.anchor)


def month_set(m: Match, ctx: Context) -> Result | None:
    """"every July": a SET of that month."""
    return Result("SET", f"XXXX-{month_number(m['month']):02d}")


# --------------------------------------------------------------------------- years and longer

_COUNTED_AFTER = re.compile(
    r"\s+(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in COUNTED_NOUNS) + r")\b", re.I)
_PLURAL_AFTER = re.compile(r"\s+([a-z]{3,}s)\b")
_NUMBER_CONTEXT_BEFORE = re.compile(
    r"[$£€#]\s*$|\d[,.]?\s*$|\b(?:No|Nos|Number|Flight|Route|Article|Section|"
    r"Resolution|Room|Model|Boeing|Airbus|Highway|Interstate|page|pages|p)\.?\s*$")
_YEAR_PREP_BEFORE = re.compile(r"(?i)\b(?:in|since|of|from|until|by|year|the|to|and|"
                               r"until|before|after|early|late|mid|around|circa|c\.)\W*$")


def _is_a_count(before: str, after: str) -> bool:
    """"3 million people", "$2018", "No. 1989", "2000 soldiers", "70,000 to 100,000": a number."""
    if _NUMBER_CONTEXT_BEFORE.search(before):
        return True
    if _COUNTED_AFTER.match(after) or re.match(r"\s*(?:%|-?\s*(?:\d|[a-z]+-(?:year|month)))", after):
        return True
    if re.match(r"\s*(?:to|and|-|or)\s+\d{1,3}(?:,\d{3})+", after):
        return True  # "2000 to 10,000 people"
    pl = _PLURAL_AFTER.match(after)
    if pl and pl.group(1).lower() not in NOT_PLURAL_S_WORDS and not pl.group(1).endswith("ss"):
        return True  # "1500 soldiers", "2000 rockets"
    return bool(re.search(r"\b(?:to|and)\s*$", before)
                and re.search(r"\d{1,3},\d{3}\s+(?:to|and)\s*$", before))


def year(m: Match, ctx: Context) -> Result | None:
    """"2017", "fiscal 1989" (the year 1989); not a count, nor a bare number before 1900."""
    value = int(m["year"])
    before, after = ctx.before(m, 15), ctx.after(m, 25)
    if _is_a_count(before, after):
        return None
    if value < 1900 and not _YEAR_PREP_BEFORE.search(before):
        return None
    return Result("DATE", f"{value:04d}")


def decade(m: Match, ctx: Context) -> Result | None:
    """"the 1990s" → 199, "the '90s" → 199, "the '10s" → 201."""
    if m["dyear"]:
        return Result("DATE", m["dyear"][:3])
    short = m["dyear2"]
    return Result("DATE", ("19" if int(short) > 20 else "20") + short[0])


def decade_word(m: Match, ctx: Context) -> Result | None:
    """"the nineties" → 199."""
    return Result("DATE", f"19{DECADE_WORDS[m['dw'].lower()]}")


def century(m: Match, ctx: Context) -> Result | None:
    """"the 19th century", "the twentieth century" → 18, 19."""
    n = m["cent"].lower()
    digits = re.match(r"\d+", n)
    c = int(digits.group()) if digits else ORDINAL_WORDS.get(n)
    if not c:
        return None
    return Result("DATE", f"{c - 1:02d}")


def spoken_year(m: Match, ctx: Context) -> Result | None:
    """Broadcast transcripts: "nineteen ninety-six" → 1996, "two thousand" → 2000."""
    if m["h"]:
        hundreds = 19 if m["h"].lower() == "nineteen" else 20
        t = m["t"].lower()
        rest = 0 if t == "hundred" else parse_number(t)
        if rest is None:
            return None
        return Result("DATE", f"{hundreds}{int(rest):02d}")
    if "year" not in m.group().lower() and not re.search(r"(?i)\b(?:in|since|of|by|until)\s+$",
                                                         ctx.before(m, 15)):
        return None
    n = parse_number(m["t2"]) if m["t2"] else 0
    return Result("DATE", f"{2000 + int(n or 0)}")


def holiday_date(name: str, y: int) -> dt.date | None:
    """The date of a holiday in year ``y`` (US: Thanksgiving, Labor Day, Memorial Day)."""
    if name in FIXED_HOLIDAYS:
        return dt.date(y, *FIXED_HOLIDAYS[name])
    if name in WEEKDAY_HOLIDAYS:
        mo, wd, k = WEEKDAY_HOLIDAYS[name]
        days = [d for d in range(1, calendar.monthrange(y, mo)[1] + 1)
                if dt.date(y, mo, d).weekday() == wd]
        return dt.date(y, mo, days[k - 1] if k > 0 else days[-1])
    return None


def _holiday_period(y: int, name: str) -> Period | None:
    """A holiday in year ``y`` as a one-day period."""
    return period(holiday_date(name, y))


def holiday(m: Match, ctx: Context) -> Result | None:
    """"Christmas", "Labor Day 2018": in the written year, else the one the tense picks."""
    name = re.sub(r"\s+", " ", m["holiday"].lower()).replace("'", "")
    written = m.groupdict().get("year")
    if written:
        d = holiday_date(name, int(written))
        return Result("DATE", d.isoformat()) if d else None
    if ctx.dct is None:
        d = holiday_date(name, 2000)
        return Result("DATE", "XXXX" + d.isoformat()[4:]) if d else None
    y = choose_in_year(ctx, m.start(), m.end(), partial(_holiday_period, name=name))
    if y is None:
        return None
    d = holiday_date(name, y)
    return Result("DATE", d.isoformat(), ctx.anchor) if d else None


# --------------------------------------------------------------------------- weekdays and days


def weekday_date(ctx: Context, wd: int, start: int, end: int, how: str = "") -> tuple[dt.date, str]:
    """The date of a weekday; ``how``: 'last', 'next', 'this' or '' (tense of the sentence)."""
    assert ctx.dct is not None
    back = (ctx.dct.weekday() - wd) % 7  # days back to the most recent such weekday
    fwd = (wd - ctx.dct.weekday()) % 7
    if how == "last":
        return ctx.dct - dt.timedelta(days=back or 7), "last"
    if how == "next":
        return ctx.dct + dt.timedelta(days=fwd or 7), "next"
    tense = FUTURE if how == "this" else ctx.tense(start, end)
    if tense == FUTURE:
        return ctx.dct + dt.timedelta(days=fwd), tense
    return ctx.dct - dt.timedelta(days=back), tense or "past"


def weekday(m: Match, ctx: Context) -> Result | None:
    """"Friday", "last Friday", "Monday night": past → on or before the DCT, future → on or after."""
    wd = WEEKDAYS[m["weekday"].lower()]
    how = (m.groupdict().get("how") or "").lower()
    how = "this" if how.startswith("this") or how == "coming" else how
    how = "last" if how.endswith("previous") else how
    pod = PARTS_OF_DAY.get((m.groupdict().get("part") or "").lower(), "")
    if ctx.dct is None:
        return Result("TIME" if pod else "DATE", f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else ""))
    d, _ = weekday_date(ctx, wd, m.start(), m.end(), how)
    if pod:
        return Result("TIME", f"{d.isoformat()}T{pod}", ctx.anchor)
    return Result("DATE", d.isoformat(), ctx.anchor)


def weekday_set(m: Match, ctx: Context) -> Result | None:
    """"Fridays", "every Friday", "Tuesday nights": a SET of that weekday."""
    wd = WEEKDAYS[m["weekday"].lower()]
    pod = PARTS_OF_DAY.get((m.groupdict().get("part") or "").lower().rstrip("s"), "")
    return Result("SET", f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else ""))


def rel_day(m: Match, ctx: Context) -> Result | None:
    """"yesterday", "tonight", "this morning", "last night", "tomorrow evening"."""
    word = m["rel"].lower()
    part = (m.groupdict().get("part") or "").lower()
    if word == "tonight":
        part = "night"
    if word == "this":
        word = "today"
    if word == "last":  # "last night"
        word, part = "yesterday", "night"
    pod = PARTS_OF_DAY.get(part, "")
    if ctx.dct is None:
        return Result("TIME" if pod else "DATE", "XXXX-XX-XX" + (f"T{pod}" if pod else ""))
    d = ctx.dct + dt.timedelta(days=DAY_WORD_OFFSETS[word])
    if pod:
        return Result("TIME", f"{d.isoformat()}T{pod}", ctx.anchor)
    return Result("DATE", d.isoformat(), ctx.anchor)


def next_day(m: Match, ctx: Context) -> Result | None:
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
        return Result("DATE", "XXXX-XX-XX")
    d = (ref + dt.timedelta(days=sign)).isoformat()
    pod = PARTS_OF_DAY.get(unit, "")
    if pod and unit != "night":
        return Result("TIME", f"{d}T{pod}", anchor)
    return Result("DATE", d, anchor)


def weekend(m: Match, ctx: Context) -> Result | None:
    """"the weekend": the coming one in a future sentence, else the last one."""
    if ctx.dct is None:
        return Result("DATE", "XXXX-WXX-WE")
    d = ctx.dct
    if ctx.tense(m.start(), m.end()) == FUTURE:
        d = d + dt.timedelta(days=(5 - d.weekday()) % 7)
    elif d.weekday() < 5:
        d = d - dt.timedelta(days=d.weekday() + 1)
    return Result("DATE", iso_week(d) + "-WE", ctx.anchor)


# --------------------------------------------------------------------------- clock times


def day_word_value(m: Match, ctx: Context, start: int, end: int) -> Result | None:
    """The day named after a clock time ("Monday", "today", "Sept. 7")."""
    if m["weekday"]:
        if ctx.dct is None:
            return Result("DATE", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}")
        d, _ = weekday_date(ctx, WEEKDAYS[m["weekday"].lower()], start, end)
        return Result("DATE", d.isoformat(), ctx.anchor)
    if m["rel"]:
        if ctx.dct is None:
            return Result("DATE", "XXXX-XX-XX")
        d = ctx.dct + dt.timedelta(days=DAY_WORD_OFFSETS[m["rel"].lower()])
        return Result("DATE", d.isoformat(), ctx.anchor)
    return resolve_month_day(m, ctx, month_number(m["month"]), day_number(m["day"]), m["year"])


def _clock_hhmm(raw: str) -> str:
    """"3:30 p.m." → T15:30, "noon" → T12:00, "midnight" → T24:00."""
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
    return f"T{hh:02d}:{mm:02d}"


def clock(m: Match, ctx: Context) -> Result | None:
    """"10 a.m.", "3:30 p.m. Monday": on the day named after it, else on the DCT."""
    hhmm = _clock_hhmm(m["clock"].lower())
    day = (m.groupdict().get("dayword") or "").strip()
    anchor = ctx.anchor
    date = None
    if day:
        sub = DAY_WORD_RE.fullmatch(day)
        if sub is not None:
            res = day_word_value(sub, ctx, m.start(), m.end())
            if res is not None:
                date, anchor = res.value, res.anchor
    if date is None:
        date = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return Result("TIME", f"{date}{hhmm}", anchor)


# --------------------------------------------------------------------------- relative units


def rel_unit(m: Match, ctx: Context) -> Result | None:
    """last/this/next week|month|year|quarter|weekend|decade|century."""
    how = (m.groupdict().get("how") or "the").lower().split()[-1]
    if m["unit"][0].isupper() and not re.search(r"(?:^|[.!?]\s*|\n\s*)$", ctx.text[:m.start()][-5:]):
        return None  # "This Week With David Brinkley": a title
    unit = m["unit"].lower()
    gran = {"weekend": "week"}.get(unit, unit)
    if ctx.dct is None:
        v = UNKNOWN.get(gran, "XXXX")
        return Result("DATE", v + ("-WE" if unit == "weekend" else ""))
    v = format_value(shift(ctx.dct, gran, RELATIVE_OFFSETS[how]), gran)
    if unit == "weekend":
        v += "-WE"
    return Result("DATE", v, ctx.anchor)


def this_unit_prefixed(m: Match, ctx: Context) -> Result | None:
    """"earlier this month", "later this year", "early next year": the unit's value."""
    return rel_unit(m, ctx)


def _season_value(ctx: Context, season: str, start: int, end: int, how: str) -> str:
    """'last summer': the latest summer over before the DCT; 'next': the first one not
    begun; 'this': the one containing the DCT, else this year's; bare: by tense."""
    code = SEASONS[season.lower()]
    if ctx.dct is None:
        return f"XXXX-{code}"
    dct = ctx.dct
    years = (dct.year - 1, dct.year, dct.year + 1)
    if how == "last":  # one that ended under two months ago is "this summer" ...
        over = [y for y in years if season_period(y, code)[1] < dct - dt.timedelta(days=60)]
        # ... unless none of these did: "last fall" in January is the fall just over
        y = max(over) if over else max(y for y in range(dct.year - 2, dct.year + 1) if season_period(y, code)[1] < dct)
    elif how == "next":  # the first one not begun (in December, next winter's year is two on)
        y = min(y for y in range(dct.year - 1, dct.year + 3) if season_period(y, code)[0] > dct)
    elif how == "this":
        inside = [y for y in years if season_period(y, code)[0] <= dct <= season_period(y, code)[1]]
        y = inside[0] if inside else dct.year
    else:
        y = choose_in_year(ctx, start, end, partial(season_period, code=code)) or dct.year
    return f"{y}-{code}"


def season(m: Match, ctx: Context) -> Result | None:
    """"this summer", "last winter", "the fall", "summer 2016"."""
    how = (m.groupdict().get("how") or "").lower().split()[-1:] or [""]
    how_word = {"past": "last", "the": ""}.get(how[0], how[0])
    if m.groupdict().get("year"):
        return Result("DATE", f"{m['year']}-{SEASONS[m['season'].lower()]}")
    return Result("DATE", _season_value(ctx, m["season"], m.start(), m.end(), how_word), ctx.anchor)


def _part_of_year(m: Match, ctx: Context, code: str, period: Callable[[int], Period | None]) -> Result:
    """A part of a year (`Q3`, `H1`): in the written year, else the year the tense picks."""
    if m.groupdict().get("year"):
        return Result("DATE", f"{m['year']}-{code}")
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{code}")
    y = choose_in_year(ctx, m.start(), m.end(), period)
    return Result("DATE", f"{y}-{code}", ctx.anchor)


def quarter(m: Match, ctx: Context) -> Result | None:
    """"the third quarter", "2018's first quarter": in the written year, else the tense's."""
    q = QUARTER_ORDINALS[m["ord"].lower()]
    return _part_of_year(m, ctx, f"Q{q}", partial(quarter_period, q=q))


def half(m: Match, ctx: Context) -> Result | None:
    """"the first half (of 2018)" → 2018-H1."""
    h = {"first": 1, "second": 2}[m["ord"].lower()]
    return _part_of_year(m, ctx, f"H{h}", partial(half_period, h=h))


def the_quarter(m: Match, ctx: Context) -> Result | None:
    """"the quarter": the last quarter mentioned, else the last one that ended before the
    DCT (what an earnings report is about)."""
    if ctx.last_quarter:
        return Result("DATE", ctx.last_quarter, f"ref {ctx.last_quarter}")
    if ctx.dct is None:
        return Result("DATE", "XXXX-QX")
    return Result("DATE", format_value(add_months(ctx.dct, -3), "quarter"), ctx.anchor)


def latest_quarter(m: Match, ctx: Context) -> Result | None:
    """"the latest quarter/period": the last quarter that ended before the DCT."""
    if ctx.dct is None:
        return Result("DATE", "XXXX-QX")
    if "fiscal" in m.group().lower():
        return None
    return Result("DATE", format_value(add_months(ctx.dct, -3), "quarter"), ctx.anchor)


def current_quarter(m: Match, ctx: Context) -> Result | None:
    """"the current quarter": the DCT's quarter."""
    if ctx.dct is None:
        return Result("DATE", "XXXX-QX")
    return Result("DATE", format_value(ctx.dct, "quarter"), ctx.anchor)


def that_unit(m: Match, ctx: Context) -> Result | None:
    """"that year", "the same month": the last date mentioned, at that granularity."""
    unit = m["unit"].lower()
    if unit == "quarter":
        return Result("DATE", ctx.last_quarter, f"ref {ctx.last_quarter}") if ctx.last_quarter else None
    if unit == "year" and ctx.last_year:
        return Result("DATE", ctx.last_year, f"ref {ctx.last_year}")
    if ctx.last_date:
        d = dt.date.fromisoformat(ctx.last_date)
        return Result("DATE", format_value(d, unit), f"ref {ctx.last_date}")
    return None


def the_year(m: Match, ctx: Context) -> Result | None:
    """"the year ended March 31" is a DURATION P1Y; "for the (full) year" the DCT's year."""
    if m["ended"]:
        if "to date" in m["ended"].lower():
            return None
        return Result("DURATION", "P1Y")
    if not re.search(r"(?i)\b(?:for|in|during|of|through|throughout)\s+$", ctx.before(m, 25)):
        return None
    if ctx.dct is None:
        return Result("DATE", "XXXX")
    return Result("DATE", str(ctx.dct.year), ctx.anchor)


def year_end(m: Match, ctx: Context) -> Result | None:
    """"year-end", "the end of the year": the DCT's year, mod END."""
    if ctx.dct is None:
        return Result("DATE", "XXXX", mod="END")
    return Result("DATE", str(ctx.dct.year), ctx.anchor, "END")


def year_earlier(m: Match, ctx: Context) -> Result | None:
    """"a year earlier", "the year-ago quarter": one year before the last quarter
    mentioned (earnings reports), else the year before the DCT."""
    if ctx.last_quarter and re.match(r"\d{4}-Q\d", ctx.last_quarter):
        y, q = ctx.last_quarter.split("-")
        return Result("DATE", f"{int(y) - 1}-{q}", f"ref {ctx.last_quarter}")
    if ctx.dct is None:
        return Result("DATE", "XXXX")
    return Result("DATE", str(ctx.dct.year - 1), ctx.anchor)


def ago(m: Match, ctx: Context) -> Result | None:
    """"two days ago", "three weeks ago": the DCT moved back, at the unit's granularity."""
    unit = norm_unit(m["unit"])
    n = parse_number(m["num"])
    gran = {"fortnight": "week", "night": "day"}.get(unit, unit)
    if unit in ("second", "minute", "hour"):
        return None
    if n is None:
        return Result("DATE", "PAST_REF", ctx.anchor)
    if ctx.dct is None:
        return Result("DATE", UNKNOWN.get(gran, "XXXX"))
    if unit == "fortnight":
        n *= 2
    nn = int(n) if float(n).is_integer() else n
    if isinstance(nn, float):
        d = add_months(ctx.dct, -round(nn * {"year": 12, "month": 1}.get(gran, 0)))
        if gran not in ("year", "month"):
            return Result("DATE", "PAST_REF", ctx.anchor)
        return Result("DATE", format_value(d, "month"), ctx.anchor)
    return Result("DATE", format_value(shift(ctx.dct, gran, -nn), gran), ctx.anchor)


def later_earlier(m: Match, ctx: Context) -> Result | None:
    """"two days later" / "a week earlier": relative to the DCT is usually wrong in
    narratives; use the last full date mentioned, else give a duration-free DATE at the
    unit's granularity relative to the DCT."""
    unit = norm_unit(m["unit"])
    if unit in ("second", "minute", "hour"):
        return None
    n = parse_number(m["num"])
    gran = {"fortnight": "week", "night": "day"}.get(unit, unit)
    sign = -1 if re.search(r"(?i)earlier|before", m.group()) else 1
    if n is None or not float(n).is_integer():
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", ctx.anchor)
    if unit == "year" and n == 1 and sign < 0:
        return year_earlier(m, ctx)
    ref = ctx.last_date
    if re.fullmatch(r"\d{4}-\d\d-\d\d", ref) and gran in ("day", "week", "month", "year"):
        d = shift(dt.date.fromisoformat(ref), gran, sign * int(n))
        return Result("DATE", format_value(d, gran), f"ref {ref}")
    if ctx.dct is None:
        return Result("DATE", UNKNOWN.get(gran, "XXXX"))
    return Result("DATE", format_value(shift(ctx.dct, gran, sign * int(n)), gran), ctx.anchor)


# --------------------------------------------------------------------------- durations


def _is_a_rate(m: Match, ctx: Context, unit: str) -> bool:
    """"four flights a week", "$2 million a year", "24 hours a day": a rate, not a span;
    "a second group": an ordinal."""
    before = ctx.before(m, 25)
    if re.search(r"(?i)(?:\b(?:once|twice|times|per)|\d[\d,.]*\s*(?:%|percent|million|"
                 r"billion|cents?)?|\b[a-z]+s)\s+$", before):
        return True
    return unit == "second" and not re.search(r"(?i)\b(?:for|in|than|within|every|split|half)\s+$",
                                              before)


def duration(m: Match, ctx: Context) -> Result | None:
    """"three months" P3M, "48 hours" PT48H, "a minute and a half" PT1M30S; not a rate."""
    unit = norm_unit(m["unit"])
    num = m.groupdict().get("num") or ""
    n = parse_number(num) if num else None
    if n is not None and re.search(r"(?i)and\s+a\s+half$", m.group()):
        n += 0.5
    if num and n is None and parse_number(num) is None and num.strip().lower() not in VAGUE_NUMBERS:
        return None
    # "a year" after "once"/"per"/"twice" is a set, handled by the set rules
    if n == 1 and num.strip().lower() in ("a", "an") and _is_a_rate(m, ctx, unit):
        return None
    if n is not None and n > 10000:
        return None
    return Result("DURATION", duration_value(n, unit))


_PERSON_NOUNS = re.compile(
    r"\s*(?:[,.;:)'\"]|$|(?:" + "|".join(PERSON_NOUNS) + r"|twins?|(?-i:[A-Z]))\b)", re.I)


def duration_adj(m: Match, ctx: Context) -> Result | None:
    """"a seven-year war", "10-hour", "48-hour", "a seven-year-old war": a duration, never
    a date. A person's age ("the 6-year-old boy", "a 44-year-old", "Smith, 52-year-old")
    is not a time expression in TimeBank practice and is left out."""
    if m.group().lower().endswith("-old") and _PERSON_NOUNS.match(ctx.text, m.end()):
        return None
    if m["num"].lower() in ("several", "multi"):
        return Result("DURATION", duration_value(None, m["unit"]))
    n = parse_number(m["num"])
    if n is None:
        return None
    return Result("DURATION", duration_value(n, m["unit"]))


def vague_units(m: Match, ctx: Context) -> Result | None:
    """"for years", "in decades", "recent weeks": vague duration."""
    return Result("DURATION", duration_value(None, m["unit"]))


def vague_while(m: Match, ctx: Context) -> Result | None:
    """"for a while", "a long while": a duration of unknown length (PXX)."""
    return Result("DURATION", "PXX")


def over_the_years(m: Match, ctx: Context) -> Result | None:
    """"over the years", "the decades since": a vague duration."""
    return Result("DURATION", duration_value(None, m["unit"] or m["unit2"]))


def unit_long(m: Match, ctx: Context) -> Result | None:
    """"a week-long strike", "year-long": one unit."""
    return Result("DURATION", duration_value(1, m["unit"]))


def recent(m: Match, ctx: Context) -> Result | None:
    """"recent years" → PAST_REF, "recent days" → PXD; "the past few weeks" → PXW."""
    if "recent" not in m.group().lower():
        return vague_units(m, ctx)
    unit = norm_unit(m["unit"])
    if unit in ("year", "decade", "century"):
        return Result("DATE", "PAST_REF", ctx.anchor)
    return Result("DURATION", duration_value(None, unit))


def coming(m: Match, ctx: Context) -> Result | None:
    """"the coming weeks": FUTURE_REF."""
    return Result("DATE", "FUTURE_REF", ctx.anchor)


def past_future_n(m: Match, ctx: Context) -> Result | None:
    """"the past two years", "the next few days", "the last 24 hours": a duration."""
    num = m.groupdict().get("num") or ""
    unit = norm_unit(m["unit"])
    if num.strip():
        n = parse_number(num)
    else:  # "the past year" is P1Y, "the first hours" / "the coming years" are vague
        n = None if m["unit"].lower().endswith("s") else 1
    if unit not in UNITS:
        return None
    return Result("DURATION", duration_value(n, unit))


def quarters(m: Match, ctx: Context) -> Result | None:
    """"the past two quarters" → P2Q, "three consecutive quarters" → P3Q (TimeBank's Q)."""
    num = (m["num"] or m["num2"] or "").strip()
    n = parse_number(num) if num else None
    if num and n is None and num.lower() not in VAGUE_NUMBERS:
        return None
    return Result("DURATION", f"P{'X' if n is None else int(n)}Q")


def first_n(m: Match, ctx: Context) -> Result | None:
    """"the first six months", "the last 10 days": a duration."""
    return Result("DURATION", duration_value(parse_number(m["num"]), m["unit"]))


# --------------------------------------------------------------------------- sets


def set_word(m: Match, ctx: Context) -> Result | None:
    """"daily", "weekly", "annually"; not "quarterly dividend" nor a paper's name."""
    after, before = ctx.after(m, 30), ctx.before(m, 30)
    if re.match(r"\s+(?:dividends?|payouts?|payments?|distributions?|reports?|results|earnings|"
                r"rate|of|(?-i:[A-Z]))", after, re.I) or re.search(r"(?-i:[A-Z]\w*)\s+$", before):
        return None  # "quarterly dividend", "the party daily Granma": not a recurrence
    if re.search(r"(?i)\b(?:an?|its|the|their|his|her)\s+(?:initial\s+|regular\s+)?$", before) and \
            re.match(r"\s*(?:[,.;]|of\b)", after):
        return None  # "its initial quarterly of five cents"
    return Result("SET", FREQUENCY_WORDS[m["setword"].lower()])


def every(m: Match, ctx: Context) -> Result | None:
    """"every week" P1W, "every two years" P2Y, "every other day" P2D."""
    num = m.groupdict().get("num")
    if (num or "").lower() == "other":
        return Result("SET", duration_value(2, m["unit"]))
    unit = norm_unit(m["unit"])
    n = parse_number(num) if num else 1
    if unit in UNITS:
        return Result("SET", duration_value(n if n is not None else None, unit))
    return None


def per_unit(m: Match, ctx: Context) -> Result | None:
    """"once a year", "twice a week", "three times a day": SET P1Y (freq not kept)."""
    return Result("SET", duration_value(1, m["unit"]))


# --------------------------------------------------------------------------- reference points


def present_ref(m: Match, ctx: Context) -> Result | None:
    """"now", "currently", "these days": PRESENT_REF."""
    return Result("DATE", "PRESENT_REF", ctx.anchor)


def past_ref(m: Match, ctx: Context) -> Result | None:
    """"recently", "the past", "recent": PAST_REF."""
    return Result("DATE", "PAST_REF", ctx.anchor)


def future_ref(m: Match, ctx: Context) -> Result | None:
    """"the future", "soon", "the short term": FUTURE_REF."""
    return Result("DATE", "FUTURE_REF", ctx.anchor)


def current(m: Match, ctx: Context) -> Result | None:
    """"current" as "at present" (PRESENT_REF); not "current account", "current president"."""
    if re.match(r"(?i)\s*(?:account|affairs|events|flow|flows|and\s+former|members?|"
                r"owners?|holders?|president|chairman|director|chief|leaders?|head|"
                r"residents?|version|edition|issue|form|system|law|rules?|policy|"
                r"government|administration|regime|crisis|situation|state|round|"
                r"level|levels|rate|rates|price|prices|dollars?|"
                r"(?-i:[A-Z]))", ctx.after(m, 20)):
        return None
    return Result("DATE", "PRESENT_REF", ctx.anchor)
