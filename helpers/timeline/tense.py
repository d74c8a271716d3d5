"""The tense that places a year-less date, a weekday or a season before or after the DCT.

Two sources, one answer ('past', 'future' or '' for none):

1. **The parse** (`clause_tense`), whenever the caller has one (the workbook always does:
   the annotation cache). The expression's head is found in the dependency tree, then the
   verb that governs it ("Trump *warned* on Monday", "the summit *will take place* Friday",
   "expected to *meet* at the Sept. 7 summit"), and that verb's clause is judged by an
   ordered list of named rules over its Penn tags and auxiliaries (`CLAUSE_RULES`): modal
   auxiliaries, to-infinitives after verbs of intention, the simple past, present
   intentions, the present perfect, the present, participles and non-finite verbs.
2. **Cue words** (`sentence_tense`), for text without a parse, or an expression the parse
   gives no verb for (a headline, a dateline): the nearest future or past cue in the
   sentence decides (cue words from `helpers.text.english`).

Measured on TempEval-3 (bench/TIMEX.md), both over the parse's sentences: reading the
tense from the parse instead of cue words raises value F1 on the development files from
0.806 to 0.811 and leaves the held-out files unchanged (0.758). Falling back to cue words
where the parse finds a present tense, or no tense, was measured and is worse, so a
present tense stays '' (no tense).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..text.english import (
    FUTURE_MODAL_FORMS,
    FUTURE_MODALS,
    INTENTION_LEMMAS,
    NOT_PAST_ED_WORDS,
    PAST_CUE_WORDS,
    SCHEDULE_LEMMAS,
    TENSE_REPORTING_CUES,
    UNCERTAIN_MODALS,
)
from ..text.parse import PAST_TAGS, PRESENT_TAGS, VERB_TAGS, Parse

__all__ = ["CLAUSE_RULES", "TenseJudge", "clause_tense", "sentence_tense"]

PAST, FUTURE, NO_TENSE = "past", "future", ""

# --------------------------------------------------------------------------- cue words

_FUTURE_CUES = re.compile(
    r"\b(?:" + "|".join(FUTURE_MODAL_FORMS) + r"|next(?!\s+to\b)|upcoming|coming|scheduled|set\s+to|"
    r"as\s+(?:soon|early)\s+as|planned\s+to|"
    r"(?:is|are|was|were|'s|'re)\s+(?:expected|due|going|slated|poised|likely)\s+to|"
    r"plans?\s+to|planning\s+to|intends?\s+to|hopes?\s+to|to\s+be\s+held|to\s+meet|"
    r"until|by\s+the\s+end)\b", re.I)
_PAST_CUES = re.compile(rf"\b(?:{'|'.join(PAST_CUE_WORDS)}|[a-z]{{3,}}(?<!e)ed|[a-z]{{2,}}ied)\b", re.I)
_REPORTING = re.compile(rf"\b(?:{'|'.join(TENSE_REPORTING_CUES)})\b", re.I)


@dataclass(frozen=True, slots=True)
class _Cue:
    """A tense cue word found in a sentence."""

    start: int
    end: int
    tense: str


def _cues(sentence: str) -> list[_Cue]:
    """Future cues, then past cues (not after *be/been/being*), in the order found."""
    cues = [_Cue(m.start(), m.end(), FUTURE) for m in _FUTURE_CUES.finditer(sentence)]
    for m in _PAST_CUES.finditer(sentence):
        if m.group().lower() in NOT_PAST_ED_WORDS:
            continue
        if re.search(r"(?i)\b(?:be|been|being)\s+$", sentence[max(0, m.start() - 8):m.start()]):
            continue  # passive "will be held": the auxiliary carries the tense
        cues.append(_Cue(m.start(), m.end(), PAST))
    return cues


def _cue_distance(sentence: str, cue: _Cue, start: int, end: int) -> float:
    """Words between cue and expression, plus the penalties of `sentence_tense`."""
    between = sentence[cue.end:start] if cue.end <= start else sentence[end:cue.start]
    dist = float(len(re.findall(r"\w+", between)))
    dist += len(re.findall(r"[,;]", between)) + 2 * len(re.findall(r"\bthat\b", between))
    if _REPORTING.fullmatch(sentence[cue.start:cue.end]):
        dist += 2
    if cue.tense == FUTURE and re.fullmatch(r"(?i)would", sentence[cue.start:cue.end]):
        dist += 2  # reported speech: weaker than "will"
    if cue.start >= end:
        dist += 0.5  # a cue before the expression wins a tie
    return dist


def sentence_tense(sentence: str, start: int, end: int) -> str:
    """'future', 'past' or '' for an expression at ``sentence[start:end]``, from cue words.

    The nearest cue wins (future and past cue lists in the module docstring). Distance is
    the number of words between cue and expression; reporting verbs count two more,
    and each comma, semicolon or "that" in between one more ("that" two). Cues inside the
    expression itself ("next Friday") are handled by the expression's own rule, not here.
    """
    best: tuple[float, str] = (1e9, NO_TENSE)
    for cue in _cues(sentence):
        if cue.start < end and cue.end > start:
            continue
        dist = _cue_distance(sentence, cue, start, end)
        if dist < best[0]:
            best = (dist, cue.tense)
    return best[1]


# --------------------------------------------------------------------------- the parse

_AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
_COPULA_DEPS = frozenset({"acomp", "attr", "amod", "advmod"})
_MAX_CLIMB = 6


@dataclass(frozen=True, slots=True)
class Clause:
    """A verb as parsed, with its auxiliaries: what the clause rules read."""

    parse: Parse
    verb: int

    @property
    def tag(self) -> str:
        """Penn tag of the verb."""
        return self.parse.tag(self.verb)

    @property
    def lemma(self) -> str:
        """Lower-case lemma of the verb."""
        return self.parse.lemma(self.verb).lower()

    @property
    def auxiliaries(self) -> list[int]:
        """The verb's auxiliaries ("will", "has", "was", "to"), in text order."""
        return [c for c in self.parse.children(self.verb) if self.parse.dep(c) in _AUXILIARY_DEPS]

    @property
    def aux_lemmas(self) -> set[str]:
        """Lower-case lemmas of the auxiliaries."""
        return {self.parse.lemma(a).lower() for a in self.auxiliaries}

    @property
    def aux_tags(self) -> set[str]:
        """Penn tags of the auxiliaries."""
        return {self.parse.tag(a) for a in self.auxiliaries}

    @property
    def head(self) -> int:
        """The token the verb depends on (the verb itself for a root)."""
        return self.parse.head(self.verb)

    def up(self) -> Clause | None:
        """The clause of the verb this one depends on, if that is a verb."""
        head = self.head
        if head == self.verb or self.parse.tag(head) not in VERB_TAGS:
            return None
        return Clause(self.parse, head)


ClauseRule = Callable[[Clause, int], "str | None"]
"""A clause rule: the tense of a clause ('past', 'future', ''), or None to pass it on."""


def modal_auxiliary(c: Clause, depth: int) -> str | None:
    """will/shall/would → future; a modal perfect ("may have met") → past; could → none;
    may, might, must, should, can → future."""
    modals = [c.parse.lemma(a).lower() for a in c.auxiliaries if c.parse.tag(a) == "MD"]
    if c.tag == "MD":
        modals.append(c.lemma)
    if not modals:
        return None
    if modals[0] in FUTURE_MODALS:
        return FUTURE
    if "have" in c.aux_lemmas:
        return PAST
    return NO_TENSE if modals[0] in UNCERTAIN_MODALS else FUTURE


def _clause_verb(parse: Parse, i: int) -> int:
    """The verb a predicative word belongs to ("due" in "had been due" → "been")."""
    while parse.tag(i) not in VERB_TAGS and parse.dep(i) in _COPULA_DEPS and parse.head(i) != i:
        i = parse.head(i)
    return i


def _is_pluperfect(parse: Parse, i: int) -> bool:
    """The clause of token `i` is in the past perfect ("had been due to ...")."""
    verb = _clause_verb(parse, i)
    return any(parse.lemma(a).lower() == "have" and parse.tag(a) in PAST_TAGS
               for a in Clause(parse, verb).auxiliaries)


def infinitive_complement(c: Clause, depth: int) -> str | None:
    """A to-infinitive: future after a word of intention ("expected to meet", "is to
    resume", "is going to"), past if that word is in the past perfect; otherwise the
    tense of the clause it completes."""
    if "to" not in c.aux_lemmas or c.aux_tags & (PAST_TAGS | PRESENT_TAGS):
        return None
    head = c.head
    if head == c.verb:
        return NO_TENSE
    word, tag = c.parse.lemma(head).lower(), c.parse.tag(head)
    if word in INTENTION_LEMMAS or word == "be" or (word == "go" and tag == "VBG"):
        return PAST if _is_pluperfect(c.parse, head) else FUTURE
    up = c.up()
    return verb_tense(up, depth + 1) if up is not None else NO_TENSE


def simple_past(c: Clause, depth: int) -> str | None:
    """The verb or an auxiliary in the simple past (VBD: "warned", "was held", "had met")."""
    return PAST if c.tag in PAST_TAGS or c.aux_tags & PAST_TAGS else None


def present_intention(c: Clause, depth: int) -> str | None:
    """A present or present-perfect intention or schedule ("plans", "is expected",
    "has scheduled", "is going")."""
    if not (c.tag in PRESENT_TAGS or c.aux_tags & PRESENT_TAGS):
        return None
    if c.lemma in INTENTION_LEMMAS or c.lemma in SCHEDULE_LEMMAS:
        return FUTURE
    return FUTURE if c.tag == "VBG" and c.lemma == "go" else None


def present_perfect(c: Clause, depth: int) -> str | None:
    """has/have + participle: done by now ("has met") → past."""
    if c.tag == "VBN" and "have" in c.aux_lemmas and c.aux_tags & PRESENT_TAGS:
        return PAST
    return None


def present(c: Clause, depth: int) -> str | None:
    """The simple or progressive present ("says", "is meeting"): no tense."""
    return NO_TENSE if c.tag in PRESENT_TAGS or c.aux_tags & PRESENT_TAGS else None


def bare_participle(c: Clause, depth: int) -> str | None:
    """A participle without auxiliary: ahead after "scheduled"/"planned"/"due", the tense
    of the verb it is coordinated with, else past ("the record set on Aug. 6")."""
    if c.tag != "VBN":
        return None
    if c.lemma in SCHEDULE_LEMMAS:
        return FUTURE
    up = c.up()
    if c.parse.dep(c.verb) == "conj" and up is not None:
        return verb_tense(up, depth + 1)
    return PAST


def non_finite(c: Clause, depth: int) -> str | None:
    """A base form or gerund without auxiliary ("and discuss", "saying"): the tense of the
    verb it depends on, else none."""
    if c.tag not in ("VB", "VBG"):
        return None
    up = c.up()
    return verb_tense(up, depth + 1) if up is not None else NO_TENSE


CLAUSE_RULES: list[ClauseRule] = [
    modal_auxiliary,
    infinitive_complement,
    simple_past,
    present_intention,
    present_perfect,
    present,
    bare_participle,
    non_finite,
]
"""The clause rules, in order: the first that answers decides."""


def verb_tense(clause: Clause, depth: int = 0) -> str:
    """The tense of a clause by the first clause rule that answers ('' if none does)."""
    if depth > _MAX_CLIMB:
        return NO_TENSE
    for rule in CLAUSE_RULES:
        answer = rule(clause, depth)
        if answer is not None:
            return answer
    return NO_TENSE


def _expression_head(parse: Parse, tokens: range) -> int:
    """The expression's first token whose head lies outside it (or that is a root)."""
    for i in tokens:
        head = parse.head(i)
        if head not in tokens or head == i:
            return i
    return tokens[0]


def governing_verb(parse: Parse, start: int, end: int) -> int:
    """The nearest verb above the expression at [start, end) in the tree, or -1."""
    tokens = parse.token_range(start, end)
    if not tokens:
        return -1
    head = _expression_head(parse, tokens)
    for i in [head, *parse.ancestors(head)]:
        if i not in tokens and parse.tag(i) in VERB_TAGS:
            return i
    return -1


def clause_tense(parse: Parse, start: int, end: int) -> str | None:
    """'past', 'future' or '' for the clause that governs the expression at [start, end),
    from the parse; None when the parse has no verb above it (or no tokens)."""
    if not len(parse):
        return None
    verb = governing_verb(parse, start, end)
    if verb < 0:
        return None
    return verb_tense(Clause(parse, verb))


# --------------------------------------------------------------------------- one judge


@dataclass(frozen=True)
class TenseJudge:
    """The tense of expressions of one text: from its parse when there is one, else (or
    where the parse finds no governing verb) from cue words in the expression's sentence."""

    text: str
    sentences: Sequence[tuple[int, int]]
    parse: Parse | None = None

    @cached_property
    def _starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def tense(self, start: int, end: int) -> str:
        """'past', 'future' or '' for the expression at ``text[start:end]``."""
        if self.parse is not None:
            answer = clause_tense(self.parse, start, end)
            if answer is not None:
                return answer
        return self.cue_tense(start, end)

    def cue_tense(self, start: int, end: int) -> str:
        """The cue-word tense of the expression within its sentence (the whole text when
        it starts before the first sentence; a sentence is extended to the expression's end)."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            s, e = 0, len(self.text)
        else:
            s, e = self.sentences[i]
            e = max(e, end)
        return sentence_tense(self.text[s:e], start - s, end - s)
