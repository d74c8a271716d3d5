"""One type per name group, from a corpus-wide vote: the tagger's labels, weighted by evidence.

Each kind of evidence is a named function in `TYPE_EVIDENCE`; the reasons it gives are shown
in the `detail` column of `entity_merges.csv`. Evidence only the whole corpus gives (a bare
surname of people it names: `surname_of_people`) is weighed once every group has its vote.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..gazetteer import countries
from ..text.english import (
    AWARD_CUES_AFTER,
    AWARD_CUES_BEFORE,
    AWARD_NAMES,
    DEMONSTRATIVES,
    DETERMINERS,
    NAME_PREFIX_QUALIFIERS,
    ORG_HEADS,
    ORG_LEADS,
    PARTY_MEMBER_FORMS,
    PLACE_HEADS,
    PLATFORM_NAMES,
    POSSESSIVE_DETERMINERS,
    ROLE_NOUNS,
    STOP_WORDS,
    TITLE_WORDS,
    VAGUE_PROVINCE_NAMES,
    WORK_OF_ART_MODIFIERS,
    WORK_OF_ART_NOUNS,
    WORK_OF_ART_VERBS,
)
from ..text.labels import PLACE_TYPES, TYPE_ORDER
from .inside import ADDED_PLACE_SOURCES
from .names import name_key, name_tokens, surface_words
from .records import Mention

_ROLE_REACH = 40
"""Characters before a mention searched for a role noun ("UN envoy Staffan de Mistura")."""
_QUOTES = "\"'“”‘’«»"
_NOUN_PHRASE_OPENERS = DETERMINERS | POSSESSIVE_DETERMINERS | {"whose"}
"""Words that open the noun phrase a work-of-art noun heads ("the film", "her novel", "whose book")."""
_NOUN_OPENERS_ONLY = DEMONSTRATIVES - {"that"}
"""Demonstratives that open a work-of-art noun's phrase unless the noun is also a verb
("this film"; "these show Trump ahead"); "that" never ("the polls that show Johnson")."""
_TITLE_ARTICLE_RE = re.compile(r"(?<![\w-])(?:The|A|An)\s+$")
"""The capitalised article of a title, which clean-up strips from the tagger's "The Aviator"."""
_OPENING_QUOTE_RE = re.compile(r"[“‘«]$|(?:^|\s)(?:\"|'{1,2})$")
"""An opening quote mark at the end of a text ("the book “", "the show \"")."""
_NOT_FIRST_NAMES = STOP_WORDS | TITLE_WORDS
"""Capitalised words before a name that make it no surname ("Former Yukos", "In Yukos")."""
_MAX_MODIFIERS = 3
"""Modifiers allowed between the opener and the work-of-art noun ("the acclaimed 2004 film")."""
_SURNAME_PERSON_SHARE = 0.3
"""Share of a one-word name's tagger labels that must be PERSON for `surname_of_people` to weigh
in: "Washington", which the tagger mostly calls a place, stays one though George Washington is named."""
_SURNAME_OVER_OTHERS = 2
"""How many times more mentions the people's names ending in a word must have than the
organisations' and places' ending in it ("Take Down Trump", a headline tagged ORG, is outweighed)."""
_SURNAME_EXAMPLES = 3
"""People's names shown in the reason of `surname_of_people`."""
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

    def with_evidence(self, found: Evidence) -> TypeVote:
        """The vote again, with one more piece of evidence weighed in."""
        votes = self.votes.copy()
        votes[found.type] += found.weight
        return TypeVote(best_type(votes), votes, (*self.evidence, found.reason))


Weigh = Callable[[Sequence[Mention], str, dict[str, str]], Evidence | None]
"""Evidence for a type: (the group's mentions, its best spelling, article texts) -> Evidence or None."""


def best_type(votes: Counter) -> str:
    """The type with most votes; ties go to the type first in `TYPE_ORDER`."""
    return max(votes.items(), key=lambda kv: (kv[1], -TYPE_ORDER.index(kv[0]) if kv[0] in TYPE_ORDER else -99))[0]


def type_vote(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> TypeVote:
    """Decide a group's type: the tagger's labels, weighted by the evidence of `TYPE_EVIDENCE`."""
    votes: Counter = Counter()
    votes.update(tagger_votes(mentions))
    evidence = []
    for weigh in TYPE_EVIDENCE:
        found = weigh(mentions, surface, texts)
        if found is not None:
            votes[found.type] += found.weight
            evidence.append(found.reason)
    if not votes:
        votes["ORG"] += 1
    return TypeVote(best_type(votes), votes, tuple(evidence))


def tagger_votes(mentions: Sequence[Mention]) -> Counter:
    """The tagger's labels, one vote each, and two votes for PERSON per titled mention.

    The PERSON label of a name with a prefix joined to it is not counted ("ex-Yukos boss": the
    tagger's PERSON is the boss, not Yukos), unless a title stood before it ("ex-President Trump").
    """
    votes: Counter = Counter()
    for m in mentions:
        if m.label and not (m.label == "PERSON" and m.qualifier.endswith("-") and not m.titled):
            votes[m.label] += 1
        if m.titled:
            votes["PERSON"] += 2
    return votes


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
    """An organisation's head or lead word in the name ("... Institute", "Jabhat ..."); a lead
    word before a place's head word is a place's name ("Tahrir Square", "Bank Street")."""
    words = surface_words(surface)
    if len(words) >= 2 and (any(w in ORG_HEADS for w in words[1:])
                            or (words[0] in ORG_LEADS and words[-1] not in PLACE_HEADS)):
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


def _word_before(m: Mention, texts: dict[str, str]) -> str:
    """The word right before a mention, lower case, quote marks and commas set aside."""
    before = texts.get(m.doc_id, "")[max(0, m.start - _ROLE_REACH):m.start].rstrip(_QUOTES + " ,")
    words = [w.lower().strip(_QUOTES + ",") for w in before.split()]
    return words[-1] if words else ""


@dataclass(frozen=True)
class TitleContext:
    """What stands before a possible title: the words (a capitalised article of the title set
    aside: "the film The Aviator" gives ... the, film), and the marks between them and it."""

    words: tuple[str, ...]
    quoted: bool
    """An opening quote mark stands right before the title ("his book, “The Art of the Deal”")."""
    comma: bool
    """A comma stands between the last word and the title ("In the book, Byrne ...")."""


def title_context(m: Mention, texts: dict[str, str]) -> TitleContext:
    """The words before a mention, as written, quote marks and commas set aside."""
    before = _TITLE_ARTICLE_RE.sub("", texts.get(m.doc_id, "")[max(0, m.start - 2 * _ROLE_REACH):m.start])
    quoted = bool(_OPENING_QUOTE_RE.search(before.rstrip(" ")))
    gap = before.rstrip(_QUOTES + " ")
    words = [w.strip(_QUOTES + ",") for w in gap.split()]
    return TitleContext(tuple(w for w in words if w), quoted, gap.endswith(","))


def _is_modifier(word: str, cue: str) -> bool:
    """A word that may stand inside a work's noun phrase before its noun `cue` ("new", "TV",
    "2004", "Oscar-winning", "Tom Hanks movie"); before a cue that is also a verb a capitalised
    plural is its subject ("The Reds play Liverpool"), not a modifier."""
    low = word.lower()
    if low in WORK_OF_ART_MODIFIERS or low in WORK_OF_ART_NOUNS:
        return True
    plural = low.endswith("s") and not low.endswith(("ss", "'s", "’s"))
    if plural and cue in WORK_OF_ART_VERBS:
        return False
    return word[:1].isupper() or any(ch.isdigit() for ch in word) or "-" in word.strip("-")


def _opens_noun_phrase(word: str, cue: str) -> bool:
    """A determiner, possessive or (before a cue that is no verb) demonstrative ("the", "her",
    "Scorsese's", "this")."""
    low = word.lower()
    if low in _NOUN_OPENERS_ONLY:
        return cue not in WORK_OF_ART_VERBS
    return low in _NOUN_PHRASE_OPENERS or (len(low) > 2 and low.endswith(("'s", "’s")))


def _cue_heads_noun_phrase(words: Sequence[str]) -> bool:
    """The last word is a work-of-art noun heading a noun phrase: an opener before it, with
    at most `_MAX_MODIFIERS` modifiers between ("the film", "her new novel", "the TV series");
    not a verb ("polls show Clinton", "the figures show Trump", "Arsenal will play Liverpool")."""
    cue = words[-1].lower() if words else ""
    if cue not in WORK_OF_ART_NOUNS:
        return False
    for word in reversed(words[-2 - _MAX_MODIFIERS:-1]):
        if word[-1:] in ".!?;:":
            return False  # the sentence before ends here
        if _opens_noun_phrase(word, cue):
            return True
        if not _is_modifier(word, cue):
            return False
    return False


def _titled_as_work(m: Mention, texts: dict[str, str]) -> bool:
    """The mention is the whole title after "the film", "her book" ... ("the film Aviator"; not
    the "Clinton" of "the book Clinton Cash", whose title runs on)."""
    after = texts.get(m.doc_id, "")[m.end:m.end + 2]
    if len(after) == 2 and after[0] == " " and after[1].isupper():
        return False  # the title runs on
    context = title_context(m, texts)
    if context.comma and not context.quoted:
        return False  # "In the book, Byrne says": a name after the clause, not a title
    return _cue_heads_noun_phrase(context.words)


def work_of_art_noun(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """A title right after "the film", "her book", "the TV series" ... is a work of art ("the
    film Aviator"), unless the tagger calls the name a person more than twice as often as the
    cue is seen: a name the corpus uses for a person keeps its type."""
    n = sum(1 for m in mentions if _titled_as_work(m, texts))
    if not n or tagger_votes(mentions)["PERSON"] > 2 * n:
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


def _prefixed(m: Mention, texts: dict[str, str]) -> bool:
    """A qualifying prefix is joined to the name ("ex-Yukos"), titles aside ("ex-President Trump")."""
    if m.titled:
        return False
    before = texts.get(m.doc_id, "")[max(0, m.start - 8):m.start].lower()
    return m.qualifier.endswith("-") or before.endswith(NAME_PREFIX_QUALIFIERS)


def _after_a_first_name(surface: str, doc_ids: set[str], texts: dict[str, str]) -> bool:
    """The articles write the name after a capitalised word that is no title or function word:
    a surname ("Donald Trump"), not a company ("Shares in Yukos", "Former Yukos boss")."""
    pattern = re.compile(r"\b([A-Z][a-z]+)\s+" + re.escape(surface) + r"\b")
    return any(m.group(1).lower() not in _NOT_FIRST_NAMES
               for doc_id in sorted(doc_ids) for m in pattern.finditer(texts.get(doc_id, "")))


def prefixed_organisation(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """"ex-Yukos boss" is a former boss of an organisation: when the tagger calls the name an
    organisation at least as often as a person, each "ex-" mention is a vote for ORG ("Shares
    in Yukos fell ... the ex-Yukos boss ... Yukos was", not a tie given to PERSON). A name the
    tagger calls a person more often, or that the articles write after a first name, keeps its
    type ("Donald Trump ... an ex-Trump aide")."""
    n = sum(1 for m in mentions if _prefixed(m, texts))
    labels = tagger_votes(mentions)
    if not n or not labels["ORG"] or labels["ORG"] < labels["PERSON"]:
        return None
    if _after_a_first_name(surface, {m.doc_id for m in mentions}, texts):
        return None
    return Evidence("ORG", n, f"an organisation with a prefix joined to it, as the tagger says ({n}×)")


def added_as_place(mentions: Sequence[Mention], surface: str, texts: dict[str, str]) -> Evidence | None:
    """A place the stage found where the tagger gave no span (`inside.ADDED_PLACE_SOURCES`:
    "West Bank" of "West Bank Health Ministry", an untagged name in a list of places) has no
    tagger label: each such mention votes for the place as the tagger would have (a named region
    for LOC), so that an organisation word in a place's own name ("Bank") does not outvote it."""
    n = sum(1 for m in mentions if m.source in ADDED_PLACE_SOURCES)
    if not n:
        return None
    return Evidence("LOC" if _gazetteer_kind(surface) == "region" else "GPE", n,
                    f"a place named inside an organisation's name or in a list of places ({n}×)")


TYPE_EVIDENCE: tuple[Weigh, ...] = (gazetteer_place, gazetteer_demonym, organisation_word, role_noun, platform_name,
                                    party_name, work_of_art_noun, award_name, prefixed_organisation,
                                    added_as_place)
"""The evidence weighed in a type vote, in the order its reasons are shown."""


@dataclass(frozen=True)
class LastWords:
    """The corpus's names of two words or more, by their last name token ("trump")."""

    people: dict[str, Counter]
    """Last token -> the people's names ending in it ("Donald Trump"), with their mentions."""
    others: Counter
    """Last token -> mentions of the organisations' and places' names ending in it."""


def last_words(names: Iterable[tuple[str, str, int]]) -> LastWords:
    """The last words of the corpus's names, from each group's (spelling, type, number of mentions).

    A person's name counts when its first word could be a first name ("Among Latinos", a
    tagger's PERSON, does not make "Latinos" a surname); a hyphen joins no first name
    ("anti-Clinton", "Obama-Clinton" are one word)."""
    people: dict[str, Counter] = defaultdict(Counter)
    others: Counter = Counter()
    for surface, etype, n in names:
        words, tokens = surface.split(), name_tokens(surface)
        if len(words) < 2 or len(tokens) < 2:
            continue
        if etype == "PERSON" and words[0].lower() not in _NOT_FIRST_NAMES:
            people[tokens[-1]][surface] += n
        elif etype == "ORG" or etype in PLACE_TYPES:
            others[tokens[-1]] += n
    return LastWords(dict(people), others)


def surname_of_people(mentions: Sequence[Mention], key: str, vote: TypeVote, last: LastWords) -> Evidence | None:
    """A one-word name that is the surname of people the corpus names ("Trump": Donald, Melania
    Trump) is a person, though the tagger splits its labels between ORG and PERSON: one vote
    per mention for PERSON, as much as the tagger.

    Only for a name the vote did not already make a person ("Ford", with Ford Motor and no
    person Ford, stays a company), whose tagger labels are PERSON at least
    `_SURNAME_PERSON_SHARE` of the time ("Washington", mostly a place, stays a place), and
    which ends people's names `_SURNAME_OVER_OTHERS` times as often as organisations' or
    places' ("Bragg" of Fort Bragg, though Braxton Bragg is named). A country or capital the
    gazetteer knows still outweighs it ("Jordan", though Michael Jordan is named)."""
    people = last.people.get(key)
    if vote.type == "PERSON" or len(key.split()) != 1 or not people:
        return None
    if sum(people.values()) < _SURNAME_OVER_OTHERS * last.others[key]:
        return None
    labels = Counter(m.label for m in mentions if m.label)
    if not labels["PERSON"] or labels["PERSON"] < _SURNAME_PERSON_SHARE * sum(labels.values()):
        return None
    names = sorted(people, key=lambda s: (-people[s], s))[:_SURNAME_EXAMPLES]
    return Evidence("PERSON", max(1, len(mentions)), f"the surname of people the corpus names ({', '.join(names)})")
