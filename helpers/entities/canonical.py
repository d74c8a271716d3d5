"""One canonical entity per real-world actor, from the tagger's noisy mentions.

The spaCy small pipeline is often wrong on news: it tags provinces as people, hashtags as
people, envoys as organisations, and cuts names short. This module corrects it at corpus
level, with rules that hold for any English news corpus (nothing here names this corpus's
actors), and records the reason for every change so an analyst can audit it:

1. **Surface clean-up** of each mention: line breaks, leading determiners and titles
   ("the", "President", "Foreign Minister"), possessives, broken spans ("the Syrian
   Observatory for" is extended over "Human Rights"; "U.S credibility & humiliates" is cut
   back to "U.S"), directional qualifiers kept aside ("northwestern Syria" → Syria), and
   hashtags, handles, dates and lone generic words dropped.
2. **Grouping** by a normalised key (case, accents, dots, Arabic article particles:
   "Bashar al-Assad" = "Bashar al Assad" = "Bashar Assad").
3. **One type per entity** from a corpus-wide vote, weighted by evidence: gazetteer places,
   demonyms, stripped titles and role appositions ("X, the UN envoy"), organisation heads
   ("... Institute", "Jabhat ...").
4. **Merging**, where wrong merges are worse than missed ones: transliteration variants by a
   consonant-skeleton key and fuzzy ratio (Muallem, Moallem); a short form joins the only
   compatible full name (in the article first, then in the corpus) and stays apart when
   ambiguous; two full names merge only when compatible (same surname, one an ordered part
   of the other), so Bashar and Hafez Assad stay apart; abbreviations join their unique
   expansion (U.N., UN → United Nations); a country-prefixed organisation joins its short
   form when unique.
5. **Propagation**: unambiguous names of the resulting entities are found again where the
   tagger missed them (one sense per corpus), marked `source = propagated`.
6. **Demonyms** are linked to their country as a relation, never merged (Iranian → Iran).
7. **User overrides** (`data/aliases.csv`) are applied last.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from ..gazetteer import countries

ENTITY_LABELS: frozenset[str] = frozenset({
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
"""spaCy labels kept as entities; dates, numbers and quantities belong to later notebooks."""

PLACE_TYPES: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
TYPE_ORDER: tuple[str, ...] = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                               "WORK_OF_ART", "LAW")
"""Tie-break order when a type vote is even."""

# --- lexicons (small, documented, generic English news usage) ---------------------------

DETERMINERS = frozenset({"the", "a", "an"})
NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "ez", "es", "et", "ul"})
"""Arabic article forms, dropped from matching keys only (they stay in the names shown)."""
LOWER_NAME_WORDS = frozenset({
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "ez", "es", "et", "ul", "bin", "ibn",
    "bint", "abu", "abd", "de", "del", "della", "der", "di", "da", "du", "dos", "das", "van", "von",
    "den", "la", "le", "y", "of", "for", "and", "the", "on", "in", "&"})
"""Lower-case words that may stand inside a name ("Staffan de Mistura", "Council on ...")."""
CONNECTORS = frozenset({"of", "for", "and", "&", "on", "in", "the", "de"})
_EXTEND_AFTER = frozenset({"of", "for", "on", "in"})
"""A span the tagger ended on one of these words is extended over the capitalised words after."""
_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                         "january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december", "today", "tomorrow", "yesterday"})

STRONG_TITLES = frozenset({
    "president", "mr", "mrs", "ms", "miss", "dr", "sheikh", "sheik", "ayatollah", "senator", "sen",
    "prime", "premier", "king", "queen", "prince", "princess", "emir", "sultan", "pope",
    "chancellor", "ambassador", "envoy", "spokesman", "spokeswoman", "secretary-general",
})
"""Titles that never begin an organisation's or a place's name; stripped from any mention."""
TITLE_WORDS = STRONG_TITLES | frozenset({
    "minister", "secretary", "general", "gen", "foreign", "defense", "defence", "interior",
    "finance", "deputy", "vice", "state", "of", "lt", "col", "colonel", "maj", "major", "capt",
    "captain", "adm", "admiral", "sgt", "sergeant", "rep", "representative", "gov", "governor",
    "mayor", "judge", "justice", "chief", "commander", "director", "chairman", "chairwoman",
    "speaker", "leader", "supreme", "crown", "marshal", "field", "rev", "reverend", "imam",
    "cardinal", "bishop", "professor", "prof", "officer", "official", "spokesperson",
    "attorney", "counsel", "adviser", "advisor", "special", "security", "head", "former",
    "acting", "presidential", "candidate", "lawmaker", "mp", "mep", "secretary-general", "un",
    "u.n.", "us", "u.s.",
})
"""Words of a title before a person's name ("Secretary of State", "Deputy Foreign Minister")."""
ROLE_NOUNS = frozenset({
    "envoy", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "ambassador", "official", "director", "professor", "leader", "chief", "general", "commander",
    "analyst", "expert", "adviser", "advisor", "head", "chairman", "chairwoman", "governor",
    "mayor", "senator", "lawmaker", "diplomat", "researcher", "correspondent", "reporter",
    "editor", "founder", "ceo", "premier", "king", "queen", "prince", "emir", "cleric", "activist",
    "lawyer", "judge", "candidate", "negotiator", "mediator", "colonel", "officer", "coordinator",
})
"""Nouns that describe a person in apposition ("X, the UN envoy for Syria")."""
ORG_HEADS = frozenset({
    "institute", "university", "department", "ministry", "front", "party", "army", "observatory",
    "council", "agency", "program", "programme", "commission", "committee", "organization",
    "organisation", "group", "brigade", "brigades", "movement", "forces", "force", "company",
    "corporation", "corp", "inc", "ltd", "bank", "news", "times", "post", "network", "office",
    "service", "services", "court", "union", "league", "association", "foundation", "fund",
    "alliance", "coalition", "center", "centre", "college", "school", "board", "authority",
    "assembly", "parliament", "senate", "congress", "guard", "guards", "police", "navy",
    "battalion", "militia", "federation", "society", "press", "tv", "radio", "daily", "gazette",
    "journal", "herald", "tribune", "telegraph", "channel", "bureau", "administration",
})
"""Last words that make a name an organisation's ("... Institute", "Nusra Front")."""
ORG_LEADS = frozenset({"jabhat", "hizb", "harakat", "jaish", "liwa", "hay'at", "tahrir", "ansar",
                       "kataib", "saraya", "bank", "university"})
"""First words that make a name an organisation's (Arabic: jabhat = front, hizb = party, ...)."""
GENERIC_WORDS = frozenset({
    "state", "government", "ministry", "army", "parliament", "council", "department", "office",
    "administration", "regime", "police", "forces", "coalition", "opposition", "president",
    "minister", "court", "congress", "senate", "house", "republic", "kingdom", "union", "west",
    "east", "north", "south", "country", "city", "province", "region", "capital",
})
"""A mention that is only one of these words names nothing in particular."""
DIRECTIONS = frozenset({
    "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
    "southwestern", "north-eastern", "north-western", "south-eastern", "south-western",
    "central", "northeast", "northwest", "southeast", "southwest"})
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "oct", "nov", "dec")
_MONTH_DAY_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\b\.?\s*\d|\d\s*(" + "|".join(MONTHS) + r")\b",
                           re.IGNORECASE)
_WORD_RE = re.compile(r"\S+")
_PARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|as|ash|ad|ar|at|az|an|ed|ez|es|et|ul|ut|bin|ibn|abu|abd|bint|d|l)[-’'](?=\w)")


# --- records ------------------------------------------------------------------------------


@dataclass(slots=True)
class Mention:
    """One mention of an entity in one article; offsets into the article text.

    Slotted: a large corpus holds hundreds of thousands of them.
    """

    doc_id: str
    sent_id: int
    start: int
    end: int
    text: str
    label: str
    """The tagger's label (empty for propagated mentions)."""
    qualifier: str = ""
    """A qualifier kept aside by clean-up ("northwestern" for "northwestern Syria")."""
    source: str = "model"
    """`model` (the tagger found it) or `propagated` (found again by name)."""
    titled: bool = False
    """A personal title stood before it (evidence for PERSON)."""
    hashtag: bool = False
    role: bool = False
    """A role noun describes it in apposition ("X, the UN envoy"): evidence for PERSON."""
    entity_id: str = ""
    type: str = ""


@dataclass
class Dropped:
    """A tagger span that is not an entity, and why."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    reason: str


@dataclass
class Merge:
    """Why a surface form belongs to an entity."""

    entity_id: str
    name: str
    alias: str
    rule: str
    detail: str
    n_mentions: int


@dataclass
class Relation:
    """A link between an entity and another (a demonym and its country)."""

    entity_id: str
    relation: str
    target_name: str
    target_entity_id: str
    detail: str


@dataclass
class EntityResult:
    """Everything the canonicalisation produced, as tables."""

    mentions: pd.DataFrame
    entities: pd.DataFrame
    merges: pd.DataFrame
    dropped: pd.DataFrame
    relations: pd.DataFrame


MENTION_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "label", "entity_id", "type",
                   "qualifier", "source"]
ENTITY_COLUMNS = ["entity_id", "name", "type", "aliases", "n_mentions", "n_docs"]
MERGE_COLUMNS = ["entity_id", "name", "alias", "rule", "detail", "n_mentions"]
DROPPED_COLUMNS = ["doc_id", "start", "end", "text", "label", "reason"]
RELATION_COLUMNS = ["entity_id", "relation", "target_name", "target_entity_id", "detail"]


# --- normalisation ------------------------------------------------------------------------


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
    text = re.sub(r"\b((?:[a-z]\.)+[a-z])\.?(?=\W|$)", lambda m: m.group(1).replace(".", ""), text)
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
    table = str.maketrans({"q": "k", "c": "k", "z": "s", "j": "g", "v": "f", "p": "b"})
    head, rest = token[0].translate(table), token[1:].translate(table)
    rest = re.sub(r"[aeiouhwy]", "", rest)
    out = head
    for ch in rest:
        if ch != out[-1]:
            out += ch
    return out


def fuzzy_key(surface: str) -> str:
    """Skeleton key of a whole name (`Walid al-Moallem` → `wld mlm`)."""
    return " ".join(skeleton(t) for t in name_tokens(surface))


def is_acronym(surface: str) -> bool:
    """`UN`, `U.N.`, `NATO`: 2 to 6 capitals, with or without dots."""
    compact = surface.replace(".", "").replace(" ", "")
    return 2 <= len(compact) <= 6 and compact.isalpha() and compact.isupper()


def initials(surface: str) -> str:
    """Initials of the capitalised words of a name, skipping connectors (`United Nations` → `UN`)."""
    words = [w for w in re.split(r"[\s\-]+", strip_accents(surface)) if w]
    words = [w for w in words if w.lower() not in CONNECTORS | DETERMINERS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words).upper()


# --- step 1: clean-up of one mention ------------------------------------------------------


@dataclass
class Cleaned:
    start: int
    end: int
    qualifier: str = ""
    titled: bool = False
    hashtag: bool = False


def clean_span(text: str, start: int, end: int, label: str) -> Cleaned | str:
    """Clean one tagger span of `text`; return the cleaned offsets, or why it is not an entity."""
    span = text[start:end]
    titled = False
    # Line breaks never stand inside a name: keep the first line that has letters.
    if "\n" in span:
        for piece in re.finditer(r"[^\n]+", span):
            if re.search(r"[A-Za-z]", piece.group()):
                start, end = start + piece.start(), start + piece.end()
                break
        span = text[start:end]
    start, end = _strip(text, start, end)

    # A span cut short before a connector and a capitalised continuation is extended.
    words = list(_WORD_RE.finditer(text[start:end]))
    if words and words[-1].group().lower() in _EXTEND_AFTER:
        end = _extend_name(text, end)

    # A span running on into ordinary lower-case words is cut before them.
    words = list(_WORD_RE.finditer(text[start:end]))
    for i, w in enumerate(words):
        token = w.group()
        bare = token.strip(".,;:!?\"'“”‘’()")
        if i > 0 and bare and bare[0].islower() and bare.lower() not in LOWER_NAME_WORDS \
                and not _PARTICLE_PREFIX_RE.match(bare):
            end = start + w.start()
            break
    start, end = _strip(text, start, end)
    words = list(_WORD_RE.finditer(text[start:end]))
    while words and words[-1].group().lower() in CONNECTORS:
        end = start + words[-1].start()
        start, end = _strip(text, start, end)
        words = list(_WORD_RE.finditer(text[start:end]))

    # Leading determiners and titles ("Prime Minister X": once a strong title is seen, the
    # rest of the title goes too, whatever the label).
    titles = TITLE_WORDS if label == "PERSON" else STRONG_TITLES
    while True:
        words = list(_WORD_RE.finditer(text[start:end]))
        if len(words) < 2:
            break
        first = words[0].group().lower().rstrip(".")
        if first in DETERMINERS:
            start = start + words[1].start()
            continue
        if first in titles or (label == "PERSON" and countries.country_of_demonym(first)
                               and words[1].group().lower().rstrip(".") in TITLE_WORDS):
            titled = titled or first in STRONG_TITLES or first in TITLE_WORDS
            if first in STRONG_TITLES:
                titles = TITLE_WORDS
            start = start + words[1].start()
            continue
        break

    # Possessives.
    m = re.search(r"(?:'s|’s|'|’)$", text[start:end])
    if m and end - start > len(m.group()) + 1:
        end = start + m.start()
    start, end = _strip(text, start, end)
    span = text[start:end]

    # Hashtags and handles (the tagger drops the sign but keeps the word).
    hashtag = span.startswith(("#", "@")) or (start > 0 and text[start - 1] in "#@")
    if span.startswith(("#", "@")):
        start += 1
        span = text[start:end]

    # A directional qualifier before a place is kept aside ("northwestern Syria" → Syria).
    qualifier = ""
    words = list(_WORD_RE.finditer(span))
    if len(words) >= 2 and words[0].group().lower() in DIRECTIONS and label in PLACE_TYPES | {"NORP"} \
            and countries.place_kind(span) is None:
        qualifier = words[0].group().lower()
        start = start + words[1].start()
        span = text[start:end]

    if not re.search(r"[A-Za-z]", span) or len(span) < 2:
        return "no letters" if not re.search(r"[A-Za-z]", span) else "too short"
    if hashtag and not span[:1].isupper():
        return "hashtag or handle"
    if not any(ch.isupper() for ch in span):
        return "not a name (no capital letter)"
    if _MONTH_DAY_RE.search(span):
        return "a date, not an entity"
    if len(span.split()) == 1 and span.lower().rstrip(".") in GENERIC_WORDS:
        return "a generic word, not a name"
    return Cleaned(start=start, end=end, qualifier=qualifier, titled=titled, hashtag=hashtag)


def _extend_name(text: str, end: int) -> int:
    """Extend a name cut short after "for"/"of" over the capitalised words that follow.

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
        if bare.lower() in _EXTEND_AFTER and bare == token:
            pos += m.end()  # kept only if a capitalised word follows
            continue
        break
    return best


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space and edge punctuation (keeping a final dot of an abbreviation)."""
    edge = " \t\r\n,;:!?\"“”‘'’()[]{}<>*_|/\\–—-"
    while start < end and text[start] in edge:
        start += 1
    while end > start and (text[end - 1] in edge or (text[end - 1] == "." and not _abbrev_dot(text, start, end))):
        end -= 1
    return start, end


def _abbrev_dot(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    return bool(re.search(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Inc|Corp|Ltd|Co|Jr|Sr|St)\.$", span))


# --- steps 2-7: corpus level ---------------------------------------------------------------


@dataclass
class _Group:
    """Mentions sharing one name key."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    evidence: list[str] = field(default_factory=list)
    type: str = ""

    @cached_property
    def surfaces(self) -> Counter:
        """Spellings and their counts (read only once the group is complete)."""
        return Counter(m.text for m in self.mentions)

    @cached_property
    def n_tokens(self) -> int:
        return len(self.key.split())

    @cached_property
    def _best(self) -> str:
        return _best_name(self.surfaces)

    def best_surface(self) -> str:
        return self._best


def _best_name(surfaces: Counter) -> str:
    """The name to show for a set of surface forms: the fullest, then the most frequent."""
    def score(item: tuple[str, int]) -> tuple:
        surface, count = item
        tokens = len(re.split(r"[\s\-]+", surface.strip()))
        return (not is_acronym(surface), tokens, count, -len(surface), surface)
    return max(surfaces.items(), key=score)[0]


def _slug(name: str) -> str:
    s = strip_accents(name).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"


def _vote(group: _Group, texts: dict[str, str]) -> None:
    """Decide a group's type: the tagger's labels, weighted by evidence."""
    votes: Counter = Counter()
    for m in group.mentions:
        if m.label:
            votes[m.label] += 1
        if m.titled:
            votes["PERSON"] += 2
    surface = group.best_surface()
    n = max(1, len(group.mentions))
    kind = countries.place_kind(surface)
    if kind == "province" and (surface.lower() in DIRECTIONS | {"west", "east", "north", "south", "capital",
                                                              "central", "western", "eastern", "northern",
                                                              "southern"} or countries.country_of_demonym(surface)):
        kind = None  # provinces called "Western" or "Central" say nothing about the word
    if kind is not None and not any(m.titled for m in group.mentions):
        target = "LOC" if kind == "region" else "GPE"
        # A province's name is often also a surname (Kerry, Rivera): it weighs as much as the
        # tagger, no more; countries, capitals and named regions weigh double.
        votes[target] += n if kind == "province" else 2 * n
        group.evidence.append(f"gazetteer: a known {kind}")
    if countries.country_of_demonym(surface) and kind is None:
        votes["NORP"] += 2 * n
        group.evidence.append(f"gazetteer: demonym of {countries.country_of_demonym(surface)}")
    words = [w.lower() for w in re.split(r"[\s\-]+", strip_accents(surface)) if w]
    if len(words) >= 2 and (any(w in ORG_HEADS for w in words[1:]) or words[0] in ORG_LEADS):
        votes["ORG"] += 2 * n
        group.evidence.append("organisation word in the name")
    roles = sum(1 for m in group.mentions if m.role or _role_before(m, texts))
    if roles:
        votes["PERSON"] += 2 * roles
        group.evidence.append(f"described by a role noun ({roles}×)")
    if not votes:
        votes["ORG"] += 1
    best = max(votes.items(), key=lambda kv: (kv[1], -TYPE_ORDER.index(kv[0]) if kv[0] in TYPE_ORDER else -99))
    group.votes = votes
    group.type = best[0]


def _role_before(m: Mention, texts: dict[str, str]) -> bool:
    """A role noun right before the name ("UN envoy Staffan de Mistura")."""
    before = texts.get(m.doc_id, "")[max(0, m.start - 40):m.start].split()
    return bool(before) and before[-1].lower().strip(",") in ROLE_NOUNS


def role_apposition(tokens: dict, start: int, end: int) -> bool:
    """A role noun in apposition to the span `start:end` ("X, the UN envoy for Syria").

    `tokens` is the article's column-wise token table (see helpers.extract.Annotation).
    """
    from bisect import bisect_left

    idx, deps, heads, lemmas = tokens["idx"], tokens["dep"], tokens["head"], tokens["lemma"]
    first, last = bisect_left(idx, start), bisect_left(idx, end)
    inside = range(first, last)
    if not inside:
        return False
    inside_set = set(inside)
    for i in range(inside[-1] + 1, min(len(idx), inside[-1] + 12)):
        if deps[i] == "appos" and heads[i] in inside_set and lemmas[i].lower() in ROLE_NOUNS:
            return True
    return False


class _UnionFind:
    """Union-find over group keys that also keeps each cluster's members."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}

    def find(self, x: str) -> str:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = [x]
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            self.parent[gone] = keep
            self.members[keep].extend(self.members.pop(gone))


def compatible_person_names(a: str, b: str) -> bool:
    """Two person names can be one person: same surname, and one's tokens an ordered part of
    the other's (`Mohammad Zarif` ~ `Mohammad Javad Zarif`; `Bashar Assad` !~ `Hafez Assad`)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if not _same_family(short[-1], long_[-1]):
        return False
    mid_a = [t for t in ta[1:-1] if len(t) == 1]
    mid_b = [t for t in tb[1:-1] if len(t) == 1]
    if mid_a and mid_b and mid_a != mid_b:
        return False  # George W. Bush is not George H. W. Bush
    it = iter(long_)
    return all(any(_same_family(s, t) for t in it) for s in short)


def _same_family(a: str, b: str) -> bool:
    """Tokens of one name family: equal, or long tokens with one consonant skeleton that do not
    differ only in a final vowel (Muhammad, Mohamed; not Maria, Mario; not John, Joan)."""
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or skeleton(a) != skeleton(b):
        return False
    return not (a[:-1] == b[:-1] and a[-1] in "aeiou" and b[-1] in "aeiou")


def _tok_eq(a: str, b: str) -> bool:
    """Two name tokens are one name: equal, or transliteration variants.

    Variants differ in inner vowels, doubled letters or an h (Muallem, Moallem; Mohammad,
    Muhammad). Short tokens (John, Joan) and tokens differing only in a final vowel, which in
    Latin-script names marks another person (Maria, Mario), are never variants.
    """
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or skeleton(a) != skeleton(b) or fuzz.ratio(a, b) < 75:
        return False
    if a[:-1] == b[:-1] and a[-1] in "aeiou" and b[-1] in "aeiou":
        return False
    return True


def transliteration_variants(a: str, b: str) -> bool:
    """Two names are spellings of one name: same number of tokens, each pair one name."""
    ta, tb = name_tokens(a), name_tokens(b)
    return len(ta) == len(tb) and ta != tb and all(_tok_eq(x, y) for x, y in zip(ta, tb))


@dataclass
class Override:
    """One row of the user's `aliases.csv`."""

    alias: str
    canonical: str
    type: str = ""
    rule: str = "same"
    """`same` (alias is canonical), `never` (never merge the two), `not_entity` (drop alias)."""
    line: int = 0


def read_overrides(path: Path | None) -> list[Override]:
    """Read `aliases.csv` (`alias, canonical, type, rule`); a missing file means no overrides."""
    if path is None or not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            if not row.get("alias"):
                continue
            rule = (row.get("rule") or "same").lower()
            if rule not in ("same", "never", "not_entity"):
                raise ValueError(f"{path.name} line {line}: rule must be same, never or not_entity, not {rule!r}")
            rows.append(Override(alias=row["alias"], canonical=row.get("canonical", ""),
                                 type=row.get("type", "").upper(), rule=rule, line=line))
    return rows


RawSpan = tuple  # (doc_id, sent_id, start, end, label[, role])


def canonicalize(raw: Iterable[RawSpan], texts: dict[str, str],
                 sents_by_doc: dict[str, Sequence[tuple[int, int]]] | None = None,
                 overrides: Sequence[Override] = (), propagate: bool = True) -> EntityResult:
    """Turn the tagger's spans into canonical entities.

    `raw` holds `(doc_id, sent_id, start, end, label)` spans, optionally with a sixth item,
    True when a role noun stands in apposition to the span (see `role_apposition`);
    `texts` maps doc_id to the article text; `sents_by_doc` (optional) gives sentence spans,
    so that propagated mentions get their `sent_id`.
    """
    mentions: list[Mention] = []
    dropped: list[Dropped] = []
    for doc_id, sent_id, start, end, label, *rest in raw:
        role = bool(rest[0]) if rest else False
        if label not in ENTITY_LABELS:
            continue
        text = texts[doc_id]
        cleaned = clean_span(text, start, end, label)
        if isinstance(cleaned, str):
            dropped.append(Dropped(doc_id, start, end, text[start:end], label, cleaned))
            continue
        mentions.append(Mention(doc_id=doc_id, sent_id=sent_id, start=cleaned.start, end=cleaned.end,
                                text=text[cleaned.start:cleaned.end], label=label,
                                qualifier=cleaned.qualifier, titled=cleaned.titled,
                                hashtag=cleaned.hashtag, role=role))

    # Hashtags count only when they repeat a name the articles also use as words.
    plain_keys = {name_key(m.text) for m in mentions if not m.hashtag}
    kept = []
    for m in mentions:
        if m.hashtag and name_key(m.text) not in plain_keys:
            dropped.append(Dropped(m.doc_id, m.start - 1, m.end, texts[m.doc_id][m.start - 1:m.end],
                                   m.label, "hashtag or handle naming no entity of the articles"))
        else:
            kept.append(m)
    mentions = _dedupe(kept)

    groups: dict[str, _Group] = {}
    for m in mentions:
        key = name_key(m.text)
        if not key:
            dropped.append(Dropped(m.doc_id, m.start, m.end, m.text, m.label, "empty after clean-up"))
            continue
        groups.setdefault(key, _Group(key=key)).mentions.append(m)
    for g in groups.values():
        _vote(g, texts)

    merges: list[tuple[str, str, str, str]] = []  # (from_key, to_key, rule, detail)
    ambiguous: dict[str, list[str]] = {}  # key -> the entities it could belong to
    uf = _UnionFind()
    for key in groups:
        uf.find(key)
    never = {(name_key(o.alias), name_key(o.canonical)) for o in overrides if o.rule == "never"}
    never |= {(b, a) for a, b in never}

    def cluster_keys(root: str) -> list[str]:
        return sorted(uf.members[uf.find(root)])

    def head(keys: list[str]) -> str:
        return max(keys, key=lambda k: (groups[k].n_tokens, len(groups[k].mentions), k))

    def can_join(a: str, b: str, person: bool) -> bool:
        ka, kb = cluster_keys(uf.find(a)), cluster_keys(uf.find(b))
        if any((x, y) in never for x in ka for y in kb):
            return False
        if person:
            ha, hb = head(ka), head(kb)
            if groups[ha].n_tokens > 1 and groups[hb].n_tokens > 1 and not compatible_person_names(ha, hb):
                return False
            full = max((ha, hb), key=lambda k: (groups[k].n_tokens, k))
            if not all(compatible_person_names(x, full) for x in ka + kb if groups[x].n_tokens > 1):
                return False
        return True

    # (a) transliteration variants: same token count, same skeletons, close spelling.
    by_fuzzy: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, g in sorted(groups.items()):
        if len(key.replace(" ", "")) >= 4 and not is_acronym(g.best_surface()):
            by_fuzzy[(g.type, fuzzy_key(key))].append(key)
    for (gtype, fkey), keys in sorted(by_fuzzy.items()):
        for i, base in enumerate(keys):
            for other in keys[i + 1:]:
                if uf.find(base) == uf.find(other) or not transliteration_variants(base, other):
                    continue
                if can_join(base, other, gtype == "PERSON"):
                    ratio = fuzz.ratio(base, other)
                    uf.union(base, other)
                    merges.append((other, base, "transliteration",
                                   f"same consonant skeleton '{fkey}', spelling {ratio:.0f}% alike"))

    # (b) person full names: one an ordered part of the other, same surname.
    persons = sorted((k for k, g in groups.items() if g.type == "PERSON"), key=lambda k: (-len(k.split()), k))
    multi = [k for k in persons if len(k.split()) > 1]
    by_surname: dict[str, list[str]] = defaultdict(list)  # skeleton of the last token -> names
    for k in multi:
        by_surname[skeleton(k.split()[-1])].append(k)
    for b in multi:  # fullest names first
        longer = [a for a in by_surname[skeleton(b.split()[-1])]
                  if len(a.split()) > len(b.split()) and compatible_person_names(a, b)]
        roots = sorted({uf.find(a) for a in longer} - {uf.find(b)})
        if len(roots) == 1 and can_join(b, roots[0], True):
            a = head(cluster_keys(roots[0]))
            uf.union(b, roots[0])
            merges.append((b, a, "longer form", f"'{groups[b].best_surface()}' is part of "
                                                f"'{groups[a].best_surface()}' (same surname)"))
        elif len(roots) > 1:
            ambiguous[b] = [_cluster_name(groups, cluster_keys(r)) for r in roots]

    # (c) abbreviations join their unique expansion.
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k, h in groups.items():
        ini = initials(h.best_surface())
        if ini:
            by_initials[ini].append(k)
    for key, g in sorted(groups.items()):
        surface = g.best_surface()
        if not is_acronym(surface):
            continue
        acro = surface.replace(".", "").replace(" ", "").upper()
        expansions = sorted({uf.find(k) for k in by_initials.get(acro, []) if k != key})
        if len(expansions) == 1 and can_join(key, expansions[0], False):
            target = expansions[0]
            merges.append((key, target, "abbreviation",
                           f"'{surface}' is the initials of '{_cluster_name(groups, cluster_keys(target))}'"))
            uf.union(key, target)

    # (d) an organisation named with a country prefix joins its unique short form.
    by_suffix: dict[str, list[str]] = defaultdict(list)
    for k, h in groups.items():
        if h.type == "ORG":
            words = k.split()
            for i in range(1, len(words)):
                by_suffix[" ".join(words[i:])].append(k)
    for key, g in sorted(groups.items()):
        if g.type != "ORG" or g.n_tokens < 2:
            continue
        longer = sorted({uf.find(k) for k in by_suffix.get(key, [])
                         if _is_country_prefix(k[: -len(key)].strip())})
        if len(longer) == 1 and can_join(key, longer[0], False):
            merges.append((key, longer[0], "short form",
                           f"'{g.best_surface()}' is '{_cluster_name(groups, cluster_keys(longer[0]))}' "
                           "without its country"))
            uf.union(key, longer[0])

    # (e) plural and singular of one demonym are one group of people ("Russians", "Russian").
    for key, g in sorted(groups.items()):
        if g.type == "NORP" and key.endswith("s") and key[:-1] in groups and groups[key[:-1]].type == "NORP":
            merges.append((key, key[:-1], "plural", f"'{g.best_surface()}' is the plural of "
                                                    f"'{groups[key[:-1]].best_surface()}'"))
            uf.union(key, key[:-1])

    # (f) single-word short forms of people: the only compatible full name, else stay apart.
    surname_roots: dict[str, set[str]] = defaultdict(set)  # skeleton of a surname -> person roots
    for k in multi:
        surname_roots[skeleton(name_tokens(k)[-1])].add(uf.find(k))
    reassign: dict[int, str] = {}  # id(mention) -> root
    for key, g in sorted(groups.items()):
        tagger_person = sum(1 for m in g.mentions if m.label == "PERSON") * 2 > len(g.mentions)
        if g.n_tokens != 1 or uf.find(key) != key:
            continue
        if not tagger_person and (g.type in PLACE_TYPES | {"NORP"} or
                                  (g.type != "PERSON" and countries.place_kind(g.best_surface()))):
            continue
        cands = sorted(r for r in {uf.find(r) for r in surname_roots.get(skeleton(key), ())}
                       if any(name_tokens(k)[-1] == key or _tok_eq(name_tokens(k)[-1], key)
                              for k in cluster_keys(r) if groups[k].n_tokens > 1))
        cands = [r for r in cands if (key, r) not in never and all((key, k) not in never for k in cluster_keys(r))]
        if len(cands) == 1:
            merges.append((key, cands[0], "short form",
                           f"the only person named '{_cluster_name(groups, cluster_keys(cands[0]))}' with this surname"))
            uf.union(key, cands[0])
        elif len(cands) > 1:
            docs_of = {r: {m.doc_id for k in cluster_keys(r) for m in groups[k].mentions} for r in cands}
            unresolved = []
            for m in g.mentions:
                here = [r for r in cands if m.doc_id in docs_of[r]]
                if len(here) == 1:
                    reassign[id(m)] = here[0]
                else:
                    unresolved.append(m)
            ambiguous[key] = [_cluster_name(groups, cluster_keys(r)) for r in cands]
            if len(unresolved) < len(g.mentions):
                merges.append((key, "", "short form in article",
                               "joins the person of that surname named in the same article; "
                               f"left apart elsewhere (could be {' or '.join(ambiguous[key])})"))

    # Build entities from clusters.
    roots: dict[str, list[str]] = {uf.find(k): sorted(uf.members[uf.find(k)]) for k in groups}
    entity_of_root: dict[str, tuple[str, str, str]] = {}  # root -> (entity_id, name, type)
    name_source: dict[str, str] = {}  # root -> key of the group the name was taken from
    used_ids: set[str] = set()
    for root in sorted(roots, key=lambda r: (-sum(len(groups[k].mentions) for k in roots[r]), r)):
        keys = roots[root]
        etype = _cluster_type(groups, keys)
        name = _cluster_name(groups, keys)
        name_source[root] = next(k for k in sorted(keys) if name in groups[k].surfaces)
        if etype in PLACE_TYPES and is_acronym(name) and countries.country_name(name):
            name = countries.country_name(name) or name  # "US" is shown as "United States"
        eid = f"{etype.lower()}:{_slug(name)}"
        n = 2
        while eid in used_ids:
            eid = f"{etype.lower()}:{_slug(name)}-{n}"
            n += 1
        used_ids.add(eid)
        entity_of_root[root] = (eid, name, etype)
    for key, g in groups.items():
        eid, name, etype = entity_of_root[uf.find(key)]
        for m in g.mentions:
            target = reassign.get(id(m))
            if target is not None:
                eid, name, etype = entity_of_root[target]
            else:
                eid, name, etype = entity_of_root[uf.find(key)]
            m.entity_id, m.type = eid, etype

    # Merge records, per alias (surface form) of each entity.
    merge_rows = _merge_rows(groups, uf, entity_of_root, name_source, merges, ambiguous)

    # (g) propagation of unambiguous names where the tagger missed them.
    if propagate:
        blocked = {m.text for k in ambiguous for m in groups[k].mentions}
        mentions = mentions + _propagate(mentions, texts, sents_by_doc, blocked)

    # (h) user overrides, applied last.
    mentions, merge_rows, dropped = _apply_overrides(mentions, merge_rows, dropped, overrides)

    relations = _demonym_relations(mentions)
    return _tables(mentions, merge_rows, dropped, relations)


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for m in sorted(mentions, key=lambda m: (m.doc_id, m.start, -m.end)):
        k = (m.doc_id, m.start, m.end)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


def _is_country_prefix(prefix: str) -> bool:
    return bool(prefix) and (countries.country_name(prefix) is not None
                             or countries.country_of_demonym(prefix) is not None)


def _cluster_name(groups: dict[str, _Group], keys: Sequence[str]) -> str:
    surfaces: Counter = Counter()
    for k in keys:
        surfaces.update(groups[k].surfaces)
    return _best_name(surfaces)


def _cluster_type(groups: dict[str, _Group], keys: Sequence[str]) -> str:
    votes: Counter = Counter()
    for k in keys:
        votes.update(groups[k].votes)
    return max(votes.items(), key=lambda kv: (kv[1], -TYPE_ORDER.index(kv[0]) if kv[0] in TYPE_ORDER else -99))[0]


def _merge_rows(groups: dict[str, _Group], uf: _UnionFind, entity_of_root: dict[str, tuple[str, str, str]],
                name_source: dict[str, str], merges: list[tuple[str, str, str, str]],
                ambiguous: dict[str, list[str]]) -> list[Merge]:
    """One row per (entity, spelling): the rule that put the spelling in the entity, and why."""
    edge_rule: dict[str, tuple[str, str]] = {}
    for src, dst, rule, detail in merges:
        edge_rule.setdefault(src, (rule, detail))
        if dst:
            edge_rule.setdefault(dst, (rule, detail))
    rows: dict[tuple[str, str], list] = {}
    for key, g in sorted(groups.items()):
        root = uf.find(key)
        root_eid, root_name, _ = entity_of_root[root]
        for m in g.mentions:
            if m.entity_id != root_eid:
                rule, detail = "short form in article", (
                    f"the only person of that surname named in article {m.doc_id}; "
                    f"elsewhere it could be {' or '.join(ambiguous.get(key, []))}")
            elif key == name_source[root]:
                if m.text == root_name:
                    rule, detail = "canonical name", "the fullest, most frequent form"
                elif root_name not in g.surfaces and m.text == g.best_surface():
                    rule, detail = "gazetteer name", f"shown under the gazetteer's name '{root_name}'"
                else:
                    rule, detail = "same name", "same name once case, accents, dots, 'the' and al-/el- are set aside"
            elif key in edge_rule:
                rule, detail = edge_rule[key]
                if m.text != g.best_surface():
                    detail += f" (written '{m.text}')"
            else:
                rule, detail = "same name", "same name once case, accents, dots, 'the' and al-/el- are set aside"
            if g.evidence and m.text == g.best_surface() and rule != "short form in article":
                detail += f"; type {g.type} ({', '.join(g.evidence)})"
            if key in ambiguous and m.entity_id == root_eid and root_eid.endswith(_slug(g.best_surface())):
                detail += f"; ambiguous short form (could be {' or '.join(ambiguous[key])})"
            row = rows.setdefault((m.entity_id, m.text), [m.entity_id, "", m.text, rule, detail, 0])
            row[5] += 1
    name_of = {eid: name for eid, name, _ in entity_of_root.values()}
    out = []
    for (eid, surface), (_, _, alias, rule, detail, n) in sorted(rows.items()):
        out.append(Merge(eid, name_of.get(eid, surface), alias, rule, detail, n))
    return out


def _propagate(mentions: list[Mention], texts: dict[str, str],
               sents_by_doc: dict[str, Sequence[tuple[int, int]]] | None,
               blocked: set[str] = frozenset()) -> list[Mention]:  # type: ignore[assignment]
    """Find unambiguous entity names again where the tagger missed them.

    Names that could be several entities (a surname two people share, even if resolved in
    one article) are never propagated.
    """
    alias_entities: dict[str, set[str]] = defaultdict(set)
    info: dict[str, tuple[str, str]] = {}
    for m in mentions:
        alias_entities[m.text].add(m.entity_id)
        info[m.entity_id] = (m.type, m.entity_id)
    aliases = sorted((a for a, ids in alias_entities.items()
                      if len(ids) == 1 and len(a) >= 3 and a[:1].isupper() and a not in blocked
                      and a.lower() not in GENERIC_WORDS and not a.isdigit()),
                     key=lambda a: (-len(a), a))
    if not aliases:
        return []
    pattern = re.compile(r"(?<![\w#@])(" + "|".join(re.escape(a) for a in aliases) + r")(?![\w])")
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        taken[m.doc_id].append((m.start, m.end))
    found = []
    from bisect import bisect_left, insort

    for doc_id in sorted(texts):
        text = texts[doc_id]
        spans = sorted(taken.get(doc_id, []))
        for match in pattern.finditer(text):
            s, e = match.span()
            i = bisect_left(spans, (s, e))
            if (i < len(spans) and spans[i][0] < e) or (i > 0 and spans[i - 1][1] > s) or \
                    any(ts < e and s < te for ts, te in spans[max(0, i - 3):i]):
                continue
            alias = match.group(1)
            (eid,) = alias_entities[alias]
            etype = info[eid][0]
            sent_id = _sent_of(sents_by_doc.get(doc_id) if sents_by_doc else None, s)
            found.append(Mention(doc_id=doc_id, sent_id=sent_id, start=s, end=e, text=alias, label="",
                                 source="propagated", entity_id=eid, type=etype))
            insort(spans, (s, e))
    return found


def _sent_of(sents: Sequence[tuple[int, int]] | None, offset: int) -> int:
    from bisect import bisect_right

    if not sents:
        return -1
    i = bisect_right([s for s, _ in sents], offset) - 1
    return i if i >= 0 and sents[i][0] <= offset < sents[i][1] else -1


def _apply_overrides(mentions: list[Mention], merge_rows: list[Merge], dropped: list[Dropped],
                     overrides: Sequence[Override]) -> tuple[list[Mention], list[Merge], list[Dropped]]:
    if not overrides:
        return mentions, merge_rows, dropped
    name_of = {r.entity_id: r.name for r in merge_rows}
    type_of = {m.entity_id: m.type for m in mentions}
    by_key: dict[str, str] = {}
    for r in merge_rows:
        by_key.setdefault(name_key(r.name), r.entity_id)
    for o in overrides:
        akey = name_key(o.alias)
        if o.rule == "not_entity":
            keep = []
            for m in mentions:
                if name_key(m.text) == akey:
                    dropped.append(Dropped(m.doc_id, m.start, m.end, m.text, m.label,
                                           f"user: not an entity (aliases.csv line {o.line})"))
                else:
                    keep.append(m)
            mentions = keep
            merge_rows = [r for r in merge_rows if name_key(r.alias) != akey]
            continue
        ckey = name_key(o.canonical)
        target = by_key.get(ckey)
        if o.rule == "never":
            split_id = f"{type_of.get(target, 'ORG').lower()}:{_slug(o.alias)}"  # one id for mentions and audit
            for m in mentions:
                if name_key(m.text) == akey and m.entity_id == target:
                    m.entity_id = split_id
            for r in merge_rows:
                if name_key(r.alias) == akey and r.entity_id == target:
                    r.entity_id, r.name = split_id, o.alias
                    r.rule, r.detail = "user: never merge", f"kept apart from '{o.canonical}' (aliases.csv line {o.line})"
            continue
        etype = o.type or (type_of.get(target, "") if target else "") or "ORG"
        if target is None:
            target = f"{etype.lower()}:{_slug(o.canonical)}"
            by_key[ckey] = target
            name_of[target] = o.canonical
        for m in mentions:
            if name_key(m.text) == akey or m.entity_id == target:
                m.entity_id, m.type = target, etype
        found = False
        for r in merge_rows:
            if name_key(r.alias) == akey:
                r.entity_id, r.name = target, name_of.get(target, o.canonical)
                r.rule, r.detail = "user alias", f"aliases.csv line {o.line}"
                found = True
            elif r.entity_id == target:
                r.name = name_of.get(target, o.canonical)
        if not found:
            merge_rows.append(Merge(target, name_of.get(target, o.canonical), o.alias, "user alias",
                                    f"aliases.csv line {o.line} (no mention yet)", 0))
        type_of[target] = etype
    return mentions, merge_rows, dropped


def _demonym_relations(mentions: list[Mention]) -> list[Relation]:
    """Link each NORP entity that is a demonym to its country (as a relation, not a merge)."""
    country_ids: dict[str, str] = {}
    norp: dict[str, str] = {}
    for m in mentions:
        if m.type in PLACE_TYPES:
            cname = countries.country_name(m.text)
            if cname:
                country_ids.setdefault(cname, m.entity_id)
        if m.type == "NORP":
            norp.setdefault(m.entity_id, m.text)
    out = []
    for eid, surface in sorted(norp.items()):
        country = countries.country_of_demonym(surface)
        if country:
            out.append(Relation(eid, "demonym of", country, country_ids.get(country, ""),
                                f"'{surface}' names the people or things of {country}"))
    return out


def _tables(mentions: list[Mention], merges: list[Merge], dropped: list[Dropped],
            relations: list[Relation]) -> EntityResult:
    mdf = pd.DataFrame([{c: getattr(m, c) for c in MENTION_COLUMNS} for m in mentions], columns=MENTION_COLUMNS)
    mdf = mdf.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    for c in ("sent_id", "start", "end"):
        mdf[c] = mdf[c].astype("int64")
    rows = []
    for eid, part in mdf.groupby("entity_id", sort=True):
        counts = part["text"].value_counts()
        aliases = sorted(counts.index, key=lambda a: (-counts[a], a))
        name = next((r.name for r in merges if r.entity_id == eid), aliases[0])
        rows.append({"entity_id": eid, "name": name, "type": part["type"].mode().iloc[0],
                     "aliases": " | ".join(aliases), "n_mentions": len(part), "n_docs": part["doc_id"].nunique()})
    edf = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    edf = edf.sort_values(["n_mentions", "entity_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    gdf = pd.DataFrame([vars(r) for r in merges], columns=MERGE_COLUMNS)
    gdf = gdf[gdf["entity_id"].isin(set(edf["entity_id"]))]
    gdf = gdf.sort_values(["entity_id", "alias"], kind="stable").reset_index(drop=True)
    ddf = pd.DataFrame([vars(d) for d in dropped], columns=DROPPED_COLUMNS)
    ddf = ddf.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    rdf = pd.DataFrame([vars(r) for r in relations], columns=RELATION_COLUMNS)
    return EntityResult(mentions=mdf, entities=edf, merges=gdf, dropped=ddf, relations=rdf)
