"""The attribution engine: who says a quote or a figure, and through which reporting cue.

One engine serves both direct quotes (`helpers.outlets.quotes`) and numeric claims
(`helpers.outlets.claims`). For one text it holds the quoted spans, sentences, paragraphs and
the names the speakers can be (`Attributor`); its functions find, for a span:

* the **cue**: a reporting verb from `helpers.text.english.REPORTING_VERBS` in its inflected
  forms and `ANSWER_VERBS` ("answers", "answered"), plus "according to" / "According to",
  "went on", "pointed out", "put it" (`QUOTE_CUES`). Claims use
  `CLAIM_CUES`: those without `QUOTE_ONLY_VERBS` ("continued", "shot", "asked": speech only
  next to a quotation), with `ESTIMATING_VERBS` ("estimated", "counted", "believes" ...). A cue word used as a noun right after a determiner or a
  possessive ("a Twitter post", "his remarks", "the report") is skipped;
* the **subject** next to the cue (`subject_before`, `subject_after`, `lead_subject`): a
  pronoun, a (titled) name, or a short common noun phrase ("the campaign", "a spokesman for
  the RNC"); an appositive is skipped ("Zarif, Iran's foreign minister, said" -> Zarif; a
  name inside the appositive wins over a non-name head), and so are auxiliaries, adverbs and a
  time phrase right after a name ("Trump on Monday warned" -> Trump);
* the **speaker** of a quote: the first PERSON name inside the subject, else the subject;
* **pronouns**: *he/she* resolve to the nearest preceding PERSON outside any quotation that
  is not known to be of the other gender (`name_gender`: a gendered title before or in the
  name, `MALE_TITLES` / `FEMALE_TITLES`, or a first name of the modest `MALE_FIRST_NAMES` /
  `FEMALE_FIRST_NAMES` lists; a bare surname takes the gender of its fuller mentions when they
  agree); a name of no known gender stays a candidate; *they/it* to the nearest preceding ORG
  within about three sentences, never a person; *I/we/you* stay unattributed.
* **what is no subject**: a phrase opening with a preposition ("In opening remarks", but
  "After Donald Trump announced" gives Donald Trump), a name that is the object of a
  preposition closing a long clause ("at the start of his visit to Damascus"; a title keeps
  it: "Ambassador to the United Nations Nikki Haley"), a phrase with no letter or digit or
  with markup in it.

For a figure outside quotation marks (`attribute_clause` = `clause_cues` + `nearest_cue`) the
cue nearest to it in its sentence wins; its subject comes from the cached spaCy parse when
one is given (`parse_subject`: the cue verb's ``nsubj`` noun phrase without appositives and
relative clauses, shared along a conjunction or by a participle; the object of "according
to"), and a cue that does not govern the figure in the parse (`governs`: "since he
announced", "in which organizers claimed") is skipped. Without a parse the noun-phrase rules
above apply, stricter: no cue, passive, number or broken clause in the subject.

Names come from ``persons`` (tagger spans ``(start, end, label)``, labels PERSON/PER and
ORG/NORP/ORGANIZATION) when given. Without them, capitalised-word runs are guessed: a run is
a PERSON when titled (`SPEAKER_TITLES`: Mr., Sen., President ...), when it has two or more
name-like words without an organisation word, or when a single word repeats the last word of
an earlier person ("Trump" after "Donald Trump"); ORG when it holds an organisation word
(Campaign, Committee, Party, News, ...) or is an acronym; else MISC (a MISC name that is the
subject of a cue may then stand for a person, and a pronoun with no person before it takes
the nearest MISC name).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence, Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from ..text.english import (
    DOCUMENT_NOUNS,
    SOURCE_ADJECTIVES,
    ANSWER_VERBS,
    BARE_SOURCES,
    ESTIMATING_VERBS,
    FEMALE_FIRST_NAMES,
    FEMALE_TITLES,
    MALE_FIRST_NAMES,
    MALE_TITLES,
    NAME_CONNECT_WORDS,
    NOT_NAME_WORDS,
    OBJECT_PRONOUNS,
    ORG_NAME_WORDS,
    PERSONAL_PRONOUNS,
    PREPOSITIONS,
    QUOTE_ONLY_VERBS,
    RELATIVE_DAYS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    SPEAKER_TITLES,
    TITLE_WORDS,
    WEEKDAY_NAMES,
    WRITTEN_ABBREVIATIONS,
)
from ..text.parse import VERB_TAGS, Parse
from ..text.sentences import split_sentences
from .marks import QuotedSpan, paragraphs, ws_trim

__all__ = ["Attributed", "Attribution", "Attributor", "CLAIM_CUES", "Cue", "Name", "QUOTE_CUES", "Subject",
           "attribute_after", "attribute_before", "attribute_clause", "clause_cues", "cue_pattern", "find_cues",
           "governs", "guess_names", "lead_subject", "nearest_cue", "parse_subject", "subject_after",
           "subject_before"]


# ---------------------------------------------------------------- records
@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting cue as written: ``text[start:end] == word`` (":" for a colon introduction)."""

    start: int
    end: int
    word: str

    @property
    def according(self) -> bool:
        """True for "according to" (its subject follows it)."""
        return self.word.lower().startswith("according")


@dataclass(frozen=True, slots=True)
class Subject:
    """The noun phrase next to a cue; ``pronoun`` is the lower-case pronoun when it is one."""

    start: int
    end: int
    pronoun: str = ""


@dataclass(frozen=True, slots=True)
class Attribution:
    """How a span was attributed: the rule (``method``), the cue and the subject next to it."""

    method: str
    cue: Cue
    subject: Subject


@dataclass(frozen=True, slots=True)
class Attributed:
    """An attribution and the speaker span its subject resolves to."""

    attribution: Attribution
    start: int
    end: int


@dataclass(frozen=True, order=True, slots=True)
class Name:
    """A name the speaker can be: ``label`` PERSON, ORG, MISC (guessed) or the tagger's label."""

    start: int
    end: int
    label: str


# ---------------------------------------------------------------- cue words
_CUE_PHRASES: tuple[str, ...] = (r"according\s+to", r"went\s+on", r"pointed\s+out", r"put\s+it")
"""Cue phrases of more than one word (regex), tried before the single verbs."""


@lru_cache(maxsize=8)
def cue_pattern(words: frozenset[str], phrases: tuple[str, ...] = _CUE_PHRASES) -> re.Pattern[str]:
    """The cue regex over the fixed cue ``phrases`` and ``words`` (inflected verb forms)."""
    alternatives = (*phrases, *sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(r"\b(" + "|".join(alternatives) + r")\b")


QUOTE_VERBS: frozenset[str] = REPORTING_VERBS | ANSWER_VERBS
"""The reporting verbs of quote cues: `REPORTING_VERBS` and `ANSWER_VERBS` ("...," he answers)."""
QUOTE_CUES = cue_pattern(QUOTE_VERBS, (r"[Aa]ccording\s+to", *_CUE_PHRASES[1:]))
"""The cues of direct quotes, "According to" capitalised too ("According to Trump, “...”").
"read" (the sign read "...") and "states" only lower-case; "charges" etc. are ambiguous but
only fire next to a quotation."""
CLAIM_CUES = cue_pattern((QUOTE_VERBS - QUOTE_ONLY_VERBS) | ESTIMATING_VERBS,
                         (r"[Aa]ccording\s+to", *_CUE_PHRASES[1:]))
"""The cues of numeric claims: the quotes' cues but `QUOTE_ONLY_VERBS` ("continued", "shot",
"asked"), plus `ESTIMATING_VERBS` ("estimated", "counted") and a sentence-initial "According
to" ("According to the report, the meeting set three ...")."""

_NOUN_BEFORE = re.compile(r"(?:\b(?:a|an|the|his|her|their|its|my|our|your|Twitter|Facebook|Instagram)|"
                          r"(?<!\bhe)(?<!\bshe)(?<!\bit)(?:’s|'s))\s+$", re.I)


def find_cues(text: str, lo: int, hi: int, pattern: re.Pattern[str] = QUOTE_CUES) -> Iterator[Cue]:
    """Cues in text[lo:hi], skipping nouns ("a Twitter post", "his remarks")."""
    for m in pattern.finditer(text, lo, hi):
        if _NOUN_BEFORE.search(text[max(0, m.start() - 20):m.start()]) and not m.group(1).lower().startswith("according"):
            continue
        yield Cue(m.start(), m.end(), m.group(1))


# ---------------------------------------------------------------- name words
_TITLES = SPEAKER_TITLES
_TITLE_SET = set(_TITLES)
_TITLES_RE = r"(?:(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+)*"
_NAME_TOKEN = r"(?:[A-Z][a-z]*\.|[A-Z](?:[a-zA-Z]|['’\-][A-Za-z])+\.?|[A-Z]{2,}|Mc[A-Z][a-z]+)"
_NAME_CONNECT = "(?:" + "|".join(NAME_CONNECT_WORDS) + ")"
_NAME_RUN = re.compile(
    r"(?<![\w’'])" + _NAME_TOKEN + r"(?:[ \t]+(?:" + _NAME_CONNECT + r"[ \t]+)?" + _NAME_TOKEN + r"|-" + _NAME_TOKEN + r")*"
    + r"(?:,?\s+Jr\.|,?\s+Sr\.|\s+I{2,3}\b)?"
)
_ABBREV_DOT = re.compile(r"\b(?:" + "|".join(sorted(WRITTEN_ABBREVIATIONS, key=lambda a: (-len(a), a))) + r"|[A-Z])\.")


# ---------------------------------------------------------------- guessed names
def _name_segments(text: str) -> list[tuple[int, int]]:
    """Capitalised-word runs, cut after a word ending in a full stop that is no abbreviation."""
    segs: list[tuple[int, int]] = []
    for m in _NAME_RUN.finditer(text):
        s0 = m.start()
        for t in re.finditer(r"\S+", m.group()):
            w = t.group()
            if w.endswith(".") and len(w) > 2 and w[:-1] not in WRITTEN_ABBREVIATIONS and w not in _TITLE_SET and t.end() < len(m.group()):
                segs.append((s0, m.start() + t.end()))
                s0 = m.start() + t.end()
        segs.append((s0, m.end()))
    return segs


def _guess_label(words: list[str], titled: bool, person_last: set[str]) -> str:
    """PERSON, ORG or MISC for a capitalised run of ``words`` (see the module docstring)."""
    if any(w in ORG_NAME_WORDS for w in words) or (len(words) == 1 and re.fullmatch(r"[A-Z]{2,6}", words[0])):
        return "ORG"
    if titled:
        return "PERSON"
    if len(words) >= 2 and all(re.fullmatch(r"[A-Z][a-zA-Z’'\-.]*", w) for w in words):
        return "PERSON"
    if len(words) == 1 and words[0] in person_last:
        return "PERSON"
    return "MISC"


def guess_names(text: str) -> list[Name]:
    """Names guessed from capitalised-word runs, when no tagger spans are given."""
    names: list[Name] = []
    person_last: set[str] = set()
    for s, e in _name_segments(text):
        s, e = ws_trim(text, s, e)
        toks = list(re.finditer(r"\S+", text[s:e]))
        titled = False
        while toks and toks[0].group().rstrip(",") in NOT_NAME_WORDS:  # "The", "But", "Monday"
            toks.pop(0)
        while toks and toks[0].group() in _TITLE_SET and len(toks) > 1:
            titled = True
            toks.pop(0)
        while toks and toks[-1].group().rstrip(",") in NOT_NAME_WORDS:
            toks.pop()
        if not toks:
            continue
        ns, ne = s + toks[0].start(), s + toks[-1].end()
        lastw = toks[-1].group()
        if lastw.endswith(".") and len(lastw) > 2 and lastw[:-1] not in WRITTEN_ABBREVIATIONS and lastw not in _TITLE_SET:
            ne -= 1
        words = [t.group().rstrip(",") for t in toks]
        if ne < s + toks[-1].end():  # "the RNC." -> RNC
            words[-1] = words[-1][:-1]
        if titled:  # include the title in the span
            tm = re.search(r"((?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+)+$", text[max(0, ns - 60):ns])
            if tm:
                ns = ns - len(tm.group())
        if ns > 0 and text[ns - 1] in "@#":
            continue
        label = _guess_label(words, titled, person_last)
        if label == "PERSON":
            person_last.add(_surname_key(words[-1]))
            person_last.add(words[-1])
        names.append(Name(ns, ne, label))
    return names


def given_names(persons: Sequence[tuple[int, int, str]]) -> list[Name]:
    """Tagger spans as names: PERSON/PER -> PERSON, ORG/NORP/ORGANIZATION -> ORG; a label that
    is no entity type (a canonical name, not all upper case) counts as a PERSON."""
    out = []
    for s, e, label in persons:
        lab = label.upper() if label.isupper() else "PERSON"
        lab = "PERSON" if lab in ("PERSON", "PER") else ("ORG" if lab in ("ORG", "NORP", "ORGANIZATION") else lab)
        out.append(Name(s, e, lab))
    return sorted(out)


# ---------------------------------------------------------------- subject phrases
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|would|will|could|also|later|then|again|once|previously|recently|"
    r"earlier|first|simply|further|only|just|had\s+once|is|was|were|are|been|\w+ly))+\s*$"
)
_WEEKDAY_RE = "|".join(WEEKDAY_NAMES)
_TIME_TAIL = re.compile(
    r"(?:\s+(?:(?:on\s+)?(?:" + _WEEKDAY_RE + r")(?:\s+(?:morning|afternoon|evening|night))?"
    r"|" + "|".join(sorted(RELATIVE_DAYS - {"tomorrow"})) + r"|tonight"
    r"|(?:last|this|earlier\s+this)\s+(?:week|weekend|month|year|morning|afternoon|evening)))+\s*$")
"""A time phrase between a subject and its cue ("Trump on Monday warned", "the UN last week
said"); case-sensitive, so "USA Today" keeps its name."""
_LEAD_DROP = re.compile(
    r"^(?:and|but|or|so|then|as|while|when|because|though|although|yet|still|later|instead|"
    r"meanwhile|however|indeed|now|here|there)\b[\s,]*",
    re.I,
)
_CLOSE_TO = re.compile(r"\b(?:" + "|".join(sorted(SOURCE_ADJECTIVES)) + r")\s+(?:to|with)\b", re.I)
"""The "to" of a source phrase ("a source close to the talks"), no infinitive."""
_BAD_NP_WORD = re.compile(r"\b(?:is|are|was|were|be|been|not|if|because|when|what|which|who|that|this|to)\b", re.I)
_PRONOUN_END = re.compile(r"(?<![\w’'])(" + "|".join(sorted(PERSONAL_PRONOUNS)) + r")$", re.I)
_PRONOUN_START = re.compile(r"(" + "|".join(sorted(PERSONAL_PRONOUNS - {"you"})) + r")\b", re.I)
"""A pronoun opening the phrase after a cue or a sentence ("you" there is the one addressed)."""
_TRAILING_NAME = re.compile(_TITLES_RE + _NAME_RUN.pattern + r"$")
_TRAILING_NP = re.compile(r"\b(?:the|a|an|his|her|their|its|one|another)\s+(?:[\w’'\-]+\s+){0,3}[\w’'\-]+$", re.I)


_NAME_BEFORE_TIME = re.compile(r"(?<![\w’'])([A-Z][\w.’'\-]*)$")
_PREPOSITION_RE = "|".join(sorted(PREPOSITIONS, key=lambda w: (-len(w), w)))
_LEADING_PREPOSITION = re.compile(r"(?:" + _PREPOSITION_RE + r")\b", re.I)
_TRAILING_PP = re.compile(r"\s+(?:" + _PREPOSITION_RE + r")\s+(?:[\w’'\-]+\s+){0,3}[\w’'\-]+$")
"""A prepositional phrase ending a clause ("at the start", "of his visit to Damascus")."""
_PREPOSITION_BEFORE = re.compile(r"(?<![\w.’'])([\w.’'\-]+)\s+(" + _PREPOSITION_RE + r")\s+(?:the\s+)?$", re.I)
"""A preposition right before a name, with the word before it (a title keeps the name: "Ambassador
to the United Nations Nikki Haley")."""
_TITLE_PREPOSITIONS = frozenset({"to", "of", "for"})
"""The prepositions inside a title ("Ambassador to the UN", "Secretary of State", "Minister for
Europe"); after "in", "at" or "from" a name is a place ("the Ministry of Defence in London")."""
_TITLE_LOWER = frozenset(w.lower().rstrip(".") for w in TITLE_WORDS | ROLE_NOUNS | set(SPEAKER_TITLES))


def is_prepositional(text: str, start: int, end: int, name_starts: AbstractSet[int] = frozenset()) -> bool:
    """True when the phrase text[start:end] opens with a preposition ("In opening remarks",
    "during a town hall"): a prepositional phrase is never a speaker. A name that opens with a
    preposition word ("Beyond Meat", "Under Armour", "Inside Climate News") is no prepositional
    phrase (`_preposition_opens_name`)."""
    return bool(_LEADING_PREPOSITION.match(text, start, end)) and not _preposition_opens_name(
        text, start, end, name_starts)


def _preposition_opens_name(text: str, start: int, end: int, name_starts: AbstractSet[int]) -> bool:
    """True when the capitalised phrase text[start:end], opening with a preposition word, is a
    name: a name of the text (tagged, or guessed from capitals) starts at its first word, or
    the capitalised preposition stands mid-sentence ("“We are growing fast,” Beyond Meat
    said"), where only a name capitalises it, or it introduces a quote with a colon ("Under
    Armour said: “...”": a clause opening with a preposition is no main clause). Otherwise, at
    a sentence start ("After Donald Trump announced"), it stays a preposition."""
    if not text[start:start + 1].isupper():
        return False
    if start in name_starts:
        return True
    m = _LEADING_PREPOSITION.match(text, start, end)
    rest = m.end() + (len(text[m.end():end]) - len(text[m.end():end].lstrip())) if m else start
    if rest >= end or not _TRAILING_NAME.fullmatch(text, rest, end):
        return False
    if _CUE_COLON.match(text, end):
        return True
    before = text[max(0, start - 80):start].rstrip().rstrip("\"”»’'")
    return bool(before) and (before[-1].isalnum() or before[-1] in ",—–-")


_CUE_COLON = re.compile(r"\s+[a-z]+\s*:")
"""One lower-case word (the cue) and a colon after a phrase: "Under Armour| said:"."""


def has_word(text: str, start: int, end: int) -> bool:
    """True when the phrase text[start:end] holds a letter or a digit and no markup character
    (``><`` left by ``<tweet ...>`` markup is never a speaker)."""
    seg = text[start:end]
    return any(c.isalnum() for c in seg) and "<" not in seg and ">" not in seg


def strip_trailing_pps(text: str, start: int, end: int) -> int:
    """The end of text[start:end] without the prepositional phrases that close it ("Zarif at the
    start of his visit to Damascus" -> "Zarif"): a name inside them is their object."""
    for _ in range(4):
        m = _TRAILING_PP.search(text, start, end)
        if m is None:
            break
        end = m.start()
    return end


def _strip_tails(text: str, lo: int, hi: int) -> int:
    """``hi`` moved back over auxiliaries and adverbs before a cue ("has also"), and over a
    time phrase right after a name ("Trump on Monday warned", "Clinton last week said")."""
    m = _AUX_TAIL.search(text, lo, hi)
    if m:
        hi = m.start()
    t = _TIME_TAIL.search(text, lo, hi)
    if t:
        name = _NAME_BEFORE_TIME.search(text, lo, t.start())
        if name and name.group(1) not in NOT_NAME_WORDS:
            return t.start()
    return hi


def subject_before(text: str, lo: int, hi: int, max_words: int = 8, *, trailing: bool = True,
                   name_starts: AbstractSet[int] = frozenset()) -> Subject | None:
    """The noun phrase ending at ``hi`` (the subject before a cue), or None. ``trailing``: a
    clause too long to be the subject may give its trailing name or "the X" phrase;
    ``name_starts``: where the text's names start (a name may open with a preposition word)."""
    hi = _strip_tails(text, lo, hi)
    seg_r = text[lo:hi].rstrip()
    hi = lo + len(seg_r)
    if not seg_r:
        return None
    pm = _PRONOUN_END.search(seg_r)
    if pm:
        return Subject(lo + pm.start(), hi, pm.group(1).lower())
    if seg_r.endswith(","):  # appositive "X, the ..., said" -> look before the last comma pair
        inner = seg_r[:-1]
        k = inner.rfind(",")
        if k >= 0:
            head = subject_before(text, lo, lo + k, max_words, trailing=trailing, name_starts=name_starts)
            app = Subject(*ws_trim(text, lo + k + 1, lo + len(inner)))
            if head is not None:
                if is_namey(text, app) and (not is_namey(text, head) or _object_of_title(text, lo, head, app)):
                    return app  # "The UN envoy to Syria, Staffan de Mistura," -> Staffan de Mistura
                return head
        return None
    k = max(seg_r.rfind(c) for c in ",;:()—–\"“”")  # the clause after the last separator
    cs, ce = ws_trim(text, lo + k + 1, hi)
    clause = text[cs:ce]
    lm = _LEAD_DROP.match(clause)
    while lm and lm.end() > 0:
        cs += lm.end()
        clause = text[cs:ce]
        lm = _LEAD_DROP.match(clause)
    words = clause.split()
    if not words:
        return None
    if is_prepositional(text, cs, ce, name_starts) and len(words) <= max_words:
        return _after_preposition(text, cs, ce)
    if len(words) <= max_words and not _BAD_NP_WORD.search(_CLOSE_TO.sub("", clause)):
        return Subject(cs, ce)  # "a source close to the talks" is one phrase
    if not trailing:
        return None
    return _trailing_subject(text, cs, ce)


def _object_of_title(text: str, lo: int, head: Subject, app: Subject) -> bool:
    """True when ``head`` is the name a preposition governs inside a title phrase ("The UN
    envoy to Syria", "The US ambassador to the UN") and the appositive ``app`` after it is a
    name: the appositive is the person."""
    if not _TRAILING_NAME.fullmatch(text, app.start, app.end):
        return False
    return bool(_PREPOSITION_BEFORE.search(text, lo, head.start))


def _after_preposition(text: str, cs: int, ce: int) -> Subject | None:
    """The subject in a clause text[cs:ce] that opens with a preposition: the name right after
    it when nothing else follows ("After Donald Trump announced" -> Donald Trump, "From Andrea
    Peyser, writing"), else none ("In opening remarks, ... said": no speaker)."""
    m = _LEADING_PREPOSITION.match(text, cs, ce)
    s = m.end() + (len(text[m.end():ce]) - len(text[m.end():ce].lstrip())) if m else cs
    nm = _TRAILING_NAME.fullmatch(text, s, ce)
    if nm and text[s:ce].split()[0] not in NOT_NAME_WORDS:
        return Subject(s, ce)
    return None


def _trailing_subject(text: str, cs: int, ce: int) -> Subject | None:
    """The subject closing a clause too long to be one: its trailing name run or "the X"
    phrase; a name that is the object of a preposition ("... Zarif at the start of his visit
    to Damascus said") is skipped with its prepositional phrases (`strip_trailing_pps`)."""
    clause = text[cs:ce]
    nm = _TRAILING_NAME.search(clause)  # long clause: the trailing name run or "the X" phrase
    pp = _PREPOSITION_BEFORE.search(text, cs, cs + nm.start()) if nm else None
    if nm and pp and (pp.group(1).lower().rstrip(".") not in _TITLE_LOWER
                      or pp.group(2).lower() not in _TITLE_PREPOSITIONS):
        end = strip_trailing_pps(text, cs, ce)
        head = _trailing_subject(text, cs, end) if end < ce else None
        if head is None or is_namey(text, head):
            return head  # "Zarif at the start of his visit to Damascus" -> Zarif
        return Subject(head.start, ce)  # "the spokesman for the State Department"
    if nm and text[cs + nm.start():ce].split()[0] not in NOT_NAME_WORDS:
        return Subject(cs + nm.start(), ce)
    dm = _TRAILING_NP.search(clause)
    if dm and not _BAD_NP_WORD.search(dm.group()):
        return Subject(cs + dm.start(), ce)
    return None


_DATELINE = re.compile(r"\s*[A-Z][A-Z .,]{2,40}\s+[—–-]+\s+")
_LEAD_WORDS = re.compile(r"\s*(?:(?:as|but|and|so|then|later|still|(?:" + _PREPOSITION_RE
                         + r")\s+[\w\s’'\-]{1,40}?,)\s+)*", re.I)
"""Words before the subject opening a clause, a prepositional phrase up to its comma among
them ("In opening remarks, Erdogan called ...")."""
_LEAD_NAME = re.compile(_TITLES_RE + r"(?:[A-Z][\w.’'\-]*\s+){0,4}?" + _NAME_RUN.pattern + r"(?:,\s+[RD]-[A-Z][\w.]*,)?")
_LEAD_NP = re.compile(r"(?:the|a|an|one|another|his|her|their|its)\s+(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+"
                      r"(?=\s+(?:\w+ed|\w+s|put|wrote|said|told|had|has|was|is)\b|:)", re.I)


def lead_subject(text: str, lo: int, hi: int) -> Subject | None:
    """The noun phrase opening the clause text[lo:hi] (the subject of "X delivered a message:")."""
    dl = _DATELINE.match(text[lo:hi])  # dateline "WASHINGTON —"
    if dl:
        lo += dl.end()
    s = lo + _LEAD_WORDS.match(text[lo:hi]).end()  # type: ignore[union-attr]
    rest = text[s:hi]
    pm = _PRONOUN_START.match(rest)
    if pm:
        return Subject(s, s + pm.end(), pm.group(1).lower())
    nm = _LEAD_NAME.match(rest)
    if nm and nm.group().split()[0] not in (NOT_NAME_WORDS - _TITLE_SET):
        return Subject(s, s + len(nm.group().rstrip(",. ")))
    dm = _LEAD_NP.match(rest)
    if dm and not _BAD_NP_WORD.search(dm.group()):
        return Subject(s, s + len(dm.group()))
    return None


def is_namey(text: str, s: Subject) -> bool:
    """True when the phrase holds a capitalised word and does not open with an article."""
    seg = text[s.start:s.end]
    return bool(re.search(r"\b[A-Z][a-z]", seg)) and not re.match(r"(?:the|a|an)\b", seg, re.I)


_AFTER_NAME = re.compile(_TITLES_RE + _NAME_RUN.pattern)
_AFTER_NP = re.compile(r"(?:the|a|an|one|another|his|her|their|its|two|three|several|some|many|[A-Z][\w’']*’s|"
                       r"[A-Z][\w']*'s)\s+[^,.;:!?\"“”()—]{1,60}")
_AFTER_NP_CUT = re.compile(r"\s+(?:who|which|that|in|on|at|during|after|before|to|when|while|as|last|this|on)\b")
_AFTER_BARE = re.compile(r"[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+)?(?=[\s,.])")


def subject_after(text: str, lo: int, hi: int) -> Subject | None:
    """The noun phrase right after an inverted cue ("said Trump", "according to aides")."""
    s = lo + re.match(r"\s*", text[lo:hi]).end()  # type: ignore[union-attr]
    rest = text[s:hi]
    nm = _AFTER_NAME.match(rest)
    if nm and nm.group().split()[0] not in NOT_NAME_WORDS - _TITLE_SET:
        return Subject(s, s + len(nm.group().rstrip(",")))
    dm = _AFTER_NP.match(rest)
    if dm:
        phrase = dm.group()
        cut = _AFTER_NP_CUT.search(phrase)
        if cut:
            phrase = phrase[: cut.start()]
        if len(phrase.split()) <= 8:
            return Subject(s, s + len(phrase.rstrip()))
    pm = _PRONOUN_START.match(rest)
    if pm:
        return Subject(s, s + pm.end(), pm.group(1).lower())
    bare = _AFTER_BARE.match(rest)
    if bare and bare.group().split()[0] in BARE_SOURCES:
        return Subject(s, s + len(bare.group()))
    return None


# ---------------------------------------------------------------- gender of a name
_GENDER_TITLE = re.compile(r"\b(" + "|".join(sorted((re.escape(t) for t in MALE_TITLES | FEMALE_TITLES),
                                                     key=lambda t: (-len(t), t))) + r")(\.?)[^\S\n]+$")
"""A gendered title right before a name on the same line ("Mr. ", "Queen ")."""


def _title_before(text: str, start: int) -> str:
    """"m", "f" or "" from a gendered title written right before ``start``. A full stop after a
    title that is no abbreviation ends a sentence ("met the Pope. Melania Trump"): no title."""
    tm = _GENDER_TITLE.search(text, max(0, start - 16), start)
    if tm is None:
        return ""
    title = tm.group(1)
    if tm.group(2) and title + "." not in MALE_TITLES | FEMALE_TITLES:
        return ""
    return "m" if title.rstrip(".") in {t.rstrip(".") for t in MALE_TITLES} else "f"


def _surname_key(word: str) -> str:
    """A name's last word without a possessive ending ("Jones’s" -> "Jones"; "Jones" stays)."""
    return re.sub(r"(?:’s|'s|’|')$", "", word)


def name_gender(text: str, start: int, end: int) -> str:
    """"m", "f" or "" for the name text[start:end] by itself: a gendered title right before it
    or opening it ("Mr. Zarif", "Queen Rania"), else its first name ("Barack Obama")."""
    words = [w.strip(".,’'") for w in text[start:end].split()]
    for w in words[:2]:
        if w in MALE_TITLES or w + "." in MALE_TITLES:
            return "m"
        if w in FEMALE_TITLES or w + "." in FEMALE_TITLES:
            return "f"
    titled = _title_before(text, start)
    if titled:
        return titled
    for w in words:
        if w in MALE_FIRST_NAMES:
            return "m"
        if w in FEMALE_FIRST_NAMES:
            return "f"
        if w not in _TITLE_SET:
            break
    return ""


def _name_genders(text: str, names: Sequence[Name]) -> dict[tuple[int, int], str]:
    """The gender of every name of the text (`name_gender`); a name with none by itself takes
    the one of the names sharing its last word, when they all agree."""
    own = {(n.start, n.end): name_gender(text, n.start, n.end) for n in names}
    by_last: dict[str, set[str]] = {}
    for n in names:
        words = text[n.start:n.end].split()
        if words and own[(n.start, n.end)]:
            by_last.setdefault(_surname_key(words[-1]), set()).add(own[(n.start, n.end)])
    out = {}
    for n in names:
        g = own[(n.start, n.end)]
        words = text[n.start:n.end].split()
        if not g and words:
            seen = by_last.get(_surname_key(words[-1]), set())
            g = next(iter(seen)) if len(seen) == 1 else ""
        out[(n.start, n.end)] = g
    return out


def _opens_with_preposition_word(before: str) -> bool:
    """True when the only word of a subject before a name is a capitalised preposition ("Under"
    of "Under Armour"): the name is the rest of a longer name, and the subject is the speaker."""
    words = before.split()
    return len(words) == 1 and words[0][:1].isupper() and words[0].lower() in PREPOSITIONS


def _names_a_document(after: str) -> bool:
    """True when the words after a name, to the end of its phrase, are lower case and end in a
    document noun (" report" of "The Mueller report", "’s latest report"): the name qualifies it."""
    words = re.findall(r"[\w’'\-]+", re.sub(r"^(?:’s|'s)", "", after.strip()))
    return bool(words) and all(w[:1].islower() for w in words) and words[-1].lower() in DOCUMENT_NOUNS


# ---------------------------------------------------------------- the engine over one text
@dataclass
class Attributor:
    """The attribution engine over one text: its quoted spans, sentences, paragraphs and names.

    ``subject_starts`` collects the starts of the non-pronoun subjects of attributed quotes
    (a guessed MISC name found there may stand for a person)."""

    text: str
    quoted: list[QuotedSpan]
    sents: list[tuple[int, int]]
    paras: list[tuple[int, int]]
    names: list[Name]
    guessed: bool
    """True when the names were guessed (no tagger spans given)."""
    parse: Parse | None = None
    subject_starts: set[int] = field(default_factory=set)
    names_out: list[Name] = field(default_factory=list)
    """The names outside every quoted span (pronoun antecedents)."""
    _genders: dict[tuple[int, int], str] | None = field(default=None, repr=False)
    _surnames: frozenset[str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._sent_starts = [s for s, _ in self.sents]
        self._para_starts = [s for s, _ in self.paras]
        spans = sorted((q.start, q.end) for q in self.quoted)
        self._quote_starts = [s for s, _ in spans]
        self._quote_reach: list[int] = []  # the furthest end of the spans up to each one
        for _, e in spans:
            self._quote_reach.append(max(e, self._quote_reach[-1] if self._quote_reach else e))
        self.names = sorted(self.names, key=lambda n: (n.start, n.end))
        self._name_starts = [n.start for n in self.names]
        self.name_starts = frozenset(self._name_starts)
        self._name_at = {(n.start, n.end): n for n in reversed(self.names)}
        self.names_out = [n for n in self.names if not self.in_quotes(n.start)]

    def names_within(self, start: int, end: int) -> Iterator[Name]:
        """The names inside ``[start, end)``, in text order (a binary search on their starts)."""
        k = bisect.bisect_left(self._name_starts, start)
        while k < len(self.names) and self.names[k].start < end:
            if self.names[k].end <= end:
                yield self.names[k]
            k += 1

    def name_at(self, start: int, end: int) -> Name | None:
        """The name spanning exactly ``[start, end)``, or None."""
        return self._name_at.get((start, end))

    @classmethod
    def build(cls, text: str, quoted: list[QuotedSpan], *, persons: Sequence[tuple[int, int, str]] | None = None,
              sentences: Sequence[tuple[int, int]] | None = None, parse: Parse | None = None) -> "Attributor":
        """The engine for ``text``: sentences from ``sentences``, else the parse, else the rule
        splitter; names from ``persons``, else guessed from capitalised words."""
        if sentences:
            sents = sorted(sentences)
        elif parse is not None and parse.sents:
            sents = sorted(parse.sents)
        else:
            sents = split_sentences(text)
        names = given_names(persons) if persons is not None else guess_names(text)
        return cls(text, quoted, sents, paragraphs(text), names, persons is None, parse)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``pos``, or (pos, pos) between sentences."""
        k = bisect.bisect_right(self._sent_starts, pos) - 1
        if k >= 0 and pos < self.sents[k][1]:
            return self.sents[k]
        return pos, pos

    def paragraph_of(self, pos: int) -> int:
        """The index of the paragraph holding ``pos``, or -1."""
        k = bisect.bisect_right(self._para_starts, pos) - 1
        return k if k >= 0 and pos < self.paras[k][1] else -1

    def in_quotes(self, pos: int) -> bool:
        """True when ``pos`` lies strictly inside a quoted span."""
        k = bisect.bisect_left(self._quote_starts, pos) - 1  # the spans starting before pos
        return k >= 0 and pos < self._quote_reach[k]

    def name_in(self, subj: Subject) -> tuple[int, int]:
        """The speaker span of a subject noun phrase: the first PERSON name inside it, else itself.
        A name that only qualifies a document noun heading the phrase ("The Mueller report")
        is not the speaker: the phrase is."""
        for n in self.names_within(subj.start, subj.end):
            if n.label == "PERSON" and not _names_a_document(self.text[n.end:subj.end]) \
                    and not _opens_with_preposition_word(self.text[subj.start:n.start]):
                return n.start, n.end
        return subj.start, subj.end

    def person_surnames(self) -> frozenset[str]:
        """The last words of the text's PERSON names ("Kasich" for "John Kasich")."""
        if self._surnames is None:
            self._surnames = frozenset(self.text[n.start:n.end].split()[-1] for n in self.names
                                       if n.label == "PERSON" and self.text[n.start:n.end].split())
        return self._surnames

    def gender(self, name: Name) -> str:
        """"m", "f" or "" for a name: from a title before it or in it (Mr., Mrs., Queen ...), its
        first name (`MALE_FIRST_NAMES`, `FEMALE_FIRST_NAMES`), else from the other names of the
        text with the same last word when they agree ("Clinton" after "Hillary Clinton")."""
        if self._genders is None:
            self._genders = _name_genders(self.text, [n for n in self.names if n.label != "ORG"])
        return self._genders.get((name.start, name.end), "")

    def resolve(self, subj: Subject) -> tuple[int, int]:
        """The speaker span a pronoun subject stands for, or (-1, -1); see the module docstring.
        With guessed names a pronoun with no person before it takes the nearest MISC name. "he"
        never resolves to a name known as a woman's, "she" never to a man's (`gender`)."""
        p = subj.pronoun
        if p in ("i", "we", "you"):
            return -1, -1
        want = "PERSON" if p in ("he", "she") else "ORG"
        limit = 0 if want == "PERSON" else max(0, subj.start - 600)
        wrong = {"he": "f", "she": "m"}.get(p, "-")
        best = None
        skipped = False  # a person before it, of the other gender
        for n in self.names_out:
            if n.end <= subj.start and n.start >= limit:
                ok = n.label == want or (want == "PERSON" and self.guessed and n.label == "MISC"
                                         and n.start in self.subject_starts)
                if ok and want == "PERSON" and self.gender(n) == wrong:
                    skipped = True
                elif ok:
                    best = n
        if best is None and want == "PERSON" and self.guessed and not skipped:
            for n in self.names_out:  # no known person: the nearest capitalised name shortly before
                if n.end <= subj.start and n.start >= subj.start - 400 and n.label == "MISC" \
                        and self.gender(n) != wrong:
                    best = n
        return (best.start, best.end) if best else (-1, -1)



# ---------------------------------------------------------------- attributing a quote
def after_limit(text: str, qe: int, hi: int) -> int:
    """Where the sentence after a quote ending at ``qe`` ends (at most ``hi``)."""
    after = text[qe:hi]
    for sm in re.finditer(r"[.!?](?=\s|$)", after):
        wm = re.search(r"([A-Za-z][A-Za-z.]*)$", after[: sm.start()])
        word = wm.group(1).rstrip(".") if wm else ""
        if sm.group() == "." and (word in WRITTEN_ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            continue
        return qe + sm.start()
    return hi


def attribute_after(eng: Attributor, qe: int, hi: int, max_words: int) -> Attribution | None:
    """A cue after a quote ending at ``qe`` (up to ``hi``): "...," Trump said / "...," said Trump."""
    text = eng.text
    for cue in find_cues(text, qe, hi):
        b = text[qe:cue.start].strip(" ,—–-\t")
        if not b:
            subj = subject_after(text, cue.end, hi)
            return Attribution("inverted", cue, subj) if subj else None
        if len(b.split()) > max_words + 3 or re.search(r"[.!?;]", _ABBREV_DOT.sub("", b)):
            return None
        subj = subject_before(text, qe, cue.start, max_words, name_starts=eng.name_starts)
        if subj and subj.start >= qe:
            if cue.according:
                subj2 = subject_after(text, cue.end, hi)
                if subj2:
                    return Attribution("inverted", cue, subj2)
            return Attribution("after", cue, subj)
        return None
    return None


def _intro_window(eng: Attributor, qs: int, prev_end: int, pk: int, adjacent: bool) -> tuple[int, int]:
    """The text a cue before a quote opening at ``qs`` may stand in: its sentence since the
    previous quote, or, for a quote opening a paragraph, the previous paragraph ending in ":"."""
    text = eng.text
    ps = eng.paras[pk][0] if pk >= 0 else 0
    lo, hi = max(eng.sentence_of(qs)[0], prev_end, ps), qs
    if adjacent and not text[ps:qs].strip() and pk > 0:
        pps, ppe = eng.paras[pk - 1]
        if text[pps:ppe].rstrip().endswith(":") and prev_end <= pps:  # "Cruz continued:"
            hi = pps + len(text[pps:ppe].rstrip())
            lo = max(eng.sentence_of(hi - 1)[0], pps)
    return lo, hi


def _colon_intro(eng: Attributor, lo: int, hi: int) -> Attribution | None:
    """A colon introduction with no cue: "Bernie Sanders: '...'" / "McConnell delivered a blunt message: '...'"."""
    text = eng.text
    subj = lead_subject(text, lo, hi)
    if subj is not None and (subj.pronoun or text[subj.end:hi].strip() == ":" or any(
            n.label in ("PERSON", "ORG") for n in eng.names_within(subj.start, subj.end))):
        cm = re.search(r":\s*$", text[lo:hi])
        return Attribution("colon", Cue(lo + cm.start(), lo + cm.start() + 1, ":"), subj)  # type: ignore[union-attr]
    return None


def attribute_before(eng: Attributor, qs: int, prev_end: int, pk: int, adjacent: bool) -> Attribution | None:
    """A cue before a quote opening at ``qs``: ``SUBJECT CUE [tail] [,:|that] "..."`` when
    ``adjacent``, else any cue earlier in its sentence (Trump said the attack was "reckless")."""
    text = eng.text
    lo, hi = _intro_window(eng, qs, prev_end, pk, adjacent)
    best = None
    for best in find_cues(text, lo, hi):
        pass
    tail = text[best.end:hi] if best else ""
    if best is not None and adjacent:
        if len(tail.split()) > 8 or not re.search(r"(?:[,:]|\bthat|\bsaid|^)\s*$", tail) or re.search(r"[.!?;]\s", tail):
            best = None
    if best is None:
        return _colon_intro(eng, lo, hi) if adjacent and text[lo:hi].rstrip().endswith(":") else None
    method = "before" if adjacent else "sentence"
    if best.according:
        subj = subject_after(text, best.end, hi)
        return Attribution("before", best, subj) if subj else None
    if best.word.endswith("ing"):  # "..., tweeting: '...'" -> the subject of the sentence
        subj = lead_subject(text, lo, best.start)
        if subj is not None:
            return Attribution(method, best, subj)
    subj = subject_before(text, lo, best.start, name_starts=eng.name_starts)
    if subj is None:  # inverted before a quote: 'Said Trump: "..."'
        subj = subject_after(text, best.end, hi) or lead_subject(text, lo, best.start)
        if subj is None:
            return None
    return Attribution(method, best, subj)


# ---------------------------------------------------------------- attributing a clause (claims)
_PHRASE_CUT_DEPS = frozenset({"appos", "relcl", "acl", "advcl", "parataxis", "punct"})
"""Dependents that are not part of a speaker's noun phrase ("Zarif, Iran's foreign minister,")."""


def _phrase_span(parse: Parse, head: int) -> tuple[int, int]:
    """The characters of the noun phrase headed by token ``head``: its subtree without
    appositives, relative and adverbial clauses and punctuation."""
    lo = hi = head
    stack = [head]
    while stack:
        j = stack.pop()
        lo, hi = min(lo, j), max(hi, j)
        stack.extend(c for c in parse.children(j) if parse.dep(c) not in _PHRASE_CUT_DEPS)
    return parse.span(lo)[0], parse.span(hi)[1]


_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
"""Penn tags of a noun: the head of a speaker's noun phrase (else a personal pronoun)."""


def _cue_verb(parse: Parse, cue: Cue) -> int:
    """The token of a cue verb in the parse, or -1 when the parse does not read it as a verb."""
    i = parse.token_at(cue.start)
    return i if i >= 0 and parse.tag(i) in VERB_TAGS else -1


def _nsubj(parse: Parse, verb: int) -> int:
    """The ``nsubj`` of ``verb``, else of the verb it is conjoined to ("said ... and estimated")
    or, for a participle, of the clause it hangs on ("..., claiming the move would cost $600,000");
    -1 when there is none."""
    for _ in range(len(parse)):
        head = next((c for c in parse.children(verb) if parse.dep(c) == "nsubj"), -1)
        shares = parse.dep(verb) == "conj" or (parse.dep(verb) == "advcl" and parse.tag(verb) == "VBG")
        if head >= 0 or not shares or parse.head(verb) == verb:
            return head
        verb = parse.head(verb)
    return -1


def parse_subject(parse: Parse, text: str, cue: Cue) -> Subject | None:
    """The subject of a cue read from the cached parse: the ``nsubj`` noun phrase of a cue verb
    ("Trump on Monday warned" -> Trump, "..., said Lavrov" -> Lavrov), the object of "according
    to"; None when the parse has none, or when it is no noun or personal pronoun ("who", "one")."""
    i = parse.token_at(cue.start)
    if i < 0:
        return None
    if cue.according:  # the object of "to", whatever its tag ("the Real Clear Politics average/JJ")
        to = next((c for c in parse.children(i) if text[slice(*parse.span(c))].lower() == "to"), -1)
        head = next((c for c in parse.children(to) if parse.dep(c) == "pobj"), -1) if to >= 0 else -1
    else:
        head = _nsubj(parse, i)
    if head < 0:
        return None
    word = text[slice(*parse.span(head))].lower()
    pronoun = word if word in PERSONAL_PRONOUNS else OBJECT_PRONOUNS.get(word, "") if cue.according else ""
    if not (pronoun or parse.tag(head) in _NOUN_TAGS or (cue.according and parse.tag(head) not in ("WP", "WDT"))):
        return None
    start, end = _phrase_span(parse, head)
    return Subject(start, end, pronoun if (start, end) == parse.span(head) else "")


def governs(parse: Parse, cue: Cue, pos: int) -> bool:
    """True when the cue can attribute the token at ``pos``: the cue verb (or the verb "according
    to" hangs on), or the first verb of its conjunction, is one of the token's heads, or that
    verb's head is and the cue's clause is no subordinate clause ("since he announced", "in which
    organizers claimed"; "as X explained" is one); always True for a cue the parse does not read
    as a verb."""
    tok = parse.token_at(pos)
    i = parse.token_at(cue.start)
    if tok < 0 or i < 0:
        return True
    heads = {tok, *parse.ancestors(tok)}
    if cue.according:
        return parse.head(i) in heads
    if parse.tag(i) not in VERB_TAGS:
        return True
    first = i
    while parse.dep(first) == "conj" and parse.head(first) != first:
        first = parse.head(first)
    if i in heads or first in heads:
        return True
    return parse.head(first) in heads and not _subordinate(parse, first)


def _subordinate(parse: Parse, verb: int) -> bool:
    """True when ``verb`` heads a clause that only qualifies another (`_SUBORDINATE_DEPS`), unless
    it is an "as" clause of attribution ("As Earnest explained, three taxes were postponed")."""
    if parse.dep(verb) not in _SUBORDINATE_DEPS:
        return False
    marks = [c for c in parse.children(verb) if parse.dep(c) == "mark"]
    return not (parse.dep(verb) == "advcl" and marks and all(parse.lemma(c).lower() == "as" for c in marks))


_SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "amod", "csubj", "pcomp", "xcomp"})
"""Dependency labels of a clause that only qualifies another ("since he announced", "in which
organizers claimed"): its cue does not attribute what the governing clause states."""


_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\b")
_BROKEN_END = re.compile(r"\b(?:and|or|but|nor|of|to|in|on|at|for|with|by|from)$")
_BROKEN_START = re.compile(r"(?:during|in|at|on|after|before|since|for|with|from|by|of|to)\b", re.I)
"""A phrase ending in a conjunction or preposition, or opening with a preposition, is a broken
clause, not a subject ("Democrats controlled the Senate and [had confirmed 68]", "Clinton,
[during a town hall meeting in Columbus], Ohio, said")."""


def _regex_clause_subject(eng: Attributor, cue: Cue, lo: int, hi: int) -> Subject | None:
    """The subject of ``cue`` by the quotes' noun-phrase rules: the phrase right before the cue
    (no verb in it, not a passive: "it was widely reported"), the sentence's lead for an -ing
    form that is the sentence's first cue, or the phrase after an inverted cue ("..., said Lavrov")."""
    text = eng.text
    end = after_limit(text, cue.end, hi)  # the phrase after a cue stops at the sentence's full stop
    if cue.according:
        return subject_after(text, cue.end, end)
    if cue.word.endswith("ing"):  # "X warned ..., warning that": the first cue is the attribution
        first = next(find_cues(text, lo, cue.start, CLAIM_CUES), None) is None
        return lead_subject(text, lo, cue.start) if first else None
    subj = subject_before(text, lo, cue.start, trailing=False)
    if subj is not None and (not re.search(r"[A-Za-z]", text[subj.start:subj.end])
                             or _BROKEN_END.search(text, subj.start, subj.end)
                             or _BROKEN_START.match(text, subj.start, subj.end)
                             or next(find_cues(text, subj.start, subj.end, CLAIM_CUES), None) is not None
                             or _PASSIVE.search(text, subj.end, cue.start)):
        subj = None  # no word ("''"), a broken clause, a clause with a cue of its own, or a passive
    if subj is None and re.search(r"[,\"”’']\s*$", text[lo:cue.start]):
        subj = subject_after(text, cue.end, end)
    return subj


def clause_subject(eng: Attributor, cue: Cue, lo: int, hi: int) -> Subject | None:
    """The subject of ``cue`` in the clause text[lo:hi]: from the cached parse when it reads the
    cue as a verb (the parse is trusted then: a cue verb with no ``nsubj`` has no subject),
    else by the rules quotes use (also for a cue the parse tags as a noun: "..., the newspaper
    reports.")."""
    parse = eng.parse
    if parse is not None and len(parse) and (cue.according or _cue_verb(parse, cue) >= 0):
        return parse_subject(parse, eng.text, cue)
    return _regex_clause_subject(eng, cue, lo, hi)


def clause_cues(eng: Attributor, lo: int, hi: int, pattern: re.Pattern[str] = CLAIM_CUES) -> list[Attributed]:
    """Every cue of the sentence text[lo:hi] whose subject names a speaker, with that speaker:
    the subject phrase itself, or the name a pronoun stands for."""
    out = []
    for cue in find_cues(eng.text, lo, hi, pattern):
        para = eng.paragraph_of(cue.start)  # a subject never reaches back into an earlier paragraph
        subj = clause_subject(eng, cue, max(lo, eng.paras[para][0]) if para >= 0 else lo, hi)
        if subj is None:
            continue
        if re.search(r"\d", eng.text[subj.start:subj.end]):
            continue  # "70 percent of registered voters said": a figure itself, not who states one
        s, e = eng.resolve(subj) if subj.pronoun else (subj.start, subj.end)
        if s >= 0:
            out.append(Attributed(Attribution("clause", cue, subj), s, e))
    return out


def nearest_cue(eng: Attributor, cues: Sequence[Attributed], start: int, end: int) -> Attributed | None:
    """The cue of ``cues`` nearest to the span text[start:end], skipping a cue inside the span
    ("an estimated 800,000"), a cue inside a quotation that does not hold the span, a speaker
    inside the span, a cue whose subject the span stands between it and (an appositive or
    relative clause of the subject), and, with the parse, a cue that does not govern the span
    (`governs`)."""
    best: Attributed | None = None
    for a in cues:
        cue, subj = a.attribution.cue, a.attribution.subject
        if cue.start < end and cue.end > start or (a.start < end and a.end > start):
            continue
        if subj.end <= start and end <= cue.start:
            continue  # the span describes the subject ("Jacobs, president of a union of 900 ..., said")
        if eng.parse is not None and len(eng.parse) and not governs(eng.parse, cue, start):
            continue
        if any(q.start < cue.start < q.end and not q.start < start < q.end for q in eng.quoted):
            continue
        if best is None or abs(cue.start - start) < abs(best.attribution.cue.start - start):
            best = a
    return best


def attribute_clause(eng: Attributor, start: int, end: int, lo: int, hi: int,
                     pattern: re.Pattern[str] = CLAIM_CUES) -> Attributed | None:
    """Who states the span text[start:end] in its sentence text[lo:hi]: "X said / estimated ...",
    "..., said X", "according to X" (the cue nearest to the span)."""
    return nearest_cue(eng, clause_cues(eng, lo, hi, pattern), start, end)
