"""Framing: how each outlet names the same group of actors ("rebels" or "terrorists"?).

``count_descriptors(text)`` finds descriptor words from a small, general lexicon of
conflict-reporting labels (``FAMILIES``; written from general usage, not from this
corpus) and returns each with exact character offsets and its family.
``framing_table({outlet: [texts]})`` tallies them per outlet x family with shares.

Lexicon (``FAMILIES``): each entry is a base form; matching adds inflections.

- **rebels**: rebel (rebels, rebel-held, rebel-controlled), rebel groups / fighters / forces.
- **insurgents**: insurgent (insurgents, insurgent's/insurgent’s), insurgent groups / fighters.
- **militants**: militant (militants), militant groups / fighters.
- **terrorists**: terrorist (terrorists), terrorist groups / organisations / fighters,
  terror group / organisation / organization / cell / network.
- **opposition**: armed opposition, opposition fighters / forces / groups / factions /
  militias, opposition-held / -controlled (any "opposition-" compound).
- **jihadists**: jihadist, jihadi, jihadist groups / fighters; and "Islamist militant / fighter / rebel / insurgent /
  group" -- decided: the qualifier "Islamist" carries the framing, so "Islamist
  militants" is ONE jihadists descriptor, not also a militants one.
- **fighters**: fighter, gunman, gunmen, armed men, freedom fighter. Not "fighter jet /
  plane / aircraft / pilot / bomber" and not "firefighter".
- **government forces**: government forces / troops / soldiers, army (the army, Syrian
  army; armies), armed forces, security forces, loyalist forces / troops.
- **regime**: regime (regimes, regime-held), regime forces / troops (decided: the word
  "regime" is the framing choice, so "regime forces" is regime, not government forces),
  Assad regime / Assad's regime (the span includes "Assad"). Not "regime change".
- **civilians**: civilian (civilians, civilian's).

Matching rules and decisions:

- Case-insensitive; whole words only: never inside a longer word ("armyworm",
  "rebellious", "firefighters", "militantly"), and never after a hyphen, so
  "anti-government forces", "pro-government forces" and "counter-terrorism" do not match
  (they name someone else than government forces; extend the lexicon if you want them).
- Inflections on the last word: plural ``-s`` (``-y`` -> ``-ies``), possessives ``'s`` /
  ``s'`` with straight or curly apostrophes. Hyphenated compounds count for their first
  word and the span includes the compound: "rebel-held" is rebels, "jihadist-run" is
  jihadists. Multi-word entries allow any whitespace, including line breaks, between words.
- The longest entry wins where entries overlap ("opposition fighters" and "rebel
  fighters" are opposition and rebels, not also fighters; "terrorist groups" is one
  terrorists descriptor). The label before "fighters" is the framing choice.
- **Abstract nouns are NOT counted**: "rebellion", "insurgency", "militancy",
  "terrorism", "jihad". They name a conflict or tactic, not the actors; this table is about
  how the actors are named. "terrorism" alone is therefore not "terrorists" (but
  "terrorist attack" counts, as "terrorist" is an actor adjective), and "rebellion" is
  not "rebels".
- Bare "opposition", "Islamist", "troops", "military" and "soldiers" are not counted: they
  are too often not the armed actors (opposition parties, foreign troops, "military
  operation").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

__all__ = ["FAMILIES", "Descriptor", "count_descriptors", "framing_table"]

FAMILIES: dict[str, list[str]] = {
    "rebels": ["rebel", "rebel group", "rebel fighter", "rebel force"],
    "insurgents": ["insurgent", "insurgent group", "insurgent fighter"],
    "militants": ["militant", "militant group", "militant fighter"],
    "terrorists": ["terrorist", "terrorist group", "terrorist organisation", "terrorist organization",
                   "terrorist fighter", "terror group", "terror organisation", "terror organization",
                   "terror cell", "terror network"],
    "opposition": ["armed opposition", "opposition fighter", "opposition force", "opposition group",
                   "opposition faction", "opposition militia", "opposition-*"],
    "jihadists": ["jihadist", "jihadi", "jihadist group", "jihadist fighter", "islamist militant", "islamist fighter", "islamist rebel",
                  "islamist insurgent", "islamist group"],
    "fighters": ["fighter", "gunman", "gunmen", "armed men", "freedom fighter"],
    "government forces": ["government force", "government troop", "government soldier", "army",
                          "armed forces", "security force", "loyalist force", "loyalist troop"],
    "regime": ["regime", "regime force", "regime troop", "assad regime", "assad's regime"],
    "civilians": ["civilian"],
}

# Words that, right after an entry, mean it is not a descriptor of people.
NOT_FOLLOWED_BY: dict[str, list[str]] = {
    "fighter": ["jet", "jets", "plane", "planes", "aircraft", "pilot", "pilots", "bomber", "bombers"],
    "regime": ["change"],
}

_APOS = "['’ʼ]"


@dataclass(frozen=True)
class Descriptor:
    """One descriptor in a text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    family: str
    term: str  # the FAMILIES entry that matched


def _entry_pattern(entry: str) -> str:
    """Regex for one lexicon entry: inflect the last word, any whitespace between words."""
    words = entry.split(" ")
    parts = [re.escape(w).replace("'", _APOS) for w in words[:-1]]
    last = words[-1]
    compound = r"(?:-\w+)+"
    if last.endswith("-*"):  # "opposition-*": any hyphenated compound
        word = re.escape(last[:-2]) + compound
    else:
        if last.endswith("y"):
            singular, plural = re.escape(last), re.escape(last[:-1]) + "ies"
        else:
            singular, plural = re.escape(last), re.escape(last) + "s"
        # rebel | rebel-held | rebel's | rebels  (a plural possessive "rebels'" is matched
        # as "rebels": a trailing apostrophe may just as well be a closing quote)
        word = rf"(?:{singular}(?:{compound}|{_APOS}s)?|{plural})"
    neg = NOT_FOLLOWED_BY.get(last)
    if neg:
        word += r"(?!\s+(?:" + "|".join(map(re.escape, neg)) + r")\b)"
    return r"\s+".join(parts + [word])


def _compile() -> tuple[re.Pattern[str], list[tuple[str, str]]]:
    """One alternation over all entries, longest first (regex alternation takes the first)."""
    entries = sorted(((e, fam) for fam, es in FAMILIES.items() for e in es), key=lambda x: (-len(x[0]), x[0]))
    alts = [f"(?P<e{i}>{_entry_pattern(e)})" for i, (e, _) in enumerate(entries)]
    return re.compile(r"(?<![\w\-‐‑])(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE), entries


_PATTERN, _ENTRIES = _compile()


def count_descriptors(text: str) -> list[Descriptor]:
    """Descriptors in ``text``, in text order, with exact offsets (see module docstring)."""
    out = []
    for m in _PATTERN.finditer(text):
        i = int(m.lastgroup[1:])  # type: ignore[index]
        term, fam = _ENTRIES[i]
        out.append(Descriptor(m.start(), m.end(), m.group(), fam, term))
    return out


def family_counts(text: str) -> dict[str, int]:
    """How many descriptors of each family ``text`` has, in ``FAMILIES`` order (the families it
    has none of left out): one article's share of ``framing_table``."""
    found = Counter(d.family for d in count_descriptors(text))
    return {fam: found[fam] for fam in FAMILIES if found[fam]}


def framing_table(texts_by_outlet: dict[str, list[str]]) -> pd.DataFrame:
    """Per outlet x family: descriptor ``count``, ``share`` of the outlet's descriptors, ``docs``.

    Long ("tidy") format, one row per outlet and family in ``FAMILIES`` order (zeros kept),
    outlets sorted; ``share`` is 0.0 for an outlet with no descriptors. For a wide table:
    ``df.pivot(index="outlet", columns="family", values="share")``.
    """
    return framing_from_counts({o: [family_counts(t) for t in texts] for o, texts in texts_by_outlet.items()})


def framing_from_counts(counts_by_outlet: Mapping[str, Sequence[Mapping[str, int]]]) -> pd.DataFrame:
    """``framing_table`` from each article's ``family_counts``, by outlet (what the sources
    stage keeps per article, so a corpus-wide rebuild counts no text again)."""
    rows = []
    for outlet in sorted(counts_by_outlet):
        counts = dict.fromkeys(FAMILIES, 0)
        docs = dict.fromkeys(FAMILIES, 0)
        for found in counts_by_outlet[outlet]:
            for fam, n in found.items():
                counts[fam] += n
                docs[fam] += 1 if n else 0
        total = sum(counts.values())
        for fam in FAMILIES:
            rows.append({"outlet": outlet, "family": fam, "count": counts[fam],
                         "share": counts[fam] / total if total else 0.0, "docs": docs[fam],
                         "n_docs": len(counts_by_outlet[outlet])})
    return pd.DataFrame(rows, columns=["outlet", "family", "count", "share", "docs", "n_docs"])
