"""Clean-up of one tagger span: the bare name, or why the span is not an entity.

The tagger's spans run over line breaks, carry determiners, titles and possessives, stop
short of a name's last words or run on into ordinary words. `clean_span` applies the ordered
`CLEANING_STEPS` to the span's offsets, then `rejection` says whether what is left is a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..gazetteer import countries
from ..text.english import (
    BARE_NAME_ADJECTIVES,
    COMPANY_ABBREVIATIONS,
    CONNECTORS,
    DETERMINERS,
    DIRECTIONS,
    ELIDED_NAME_PREFIXES,
    EXTEND_AFTER,
    GENERIC_BODIES_AND_ROLES,
    GENERIC_WORDS,
    LOWER_NAME_WORDS,
    MONTH_NAMES,
    MONTHS,
    NAME_PREFIX_QUALIFIERS,
    ORG_HEADS,
    PLACE_HEADS,
    PLACE_NAME_PARTICLES,
    PRONOUN_WORDS,
    RELATIVE_DAYS,
    STOP_WORDS,
    STRONG_TITLES,
    TITLE_WORDS,
    WEEKDAY_NAMES,
)
from ..text.labels import PLACE_TYPES
from .records import Cleaned

_TIME_WORDS = frozenset(name.lower() for name in WEEKDAY_NAMES + MONTH_NAMES) | RELATIVE_DAYS
"""Capitalised words that end a name being extended ("... for Human Rights on Monday")."""
_PARTICLE_PREFIX_RE = re.compile(r"^(?:" + "|".join(sorted(ELIDED_NAME_PREFIXES)) + r")[-’'](?=\w)")
_MONTH_DAY_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\b\.?\s*\d|\d\s*(" + "|".join(MONTHS) + r")\b",
                           re.IGNORECASE)
_WORD_RE = re.compile(r"\S+")
_LETTER_RE = re.compile(r"[A-Za-z]")
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")
_NAME_END_ABBREVIATIONS = sorted((a.capitalize() for a in COMPANY_ABBREVIATIONS | {"jr", "sr", "st"}),
                                  key=lambda a: (-len(a), a))
"""Abbreviations whose full stop belongs to the name they end ("Acme Inc.", "John Smith Jr.")."""
_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:" + "|".join(_NAME_END_ABBREVIATIONS) + r")\.$")
_EDGE = " \t\r\n,;:!?\"“”‘'’()[]{}<>*_|/\\–—-"
"""Characters trimmed from both ends of a span."""
_QUALIFIED_TYPES = PLACE_TYPES | {"NORP"}
"""Labels whose spans may start with a direction kept aside."""

CleaningStep = Callable[[str, Cleaned, str], Cleaned]
"""A clean-up step: (article text, span so far, tagger label) -> span."""


def clean_span(text: str, start: int, end: int, label: str) -> Cleaned | str:
    """Clean one tagger span of `text`; return the cleaned offsets, or why it is not an entity."""
    span = Cleaned(start=start, end=end)
    for step in CLEANING_STEPS:
        span = step(text, span, label)
    return rejection(text[span.start:span.end], span) or span


def _words(text: str, span: Cleaned) -> list[re.Match[str]]:
    return list(_WORD_RE.finditer(text[span.start:span.end]))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space and edge punctuation (keeping a final dot of an abbreviation)."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and (text[end - 1] in _EDGE
                           or (text[end - 1] == "." and not _abbreviation_dot(text, start, end))):
        end -= 1
    return start, end


def _abbreviation_dot(text: str, start: int, end: int) -> bool:
    return bool(_ABBREVIATION_END_RE.search(text[start:end]))


def _stripped(text: str, span: Cleaned, start: int, end: int) -> Cleaned:
    """`span` moved to `start:end`, trimmed."""
    start, end = _strip(text, start, end)
    return span if (start, end) == (span.start, span.end) else replace(span, start=start, end=end)


def first_line(text: str, span: Cleaned, label: str) -> Cleaned:
    """Line breaks never stand inside a name: keep the first line that has letters."""
    start, end = span.start, span.end
    surface = text[start:end]
    if "\n" in surface:
        for piece in re.finditer(r"[^\n]+", surface):
            if _LETTER_RE.search(piece.group()):
                start, end = start + piece.start(), start + piece.end()
                break
    return _stripped(text, span, start, end)


def extend_cut_name(text: str, span: Cleaned, label: str) -> Cleaned:
    """A span cut short after "for"/"of" is extended over the capitalised words that follow."""
    words = _words(text, span)
    if words and words[-1].group().lower() in EXTEND_AFTER:
        return replace(span, end=_extend_name(text, span.end))
    return span


def _extend_name(text: str, end: int) -> int:
    """The end of a name cut short at `end`, over the capitalised words that follow.

    Stops at punctuation, "and", lower-case words, numbers, weekdays and months: "the Syrian
    Observatory for" + "Human Rights and Amnesty" gives "... for Human Rights".
    """
    pos = best = end
    while True:
        m = re.match(r"[ \t]+(\S+)", text[pos:])
        if not m:
            break
        token = m.group(1)
        bare = token.rstrip(".,;:!?\"'”’)")
        if bare[:1].isupper() and bare.lower() not in _TIME_WORDS and not re.search(r"\d", bare):
            best = pos + m.start(1) + len(bare)
            pos += m.end()
            if bare != token:
                break  # punctuation ends the name
            continue
        if bare.lower() in EXTEND_AFTER and bare == token:
            pos += m.end()  # kept only if a capitalised word follows
            continue
        break
    return best


_PARTICLES = "|".join(sorted(PLACE_NAME_PARTICLES))
_JOIN_WORD = r"[^\W\d_]\w*(?:['’](?!s\b)\w+)*"
"""A word of a place's name: letters, inner apostrophes ("O'Hare"), never a possessive "'s"."""
_PIECE_AFTER = re.compile(rf"(-|[ \t](?:(?:{_PARTICLES})[ \t]){{0,2}})({_JOIN_WORD})")
"""A word joined on after a span: by a hyphen ("-Bissau"), or after a space, with up to two
particles between or none (" City", " do Sul", " of the Congo"); `_joined_after` wants a
capital after a space."""
_PIECES_BEFORE = re.compile(rf"(?:{_JOIN_WORD}(?:-|[ \t]))+$")
"""The words just before a span, each followed by a hyphen or a space ("Bosnia-", "Nord-Pas-de-")."""
_WORD_BEFORE = re.compile(rf"({_JOIN_WORD})(-|[ \t])")
"""One of those words and the hyphen or space after it."""
_LAST_BREAK = re.compile(r".*[^\w'’ \t-]", re.DOTALL)
"""Up to the last character that is neither in a word nor between two (a comma, a full stop)."""
JOINED_WORDS = 4
"""At most this many words are joined on at either side."""


def _joined_after(text: str, end: int) -> re.Match[str] | None:
    """The next word joined on at `end`: after a hyphen any word, after a space a capitalised one."""
    m = _PIECE_AFTER.match(text, end)
    return m if m and (m.group(1) == "-" or m.group(2)[:1].isupper()) else None


def _starts_before(text: str, start: int) -> list[int]:
    """Where a name may start before `start`: each of up to `JOINED_WORDS` words before it,
    hyphenated ones of any case, space-separated ones capitalised (or a particle)."""
    out: list[int] = []
    joint = start - 1 if text[start - 1:start] == "\n" else start  # `$` also matches before a last line break
    if joint < 1 or text[joint - 1] not in "- \t":
        return out  # the words before a name end in a hyphen or a space
    lo = max(0, start - 80)
    breaker = _LAST_BREAK.match(text, lo, joint)  # no name runs across it: searched from after it
    m = _PIECES_BEFORE.search(text, breaker.end() if breaker else lo, start)
    if not m:
        return out
    for w in reversed(list(_WORD_BEFORE.finditer(m.group()))):
        word, joint = w.group(1), w.group(2)
        if joint != "-" and not word[:1].isupper() and word not in PLACE_NAME_PARTICLES:
            break
        out.append(m.start() + w.start())
        if len(out) == JOINED_WORDS:
            break
    return out


def join_split_place(text: str, span: Cleaned, label: str) -> Cleaned:
    """A place name the tagger cut ("Guinea" of "Guinea-Bissau", "Rio Grande" of "Rio Grande do
    Sul", "Mexico" of "Mexico City") is made whole again: the longest whole, of at most
    `JOINED_WORDS` more words at either side, that the typing gazetteer knows as a place
    (`countries.place_kind`); a title or another name may follow ("Mexico City Mayor",
    "Guinea-Bissau and Senegal"). A whole that names no place ("Austria-Hungary", "Syria-based",
    "Paris Hilton") leaves the span as the tagger cut it, and nothing is joined on before a
    span whose qualifier was set aside (a direction, "ex-")."""
    ends = [span.end]
    for _ in range(JOINED_WORDS):
        m = _joined_after(text, ends[-1])
        if not m:
            break
        ends.append(m.end())
    starts = [span.start, *([] if span.qualifier else _starts_before(text, span.start))]
    if len(ends) == 1 and len(starts) == 1:
        return span
    wholes = sorted(((s, e) for s in starts for e in ends if (s, e) != (span.start, span.end)),
                    key=lambda se: se[0] - se[1])
    for s, e in wholes:
        if text[s].isupper() and countries.place_kind(text[s:e]) is not None:
            return replace(span, start=s, end=e)
    return span


def cut_before_lower_case(text: str, span: Cleaned, label: str) -> Cleaned:
    """A span running on into ordinary lower-case words is cut before them."""
    end = span.end
    for i, w in enumerate(_words(text, span)):
        bare = w.group().strip(".,;:!?\"'“”‘’()")
        if i > 0 and bare and bare[0].islower() and bare.lower() not in LOWER_NAME_WORDS \
                and not _PARTICLE_PREFIX_RE.match(bare) and not _prefixed_name(bare):
            end = span.start + w.start()
            break
    return _stripped(text, span, span.start, end)


def _prefixed_name(word: str) -> bool:
    """A qualifying prefix joined to a capitalised word ("ex-Yukos", "ex-President")."""
    prefix, rest = _split_prefix(word)
    return bool(prefix) and rest[:1].isupper()


def drop_trailing_connectors(text: str, span: Cleaned, label: str) -> Cleaned:
    """A name does not end on "of", "and", "the" ...: they are cut off."""
    words = _words(text, span)
    while words and words[-1].group().lower() in CONNECTORS:
        span = _stripped(text, span, span.start, span.start + words[-1].start())
        words = _words(text, span)
    return span


def drop_trailing_roles(text: str, span: Cleaned, label: str) -> Cleaned:
    """A generic body or role ending a longer span goes ("Tory MPs" → Tory, "Chicago Mayors" →
    Chicago, "US Senators" → US), unless a connector, a preposition or a title word makes it
    part of a name ("Council of Ministers", "Doctors Without Borders", "EU Foreign Ministers" is
    not "EU Foreign"). What is left may be a bare adjective ("National Governors" → National),
    which `rejection` drops."""
    words = _words(text, span)
    if len(words) < 2 or words[-1].group().lower().strip(".,;:") not in GENERIC_BODIES_AND_ROLES:
        return span
    before = words[-2].group()
    abbreviation = len(words) == 2 and before.isupper()  # "US Senators": the country, not the pronoun
    if abbreviation or before.lower() not in CONNECTORS | STOP_WORDS | TITLE_WORDS:
        return _stripped(text, span, span.start, span.start + words[-1].start())
    return span


def _title_is_part_of_name(text: str, span: Cleaned) -> bool:
    """A title word opens a place's or an organisation's own name ("Prince Edward Island",
    "King Abdulaziz University"): the whole span is a known place or ends on a head word."""
    surface = text[span.start:span.end]
    words = surface.split()
    return countries.place_kind(surface) is not None or (
        len(words) >= 2 and words[-1].lower().strip(".,") in PLACE_HEADS | ORG_HEADS)


def strip_titles(text: str, span: Cleaned, label: str) -> Cleaned:
    """Leading determiners and titles go; a stripped title is evidence for PERSON.

    Once a strong title is seen ("Prime Minister X"), the rest of the title goes too, whatever the label.
    A prefix joined to a title is kept as the qualifier ("ex-President Trump" → Trump, "ex-").
    """
    titles = TITLE_WORDS if label == "PERSON" else STRONG_TITLES
    if _title_is_part_of_name(text, span):
        titles = frozenset()
    start, titled, qualifier = span.start, span.titled, span.qualifier
    while True:
        words = list(_WORD_RE.finditer(text[start:span.end]))
        if len(words) < 2:
            break
        first = words[0].group().lower().rstrip(".")
        if first in DETERMINERS:
            start = start + words[1].start()
            continue
        prefix, first = _split_prefix(first)
        if first in titles or (label == "PERSON" and countries.country_of_demonym(first)
                               and words[1].group().lower().rstrip(".") in TITLE_WORDS):
            titled = titled or first in STRONG_TITLES or first in TITLE_WORDS
            qualifier = prefix or qualifier
            if first in STRONG_TITLES:
                titles = TITLE_WORDS
            start = start + words[1].start()
            continue
        break
    return span if start == span.start else replace(span, start=start, titled=titled, qualifier=qualifier)


def _split_prefix(word: str) -> tuple[str, str]:
    """A lower-case word's qualifying prefix and the rest ("ex-president" → "ex-", "president")."""
    for prefix in NAME_PREFIX_QUALIFIERS:
        if word.startswith(prefix) and len(word) > len(prefix):
            return prefix, word[len(prefix):]
    return "", word


def strip_possessive(text: str, span: Cleaned, label: str) -> Cleaned:
    """A possessive ending goes ("Russia's" → Russia)."""
    start, end = span.start, span.end
    m = _POSSESSIVE_RE.search(text[start:end])
    if m and end - start > len(m.group()) + 1:
        end = start + m.start()
    return _stripped(text, span, start, end)


def strip_hashtag_sign(text: str, span: Cleaned, label: str) -> Cleaned:
    """Hashtags and handles are marked (the tagger drops the sign but keeps the word)."""
    surface = text[span.start:span.end]
    hashtag = surface.startswith(("#", "@")) or (span.start > 0 and text[span.start - 1] in "#@")
    if not hashtag:
        return span
    return replace(span, start=span.start + surface.startswith(("#", "@")), hashtag=True)


def set_aside_direction(text: str, span: Cleaned, label: str) -> Cleaned:
    """A directional qualifier before a place is kept aside ("northwestern Syria" → Syria).

    A capitalised direction before a name that is no known place by itself is the start of a
    region's name ("Eastern Ghouta", "Central Visayas"), and stays; so does a direction that
    opens a known place's own name, in either case ("Central Luzon", "Southern Alps", "central
    America": not the United States).
    """
    surface = text[span.start:span.end]
    words = list(_WORD_RE.finditer(surface))
    if len(words) >= 2 and words[0].group().lower() in DIRECTIONS and label in _QUALIFIED_TYPES \
            and countries.place_kind(surface) is None:
        rest = surface[words[1].start():]
        if words[0].group()[:1].isupper() and countries.place_kind(rest) is None:
            return span
        return replace(span, start=span.start + words[1].start(), qualifier=words[0].group().lower())
    return span


def set_aside_prefix(text: str, span: Cleaned, label: str) -> Cleaned:
    """A qualifying prefix joined to a name is kept aside ("ex-Yukos" → Yukos, qualifier "ex-")."""
    surface = text[span.start:span.end]
    for prefix in NAME_PREFIX_QUALIFIERS:
        n = len(prefix)
        if surface[:n].lower() == prefix and surface[n:n + 1].isupper():
            return replace(span, start=span.start + n, qualifier=prefix)
    return span


CLEANING_STEPS: tuple[CleaningStep, ...] = (
    first_line,
    extend_cut_name,
    cut_before_lower_case,
    drop_trailing_connectors,
    drop_trailing_roles,
    strip_titles,
    strip_possessive,
    strip_hashtag_sign,
    set_aside_direction,
    set_aside_prefix,
    join_split_place,
)
"""The clean-up of a tagger span, in order."""


def rejection(surface: str, span: Cleaned) -> str:
    """Why a cleaned span is not an entity ("" when it is one)."""
    if not _LETTER_RE.search(surface):
        return "no letters"
    if len(surface) < 2:
        return "too short"
    if span.hashtag and not surface[:1].isupper():
        return "hashtag or handle"
    if not any(ch.isupper() for ch in surface):
        return "not a name (no capital letter)"
    if _MONTH_DAY_RE.search(surface):
        return "a date, not an entity"
    if len(surface.split()) == 1 and surface.lower().rstrip(".") in GENERIC_WORDS:
        return "a generic word, not a name"
    if len(surface.split()) == 1 and surface.lower().rstrip(".") in GENERIC_BODIES_AND_ROLES:
        return "a kind of body or role, not a name"
    if len(surface.split()) == 1 and not surface.isupper() and surface.lower() in PRONOUN_WORDS:
        return "a pronoun, not a name"
    if len(surface.split()) == 1 and surface.lower() in BARE_NAME_ADJECTIVES:
        return "an adjective, not a name"
    return ""
