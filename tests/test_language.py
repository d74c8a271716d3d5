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
