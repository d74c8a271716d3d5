"""Look-ups over the cached spaCy parse of one text: its sentences and its tokens.

The annotation cache (`helpers.annotation`) keeps, for every article, the sentence spans the
pipeline found and a column-wise token table (character offset, length, fine tag, coarse
POS, dependency label, head index, lemma, entity IOB). Every stage that needs tense, a
subject, a head or a sentence reads it through `Parse`, so the workbook has one sentence
source and one parse, the same the notebooks show.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

TOKEN_FIELDS: tuple[str, ...] = ("idx", "len", "tag", "pos", "dep", "head", "lemma", "ent_iob")
"""The columns of the token table, in the order the cache writes them."""

PAST_TAGS: frozenset[str] = frozenset({"VBD"})
"""Penn tags of a verb in the simple past ("said")."""
PRESENT_TAGS: frozenset[str] = frozenset({"VBZ", "VBP"})
"""Penn tags of a verb in the simple present ("says", "say")."""
VERB_TAGS: frozenset[str] = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
"""Dependency labels of a clause's subject."""


def sentence_index(sents: Sequence[tuple[int, int]], offset: int) -> int:
    """The index of the span of `sents` (sorted, not overlapping) holding `offset`, or -1."""
    i = bisect.bisect_right(sents, offset, key=lambda s: s[0]) - 1
    return i if i >= 0 and offset < sents[i][1] else -1


@dataclass(frozen=True)
class Parse:
    """Sentences and tokens of one text, as the pipeline parsed it; offsets into the text."""

    sents: Sequence[tuple[int, int]]
    """Sentence spans (start, end), in order; a sentence's id is its index here."""
    tokens: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    """Column-wise token table (see `TOKEN_FIELDS`); may be empty (no token look-ups then)."""

    @cached_property
    def _children(self) -> list[list[int]]:
        kids: list[list[int]] = [[] for _ in range(len(self))]
        for i, h in enumerate(self.tokens.get("head", ())):
            if h != i:
                kids[h].append(i)
        return kids

    def __len__(self) -> int:
        return len(self.tokens.get("idx", ()))

    # ------------------------------------------------------------------ sentences

    def sentence_index(self, offset: int) -> int:
        """The id of the sentence holding character `offset`, or -1 if none does."""
        return sentence_index(self.sents, offset)

    def sentence_span(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence holding `offset`, or None."""
        i = self.sentence_index(offset)
        return self.sents[i] if i >= 0 else None

    # ------------------------------------------------------------------ tokens

    def token_at(self, offset: int) -> int:
        """The index of the token holding character `offset`, or -1 (white space, no tokens)."""
        idx = self.tokens.get("idx", ())
        i = bisect.bisect_right(idx, offset) - 1
        if i >= 0 and offset < idx[i] + self.tokens["len"][i]:
            return i
        return -1

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens overlapping characters [start, end)."""
        idx = self.tokens.get("idx", ())
        lo = bisect.bisect_right(idx, start) - 1
        if lo < 0 or start >= idx[lo] + self.tokens["len"][lo]:
            lo += 1
        hi = bisect.bisect_left(idx, end)
        return range(max(lo, 0), max(hi, lo, 0))

    def span(self, i: int) -> tuple[int, int]:
        """Character span of token `i`."""
        start = self.tokens["idx"][i]
        return start, start + self.tokens["len"][i]

    def tag(self, i: int) -> str:
        return self.tokens["tag"][i]

    def pos(self, i: int) -> str:
        return self.tokens["pos"][i]

    def dep(self, i: int) -> str:
        return self.tokens["dep"][i]

    def lemma(self, i: int) -> str:
        return self.tokens["lemma"][i]

    def head(self, i: int) -> int:
        """Index of token `i`'s syntactic head (itself for a root)."""
        return self.tokens["head"][i]

    def children(self, i: int) -> list[int]:
        """Indices of token `i`'s dependents, in text order."""
        return self._children[i]

    def ancestors(self, i: int) -> list[int]:
        """Token `i`'s heads up to the root of its sentence, nearest first."""
        out: list[int] = []
        while (h := self.head(i)) != i and len(out) < len(self):
            out.append(h)
            i = h
        return out

    def subject_of(self, verb: int) -> int:
        """The index of the subject of the clause headed by `verb`, or -1."""
        return next((c for c in self.children(verb) if self.dep(c) in SUBJECT_DEPS), -1)

    def subtree_span(self, i: int) -> tuple[int, int]:
        """Character span of token `i` with everything that depends on it."""
        lo = hi = i
        stack = [i]
        while stack:
            j = stack.pop()
            lo, hi = min(lo, j), max(hi, j)
            stack.extend(self.children(j))
        return self.span(lo)[0], self.span(hi)[1]
