"""Which language an article is written in, identified offline.

py3langid (a maintained port of langid.py, 97 languages) ships its model inside the package
(`py3langid/data/model.npz.xz`) and fetches nothing. It reads the start of the text only: an
article's language is clear well before its 5,000th character, and reading that much keeps
identification fast on long files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

SAMPLE_CHARS = 5000
"""How much of the text (from its start) identification reads."""
MIN_LETTERS = 40
"""Fewer letters than this and the language is not identified (`und`, undetermined)."""
MIN_CONFIDENCE = 0.5
"""Below this probability the language is reported as undetermined (`und`)."""
UNDETERMINED = "und"
"""ISO 639-2's code for a language that could not be determined."""


@dataclass(frozen=True, slots=True)
class Language:
    """An identified language: an ISO 639-1 code (`en`, `fr`, ...) or `und`, and its probability."""

    code: str
    confidence: float


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> Language:
    """The language of `text` (read from its start), or `und` for too little or unclear text."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return Language(UNDETERMINED, 0.0)
    code, prob = _identifier().classify(sample)
    prob = round(float(prob), 3)
    return Language(str(code), prob) if prob >= MIN_CONFIDENCE else Language(UNDETERMINED, prob)
