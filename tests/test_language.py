"""Language identification: offline, from the package's own model, and careful on short text."""

from __future__ import annotations

import socket

import pytest

from helpers import paths
from helpers.text import language


@pytest.mark.parametrize(("text", "code"), [
    ("The minister said on Monday that talks would go on in Geneva, and officials agreed.", "en"),
    ("Le ministre a déclaré lundi que les pourparlers se poursuivraient à Genève, selon des sources.", "fr"),
    ("Der Minister sagte am Montag, die Gespräche würden in Genf fortgesetzt, hieß es.", "de"),
    ("El ministro dijo el lunes que las conversaciones continuarían en Ginebra, según fuentes oficiales.", "es"),
])
def test_a_news_sentence_is_identified(text: str, code: str) -> None:
    found = language.identify(text)
    assert found.code == code and found.confidence >= language.MIN_CONFIDENCE


def test_too_little_text_is_undetermined_not_guessed() -> None:
    for text in ("", "Assad", "12 34 56 78 90", "IDLIB, Syria (AP) —"):
        assert language.identify(text).code == language.UNDETERMINED


def test_every_seed_is_english() -> None:
    for path in sorted(paths.SEEDS.glob("*.txt")):
        assert language.identify(path.read_text(encoding="utf-8")).code == "en", path.name


def test_identification_fetches_nothing(monkeypatch) -> None:
    language._identifier.cache_clear()

    def no_network(*args, **kwargs):
        raise AssertionError("language identification tried the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert language.identify("Les négociations reprendront mardi à Genève, a indiqué le porte-parole.").code == "fr"


def test_a_french_article_is_loaded_marked_and_reported(tmp_path) -> None:
    from helpers.corpus import load_corpus

    (tmp_path / "en.txt").write_text("The minister said on Monday that talks would go on in Geneva, "
                                      "and officials agreed to meet again.\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le ministre a déclaré lundi que les pourparlers se poursuivraient "
                                      "à Genève, selon des sources diplomatiques.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    langs = {a.doc_id: a.language for a in corpus.articles}
    assert langs == {"en": "en", "fr": "fr"}  # loaded, both of them
    rows = corpus.problems_table
    (row,) = rows.itertuples(index=False)
    assert row.problem == "not English" and "fr" in row.detail and "WORKBOOK_LANGUAGES" in row.detail


def test_the_languages_setting_decides_what_the_extraction_stages_read(monkeypatch) -> None:
    from helpers import settings

    cfg = settings.resolve()
    assert cfg.reads_language("en") and cfg.reads_language("und") and not cfg.reads_language("fr")
    monkeypatch.setenv(settings.ENV_LANGUAGES, "en,fr")
    assert settings.resolve().reads_language("fr")
    monkeypatch.setenv(settings.ENV_LANGUAGES, "all")
    assert settings.resolve().reads_language("zh")
    monkeypatch.setenv(settings.ENV_LANGUAGES, "English")
    with pytest.raises(ValueError, match="LANGUAGES"):
        settings.resolve()


OTHER_LANGUAGES = ("fr de es it pt nl ru ar zh ja pl sv da nb tr el he fa hi id ca ro cs fi hu uk ko "
                   "lb eu hr sk sl lt").split()
"""Languages whose example sentences ship with spaCy (`spacy.lang.<code>.examples`)."""


def _examples(code: str) -> str:
    """spaCy's example sentences of a language, repeated to at least 150 words."""
    import importlib

    text = " ".join(importlib.import_module(f"spacy.lang.{code}.examples").sentences)
    return " ".join([text] * (1 + 150 // max(1, len(text.split()))))


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_common_word_screen_never_takes_another_language_for_english(code: str) -> None:
    text = _examples(code)
    assert language.looks_english(text) is None, code
    found = language.identify(text)
    assert found.method == "py3langid" and found.code != "en", (code, found)


def test_english_news_is_taken_by_the_screen_without_the_model() -> None:
    for path in sorted(paths.SEEDS.glob("*.txt")):
        found = language.identify(path.read_text(encoding="utf-8"))
        assert found.code == "en", path.name
    text = ("The minister said on Monday that the talks would go on in Geneva after the vote, and that "
            "officials from both sides had agreed to meet again. It was not clear when they would "
            "return, but the envoy, who has led the mission since June, said there was hope. ") * 2
    found = language.identify(text)
    assert found == language.Language("en", found.confidence, "common words")
    assert found.confidence >= language.SCREEN_SHARE


def test_a_short_or_name_heavy_start_goes_to_the_model_and_reads_on_when_unsure() -> None:
    short = "The minister said on Monday that talks would go on in Geneva."
    assert language.looks_english(short) is None  # too few words to screen
    assert language.identify(short).method == "py3langid"
    names = "Paris, Lyon, Marseille, Genève, Bruxelles — 12, 14, 18. " * 8
    french = ("Le ministre a déclaré lundi que les pourparlers se poursuivraient à Genève, selon des "
              "sources diplomatiques, et que les deux parties se retrouveraient la semaine prochaine. ") * 6
    assert language.identify(names + french).code == "fr"
