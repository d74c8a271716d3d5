"""A corpus as analysts keep them: every format the loader reads, subfolders, a 2 MB article,
a NUL-damaged file, a non-English article, an Excel-saved metadata.csv, and hostile markup.

Built by `build_mixed_corpus(folder)` for the end-to-end test (`test_mixed_corpus.py`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import paths

PARAGRAPH = ("Officials in Geneva said on Tuesday that the talks on the ceasefire would resume next "
             "week, after the delegations met the United Nations envoy for several hours. ")

HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Talks resume in Geneva | The Daily Wire Service</title>
<meta property="og:site_name" content="The Daily Wire Service">
<meta property="og:title" content="Talks resume in Geneva">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2018-09-06T10:00:00Z">
<link rel="canonical" href="https://example.org/2018/09/06/talks-resume-in-geneva">
<script>window.__pwned = 'page script';</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies. Accept all cookies to continue.</div>
<article><h1>Talks resume in Geneva</h1>
<p>Diplomats from Turkey, Russia and Iran met in Geneva on Thursday to discuss the fate of Idlib, the last province held by the rebels in Syria.</p>
<p>The United Nations envoy Staffan de Mistura said the meeting had been useful, and that a humanitarian corridor was being discussed for the civilians of the province.</p>
<p>"We cannot allow a bloodbath," the envoy told reporters after the meeting, adding that three million people live in the area.</p>
<p>Turkey has reinforced its observation posts along the front line, while Russian aircraft continued their strikes on the southern edge of the province.</p>
<p>A further round of talks is planned in Tehran on Friday, when the three presidents are expected to meet.</p>
</article><footer>Copyright 2018 The Daily Wire Service. All rights reserved. Contact us.</footer></body></html>"""

FRENCH = ("Les ministres des Affaires étrangères se sont réunis mardi à Genève pour discuter de la "
          "situation à Idleb. Selon plusieurs diplomates, les discussions reprendront la semaine "
          "prochaine, malgré les désaccords persistants entre les délégations.\n")

HOSTILE_TITLE = '=HYPERLINK("http://evil.example","click")'


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (Helvetica, no compression)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def scanned_pdf() -> bytes:
    """A PDF page with no text layer (what a scan looks like to a text extractor)."""
    return minimal_pdf("").replace(b"BT /F1 12 Tf 72 720 Td () Tj ET", b"0 0 1 rg 10 10 50 50 re f")


def write_docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Aid convoys wait at the border"
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))


def build_mixed_corpus(folder: Path) -> dict[str, str]:
    """Write the mixed corpus into `folder`; return what a test checks, by name."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in sorted(paths.SEEDS.glob("*.txt")):
        shutil.copy2(f, folder / f.name)
    (folder / "reuters").mkdir()
    (folder / "reuters" / "geneva.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "reuters" / "long.txt").write_text(
        "Geneva talks, a long dossier\n\n" + "\n\n".join(PARAGRAPH * 4 for _ in range(2_000_000 // 600))
        + "\n\nAngela Merkel met officials in Geneva.\n", encoding="utf-8")
    (folder / "afp").mkdir()
    (folder / "afp" / "idleb.txt").write_text(FRENCH * 3, encoding="utf-8")
    (folder / "afp" / "damaged.txt").write_bytes(
        b"Aid agencies warned on Wednesday\x00\x00 that a\x00 million people could flee Idlib.\n")
    (folder / "exports").mkdir()
    rows = [{"id": "a1", "maintext": "Russia and Turkey agreed in Sochi on Monday to create a buffer zone in Idlib. "
             "The deal was announced by Vladimir Putin after talks with Recep Tayyip Erdogan.",
             "title": "Sochi deal", "source_domain": "example.com", "date_publish": "2018-09-17"},
            {"id": "a2", "maintext": "", "title": "no text"}]
    (folder / "exports" / "scrape.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n{not json\n", encoding="utf-8")
    (folder / "exports" / "sheet.csv").write_text(
        "id,title,text,source,published\r\n"
        "c1,Convoy,\"A convoy of twenty trucks reached Idlib on Saturday, the Red Crescent said.\",Wire,2018-09-08\r\n",
        encoding="utf-8")
    (folder / "docs").mkdir()
    (folder / "docs" / "statement.pdf").write_bytes(minimal_pdf(
        "The foreign ministry in Ankara said on Friday that Turkey would keep its posts in Idlib."))
    (folder / "docs" / "scan.pdf").write_bytes(scanned_pdf())
    write_docx(folder / "docs" / "convoys.docx", [
        "Aid convoys waited at the Bab al-Hawa crossing on Sunday.",
        "The World Food Programme said it had stocks for two weeks."])
    (folder / "metadata.csv").write_bytes(
        ("\ufeffdoc_id;source;published;title\r\n"
         f"000_24b1d2f398d6a64a;Reuters;05/09/2018;{HOSTILE_TITLE}\r\n"
         "afp/idleb;AFP;2018-09-04;\r\n").encode("utf-8"))
    return {"hostile_title": HOSTILE_TITLE, "long": "reuters/long", "html": "reuters/geneva",
            "french": "afp/idleb", "damaged": "afp/damaged", "scan": "docs/scan.pdf"}
