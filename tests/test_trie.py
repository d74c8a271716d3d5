"""The trie of names that finds a corpus's names again (entities' propagation): the same
matches as the alternation of every name, longest first, which it replaces."""

from __future__ import annotations

import random
import re

from helpers.text.trie import trie_pattern


def alternation(names: list[str]) -> str:
    return "|".join(re.escape(a) for a in sorted(names, key=lambda a: (-len(a), a)))


def test_the_trie_finds_what_the_longest_first_alternation_finds() -> None:
    rng = random.Random(7)
    alphabet = "abAB .-'"
    for _ in range(1500):
        names = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7)))
                        for _ in range(rng.randint(1, 15))})
        text = "".join(rng.choice(alphabet) for _ in range(80))
        found = []
        for body in (alternation(names), trie_pattern(names)):
            pattern = re.compile(r"(?<![\w#@])(" + body + r")(?![\w])")
            found.append([(m.span(), m.group(1)) for m in pattern.finditer(text)])
        assert found[0] == found[1], (names, text)


def test_a_longer_name_wins_and_a_name_inside_a_word_is_not_found() -> None:
    pattern = re.compile(r"(?<![\w#@])(" + trie_pattern(["New York", "New York Times", "York", "Ne"]) + r")(?![\w])")
    text = "The New York Times, New Yorkers and New York; Yorkshire."
    assert [m.group(1) for m in pattern.finditer(text)] == ["New York Times", "New York"]


def test_no_name_matches_nothing_and_long_names_do_not_nest() -> None:
    assert re.search(trie_pattern([]), "anything") is None
    long_name = "Organisation " * 60
    assert re.fullmatch(trie_pattern([long_name, long_name + "x"]), long_name + "x")
