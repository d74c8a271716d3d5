"""A corpus as analysts keep them goes through `make report`'s command with exit 0: every valid
article is loaded, every other file is in the problems table, and the reports render offline
with nothing injected running (issue 10's "done when")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import tables
from mixed_corpus import build_mixed_corpus

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str], str]:
    corpus = tmp_path_factory.mktemp("mixed")
    expected = build_mixed_corpus(corpus)
    out = tmp_path_factory.mktemp("mixed-out")
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBOOK_")}
    proc = subprocess.run([sys.executable, "-m", "helpers.report", "--corpus", str(corpus), "--out", str(out)],
                          env=env, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return corpus, out, expected, proc.stdout


def read(out: Path, schema: tables.Schema) -> pd.DataFrame:
    return tables.read_table(out / "derived", schema)


def test_every_valid_article_of_every_format_is_loaded(mixed_run) -> None:
    _, out, expected, _ = mixed_run
    docs = read(out, tables.DOCUMENTS).set_index("doc_id")
    how = docs["extracted_from"].to_dict()
    assert {how[d] for d in ("reuters/geneva", "exports/scrape#a1", "exports/sheet#c1", "docs/statement",
                             "docs/convoys")} == {"html", "jsonl", "csv", "pdf", "docx"}
    assert how[expected["long"]] == how[expected["damaged"]] == how[expected["french"]] == "text"
    assert len(docs) == 3 + 8  # the seeds and every valid article, no more
    assert docs.loc[expected["french"], "language"] == "fr" and docs.loc["reuters/geneva", "language"] == "en"
    assert docs.loc["reuters/geneva", "source"] == "The Daily Wire Service"  # from the page
    assert docs.loc["000_24b1d2f398d6a64a", "title"] == expected["hostile_title"]  # exact, read back


def test_every_other_file_is_a_problem_row_and_the_run_said_so(mixed_run) -> None:
    _, out, expected, stdout = mixed_run
    problems = read(out, tables.PROBLEMS)
    kinds = set(zip(problems["path"].map(lambda p: Path(p).name), problems["problem"]))
    assert ("scan.pdf", "no text layer") in kinds
    assert ("scrape.jsonl", "unreadable") in kinds and ("scrape.jsonl", "empty") in kinds
    assert ("damaged.txt", "cleaned") in kinds and ("idleb.txt", "not English") in kinds
    assert ("long.txt", "very long") in kinds
    assert any(p == "metadata" and "day-first" in d for p, d in zip(problems["problem"], problems["detail"]))
    assert read(out, tables.STAGE_PROBLEMS).empty
    assert "Articles left out: none" in stdout and "Reports written" in stdout


def test_the_french_article_stays_out_of_the_english_stages_and_the_long_one_is_in(mixed_run) -> None:
    corpus, out, expected, _ = mixed_run
    mentions = read(out, tables.MENTIONS)
    assert expected["french"] not in set(mentions["doc_id"])
    text = (corpus / "reuters" / "long.txt").read_text(encoding="utf-8")
    merkel = mentions[(mentions["doc_id"] == expected["long"]) & (mentions["text"] == "Angela Merkel")]
    assert not merkel.empty and all(text[s:e] == "Angela Merkel" for s, e in zip(merkel["start"], merkel["end"]))


def test_a_formula_in_metadata_reaches_the_csv_neutralised(mixed_run) -> None:
    _, out, expected, _ = mixed_run
    raw = (out / "derived" / "documents.csv").read_text(encoding="utf-8")
    assert "'" + expected["hostile_title"].replace('"', '""') in raw
    assert ',"=HYPERLINK' not in raw and ",=HYPERLINK" not in raw


@pytest.mark.browser
def test_the_reports_of_the_mixed_corpus_render_offline_and_run_nothing_injected(browser, mixed_run) -> None:
    from test_browser import open_offline, report_pages

    _, out, _, _ = mixed_run
    for page_path in report_pages(out) + [out / "reports" / "index.html"]:
        seen = open_offline(browser, page_path, screenshot=f"mixed-{page_path.stem}.png")
        assert seen["pwned"] is None and seen["dialogs"] == [] and seen["errors"] == [], page_path.name
        assert seen["blocked"] == [], f"{page_path.name} tried the network: {seen['blocked'][:5]}"
        assert len(seen["charts"]) == seen["n_figures"], f"{page_path.name}: a chart did not draw"
        for chart in seen["charts"]:
            assert chart["svg"] >= 1 and (chart["land"] > 100 if chart["geo"] else chart["points"] >= 1), chart
