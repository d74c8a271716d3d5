"""Name keys and name comparisons: when two spellings are one name, and which one to show."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..text.english import (
    CONNECTORS,
    DETERMINERS,
    NAME_PARTICLES,
    ORG_NAME_TRANSLATIONS,
)
from ..text.names import is_acronym

_SKELETON_TABLE = str.maketrans({"q": "k", "c": "k", "z": "s", "j": "g", "v": "f", "p": "b"})
_NOT_IN_INITIALS = CONNECTORS | DETERMINERS
"""Words an abbreviation skips ("United Nations" → UN; "Bank of England" → BE)."""
_DOTTED_INITIALS_RE = re.compile(r"\b((?:[a-z]\.)+[a-z])\.?(?=\W|$)")
_WORD_SPLIT_RE = re.compile(r"[\s\-]+")


def strip_accents(text: str) -> str:
    """Remove diacritics and fold typographic apostrophes and hyphens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return (text.replace("’", "'").replace("‘", "'").replace("ʻ", "'").replace("ʼ", "'")
            .replace("‐", "-").replace("–", "-"))


def name_tokens(surface: str) -> list[str]:
    """Lower-case tokens of a name with dots, hyphens and Arabic particles handled.

    `Bashar al-Assad` → [bashar, assad]; `U.S.` → [us]; `the United Nations` → [united, nations].
    """
    return list(_name_tokens(surface))


@lru_cache(maxsize=200_000)
def _name_tokens(surface: str) -> tuple[str, ...]:
    text = strip_accents(surface).lower()
    # Dotted initials collapse: U.S. / U.S -> us, U.N. -> un.
    text = _DOTTED_INITIALS_RE.sub(lambda m: m.group(1).replace(".", ""), text)
    text = text.replace(".", " ")
    parts = [p for p in re.split(r"[\s\-']+", text) if p]
    parts = [re.sub(r"[^\w&]", "", p) for p in parts]
    tokens = [p for p in parts if p and p not in NAME_PARTICLES]
    while tokens and tokens[0] in DETERMINERS:
        tokens = tokens[1:]
    return tuple(tokens)


def name_key(surface: str) -> str:
    """The grouping key of a name: its tokens joined by spaces."""
    return " ".join(_name_tokens(surface))


def skeleton(token: str) -> str:
    """Consonant skeleton of a name token for transliteration variants.

    First letter kept; then vowels, h, w and y dropped; q/k/c and z/s unified; runs collapsed.
    `muallem`, `moallem` → `mlm`; `mohammad`, `muhammad`, `mohammed` → `md`.
    """
    if not token:
        return ""
    head, rest = token[0].translate(_SKELETON_TABLE), token[1:].translate(_SKELETON_TABLE)
    rest = re.sub(r"[aeiouhwy]", "", rest)
    out = head
    for ch in rest:
        if ch != out[-1]:
            out += ch
    return out


def fuzzy_key(surface: str) -> str:
    """Skeleton key of a whole name (`Walid al-Moallem` → `wld mlm`)."""
    return " ".join(skeleton(t) for t in name_tokens(surface))


def initials(surface: str) -> str:
    """Initials of the capitalised words of a name, skipping connectors (`United Nations` → `UN`)."""
    words = [w for w in _WORD_SPLIT_RE.split(strip_accents(surface)) if w]
    words = [w for w in words if w.lower() not in _NOT_IN_INITIALS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words).upper()


def surface_words(surface: str) -> list[str]:
    """Lower-case words of a name as written, accents folded (`Jaish-e-Mohammed` → [jaish, e, mohammed])."""
    return [w.lower() for w in _WORD_SPLIT_RE.split(strip_accents(surface)) if w]


def best_name(surfaces: Counter) -> str:
    """The name to show for a set of surface forms: the fullest, then the most frequent."""
    return max(surfaces.items(), key=_name_score)[0]


def _name_score(item: tuple[str, int]) -> tuple[bool, int, int, int, str]:
    """Spelled out, then most words, most mentions, shortest, and last alphabetically."""
    surface, count = item
    return (not is_acronym(surface), len(_WORD_SPLIT_RE.split(surface.strip())), count, -len(surface), surface)


def slug(name: str) -> str:
    """The name part of an entity id (`Bashar al-Assad` → `bashar-al-assad`)."""
    s = strip_accents(name).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"


def compatible_person_names(a: str, b: str) -> bool:
    """Two person names can be one person: same surname, one's tokens an ordered part of the other's.

    `Mohammad Zarif` ~ `Mohammad Javad Zarif`; `Bashar Assad` !~ `Hafez Assad`.
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if not same_family(short[-1], long_[-1]):
        return False
    mid_a = [t for t in ta[1:-1] if len(t) == 1]
    mid_b = [t for t in tb[1:-1] if len(t) == 1]
    if mid_a and mid_b and mid_a != mid_b:
        return False  # George W. Bush is not George H. W. Bush
    it = iter(long_)
    return all(any(same_family(s, t) for t in it) for s in short)


def _final_vowel_only(a: str, b: str) -> bool:
    """The tokens differ only in a final vowel, which in Latin-script names marks another person."""
    return a[:-1] == b[:-1] and a[-1] in "aeiou" and b[-1] in "aeiou"


def same_family(a: str, b: str) -> bool:
    """Tokens of one name family: equal, or long with one skeleton and not just a final vowel apart.

    Muhammad, Mohamed; not Maria, Mario; not John, Joan.
    """
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or skeleton(a) != skeleton(b):
        return False
    return not _final_vowel_only(a, b)


def same_token(a: str, b: str) -> bool:
    """Two name tokens are one name: equal, or transliteration variants.

    Variants differ in inner vowels, doubled letters or an h (Muallem, Moallem; Mohammad,
    Muhammad). Short tokens (John, Joan) and tokens differing only in a final vowel, which in
    Latin-script names marks another person (Maria, Mario), are never variants.
    """
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or skeleton(a) != skeleton(b) or fuzz.ratio(a, b) < 75:
        return False
    return not _final_vowel_only(a, b)


def transliteration_variants(a: str, b: str) -> bool:
    """Two names are spellings of one name: same number of tokens, each pair one name."""
    ta, tb = name_tokens(a), name_tokens(b)
    return len(ta) == len(tb) and ta != tb and all(same_token(x, y) for x, y in zip(ta, tb))


@dataclass(frozen=True, slots=True)
class Translated:
    """An organisation's name with its words translated (`ORG_NAME_TRANSLATIONS`)."""

    words: tuple[str, ...]
    """The name's words once translated, connectors set aside, sorted: the name's core and its
    organisation word in any order ("Jabhat al-Nusra" and "Nusra Front" → (front, nusra))."""
    translated: bool
    """At least one word was translated (else the name is its own translation)."""


def translated_name(surface: str) -> Translated:
    """The words of an organisation's name in English, as a bag (`Jaysh al-Islam` → (army, islam))."""
    tokens = [t for t in name_tokens(surface) if t not in CONNECTORS]
    words = [ORG_NAME_TRANSLATIONS.get(t, t) for t in tokens]
    return Translated(tuple(sorted(words)), any(ORG_NAME_TRANSLATIONS.get(t, t) != t for t in tokens))
