"""How a report run passes its settings to the notebooks: parameters injected after the cell
tagged `parameters` (as papermill does), never by changing this process's environment; and
the index page rendered from its template."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import paths, report, settings
from helpers.report import export

PROBE = ("import os\n"
         "print(CORPUS, OUT, SPACY_MODEL)\n"
         "print(os.environ.get('WORKBOOK_CORPUS'), os.environ.get('WORKBOOK_ALIASES'))")


def notebook(tagged: bool = True) -> nbformat.NotebookNode:
    params = new_code_cell("CORPUS = None\nOUT = None\nSPACY_MODEL = None")
    if tagged:
        params.metadata["tags"] = ["parameters"]
    return new_notebook(cells=[new_markdown_cell("# 09 · Probe"), params, new_code_cell(PROBE)])


def test_parameters_go_in_a_tagged_cell_after_the_parameters_cell() -> None:
    nb = notebook()
    injected = report.inject_parameters(nb, {"CORPUS": "/data/articles", "OUT": None})
    assert len(nb.cells) == 3  # the notebook given is left as it is
    cell = injected.cells[2]
    assert cell.metadata["tags"] == ["injected-parameters"]
    assert cell.source == "# Parameters\nCORPUS = '/data/articles'\nOUT = None"
    again = report.inject_parameters(injected, {"CORPUS": "elsewhere"})
    assert [c.source for c in again.cells].count("# Parameters\nCORPUS = 'elsewhere'") == 1
    assert len(again.cells) == 4  # the earlier injected cell is replaced
    untagged = report.inject_parameters(notebook(tagged=False), {"CORPUS": "x"})
    assert untagged.cells[0].metadata["tags"] == ["injected-parameters"]


def test_report_parameters_name_the_run_corpus_out_and_pipeline(tmp_path) -> None:
    cfg = settings.Settings(corpus=tmp_path / "c", out=None, spacy_model="en_x")
    assert report.report_parameters(cfg) == {"CORPUS": str(tmp_path / "c"), "OUT": None, "SPACY_MODEL": "en_x"}


def test_kernel_environment_carries_the_settings_that_are_not_parameters(tmp_path, monkeypatch) -> None:
    for name in settings.ENV_VARIABLES:
        monkeypatch.setenv(name, "from the user's shell")
    assert not set(settings.kernel_environment()) & set(settings.ENV_VARIABLES)
    cfg = settings.Settings(corpus=tmp_path, out=None, spacy_model="x", processes=2,
                            aliases=tmp_path / "a.csv", geonames_db=tmp_path / "g.sqlite")
    env = settings.kernel_environment(cfg)
    assert env[settings.ENV_PROCESSES] == "2" and env[settings.ENV_ALIASES] == str(tmp_path / "a.csv")
    assert env[settings.ENV_GEONAMES_DB] == str(tmp_path / "g.sqlite")
    assert settings.ENV_CORPUS not in env and settings.ENV_OUT not in env
    assert os.environ[settings.ENV_CORPUS] == "from the user's shell"


def test_a_run_injects_its_parameters_and_leaves_the_environment_alone(tmp_path, monkeypatch) -> None:
    path = tmp_path / "09-probe.ipynb"
    nbformat.write(notebook(), path)
    monkeypatch.setenv(settings.ENV_CORPUS, "from the user's shell")
    before = dict(os.environ)
    cfg = settings.Settings(corpus=tmp_path / "c", out=tmp_path / "o", spacy_model="en_x",
                            aliases=tmp_path / "a.csv")
    nb = report.execute_notebook(path, report.report_parameters(cfg), env=settings.kernel_environment(cfg))
    assert dict(os.environ) == before
    assert nb.cells[2].metadata["tags"] == ["injected-parameters"]
    printed = nb.cells[3].outputs[0]["text"].splitlines()
    assert printed == [f"{tmp_path / 'c'} {tmp_path / 'o'} en_x", f"None {tmp_path / 'a.csv'}"]
    assert len(nbformat.read(path, as_version=4).cells) == 3  # the notebook on disk is unchanged


def test_refreshing_in_place_injects_nothing_and_hides_the_workbook_environment(tmp_path, monkeypatch) -> None:
    path = tmp_path / "09-probe.ipynb"
    nbformat.write(notebook(), path)
    monkeypatch.setenv(settings.ENV_CORPUS, "from the user's shell")
    report.refresh_notebooks([path])
    nb = nbformat.read(path, as_version=4)
    assert len(nb.cells) == 3 and all("injected-parameters" not in c.metadata.get("tags", []) for c in nb.cells)
    assert nb.cells[2].outputs[0]["text"].splitlines() == ["None None None", "None None"]
    assert os.environ[settings.ENV_CORPUS] == "from the user's shell"


def test_the_index_page_comes_from_its_template(tmp_path) -> None:
    assert (paths.TEMPLATES / export.INDEX_TEMPLATE).is_file()
    entries = [report.ReportEntry("01-x.ipynb", "A & 'B'", "<p>intro</p>", "<ul><li>s</li></ul>", "01-x.html", 1.0),
               report.ReportEntry("02-y.ipynb", "", "", "", "02 \"y\".html", 1.0)]
    page = report.write_index(entries, tmp_path, "seeds").read_text()
    assert ('<section class="entry"><h2><a href="01-x.html">A &amp; &#x27;B&#x27;</a></h2>'
            '<div class="intro"><p>intro</p></div><div class="summary"><ul><li>s</li></ul></div>'
            '<p class="source">from <code>01-x.ipynb</code></p></section>\n<section class="entry">') in page
    assert '<a href="02 &quot;y&quot;.html">02-y.ipynb</a>' in page
    assert page.endswith("</section>\n</body></html>\n")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    empty = report.write_index([], tmp_path / "e", "seeds").read_text()
    assert "no network.</p>\n\n</body></html>\n" in empty


@pytest.mark.parametrize("path", report.notebook_paths(), ids=lambda p: p.name)
def test_committed_notebooks_have_one_parameters_cell_and_none_injected(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "CORPUS = None" in tagged[0].source
    assert not [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
