"""Rule-based TIMEX3 time-expression tagger and normaliser for English news.

``find_timexes(text, dct, parse=...)`` finds time expressions ("Sept. 7", "last week",
"three months", "every day", "3:30 p.m. Monday") and normalises each one to a TIMEX3
``value`` (``2018-09-07``, ``2018-W35``, ``P3M``, ``P1D``, ``2018-09-03T15:30``), resolving
relative expressions against the document creation time (DCT, the article's date).

Design (regular expressions for the expressions, the cached spaCy parse for tense; no
clock: the output depends only on the input):

1. **Candidates.** The rule table (`rules.RULES`) is run over the text. Each rule has a
   name, a pattern, a handler (`handlers`) that turns a match into a type and a value, and
   an optional named guard (`guards`); either may reject the match (must-not cases: "3
   million people", the modal "may", "a march", a bare "Sept." with no day or year,
   "Turkey" ...). Month and weekday names are matched case-sensitively, so lower-case
   "may" / "march" never match.
2. **Selection.** The longest candidate wins; among equal lengths the earlier rule wins.
   The kept records never overlap.
3. **Modifiers.** A kept DATE/TIME/DURATION is extended over a preceding modifier
   (`rules.LEFT_MODIFIERS`: "early", "late", "mid-", "the end of", "about", "nearly", "more
   than", ...), which TimeML counts as part of the expression; the value keeps the
   granularity of the head ("late November" is ``2018-11``).
4. **Values**, computed left to right so that anaphoric expressions ("a year earlier",
   "the year-ago quarter", "the quarter") can use the last quarter mentioned before them.

Resolution of under-specified dates ("Sept. 7", "in June", "Friday", "the third
quarter") uses the **tense of the clause that governs the expression** (`tense`): with a
parse, the governing verb and its auxiliaries ("will meet", "warned", "is expected to");
without one, or where the parse has no verb above the expression, the nearest cue word in
its sentence (``sentence_tense``). Dates known up to their year take the candidate (DCT
year or a neighbour) nearest to the DCT, where the distance of candidates on the wrong
side of the DCT for the tense is multiplied by 6 (`context.choose_in_year`): a past-tense
"ruled he must return by Jan. 14" a week before that date still means the coming Jan. 14.
Weekdays: past → the latest on or before the DCT, future → the first on or after it, no
tense → the past one (news mostly reports the past); the DCT's own day counts for both,
as news writes "Monday" for today. Sentences come from the parse (the workbook's one
sentence source), else from the caller (``sentences=``), else from the rule splitter
(``split_sentences``).

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
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from ..text.parse import Parse
from ..text.sentences import split_sentences
from .context import Context, Result
from .rules import ANAPHORIC, LEFT_MODIFIERS, RULES, Rule
from .tense import TenseJudge, sentence_tense

__all__ = ["TIMEX_TYPES", "Timex", "find_timexes", "sentence_tense", "split_sentences"]

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


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A match some rule accepts, before selection."""

    start: int
    end: int
    order: int
    """The rule's position in `RULES` (an earlier rule wins a tie)."""
    match: re.Match[str]

    @property
    def rule(self) -> Rule:
        """The rule that made the candidate."""
        return RULES[self.order]

    def sort_key(self) -> tuple[int, int, int]:
        """Longest first, then the earlier rule, then leftmost."""
        return -(self.end - self.start), self.order, self.start


def find_timexes(text: str, dct: dt.date | None, *, sentences: Sequence[tuple[int, int]] | None = None,
                 parse: Parse | None = None) -> list[Timex]:
    """Time expressions in ``text``, resolved against the document creation time ``dct``.

    ``dct`` may be a ``datetime.date`` (a ``datetime`` is reduced to its date) or None,
    in which case relative values keep ``X`` placeholders. ``parse`` is the text's cached
    spaCy parse (`helpers.text.parse.Parse`): tense is then read from the clause governing
    each expression, and sentences are the parse's. Without one, tense comes from cue words
    in the sentence, sentences from ``sentences`` (spans) or ``split_sentences``.
    Returns records sorted by start, never overlapping; the same input always gives the
    same output.
    """
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    ctx = Context(text=text, dct=dct, judge=tense_judge(text, sentences=sentences, parse=parse))
    return _resolve(_select(_candidates(ctx)), ctx)


def tense_judge(text: str, *, sentences: Sequence[tuple[int, int]] | None = None,
                parse: Parse | None = None) -> TenseJudge:
    """The tense judge of one text: the parse and its sentences, else the given or split sentences."""
    if parse is not None:
        sents = list(parse.sents)
    else:
        sents = sorted(sentences) if sentences is not None else split_sentences(text)
    return TenseJudge(text, sents, parse)


def _candidates(ctx: Context) -> list[_Candidate]:
    """Every non-empty match of every rule that its guard and handler accept."""
    found: list[_Candidate] = []
    for order, rule in enumerate(RULES):
        for m in rule.pattern.finditer(ctx.text):
            if m.end() > m.start() and rule.apply(m, ctx) is not None:
                found.append(_Candidate(m.start(), m.end(), order, m))
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then earlier rule, then leftmost; keep those that overlap no kept one."""
    taken: list[_Candidate] = []
    starts: list[int] = []  # the kept spans, by start (they never overlap, so ends follow the same order)
    ends: list[int] = []
    for c in sorted(candidates, key=_Candidate.sort_key):
        p = bisect.bisect_left(starts, c.end)  # kept spans from p on start at or after c ends
        if p > 0 and ends[p - 1] > c.start:  # the last one starting before c ends reaches into c
            continue
        starts.insert(p, c.start)
        ends.insert(p, c.end)
        taken.append(c)
    return sorted(taken, key=attrgetter("start"))


def _resolve(taken: list[_Candidate], ctx: Context) -> list[Timex]:
    """Values left to right (anaphora see what came before), extended over left modifiers."""
    out: list[Timex] = []
    prev_end = 0
    for c in taken:
        res = c.rule.apply(c.match, ctx)
        if res is None:
            continue
        start, mod = _extend_left(ctx.text, prev_end, c.start, res)
        out.append(Timex(start, c.end, ctx.text[start:c.end], res.type, res.value, res.anchor,
                         c.rule.name, mod))
        prev_end = c.end
        _remember(ctx, c.rule.name, res)
    return out


def _extend_left(text: str, prev_end: int, start: int, res: Result) -> tuple[int, str]:
    """The start and mod of an expression extended over the first left modifier that fits it."""
    left = text[max(prev_end, start - 30):start]
    for modifier in LEFT_MODIFIERS:
        if res.type not in modifier.types:
            continue
        mm = modifier.pattern.search(left)
        if mm:
            return start - len(mm.group()), res.mod or modifier.mod
    return start, res.mod


def _remember(ctx: Context, rule_name: str, res: Result) -> None:
    """Keep the last quarter, full date and year mentioned, for the anaphora that follow."""
    if re.fullmatch(r"\d{4}-Q\d", res.value) and rule_name not in ANAPHORIC:
        ctx.last_quarter = res.value
    if re.fullmatch(r"\d{4}-\d\d-\d\d", res.value):
        ctx.last_date = res.value
    if re.match(r"\d{4}(?!\d)", res.value) and res.type in ("DATE", "TIME"):
        ctx.last_year = res.value[:4]
