"""Place names inside organisations' names: "the *U.S.* Centers for Disease Control", "*Kenya* Red
Cross", "Taco Bell *Canada*", "*California* Department of Public Health".

The tagger gives such a name one ORG span, so the place it names is no mention of its own.
`places_inside_organisations` adds one: a mention at the offsets of the place's name inside the
organisation's (`source = inside organisation`, no tagger label), which the stage then groups,
types and merges like any other ("U.S." joins the United States). The organisation keeps its
span and its type. A name inside an organisation becomes a mention only with evidence:

- the typing gazetteer knows it as a country, a first-level region (province), a capital or a
  named region (`countries.place_kind`; not the vague "Western", "Central", nor a demonym), or
- the same article's tagger calls the same name a place elsewhere (a town the article names:
  "Randwick ... the Randwick Racecourse"),

and never when the article's tagger names a person by that name or surname ("Kerry Group"
beside John Kerry).

Common words never become places: only capitalised words are read, never a stop word, a
generic word ("State", "City"), an organisation's head word ("Centre", "Union"), a month or
weekday name; and only a name that opens or closes the organisation's, or follows a lower-case
word inside it ("Department of *Kenya* Health"), not a piece of a longer name ("Los *Angeles*
Times"). A name closing the organisation's after a lower-case word ("University of Beirut")
is left to the places stage, which places it through the organisation (`ORG_PLACE`).

Each such mention votes for a place in the type vote (`voting.added_as_place`).
After the vote, a mention added here whose entity is not a place (its name is a person's, an
organisation's) is taken back (`keep_place_mentions`): the organisation's name stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ..gazetteer import countries
from ..text.english import (
    GENERIC_WORDS,
    MONTH_NAMES,
    ORG_HEADS,
    PUBLICATION_WORDS,
    STOP_WORDS,
    VAGUE_PROVINCE_NAMES,
    WEEKDAY_NAMES,
)
from ..text.labels import PLACE_TYPES
from ..text.names import is_acronym
from .names import name_key
from .records import Mention

INSIDE_ORGANISATION = "inside organisation"
"""The `source` of a mention added for a place named inside an organisation's name."""
HOST_LABELS = frozenset({"ORG"})
"""Tagger labels whose spans are read for the place names inside them."""
PLACE_KINDS = frozenset({"country", "capital", "province", "region"})
"""Kinds of the typing gazetteer that are evidence enough on their own."""
MAX_WORDS = 4
"""Longest place name looked for inside an organisation's name, in words."""
_WORD = re.compile(r"[^\s,;:()\"“”]+")
"""A word of a name, with its dots ("U.S.") and hyphens ("Saxony-Anhalt")."""
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NOT_PLACE_WORDS = frozenset(w.lower() for w in (*MONTH_NAMES, *WEEKDAY_NAMES)) | STOP_WORDS | GENERIC_WORDS


def _words(text: str) -> list[tuple[int, int]]:
    """The offsets of the words of `text`, a trailing possessive set aside."""
    out = []
    for m in _WORD.finditer(text):
        s, e = m.span()
        possessive = _POSSESSIVE.search(m.group())
        e -= len(possessive.group()) if possessive else 0
        if e > s:
            out.append((s, e))
    return out


def is_place_word_run(name: str) -> bool:
    """Every word capitalised, not all of them common words (stop words, generic words, months:
    "West Bank" is a place, "West" or "May" alone is not); a word in capitals is an
    abbreviation, not the common word ("US" is not "us")."""
    words = name.split()
    return bool(words) and all(w[:1].isupper() for w in words) and not all(
        w.lower() in _NOT_PLACE_WORDS and not is_acronym(w) for w in words)


def known_place_name(name: str) -> bool:
    """The typing gazetteer knows `name` as a country, capital, province or named region (not a
    vague province name like "Central", nor a demonym's spelling)."""
    kind = countries.place_kind(name)
    if kind not in PLACE_KINDS:
        return False
    return name.lower() not in VAGUE_PROVINCE_NAMES and not countries.country_of_demonym(name)


def places_named_by_tagger(mentions: Sequence[Mention]) -> dict[str, set[str]]:
    """Per article, the name keys the tagger labels a place (GPE, LOC, FAC) somewhere in it."""
    out: dict[str, set[str]] = {}
    for m in mentions:
        if m.label in PLACE_TYPES:
            out.setdefault(m.doc_id, set()).add(name_key(m.text))
    return out


def people_named_by_tagger(mentions: Sequence[Mention]) -> dict[str, set[str]]:
    """Per article, the name keys of the people the tagger names there, whole and by their last
    word ("john kerry", "kerry")."""
    out: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "PERSON":
            key = name_key(m.text)
            out.setdefault(m.doc_id, set()).update({key, key.split()[-1]} if key else set())
    return out


def stands_apart(words: Sequence[tuple[int, int]], first: int, stop: int, text: str) -> bool:
    """Words `first:stop` of a name (`words`: offsets in `text`) open it, close it, or follow a
    lower-case word ("Department of *Kenya* Health"): not a piece of a longer name between two
    capitalised words ("Los *Angeles* Times", "New *England* Journal")."""
    if first == 0 or stop == len(words):
        return True
    before = text[words[first - 1][0]:words[first - 1][1]]
    return not before[:1].isupper()


def closes_after_a_connector(words: Sequence[tuple[int, int]], first: int, stop: int, text: str) -> bool:
    """Words `first:stop` close the name after a lower-case word ("University *of* Beirut",
    "Bank *of* England"): the places stage reads those as the place closing an organisation's
    name (`helpers.places.table.ORG_PLACE`), so they are no mentions of their own here."""
    if stop != len(words) or first == 0:
        return False
    before = text[words[first - 1][0]:words[first - 1][1]]
    return before.islower()


def place_spans_inside(text: str, tagged_places: Collection[str], people: Collection[str] = frozenset()
                       ) -> list[tuple[int, int]]:
    """The offsets, in `text` (an organisation's name), of the place names inside it: longest
    first, never overlapping, never the whole name, never the name of a person the article
    names (`people`: name keys; "Kerry Group" beside John Kerry)."""
    words = _words(text)
    found: list[tuple[int, int]] = []
    for n in range(min(MAX_WORDS, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            s, e = words[i][0], words[i + n - 1][1]
            if (s, e) == (words[0][0], words[-1][1]) or any(s < fe and fs < e for fs, fe in found):
                continue
            name = text[s:e]
            if not stands_apart(words, i, i + n, text) or closes_after_a_connector(words, i, i + n, text) \
                    or name.lower() in ORG_HEADS:
                continue
            if is_place_word_run(name) and name_key(name) not in people and (
                    known_place_name(name) or name_key(name) in tagged_places):
                found.append((s, e))
    return sorted(found)


def names_a_publication(text: str) -> bool:
    """True when an organisation's name is a newspaper's or broadcaster's ("The New York Times",
    "China Daily"): the place in it is part of a title (`PUBLICATION_WORDS`)."""
    return any(w.lower().strip(".'’") in PUBLICATION_WORDS for w in text.split())


def places_inside_organisations(mentions: Sequence[Mention], texts: dict[str, str]) -> list[Mention]:
    """A mention for each place named inside an organisation's mention (see the module's doc),
    unless a mention already stands at those offsets or the organisation is a publication
    (`names_a_publication`)."""
    tagged, people = places_named_by_tagger(mentions), people_named_by_tagger(mentions)
    taken = {(m.doc_id, m.start, m.end) for m in mentions}
    out = []
    for m in mentions:
        if m.label not in HOST_LABELS or names_a_publication(m.text):
            continue
        for s, e in place_spans_inside(m.text, tagged.get(m.doc_id, set()), people.get(m.doc_id, set())):
            start, end = m.start + s, m.start + e
            if (m.doc_id, start, end) in taken:
                continue
            taken.add((m.doc_id, start, end))
            out.append(Mention(doc_id=m.doc_id, sent_id=m.sent_id, start=start, end=end,
                               text=texts[m.doc_id][start:end], label="", source=INSIDE_ORGANISATION))
    return out


LISTED_WITH_PLACES = "listed with places"
"""The `source` of a mention added for an untagged place name in a list of places
(`listed.places_listed_with_places`)."""
ADDED_PLACE_SOURCES = frozenset({INSIDE_ORGANISATION, LISTED_WITH_PLACES})
"""The `source` of the mentions the stage adds as places, where the tagger gave none: inside an
organisation's name, and in a list of places."""


def keep_place_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions, less those added as places (`ADDED_PLACE_SOURCES`) whose entity the vote did
    not make a place ("Kerry" of "Kerry Group" beside John Kerry is the person, not Kerry county)."""
    return [m for m in mentions if m.source not in ADDED_PLACE_SOURCES or m.type in PLACE_TYPES]
