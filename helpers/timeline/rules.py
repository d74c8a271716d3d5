"""The rule table of the time-expression tagger: each rule is a name (the ``rule`` column of
`timexes.csv`), a regular expression, a handler (`handlers`) and an optional guard
(`guards`). Order matters: among candidates of equal length the earlier rule wins.

Also here: the modifiers that extend a kept expression to the left ("late", "the end of",
"more than"), which TimeML counts in the extent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.english import DECADE_WORDS, FREQUENCY_WORDS
from . import guards as g
from . import handlers as h
from .context import Context, Handler, Result
from .guards import Guard
from .patterns import (
    CLOCK,
    DAY,
    DAY_WORD,
    EARLY_LATE,
    HOW,
    MONTH,
    MONTH_NAME_ONLY,
    NUM,
    NUM_WORD,
    PART,
    PART_PLURAL,
    SEASON,
    TZ,
    UNIT,
    WEEKDAY,
    YEAR,
)


@dataclass(frozen=True)
class Rule:
    """One time-expression rule: a named pattern, its handler and an optional guard."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    guard: Guard | None = None

    def apply(self, m: re.Match[str], ctx: Context) -> Result | None:
        """The handler's result for the match, or None when the guard or the handler rejects it."""
        if self.guard is not None and not self.guard(m, ctx):
            return None
        return self.handler(m, ctx)


def rule(name: str, pattern: str, handler: Handler, guard: Guard | None = None) -> Rule:
    """A rule whose pattern matches whole words only (it may follow "mid-", "late-" ...)."""
    return Rule(name, re.compile(rf"(?<![\w'])(?:(?<=mid-)|(?<=late-)|(?<=early-)|(?<=post-)|(?<=pre-)"
                                 rf"|(?<!-))(?:{pattern})(?![\w])", re.I), handler, guard)


_FREQUENCY = "|".join(w for w in FREQUENCY_WORDS if w != "annual")
"""The frequency adverbs a SET is read from; "annual" is an adjective ("annual report"), not one."""

RULES: list[Rule] = [
    # absolute dates
    rule("iso_date", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", h.iso_date),
    rule("us_numeric_date", r"(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d\d)", h.us_date),
    rule("weekday_month_day", rf"(?P<weekday>{WEEKDAY}),?\s+(?P<month>{MONTH})\s*(?P<day>{DAY})"
         rf"(?:(?:,\s*|\s+)(?P<year>{YEAR}))?", h.month_day),
    rule("month_day", rf"(?P<month>{MONTH})\s*(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<year>{YEAR}))?", h.month_day),
    rule("day_month", rf"(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?", h.month_day),
    rule("month_year", rf"(?P<month>{MONTH})\s*(?:of\s+|,\s*)?(?P<year>{YEAR})", h.month_year),
    rule("month", rf"(?:(?P<how>last|next|this)\s+)?(?P<month>{MONTH_NAME_ONLY})", h.month),
    rule("year", rf"(?:fiscal\s+(?:year\s+)?)?(?P<year>{YEAR})(?!\s*'?s\b)", h.year),
    rule("decade", r"(?:the\s+)?(?:(?:early|late|mid)\s*-?\s*)?"
         r"(?:(?P<dyear>1\d\d0|20\d0)|'(?P<dyear2>\d0))'?s", h.decade),
    rule("decade_word", rf"the\s+(?:early\s+|late\s+|mid-?)?(?P<dw>{'|'.join(DECADE_WORDS)})", h.decade_word),
    rule("century", r"(?:the\s+)?(?P<cent>\d{1,2}(?:st|nd|rd|th)|first|eighteenth|nineteenth|twentieth|"
         r"twenty[- ]first)\s+century", h.century),
    # weekdays
    rule("weekday", rf"(?:(?P<how>last|next|this|this\s+coming|coming|the\s+previous)\s+)?(?P<weekday>{WEEKDAY})"
         rf"(?:\s+(?P<part>{PART}))?", h.weekday),
    rule("weekday_set", rf"(?:every\s+|each\s+|on\s+)?(?P<weekday>{WEEKDAY})s(?:\s+(?P<part>{PART}s?))?",
         h.weekday_set),
    rule("weekday_parts_set", rf"(?P<weekday>{WEEKDAY})\s+(?P<part>{PART_PLURAL})", h.weekday_set),
    rule("month_set", rf"(?:every|each)\s+(?P<month>{MONTH_NAME_ONLY})", h.month_set),
    rule("weekday_set_every", rf"(?:every|each)\s+(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{PART}))?",
         h.weekday_set),
    # relative days
    rule("rel_day", rf"(?P<rel>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>{PART}))?", h.rel_day),
    rule("this_part", r"(?P<rel>this)\s+(?P<part>morning|afternoon|evening)", h.rel_day),
    rule("last_night", r"(?P<rel>last)\s+(?P<part>night)", h.rel_day),
    # times
    rule("clock", rf"(?P<clock>{CLOCK}){TZ}(?:,?\s+(?:on\s+)?(?P<dayword>{DAY_WORD}))?", h.clock),
    # last/this/next unit
    rule("rel_unit", rf"(?:{EARLY_LATE})?{HOW}\s+(?P<unit>week|month|year|quarter|weekend|decade|"
         rf"century)", h.rel_unit),
    rule("this_unit_prefixed", r"(?:early|late)\s+(?P<how>this|next|last)\s+"
         r"(?P<unit>week|month|year|quarter|weekend)", h.this_unit_prefixed),
    rule("the_year_ref", r"(?:earlier|later)\s+in\s+(?P<how>the)\s+(?P<unit>year|month|week)", h.rel_unit),
    rule("weekend", r"the\s+weekend", h.weekend),
    # seasons
    rule("season", rf"(?:(?P<how>this|last|next|this\s+past|past|early|late|the)\s+)?(?P<season>{SEASON})"
         rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}))?", h.season, g.season_is_anchored),
    # quarters and halves
    rule("quarter", rf"(?:(?:the\s+)?(?:(?:company's|fiscal|calendar)\s+)*(?=\w+(?:\s+fiscal)?\s+quarter))?"
         rf"(?P<ord>first|second|third|fourth|"
         rf"1st|2nd|3rd|4th|final|last)(?:\s+fiscal)?[- ](?:quarter|qtr\.?)(?!s)(?:\s+of\s+"
         rf"(?:fiscal\s+)?(?P<year>{YEAR}))?", h.quarter, g.quarter_is_ordinal),
    rule("year_quarter", rf"(?:fiscal\s+)?(?P<year>{YEAR})(?:'s)?\s+(?P<ord>first|second|third|"
         rf"fourth)[- ]quarter", h.quarter),
    rule("half", rf"(?:the\s+)?(?P<ord>first|second)[- ]half(?:\s+of\s+(?:(?P<year>{YEAR})|"
         rf"the\s+year|this\s+year))?", h.half),
    rule("the_quarter", r"the\s+quarter(?!-)", h.the_quarter),
    rule("month_rel_year", rf"(?P<month>{MONTH_NAME_ONLY})\s+(?:of\s+)?(?P<how>this|last|next)\s+year",
         h.month_rel_year),
    rule("latest_quarter", r"the\s+(?:latest|most\s+recent|recent|just-ended|just\s+ended|"
         r"latest\s+fiscal)\s+(?:quarter|period)", h.latest_quarter),
    rule("that_unit", r"(?:that|the\s+same)\s+(?P<unit>year|quarter|month|day)", h.that_unit),
    rule("next_day", r"the\s+(?P<how>next|following|previous|preceding)\s+(?P<unit>day|morning|afternoon|"
         r"evening|night)|the\s+(?P<unit2>day|night)\s+(?P<how2>before|after)"
         r"(?!\s+(?:the|a|an|his|her|their|its|this|that|he|she|they|it|[A-Z0-9]))", h.next_day),
    rule("the_year", r"the\s+(?:full\s+|fiscal\s+|calendar\s+|whole\s+|entire\s+)*year(?:'s)?"
         r"(?=\s+(?P<ended>ended|ending|to\s+date))?", h.the_year),
    rule("year_end", r"(?:the\s+)?(?:year-end|year\s+end|year's\s+end|end\s+of\s+the\s+year|"
         r"end\s+of\s+(?:this|the\s+current)\s+year)", h.year_end),
    rule("end_of_unit", r"(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>month|week|quarter)",
         h.rel_unit),
    rule("spoken_year", r"(?P<h>nineteen|twenty)[- ](?P<t>(?:twenty|thirty|forty|fifty|sixty|seventy|"
         r"eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|"
         r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)"
         r"|(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<t2>one|two|three|four|five|six|seven|"
         r"eight|nine|ten))?", h.spoken_year),
    rule("while", r"a\s+(?:long\s+|short\s+|little\s+)?while", h.vague_while, g.AFTER_SPAN_WORD),
    rule("ahead", r"the\s+(?P<unit>days|weeks|months|years)\s+(?:ahead|to\s+come)", h.vague_units),
    rule("short_term", r"the\s+(?:short|near)[- ]term(?![- ]\w)", h.future_ref),
    rule("over_the_years", r"the\s+(?P<unit>years|decades)(?=\s+(?:that|since|after|before|of)\b)|"
         r"(?<=over\s)the\s+(?P<unit2>years|decades)", h.over_the_years),
    rule("unit_long", r"(?P<unit>day|week|month|year|hour|decade)-long", h.unit_long),
    rule("current_quarter", r"the\s+current\s+quarter", h.current_quarter),
    rule("year_earlier", r"(?:the\s+(?=\S+\s+(?:quarter|period|three\s+months)))?(?:year-earlier|year-ago|"
         r"prior-year|year\s+earlier|year\s+ago)(?:\s+(?:quarter|period|three\s+months))?|last\s+year's\s+"
         r"(?:quarter|period)|(?:the\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)|a\s+year\s+(?:earlier|ago)",
         h.year_earlier),
    # relative spans
    rule("ago", rf"(?P<num>{NUM}|some)\s+(?P<unit>{UNIT})\s+ago", h.ago),
    rule("later_earlier", rf"(?P<num>{NUM})\s+(?P<unit>{UNIT})\s+(?:later|earlier|before|after)"
         r"(?!\s+(?:the|a|an|his|her|their|its|this|that|[A-Z]))", h.later_earlier),
    rule("past_future_n", rf"the\s+(?:past|last|previous|next|coming|following|first|final)\s+"
         rf"(?P<num>{NUM}\s+|)(?P<unit>{UNIT})", h.past_future_n),
    rule("past_n", rf"(?:past|last|previous)\s+(?P<num>{NUM}\s+)(?P<unit>{UNIT})", h.past_future_n),
    rule("n_quarters", rf"(?:the\s+(?:past|last|previous|next|coming|following|first)\s+)(?P<num>{NUM}\s+|)"
         r"quarters|(?P<num2>\w+)\s+(?:consecutive|straight|successive)\s+quarters", h.quarters),
    rule("past_unit_nothe", r"(?:past|previous)\s+(?P<num>)(?P<unit>decade|century|year|month|week)",
         h.past_future_n, g.AFTER_PERIOD_WORD),
    rule("first_n", rf"(?:the\s+)?(?:first|last)\s+(?P<num>{NUM})\s+(?P<unit>{UNIT})", h.first_n),
    rule("the_n_months", r"the\s+(?P<num>three|six|nine|twelve|\d+)\s+(?P<unit>months)", h.first_n),
    rule("recent", r"(?:(?:the\s+)?(?:most\s+)?recent|the\s+last\s+few|the\s+past\s+few)\s+"
         r"(?P<unit>days|weeks|months|years|decades)", h.recent),
    rule("coming", r"(?:the\s+)?(?:coming|upcoming)\s+(?:days|weeks|months|years|decades)", h.coming),
    # durations
    rule("duration_adj", rf"(?P<num>\d+(?:\.\d+)?|several|multi|(?:{NUM_WORD})(?:-(?:{NUM_WORD}))?)-(?P<unit>"
         r"second|minute|hour|day|week|month|year|decade|century)(?:s?-(?:long|old))?", h.duration_adj),
    rule("duration", rf"(?P<num>{NUM})\s+(?:(?:more|full|straight|consecutive|long)\s+)?"
         rf"(?P<unit>{UNIT})(?:-long|-old)?(?:\s+and\s+a\s+half)?", h.duration),
    rule("vague_units", r"(?:(?:many|several|some)\s+)?(?P<unit>years|decades|months|weeks|days|hours|"
         r"minutes)(?!\s+(?:of|ago|earlier|later|after|before))", h.vague_units, g.AFTER_DURATION_WORD),
    rule("decades_long", r"(?P<unit>decades|years|months)-(?:long|old)", h.vague_units),
    # sets
    rule("set_word", rf"(?P<setword>{_FREQUENCY})", h.set_word),
    rule("every", rf"(?:every|each)\s+(?:(?P<num>{NUM_WORD}|\d+|other)\s+)?(?P<unit>second|minute|hour|day|"
         r"night|week|month|year|decade)s?", h.every),
    rule("per_unit", r"(?:once|twice|(?:\w+\s+)?times)\s+(?:a|an|per|each|every)\s+"
         r"(?P<unit>day|week|month|year|hour|minute)", h.per_unit),
    # reference points
    rule("now", r"now|right\s+now|just\s+now", h.present_ref),
    rule("currently", r"currently|presently|nowadays|at\s+present|at\s+the\s+moment|these\s+days|"
         r"at\s+this\s+time", h.present_ref),
    rule("current", r"current", h.current),
    rule("recently", r"recently|lately|the\s+past(?!\s+(?:\w+\s+)?"
         r"(?:years?|months?|weeks?|days?|decades?|hours?|centur|quarters?|summers?|winters?|springs?|"
         r"falls?|seasons?))|once\s+upon\s+a\s+time", h.past_ref),
    rule("recent_adj", r"(?-i:recent)(?!\s+(?:days|weeks|months|years|decades|history|\w+ly))", h.past_ref),
    rule("future", r"(?:the\s+|in\s+)(?:near\s+|foreseeable\s+|distant\s+)?future|soon|the\s+near\s+term|"
         r"as\s+soon\s+as\s+possible", h.future_ref, g.not_futures_market),
    # holidays
    rule("holiday", rf"(?P<holiday>Christmas(?:\s+(?:Day|Eve))?|New\s+Year'?s(?:\s+(?:Day|Eve))?|"
         r"Independence\s+Day|Fourth\s+of\s+July|Halloween|Valentine'?s\s+Day|Veterans\s+Day|"
         rf"Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day)(?:\s+(?P<year>{YEAR}))?",
         h.holiday, g.holiday_is_capitalised),
]
"""Every rule, in priority order (names are the ``rule`` column of `timexes.csv`)."""

ANAPHORIC: frozenset[str] = frozenset({"the_quarter", "year_earlier", "that_unit", "next_day", "later_earlier"})
"""Rules whose value refers back to an earlier expression: their quarter is not remembered."""


@dataclass(frozen=True)
class LeftModifier:
    """A modifier just before a kept expression that TimeML counts in its extent."""

    pattern: re.Pattern[str]
    """Matches the modifier at the end of the text before the expression."""
    mod: str
    """The TimeML ``mod`` it gives (START, END, MID, APPROX, MORE_THAN, LESS_THAN)."""
    types: frozenset[str]
    """The TIMEX3 types it may extend."""


_DATES = frozenset({"DATE", "TIME"})
_SPANS = frozenset({"DURATION"})

LEFT_MODIFIERS: list[LeftModifier] = [
    LeftModifier(re.compile(r"(?i)(?:\b(?:the\s+)?(?:very\s+)?(?:end|close)\s+of\s+)$"), "END", _DATES),
    LeftModifier(re.compile(r"(?i)(?:\b(?:the\s+)?(?:beginning|start|dawn)\s+of\s+)$"), "START", _DATES),
    LeftModifier(re.compile(r"(?i)(?:\b(?:the\s+)?middle\s+of\s+)$"), "MID", _DATES),
    LeftModifier(re.compile(r"(?i)(?:\blate(?:\s+|-))$"), "END", _DATES),
    LeftModifier(re.compile(r"(?i)(?:\bearly(?:\s+|-))$"), "START", _DATES),
    LeftModifier(re.compile(r"(?i)(?:\bmid\s*-\s*|\bmid\s+)$"), "MID", _DATES),
    LeftModifier(re.compile(r"(?i)(?:\b(?:about|around|approximately|roughly|some|nearly|almost|"
                            r"close\s+to)\s+)$"), "APPROX", _SPANS),
    LeftModifier(re.compile(r"(?i)(?:\b(?:more\s+than|at\s+least|longer\s+than)\s+)$"), "MORE_THAN", _SPANS),
    LeftModifier(re.compile(r"(?i)(?:\b(?:less\s+than|up\s+to|fewer\s+than|at\s+most)\s+)$"), "LESS_THAN",
                 _SPANS),
]
"""Left modifiers, in priority order: the first that matches extends the expression."""
