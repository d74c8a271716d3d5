"""Corpus-level groups: the mentions sharing a name key, and the clusters the merge rules build.

`CorpusGroups` is everything a merge rule reads: the groups (with their type votes), the
clusters merged so far, the pairs the user said never to merge, and the notes rules leave
about ambiguous short forms. Rules change it only through `CorpusGroups.join`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from networkx.utils import UnionFind

from .names import best_name, compatible_person_names, name_key
from .records import Link, Mention, Override
from .voting import TypeVote, best_type, last_words, surname_of_people, type_vote

_NO_VOTE = TypeVote(type="", votes=Counter())


@dataclass
class Group:
    """Mentions sharing one name key, and the type their vote gave them."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    vote: TypeVote = _NO_VOTE

    @property
    def type(self) -> str:
        """The type the group's vote gave."""
        return self.vote.type

    @property
    def votes(self) -> Counter:
        """Votes per type."""
        return self.vote.votes

    @property
    def evidence(self) -> tuple[str, ...]:
        """The evidence that weighed in the vote, in words."""
        return self.vote.evidence

    @cached_property
    def surfaces(self) -> Counter:
        """Spellings and their counts (read only once the group is complete)."""
        return Counter(m.text for m in self.mentions)

    @cached_property
    def n_tokens(self) -> int:
        """Number of tokens of the key."""
        return len(self.key.split())

    @cached_property
    def _best(self) -> str:
        return best_name(self.surfaces)

    def best_surface(self) -> str:
        """The group's spelling to show: the fullest, then the most frequent."""
        return self._best


def group_by_name(mentions: Iterable[Mention]) -> dict[str, Group]:
    """Mentions grouped by name key, groups in order of first mention."""
    groups: dict[str, Group] = {}
    for m in mentions:
        key = name_key(m.text)
        groups.setdefault(key, Group(key=key)).mentions.append(m)
    return groups


def mention_key(m: Mention) -> tuple[str, int, int]:
    """What identifies a mention once duplicates are gone: article and offsets."""
    return (m.doc_id, m.start, m.end)


class Clusters:
    """Clusters of group keys: networkx's union-find, with each cluster's sorted members.

    A cluster is named by its least key, whatever root the union-find picks, so results do
    not depend on the order of unions.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        self._sets = UnionFind(keys)
        self._members: dict[str, tuple[str, ...]] = {k: (k,) for k in keys}

    def find(self, key: str) -> str:
        """The name of `key`'s cluster: its least key."""
        return self._members[self._sets[key]][0]

    def members(self, key: str) -> tuple[str, ...]:
        """The keys of `key`'s cluster, sorted."""
        return self._members[self._sets[key]]

    def union(self, a: str, b: str) -> None:
        """Merge the clusters of `a` and `b`."""
        ra, rb = self._sets[a], self._sets[b]
        if ra == rb:
            return
        merged = tuple(sorted(self._members.pop(ra) + self._members.pop(rb)))
        self._sets.union(ra, rb)
        self._members[self._sets[ra]] = merged


def never_pairs(overrides: Sequence[Override]) -> frozenset[tuple[str, str]]:
    """Key pairs the user said never to merge (`never` rows of aliases.csv), both ways round."""
    pairs = {(name_key(o.alias), name_key(o.canonical)) for o in overrides if o.rule == "never"}
    return frozenset(pairs | {(b, a) for a, b in pairs})


@dataclass
class CorpusGroups:
    """What the merge rules read: name groups, clusters so far, never-merge pairs, and notes."""

    groups: dict[str, Group]
    clusters: Clusters
    never: frozenset[tuple[str, str]] = frozenset()
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    """Key of a short form -> names of the entities it could be (it stays apart)."""
    in_article: dict[tuple[str, int, int], str] = field(default_factory=dict)
    """`mention_key` -> the cluster a short form joins in that mention's article only."""

    @classmethod
    def of(cls, groups: dict[str, Group], overrides: Sequence[Override] = ()) -> CorpusGroups:
        """Every group its own cluster, before any rule."""
        return cls(groups=groups, clusters=Clusters(groups), never=never_pairs(overrides))

    def find(self, key: str) -> str:
        """The name (least key) of `key`'s cluster."""
        return self.clusters.find(key)

    def cluster(self, key: str) -> list[str]:
        """The keys of `key`'s cluster, sorted."""
        return list(self.clusters.members(key))

    def cluster_name(self, key: str) -> str:
        """The name to show for `key`'s cluster."""
        surfaces: Counter = Counter()
        for k in self.clusters.members(key):
            surfaces.update(self.groups[k].surfaces)
        return best_name(surfaces)

    def cluster_type(self, key: str) -> str:
        """The type of `key`'s cluster: the vote of all its groups together."""
        votes: Counter = Counter()
        for k in self.clusters.members(key):
            votes.update(self.groups[k].votes)
        return best_type(votes)

    def head(self, keys: Sequence[str]) -> str:
        """The fullest, then most mentioned, of `keys`."""
        return max(keys, key=lambda k: (self.groups[k].n_tokens, len(self.groups[k].mentions), k))

    def can_join(self, a: str, b: str, person: bool) -> bool:
        """The clusters of `a` and `b` may merge.

        No never-merge pair lies between them; for people, every full name in either is
        compatible with the fullest name of the two.
        """
        ka, kb = self.cluster(a), self.cluster(b)
        if any((x, y) in self.never for x in ka for y in kb):
            return False
        if person:
            ha, hb = self.head(ka), self.head(kb)
            if self.groups[ha].n_tokens > 1 and self.groups[hb].n_tokens > 1 and not compatible_person_names(ha, hb):
                return False
            full = max((ha, hb), key=lambda k: (self.groups[k].n_tokens, k))
            if not all(compatible_person_names(x, full) for x in ka + kb if self.groups[x].n_tokens > 1):
                return False
        return True

    def join(self, key: str, target: str, rule: str, detail: str) -> Link:
        """Merge `key`'s cluster into `target`'s, and say which rule did it and why."""
        self.clusters.union(key, target)
        return Link(key=key, target=target, rule=rule, detail=detail)


def corpus_groups(mentions: Iterable[Mention], texts: dict[str, str],
                  overrides: Sequence[Override] = ()) -> CorpusGroups:
    """Mentions grouped by name, each group typed by its vote, each its own cluster: what the rules start from."""
    groups = group_by_name(mentions)
    for g in groups.values():
        g.vote = type_vote(g.mentions, g.best_surface(), texts)
    weigh_surnames(groups)
    return CorpusGroups.of(groups, overrides)


def weigh_surnames(groups: dict[str, Group]) -> None:
    """Redo the vote of each one-word group that is the surname of people the corpus names
    (`voting.surname_of_people`), once every group has its own vote."""
    last = last_words((g.best_surface(), g.type, len(g.mentions)) for g in groups.values())
    for g in groups.values():
        found = surname_of_people(g.mentions, g.key, g.vote, last)
        if found is not None:
            g.vote = g.vote.with_evidence(found)
