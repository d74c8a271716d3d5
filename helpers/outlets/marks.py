"""Quotation marks paired into quoted spans: the first pass of quote finding.

Double marks ``“ ” " '' „ « » ``​`` are paired paragraph by paragraph (a paragraph is a line;
blank lines are skipped). Straight ``"`` and the ASCII ``''`` (used by some wire copy as both
opener and closer) are read as openers or closers from the characters around them, and by the
pairing state when that is ambiguous. *News convention:* a paragraph that opens a quote and
does not close it, followed by a paragraph that begins with a quotation mark, continues the
same quote: one span runs from the first opener to the final closer over all the paragraphs.
An unclosed quote not continued that way ends at the end of its paragraph (``closed=False``);
a second opener inside an open quote ends the first one just before it (``closed=False``); a
stray closer is ignored. Nothing here can raise on unbalanced marks.

Single curly quotes ``‘...’`` are used only outside double quotes (headlines, British style)
and only when the opener follows a space / line start / ``:`` and the closer is not followed
by a letter (so "don’t" never closes a quote).

*Nested quotes* (`nested_pairs`): a quote inside a quote (“… with “little games”, …”; « … “…” … »;
``""Inner" …"`` where a mark right after an opener opens an inner quote) gives one span, the
outer one, when the nesting balances within the paragraph; otherwise the rule above (a second
opener ends the first quote) applies. A double-quoted span inside a single-curly one (‘… “x” …’)
is part of it. *Markup* (`markup_spans`): quotation marks inside a tag (``<tweet
tweet-id="667...">``, ``<a href="...">``) are never quotation marks.

Regular expressions are the right tool here: quotation marks are characters, not syntax.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["QuotedSpan", "markup_spans", "nested_pairs", "paragraphs", "quoted_spans", "ws_trim"]

_OPENERS_D = "“„«"
_CLOSERS_D = "”»"
_DOUBLE_RE = re.compile(r"``|''|[\"“”„«»]")
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_MARKUP = re.compile(r"<[A-Za-z/!][^<>]{0,400}>")
"""An HTML / XML tag ("<tweet tweet-id=\"667\">", "<tweet/>", "</a>")."""


@dataclass(frozen=True, order=True, slots=True)
class QuotedSpan:
    """A quoted span: ``text[start:end]`` runs from the opening mark to just after the closing
    one (or to the end of the unclosed span, ``closed=False``)."""

    start: int
    end: int
    closed: bool = True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end) offsets."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def ws_trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The span ``[s, e)`` without white space at either end."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _double_role(text: str, i: int, j: int) -> str:
    """"open", "close" or "ambig" for the double mark ``text[i:j]``, from its shape and context."""
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


def _continues(text: str, para: tuple[int, int] | None) -> bool:
    """True when paragraph ``para`` begins with a mark that can open (continue) a quote."""
    if para is None:
        return False
    ns = para[0] + (len(text[para[0]:para[1]]) - len(text[para[0]:para[1]].lstrip()))
    m = _DOUBLE_RE.match(text, ns)
    return bool(m) and _double_role(text, m.start(), m.end()) != "close"


def markup_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every markup tag of ``text``: the marks inside are no quotation marks."""
    return [(m.start(), m.end()) for m in _MARKUP.finditer(text)] if "<" in text else []


def _in_spans(i: int, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    """True when offset ``i`` lies inside one of ``spans`` (sorted, not overlapping; ``starts``
    their start offsets): a binary search, so a text with many tags stays linear-time."""
    k = bisect_right(starts, i) - 1
    return k >= 0 and i < spans[k][1]


def _marks(text: str, ps: int, pe: int, tags: list[tuple[int, int]],
           starts: list[int] | None = None) -> list[tuple[int, int]]:
    """The double marks of paragraph [ps, pe) outside markup tags (``tags`` sorted by start,
    as `markup_spans` gives them; ``starts`` their start offsets, computed when not given)."""
    if starts is None:
        starts = [s for s, _ in tags]
    return [(m.start(), m.end()) for m in _DOUBLE_RE.finditer(text, ps, pe)
            if not _in_spans(m.start(), starts, tags)]


def nested_pairs(text: str, marks: list[tuple[int, int]], cur: int | None) -> list[QuotedSpan] | None:
    """The spans of ``marks`` (one paragraph's double marks, ``cur`` the quote open at its start)
    read with nesting: an opener inside an open quote opens an inner quote (so does an ambiguous
    mark right after an opener, ``""Inner"``); a closer closes the innermost. A quote that nests
    gives its outer span, except a *block quote*, one that opens with an inner quote right
    after its own mark (``""The Iranians ...," Lister said ... "``, ``"“You don’t win,” Rubio
    responded ..."``): it quotes reported speech, so its inner quotes are the spans; when its
    first inner quote is a quoted term, not speech (``"“Fake news” is a lie," Trump said``), it
    is an ordinary quote and gives its outer span. Returns
    None when no quote nests or the nesting does not balance within the paragraph (the
    caller's flat rule applies)."""
    stack: list[tuple[int, list[QuotedSpan] | None]] = [(cur, None)] if cur is not None else []
    spans: list[QuotedSpan] = []
    nested = False
    prev_open_end = -1
    for i, j in marks:
        role = _double_role(text, i, j)
        adjacent = bool(stack) and i == prev_open_end
        if role == "ambig" and adjacent:
            role = "open"  # '""The Iranians ..."': the second mark opens a quote inside the first
        if not stack or role == "open":
            if not stack and role == "close":
                continue  # a stray closer
            if len(stack) == 1 and adjacent and stack[0][1] is None:
                stack[0] = (stack[0][0], [])  # the outer quote is a block quote
            nested = nested or bool(stack)
            stack.append((i, None))
            prev_open_end = j
            continue
        start, inner = stack.pop()
        if len(stack) == 1 and stack[0][1] is not None:
            stack[0][1].append(QuotedSpan(start, j, True))
        if not stack:
            if inner and _is_utterance(text, inner[0]):
                spans.extend(inner)  # a block quote of reported speech: its inner quotes
            else:
                spans.extend([QuotedSpan(start, j, True)])
    return spans if nested and not stack else None


def _is_utterance(text: str, span: QuotedSpan) -> bool:
    """True when a quote ends like a sentence of speech, punctuation before its closing mark
    (“You don’t win by states,”), not like a quoted term (“Fake news”): only the first makes
    the quote around it a block quote of reported speech."""
    inside = text[span.start:span.end].rstrip("\"”»'`’ ")
    return inside.endswith((",", ".", "?", "!", "…"))


def _pair_paragraph(text: str, ps: int, pe: int, cur: int | None, spans: list[QuotedSpan],
                    tags: list[tuple[int, int]] | None = None,
                    tag_starts: list[int] | None = None) -> int | None:
    """Pair the double marks of paragraph [ps, pe), appending finished spans; returns the
    offset of the quote still open at the paragraph's end (None if none)."""
    marks = _marks(text, ps, pe, tags or [], tag_starts)
    skip_first = False
    if cur is not None:
        # continuation: this paragraph opens with a quotation mark
        lead = ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip()))
        if marks and marks[0][0] == lead and _double_role(text, *marks[0]) != "close":
            skip_first = True
        else:  # pragma: no cover - handled at the end of the previous paragraph
            cur = None
    if skip_first:
        marks = marks[1:]
    nest = nested_pairs(text, marks, cur)
    if nest is not None:
        spans.extend(nest)
        return None
    for i, j in marks:
        role = _double_role(text, i, j)
        if cur is None:
            if role != "close":
                cur = i
        elif role in ("close", "ambig"):
            spans.append(QuotedSpan(cur, j, True))
            cur = None
        else:  # opener while open: end the open span before this one
            s, e = ws_trim(text, cur, i)
            if e > s + 1:
                spans.append(QuotedSpan(s, e, False))
            cur = i
    return cur


def _double_spans(text: str) -> list[QuotedSpan]:
    """Double-quoted spans, a quote continued across paragraphs by the news convention."""
    paras = paragraphs(text)
    tags = markup_spans(text)
    tag_starts = [s for s, _ in tags]
    spans: list[QuotedSpan] = []
    cur: int | None = None
    for pi, (ps, pe) in enumerate(paras):
        cur = _pair_paragraph(text, ps, pe, cur, spans, tags, tag_starts)
        if cur is not None and not _continues(text, paras[pi + 1] if pi + 1 < len(paras) else None):
            s, e = ws_trim(text, cur, pe)
            if e > s + 1:
                spans.append(QuotedSpan(s, e, False))
            cur = None
    return spans


def _single_close(text: str, i: int, pe: int) -> int:
    """Offset of the ``’`` closing a single quote opened at ``i``, or -1."""
    j = i + 1
    while True:
        j = text.find(_SINGLE_CLOSE, j, pe)
        if j < 0:
            return -1
        nxt = text[j + 1] if j + 1 < len(text) else " "
        if not nxt.isalpha() and not text[j - 1].isspace():
            return j
        j += 1


def _single_spans(text: str, taken: list[QuotedSpan]) -> list[QuotedSpan]:
    """Single-curly-quoted spans outside the double-quoted ones."""
    out = []
    for ps, pe in paragraphs(text):
        i = ps
        while True:
            i = text.find(_SINGLE_OPEN, i, pe)
            if i < 0:
                break
            prev = text[i - 1] if i > ps else " "
            if not (prev.isspace() or prev in ":([—–-" or i == ps) or i + 1 >= pe or text[i + 1].isspace():
                i += 1
                continue
            found = _single_close(text, i, pe)
            if found < 0:
                i += 1
                continue
            if not any(t.start <= i < t.end for t in taken):
                out.append(QuotedSpan(i, found + 1, True))
            i = found + 1
    return out


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span of ``text`` (double marks, then single curly ones outside them), sorted."""
    double = _double_spans(text)
    single = _single_spans(text, double)
    double = [d for d in double if not any(s.start < d.start and d.end <= s.end for s in single)]
    return sorted(double + single)
