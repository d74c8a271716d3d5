"""Which language an article is written in, identified offline.

py3langid (a maintained port of langid.py, 97 languages) ships its model inside the package
(`py3langid/data/model.npz.xz`) and fetches nothing. Before it, a common-word screen
(`looks_english`, after Grefenstette's short-word method) takes an article whose first 150
words are at least 15 % frequent English words (`english.SCREEN_WORDS`) as English, which is
most English news and, measured, none of the other languages' texts; everything else goes to
py3langid. py3langid reads the start of the text only, in two steps (`identify`): the first `FIRST_SAMPLE_CHARS` characters, which settle a news article's
language almost always, and, only when that reading is unsure (below `SURE_CONFIDENCE`), the
first `SAMPLE_CHARS`. py3langid walks every byte it reads in Python, so the short first reading
is what keeps loading a folder of articles close to the speed of reading its files
(`bench/bench_loading.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .english import SCREEN_WORDS

FIRST_SAMPLE_CHARS = 400
"""How much of the text (from its start) identification reads first."""
SAMPLE_CHARS = 5000
"""How much it reads when the first reading is unsure."""
SURE_CONFIDENCE = 0.99
"""A first reading at least this probable is kept; below it, `SAMPLE_CHARS` are read."""
MIN_LETTERS = 40
"""Fewer letters than this and the language is not identified (`und`, undetermined)."""
MIN_CONFIDENCE = 0.5
"""Below this probability the language is reported as undetermined (`und`)."""
SCREEN_CHARS = 1000
"""How much of the text (from its start) the common-word screen reads ..."""
SCREEN_WORDS_READ = 150
"""... and, of its words, how many at most."""
SCREEN_MIN_WORDS = 60
"""A text with fewer words there is not screened (py3langid decides)."""
SCREEN_SHARE = 0.15
"""The share of `english.SCREEN_WORDS` among the words read that makes a text English.
Measured (development figures): 0.093-0.54 on 843 English news articles (PolNeAR, the seeds;
97 % pass), 0-0.062 on spaCy's example sentences of 38 other languages."""
UNDETERMINED = "und"
"""ISO 639-2's code for a language that could not be determined."""


@dataclass(frozen=True, slots=True)
class Language:
    """An identified language: an ISO 639-1 code (`en`, `fr`, ...) or `und`, and its probability."""

    code: str
    confidence: float
    method: str = "py3langid"
    """How it was identified: `py3langid`, or `common words` (the screen: `confidence` is then
    the share of frequent English words, not a probability)."""


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def has_letters(text: str, n: int = MIN_LETTERS) -> bool:
    """Whether `text` holds at least `n` letters (it stops counting at the `n`th)."""
    found = 0
    for c in text:
        if c.isalpha():
            found += 1
            if found >= n:
                return True
    return False


def looks_english(text: str) -> float | None:
    """The common-word screen: the share of `english.SCREEN_WORDS` among the first words of
    `text` when it reaches `SCREEN_SHARE` (the text is English), else None (undecided)."""
    words = text[:SCREEN_CHARS].lower().split()[:SCREEN_WORDS_READ]
    if len(words) < SCREEN_MIN_WORDS:
        return None
    share = sum(w in SCREEN_WORDS for w in words) / len(words)
    return round(share, 3) if share >= SCREEN_SHARE else None


def _classify(sample: str) -> Language:
    code, prob = _identifier().classify(sample)
    return Language(str(code), round(float(prob), 3))


def identify(text: str) -> Language:
    """The language of `text` (read from its start), or `und` for too little or unclear text.

    A text the common-word screen takes as English (`looks_english`) is English; for any other,
    py3langid reads the first `FIRST_SAMPLE_CHARS` characters, and a reading below `SURE_CONFIDENCE` is
    replaced by one of the first `SAMPLE_CHARS` (the same reading when the text is no longer).
    """
    sample = text[:SAMPLE_CHARS]
    if not has_letters(sample):
        return Language(UNDETERMINED, 0.0)
    share = looks_english(sample)
    if share is not None:
        return Language("en", share, "common words")
    found = _classify(sample[:FIRST_SAMPLE_CHARS])
    if found.confidence < SURE_CONFIDENCE and len(sample) > FIRST_SAMPLE_CHARS:
        found = _classify(sample)
    return found if found.confidence >= MIN_CONFIDENCE else Language(UNDETERMINED, found.confidence)
