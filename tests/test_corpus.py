"""Behaviour of the corpus loader (helpers/corpus.py).

Every corpus here is built in a temporary folder; the only real folder read is the
checkout's own `seeds/`. The tests check what a user of the workbook sees: the documents
and problems tables, the logged warnings, the text offsets refer to, and the files on disk.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import random
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.corpus import (
    CorpusError,
    load_corpus,
    parse_date,
    write_tables,
)

LEADING_COLUMNS = ["doc_id", "source", "published", "published_from", "title", "n_words", "sha256", "path"]

GOOD_A = "Officials met in Geneva on Monday.\nThey talked for hours about the ceasefire.\n"
GOOD_B = "Heavy rain fell across the north of the country.\nSeveral roads were closed.\n"
GOOD_IDS = {"good_a", "good_b"}


# ---------------------------------------------------------------------------- helpers


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write `content` to folder/name byte for byte (no newline translation)."""
    path = folder / name
    data = content if isinstance(content, bytes) else content.encode(encoding)
    path.write_bytes(data)
    return path


def good_corpus(folder: Path) -> Path:
    """A folder holding two valid UTF-8 articles, `good_a` and `good_b`."""
    folder.mkdir(parents=True, exist_ok=True)
    write(folder, "good_a.txt", GOOD_A)
    write(folder, "good_b.txt", GOOD_B)
    return folder


def shown(folder: Path, name: str) -> str:
    """How the loader shows a file of a temporary folder (outside the checkout): its full path."""
    return (folder / name).as_posix()


def rows_for(corpus, folder: Path, name: str) -> pd.DataFrame:
    table = corpus.problems_table
    return table[table["path"] == shown(folder, name)]


def warnings_about(caplog, name: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "helpers.corpus" and r.levelno == logging.WARNING and name in r.getMessage()]


def assert_one_problem(corpus, caplog, folder: Path, name: str, kind: str) -> str:
    """Exactly one problem row for folder/name, of `kind`, and a logged warning; return its detail."""
    rows = rows_for(corpus, folder, name)
    assert len(rows) == 1, corpus.problems_table.to_string()
    assert rows.iloc[0]["problem"] == kind
    assert rows.iloc[0]["detail"]
    messages = warnings_about(caplog, name)
    assert len(messages) == 1, messages
    assert kind in messages[0]
    return str(rows.iloc[0]["detail"])


def assert_good_articles_loaded(corpus, extra: set[str] = frozenset()) -> None:
    assert set(corpus.documents["doc_id"]) == GOOD_IDS | set(extra)
    assert corpus.text("good_a") == GOOD_A
    assert corpus.text("good_b") == GOOD_B
    # The valid articles themselves are never reported.
    for name in ("good_a.txt", "good_b.txt"):
        assert not corpus.problems_table["path"].str.endswith("/" + name).any()


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under `folder` (and the folder itself) with its size and mtime, symlinks not followed."""
    result = {".": (0, folder.lstat().st_mtime_ns)}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            result[p.relative_to(folder).as_posix()] = (st.st_size if name in filenames else 0, st.st_mtime_ns)
    return result


@pytest.fixture
def warn_log(caplog):
    caplog.set_level(logging.WARNING, logger="helpers.corpus")
    return caplog


# ---------------------------------------------------------------------------- good articles


def test_good_articles_load_with_text_exactly_as_decoded(tmp_path, warn_log):
    crlf = "Title with Windows endings\r\nSecond line.\r\n\r\nThird paragraph.\r\n"
    indented = "   Indented first line keeps its spaces.\n\tAnd a tab.\n"
    bom_text = "Article saved with a byte-order mark.\nIt says café.\n"
    write(tmp_path, "crlf.txt", crlf)
    write(tmp_path, "indented.txt", indented)
    bom_path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + bom_text.encode("utf-8"))

    corpus = load_corpus(tmp_path)

    assert corpus.problems_table.empty
    assert warn_log.records == []
    assert corpus.text("crlf") == crlf  # \r\n kept
    assert corpus.text("indented") == indented  # leading white space kept
    assert corpus.text("bom") == bom_text  # BOM not part of the text
    assert not corpus.text("bom").startswith("\ufeff")
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["bom", "encoding"] == "utf-8-sig"
    assert docs.loc["crlf", "encoding"] == "utf-8"
    # sha256 is of the raw bytes, BOM included.
    assert docs.loc["bom", "sha256"] == hashlib.sha256(bom_path.read_bytes()).hexdigest()
    assert docs.loc["crlf", "sha256"] == hashlib.sha256(crlf.encode("utf-8")).hexdigest()
    assert docs.loc["crlf", "title"] == "Title with Windows endings"
    assert docs.loc["indented", "title"] == "Indented first line keeps its spaces."


def test_doc_id_is_the_file_stem_and_supported_endings_load(tmp_path):
    write(tmp_path, "2018-09-07_reuters_syria.txt", "One article.\n")
    write(tmp_path, "notes.md", "A markdown article.\n")
    write(tmp_path, "plain.text", "A .text article.\n")
    write(tmp_path, "UPPER.TXT", "Upper-case ending.\n")

    corpus = load_corpus(tmp_path)

    assert list(corpus.documents["doc_id"]) == sorted(
        ["2018-09-07_reuters_syria", "notes", "plain", "UPPER"])
    assert corpus.problems_table.empty


def test_n_words_counts_words(tmp_path):
    write(tmp_path, "a.txt", "Hello world, it's a test-case.\r\n")
    write(tmp_path, "b.txt", "U.S. officials met on Monday.\n\n")
    write(tmp_path, "c.txt", "date 2018-09-07\nThree words here.\n")  # the header is not counted

    docs = load_corpus(tmp_path).documents.set_index("doc_id")

    assert docs.loc["a", "n_words"] == 5
    assert docs.loc["b", "n_words"] == 5
    assert docs.loc["c", "n_words"] == 3
    assert docs["n_words"].dtype == "int64"


def test_documents_table_columns_and_order(tmp_path):
    # Name order ("a-b.txt" < "a.txt") differs from doc_id order ("a" < "a-b").
    write(tmp_path, "zeta.txt", "Last.\n")
    write(tmp_path, "a.txt", "First.\n")
    write(tmp_path, "a-b.txt", "Second.\n")

    docs = load_corpus(tmp_path).documents

    assert list(docs.columns[: len(LEADING_COLUMNS)]) == LEADING_COLUMNS
    assert "text" not in docs.columns
    assert list(docs["doc_id"]) == ["a", "a-b", "zeta"]
    assert list(docs.index) == [0, 1, 2]
    assert list(docs["path"]) == [shown(tmp_path, n) for n in ("a.txt", "a-b.txt", "zeta.txt")]


def test_seed_corpus(warn_log):
    corpus = load_corpus(paths.SEEDS)
    docs = corpus.documents.set_index("doc_id")
    ids = ["000_24b1d2f398d6a64a", "001_49f6b359dfe7bb2c", "004_ca72791cc1d0016e"]

    assert list(corpus.documents["doc_id"]) == ids
    assert corpus.problems_table.empty
    assert warn_log.records == []
    for doc_id in ids:
        raw = (paths.SEEDS / f"{doc_id}.txt").read_bytes()
        assert corpus.text(doc_id) == raw.decode("utf-8-sig")
        assert docs.loc[doc_id, "sha256"] == hashlib.sha256(raw).hexdigest()
        # Paths are shown relative to the checkout, never with this machine's absolute path.
        assert docs.loc[doc_id, "path"] == f"seeds/{doc_id}.txt"
        assert not docs.loc[doc_id, "path"].startswith("/")
        assert str(paths.ROOT) not in docs.loc[doc_id, "path"]
        assert docs.loc[doc_id, "n_words"] > 50

    dated = docs.loc["004_ca72791cc1d0016e"]
    assert corpus.text("004_ca72791cc1d0016e").startswith(" date 2018-09-07 President Donald Trump")
    assert dated["published"] == "2018-09-07"
    assert dated["published_from"] == "header"
    assert "date 2018" not in dated["title"]
    assert dated["title"].startswith("President Donald Trump")
    assert dated["source"] == ""
    assert dated["outlet"] == "004_ca72791cc1d0016e"

    for doc_id in ids[:2]:
        row = docs.loc[doc_id]
        assert row["published"] == ""
        assert row["published_from"] == ""
        assert row["source"] == ""
        assert row["outlet"] == doc_id
        assert row["title"]


def test_in_text_header_date_with_crlf(tmp_path):
    write(tmp_path, "a.txt", "date 2018-09-07\r\nHeadline here\r\nBody text follows.\r\n")
    write(tmp_path, "b.txt", "Published: 2019-01-31T08:00:00Z\nOther headline\n")

    docs = load_corpus(tmp_path).documents.set_index("doc_id")

    assert docs.loc["a", "published"] == "2018-09-07"
    assert docs.loc["a", "published_from"] == "header"
    assert docs.loc["a", "title"] == "Headline here"
    assert docs.loc["b", "published"] == "2019-01-31"
    assert docs.loc["b", "title"] == "Other headline"


def test_long_first_line_gives_a_shortened_title(tmp_path):
    first = "word " * 60
    write(tmp_path, "a.txt", first.strip() + ".\nSecond line.\n")

    title = load_corpus(tmp_path).documents.loc[0, "title"]

    assert len(title) <= 121
    assert title.endswith("…")
    assert title.startswith("word word")


# ---------------------------------------------------------------------------- bad input


def test_empty_file(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "empty.txt", b"")

    corpus = load_corpus(tmp_path)

    assert_one_problem(corpus, warn_log, tmp_path, "empty.txt", "empty")
    assert_good_articles_loaded(corpus)


def test_whitespace_only_file(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "blank.txt", "  \r\n\t\n   \n")

    corpus = load_corpus(tmp_path)

    assert_one_problem(corpus, warn_log, tmp_path, "blank.txt", "empty")
    assert_good_articles_loaded(corpus)


def test_binary_file_named_txt(tmp_path, warn_log):
    good_corpus(tmp_path)
    rnd = random.Random(1234)
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
           + bytes(rnd.randrange(256) for _ in range(2000)) + b"\x00\x00\x00\x00IEND\xaeB`\x82")
    write(tmp_path, "picture.txt", png)

    corpus = load_corpus(tmp_path)

    detail = assert_one_problem(corpus, warn_log, tmp_path, "picture.txt", "binary")
    assert "picture" not in set(corpus.documents["doc_id"])
    assert f"{len(png):,}" in detail
    assert_good_articles_loaded(corpus)


CP1252_TEXT = ("A café in Zürich, run by Renée Müller, reopened on Monday.\r\n"
               "\u201cWe are back,\u201d she said. Critics called the menu \u201ctrès chic\u201d "
               "and the décor \u201cnaïve\u201d; the façade was restored à la française.\r\n")


def test_cp1252_file_loads_and_is_reported(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "windows.txt", CP1252_TEXT, encoding="cp1252")

    corpus = load_corpus(tmp_path)

    detail = assert_one_problem(corpus, warn_log, tmp_path, "windows.txt", "not UTF-8")
    text = corpus.text("windows")
    for word in ("café", "Zürich", "Renée", "Müller", "décor", "façade",
                 "\u201cWe are back,\u201d"):
        assert word in text
    assert "\r\n" in text
    encoding = corpus.documents.set_index("doc_id").loc["windows", "encoding"]
    assert encoding not in ("utf-8", "utf-8-sig")
    assert encoding in detail  # the detail names the encoding used
    assert_good_articles_loaded(corpus, extra={"windows"})


def test_cp1252_file_keeps_every_western_accent(tmp_path):
    write(tmp_path, "windows.txt", CP1252_TEXT, encoding="cp1252")

    corpus = load_corpus(tmp_path)

    assert corpus.text("windows") == CP1252_TEXT


def test_cp1252_file_is_reported_as_cp1252(tmp_path):
    write(tmp_path, "windows.txt", CP1252_TEXT, encoding="cp1252")

    corpus = load_corpus(tmp_path)

    encoding = corpus.documents.loc[0, "encoding"]
    assert codecs.lookup(encoding).name == "cp1252"
    assert encoding in corpus.problems_table.loc[0, "detail"]


def test_latin1_file_loads(tmp_path, warn_log):
    good_corpus(tmp_path)
    text = "The café in Zürich and the Müller family of Köln.\nNo curly quotes here.\n"
    write(tmp_path, "latin.txt", text, encoding="latin-1")

    corpus = load_corpus(tmp_path)

    assert_one_problem(corpus, warn_log, tmp_path, "latin.txt", "not UTF-8")
    assert corpus.text("latin") == text
    assert_good_articles_loaded(corpus, extra={"latin"})


def test_utf16_file_with_bom_loads_with_correct_text(tmp_path, warn_log):
    good_corpus(tmp_path)
    text = "Report from Zürich: the café reopened.\r\n\u201cQuoted,\u201d she said.\r\n"
    raw = text.encode("utf-16")  # with BOM
    assert raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    write(tmp_path, "wide.txt", raw)

    corpus = load_corpus(tmp_path)

    assert corpus.text("wide") == text
    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["wide", "encoding"] == "utf-16"
    assert docs.loc["wide", "sha256"] == hashlib.sha256(raw).hexdigest()
    assert docs.loc["wide", "title"] == "Report from Zürich: the café reopened."
    # What the loader does: it loads the file and flags it once as not UTF-8, naming utf-16.
    detail = assert_one_problem(corpus, warn_log, tmp_path, "wide.txt", "not UTF-8")
    assert "utf-16" in detail
    assert_good_articles_loaded(corpus, extra={"wide"})


def test_exact_duplicate_under_another_name(tmp_path, warn_log):
    good_corpus(tmp_path)
    # Written in reverse order: which copy is kept must not depend on creation order.
    write(tmp_path, "zz_copy.txt", GOOD_A)

    corpus = load_corpus(tmp_path)

    detail = assert_one_problem(corpus, warn_log, tmp_path, "zz_copy.txt", "duplicate")
    assert "good_a" in detail
    assert "zz_copy" not in set(corpus.documents["doc_id"])
    assert_good_articles_loaded(corpus)


def test_duplicate_keeps_first_in_name_order(tmp_path, warn_log):
    write(tmp_path, "b_original.txt", GOOD_A)
    write(tmp_path, "a_copy.txt", GOOD_A)

    corpus = load_corpus(tmp_path)

    assert list(corpus.documents["doc_id"]) == ["a_copy"]
    detail = assert_one_problem(corpus, warn_log, tmp_path, "b_original.txt", "duplicate")
    assert "a_copy" in detail


def test_duplicate_differing_only_by_whitespace(tmp_path, warn_log):
    good_corpus(tmp_path)
    spaced = "  Officials  met in Geneva on Monday.\r\n\r\nThey talked   for hours about\tthe ceasefire.  \r\n\r\n"
    write(tmp_path, "spaced.txt", spaced)

    corpus = load_corpus(tmp_path)

    detail = assert_one_problem(corpus, warn_log, tmp_path, "spaced.txt", "duplicate")
    assert "good_a" in detail
    assert_good_articles_loaded(corpus)


def test_non_utf8_duplicate_is_one_duplicate_row(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "zz_latin_copy.txt", GOOD_A + "Caf\u00e9.\n", encoding="latin-1")
    write(tmp_path, "good_c.txt", GOOD_A + "Caf\u00e9.\n")

    corpus = load_corpus(tmp_path)

    detail = assert_one_problem(corpus, warn_log, tmp_path, "zz_latin_copy.txt", "duplicate")
    assert "good_c" in detail
    assert "check its accents" not in " ".join(corpus.problems_table["detail"])


def test_same_doc_id_from_two_endings(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "story.md", "One story in markdown.\n")
    write(tmp_path, "story.txt", "A different story in plain text.\n")

    corpus = load_corpus(tmp_path)

    assert corpus.text("story") == "One story in markdown.\n"  # "story.md" < "story.txt"
    detail = assert_one_problem(corpus, warn_log, tmp_path, "story.txt", "duplicate")
    assert "story" in detail
    assert_good_articles_loaded(corpus, extra={"story"})


def test_unreadable_file(tmp_path, warn_log):
    good_corpus(tmp_path)
    (tmp_path / "x.txt").symlink_to(tmp_path / "no-such-target.txt")

    corpus = load_corpus(tmp_path)

    assert_one_problem(corpus, warn_log, tmp_path, "x.txt", "unreadable")
    assert "x" not in set(corpus.documents["doc_id"])
    assert_good_articles_loaded(corpus)


@pytest.mark.parametrize("name", ["slides.pptx", "photo.jpg", "README"])
def test_unsupported_kind(tmp_path, warn_log, name):
    good_corpus(tmp_path)
    write(tmp_path, name, b"%PDF-1.4 or JPEG or anything else")

    corpus = load_corpus(tmp_path)

    detail = assert_one_problem(corpus, warn_log, tmp_path, name, "unsupported kind")
    suffix = Path(name).suffix
    if suffix:
        assert suffix in detail
    assert_good_articles_loaded(corpus)


def test_subfolder_is_read_with_a_relative_doc_id(tmp_path, warn_log):
    good_corpus(tmp_path)
    sub = tmp_path / "more"
    sub.mkdir()
    write(sub, "inner.txt", "An article inside a subfolder.\n")

    corpus = load_corpus(tmp_path)

    assert corpus.text("more/inner") == "An article inside a subfolder.\n"
    assert "inner" not in set(corpus.documents["doc_id"])
    assert corpus.problems_table.empty
    assert not warn_log.records
    assert_good_articles_loaded(corpus, extra={"more/inner"})


def test_every_problem_is_one_row_and_one_warning(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.txt", " \n")
    write(tmp_path, "zz_copy.txt", GOOD_B)
    write(tmp_path, "report.pdf", b"%PDF")
    (tmp_path / "sub").mkdir()

    corpus = load_corpus(tmp_path)
    table = corpus.problems_table

    assert list(table.columns) == ["path", "problem", "detail"]
    assert list(table["path"]) == sorted(shown(tmp_path, n) for n in
                                         ("blank.txt", "empty.txt", "report.pdf", "sub", "zz_copy.txt"))
    assert len([r for r in warn_log.records if r.name == "helpers.corpus"]) == len(table)
    assert_good_articles_loaded(corpus)


def test_every_file_bad_raises_naming_the_files(tmp_path, warn_log):
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.txt", "   \n")
    write(tmp_path, "scan.pdf", b"%PDF-1.4")

    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)

    message = str(err.value)
    for name in ("empty.txt", "blank.txt", "scan.pdf"):
        assert name in message
    # The problems are also logged before the error.
    for name in ("empty.txt", "blank.txt", "scan.pdf"):
        assert warnings_about(warn_log, name)


def test_missing_folder_raises(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nowhere")


def test_a_file_instead_of_a_folder_raises(tmp_path):
    path = write(tmp_path, "a.txt", "An article.\n")
    with pytest.raises(CorpusError):
        load_corpus(path)


def test_empty_folder_raises(tmp_path):
    with pytest.raises(CorpusError, match="No article"):
        load_corpus(tmp_path)


# ---------------------------------------------------------------------------- must not


def test_valid_articles_are_never_problems(tmp_path, warn_log):
    write(tmp_path, "short.txt", "Yes.")
    write(tmp_path, "no_newline.txt", "An article without a final newline")
    write(tmp_path, "unicode.txt", "Москва, 東京, القاهرة — “quotes” and emoji 📰.\n")
    write(tmp_path, "tabs.txt", "\tTabbed\tcolumns\tin text.\n\fForm feed too.\n")

    corpus = load_corpus(tmp_path)

    assert corpus.problems_table.empty
    assert warn_log.records == []
    assert len(corpus.documents) == 4
    assert corpus.text("unicode") == "Москва, 東京, القاهرة — “quotes” and emoji 📰.\n"


def test_articles_sharing_a_first_line_are_not_duplicates(tmp_path):
    headline = "Trump warns Syria over Idlib offensive\n"
    write(tmp_path, "one.txt", headline + "Reuters version of the story.\n")
    write(tmp_path, "two.txt", headline + "AP version of the story, quite different.\n")

    corpus = load_corpus(tmp_path)

    assert list(corpus.documents["doc_id"]) == ["one", "two"]
    assert corpus.problems_table.empty
    assert list(corpus.documents["title"]) == ["Trump warns Syria over Idlib offensive"] * 2


def test_date_in_the_middle_is_not_a_header_date(tmp_path):
    write(tmp_path, "a.txt", "Talks resumed on Friday.\nThe agreement has a date 2018-09-07 on it.\n")
    write(tmp_path, "b.txt", "Summit\ndate 2018-09-07\nText.\n")

    docs = load_corpus(tmp_path).documents.set_index("doc_id")

    for doc_id in ("a", "b"):
        assert docs.loc[doc_id, "published"] == ""
        assert docs.loc[doc_id, "published_from"] == ""
    assert docs.loc["a", "title"] == "Talks resumed on Friday."
    assert docs.loc["b", "title"] == "Summit"


def test_invalid_header_date_gives_no_date_and_no_crash(tmp_path, warn_log):
    text = "date 2018-02-30 Leaders met in Sochi.\nMore text.\n"
    write(tmp_path, "a.txt", text)

    corpus = load_corpus(tmp_path)

    row = corpus.documents.loc[0]
    assert row["published"] == ""
    assert row["published_from"] == ""
    assert corpus.text("a") == text
    assert row["n_words"] > 0


def test_loader_never_writes_into_the_corpus_folder(tmp_path):
    folder = good_corpus(tmp_path / "corpus")
    write(folder, "empty.txt", b"")
    write(folder, "zz_copy.txt", GOOD_A)
    write(folder, "windows.txt", CP1252_TEXT, encoding="cp1252")
    write(folder, "metadata.csv", "doc_id,source,url,published\ngood_a,Reuters,,2018-09-07\nghost,X,,\n")
    (folder / "x.txt").symlink_to(folder / "missing.txt")
    (folder / "sub").mkdir()
    write(folder / "sub", "inner.txt", "inner\n")
    before = snapshot(folder)

    corpus = load_corpus(folder)
    write_tables(corpus, tmp_path / "out")
    _ = corpus.documents, corpus.problems_table, corpus.text("good_a")

    assert snapshot(folder) == before
    assert (tmp_path / "out" / "documents.csv").is_file()


# ---------------------------------------------------------------------------- metadata.csv


def test_metadata_sidecar_is_applied(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "dated.txt", "date 2017-01-01\nHeadline in the text\nBody.\n")
    write(tmp_path, "metadata.csv",
          "doc_id,source,url,published,title\n"
          "good_a,Reuters,https://www.reuters.com/article/geneva,2018-09-07,Talks in Geneva\n"
          "dated,AP,,2018-09-08,\n")

    corpus = load_corpus(tmp_path)
    docs = corpus.documents.set_index("doc_id")

    assert corpus.problems_table.empty
    assert warn_log.records == []
    assert "metadata" not in set(docs.index)  # the sidecar is not an article
    a = docs.loc["good_a"]
    assert (a["source"], a["url"], a["published"], a["published_from"]) == (
        "Reuters", "https://www.reuters.com/article/geneva", "2018-09-07", "metadata")
    assert a["title"] == "Talks in Geneva"
    assert a["outlet"] == "Reuters"
    d = docs.loc["dated"]
    assert d["published"] == "2018-09-08"  # the sidecar wins over the in-text header
    assert d["published_from"] == "metadata"
    assert d["title"] == "Headline in the text"
    b = docs.loc["good_b"]  # not in the sidecar: unchanged
    assert (b["source"], b["published"], b["published_from"], b["outlet"]) == ("", "", "", "good_b")


@pytest.mark.parametrize("url, source", [
    ("https://www.reuters.com/world/x", "reuters.com"),
    ("http://apnews.com/article/y?z=1", "apnews.com"),
    ("https://WWW.BBC.co.uk/news", "bbc.co.uk"),
    ("www.example.org/path", "example.org"),
])
def test_url_without_source_gives_the_domain(tmp_path, url, source):
    write(tmp_path, "a.txt", "An article.\n")
    write(tmp_path, "metadata.csv", f"doc_id,source,url,published\na,,{url},\n")

    corpus = load_corpus(tmp_path)

    row = corpus.documents.loc[0]
    assert row["source"] == source
    assert row["url"] == url
    assert row["outlet"] == source
    assert corpus.problems_table.empty


def test_sidecar_unknown_doc_id_is_a_problem(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "metadata.csv", "doc_id,source,url,published\ngood_a,Reuters,,\nghost,AP,,\n")

    corpus = load_corpus(tmp_path)

    detail = assert_one_problem(corpus, warn_log, tmp_path, "metadata.csv", "metadata")
    assert "ghost" in detail
    assert corpus.documents.set_index("doc_id").loc["good_a", "source"] == "Reuters"
    assert_good_articles_loaded(corpus)


def test_sidecar_unparseable_date_is_a_problem_and_no_date(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "metadata.csv", "doc_id,source,url,published\ngood_a,Reuters,,soon\n")

    corpus = load_corpus(tmp_path)

    detail = assert_one_problem(corpus, warn_log, tmp_path, "metadata.csv", "metadata")
    assert "soon" in detail and "good_a" in detail
    row = corpus.documents.set_index("doc_id").loc["good_a"]
    assert row["published"] == ""
    assert row["published_from"] == ""
    assert row["source"] == "Reuters"  # the usable fields of the row are kept
    assert_good_articles_loaded(corpus)


def test_sidecar_without_doc_id_column_is_a_problem(tmp_path, warn_log):
    good_corpus(tmp_path)
    write(tmp_path, "metadata.csv", "id,source,url,published\ngood_a,Reuters,,2018-09-07\n")

    corpus = load_corpus(tmp_path)

    detail = assert_one_problem(corpus, warn_log, tmp_path, "metadata.csv", "metadata")
    assert "doc_id" in detail
    row = corpus.documents.set_index("doc_id").loc["good_a"]
    assert row["source"] == ""
    assert row["published"] == ""
    assert_good_articles_loaded(corpus)


def test_sidecar_with_bom_and_crlf(tmp_path):
    write(tmp_path, "a.txt", "An article.\n")
    write(tmp_path, "metadata.csv",
          codecs.BOM_UTF8 + b"doc_id,source,url,published\r\na,Le Monde,,7 September 2018\r\n")

    corpus = load_corpus(tmp_path)

    row = corpus.documents.loc[0]
    assert (row["source"], row["published"], row["published_from"]) == ("Le Monde", "2018-09-07", "metadata")
    assert corpus.problems_table.empty


def test_sidecar_alone_is_not_an_article(tmp_path):
    write(tmp_path, "metadata.csv", "doc_id,source,url,published\n")
    with pytest.raises(CorpusError):
        load_corpus(tmp_path)


@pytest.mark.parametrize("value", [
    "2018-09-07", "2018-09-07T10:00:00Z", "2018-09-07T10:00Z", "7 September 2018",
    "September 7, 2018", "Sept. 7, 2018", "Sep 7, 2018", "7th September 2018", "  2018-09-07  ",
])
def test_parse_date_accepts(value):
    from datetime import date
    assert parse_date(value) == date(2018, 9, 7)


@pytest.mark.parametrize("value", ["soon", "", "   ", "2018-02-30", "31 September 2018", "yesterday 2018"])
def test_parse_date_rejects(value):
    assert parse_date(value) is None


@pytest.mark.parametrize("value", [
    "Friday, 7 September 2018", "7 September 2018 10:00", "7-Sep-2018", "2018 September 7", "SEPT 7TH 2018",
])
def test_parse_date_reads_other_dates_in_words(value):
    from datetime import date
    assert parse_date(value) == date(2018, 9, 7)


@pytest.mark.parametrize("value", [
    "07/09/2018",  # the 7th of September, or the 9th of July?
    "7 Sep 18", "Sep 7 '18",  # which century?
    "September 2018", "7 September", "7 September 2018 to 9 September 2018", "2018",
])
def test_parse_date_rejects_dates_that_are_ambiguous_or_partial(value):
    assert parse_date(value) is None


# ---------------------------------------------------------------------------- write_tables


def test_write_tables_round_trip(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "007.txt", 'A title, with a comma and "quotes"\nBody, with café.\n')
    write(folder, "b.txt", "date 2018-09-07\nDated article\n")
    write(folder, "metadata.csv", "doc_id,source,url,published\nb,,https://www.reuters.com/x,\n")
    write(folder, "empty.txt", b"")
    write(folder, "slides.pptx", b"PK")
    corpus = load_corpus(folder)

    out = write_tables(corpus, tmp_path / "out" / "derived")

    assert out["documents"] == tmp_path / "out" / "derived" / "documents.csv"
    assert out["problems"] == tmp_path / "out" / "derived" / "problems.csv"
    docs = pd.read_csv(out["documents"], dtype=str, keep_default_na=False)
    docs["n_words"] = docs["n_words"].astype("int64")
    assert "text" not in docs.columns
    pd.testing.assert_frame_equal(docs, corpus.documents)
    assert docs.loc[0, "doc_id"] == "007"
    assert docs.loc[0, "title"] == 'A title, with a comma and "quotes"'
    probs = pd.read_csv(out["problems"], dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(probs, corpus.problems_table)
    assert list(probs["problem"]) == ["empty", "unsupported kind"]


def test_write_tables_with_no_problems(tmp_path):
    corpus = load_corpus(good_corpus(tmp_path / "corpus"))

    out = write_tables(corpus, tmp_path / "out")

    probs = pd.read_csv(out["problems"])
    assert list(probs.columns) == ["path", "problem", "detail"]
    assert probs.empty
    docs = pd.read_csv(out["documents"])
    assert list(docs["doc_id"]) == ["good_a", "good_b"]
    assert list(docs.columns[: len(LEADING_COLUMNS)]) == LEADING_COLUMNS


def test_header_only_file_is_empty_not_an_article(tmp_path: Path) -> None:
    folder = good_corpus(tmp_path)
    write(folder, "only_header.txt", "date 2018-09-07\n")
    corpus = load_corpus(folder)
    assert "only_header" not in corpus.by_id()
    rows = rows_for(corpus, folder, "only_header.txt")
    assert list(rows["problem"]) == ["empty"] and "header" in rows["detail"].iloc[0]


def test_metadata_for_a_dropped_copy_says_which_article_was_kept(tmp_path: Path) -> None:
    folder = good_corpus(tmp_path)
    kept = sorted(a.doc_id for a in load_corpus(folder).articles)[0]
    write(folder, "zz_copy.txt", (folder / f"{kept}.txt").read_bytes())
    write(folder, "metadata.csv", "doc_id,source\nzz_copy,Wire\n")
    corpus = load_corpus(folder)
    detail = corpus.problems_table.query("problem == 'metadata'")["detail"].iloc[0]
    assert "zz_copy" in detail and kept in detail


def test_utf16_detail_credits_the_byte_order_mark(tmp_path: Path) -> None:
    folder = good_corpus(tmp_path)
    write(folder, "wide.txt", "Talks in Gen\u00e8ve resumed on Monday.\n".encode("utf-16"))
    rows = rows_for(load_corpus(folder), folder, "wide.txt")
    assert "byte-order mark" in rows["detail"].iloc[0]
