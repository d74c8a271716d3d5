"""Direct-quote extraction with speaker attribution for English news (offline, rule-based).

``find_quotes(text, persons=None, sentences=None)`` returns one :class:`Quote` per quoted
span, sorted by ``start``. Pure Python + ``re``: fast, deterministic, no model.

Design
------
1. **Quotation marks.** Double marks ``“ ” " '' „ « » ``​`` are paired paragraph by
   paragraph (a paragraph is a line; blank lines are skipped). Straight ``"`` and the ASCII
   ``''`` (used by some wire copy as both opener and closer) are read as openers or closers
   from the characters around them, and by the pairing state when that is ambiguous.
   *News convention:* a paragraph that opens a quote and does not close it, followed by a
   paragraph that begins with a quotation mark, continues the same quote: one record runs
   from the first opener to the final closer over all the paragraphs. An unclosed quote
   not continued that way ends at the end of its paragraph (``closed=False``); a second
   opener inside an open quote ends the first one just before it (``closed=False``); a
   stray closer is ignored. Nothing here can raise on unbalanced marks.
   Single curly quotes ``‘...’`` are used only outside double quotes (headlines, British
   style) and only when the opener follows a space / line start / ``:`` and the closer is
   not followed by a letter (so "don’t" never closes a quote).
2. **Cues.** A closed list of reporting verbs in their inflected forms (said, says, told,
   added, tweeted, wrote, posted, asked, noted, argued, insisted, warned, ...), plus
   "according to", "put it" and the -ing forms after a comma (", tweeting: ..." → the
   subject of the sentence). A cue word used as a noun right after a determiner or a
   possessive ("a Twitter post", "his remarks", "the report") is skipped. ``cue`` is the
   verb as written; for a colon introduction without a verb ("Kasich: ‘...’", "McConnell
   delivered a blunt message: ...") ``cue`` is ":" and ``method`` is ``colon``.
3. **Attribution**, first rule that fires:

   a. *after, adjacent*: the quote ends with ``, — ? !`` inside its marks and is followed
      within the sentence by ``SUBJECT (adverb/aux) CUE`` ("...," Trump said; "...," a
      campaign spokesman told reporters) or by the inversion ``CUE SUBJECT`` ("...," said
      Trump; "...," according to aides);
   b. *before, adjacent*: ``SUBJECT CUE [tail of <= 8 words] [,:|that]`` right before the
      opener (Zarif said that "..." / Trump tweeted: "..." / He told CNN on Sunday, "...");
      for the second half of a split quote this is the attribution between the halves; a
      quote opening a paragraph may be introduced by the previous paragraph ending in ":"
      ("Cruz continued:"); a colon with no cue takes the sentence's leading name;
   c. *after* for quotes ending with a period (shorter subject only);
   d. *same sentence*: a cue earlier in the same sentence (Trump said the attack was
      "reckless") — never across a sentence boundary, so a quoted word with no cue in its
      sentence stays unattributed;
   e. *continuation*: a quote that starts a sentence, with no cue of its own, inherits the
      speaker of the previous attributed quote when that quote is in the same paragraph
      or ended the previous paragraph ("...," he said. "More." / a quote-only paragraph).

   A split quote ("A," Zarif said, "and B.") therefore gives **two records**, one per
   quoted span, with the same speaker and cue.
4. **Subjects and speakers.** The subject is the noun phrase next to the cue: a pronoun,
   a (titled) name, or a short common noun phrase ("the campaign", "a spokesman for the
   RNC"). An appositive is skipped ("Zarif, Iran's foreign minister, said" → Zarif; a
   name inside the appositive wins over a non-name head). ``speaker`` is the name (title
   kept: "Mr. Sanders"), ``mention_*`` the subject as written next to the cue.
5. **Pronouns.** *he/she* resolve to the nearest preceding PERSON outside any quotation;
   gender is **not** checked (no reliable gender source offline), so "she said" after
   "John Kerry" resolves to Kerry. *they/it* resolve to the nearest preceding ORG within
   about three sentences, else the quote stays unattributed (speaker ""), keeping the
   pronoun in ``mention``. *I/we/you* are left unattributed.
6. **Names.** With ``persons`` (tagger spans ``(start, end, label)``) those spans are used
   (labels PERSON/PER and ORG/NORP/GPE...). Without them, capitalised-word runs are
   candidates: a run is a PERSON when titled (Mr., Sen., President ...), when it has two
   or more name-like words without an organisation word, when a single word repeats the
   last word of an earlier person ("Trump" after "Donald Trump") or when it is the
   subject of a cue; ORG when it holds an organisation word (Campaign, Committee, Party,
   News, ...) or is an acronym.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes", "CUE_WORDS"]


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening quotation mark
    end: int  # offset just after the closing mark (or the end of the unclosed span)
    quote: str  # text[start:end]
    speaker: str  # resolved speaker name / noun phrase, "" when unattributed
    speaker_start: int  # -1 when unattributed
    speaker_end: int
    cue: str  # reporting verb as written ("said", "tweeted", "according to"), "" if none
    cue_start: int = -1
    cue_end: int = -1
    mention: str = ""  # the subject as written next to the cue ("he", "Trump", "the campaign")
    mention_start: int = -1
    mention_end: int = -1
    method: str = ""  # after / inverted / before / colon / sentence / continued / ""
    closed: bool = True  # False when the closing mark was missing


# ---------------------------------------------------------------- cue words
_CUE_BASES = (
    "say said says saying tell told tells telling add added adds adding write wrote writes "
    "written writing tweet tweeted tweets tweeting post posted posts ask asked asks "
    "explain explained explains note noted notes state stated declare declared declares "
    "insist insisted insists argue argued argues claim claimed claims reply replied replies "
    "respond responded responds recall recalled recalls warn warned warns announce "
    "announced announces acknowledge acknowledged acknowledges admit admitted admits "
    "concede conceded concedes remark remarked remarks observe observed observes suggest "
    "suggested suggests joke joked jokes quip quipped quips exclaim exclaimed shout "
    "shouted yell yelled complain complained complains caution cautioned predict "
    "predicted predicts promise promised promises vow vowed vows urge urged urges "
    "continue continued continues conclude concluded concludes boast boasted boasts brag "
    "bragged brags emphasize emphasized emphasizes emphasised stress stressed stresses "
    "recount recounted muse mused thunder thundered scoff scoffed fume fumed gripe griped "
    "lament lamented laments counter countered counters retort retorted interject "
    "interjected whisper whispered chime chimed text texted email emailed emailing testify "
    "testified testifies reiterate reiterated reiterates assert asserted asserts maintain "
    "maintained maintains contend contended contends charge charged charges allege alleged "
    "alleges report reported reports explain explains reason reasoned confirm confirmed "
    "confirms deny denied denies repeat repeated repeats cry cried shot snapped "
    "told tweets wondered wonders pleaded begged demanded demands proclaimed proclaims "
    "declared announced ask chanted sang read reads noting arguing declaring warning explaining "
    "asking reporting insisting tweeting posting writing claiming stating replying responding "
    "recalling urging"
)
CUE_WORDS = frozenset(_CUE_BASES.split())
# "read" (the sign read "...") and "states" only lower-case; "charges" etc. are ambiguous but
# only fire next to a quotation.
_CUE_RE = re.compile(
    r"\b(according\s+to|went\s+on|pointed\s+out|put\s+it|" + "|".join(sorted(CUE_WORDS, key=len, reverse=True)) + r")\b"
)

_NOUN_BEFORE = re.compile(r"(?:\b(?:a|an|the|his|her|their|its|my|our|your|Twitter|Facebook|Instagram)|(?<!\bhe)(?<!\bshe)(?<!\bit)(?:’s|'s))\s+$", re.I)


def _cues(text: str, lo: int, hi: int):
    """Cue matches in text[lo:hi], skipping nouns ("a Twitter post", "his remarks")."""
    for m in _CUE_RE.finditer(text, lo, hi):
        if _NOUN_BEFORE.search(text[max(0, m.start() - 20):m.start()]) and not m.group(1).startswith("according"):
            continue
        yield m


_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you"}
_TITLES = (
    "Mr. Mrs. Ms. Miss Dr. Sen. Senator Rep. Representative Gov. Governor President Pres. "
    "Vice Secretary Sec. Judge Justice Gen. General Col. Lt. Capt. Adm. Rev. Father Prof. "
    "Professor Mayor Chairman Chairwoman Speaker Ambassador Minister Premier Prime Prince "
    "Princess King Queen Lord Lady Sir Dame Pope Rabbi Imam Sheikh Attorney Former former "
    "Candidate Commissioner Director Chief Officer Sgt. Det. Supt. Insp. Gen"
).split()
_TITLE_SET = set(_TITLES)
_ORG_WORDS = set(
    (
        "Campaign Committee Party Department Ministry Agency Administration Council Commission "
        "Association Foundation Institute Center Centre University College Corporation Corp "
        "Corp. Inc Inc. Co. Company Group Network News Times Post Journal Press Service Office "
        "Bureau Union League Federation Court Congress Senate House Church Bank Fund Board "
        "Organization Organisation Coalition Alliance Society Club Team Reuters AP Tribune "
        "Herald Guardian Telegraph Gazette Magazine Review Channel Radio Television TV Media "
        "PAC Caucus Republicans Democrats Police Army Navy Forces Government Authority "
        "Commission Project Industries Holdings Partners Airlines Motors Systems"
    ).split()
)
_NOT_NAME = set(
    (
        "The A An And But Or So If In On At To For Of By With From As When While After Before "
        "Since Because Although Though Yet Still Then Now This That These Those There Here It "
        "Its He She They We I You His Her Their Our My Your Who What Where Why How Which One "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
        "May June July August September October November December Jan. Feb. Mar. Apr. Aug. "
        "Sept. Sep. Oct. Nov. Dec. Mr Mrs Ms Dr Yes No Not All Some Many Most Every Each Both "
        "Also Even Just Only Instead However Meanwhile Moreover Indeed Like Unlike Despite "
        "During Under Over Until Among Between Through Against Without Within Across Asked "
        "According Speaking Asked ABSTRACT FULL TEXT Photo Image Read More Watch Related "
        "Update UPDATE Editor Note God Christmas Easter Thanksgiving America American "
        "Americans U.S. US Later Earlier Afterward Afterwards Today Yesterday Tonight Tomorrow "
        "Sources Officials Critics Supporters Analysts Experts Aides"
    ).split()
)
_NAME_TOKEN = r"(?:[A-Z][a-z]*\.|[A-Z](?:[a-zA-Z]|['’\-][A-Za-z])+\.?|[A-Z]{2,}|Mc[A-Z][a-z]+)"
_NAME_CONNECT = r"(?:de|da|del|della|der|van|von|bin|ibn|al|el|la|le|du|dos|di)"
_NAME_RUN = re.compile(
    r"(?<![\w’'])" + _NAME_TOKEN + r"(?:[ \t]+(?:" + _NAME_CONNECT + r"[ \t]+)?" + _NAME_TOKEN + r"|-" + _NAME_TOKEN + r")*"
    + r"(?:,?\s+Jr\.|,?\s+Sr\.|\s+I{2,3}\b)?"
)
_ABBREV = set(
    "Mr Mrs Ms Dr Sen Rep Gov Gen Col Lt Capt Adm Rev Prof St Jr Sr Sec Pres Sgt Det Supt "
    "Insp Jan Feb Mar Apr Aug Sept Sep Oct Nov Dec No Vol Inc Corp Co Ltd U.S U.N U.K D.C "
    "vs etc Ft Mt R D I".split()
)

_OPENERS_D = "“„«"
_CLOSERS_D = "”»"
_DOUBLE_RE = re.compile(r"``|''|[\"“”„«»]")
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"


# ---------------------------------------------------------------- small helpers
def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end) offsets."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


_SENT_END = re.compile(r"[.!?]+[\"”’'»)]*(?=\s+[\"“‘'«(]?[A-Z0-9])|[.!?]+[\"”’'»)]*\s*$|\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Simple sentence splitter (abbreviation and initial aware)."""
    out = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group() != "\n" and m.group().startswith("."):
            # abbreviation / initial?
            wm = re.search(r"([A-Za-z][A-Za-z.]*)$", text[start:m.start()])
            word = wm.group(1).rstrip(".") if wm else ""
            if word in _ABBREV or (len(word) == 1 and word.isupper()) or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word or "-"):
                continue
        end = m.end()
        if text[start:end].strip():
            out.append((start, end))
        start = end
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _ws_trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# ---------------------------------------------------------------- quotation marks
def _double_role(text: str, i: int, j: int) -> str:
    mark = text[i:j]
    if mark in _OPENERS_D or mark == "``":
        return "open"
    if mark in _CLOSERS_D:
        return "close"
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[j] if j < len(text) else "\n"
    open_ok = prev.isspace() or prev in "([{—–-:;,/" or i == 0
    close_ok = nxt.isspace() or nxt in ".,;:!?)]}—–-/" or j == len(text)
    if open_ok and not close_ok:
        return "open"
    if close_ok and not open_ok:
        return "close"
    return "ambig"


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of double-quoted spans, continuation across paragraphs."""
    paras = _paragraphs(text)
    spans: list[tuple[int, int, bool]] = []
    cur: int | None = None
    for pi, (ps, pe) in enumerate(paras):
        marks = [(m.start(), m.end()) for m in _DOUBLE_RE.finditer(text, ps, pe)]
        skip_first = False
        if cur is not None:
            # continuation: this paragraph opens with a quotation mark
            if marks and marks[0][0] == ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip())) and _double_role(text, *marks[0]) != "close":
                skip_first = True
            else:  # pragma: no cover - handled at the end of the previous paragraph
                cur = None
        for k, (i, j) in enumerate(marks):
            if skip_first and k == 0:
                continue
            role = _double_role(text, i, j)
            if cur is None:
                if role != "close":
                    cur = i
            else:
                if role in ("close", "ambig"):
                    spans.append((cur, j, True))
                    cur = None
                else:  # opener while open: end the open span before this one
                    s, e = _ws_trim(text, cur, i)
                    if e > s + 1:
                        spans.append((s, e, False))
                    cur = i
        if cur is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            cont = False
            if nxt is not None:
                ns = nxt[0] + (len(text[nxt[0]:nxt[1]]) - len(text[nxt[0]:nxt[1]].lstrip()))
                m = _DOUBLE_RE.match(text, ns)
                cont = bool(m) and _double_role(text, m.start(), m.end()) != "close"
            if not cont:
                s, e = _ws_trim(text, cur, pe)
                if e > s + 1:
                    spans.append((s, e, False))
                cur = None
    return spans


def _single_spans(text: str, taken: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    out = []
    for ps, pe in _paragraphs(text):
        i = ps
        while True:
            i = text.find(_SINGLE_OPEN, i, pe)
            if i < 0:
                break
            prev = text[i - 1] if i > ps else " "
            if not (prev.isspace() or prev in ":([—–-" or i == ps) or i + 1 >= pe or text[i + 1].isspace():
                i += 1
                continue
            j = i + 1
            found = -1
            while True:
                j = text.find(_SINGLE_CLOSE, j, pe)
                if j < 0:
                    break
                nxt = text[j + 1] if j + 1 < len(text) else " "
                if not nxt.isalpha() and not text[j - 1].isspace():
                    found = j
                    break
                j += 1
            if found < 0:
                i += 1
                continue
            if not any(s <= i < e for s, e, _ in taken):
                out.append((i, found + 1, True))
            i = found + 1
    return out


# ---------------------------------------------------------------- names
def _name_candidates(text: str, quote_spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    cands: list[tuple[int, int, str]] = []
    person_last: set[str] = set()
    segs: list[tuple[int, int]] = []
    for m in _NAME_RUN.finditer(text):
        s0 = m.start()
        for t in re.finditer(r"\S+", m.group()):
            w = t.group()
            if w.endswith(".") and len(w) > 2 and w[:-1] not in _ABBREV and w not in _TITLE_SET and t.end() < len(m.group()):
                segs.append((s0, m.start() + t.end()))
                s0 = m.start() + t.end()
        segs.append((s0, m.end()))
    for s, e in segs:
        s, e = _ws_trim(text, s, e)
        if e <= s:
            continue
        toks = list(re.finditer(r"\S+", text[s:e]))
        # drop leading non-name words ("The", "But", "Monday")
        titled = False
        while toks and toks[0].group().rstrip(",") in _NOT_NAME:
            toks.pop(0)
        if not toks:
            continue
        while toks and toks[0].group() in _TITLE_SET and len(toks) > 1:
            titled = True
            toks.pop(0)
        while toks and toks[-1].group().rstrip(",") in _NOT_NAME:
            toks.pop()
        if not toks:
            continue
        ns, ne = s + toks[0].start(), s + toks[-1].end()
        lastw = toks[-1].group()
        if lastw.endswith(".") and len(lastw) > 2 and lastw[:-1] not in _ABBREV and lastw not in _TITLE_SET:
            ne -= 1
        words = [t.group().rstrip(",") for t in toks]
        # include the title in the span
        if titled:
            tm = re.search(r"((?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+)+$", text[max(0, ns - 60):ns])
            if tm:
                ns = ns - len(tm.group())
        if ns > 0 and text[ns - 1] in "@#":
            continue
        label = ""
        if any(w in _ORG_WORDS for w in words) or (len(words) == 1 and re.fullmatch(r"[A-Z]{2,6}", words[0])):
            label = "ORG"
        elif titled:
            label = "PERSON"
        elif len(words) >= 2 and all(re.fullmatch(r"[A-Z][a-zA-Z’'\-.]*", w) for w in words):
            label = "PERSON"
        elif len(words) == 1 and words[0] in person_last:
            label = "PERSON"
        else:
            label = "MISC"
        if label == "PERSON":
            person_last.add(words[-1].rstrip("’s").rstrip("'s"))
            person_last.add(words[-1])
        cands.append((ns, ne, label))
    return cands


def _in_quotes(pos: int, qspans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in qspans)


# ---------------------------------------------------------------- subject phrases
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|would|will|could|also|later|then|again|once|previously|recently|"
    r"earlier|first|simply|further|only|just|had\s+once|is|was|were|are|been|\w+ly))+\s*$"
)
_LEAD_DROP = re.compile(
    r"^(?:and|but|or|so|then|as|while|when|because|though|although|yet|still|later|instead|"
    r"meanwhile|however|indeed|now|here|there)\b[\s,]*",
    re.I,
)
_BAD_NP_WORD = re.compile(r"\b(?:is|are|was|were|be|been|not|if|because|when|what|which|who|that|this|to)\b", re.I)


@dataclass
class _Subj:
    start: int
    end: int
    pronoun: str = ""


def _np_at_end(text: str, lo: int, hi: int, max_words: int = 8) -> _Subj | None:
    """The noun phrase ending at ``hi`` (subject before a cue), or None."""
    seg = text[lo:hi]
    m = _AUX_TAIL.search(seg)
    if m:
        hi = lo + m.start()
        seg = text[lo:hi]
    seg_r = seg.rstrip()
    hi = lo + len(seg_r)
    if not seg_r:
        return None
    # pronoun
    pm = re.search(r"(?<![\w’'])(he|she|they|it|i|we|you)$", seg_r, re.I)
    if pm:
        return _Subj(lo + pm.start(), hi, pm.group(1).lower())
    # appositive "X, the ..., said" -> look before the last comma pair
    if seg_r.endswith(","):
        inner = seg_r[:-1]
        k = inner.rfind(",")
        if k >= 0:
            head = _np_at_end(text, lo, lo + k, max_words)
            app = _Subj(*_ws_trim(text, lo + k + 1, lo + len(inner)))
            if head is not None:
                if not _is_namey(text, head) and _is_namey(text, app):
                    return app
                return head
        return None
    # clause: after the last separator
    k = max(seg_r.rfind(c) for c in ",;:()—–\"“”")
    cs = lo + k + 1
    cs, ce = _ws_trim(text, cs, hi)
    clause = text[cs:ce]
    lm = _LEAD_DROP.match(clause)
    while lm and lm.end() > 0:
        cs += lm.end()
        clause = text[cs:ce]
        lm = _LEAD_DROP.match(clause)
    words = clause.split()
    if not words:
        return None
    if len(words) <= max_words and not _BAD_NP_WORD.search(clause):
        return _Subj(cs, ce)
    # long clause: the trailing name run or trailing "the X" phrase
    nm = re.search(r"(?:(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+)*" + _NAME_RUN.pattern + r"$", clause)
    if nm and text[cs + nm.start():ce].split()[0] not in _NOT_NAME:
        return _Subj(cs + nm.start(), ce)
    dm = re.search(r"\b(?:the|a|an|his|her|their|its|one|another)\s+(?:[\w’'\-]+\s+){0,3}[\w’'\-]+$", clause, re.I)
    if dm and not _BAD_NP_WORD.search(dm.group()):
        return _Subj(cs + dm.start(), ce)
    return None


def _lead_subject(text: str, lo: int, hi: int) -> _Subj | None:
    """The noun phrase opening the clause text[lo:hi] (the subject of "X delivered a message:")."""
    seg = text[lo:hi]
    dl = re.match(r"\s*[A-Z][A-Z .,]{2,40}\s+[—–-]+\s+", seg)  # dateline "WASHINGTON —"
    if dl:
        lo += dl.end()
        seg = text[lo:hi]
    m = re.match(r"\s*(?:(?:as|but|and|so|then|later|still|in\s+a\s+[\w\s]{1,30}?,)\s+)*", seg, re.I)
    s = lo + m.end()
    rest = text[s:hi]
    pm = re.match(r"(he|she|they|it|we|i)\b", rest, re.I)
    if pm:
        return _Subj(s, s + pm.end(), pm.group(1).lower())
    nm = re.match(r"(?:(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+)*(?:[A-Z][\w.’'\-]*\s+){0,4}?" + _NAME_RUN.pattern + r"(?:,\s+[RD]-[A-Z][\w.]*,)?", rest)
    if nm and nm.group().split()[0] not in (_NOT_NAME - _TITLE_SET):
        e = s + len(nm.group().rstrip(",. "))
        return _Subj(s, e)
    dm = re.match(r"(?:the|a|an|one|another|his|her|their|its)\s+(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+(?=\s+(?:\w+ed|\w+s|put|wrote|said|told|had|has|was|is)\b|:)", rest, re.I)
    if dm and not _BAD_NP_WORD.search(dm.group()):
        return _Subj(s, s + len(dm.group()))
    return None


def _is_namey(text: str, s: _Subj) -> bool:
    seg = text[s.start:s.end]
    return bool(re.search(r"\b[A-Z][a-z]", seg)) and not re.match(r"(?:the|a|an)\b", seg, re.I)


def _np_after(text: str, lo: int, hi: int) -> _Subj | None:
    """The noun phrase right after an inverted cue ("said Trump", "according to aides")."""
    seg = text[lo:hi]
    m = re.match(r"\s*", seg)
    s = lo + m.end()
    rest = text[s:hi]
    nm = re.match(r"(?:(?:" + "|".join(re.escape(t) for t in _TITLES) + r")\s+)*" + _NAME_RUN.pattern, rest)
    if nm and nm.group().split()[0] not in _NOT_NAME - _TITLE_SET:
        return _Subj(s, s + len(nm.group().rstrip(",")))
    dm = re.match(r"(?:the|a|an|one|another|his|her|their|its|two|three|several|some|many|[A-Z][\w’']*’s|[A-Z][\w']*'s)\s+[^,.;:!?\"“”()—]{1,60}", rest)
    if dm:
        phrase = dm.group()
        cut = re.search(r"\s+(?:who|which|that|in|on|at|during|after|before|to|when|while|as|last|this|on)\b", phrase)
        if cut:
            phrase = phrase[: cut.start()]
        if len(phrase.split()) <= 8:
            return _Subj(s, s + len(phrase.rstrip()))
    pm = re.match(r"(he|she|they|it|we|i)\b", rest, re.I)
    if pm:
        return _Subj(s, s + pm.end(), pm.group(1).lower())
    bare = re.match(r"[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+)?(?=[\s,.])", rest)
    if bare and bare.group().split()[0] in {"officials", "aides", "sources", "police", "analysts", "advisers", "advisors", "experts", "critics", "supporters", "witnesses", "reports", "documents", "data", "polls", "prosecutors", "investigators", "organizers", "people", "residents", "voters", "democrats", "republicans"}:
        return _Subj(s, s + len(bare.group()))
    return None


# ---------------------------------------------------------------- main
def find_quotes(
    text: str,
    *,
    persons: list[tuple[int, int, str]] | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[Quote]:
    """Direct quotes of ``text`` with speakers; see the module docstring."""
    if not text:
        return []
    dspans = _quote_spans(text)
    sspans = _single_spans(text, dspans)
    spans = sorted(dspans + sspans)
    qpos = [(s, e) for s, e, _ in spans]
    sents = sorted(sentences) if sentences else _sentences(text)
    paras = _paragraphs(text)

    if persons is not None:
        cands = []
        for s, e, lab in persons:
            lab = lab.upper()
            lab = "PERSON" if lab in ("PERSON", "PER") else ("ORG" if lab in ("ORG", "NORP", "ORGANIZATION") else lab)
            cands.append((s, e, lab))
        cands.sort()
    else:
        cands = _name_candidates(text, qpos)
    cands_out = [c for c in cands if not _in_quotes(c[0], qpos)]

    def sent_of(pos: int) -> tuple[int, int]:
        for s, e in sents:
            if s <= pos < e:
                return s, e
        return pos, pos

    def para_of(pos: int) -> int:
        for k, (s, e) in enumerate(paras):
            if s <= pos < e:
                return k
        return -1

    def name_in(subj: _Subj) -> tuple[int, int]:
        """Refine a subject NP to a candidate name inside it (first PERSON, else any)."""
        inside = [c for c in cands if c[0] >= subj.start and c[1] <= subj.end]
        for c in inside:
            if c[2] == "PERSON":
                return c[0], c[1]
        return subj.start, subj.end

    def resolve(subj: _Subj) -> tuple[int, int]:
        """Speaker span for a subject (pronoun resolution)."""
        p = subj.pronoun
        if not p:
            return subj.start, subj.end
        if p in ("i", "we", "you"):
            return -1, -1
        want = "PERSON" if p in ("he", "she") else "ORG"
        limit = 0 if want == "PERSON" else max(0, subj.start - 600)
        best = None
        for c in cands_out:
            if c[1] <= subj.start and c[0] >= limit:
                ok = c[2] == want
                if not ok and want == "PERSON" and persons is None and c[2] == "MISC" and c[0] in subj_names:
                    ok = True
                if ok:
                    best = c
        if best is None and want == "PERSON" and persons is None:
            # no known person: the nearest capitalised candidate shortly before
            for c in cands_out:
                if c[1] <= subj.start and c[0] >= subj.start - 400 and c[2] == "MISC":
                    best = c
        return (best[0], best[1]) if best else (-1, -1)

    # first pass: for every quote find (cue span, subject) ----------------------
    results: list[dict] = []
    subj_names: set[int] = set()
    for qi, (qs, qe, closed) in enumerate(spans):
        prev_end = spans[qi - 1][1] if qi > 0 else 0
        next_start = spans[qi + 1][0] if qi + 1 < len(spans) else len(text)
        pk = para_of(qs)
        ps, pe = paras[pk] if pk >= 0 else (0, len(text))
        pk_end = para_of(max(qs, qe - 1))
        pe_end = paras[pk_end][1] if pk_end >= 0 else len(text)
        inner = text[qs:qe].rstrip("\"”»'’` \n")
        last_punct = inner[-1:] if inner else ""
        found = None  # (method, cue_s, cue_e, subj)

        # after-context: up to the next quote / paragraph end / sentence end
        a_hi = min(next_start, pe_end)
        after = text[qe:a_hi]
        for sm in re.finditer(r"[.!?](?=\s|$)", after):
            wm = re.search(r"([A-Za-z][A-Za-z.]*)$", after[: sm.start()])
            word = wm.group(1).rstrip(".") if wm else ""
            if sm.group() == "." and (word in _ABBREV or (len(word) == 1 and word.isupper())):
                continue
            a_hi = qe + sm.start()
            break
        after = text[qe:a_hi]

        def try_after(max_words: int):
            for cm in _cues(text, qe, a_hi):
                between = text[qe:cm.start()]
                b = between.strip(" ,—–-\t")
                if not b:
                    subj = _np_after(text, cm.end(), a_hi)
                    if subj:
                        return ("inverted", cm.start(), cm.end(), subj)
                    return None
                if b.endswith(",") and not cm.group(1).startswith("according"):
                    subj = _np_after(text, cm.end(), a_hi)
                    if subj and not subj.pronoun:
                        return ("inverted", cm.start(), cm.end(), subj)
                b_clean = re.sub(r"\b(?:" + "|".join(_ABBREV) + r"|[A-Z])\.", "", b)
                if len(b.split()) > max_words + 3 or re.search(r"[.!?;]", b_clean):
                    return None
                subj = _np_at_end(text, qe, cm.start(), max_words)
                if subj and subj.start >= qe:
                    if cm.group(1).startswith("according"):
                        subj2 = _np_after(text, cm.end(), a_hi)
                        if subj2:
                            return ("inverted", cm.start(), cm.end(), subj2)
                    return ("after", cm.start(), cm.end(), subj)
                return None
            return None

        def try_before(adjacent: bool):
            ss, _se = sent_of(qs)
            lo, hi = max(ss, prev_end, ps), qs
            if adjacent and not text[ps:qs].strip() and pk > 0:
                # quote opening a paragraph, introduced by the previous one ("Cruz continued:")
                pps, ppe = paras[pk - 1]
                if text[pps:ppe].rstrip().endswith(":") and prev_end <= pps:
                    hi = pps + len(text[pps:ppe].rstrip())
                    lo = max(sent_of(hi - 1)[0], pps)
            best = None
            for cm in _cues(text, lo, hi):
                best = cm
            tail = text[best.end():hi] if best else ""
            colon = text[lo:hi].rstrip().endswith(":")
            if best is not None and adjacent:
                if len(tail.split()) > 8 or not re.search(r"(?:[,:]|\bthat|\bsaid|^)\s*$", tail) or re.search(r"[.!?;]\s", tail):
                    best = None
            if best is None:
                if adjacent and colon:
                    # "Bernie Sanders: '...'" / "McConnell delivered a blunt message: '...'"
                    subj = _lead_subject(text, lo, hi)
                    if subj is not None and (subj.pronoun or text[subj.end:hi].strip() == ":" or any(
                            c[0] >= subj.start and c[1] <= subj.end and c[2] in ("PERSON", "ORG") for c in cands)):
                        cm = re.search(r":\s*$", text[lo:hi])
                        return ("colon", lo + cm.start(), lo + cm.start() + 1, subj)
                return None
            if best.group(1).startswith("according"):
                subj = _np_after(text, best.end(), hi)
                if subj:
                    return ("before", best.start(), best.end(), subj)
                return None
            if best.group(1).endswith("ing") and best.group(1) != "according to":
                # "..., tweeting: '...'" -> the subject of the sentence
                subj = _lead_subject(text, lo, best.start())
                if subj is not None:
                    return ("before" if adjacent else "sentence", best.start(), best.end(), subj)
            subj = _np_at_end(text, lo, best.start())
            if subj is None:
                # inverted before a quote: 'Said Trump: "..."'
                subj = _np_after(text, best.end(), hi)
                if subj is None:
                    subj = _lead_subject(text, lo, best.start())
                    if subj is None:
                        return None
            return ("before" if adjacent else "sentence", best.start(), best.end(), subj)

        if last_punct in ",—–-?!" or not closed:
            found = try_after(8)
        if found is None:
            found = try_before(True)
        if found is None and last_punct not in ",—–-?!":
            found = try_after(5)
        if found is None:
            found = try_before(False)
        if found is not None:
            subj = found[3]
            if not subj.pronoun:
                subj_names.add(subj.start)
        results.append({"found": found, "closed": closed, "pk": pk, "pk_end": pk_end})

    # second pass: resolve, then continuation -----------------------------------
    out: list[Quote] = []
    last_attr: tuple[int, Quote] | None = None  # (paragraph index of its end, record)
    for qi, ((qs, qe, closed), r) in enumerate(zip(spans, results)):
        found = r["found"]
        if found is not None:
            method, cs, ce, subj = found
            if subj.pronoun:
                sp_s, sp_e = resolve(subj)
            else:
                sp_s, sp_e = name_in(subj)
                if persons is None:
                    # the subject NP might be "Trump" preceded by a title-less run; keep it
                    pass
            spk = text[sp_s:sp_e] if sp_s >= 0 else ""
            rec = Quote(qs, qe, text[qs:qe], spk, sp_s, sp_e, text[cs:ce], cs, ce,
                        text[subj.start:subj.end], subj.start, subj.end, method, closed)
        else:
            rec = Quote(qs, qe, text[qs:qe], "", -1, -1, "", closed=closed)
            # continuation: sentence-initial quote, previous attributed quote nearby
            ps = paras[r["pk"]][0] if r["pk"] >= 0 else 0
            before = text[ps:qs]
            sent_initial = (not before.strip()) or bool(re.search(r"[.!?][\"”’'»]*\s*$", before))
            inner = text[qs + 1:qe].strip("\"”“'’ ")
            full = len(inner.split()) >= 4 or bool(re.search(r"[.!?]$", inner))
            if last_attr is not None and sent_initial and full and last_attr[1].speaker_start >= 0:
                lp, prev = last_attr
                gap = text[prev.end:qs]
                same_para = lp == r["pk"]
                prev_para_ok = lp == r["pk"] - 1
                gap = text[max(prev.end, prev.cue_end, prev.mention_end):qs]
                if same_para or (prev_para_ok and not _CUE_RE.search(gap) and len(gap.split()) <= 12):
                    rec = Quote(qs, qe, text[qs:qe], prev.speaker, prev.speaker_start, prev.speaker_end, prev.cue,
                                prev.cue_start, prev.cue_end, prev.mention, prev.mention_start, prev.mention_end,
                                "continued", closed)
        out.append(rec)
        if rec.speaker_start >= 0:
            last_attr = (r["pk_end"], rec)
    out.sort(key=lambda q: (q.start, q.end))
    return out
