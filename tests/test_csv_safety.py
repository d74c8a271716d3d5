"""Exports safe to open in a spreadsheet (issue 10, item 8; OWASP CSV injection): a text cell that
a spreadsheet would run as a formula is written with a leading apostrophe, numbers stay numbers,
and the workbook reads back the exact text, so every offset still points into it."""

from __future__ import annotations

import csv
import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import entity_tables
from helpers import settings, stages, tables

RISKY_FIRST = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes for the start of a formula (OWASP)."""
ALPHABET = ("'", "=", "+", "-", "@", "\t", "\r", "\n", "a", "5", " ", '"', ",")
TRICKY = ["'=x", "''@", "-5 dead", '=HYPERLINK("http://x","y")', "\t", "\r", "", "'", "''", "it's",
          "+44 20 7946 0000", "@UN", "-", "a=b", " =1+1", "'plain", "''-", "\r\nline", "=1+1\n=2", "one\rtwo",
          "CR only\r"]
"""Texts that must come back exactly, some risky, some not."""


def _all_short_strings(max_len: int = 4) -> list[str]:
    """Every string of up to `max_len` characters over `ALPHABET` (over 30,000 of them)."""
    return ["".join(p) for n in range(max_len + 1) for p in itertools.product(ALPHABET, repeat=n)]


def _risky(cell: str) -> bool:
    return cell[:1] in RISKY_FIRST


def test_every_short_text_round_trips_and_none_is_written_risky() -> None:
    for s in [*_all_short_strings(), *TRICKY]:
        written = tables.neutralise_cell(s)
        assert isinstance(written, str) and not _risky(written), repr(s)
        assert tables.restore_cell(written) == s, repr(s)
        if not _risky(s.lstrip("'")):
            assert written == s, repr(s)  # a harmless text is written as it is, apostrophes included


def test_non_text_cells_are_never_touched() -> None:
    for value in (-5, -0.5, float("nan"), None, True, np.int64(-3), np.float64(-2.5)):
        assert tables.neutralise_cell(value) is value
        assert tables.restore_cell(value) is value


SAMPLE = tables.Schema("sample.csv", {"text": tables.STR, "n": tables.INT, "x": tables.FLOAT,
                                      "lat": tables.OPT_FLOAT, "ok": tables.BOOL}, extra=tables.STR)


def _sample_frame() -> pd.DataFrame:
    n = len(TRICKY)
    return pd.DataFrame({
        "text": TRICKY, "n": [-5 - i for i in range(n)], "x": [-0.25 * i for i in range(n)],
        "lat": [np.nan if i % 3 == 0 else -33.5 for i in range(n)], "ok": [i % 2 == 0 for i in range(n)],
        "outlet": list(reversed(TRICKY)),
    })


def _cells(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_table_is_written_safe_and_read_back_exactly(tmp_path: Path) -> None:
    df = _sample_frame()
    path = tables.write_table(df, tmp_path, SAMPLE)
    rows = _cells(path)
    for row, text, extra in zip(rows, TRICKY, reversed(TRICKY)):
        for cell, original in ((row["text"], text), (row["outlet"], extra)):
            assert not _risky(cell), repr(cell)
            assert cell == ("'" + original if _risky(original.lstrip("'")) else original)
    # numbers stay numbers: a negative count or value is written as it is, with no apostrophe
    assert [r["n"] for r in rows] == [str(-5 - i) for i in range(len(TRICKY))]
    assert rows[1]["x"] == "-0.25" and rows[1]["lat"] == "-33.5" and rows[0]["lat"] == ""
    back = tables.read_table(tmp_path, SAMPLE)
    pd.testing.assert_frame_equal(back, df.astype({"text": "str", "outlet": "str"}), check_exact=True)
    assert back["text"].tolist() == TRICKY


@pytest.mark.parametrize("dtype", ["object", "str"])
def test_every_short_text_is_written_safe_in_a_whole_table(tmp_path: Path, dtype: str) -> None:
    """The table writer finds the risky cells itself (vectorised, in either kind of text column):
    each CSV cell is exactly what `neutralise_cell` makes of it, and the text reads back exactly."""
    texts = [*_all_short_strings(), *TRICKY]
    schema = tables.Schema("short.csv", {"text": tables.STR})
    path = tables.write_table(pd.DataFrame({"text": pd.Series(texts, dtype=dtype)}), tmp_path, schema)
    assert [r["text"] for r in _cells(path)] == [tables.neutralise_cell(s) for s in texts]
    assert tables.read_table(tmp_path, schema)["text"].tolist() == texts


def test_writing_leaves_the_frame_itself_alone(tmp_path: Path) -> None:
    df = _sample_frame()
    before = df.copy()
    tables.write_table(df, tmp_path, SAMPLE)
    pd.testing.assert_frame_equal(df, before, check_exact=True)


def test_a_table_with_nothing_risky_is_written_as_before(tmp_path: Path) -> None:
    """Byte for byte what pandas writes: the seeds' tables do not change."""
    df = pd.DataFrame({"text": ["Syria", "it's 5", ""], "n": [-5, 0, 7], "x": [-0.5, 1.0, 2.5],
                       "lat": [np.nan, -1.0, 2.0], "ok": [True, False, True], "outlet": ["a", "b, c", 'd "e"']})
    path = tables.write_table(df, tmp_path, SAMPLE)
    assert path.read_text(encoding="utf-8") == df.to_csv(index=False)


def test_a_missing_text_cell_is_written_empty(tmp_path: Path) -> None:
    schema = tables.Schema("gaps.csv", {"text": tables.STR, "n": tables.INT})
    tables.write_table(pd.DataFrame({"text": ["=1", math.nan, None], "n": [-1, -2, -3]}), tmp_path, schema)
    assert [r["text"] for r in _cells(tmp_path / "gaps.csv")] == ["'=1", "", ""]
    assert tables.read_table(tmp_path, schema)["text"].tolist() == ["=1", "", ""]


TITLE = '=HYPERLINK("http://x","y")'
ARTICLE = ("Talks in Geneva\n\nThe United Nations envoy Staffan de Mistura met officials of Russia and "
           "Turkey in Geneva on Monday, the foreign ministry said. -5 degrees were reported in Moscow.\n")


@pytest.fixture(scope="module")
def injected_run(tmp_path_factory: pytest.TempPathFactory) -> settings.Settings:
    """A one-article corpus whose title is a spreadsheet formula, through the entity stage."""
    folder = tmp_path_factory.mktemp("injected")
    (folder / "geneva.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "metadata.csv").write_text(
        f'doc_id,source,url,published,title\ngeneva,@Daily,,2018-09-05,"{TITLE.replace(chr(34), 2 * chr(34))}"\n',
        encoding="utf-8")
    return entity_tables(folder, tmp_path_factory.mktemp("injected-out"))


def test_a_formula_title_reaches_documents_csv_neutralised(injected_run: settings.Settings) -> None:
    row = _cells(injected_run.derived / "documents.csv")[0]
    assert row["title"] == "'" + TITLE and row["source"] == "'@Daily"
    assert not any(_risky(cell) for cell in row.values())


def test_reading_documents_back_gives_the_exact_title(injected_run: settings.Settings) -> None:
    docs = tables.read_table(injected_run.derived, tables.DOCUMENTS)
    assert docs["title"].tolist() == [TITLE] and docs["source"].tolist() == ["@Daily"]
    assert docs["n_words"].dtype == "int64"


def test_mentions_read_back_from_the_cache_still_slice_the_text(injected_run: settings.Settings) -> None:
    corpus = stages.load_corpus(injected_run)
    with stages.recording() as log:
        ents = stages.entities(injected_run, corpus)  # read back from the tables folder
    assert log.from_cache() == {"entities"}
    text = corpus.articles[0].text
    assert len(ents.mentions) > 0
    for m in ents.mentions.itertuples():
        assert text[m.start:m.end] == m.text
    for s in ents.sentences.itertuples():  # type: ignore[attr-defined]
        assert 0 <= s.start < s.end <= len(text)
