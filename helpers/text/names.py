"""Names as the workbook compares them: folded for look-ups."""

from __future__ import annotations

import re
import unicodedata


def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, for look-ups."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").lower()
    text = re.sub(r"\b((?:[a-z]\.)+[a-z])\.?(?=\W|$)", lambda m: m.group(1).replace(".", ""), text)
    text = re.sub(r"[^\w' ]+", " ", text)
    return " ".join(text.split())


def is_acronym(surface: str, max_len: int = 6) -> bool:
    """`UN`, `U.N.`, `NATO`: 2 to `max_len` capitals, with or without dots and spaces."""
    compact = surface.replace(".", "").replace(" ", "")
    return 2 <= len(compact) <= max_len and compact.isalpha() and compact.isupper()
