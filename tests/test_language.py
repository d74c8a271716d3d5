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
