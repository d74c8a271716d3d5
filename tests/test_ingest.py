"""Real corpora in (issue 10): subfolders, `metadata.csv` as spreadsheets save it, and text
hygiene, as the corpus loader (helpers/corpus/load.py) and the settings give them.

Every corpus is built in a temporary folder; the only real folder read is `seeds/`. Each
test checks what a user sees (the documents and problems tables, the text offsets refer to)
and what must not happen.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths, settings, stages
from helpers.corpus import CorpusError, load_corpus, read_metadata_date

ARTICLE = "Officials met in Geneva on Monday.\nThey talked for hours about the ceasefire.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write `content` to folder/name (making its folders) byte for byte, no newline translation."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def article(n: int) -> str:
    """A distinct short article (the loader drops copies of a text)."""
    return f"Article number {n} of the test.\nTalks resumed in Geneva for the {n}th time.\n"


def problems_of(corpus, kind: str | None = None) -> pd.DataFrame:
    table = corpus.problems_table
    return table if kind is None else table[table["problem"] == kind]


@pytest.fixture
def warn_log(caplog):
    caplog.set_level(logging.WARNING, logger="helpers.corpus")
    return caplog


# ---------------------------------------------------------------------------- subfolders


def outlet_folders(root: Path) -> Path:
    """A corpus sorted one folder per outlet, deeper folders too, and one article at the top."""
    write(root, "top.txt", article(0))
    write(root, "reuters/geneva.txt", article(1))
    write(root, "reuters/2018/09/vote.md", article(2))
    write(root, "ap/geneva.txt", article(3))
    return root


def test_subfolders_are_read_and_doc_ids_are_relative_paths(tmp_path, warn_log):
    corpus = load_corpus(outlet_folders(tmp_path))

    docs = corpus.documents.set_index("doc_id")
    assert sorted(docs.index) == ["ap/geneva", "reuters/2018/09/vote", "reuters/geneva", "top"]
    assert corpus.text("reuters/2018/09/vote") == article(2)
    assert docs.loc["reuters/2018/09/vote", "path"] == (tmp_path / "reuters/2018/09/vote.md").as_posix()
    # Must not: two files called geneva.txt collide, a folder is reported, or outlets are invented.
    assert "geneva" not in docs.index
    assert corpus.problems_table.empty
    assert not warn_log.records
    assert set(docs["source"]) == {""}
    assert docs.loc["reuters/geneva", "outlet"] == "reuters/geneva"


def test_hidden_files_and_folders_are_skipped_silently(tmp_path, warn_log):
    write(tmp_path, "kept.txt", article(0))
    write(tmp_path, ".git/config", "[core]\n")
    write(tmp_path, ".git/notes.txt", article(1))
    write(tmp_path, ".ipynb_checkpoints/kept-checkpoint.txt", article(2))
    write(tmp_path, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path, "reuters/.hidden.txt", article(3))
    write(tmp_path, "reuters/seen.txt", article(4))

    corpus = load_corpus(tmp_path)

    assert sorted(corpus.documents["doc_id"]) == ["kept", "reuters/seen"]
    assert corpus.problems_table.empty  # not even a row for them
    assert not warn_log.records


def test_the_gold_sample_folder_at_the_top_is_never_read_as_articles(tmp_path, warn_log):
    write(tmp_path, "kept.txt", article(0))
    write(tmp_path, "gold/quotes.csv", "doc_id,start,end,text,speaker\nkept,0,4,Text,Someone\n")
    write(tmp_path, "gold/notes.txt", article(1))
    write(tmp_path, "reuters/gold/seen.txt", article(2))  # an outlet's own "gold" subfolder is read
    write(tmp_path, "Gold/dates.csv", "doc_id,start,end,text,value\n")  # as a case-blind file system finds it

    corpus = load_corpus(tmp_path, source_from="folder")

    assert sorted(corpus.documents["doc_id"]) == ["kept", "reuters/gold/seen"]
    assert corpus.problems_table.empty
    assert not warn_log.records


def test_an_empty_subfolder_and_a_link_to_a_folder_are_reported_and_the_rest_loads(tmp_path, warn_log):
    write(tmp_path, "a.txt", article(0))
    (tmp_path / "empty").mkdir()
    write(tmp_path / "elsewhere", "b.txt", article(1))
    (tmp_path / "corpus").mkdir()
    write(tmp_path / "corpus", "a.txt", article(0))
    (tmp_path / "corpus" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "corpus" / "empty").mkdir()

    corpus = load_corpus(tmp_path / "corpus")

    table = corpus.problems_table.set_index("path")
    assert table.loc[(tmp_path / "corpus/empty").as_posix(), "problem"] == "empty"
    assert "not followed" in table.loc[(tmp_path / "corpus/linked").as_posix(), "detail"]
    assert list(corpus.documents["doc_id"]) == ["a"]  # must not: the link's article is read
    assert len(warn_log.records) == 2


def test_a_metadata_csv_in_a_subfolder_is_reported_not_used(tmp_path):
    write(tmp_path, "reuters/a.txt", article(0))
    write(tmp_path, "reuters/metadata.csv", "doc_id,source,url,published\na,Reuters,,2018-09-07\n")

    corpus = load_corpus(tmp_path)

    rows = problems_of(corpus, "unsupported kind")
    assert list(rows["path"]) == [(tmp_path / "reuters/metadata.csv").as_posix()]
    assert "top of the corpus folder" in rows.iloc[0]["detail"]
    assert corpus.documents.loc[0, "source"] == ""


def test_source_from_folder_takes_the_outlet_from_the_first_folder_level(tmp_path):
    folder = outlet_folders(tmp_path)

    docs = load_corpus(folder, source_from="folder").documents.set_index("doc_id")

    assert docs.loc["reuters/geneva", "source"] == "reuters"
    assert docs.loc["reuters/2018/09/vote", "source"] == "reuters"  # the first level, not "09"
    assert docs.loc["ap/geneva", "outlet"] == "ap"
    assert docs.loc["top", "source"] == ""  # must not: a top-level file gets the corpus folder's name
    assert set(load_corpus(folder).documents["source"]) == {""}  # and only when asked


def test_metadata_and_the_header_still_win_over_the_folder(tmp_path):
    folder = outlet_folders(tmp_path)
    write(folder, "ap/header.txt", "source: Associated Press\n" + article(4))
    write(folder, "ap/linked.txt", "url: https://www.apnews.com/x\n" + article(5))
    write(folder, "metadata.csv", "doc_id,source,url,published\nreuters/geneva,Reuters Ltd,,2018-09-07\n")

    docs = load_corpus(folder, source_from="folder").documents.set_index("doc_id")

    assert docs.loc["reuters/geneva", "source"] == "Reuters Ltd"
    assert docs.loc["reuters/geneva", "published"] == "2018-09-07"
    assert docs.loc["ap/header", "source"] == "Associated Press"
    assert docs.loc["ap/linked", "source"] == "ap"  # the folder, asked for, before the URL's domain
    assert docs.loc["reuters/2018/09/vote", "source"] == "reuters"
    assert load_corpus(folder).documents.set_index("doc_id").loc["ap/linked", "source"] == "apnews.com"


def test_source_from_takes_only_known_values(tmp_path):
    write(tmp_path, "a.txt", article(0))
    with pytest.raises(ValueError, match="folder"):
        load_corpus(tmp_path, source_from="folders")


def test_metadata_names_an_article_by_doc_id_or_by_a_file_name_only_it_has(tmp_path, warn_log):
    folder = outlet_folders(tmp_path)
    write(folder, "metadata.csv", (
        "doc_id,source,url,published\n"
        "geneva.txt,Nobody,,\n"              # line 2: reuters/geneva.txt or ap/geneva.txt?
        "vote,Reuters (vote),,\n"            # line 3: only reuters/2018/09/vote
        "ap/geneva.txt,AP,,\n"               # line 4: the relative path with its ending
        "top.txt,Top,,\n"                    # line 5: a top-level file by its file name
        "reuters/2018/09/vote,Again,,\n"))   # line 6: the article of line 3 again

    corpus = load_corpus(folder)

    docs = corpus.documents.set_index("doc_id")
    assert docs.loc["reuters/2018/09/vote", "source"] == "Reuters (vote)"
    assert docs.loc["ap/geneva", "source"] == "AP"
    assert docs.loc["top", "source"] == "Top"
    assert docs.loc["reuters/geneva", "source"] == ""  # must not: an ambiguous name is guessed
    details = list(problems_of(corpus, "metadata")["detail"])
    assert len(details) == 2
    assert any("line 2" in d and "ap/geneva" in d and "reuters/geneva" in d for d in details)
    assert any("line 6" in d and "line 3" in d for d in details)


# ---------------------------------------------------------------------------- settings


@pytest.fixture
def clean_env(monkeypatch):
    for name in settings.ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_settings_source_from_and_day_first(clean_env):
    default = settings.resolve()
    assert (default.source_from, default.day_first) == ("", True)
    assert set(default.describe()) == {"corpus", "tables", "reports", "spacy_model"}  # seeds' table unchanged

    clean_env.setenv(settings.ENV_SOURCE_FROM, "folder")
    clean_env.setenv(settings.ENV_DAY_FIRST, "0")
    cfg = settings.resolve()
    assert (cfg.source_from, cfg.day_first) == ("folder", False)
    assert cfg.describe()["source_from"] == "folder" and "9 May" in cfg.describe()["day_first"]
    assert settings.resolve(source_from="", day_first=True).source_from == "folder"  # "" is no value
    assert settings.resolve(day_first=True).day_first is True  # the parameter wins over the environment
    assert {settings.ENV_SOURCE_FROM, settings.ENV_DAY_FIRST} <= set(settings.ENV_VARIABLES)
    env = settings.kernel_environment(cfg)
    assert (env[settings.ENV_SOURCE_FROM], env[settings.ENV_DAY_FIRST]) == ("folder", "0")
    assert settings.ENV_SOURCE_FROM not in settings.kernel_environment()  # the user's shell does not leak


@pytest.mark.parametrize("env, value", [(settings.ENV_SOURCE_FROM, "folders"), (settings.ENV_DAY_FIRST, "maybe")])
def test_settings_refuse_values_they_cannot_read(clean_env, env, value):
    clean_env.setenv(env, value)
    with pytest.raises(ValueError, match=value):
        settings.resolve()


def test_the_stages_load_the_corpus_with_the_settings_and_their_fingerprints_follow(tmp_path):
    folder = outlet_folders(tmp_path / "corpus")
    write(folder, "metadata.csv", "doc_id,source,url,published\ntop,Top,,05/09/2018\n")
    plain = settings.Settings(corpus=folder, out=tmp_path / "out", spacy_model=settings.DEFAULT_SPACY_MODEL)
    by_folder = settings.Settings(corpus=folder, out=tmp_path / "out", spacy_model=settings.DEFAULT_SPACY_MODEL,
                                  source_from="folder", day_first=False)

    a, b = stages.load_corpus(plain), stages.load_corpus(by_folder)

    assert b.by_id()["reuters/geneva"].source == "reuters" and a.by_id()["reuters/geneva"].source == ""
    assert (a.by_id()["top"].published, b.by_id()["top"].published) == (date(2018, 9, 5), date(2018, 5, 9))
    fa, fb = stages.fingerprints(plain, a), stages.fingerprints(by_folder, b)
    assert fa["sources"] != fb["sources"] and fa["timeline"] != fb["timeline"]
    assert fa["entities"] == fb["entities"]  # must not: the outlets' names cost a new model run


# ---------------------------------------------------------------------------- metadata.csv


def test_metadata_saved_by_excel_bom_semicolons_crlf_gives_every_field(tmp_path, warn_log):
    write(tmp_path, "a.txt", article(0))
    write(tmp_path, "b.txt", article(1))
    write(tmp_path, "metadata.csv", codecs.BOM_UTF8 + (
        "doc_id;source;url;published;title\r\n"
        "a;Le Monde;https://www.lemonde.fr/a;5 September 2018;\"Genève: talks; day two\"\r\n"
        "b;Reuters;https://www.reuters.com/b;2018-09-07;Vote, then a recount\r\n"
        ";;;;\r\n").encode("utf-8"))

    corpus = load_corpus(tmp_path)

    docs = corpus.documents.set_index("doc_id")
    assert tuple(docs.loc["a", ["source", "url", "published", "published_from", "title"]]) == (
        "Le Monde", "https://www.lemonde.fr/a", "2018-09-05", "metadata", "Genève: talks; day two")
    assert tuple(docs.loc["b", ["source", "published", "title"]]) == ("Reuters", "2018-09-07", "Vote, then a recount")
    assert corpus.problems_table.empty  # must not: the trailing empty row a spreadsheet writes is a problem
    assert not any("\ufeff" in str(v) or "\r" in str(v) for v in docs.reset_index().to_numpy().ravel())


@pytest.mark.parametrize("table", [
    "doc_id\tsource\turl\tpublished\na\tLe Monde, Paris\t\t2018-09-05\n",
    "sep=;\ndoc_id;source;url;published\na;Le Monde, Paris;;2018-09-05\n",
    "doc_id;source;url;published\ra;Le Monde, Paris;;2018-09-05\r",
])
def test_metadata_with_tabs_an_excel_separator_line_or_cr_line_ends(tmp_path, table):
    write(tmp_path, "a.txt", article(0))
    write(tmp_path, "metadata.csv", table)

    corpus = load_corpus(tmp_path)

    assert tuple(corpus.documents.loc[0, ["source", "published"]]) == ("Le Monde, Paris", "2018-09-05")
    assert corpus.problems_table.empty


def test_metadata_with_commas_is_not_split_at_semicolons_in_its_values(tmp_path):
    write(tmp_path, "a.txt", article(0))
    write(tmp_path, "metadata.csv", "doc_id,source,url,published,title\na,Le Monde,,2018-09-05,Talks; day two\n")

    corpus = load_corpus(tmp_path)

    assert tuple(corpus.documents.loc[0, ["source", "title"]]) == ("Le Monde", "Talks; day two")


@pytest.mark.parametrize("value", [
    "2018-09-05", "2018-09-05T10:00:00Z", "2018-09-05 00:00:00", "5 September 2018", "Sept. 5, 2018",
    "September 5, 2018", "2018/09/05", "05/09/2018", "5/9/2018", "05.09.2018", "05-09-2018", "05/09/2018 00:00",
])
def test_dates_in_the_common_written_forms(value):
    assert read_metadata_date(value).value == date(2018, 9, 5)


@pytest.mark.parametrize("value", ["09/05/2018", "9/5/2018", "Sept. 5, 2018", "2018-09-05", "09/25/2018"])
def test_dates_month_first(value):
    expected = date(2018, 9, 25) if "25" in value else date(2018, 9, 5)
    assert read_metadata_date(value, day_first=False).value == expected


@pytest.mark.parametrize("value", ["05/09/18", "31/02/2018", "13/13/2018", "5 Sept", "2018/13/01", "05/09-2018", ""])
def test_not_dates(value):
    assert read_metadata_date(value).value is None


def test_a_date_whose_reading_depends_on_the_setting_is_reported(tmp_path, warn_log):
    for n in range(4):
        write(tmp_path, f"a{n}.txt", article(n))
    write(tmp_path, "metadata.csv", "doc_id,source,url,published\n"
          "a0,,,05/09/2018\n"     # 5 September or 9 May: reported
          "a1,,,25/09/2018\n"     # only 25 September
          "a2,,,05/05/2018\n"     # the same either way
          "a3,,,31/02/2018\n")    # no date at all

    day_first = load_corpus(tmp_path)
    month_first = load_corpus(tmp_path, day_first=False)

    published = day_first.documents.set_index("doc_id")["published"]
    assert list(published) == ["2018-09-05", "2018-09-25", "2018-05-05", ""]
    assert list(month_first.documents["published"]) == ["2018-05-09", "2018-09-25", "2018-05-05", ""]
    rows = problems_of(day_first, "metadata")
    assert len(rows) == 2  # must not: the unambiguous 25/09/2018 and 05/05/2018 are reported
    ambiguous = next(d for d in rows["detail"] if "05/09/2018" in d)
    assert "line 2" in ambiguous and "read day-first" in ambiguous and "5 September 2018" in ambiguous
    assert "9 May 2018" in ambiguous and "DAY_FIRST" in ambiguous
    assert any("31/02/2018" in d and "not a date" in d for d in rows["detail"])
    assert "read month-first" in next(d for d in problems_of(month_first, "metadata")["detail"] if "05/09" in d)


# ---------------------------------------------------------------------------- text hygiene


def test_a_text_with_a_few_nul_and_control_characters_loads_cleaned_with_a_problem_row(tmp_path, warn_log):
    clean = "Talks in Geneva\r\nresumed on Monday,\tthe envoy said.\f\nPage two.\rEnd.\n"
    damaged = "Talks in Gen\x00eva\r\nresumed\x00\x00 on Monday,\tthe \x1benvoy said.\f\nPage two.\rEnd.\x7f\n"
    raw = damaged.encode("utf-8")
    write(tmp_path, "damaged.txt", raw)
    write(tmp_path, "fine.txt", article(0))

    corpus = load_corpus(tmp_path)

    assert corpus.text("damaged") == clean  # exactly: CRLF, CR, tab and form feed kept
    row = corpus.documents.set_index("doc_id").loc["damaged"]
    assert row["title"] == "Talks in Geneva"
    assert row["sha256"] == hashlib.sha256(raw).hexdigest()  # of the file as it is on disk
    rows = problems_of(corpus)
    assert list(rows["problem"]) == ["cleaned"]
    detail = rows.iloc[0]["detail"]
    assert detail.startswith("5 control characters removed")
    assert "3 × U+0000 NUL" in detail and "1 × U+001B ESC" in detail and "1 × U+007F DEL" in detail
    assert "offsets refer to the cleaned text" in detail
    assert len(warn_log.records) == 1


def test_legacy_encoded_text_with_nul_bytes_loads_cleaned(tmp_path):
    text = "Le Télégramme: the talks in Genève went on; they said ‘no’ to the deal, and more.\n" * 3
    write(tmp_path, "old.txt", text.replace("Genève", "Gen\x00ève").encode("cp1252"))

    corpus = load_corpus(tmp_path)

    assert corpus.text("old") == text
    assert set(corpus.problems_table["problem"]) == {"cleaned", "not UTF-8"}


def nul_share_text(share: float, n: int = 1000) -> bytes:
    """About `n` characters of readable text with NULs spread through it at `share` of them."""
    words = ("Officials met in Geneva on Monday and talked for hours about the ceasefire. " * 20)[:n]
    nuls = round(share * n / (1 - share))
    step = max(1, len(words) // max(1, nuls))
    out = []
    for i, c in enumerate(words):
        out.append(c)
        if i % step == 0 and nuls:
            out.append("\x00")
            nuls -= 1
    return "".join(out).encode("utf-8")


def stored_zip() -> bytes:
    """A ZIP archive (as a .docx is) holding uncompressed, readable text."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", "<w:t>" + ARTICLE * 20 + "</w:t>")
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, loads", [
    ("nul_9_percent.txt", nul_share_text(0.09), True),
    ("nul_12_percent.txt", nul_share_text(0.12), False),
    ("controls_6_percent.txt", nul_share_text(0.06).replace(b"\x00", b"\x01"), False),
    ("controls_3_percent.txt", nul_share_text(0.03).replace(b"\x00", b"\x01"), True),
    ("starts_with_nul.txt", b"\x00\x00\x00\x18ftypmp42" + ARTICLE.encode() * 20, False),
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + ARTICLE.encode() * 20, False),
    ("docx.txt", stored_zip(), False),
    ("pdf.txt", b"%PDF-1.4\n" + ARTICLE.encode() * 20, False),
])
def test_where_a_damaged_text_ends_and_binary_begins(tmp_path, name, data, loads):
    write(tmp_path, "fine.txt", article(0))
    write(tmp_path, name, data)

    corpus = load_corpus(tmp_path)

    doc_id = Path(name).stem
    kinds = set(problems_of(corpus)[lambda t: t["path"] == (tmp_path / name).as_posix()]["problem"])
    if loads:
        assert kinds == {"cleaned"}
        assert not any(ord(c) < 32 and c not in "\t\n\r" for c in corpus.text(doc_id))
    else:
        assert kinds == {"binary"}
        assert doc_id not in set(corpus.documents["doc_id"])
    assert "fine" in set(corpus.documents["doc_id"])


def test_line_endings_are_kept_exactly_as_read(tmp_path):
    write(tmp_path, "crlf.txt", "Title one\r\n\r\nBody one.\r\n")
    write(tmp_path, "cr.txt", "Title two\r\rBody two.\r")
    write(tmp_path, "mixed.txt", "Title three\nBody\r\nthree.\r")

    corpus = load_corpus(tmp_path)

    assert corpus.text("crlf") == "Title one\r\n\r\nBody one.\r\n"
    assert corpus.text("cr") == "Title two\r\rBody two.\r"
    assert corpus.text("mixed") == "Title three\nBody\r\nthree.\r"
    assert list(corpus.documents.set_index("doc_id").loc[["cr", "crlf", "mixed"], "title"]) == [
        "Title two", "Title one", "Title three"]
    assert corpus.problems_table.empty  # must not: a CR is taken for a control character


@pytest.mark.parametrize("raw", [
    codecs.BOM_UTF8 + codecs.BOM_UTF8 + b"Saved twice with a BOM\nBody.\n",
    codecs.BOM_UTF8 + "\ufeffTitle: after a BOM\nBody.\n".encode("utf-8").replace(b"Title:", b"title:"),
    "Saved as UTF-16\nBody.\n".encode("utf-16"),
])
def test_a_byte_order_mark_never_reaches_a_title(tmp_path, raw):
    write(tmp_path, "a.txt", raw)

    corpus = load_corpus(tmp_path)

    title = corpus.documents.loc[0, "title"]
    assert title and "\ufeff" not in title
    assert title[0].isalpha()


def test_a_file_of_only_control_characters_and_blanks_is_empty_or_binary_never_an_article(tmp_path):
    write(tmp_path, "fine.txt", article(0))
    write(tmp_path, "blank.txt", " \x00 \n")

    corpus = load_corpus(tmp_path)

    assert "blank" not in set(corpus.documents["doc_id"])
    assert set(problems_of(corpus)[lambda t: t["path"].str.endswith("blank.txt")]["problem"]) <= {"empty", "binary"}


def test_every_file_bad_still_raises(tmp_path):
    write(tmp_path, "sub/png.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    with pytest.raises(CorpusError, match="png.txt"):
        load_corpus(tmp_path)


# ---------------------------------------------------------------------------- the seeds


def test_the_seeds_load_as_before():
    import hashlib

    files = sorted(paths.SEEDS.glob("*.txt"))
    plain = load_corpus(paths.SEEDS)
    docs = plain.documents
    assert list(docs["doc_id"]) == [f.stem for f in files]  # top-level files keep their stem
    assert list(docs["sha256"]) == [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    assert (docs["outlet"] == docs["doc_id"]).all() and (docs["source"] == "").all()  # nothing invented
    assert set(docs["extracted_from"]) == {"text"} and set(docs["language"]) == {"en"}
    assert plain.problems_table.empty
    # SOURCE_FROM=folder changes nothing for files at the top of the corpus
    pd.testing.assert_frame_equal(load_corpus(paths.SEEDS, source_from="folder").documents, docs)
