# ruff: noqa: E501  (hand-made documents: long lines are part of the data)
"""Real-world-shaped input files for the format tests, written by hand for this project."""

from __future__ import annotations

import io
from pathlib import Path

NEWS_PAGE = """<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>نشست وزیران دفاع در دوشنبه | خبرگزاری نمونه</title>
<meta name="author" content="علی رضایی"></head>
<body>
<header><nav><ul><li><a href="/">صفحه اصلی</a></li><li><a href="/sport">ورزش</a></li>
<li><a href="/weather">آب و هوا</a></li></ul></nav></header>
<div class="ad">تبلیغات: بهترین بیمه سفر را از ما بخرید</div>
<article>
<h1>نشست وزیران دفاع در دوشنبه</h1>
<p>وزیران دفاع کشورهای عضو <b>سازمان پیمان امنیت جمعی</b> روز سه‌شنبه در دوشنبه گرد آمدند.
آنان درباره <a href="https://example.org/border">امنیت مرز</a> تاجیکستان با افغانستان گفتگو کردند.</p>
<h2>مواد مخدر</h2>
<ul><li>کشف ۱۲۰ کیلوگرم هروئین در مرز تاجیکستان و افغانستان</li>
<li>بازداشت سه قاچاقچی در ولایت بدخشان</li></ul>
<table><tr><td>سال</td><td>کشفیات</td></tr><tr><td>۱۴۰۱</td><td>چهار تن مواد مخدر</td></tr></table>
<p>به گفته مقامات، همکاری <i>مرزی</i> میان دو کشور در سال گذشته افزایش یافته است و این روند ادامه خواهد داشت.</p>
</article>
<section class="comments"><h3>نظرات کاربران</h3><p>کاربر ۱۲: خیلی عالی بود، ممنون از گزارش شما</p></section>
<footer><p>کلیه حقوق این سایت محفوظ است</p></footer>
</body></html>
"""

EMPTY_PAGE = """<html><body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<footer>© 2024</footer></body></html>
"""

NEWS_SRT = """1
00:00:01,000 --> 00:00:03,500
وزیران دفاع کشورهای عضو سازمان پیمان امنیت جمعی

2
00:00:03,600 --> 00:00:06,000
روز سه‌شنبه در دوشنبه گرد آمدند.

3
00:00:06,500 --> 00:00:09,000
آنان درباره امنیت مرز تاجیکستان گفتگو کردند.
"""

NEWS_VTT = """WEBVTT

NOTE news clip, hand-made

intro
00:00:01.000 --> 00:00:03.500 align:start
وزیران دفاع کشورهای عضو سازمان پیمان امنیت جمعی

00:00:03.600 --> 00:00:06.000
روز سه‌شنبه در دوشنبه گرد آمدند.
"""

TAJIK_NEWS = """# Нишасти вазирони дифоъ дар Душанбе

Вазирони дифоъи кишварҳои узви ОДКБ рӯзи сешанбе дар Душанбе ҷамъ омаданд. Онҳо дар бораи амнияти марзи Тоҷикистон бо Афғонистон гуфтугӯ карданд.

Кумитаи давлатии амнияти миллӣ хабар дод, ки дар марз 120 кило маводи мухаддир ба даст омад.
"""

DARI_NEWS = """# کشف مواد مخدر در بدخشان

مقام‌های امنیتی در ولایت بدخشان می‌گویند که در ماه حمل امسال ۱۲۰ کیلوگرام مواد مخدر را کشف کرده‌اند.
به گفته آنان، این مواد از مرز تاجیکستان قاچاق می‌شد.
"""


def write_docx(path: Path) -> Path:
    """A right-to-left Word report: title, heading, a bold run, a table."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("گزارش امنیت مرز", level=1)
    paragraph = document.add_paragraph("وزیران دفاع کشورهای عضو ")
    paragraph.add_run("سازمان پیمان امنیت جمعی").bold = True
    paragraph.add_run(" روز سه‌شنبه در دوشنبه گرد آمدند.")
    bidi = OxmlElement("w:bidi")
    paragraph._p.get_or_add_pPr().append(bidi)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "سال"
    table.cell(0, 1).text = "کشفیات"
    table.cell(1, 0).text = "۱۴۰۱"
    table.cell(1, 1).text = "چهار تن مواد مخدر"
    last = document.add_paragraph("آنان درباره ")
    _add_hyperlink(document, last, "امنیت مرز", "https://example.org/border")
    last.add_run(" تاجیکستان با افغانستان گفتگو کردند.")
    assert paragraph._p.pPr.find(qn("w:bidi")) is not None
    _add_footnote(document, last, "به گزارش خبرگزاری تاس از مسکو.")
    document.save(path)
    return path


def _add_hyperlink(document, paragraph, text: str, url: str) -> None:
    """An external hyperlink (``w:hyperlink r:id=...``) with ``text`` at the end of ``paragraph``."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), document.part.relate_to(url, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _add_footnote(document, paragraph, text: str) -> None:
    """A ``word/footnotes.xml`` part with one footnote, referenced at the end of ``paragraph``."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t>{text}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), content_type, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    run = paragraph.add_run()
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run._r.append(reference)


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A PDF whose pages have no text layer (what a scan without OCR looks like to a reader)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a real text layer: one line of text per entry, a Type0 font with a ToUnicode map.

    Each distinct character gets a two-byte code; the ToUnicode CMap maps the codes back to the
    characters, which is what PDF readers extract (the glyphs themselves are not embedded). Lines
    are stored in visual order (reversed), like the PDFs that Persian and Arabic word processors write.
    """
    chars = sorted({ch for page in pages for line in page for ch in line})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    cmap_lines = "\n".join(f"<{code[ch]:04x}> <{ord(ch):04x}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <ffff> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{cmap_lines}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: str) -> bytes:
        raw = data.encode("latin-1")
        return b"<< /Length %d >>\nstream\n" % len(raw) + raw + b"\nendstream"

    cmap_id = add(stream(cmap))
    descendant = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Dummy /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Dummy /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, cmap_id)
    )
    pages_id = len(objects) + 1 + 2 * len(pages)  # the Pages object comes after every page
    kids = []
    for page in pages:
        ops = ["BT /F1 12 Tf 14 TL 72 760 Td"]
        for line in page:
            visual = line[::-1]  # right-to-left text is stored in visual order, as PDF writers do
            ops.append("<" + "".join(f"{code[ch]:04x}" for ch in visual) + "> Tj T*")
        ops.append("ET")
        content = add(stream("\n".join(ops)))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
            )
        )
    assert (
        add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
        == pages_id
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def word_parts(data: bytes) -> dict[str, str]:
    """The XML parts of a Word file by name (the zip's timestamps left out)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")
        }
