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
    document.add_paragraph("آنان درباره امنیت مرز تاجیکستان با افغانستان گفتگو کردند.")
    assert paragraph._p.pPr.find(qn("w:bidi")) is not None
    document.save(path)
    return path


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
