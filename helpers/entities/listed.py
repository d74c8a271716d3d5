"""Place names the tagger left untagged inside a list of places: "Rogaland, *Vestfold*,
*Buskerud*, Telemark and Oslo", "at *Norfolk*, England".

`places_listed_with_places` reads every list of capitalised names (joined by commas, "and",
"or") in which the tagger labels at least one name a place (GPE, LOC, FAC), and adds a
mention (`source = listed with places`, no tagger label) for each other name of the list
that no mention covers and that the typing gazetteer knows as a country, a first-level
region, a capital or a named region (`inside.known_place_name`), unless the article's tagger
names a person so. The stage then groups, types and merges them like any other mention;
after the type vote, those whose entity is not a place are taken back
(`inside.keep_place_mentions`). Common words never become places (`inside.is_place_word_run`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text.english import STOP_WORDS
from ..text.labels import PLACE_TYPES
from .inside import LISTED_WITH_PLACES, is_place_word_run, known_place_name, people_named_by_tagger
from .names import name_key
from .records import Mention

_CAPITAL = "[" + re.escape("".join(chr(c) for c in range(0x250) if chr(c).isupper())) + "]"
"""A capital letter of the Latin alphabets ("Ø", "Ł" as well as "A")."""
_ITEM = rf"{_CAPITAL}[\w'’-]*(?:[ -]{_CAPITAL}[\w'’-]*){{0,3}}"
LIST_OF_NAMES = re.compile(rf"{_ITEM}(?:(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_ITEM})+")
"""Capitalised names joined by commas, "and", "or" ("Cairo, Giza, and Luxor")."""
LIST_ITEM = re.compile(_ITEM)


def list_items(text: str) -> list[list[tuple[int, int]]]:
    """The lists of capitalised names of `text`, each as the offsets of its names (a leading
    stop word set aside: "In Cairo" is Cairo)."""
    out = []
    for lm in LIST_OF_NAMES.finditer(text):
        items = []
        for im in LIST_ITEM.finditer(lm.group()):
            s, e = lm.start() + im.start(), lm.start() + im.end()
            first = text[s:e].split()[0]
            if first.lower() in STOP_WORDS and " " in text[s:e]:
                s += len(first) + 1
            items.append((s, e))
        out.append(items)
    return out


def places_listed_with_places(mentions: Sequence[Mention], texts: dict[str, str]) -> list[Mention]:
    """A mention for each untagged place name in a list the tagger's places stand in (see the
    module's doc)."""
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    people = people_named_by_tagger(mentions)
    out = []
    for doc_id, ms in sorted(by_doc.items()):
        text = texts[doc_id]
        places = {(m.start, m.end): m for m in ms if m.label in PLACE_TYPES}
        if not places:
            continue
        spans = [(m.start, m.end) for m in ms]
        for items in list_items(text):
            anchor = next((places[i] for i in items if i in places), None)
            if anchor is None:
                continue
            for s, e in items:
                name = text[s:e]
                if any(ts < e and s < te for ts, te in spans) or not is_place_word_run(name) \
                        or not known_place_name(name) or name_key(name) in people.get(doc_id, set()):
                    continue
                spans.append((s, e))
                out.append(Mention(doc_id=doc_id, sent_id=anchor.sent_id, start=s, end=e, text=name, label="",
                                   source=LISTED_WITH_PLACES))
    return out
