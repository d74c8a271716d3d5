"""Cut a text too long to parse at once into consecutive pieces at paragraph breaks.

The annotation layer parses an article longer than its chunk size piece by piece and shifts
each piece's offsets back into the whole text (`helpers.annotation.cache`). The pieces cover
the text exactly, in order, with nothing left out or repeated, and a cut never falls inside a
word: it falls just after white space, so the next piece begins where a token begins.
"""

from __future__ import annotations

import re

_LINE_BREAK = r"(?:\r\n|\r|\n)"
BOUNDARIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("blank line", re.compile(_LINE_BREAK + r"[^\S\r\n]*" + _LINE_BREAK + r"\s*")),
    ("line break", re.compile(_LINE_BREAK + r"\s*")),
    ("sentence end", re.compile(r"[.!?…][\"'”’»)\]]*\s+")),
    ("white space", re.compile(r"\s+")),
)
"""The places a piece may end, best first: after a blank line (a paragraph break), after a
line break, after a sentence's closing punctuation and the white space that follows it, after
any white space. Each cut is at the end of the match, so a piece ends with the white space and
the next begins with the first character of a word."""

MIN_FILL = 0.5
"""A boundary of a better kind is used only if it leaves the piece at least this full; else
the next kind is tried (so one early paragraph break does not make a tiny piece)."""


def _last_cut(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """The end of the last match of `pattern` inside text[lo:hi] that ends after `lo` and
    where white space ends (a run of it cut short by `hi`, such as half a CRLF, is not a
    boundary), or None."""
    cut = None
    for m in pattern.finditer(text, lo, hi):
        end = m.end()
        if end > lo and not (end < len(text) and text[end].isspace()):
            cut = end
    return cut


def piece_end(text: str, start: int, max_chars: int) -> int:
    """Where the piece of `text` beginning at `start` ends: the whole rest when it is at most
    `max_chars` long, else the best boundary (`BOUNDARIES`) at or below `start + max_chars`.

    A window of `max_chars` characters without any white space that ends a run of it (a single
    run of white space or of other characters that long) is cut at its end: there is no word
    boundary to keep.
    """
    hi = start + max_chars
    if len(text) <= hi:
        return len(text)
    floor = start + int(max_chars * MIN_FILL)
    for _, pattern in BOUNDARIES:
        cut = _last_cut(pattern, text, floor, hi)
        if cut is not None:
            return cut
    cut = _last_cut(BOUNDARIES[-1][1], text, start, hi)
    return cut if cut is not None else hi


def piece_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """The (start, end) of each piece of `text`, none longer than `max_chars`: one span, the
    whole text, when it is short enough; else cut at paragraph breaks (see `piece_end`)."""
    if max_chars <= 0:
        raise ValueError(f"max_chars must be positive, not {max_chars}")
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        end = piece_end(text, start, max_chars)
        spans.append((start, end))
        if end >= len(text):
            return spans
        start = end
