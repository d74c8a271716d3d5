"""The merge rules, in order: each joins name groups into one entity and says why.

A rule is a function of the `CorpusGroups` that returns its `Link`s; it merges through
`CorpusGroups.join`, so later rules (and later merges of the same rule) see its merges. Wrong
merges are worse than missed ones: a short form with several candidates stays apart.
The rule names are the `rule` column of `entity_merges.csv`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz

from ..gazetteer import countries
from ..text.english import PARTY_FORMS_NEEDING_SUPPORT, PARTY_MEMBER_FORMS
from ..text.labels import PLACE_TYPES
from ..text.names import is_acronym
from .groups import CorpusGroups, Group, mention_key
from .names import (
    compatible_person_names,
    fuzzy_key,
    initials,
    name_key,
    name_tokens,
    same_token,
    skeleton,
    translated_name,
    transliteration_variants,
)
from .records import Link
from .voting import PARTY_KEYS, is_platform

MergeRule = Callable[[CorpusGroups], list[Link]]
"""A merge rule: the corpus groups -> the merges it made."""
SHORT_FORM_IN_ARTICLE = "short form in article"
"""The rule name of a surname that joins a person only in the articles that name that person."""
_NOT_PEOPLE = PLACE_TYPES | {"NORP"}
"""Types a one-word name voted into is not taken for a surname (unless the tagger said PERSON)."""
_ORGANISATION_TYPES = frozenset({"ORG", "NORP"})
"""Types of the names the `translation` rule compares (a tagged group of people may be a movement)."""


def _multi_word_persons(corpus: CorpusGroups) -> list[str]:
    """Keys of person groups with more than one token, fullest first."""
    persons = sorted((k for k, g in corpus.groups.items() if g.type == "PERSON"), key=lambda k: (-len(k.split()), k))
    return [k for k in persons if len(k.split()) > 1]


def transliteration(corpus: CorpusGroups) -> list[Link]:
    """Spellings of one name join: same type, token count and consonant skeletons, close spelling."""
    by_fuzzy: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, g in sorted(corpus.groups.items()):
        if len(key.replace(" ", "")) >= 4 and not is_acronym(g.best_surface()):
            by_fuzzy[(g.type, fuzzy_key(key))].append(key)
    links = []
    for (gtype, fkey), keys in sorted(by_fuzzy.items()):
        for i, base in enumerate(keys):
            for other in keys[i + 1:]:
                if corpus.find(base) == corpus.find(other) or not transliteration_variants(base, other):
                    continue
                if _two_known_places(corpus.groups[base], corpus.groups[other]):
                    continue  # Hebei and Hubei are two provinces, not two spellings
                if corpus.can_join(base, other, gtype == "PERSON"):
                    detail = f"same consonant skeleton '{fkey}', spelling {fuzz.ratio(base, other):.0f}% alike"
                    links.append(corpus.join(other, base, "transliteration", detail))
    return links


def _two_known_places(a: Group, b: Group) -> bool:
    """Both names are places the gazetteer knows, so different places (spellings of one
    country are joined by `country_names`)."""
    return countries.place_kind(a.best_surface()) is not None and countries.place_kind(b.best_surface()) is not None


def country_names(corpus: CorpusGroups) -> list[Link]:
    """Short, official and abbreviated names of one country join (Britain, UK, U.K., Great
    Britain, United Kingdom; US, U.S., USA, America, United States), from the gazetteer's
    country names and `curated.COUNTRY_SHORT_NAMES`; only names typed as places."""
    by_country: dict[str, list[str]] = defaultdict(list)
    for key, g in sorted(corpus.groups.items()):
        country = countries.country_name(g.best_surface()) if g.type in PLACE_TYPES else None
        if country:
            by_country[country].append(key)
    links = []
    for country, keys in sorted(by_country.items()):
        head = corpus.head(keys)
        for key in keys:
            if corpus.find(key) != corpus.find(head) and corpus.can_join(key, head, False):
                detail = f"'{corpus.groups[key].best_surface()}' is a name of the country {country}"
                links.append(corpus.join(key, head, "country name", detail))
    return links


def translation(corpus: CorpusGroups) -> list[Link]:
    """An organisation's name and its translation join: every word matches once translated by
    `ORG_NAME_TRANSLATIONS`, connectors aside and in any order ("Jabhat al-Nusra", "Nusra Front")."""
    by_words: dict[tuple[str, ...], list[str]] = defaultdict(list)
    translated: set[str] = set()
    for key, g in sorted(corpus.groups.items()):
        if g.type in _ORGANISATION_TYPES and g.n_tokens >= 2:
            t = translated_name(g.best_surface())
            by_words[t.words].append(key)
            if t.translated:
                translated.add(key)
    links = []
    for words, keys in sorted(by_words.items()):
        if len(keys) < 2 or not any(k in translated for k in keys):
            continue  # no translation between them: "Freedom Party", "Party of Freedom" stay apart
        head = corpus.head(keys)
        for key in keys:
            if corpus.find(key) != corpus.find(head) and corpus.can_join(key, head, False):
                detail = (f"'{corpus.groups[key].best_surface()}' and '{corpus.groups[head].best_surface()}' "
                          f"are one name once translated ({' '.join(words)})")
                links.append(corpus.join(key, head, "translation", detail))
    return links


def _party_support(present: list[str], party_key: str) -> bool:
    """The corpus names the party clearly: by its full name, by a form with no other sense, or by two forms."""
    return party_key in present or any(k not in PARTY_FORMS_NEEDING_SUPPORT for k in present) or len(present) >= 2


def party_members(corpus: CorpusGroups) -> list[Link]:
    """A party's name and the names of its members join where the text supports it
    (`PARTY_MEMBER_FORMS`: Tory, Tories, Conservatives and the Conservative Party)."""
    links = []
    for party, forms in PARTY_MEMBER_FORMS.items():
        party_key = name_key(party)
        wanted = dict.fromkeys([party_key, *(name_key(f) for f in forms)])
        present = [k for k in wanted if k in corpus.groups and corpus.groups[k].type != "PERSON"]
        if len(present) < 2 or not _party_support(present, party_key):
            continue
        head = party_key if party_key in present else corpus.head(present)
        for key in present:
            if corpus.find(key) != corpus.find(head) and corpus.can_join(key, head, False):
                detail = f"'{corpus.groups[key].best_surface()}' names the {party} or its members"
                links.append(corpus.join(key, head, "party member form", detail))
    return links


def longer_form(corpus: CorpusGroups) -> list[Link]:
    """A person's name joins the only fuller name it is an ordered part of, with the same surname."""
    multi = _multi_word_persons(corpus)
    by_surname: dict[str, list[str]] = defaultdict(list)  # skeleton of the last token -> names
    for k in multi:
        by_surname[skeleton(k.split()[-1])].append(k)
    links = []
    for b in multi:  # fullest names first
        longer = [a for a in by_surname[skeleton(b.split()[-1])]
                  if len(a.split()) > len(b.split()) and compatible_person_names(a, b)]
        roots = sorted({corpus.find(a) for a in longer} - {corpus.find(b)})
        if len(roots) == 1 and corpus.can_join(b, roots[0], True):
            a = corpus.head(corpus.cluster(roots[0]))
            detail = (f"'{corpus.groups[b].best_surface()}' is part of "
                      f"'{corpus.groups[a].best_surface()}' (same surname)")
            links.append(corpus.join(b, a, "longer form", detail))
        elif len(roots) > 1:
            corpus.ambiguous[b] = [corpus.cluster_name(r) for r in roots]
    return links


def abbreviation(corpus: CorpusGroups) -> list[Link]:
    """An acronym joins its only expansion (U.N., UN → United Nations)."""
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k, g in corpus.groups.items():
        ini = initials(g.best_surface())
        if ini:
            by_initials[ini].append(k)
    links = []
    for key, g in sorted(corpus.groups.items()):
        surface = g.best_surface()
        if not is_acronym(surface):
            continue
        acro = surface.replace(".", "").replace(" ", "").upper()
        expansions = sorted({corpus.find(k) for k in by_initials.get(acro, []) if k != key})
        if corpus.find(key) in expansions:
            continue  # already with its expansion (a country's names, a party's forms)
        if len(expansions) == 1 and corpus.can_join(key, expansions[0], False):
            detail = f"'{surface}' is the initials of '{corpus.cluster_name(expansions[0])}'"
            links.append(corpus.join(key, expansions[0], "abbreviation", detail))
    return links


def _is_country_prefix(prefix: str) -> bool:
    return bool(prefix) and (countries.country_name(prefix) is not None
                             or countries.country_of_demonym(prefix) is not None)


def short_form_without_country(corpus: CorpusGroups) -> list[Link]:
    """An organisation joins the only one named the same after a country ("US State Department")."""
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for k, g in corpus.groups.items():
        if g.type == "ORG":
            words = k.split()
            for i in range(1, len(words)):
                by_suffix[" ".join(words[i:])].append(k)
    links = []
    for key, g in sorted(corpus.groups.items()):
        if g.type != "ORG" or g.n_tokens < 2:
            continue
        longer = sorted({corpus.find(k) for k in by_suffix.get(key, []) if _is_country_prefix(k[: -len(key)].strip())})
        if len(longer) == 1 and corpus.can_join(key, longer[0], False):
            detail = f"'{g.best_surface()}' is '{corpus.cluster_name(longer[0])}' without its country"
            links.append(corpus.join(key, longer[0], "short form", detail))
    return links


def plural(corpus: CorpusGroups) -> list[Link]:
    """The plural and singular of one demonym are one group of people ("Russians", "Russian").

    Not a party's forms ("Republicans" is the party, "Republican" an adjective), nor the user's
    never-merge pairs.
    """
    groups = corpus.groups
    links = []
    for key, g in sorted(groups.items()):
        if key in PARTY_KEYS or key[:-1] in PARTY_KEYS:
            continue
        if g.type == "NORP" and key.endswith("s") and key[:-1] in groups and groups[key[:-1]].type == "NORP" \
                and corpus.find(key) != corpus.find(key[:-1]) and corpus.can_join(key, key[:-1], False):
            detail = f"'{g.best_surface()}' is the plural of '{groups[key[:-1]].best_surface()}'"
            links.append(corpus.join(key, key[:-1], "plural", detail))
    return links


def _may_be_surname(corpus: CorpusGroups, key: str, g: Group) -> bool:
    """A one-word group not yet merged, and a person's name unless its vote says a place or a people."""
    if g.n_tokens != 1 or corpus.find(key) != key or is_platform(key) or key in PARTY_KEYS:
        return False
    tagger_person = sum(1 for m in g.mentions if m.label == "PERSON") * 2 > len(g.mentions)
    return tagger_person or not (g.type in _NOT_PEOPLE or
                                 (g.type != "PERSON" and countries.place_kind(g.best_surface())))


def _surname_candidates(corpus: CorpusGroups, key: str, roots: Iterable[str]) -> list[str]:
    """Person clusters with a full name whose surname is `key`, the user's never-merge pairs aside."""
    groups = corpus.groups
    cands = sorted(r for r in {corpus.find(r) for r in roots}
                   if any(name_tokens(k)[-1] == key or same_token(name_tokens(k)[-1], key)
                          for k in corpus.cluster(r) if groups[k].n_tokens > 1))
    return [r for r in cands
            if (key, r) not in corpus.never and all((key, k) not in corpus.never for k in corpus.cluster(r))]


def _join_within_articles(corpus: CorpusGroups, key: str, g: Group, cands: list[str]) -> Link | None:
    """An ambiguous surname joins, article by article, the only candidate named in that article."""
    docs_of = {r: {m.doc_id for k in corpus.cluster(r) for m in corpus.groups[k].mentions} for r in cands}
    unresolved = 0
    for m in g.mentions:
        here = [r for r in cands if m.doc_id in docs_of[r]]
        if len(here) == 1:
            corpus.in_article[mention_key(m)] = here[0]
        else:
            unresolved += 1
    names = [corpus.cluster_name(r) for r in cands]
    corpus.ambiguous[key] = names
    if unresolved == len(g.mentions):
        return None
    return Link(key, "", SHORT_FORM_IN_ARTICLE, "joins the person of that surname named in the same article; "
                f"left apart elsewhere (could be {' or '.join(names)})")


def short_form_surname(corpus: CorpusGroups) -> list[Link]:
    """A surname joins the only person who has it; else, per article, the one named there.

    Elsewhere an ambiguous surname stays apart, and is noted in `CorpusGroups.ambiguous`.
    """
    surname_roots: dict[str, set[str]] = defaultdict(set)  # skeleton of a surname -> person clusters
    for k in _multi_word_persons(corpus):
        surname_roots[skeleton(name_tokens(k)[-1])].add(corpus.find(k))
    links = []
    for key, g in sorted(corpus.groups.items()):
        if not _may_be_surname(corpus, key, g):
            continue
        cands = _surname_candidates(corpus, key, surname_roots.get(skeleton(key), ()))
        if len(cands) == 1:
            detail = f"the only person named '{corpus.cluster_name(cands[0])}' with this surname"
            links.append(corpus.join(key, cands[0], "short form", detail))
        elif len(cands) > 1:
            link = _join_within_articles(corpus, key, g, cands)
            if link is not None:
                links.append(link)
    return links


MERGE_RULES: tuple[MergeRule, ...] = (
    transliteration,
    country_names,
    translation,
    party_members,
    longer_form,
    abbreviation,
    short_form_without_country,
    plural,
    short_form_surname,
)
"""The merge rules, in the order they run."""


def apply_merge_rules(corpus: CorpusGroups, rules: Iterable[MergeRule] = MERGE_RULES) -> list[Link]:
    """Run the merge rules in order; return every merge they made."""
    links: list[Link] = []
    for rule in rules:
        links.extend(rule(corpus))
    return links
