"""Numeric claims in English news text: find them, normalise them, compare them.

``find_claims(text)`` finds number expressions that state *how many* of something
("an estimated 800,000 people", "70,000 to 100,000 fighters", "hundreds of thousands of
people", "$3 billion", "5%") and returns one :class:`Claim` per expression with its value
interval, what is counted and who claims it. ``compare_claims`` groups the claims of several
documents by what they count and flags groups whose intervals do not overlap.

Pure Python + ``re`` (plus the cached spaCy parse when given): no clock, no randomness; the
output depends only on the input.

**Span.** ``start``/``end`` cover the number expression *with* its qualifier ("more than",
"an estimated", "some", "between ... and ..."), its currency sign ("$3 billion") and its
percent sign or word ("5%", "5 percent"), because all of these change the value. The
counted noun is *not* part of the span (``text[start:end] == claim.text``).

**Values** (``value_low`` / ``value_high``, floats; ``math.inf`` for "no upper bound"):

- a point ("800,000", "three million", "1.5 million", "half a million", "a dozen"):
  ``low == high``; approximators (*an estimated, some, about, around, approximately,
  roughly, nearly, almost, close to*) keep the point and set ``modifier = "APPROX"``;
- ranges ("70,000 to 100,000", "70,000-100,000", "between 2 and 3 million"): ``[low, high]``;
  a scale word on the second number only is shared ("2 to 3 million" = 2e6..3e6);
- lower bounds (*more than, over, at least, upwards of, in excess of*): ``[X, inf]``
  (``MORE_THAN`` / ``EQUAL_OR_MORE``);
- upper bounds (*as many as, up to, at most, fewer than, less than, under*): ``[0, X]``
  (``EQUAL_OR_LESS`` / ``LESS_THAN``): "as many as 800,000" is logically a ceiling;
- vague quantities, convention "*N*-s of *unit*" = ``[2 * unit, 10 * unit - 1]``:
  *hundreds* 200..999, *thousands* 2,000..9,999, *tens of thousands* 20,000..99,999,
  *hundreds of thousands* 200,000..999,999, *millions* 2e6..(1e7 - 1), and so on; *dozens*
  24..99 (less is "a dozen", more is "hundreds"), *scores* 40..99; *a few N* = 2N..5N,
  *several N* = 3N..9N, *a couple of N* = 2N (``vague = True``);
- ``value`` is the number as stated: the point, or the bound for bounded claims, or the
  midpoint of a range / vague interval.

**Kinds.** Counts (``unit == ""``), money (``unit`` "USD", "GBP", "EUR"; ``counted``
"dollars", "pounds", "euros": "$3 billion" = 3e9 dollars) and percentages (``unit == "%"``,
``counted == "%"``, value in percent: "5%" = 5.0). Percentages and money are always kept.

**Minimum.** Plain counts below ``min_value`` (default 2) are dropped: "one" alone (the
pronoun / determiner in "one society", "one of them") is never a claim, "two countries"
and "three presidents" are (value 2 and 3). Pass ``min_value=10`` for a table of large
figures only; vague quantities, scaled numbers ("one million"), money and percentages are
kept whatever the minimum.

**Not claims.** Durations and ages ("a seven-year war", "three days", "a 10-year-old",
"aged 12"), years ("2017", "in 2018", "the 1990s", "2017-2018"), dates and times ("Sept. 7",
"September 4th", "7 September", "3:30", "10 a.m."), ordinals ("the second", "4th"),
measures of distance/weight/temperature ("30 km", "5 miles", "40 degrees"), frequencies
("three times"), compound modifiers ("a two-state solution", "a 40-member delegation";
but "a 10,000-strong force" is a claim), identifiers ("Resolution 2254", "Article 5",
"No. 2", "F-16", "MH17", "G20") and sports scores ("2-1": a range must go up).
A bare four-digit number from 1000 to 2100 without a comma is a year unless a qualifier
precedes it ("some 2000 people") or a plural noun follows it and no year preposition ("in",
"since", "by", ...) precedes it ("2000 people fled").

**Counted.** The noun phrase right after the number (after "of", and "of the/its/their"):
modifiers up to and including the first plural-looking head noun ("government troops",
"Syrian refugees"), at most the last two words; adjectives used as nouns are heads
("800,000 displaced", "500 wounded", "5,000 homeless"). When no noun follows ("11 million to
flee their homes", "thousands fled", "3 million of them") ``counted`` is empty and the
following verb phrase goes to ``predicate`` ("to flee their homes", "fled") -- no noun is
guessed. Money and percentages count "dollars" / "%".

**Claimant** -- who claims the figure, found by the attribution engine the quotes use
(`helpers.outlets.attribution`, run once per text through `quotes.analyse_quotes`):

1. a figure inside a quotation takes the speaker `find_quotes` gives that quotation: a cue
   after it (``"Hundreds of thousands of people could be killed," Trump tweeted`` / ``...,
   said Trump``), before it (``Trump said: "..."``), earlier in its sentence, or the
   speaker of the quotation it continues (a quote-only paragraph after "...," he said);
2. otherwise (or when that quotation has no speaker) the reporting cue nearest to the
   figure in its sentence, from `REPORTING_VERBS` and `ESTIMATING_VERBS` ("believe(s)",
   "estimated", "counted", "put" ...): "according to X", "X said / warned / estimated ..."
   ("UN officials believe ..." -> "UN officials"; "Trump on Monday warned" -> "Trump"), or
   the inverted ", said X". The subject is the verb's ``nsubj`` phrase in the cached parse
   when one is given, else the quotes' noun-phrase rules. A pronoun subject ("he said")
   resolves as for quotes (he/she -> the nearest PERSON before it outside quotations,
   they/it -> an ORG) and stays "" when no tagged or guessed PERSON/ORG name precedes it.

The claimant is the speaker's name: with ``persons`` (``(start, end, label)`` spans, e.g.
spaCy PERSON entities) a person span inside it gives the name ("Russian Foreign Minister
Sergei Lavrov said" -> "Sergei Lavrov"); ``label`` is used as the name when it is not an
entity type tag (all upper case: PERSON, ORG ...), so canonical names can be passed, else
the span's text is; a phrase loses a leading "the" ("the monitor" -> "monitor").

Sentences come from ``sentences`` (``(start, end)`` spans), else the parse's, else
:func:`helpers.text.sentences.split_sentences`. Pass a ``ClaimStats`` as ``stats=`` to see the
work done (one number-pattern scan and at most one engine run per text, one cue scan per
sentence holding a figure).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..text.english import (
    ADJECTIVE_GROUP_WORDS,
    COUNT_SKIP_WORDS,
    CURRENCY_WORDS,
    GROUP_SYNONYMS,
    MONTH_ABBREVIATION_PATTERN,
    MONTH_PATTERN,
    NUMBER_WORDS,
    PLURAL_GROUP_NOUNS,
    PLURAL_SCALE_WORDS,
    QUANTITY_QUALIFIERS,
    SCALE_WORDS,
    SEASONS,
    SINGULAR_EXCEPTIONS,
    STOP_WORDS,
)
from ..text.parse import Parse
from ..text.sentences import split_sentences
from .attribution import Attributed, clause_cues, given_names, nearest_cue
from .quotes import QuoteState, analyse_quotes

__all__ = ["Claim", "ClaimStats", "compare_claims", "counted_key", "find_claims"]

INF = math.inf


@dataclass(frozen=True)
class Claim:
    """One numeric claim.

    ``start``/``end`` are offsets of the number expression in the text (``text`` is
    ``text[start:end]``); ``value_low``/``value_high`` the interval it states (``math.inf``
    for no upper bound); ``value`` the number as stated (see the module docstring);
    ``counted`` the short noun phrase of what is counted ("" when no noun follows);
    ``claimant`` who states it in that sentence ("" when nobody is named); ``modifier``
    ``""``, ``APPROX``, ``MORE_THAN``, ``EQUAL_OR_MORE``, ``LESS_THAN`` or ``EQUAL_OR_LESS``;
    ``unit`` ``""`` (a count), ``"%"`` or a currency code; ``vague`` for "thousands" and
    the like; ``predicate`` the verb phrase after a number with no noun; ``sentence`` the
    index of the sentence; ``claimant_start``/``claimant_end`` the claimant's offsets
    (-1 when none).
    """

    start: int
    end: int
    text: str
    value_low: float
    value_high: float
    counted: str
    claimant: str
    value: float = 0.0
    modifier: str = ""
    unit: str = ""
    vague: bool = False
    predicate: str = ""
    sentence: int = -1
    claimant_start: int = -1
    claimant_end: int = -1

    @property
    def key(self) -> str:
        """What the claim counts, normalised for grouping (see :func:`counted_key`)."""
        return counted_key(self.counted)


# --------------------------------------------------------------------------- vocabulary

_UNITS_WORDS: dict[str, int] = {w: v for w, v in NUMBER_WORDS.items() if w.isalpha() and v < 100
                                 and w not in ("a", "an", "single", "dozen")}
"""The cardinal words of `NUMBER_WORDS` a number is spelled with ("zero" ... "ninety"); "a",
"single" and "dozen" are read by the number patterns themselves."""
_W = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
_DIGIT_WORDS = "|".join(w for w, v in _UNITS_WORDS.items() if 1 <= v <= 9)
_WORDNUM = rf"(?:{_W})(?:-(?:{_DIGIT_WORDS}))?"
_DIGITS = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,]\d)"
_SCALE = "(?:" + "|".join(w for w in SCALE_WORDS if len(w) > 2) + ")"
"""The scale words spelled out ("hundred" ... "trillion"), not their abbreviations."""
# a number: digits or number words, each optionally followed by scale words
_NUM = (
    rf"(?:(?:half\s+a|a\s+quarter\s+of\s+a|a\s+third\s+of\s+a)\s+(?:million|billion|dozen|thousand)"
    rf"|(?:{_DIGITS}|\b{_WORDNUM}\b)(?:\s+and\s+a\s+half)?(?:\s*(?:bn|mn)\b|(?:\s+{_SCALE}\b)+"
    rf"(?:\s+and\s+a\s+half)?)?"
    rf"|\ba\s+dozen\b|\b(?:a|an|one)\s+(?:{_SCALE}\b)(?:\s+{_SCALE}\b)*(?:\s+and\s+a\s+half)?)"
)
_VAGUE = (
    r"(?:\b(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)\b"
    r"|\b(?:hundreds|thousands|millions|billions|dozens|scores)\b"
    r"|\b(?:a\s+few|several|a\s+couple\s+of|many)\s+(?:dozen|hundred|thousand|million|billion)"
    r"(?:\s+thousand)?\b)"
)
_QUAL_RE = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUANTITY_QUALIFIERS, key=len, reverse=True))
_CUR = r"(?:US\s?\$|\$|£|€|USD\s?|EUR\s?|GBP\s?)"
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR",
             "eur": "EUR"}
_CURRENCY_NOUN = {"USD": "dollars", "GBP": "pounds", "EUR": "euros"}
_CLAIM_RE = re.compile(
    rf"(?P<qual>\b(?:{_QUAL_RE})\s+)?"
    rf"(?:(?P<between>\bbetween\s+)|(?P<from>\bfrom\s+))?"
    rf"(?P<cur>{_CUR})?"
    rf"(?:(?P<vague>{_VAGUE})|(?P<n1>{_NUM}))"
    rf"(?:(?P<sep>(?(between)\s+and\s+|(?:\s*[-–—]\s*|\s+to\s+)))(?P<cur2>{_CUR})?(?P<n2>{_NUM}))?"
    rf"(?P<pct>\s?%|\s+per\s?cent\b|\s+percentage\s+points?\b)?",
    re.I,
)

_MONTH = rf"(?:{MONTH_PATTERN}|{MONTH_ABBREVIATION_PATTERN})\.?"
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s*$")
_MONTH_AFTER = re.compile(rf"^\s*(?:of\s+)?{_MONTH}(?![a-z])")
_TIME_UNIT = (r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)"
              r"|nights?|fortnights?|yrs?|hrs?|mins?)")
_MEASURE = (r"(?:km|kms|kilometres?|kilometers?|miles?|metres?|meters?|feet|foot|ft|cm|mm|"
            r"kg|kilos?|kilograms?|lbs?|degrees?|mph|km/h|sq|square|inch(?:es)?|yards?|times|fold"
            r"|a\.m\.|p\.m\.|am\b|pm\b|GMT|BST|UTC|o'clock)")
_AFTER_REJECT = re.compile(
    rf"^(?:(?:st|nd|rd|th)\b|[:/]\d|\s*-?\s*{_TIME_UNIT}\b|-year-old|\s*{_MEASURE}(?![a-z])"
    r"|'?s\b|-(?!strong\b)[a-z])", re.I)
_ID_BEFORE = re.compile(
    r"(?:\b(?:Resolution|Article|Chapter|Section|Room|Route|Highway|Flight|Phase|Level|"
    r"Category|Stage|Act|Amendment|No\.|Nos\.|Number|Page|Vol\.|Volume|Building|Gate|"
    r"Terminal|Protocol|Decree|Law|Paragraph|Point|Item|Division|Brigade|Corps|Unit|Platoon|"
    r"Squad|Week|Round|Game|Episode|Season|Part|Grade|Class|Apartment|Block|Lot|Box|Camp|"
    r"Pier|Kilometre|Kilometer|Mile)\s+|\b(?i:aged?|ages|page|resolution|article)\s+|\bNo\s+"
    r"|[A-Za-z]-|[A-Za-z]\s?#|#)$")
_YEAR_PREP = re.compile(
    r"\b(?:in|since|by|until|till|before|after|from|during|of|early|late|mid-?|end|"
    + "|".join(SEASONS) + r"|through|to|and|between|year|the|since)\s*$", re.I)

# ---- counted noun phrase

_TAIL_RE = re.compile(r"[^.;:!?\"“”()\n]{0,60}")

# --------------------------------------------------------------------------- numbers


def _parse_number(s: str) -> tuple[float, bool]:
    """Value of one number expression ("3 million", "seventy-five", "half a million",
    "1.5bn") and whether it has a scale word."""
    s = s.lower().replace(",", "")
    s = re.sub(r"\s+", " ", s).strip()
    m = re.match(r"(half a|a quarter of a|a third of a) (\w+)$", s)
    if m:
        frac = {"half a": 0.5, "a quarter of a": 0.25, "a third of a": 1 / 3}[m.group(1)]
        return frac * (12.0 if m.group(2) == "dozen" else SCALE_WORDS[m.group(2)]), True
    if s == "a dozen":
        return 12.0, False
    s = re.sub(r"(\d)(bn|mn)$", r"\1 \2", s)
    s = s.replace(" and a half", " +half")
    total, current, scaled, last_scale = 0.0, 0.0, False, 0.0
    for word in s.split():
        if word == "+half":
            if current:
                current += 0.5  # "one and a half million"
            else:
                total += 0.5 * last_scale  # "a million and a half"
        elif word in ("a", "an"):
            current = 1.0
        elif re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
        elif word in _UNITS_WORDS:
            current += _UNITS_WORDS[word]
        elif "-" in word:
            tens, _, unit = word.partition("-")
            current += _UNITS_WORDS.get(tens, 0) + _UNITS_WORDS.get(unit, 0)
        elif word == "hundred":
            current = (current or 1.0) * 100
            scaled = True
        elif word in SCALE_WORDS:
            last_scale = SCALE_WORDS[word]
            total += (current or 1.0) * last_scale
            current = 0.0
            scaled = True
    return total + current, scaled


def _parse_vague(s: str) -> tuple[float, float]:
    """Interval of a vague quantity ("hundreds of thousands", "dozens", "a few hundred")."""
    s = re.sub(r"\s+", " ", s.lower()).strip()
    m = re.fullmatch(r"(tens|hundreds) of (\w+)", s)
    if m:
        unit = (10.0 if m.group(1) == "tens" else 100.0) * PLURAL_SCALE_WORDS[m.group(2)]
        return 2 * unit, 10 * unit - 1
    if s in PLURAL_SCALE_WORDS:
        unit = PLURAL_SCALE_WORDS[s]
        return 2 * unit, 10 * unit - 1
    if s == "dozens":
        return 24.0, 99.0
    if s == "scores":
        return 40.0, 99.0
    m = re.fullmatch(r"(a few|several|a couple of|many) (\w+)(?: (thousand))?", s)
    assert m, s
    unit = 12.0 if m.group(2) == "dozen" else SCALE_WORDS[m.group(2)]
    if m.group(3):
        unit *= 1e3
    lo, hi = {"a few": (2, 5), "several": (3, 9), "a couple of": (2, 2), "many": (2, 9)}[m.group(1)]
    return lo * unit, hi * unit


def _is_year_like(s: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", s)) and 1000 <= int(s) <= 2100


# --------------------------------------------------------------------------- counted


def _is_plural(word: str) -> bool:
    w = word.lower().strip(".")
    if w in PLURAL_GROUP_NOUNS:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def _counted_after(text: str, pos: int, limit: int) -> tuple[str, str]:
    """(counted, predicate) from the words right after ``pos`` (up to ``limit``)."""
    seg = text[pos:limit]
    strong = re.match(r"-strong\b", seg)
    m = re.match(r"(?:\s+more)?\s+of\s+(?:the\s+|its\s+|their\s+|these\s+|those\s+|our\s+|his\s+|her\s+)?"
                 r"(?:[A-Za-z]+['’]s\s+)?", seg, re.I)
    offset = strong.end() if strong else m.end() if m else 0
    words: list[str] = []
    i = offset
    while len(words) < 5:
        w = re.match(r"\s*([A-Za-z][A-Za-z'’-]*(?:\.[A-Z])*)", seg[i:]) \
            if (i > 0 or seg[:1].isspace()) else None
        if not w:
            break
        words.append(w.group(1))
        i += w.end()
    if m and words and words[0].lower() in ("them", "whom", "which", "us", "those", "these"):
        return "", ""
    np: list[str] = []
    for k, word in enumerate(words):
        low = word.lower()
        if not np and low in COUNT_SKIP_WORDS:
            continue
        if low in STOP_WORDS:
            break
        participle = low.endswith(("ed", "ing")) and low not in PLURAL_GROUP_NOUNS
        if participle and np and not np[-1].lower() in ("internally", "newly", "forcibly"):
            break
        if participle and not np:
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if low not in ADJECTIVE_GROUP_WORDS and not (nxt and _is_plural(nxt) and nxt.lower() not in STOP_WORDS):
                break
        np.append(word)
        if _is_plural(word) and not (low in ADJECTIVE_GROUP_WORDS and k + 1 < len(words)
                                     and _is_plural(words[k + 1])
                                     and words[k + 1].lower() not in STOP_WORDS):
            break
        if len(np) >= 4:
            break
    if np and not _is_plural(np[-1]) and len(np) > 1:
        # no plural head: keep the first word only ("a 10,000-strong force deployed" -> force)
        np = np[:1]
    if np:
        return " ".join(np[-2:]), ""
    tail = _TAIL_RE.match(seg[offset:].lstrip(), 0)
    pred = tail.group().strip() if tail else ""
    pred = re.split(r",", pred)[0].strip()
    return "", " ".join(pred.split()[:5])


def _singular(word: str) -> str:
    w = word.lower()
    if w in SINGULAR_EXCEPTIONS:
        return SINGULAR_EXCEPTIONS[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def counted_key(counted: str) -> str:
    """Grouping key of a counted phrase: its head word, lower case, singular, mapped to a
    small class of synonyms -- people, persons, civilians, residents, inhabitants,
    individuals and the displaced are all ``people``; soldiers and troops ``troop``;
    militants, rebels, jihadists, insurgents and fighters ``fighter``; dead, killed,
    fatalities and casualties ``death``; refugees stay ``refugee``. "" for an empty phrase.
    """
    words = counted.split()
    if not words:
        return ""
    head = _singular(words[-1].strip(".,"))
    return GROUP_SYNONYMS.get(head, head)


# --------------------------------------------------------------------------- claimant


@dataclass(frozen=True, slots=True)
class _Claimant:
    """Who states a figure: the name shown and its offsets."""

    name: str
    start: int
    end: int


@dataclass
class ClaimStats:
    """Work counters filled in by ``find_claims(..., stats=ClaimStats())``: cost as work done."""

    texts: int = 0
    matches: int = 0
    """Matches of the number pattern looked at (one regex scan of each text)."""
    claims: int = 0
    engine_runs: int = 0
    """Runs of the attribution engine (`quotes.analyse_quotes`): at most one per text."""
    sentences_scanned: int = 0
    """Sentences (within a paragraph) whose cues were read: at most one per sentence holding a claim."""


class _Claimants:
    """Who claims each figure of one text: the speakers of its quotations, else the cues of the
    figure's sentence (read once per sentence), named from ``persons`` when they cover them."""

    def __init__(self, st: QuoteState, persons: Sequence[tuple[int, int, str]] | None, stats: ClaimStats) -> None:
        self.st = st
        self.people = sorted(persons or [])
        self.stats = stats
        self.cues: dict[tuple[int, int], list[Attributed]] = {}

    def name(self, s: int, e: int) -> _Claimant | None:
        """The claimant a speaker span names: the last PERSON (else the last) ``persons`` span
        over it (its label when that is a name, else its text), else the phrase without a
        leading "the" (None when it has no letter: "><")."""
        text = self.st.text
        hits = [p for p in self.people if p[0] < e and p[1] > s]
        if hits:
            persons = [p for p in hits if given_names([p])[0].label == "PERSON"]
            ps, pe, label = (persons or hits)[-1]
            return _Claimant(label if label and not label.isupper() else text[ps:pe], ps, pe)
        phrase = re.sub(r"^(?:the|The)\s+", "", " ".join(text[s:e].split()))
        return _Claimant(phrase, s, e) if re.search(r"[^\W\d_]", phrase) else None

    def of(self, start: int, end: int, lo: int, hi: int) -> _Claimant | None:
        """The claimant of the figure text[start:end] in its sentence text[lo:hi]: the speaker
        of the quotation holding it, else the nearest cue in its sentence and paragraph."""
        q = next((q for q in self.st.quotes if q.start < start and end < q.end), None)
        if q is not None and q.speaker_start >= 0:
            return self.name(q.speaker_start, q.speaker_end)
        eng = self.st.eng
        para = eng.paragraph_of(start)
        if para >= 0:
            lo, hi = max(lo, eng.paras[para][0]), min(hi, eng.paras[para][1])
        if (lo, hi) not in self.cues:
            self.stats.sentences_scanned += 1
            self.cues[(lo, hi)] = clause_cues(eng, lo, hi)
        found = nearest_cue(eng, self.cues[(lo, hi)], start, end)
        return self.name(found.start, found.end) if found else None


# --------------------------------------------------------------------------- main


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one number expression states, before what it counts and who claims it."""

    start: int
    end: int
    low: float
    high: float
    value: float
    modifier: str
    unit: str
    vague: bool


@dataclass(frozen=True, slots=True)
class _Counted:
    """What a figure counts: the noun phrase (or "" and the verb phrase after it) and its unit."""

    counted: str
    predicate: str
    unit: str


def find_claims(text: str, *, sentences: Sequence[tuple[int, int]] | None = None,
                persons: Sequence[tuple[int, int, str]] | None = None, min_value: float = 2.0,
                parse: Parse | None = None, stats: ClaimStats | None = None) -> list[Claim]:
    """Numeric claims of ``text``, in text order (see the module docstring for the rules).

    ``sentences``: ``(start, end)`` spans (default: the parse's, else
    :func:`helpers.text.sentences.split_sentences`); ``persons``: ``(start, end, label)``
    name spans used to name claimants; ``parse``: the text's cached spaCy parse (subjects of
    cue verbs); ``min_value``: plain unscaled counts whose upper value is below it are dropped
    (default 2, so "one" never counts and "two countries" does); ``stats``: work counters.
    """
    if sentences is not None:
        sents = sorted(sentences)
    else:
        sents = sorted(parse.sents) if parse is not None and parse.sents else split_sentences(text)
    sent_starts = [s for s, _ in sents]
    stats = stats if stats is not None else ClaimStats()
    stats.texts += 1
    claimants: _Claimants | None = None  # the engine runs once, when the text has a claim
    claims: list[Claim] = []
    for m in _CLAIM_RE.finditer(text):
        stats.matches += 1
        r = _make(text, m)
        if r is None:
            continue
        k = bisect.bisect_right(sent_starts, r.start) - 1
        s_lo, s_hi = sents[k] if k >= 0 and r.start < sents[k][1] else (0, len(text))
        what = _what(text, m, r, s_hi, min_value)
        if what is None:
            continue
        if claimants is None:
            stats.engine_runs += 1
            # claims name no one the tagger did not: without `persons` the engine guesses no names
            engine = analyse_quotes(text, persons=persons if persons is not None else [], sentences=sents, parse=parse)
            claimants = _Claimants(engine, persons, stats)
        who = claimants.of(r.start, r.end, s_lo, s_hi) or _Claimant("", -1, -1)
        claims.append(Claim(start=r.start, end=r.end, text=text[r.start:r.end], value_low=r.low,
                            value_high=r.high, counted=what.counted, claimant=who.name, value=r.value,
                            modifier=r.modifier, unit=what.unit, vague=r.vague, predicate=what.predicate,
                            sentence=k, claimant_start=who.start, claimant_end=who.end))
    stats.claims += len(claims)
    return claims


def _what(text: str, m: re.Match[str], r: _Reading, s_hi: int, min_value: float) -> _Counted | None:
    """What the figure counts, or None when it is too small or a year rather than a count."""
    unit, predicate = r.unit, ""
    counted = _CURRENCY_NOUN.get(unit, "")
    if unit == "%":
        counted = "%"
    elif not unit:
        counted, predicate = _counted_after(text, r.end, max(s_hi, r.end))
        word = counted.lower()
        if word in CURRENCY_WORDS:
            unit, counted = CURRENCY_WORDS[word], _CURRENCY_NOUN[CURRENCY_WORDS[word]]
        elif re.match(r"\s+(?:US\s+)?dollars?\b", text[r.end:], re.I):
            unit, counted = "USD", "dollars"
    if not unit and not r.vague and not _scaled(m) and r.high < min_value:
        return None
    if _is_year_like(text[r.start:r.end].strip()) and not m.group("qual") and (
            not counted or not _is_plural(counted.split()[-1])
            or _YEAR_PREP.search(text[max(0, r.start - 20):r.start])):
        return None
    return _Counted(counted, predicate, unit)


def _scaled(m: re.Match[str]) -> bool:
    return bool(re.search(r"hundred|thousand|million|billion|trillion|bn|mn|dozen",
                          m.group(), re.I))


def _rejected(text: str, m: re.Match[str]) -> bool:
    """True for a match that is no claim: "one" alone, a date, a duration, an identifier, a
    number glued to a word or a time, a zero-padded code."""
    start, end = m.start(), m.end()
    before = text[max(0, start - 40):start]
    after = text[end:end + 30]
    n1 = m.group("n1") or ""
    return bool(
        (n1 and n1.lower() in ("one", "zero"))
        or _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after)
        or (not m.group("pct") and _AFTER_REJECT.match(after))
        or (not m.group("qual") and not m.group("cur") and _ID_BEFORE.search(before))
        # glued to a word ("MH17", "G20"), a time ("3:30") or a date ("2018-09-07")
        or (re.search(r"[A-Za-z0-9]$|\d[:./-]$", before) and not m.group("qual"))
        or re.match(r"0\d", n1))  # "07": part of a date or a code


def _bounds(m: re.Match[str], after: str) -> tuple[float, float] | None:
    """The (low, high) a number, a range or a vague quantity states, or None for a non-claim."""
    vague = m.group("vague")
    if vague:
        if vague.lower() in ("hundreds", "thousands", "millions", "billions", "dozens", "scores") \
                and re.match(r"\s+of\s+(?:years|miles)", after):
            return None
        return _parse_vague(vague)
    n1 = m.group("n1")
    if re.fullmatch(r"\d+(?:\.\d+)?\s*(?:m|k)", n1, re.I):
        return None
    low, scaled1 = _parse_number(n1)
    n2 = m.group("n2")
    if not n2:
        return low, low
    if n2.lower() in ("one", "zero"):
        return None
    high, scaled2 = _parse_number(n2)
    if scaled2 and not scaled1 and low < high:  # "2 to 3 million": the scale word is shared
        scale_word = re.search(r"(hundred|thousand|million|billion|trillion|bn|mn)\s*$", n2, re.I)
        if scale_word and low * SCALE_WORDS[scale_word.group(1).lower()] <= high:
            low = low * SCALE_WORDS[scale_word.group(1).lower()]
    if (_is_year_like(n1) and _is_year_like(n2.strip())) or high <= low:
        return None  # two years, a score ("2-1") or not a range
    return low, high


def _make(text: str, m: re.Match[str]) -> _Reading | None:
    """Validate one regex match and compute its interval, or None for a non-claim."""
    if _rejected(text, m):
        return None
    start, end = m.start(), m.end()
    bounds = _bounds(m, text[end:end + 30])
    if bounds is None:
        return None
    low, high = bounds
    cur = m.group("cur") or m.group("cur2")
    unit = "%" if m.group("pct") else _CURRENCY.get(re.sub(r"\s", "", cur).lower(), "USD") if cur else ""
    vague = bool(m.group("vague"))
    if (m.group("between") or m.group("from")) and not m.group("n2"):
        # "between" / "from" without a second number is not part of the claim
        start = m.start("cur") if m.group("cur") else m.start("n1") if m.group("n1") else m.start("vague")
        if m.group("qual"):
            return None
    value = (low + high) / 2
    modifier = ""
    qual = m.group("qual")
    if qual and not m.group("n2"):
        modifier = QUANTITY_QUALIFIERS[re.sub(r"\s+", " ", qual.strip().lower())]
        if modifier in ("MORE_THAN", "EQUAL_OR_MORE"):
            value, high = low, INF
        elif modifier != "APPROX":
            value, low = high, 0.0
    elif qual:
        modifier = QUANTITY_QUALIFIERS[re.sub(r"\s+", " ", qual.strip().lower())]
        if modifier != "APPROX":
            modifier = ""
            start = m.start("between") if m.group("between") else (
                m.start("from") if m.group("from") else m.start("cur") if m.group("cur") else m.start("n1"))
    if not vague and not m.group("n2"):
        value = low if modifier not in ("EQUAL_OR_LESS", "LESS_THAN") else high
    while end > start and text[end - 1].isspace():  # strip trailing spaces of the span
        end -= 1
    return _Reading(start, end, float(low), float(high), float(value), modifier, unit, vague)


# --------------------------------------------------------------------------- comparison


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def compare_claims(claims_by_doc: Mapping[str, Iterable[Claim]], *, tolerance: float = 0.05,
                   ignore: Iterable[str] = ("%", "")) -> list[dict[str, Any]]:
    """Group claims of several documents by what they count and flag disagreements.

    Claims are grouped by :func:`counted_key` (head noun, lower case, singular, a few
    synonyms merged: "3 million civilians" and "approximately 3 million people" are both
    ``people``; "800,000 displaced" too). Keys in ``ignore`` are skipped (by default
    percentages, which are about unrelated things, and claims with no counted noun). Each
    interval is widened by ``tolerance`` (relative, default 5%) before comparing, so
    rounded figures ("about 3 million" vs "3.1 million") agree.

    Returns one dict per group, sorted by key: ``key``; ``n_claims``; ``n_docs``; ``docs``
    (sorted ids); ``low`` / ``high`` (the smallest low and largest high); ``consistent``
    (True when all intervals overlap, i.e. one value fits every claim -- always True for a
    single claim); ``clusters`` (lists of claim indices into ``claims`` whose intervals
    chain-overlap, largest first: the competing figures); ``claims`` (dicts with doc,
    text, counted, value_low, value_high, claimant, start, end).
    """
    skip = set(ignore)
    groups: dict[str, list[tuple[str, Claim]]] = defaultdict(list)
    for doc in sorted(claims_by_doc):
        for c in claims_by_doc[doc]:
            key = counted_key(c.counted)
            if key in skip:
                continue
            groups[key].append((doc, c))
    rows: list[dict[str, Any]] = []
    for key in sorted(groups):
        items = groups[key]
        spans = [(c.value_low * (1 - tolerance), c.value_high * (1 + tolerance)) for _, c in items]
        consistent = max(s[0] for s in spans) <= min(s[1] for s in spans)
        order = sorted(range(len(items)), key=lambda i: (spans[i][0], spans[i][1]))
        clusters: list[list[int]] = []
        reach = -INF
        for i in order:
            if clusters and spans[i][0] <= reach:
                clusters[-1].append(i)
                reach = max(reach, spans[i][1])
            else:
                clusters.append([i])
                reach = spans[i][1]
        clusters = [sorted(c) for c in sorted(clusters, key=lambda c: (-len(c), min(c)))]
        rows.append({
            "key": key,
            "n_claims": len(items),
            "n_docs": len({d for d, _ in items}),
            "docs": sorted({d for d, _ in items}),
            "low": min(c.value_low for _, c in items),
            "high": max(c.value_high for _, c in items),
            "consistent": consistent,
            "clusters": clusters,
            "claims": [{"doc": d, "text": c.text, "counted": c.counted, "value_low": c.value_low,
                        "value_high": c.value_high, "claimant": c.claimant, "start": c.start,
                        "end": c.end} for d, c in items],
        })
    return rows
