"""Sentence spans for a text that has no cached parse (a rule, not a model).

The workbook's sentences come from the spaCy parse (`helpers.text.parse.Parse.sents`); this
splitter serves only texts given without one.
"""

from __future__ import annotations

import re

from .english import ABBREVIATIONS


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
            if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        end = m.start() + 1 if not m.group().startswith("\n") else m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
