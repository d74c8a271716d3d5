"""The user's overrides (`data/aliases.csv`), applied last: force an alias into an entity,
keep two names apart, or drop a name that is not an entity."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .names import name_key, slug
from .records import Dropped, Mention, Merge, Override

OVERRIDE_RULES = ("same", "never", "not_entity")
"""The values of the `rule` column of aliases.csv (empty means `same`)."""


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
            if rule not in OVERRIDE_RULES:
                raise ValueError(f"{path.name} line {line}: rule must be same, never or not_entity, not {rule!r}")
            rows.append(Override(alias=row["alias"], canonical=row.get("canonical", ""),
                                 type=row.get("type", "").upper(), rule=rule, line=line))
    return rows


@dataclass
class Edited:
    """The mentions, audit rows and drops that overrides edit, with the look-ups they keep up to date."""

    mentions: list[Mention]
    merges: list[Merge]
    dropped: list[Dropped]
    name_of: dict[str, str] = field(default_factory=dict)
    """Entity id -> shown name."""
    type_of: dict[str, str] = field(default_factory=dict)
    """Entity id -> type."""
    by_key: dict[str, str] = field(default_factory=dict)
    """Name key of an entity's name -> its id."""

    @classmethod
    def of(cls, mentions: list[Mention], merges: list[Merge], dropped: list[Dropped]) -> Edited:
        """The tables as the rules left them, with their look-ups."""
        by_key: dict[str, str] = {}
        for r in merges:
            by_key.setdefault(name_key(r.name), r.entity_id)
        return cls(mentions, merges, dropped, name_of={r.entity_id: r.name for r in merges},
                   type_of={m.entity_id: m.type for m in mentions}, by_key=by_key)


def apply_overrides(mentions: list[Mention], merges: list[Merge], dropped: list[Dropped],
                    overrides: Sequence[Override]) -> Edited:
    """Apply the user's overrides in file order."""
    edited = Edited.of(mentions, merges, dropped) if overrides else Edited(mentions, merges, dropped)
    for o in overrides:
        _APPLY.get(o.rule, same_entity)(edited, o)  # a hand-made Override with another rule: `same`
    return edited


def not_an_entity(edited: Edited, o: Override) -> None:
    """`not_entity`: every mention of the alias is dropped, and its audit rows go."""
    akey = name_key(o.alias)
    keep = []
    for m in edited.mentions:
        if name_key(m.text) == akey:
            edited.dropped.append(Dropped(m.doc_id, m.start, m.end, m.text, m.label,
                                          f"user: not an entity (aliases.csv line {o.line})"))
        else:
            keep.append(m)
    edited.mentions = keep
    edited.merges = [r for r in edited.merges if name_key(r.alias) != akey]


def never_merge(edited: Edited, o: Override) -> None:
    """`never`: the alias leaves the canonical name's entity, as an entity of its own."""
    akey = name_key(o.alias)
    target = edited.by_key.get(name_key(o.canonical))
    split_id = f"{edited.type_of.get(target, 'ORG').lower()}:{slug(o.alias)}"  # type: ignore[arg-type]
    for m in edited.mentions:
        if name_key(m.text) == akey and m.entity_id == target:
            m.entity_id = split_id  # one id for mentions and audit
    for r in edited.merges:
        if name_key(r.alias) == akey and r.entity_id == target:
            r.entity_id, r.name = split_id, o.alias
            r.rule, r.detail = "user: never merge", f"kept apart from '{o.canonical}' (aliases.csv line {o.line})"


def same_entity(edited: Edited, o: Override) -> None:
    """`same`: the alias joins the canonical name's entity (made if no mention names it yet)."""
    akey, ckey = name_key(o.alias), name_key(o.canonical)
    target = edited.by_key.get(ckey)
    etype = o.type or (edited.type_of.get(target, "") if target else "") or "ORG"
    if target is None:
        target = f"{etype.lower()}:{slug(o.canonical)}"
        edited.by_key[ckey] = target
        edited.name_of[target] = o.canonical
    name = edited.name_of.get(target, o.canonical)
    for m in edited.mentions:
        if name_key(m.text) == akey or m.entity_id == target:
            m.entity_id, m.type = target, etype
    found = False
    for r in edited.merges:
        if name_key(r.alias) == akey:
            r.entity_id, r.name = target, name
            r.rule, r.detail = "user alias", f"aliases.csv line {o.line}"
            found = True
        elif r.entity_id == target:
            r.name = name
    if not found:
        edited.merges.append(Merge(target, name, o.alias, "user alias",
                                   f"aliases.csv line {o.line} (no mention yet)", 0))
    edited.type_of[target] = etype


_APPLY: dict[str, Callable[[Edited, Override], None]] = {
    "same": same_entity, "never": never_merge, "not_entity": not_an_entity}
"""The function applying each kind of override."""
