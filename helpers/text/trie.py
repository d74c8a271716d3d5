"""One regular expression for many names, built as a trie.

An alternation of every name (`Trump|Theresa May|...`) makes Python's `re` try each name in
turn at every position of the text, so finding a corpus's names again costs the number of
names times the length of the texts: quadratic as a corpus grows. The same names as a trie
(`T(?:rump|heresa May)|...`) try, at each position, only the names that go on with the text's
next character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""
"""The key marking, in a trie node, that a name ends there."""


def trie_pattern(names: Iterable[str]) -> str:
    """A regular expression (no capturing group) matching any of `names`, and at a given
    position the longest of them that lets the rest of the pattern match, exactly as an
    alternation sorted longest first does. No name: a pattern that never matches."""
    root: dict[str, dict] = {}
    for name in names:
        if not name:
            continue
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node_pattern(root) if root else r"(?!)"


def _node_pattern(node: dict[str, dict]) -> str:
    """The pattern of the names below `node` (a node with children). A run of nodes with one
    child each is written as plain characters, so long names never nest groups deeply."""
    branches = []
    for ch in sorted(k for k in node if k != _END):
        chars, child = [re.escape(ch)], node[ch]
        while _END not in child and len(child) == 1:
            (nxt, child), = child.items()
            chars.append(re.escape(nxt))
        rest = _node_pattern(child) if any(k != _END for k in child) else ""
        if rest and _END in child:
            rest = f"(?:{rest})?"
        branches.append("".join(chars) + rest)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
