"""One type per name group, from a corpus-wide vote: the tagger's labels, weighted by evidence.

Each kind of evidence is a named function in `TYPE_EVIDENCE`; the reasons it gives are shown
in the `detail` column of `entity_merges.csv`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..gazetteer import countries
from ..text.english import ORG_HEADS, ORG_LEADS, ROLE_NOUNS, VAGUE_PROVINCE_NAMES
from ..text.labels import TYPE_ORDER
from .names import surface_words
from .records import Mention

_ROLE_REACH = 40
"""Characters before a mention searched for a role noun ("UN envoy Staffan de Mistura")."""


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
        if m.label:
            votes[m.label] += 1
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


TYPE_EVIDENCE: tuple[Weigh, ...] = (gazetteer_place, gazetteer_demonym, organisation_word, role_noun)
"""The evidence weighed in a type vote, in the order its reasons are shown."""
