"""The corpus loader's formats beyond plain text (issue 10, item 1; metadata.xlsx of item 5):
saved web pages, JSON Lines and JSON exports, CSV/TSV/XLSX exports, PDF, DOCX, and the
`very long` row. Each test builds a folder in tmp_path (PDF, DOCX and XLSX files are made here
with the pinned libraries, or by hand) and checks what a user sees: the articles, their text and
metadata, `extracted_from`, and the problems table; and what must not happen."""

from __future__ import annotations

import io
import json
import logging
import socket
from datetime import date, datetime
from pathlib import Path

import pytest

from helpers import settings, tables
from helpers.corpus import CorpusError, load_corpus

DATA = Path(__file__).parent / "data" / "formats"
PAGE = (DATA / "article.html").read_text(encoding="utf-8")
BODY = [
    "Delegations from both sides returned to the negotiating table in Geneva on Friday",
    "The United Nations envoy, Staffan de Mistura, told reporters",
    "Humanitarian agencies have warned that the fighting around Idlib",
    "Diplomats said the talks would focus first on a mechanism",
    "A spokesman for the opposition delegation said it would not sign",
]
BOILERPLATE = ["cookie", "Subscribe now", "Copyright 2018", "Privacy policy", "dataLayer", "gtag", "addEventListener",
               "font-family"]
GOOD = "Officials met in Geneva on Monday.\nThey talked for hours about the ceasefire.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def problems(corpus, name: str | None = None) -> list[tuple[str, str]]:
    """`(problem, detail)` of every problem row, or of those of the file `name`."""
    t = corpus.problems_table
    if name is not None:
        t = t[t["path"].str.endswith("/" + name)]
    return list(zip(t["problem"], t["detail"]))


@pytest.fixture
def warn_log(caplog):
    caplog.set_level(logging.WARNING, logger="helpers.corpus")
    return caplog


# ---------------------------------------------------------------------------- web pages


def test_a_saved_web_page_gives_its_body_and_metadata_without_boilerplate(tmp_path):
    write(tmp_path, "world/geneva.html", PAGE)

    corpus = load_corpus(tmp_path)

    (article,) = corpus.articles
    for paragraph in BODY:  # must not: the body dropped as boilerplate
        assert paragraph in article.text
    for junk in BOILERPLATE:  # navigation, footer, scripts, styles, cookie banner left out
        assert junk not in article.text
    assert article.doc_id == "world/geneva"
    assert article.extracted_from == "html"
    assert article.path == (tmp_path / "world/geneva.html").as_posix()
    assert article.title == "Ceasefire talks resume in Geneva"
    assert article.source == "The Daily Ledger"
    assert article.url == "https://www.dailyledger.example/world/2018/09/ceasefire-talks-geneva"
    assert article.author == "Maria Lopez"
    assert (article.published, article.published_from) == (date(2018, 9, 7), "page")
    assert corpus.problems == []


def test_a_page_date_comes_from_the_page_and_none_is_invented(tmp_path):
    undated = PAGE.replace('<meta property="article:published_time" content="2018-09-07T08:30:00Z">', "")
    undated = undated.replace("By Maria Lopez, 7 September 2018", "By Maria Lopez")
    write(tmp_path, "undated.htm", undated)

    (article,) = load_corpus(tmp_path).articles

    assert (article.published, article.published_from) == (None, "")
    assert article.extracted_from == "html"


def test_offsets_refer_to_the_extracted_text(tmp_path):
    write(tmp_path, "geneva.html", PAGE)

    corpus = load_corpus(tmp_path)

    text = corpus.text("geneva")
    start = text.index("Staffan de Mistura")
    assert text[start:start + len("Staffan de Mistura")] == "Staffan de Mistura"
    assert corpus.articles[0].n_words > 100


def test_reading_a_web_page_fetches_nothing(tmp_path, monkeypatch):
    write(tmp_path, "geneva.html", PAGE)

    def no_network(*args, **kwargs):
        raise AssertionError("the loader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)

    (article,) = load_corpus(tmp_path).articles
    assert BODY[0] in article.text


def test_a_page_without_article_text_is_a_problem_and_the_others_load(tmp_path, warn_log):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, "menu.html", "<html><head><title>Loading</title><script>load()</script></head><body></body></html>")

    corpus = load_corpus(tmp_path)

    assert [a.doc_id for a in corpus.articles] == ["good"]
    assert [k for k, _ in problems(corpus, "menu.html")] == ["empty"]
    assert corpus.articles[0].extracted_from == "text"


# ---------------------------------------------------------------------------- JSON Lines and JSON


def jsonl(*rows: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def test_jsonl_rows_are_articles_with_their_fields(tmp_path):
    write(tmp_path, "export.jsonl", jsonl(
        {"id": "a1", "maintext": "Talks resumed in Geneva on Friday.", "title": "Talks resume",
         "source_domain": "reuters.com", "url": "https://reuters.com/x", "date_publish": "2018-09-07 08:30:00"},
        {"text": "Rain closed roads in the north.", "media_name": "BBC", "publish_date": "2018-09-08"},
        {"content": "Ministers met in Ankara.", "outlet": "AP", "published": "7 September 2018"},
    ))

    corpus = load_corpus(tmp_path)
    by_id = corpus.by_id()

    assert sorted(by_id) == ["export#2", "export#3", "export#a1"]
    a1 = by_id["export#a1"]
    assert a1.text == "Talks resumed in Geneva on Friday."
    assert (a1.title, a1.source, a1.url) == ("Talks resume", "reuters.com", "https://reuters.com/x")
    assert (a1.published, a1.published_from) == (date(2018, 9, 7), "export")
    assert by_id["export#2"].source == "BBC" and by_id["export#2"].published == date(2018, 9, 8)
    assert by_id["export#3"].published == date(2018, 9, 7)
    assert {a.extracted_from for a in corpus.articles} == {"jsonl"}
    assert {a.path for a in corpus.articles} == {(tmp_path / "export.jsonl").as_posix()}
    assert by_id["export#2"].title == "Rain closed roads in the north."  # from the text, when none is given
    assert corpus.problems == []


def test_a_broken_jsonl_line_and_a_row_without_text_are_problems_and_the_others_load(tmp_path, warn_log):
    write(tmp_path, "sub/export.ndjson", jsonl(
        {"id": 1, "text": "First article, about Geneva."},
        '{"id": 2, "text": "cut off',
        {"id": 3, "title": "No text here"},
        {"id": 4, "text": "Fourth article, about Idlib."},
    ))

    corpus = load_corpus(tmp_path)

    assert sorted(a.doc_id for a in corpus.articles) == ["sub/export#1", "sub/export#4"]
    rows = problems(corpus, "export.ndjson")
    assert [k for k, _ in rows] == ["empty", "unreadable"]
    assert rows[0][1].startswith("line 3: no text")
    assert rows[1][1].startswith("line 2: not JSON")
    assert len(warn_log.records) == 2


def test_a_json_array_of_articles_and_a_json_that_is_not_one(tmp_path):
    write(tmp_path, "stories.json", json.dumps([
        {"stories_id": 9, "body": "Aid convoys reached the district.", "domain": "aljazeera.com"},
        {"body": "A second story about the truce."},
    ]))
    write(tmp_path, "config.json", json.dumps({"theme": "dark", "items_per_page": 20}))
    write(tmp_path, "numbers.json", "[1, 2, 3]")

    corpus = load_corpus(tmp_path)

    assert sorted(a.doc_id for a in corpus.articles) == ["stories#1", "stories#2"]  # stories_id is not `id`
    assert {a.extracted_from for a in corpus.articles} == {"json"}
    assert corpus.by_id()["stories#1"].source == "aljazeera.com"
    for name in ("config.json", "numbers.json"):  # must not: a non-article JSON read as articles
        (row,) = problems(corpus, name)
        assert row[0] == "unsupported kind" and "not an export of articles" in row[1]


def test_one_news_please_object_is_one_article_named_by_its_file(tmp_path):
    write(tmp_path, "np/abc.json", json.dumps({"maintext": "One article, as news-please writes it.",
                                                "title": "One", "source_domain": "example.org"}))

    (article,) = load_corpus(tmp_path).articles

    assert (article.doc_id, article.source, article.extracted_from) == ("np/abc", "example.org", "json")


def test_the_field_map_names_other_fields(tmp_path):
    write(tmp_path, "feed.jsonl", jsonl({"key": "k1", "story": "The envoy spoke in Geneva.", "hed": "Envoy speaks",
                                         "pub": "2018-09-05", "publisher": "AFP"}))

    with pytest.raises(CorpusError, match="not an export of articles"):
        load_corpus(tmp_path)  # must not: an unmapped export loaded as anything
    pairs = settings.parse_field_map("text=story,title=hed,published=pub,source=publisher,id=key")

    (article,) = load_corpus(tmp_path, field_map=pairs).articles

    assert (article.doc_id, article.text, article.title, article.source) == (
        "feed#k1", "The envoy spoke in Geneva.", "Envoy speaks", "AFP")
    assert article.published == date(2018, 9, 5)


def test_the_field_map_setting(tmp_path, monkeypatch):
    path = tmp_path / "fields.json"
    path.write_text(json.dumps({"text": ["story", "article_body"], "id": "key"}))
    assert settings.parse_field_map(str(path)) == (("text", "story"), ("text", "article_body"), ("id", "key"))
    assert settings.parse_field_map('{"title": "hed"}') == (("title", "hed"),)
    for bad in ("texte=story", "text", "text=", '{"text": 3}'):
        with pytest.raises(ValueError, match="FIELD_MAP"):
            settings.parse_field_map(bad)
    monkeypatch.setenv(settings.ENV_FIELD_MAP, "text=story")
    cfg = settings.resolve()
    assert cfg.field_map == (("text", "story"),)
    assert cfg.describe()["field_map"] == "text=story"
    env = settings.kernel_environment(cfg)
    assert settings.parse_field_map(env[settings.ENV_FIELD_MAP]) == cfg.field_map
    monkeypatch.delenv(settings.ENV_FIELD_MAP)
    assert "field_map" not in settings.resolve().describe()
    assert settings.ENV_FIELD_MAP not in settings.kernel_environment(settings.resolve())


# ---------------------------------------------------------------------------- CSV, TSV, XLSX


def test_csv_and_tsv_exports_with_one_article_per_row(tmp_path):
    write(tmp_path, "export.csv", "\ufeffsep=;\r\ntitle;text;source;published\r\n"
                                  'Talks;"Talks resumed.\r\nIn Geneva; on Friday.";Reuters;05/09/2018\r\n'
                                  ";;;\r\nRain;Rain fell in the north.;BBC;2018-09-08\r\n")
    write(tmp_path, "more.tsv", "id\tcontent\toutlet\nx7\tMinisters met in Ankara.\tAP\n")

    corpus = load_corpus(tmp_path)
    by_id = corpus.by_id()

    assert sorted(by_id) == ["export#2", "export#4", "more#x7"]  # rows numbered as a spreadsheet shows them
    talks = by_id["export#2"]
    assert talks.text == "Talks resumed.\r\nIn Geneva; on Friday."  # exactly as in the cell
    assert (talks.title, talks.source, talks.extracted_from) == ("Talks", "Reuters", "csv")
    assert talks.published == date(2018, 9, 5)  # day first, as the setting says ...
    assert any("ambiguous" in d for _, d in problems(corpus, "export.csv"))  # ... and reported
    assert by_id["more#x7"].extracted_from == "tsv"


def test_a_csv_without_a_text_column_is_not_an_export(tmp_path):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, "budget.csv", "year,amount\n2018,-1200\n")

    corpus = load_corpus(tmp_path)

    assert [a.doc_id for a in corpus.articles] == ["good"]
    ((kind, detail),) = problems(corpus, "budget.csv")
    assert kind == "unsupported kind" and "year, amount" in detail


def xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_export_and_a_broken_one(tmp_path):
    write(tmp_path, "export.xlsx", xlsx([["ID", "Text", "Source", "Published"],
                                         [12, "Aid reached the district.", "UN News", datetime(2018, 9, 7)],
                                         [13, None, "UN News", None]]))
    write(tmp_path, "broken.xlsx", b"PK\x03\x04 not really a workbook")

    corpus = load_corpus(tmp_path)

    (article,) = corpus.articles
    assert (article.doc_id, article.source, article.extracted_from) == ("export#12", "UN News", "xlsx")
    assert (article.published, article.published_from) == (date(2018, 9, 7), "export")
    assert [k for k, _ in problems(corpus, "export.xlsx")] == ["empty"]
    assert [k for k, _ in problems(corpus, "broken.xlsx")] == ["unreadable"]


def test_metadata_xlsx_is_read_like_metadata_csv(tmp_path):
    write(tmp_path, "geneva.txt", GOOD)
    write(tmp_path, "metadata.xlsx", xlsx([["doc_id", "source", "url", "published"],
                                           ["geneva", "Reuters", "https://reuters.com/g", datetime(2018, 9, 5)],
                                           ["nowhere", "AP", "", "2018-09-01"]]))

    corpus = load_corpus(tmp_path)

    (article,) = corpus.articles
    assert (article.source, article.url, article.published, article.published_from) == (
        "Reuters", "https://reuters.com/g", date(2018, 9, 5), "metadata")
    assert [k for k, _ in problems(corpus, "metadata.xlsx")] == ["metadata"]  # the row naming no article
    assert "metadata.xlsx" not in {Path(a.path).name for a in corpus.articles}


def test_metadata_csv_wins_over_metadata_xlsx(tmp_path):
    write(tmp_path, "geneva.txt", GOOD)
    write(tmp_path, "metadata.csv", "doc_id,source\ngeneva,Reuters\n")
    write(tmp_path, "metadata.xlsx", xlsx([["doc_id", "source"], ["geneva", "AP"]]))

    corpus = load_corpus(tmp_path)

    assert corpus.articles[0].source == "Reuters"
    ((kind, detail),) = problems(corpus, "metadata.xlsx")
    assert kind == "metadata" and "not used" in detail


# ---------------------------------------------------------------------------- PDF and DOCX


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica), written by hand."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         "/Resources << /Font << /F1 5 0 R >> >> >>"),
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def blank_pdf(password: str | None = None) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(user_password=password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_with_a_text_layer_is_read(tmp_path):
    write(tmp_path, "report.pdf", text_pdf(["date 2018-09-07", "Ceasefire talks resume", "Delegations met in Geneva."]))

    (article,) = load_corpus(tmp_path).articles

    assert "Delegations met in Geneva." in article.text
    assert article.extracted_from == "pdf"
    assert (article.published, article.published_from) == (date(2018, 9, 7), "header")
    assert article.title == "Ceasefire talks resume"


def test_a_scanned_encrypted_or_broken_pdf_is_a_problem_never_a_crash(tmp_path, warn_log):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, "scan.pdf", blank_pdf())
    write(tmp_path, "locked.pdf", blank_pdf(password="secret"))
    write(tmp_path, "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog garbage")

    corpus = load_corpus(tmp_path)

    assert [a.doc_id for a in corpus.articles] == ["good"]
    ((kind, detail),) = problems(corpus, "scan.pdf")
    assert kind == "no text layer" and "no text layer (a scan?): no OCR" in detail
    ((kind, detail),) = problems(corpus, "locked.pdf")
    assert kind == "unreadable" and "encrypted" in detail
    assert [k for k, _ in problems(corpus, "broken.pdf")] == ["unreadable"]


def docx_bytes(paragraphs: list[str], title: str = "") -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_is_read_and_an_empty_or_broken_one_is_a_problem(tmp_path):
    write(tmp_path, "memo.docx", docx_bytes(["Ceasefire talks resume", "Delegations met in Geneva on Friday."],
                                            title="Talks in Geneva"))
    write(tmp_path, "blank.docx", docx_bytes([]))
    write(tmp_path, "broken.docx", b"PK\x03\x04 not a document")

    corpus = load_corpus(tmp_path)

    (article,) = corpus.articles
    assert article.text == "Ceasefire talks resume\nDelegations met in Geneva on Friday."
    assert (article.doc_id, article.title, article.extracted_from, article.encoding) == (
        "memo", "Talks in Geneva", "docx", "")
    assert [k for k, _ in problems(corpus, "blank.docx")] == ["empty"]
    assert [k for k, _ in problems(corpus, "broken.docx")] == ["unreadable"]


# ---------------------------------------------------------------------------- all formats


def test_a_very_long_article_is_reported_and_still_loaded(tmp_path):
    write(tmp_path, "book.txt", "word " * 50_001)
    write(tmp_path, "news.txt", "word " * 49_999 + "end")  # must not: 50,000 words is not very long

    corpus = load_corpus(tmp_path)

    assert sorted(a.doc_id for a in corpus.articles) == ["book", "news"]
    ((kind, detail),) = problems(corpus, "book.txt")
    assert kind == "very long" and "very long: is this one article?" in detail
    assert problems(corpus, "news.txt") == []


def test_a_mixed_folder_loads_every_article_and_records_how(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "web/page.html", PAGE)
    write(tmp_path, "feeds/x.jsonl", jsonl({"text": "One row of a feed."}))
    write(tmp_path, "sheet.xlsx", xlsx([["text"], ["A row of a workbook."]]))
    write(tmp_path, "doc.docx", docx_bytes(["A Word article."]))
    write(tmp_path, "r.pdf", text_pdf(["A PDF article."]))
    write(tmp_path, "same.jsonl", jsonl({"text": GOOD}))  # a copy of a.txt

    corpus = load_corpus(tmp_path)

    got = {a.doc_id: a.extracted_from for a in corpus.articles}
    assert got == {"a": "text", "web/page": "html", "feeds/x#1": "jsonl", "sheet#2": "xlsx", "doc": "docx",
                   "r": "pdf"}
    assert [k for k, _ in problems(corpus)] == ["duplicate"]
    records = {a.doc_id: a.record() for a in corpus.articles}
    assert records["web/page"]["extracted_from"] == "html"
    if "extracted_from" in tables.DOCUMENTS.names:
        assert dict(zip(corpus.documents["doc_id"], corpus.documents["extracted_from"])) == got


def test_the_seeds_are_plain_text(tmp_path):
    corpus = load_corpus(Path(__file__).parents[1] / "seeds")

    assert {a.extracted_from for a in corpus.articles} == {"text"}
    assert corpus.problems == []


def test_an_export_in_a_legacy_encoding_is_reported_once_not_per_row(tmp_path):
    rows = "text,source\n" + "".join(f"Caf\xe9 number {i} opened in Geneva.,Le Temps\n" for i in range(5))
    write(tmp_path, "cafes.csv", rows.encode("cp1252"))
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace("Geneva on Friday",
                                                                                          "Gen\xe8ve on Friday")
    write(tmp_path, "page.html", page.encode("cp1252"))

    corpus = load_corpus(tmp_path)

    assert len([a for a in corpus.articles if a.extracted_from == "csv"]) == 5
    assert "Café number 0" in corpus.text("cafes#2")
    assert [k for k, _ in problems(corpus, "cafes.csv")] == ["not UTF-8"]
    ((kind, detail),) = problems(corpus, "page.html")
    assert kind == "not UTF-8" and "declares" in detail
    assert "Genève on Friday" in corpus.text("page")
