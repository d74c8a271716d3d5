"""One type per name group, from a corpus-wide vote: the tagger's labels, weighted by evidence.

Each kind of evidence is a named function in `TYPE_EVIDENCE`; the reasons it gives are shown
in the `detail` column of `entity_merges.csv`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..gazetteer import countries
from ..text.english import (
    AWARD_CUES_AFTER,
    AWARD_CUES_BEFORE,
    AWARD_NAMES,
    DETERMINERS,
    ORG_HEADS,
    ORG_LEADS,
    PARTY_MEMBER_FORMS,
    PLATFORM_NAMES,
    ROLE_NOUNS,
    VAGUE_PROVINCE_NAMES,
    WORK_OF_ART_NOUNS,
)
from ..text.labels import TYPE_ORDER
from .names import name_key, surface_words
from .records import Mention

_ROLE_REACH = 40
"""Characters before a mention searched for a role noun ("UN envoy Staffan de Mistura")."""
_QUOTES = "\"'“”‘’«»"
PARTY_KEYS: dict[str, str] = {name_key(form): party for party, forms in PARTY_MEMBER_FORMS.items()
                              for form in (party, *forms)}
"""Name key of a party's name or of one of its member forms -> the party's name."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Votes that one kind of evidence adds to a type, and why."""

    type: str
    weight: int
    reason: str


@dataclass(frozen=True)
class TypeVote:
    """The type a group's vote gave, the votes, and the evidence that weighed in."""

    type: str
    votes: Counter
    evidence: tuple[str, ...] = ()


Weigh = Callable[[Sequence[Mention], str, dict[str, str]], Evidence | None]
"""Evidence for a type: (the group's mentions, its best spelling, article texts) -> Evidence or None."""


def best_type(votes: Counter) -> str:
    """The type with most votes; ties go to the type first in `TYPE_ORDER`."""
    return max(votes.items(), key=lambda kv: (kv[1], -TYPE_ORDER.index(kv[0]) if kv[0] in TYPE_ORDER else -99))[0]


def type_vote(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> TypeVote:
    """Decide a group's type: the tagger's labels, weighted by the evidence of `TYPE_EVIDENCE`."""
    votes: Counter = Counter()
    for m in mentions:
        if m.label and not (m.label == "PERSON" and m.qualifier.endswith("-")):
            votes[m.label] += 1  # "ex-Yukos boss": the tagger's PERSON is the boss, not Yukos
        if m.titled:
            votes["PERSON"] += 2
    evidence = []
    for weigh in TYPE_EVIDENCE:
        found = weigh(mentions, surface, texts)
        if found is not None:
            votes[found.type] += found.weight
            evidence.append(found.reason)
    if not votes:
        votes["ORG"] += 1
    return TypeVote(best_type(votes), votes, tuple(evidence))


def _gazetteer_kind(surface: str) -> str | None:
    """The gazetteer's kind of place for a name; provinces called "Western" or "Central" say nothing."""
    kind = countries.place_kind(surface)
    if kind == "province" and (surface.lower() in VAGUE_PROVINCE_NAMES or countries.country_of_demonym(surface)):
        return None
    return kind


def gazetteer_place(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """A place the gazetteer knows, unless a title stood before it.

    Countries, capitals and regions weigh double; a province's name is often also a surname
    (Kerry, Rivera), so it weighs as much as the tagger, no more.
    """
    kind = _gazetteer_kind(surface)
    if kind is None or any(m.titled for m in mentions):
        return None
    n = max(1, len(mentions))
    return Evidence("LOC" if kind == "region" else "GPE", n if kind == "province" else 2 * n,
                    f"gazetteer: a known {kind}")


def gazetteer_demonym(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """A demonym that is not also a place's name ("Iranian") is a group of people."""
    country = countries.country_of_demonym(surface)
    if not country or _gazetteer_kind(surface) is not None:
        return None
    return Evidence("NORP", 2 * max(1, len(mentions)), f"gazetteer: demonym of {country}")


def organisation_word(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """An organisation's head or lead word in the name ("... Institute", "Jabhat ...")."""
    words = surface_words(surface)
    if len(words) >= 2 and (any(w in ORG_HEADS for w in words[1:]) or words[0] in ORG_LEADS):
        return Evidence("ORG", 2 * max(1, len(mentions)), "organisation word in the name")
    return None


def role_noun(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """A role noun before the name or in apposition ("UN envoy X", "X, the UN envoy"), per mention."""
    roles = sum(1 for m in mentions if m.role or role_before(m, texts))
    if not roles:
        return None
    return Evidence("PERSON", 2 * roles, f"described by a role noun ({roles}×)")


def role_before(m: Mention, texts: dict[str, str]) -> bool:
    """A role noun right before the name ("UN envoy Staffan de Mistura")."""
    before = texts.get(m.doc_id, "")[max(0, m.start - _ROLE_REACH):m.start].split()
    return bool(before) and before[-1].lower().strip(",") in ROLE_NOUNS


def is_platform(surface: str) -> bool:
    """A social media or messaging platform ("Twitter", "WhatsApp")."""
    return " ".join(surface_words(surface)) in PLATFORM_NAMES


def platform_name(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """A platform is an organisation, never a person, whatever the tagger said ("Twitter")."""
    if not is_platform(surface):
        return None
    return Evidence("ORG", 5 * max(1, len(mentions)), "a platform, not a person")


def party_name(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """A party's name or a form of it ("Tories", "GOP", "Democrats") names the party: an organisation."""
    party = PARTY_KEYS.get(name_key(surface))
    if party is None:
        return None
    return Evidence("ORG", 3 * max(1, len(mentions)), f"a name of the {party}")


def _word_before(m: Mention, texts: dict[str, str], skip_article: bool = False) -> str:
    """The word right before a mention, lower case, quote marks and commas set aside; with
    `skip_article`, a capitalised article too ("the film The Aviator": film)."""
    before = texts.get(m.doc_id, "")[max(0, m.start - _ROLE_REACH):m.start].rstrip(_QUOTES + " ,")
    words = [w.lower().strip(_QUOTES + ",") for w in before.split()]
    if skip_article and len(words) >= 2 and words[-1] in DETERMINERS and before.split()[-1][:1].isupper():
        words.pop()  # the tagger's "The Aviator", its article stripped by clean-up
    return words[-1] if words else ""


def _titled_as_work(m: Mention, texts: dict[str, str]) -> bool:
    """The mention is the whole title after "film", "book" ... ("the film Aviator"; not the
    "Clinton" of "the book Clinton Cash", whose title runs on)."""
    after = texts.get(m.doc_id, "")[m.end:m.end + 2]
    runs_on = len(after) == 2 and after[0] == " " and after[1].isupper()
    return not runs_on and _word_before(m, texts, skip_article=True) in WORK_OF_ART_NOUNS


def work_of_art_noun(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """A title right after "film", "book", "novel", "album" ... is a work of art ("the film Aviator")."""
    n = sum(1 for m in mentions if _titled_as_work(m, texts))
    if not n:
        return None
    return Evidence("WORK_OF_ART", 4 * n, f"a title after a word like 'film' or 'book' ({n}×)")


def _award_use(m: Mention, texts: dict[str, str]) -> bool:
    """The text uses an award's name as the award ("won an Oscar", "Oscar-winning", "the Oscars")."""
    after = texts.get(m.doc_id, "")[m.end:m.end + 16].lower()
    return m.text.endswith("s") or _word_before(m, texts) in AWARD_CUES_BEFORE or after.startswith(AWARD_CUES_AFTER)


def award_name(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """An award used as one ("an Oscar", "Oscar-winning") is a work of art's kind of title, not a person."""
    if " ".join(surface_words(surface)) not in AWARD_NAMES:
        return None
    n = sum(1 for m in mentions if _award_use(m, texts))
    if not n:
        return None
    return Evidence("WORK_OF_ART", 4 * n, f"an award ({n}×)")


TYPE_EVIDENCE: tuple[Weigh, ...] = (gazetteer_place, gazetteer_demonym, organisation_word, role_noun, platform_name,
                                    party_name, work_of_art_noun, award_name)
"""The evidence weighed in a type vote, in the order its reasons are shown."""
