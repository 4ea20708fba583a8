"""The static review page's honest headline and footnote superscripts, and the number-mismatch flag."""

from __future__ import annotations

import re

from conftest import SEED_FILES
from review_records import records_for

from translate.records import SegmentRecord
from translate.review import render_review
from translate.review.flags import row_flags
from translate.review.numbers import missing_numbers


def looping(records: list[SegmentRecord]) -> list[SegmentRecord]:
    """Every term placed (100% term success) in English that loops like a broken model."""
    for rec in records:
        if rec.translated:
            rec.terms = [t for t in rec.terms if t.status != "review"]
            rec.target = " ".join(t.required for t in rec.terms) + " of the of the of the"
            pos = 0
            for t in rec.terms:
                t.status, t.target_start, t.target_end = "constrained", pos, pos + len(t.required)
                pos += len(t.required) + 1
            rec.alignment = []
    return records


def test_gibberish_with_every_term_gets_a_warning_beside_term_success() -> None:
    page = render_review(looping(records_for(SEED_FILES[0])))
    assert re.search(r"<b>100%</b>term success", page)
    assert re.search(r"<b>0%</b>plausible English", page)
    assert 'id="warning"' in page and "says nothing" in page


def test_plausible_english_gets_no_warning() -> None:
    records = records_for(SEED_FILES[0])
    for rec in records:
        if rec.translated:
            rec.flags = []
    page = render_review(records)
    assert "plausible English" in page and 'id="warning"' not in page


def test_footnote_markers_render_as_superscripts_and_the_text_stays_whole() -> None:
    seed = next(p for p in SEED_FILES if "<sup>" in p.read_text(encoding="utf-8"))
    records = records_for(seed)
    page = render_review(records)
    sups = re.findall(r'<sup class="fn"><span class="fn-tag">&lt;sup&gt;</span>([^<]+)<span', page)
    expected = sum(len(re.findall(r"<sup>", r.source)) for r in records)
    # each source marker once in the source cell, and again in the target of copied segments
    assert len(sups) >= expected > 0
    assert "&lt;sup&gt;" not in re.sub(
        r'<span class="fn-tag">&lt;/?sup&gt;</span>', "", page.split("<tbody>", 1)[1]
    )


def test_number_mismatch_is_flagged_with_persian_digits_and_dates() -> None:
    assert missing_numbers("در سال ۲۰۲۳ حدود ۱۲٬۵۰۰ نفر", "In 2023 about 12,500 people") == []
    assert missing_numbers("در سال ۲۰۲۳ حدود ۱۲٬۵۰۰ نفر", "In 2022 about 12,500 people") == ["2023"]
    assert missing_numbers("۲۶/۰۸/۲۰۰۵", "on August 26, 2005") == []
    assert missing_numbers("۴٫۹ درصد و ۳ نفر", "4.9 percent and three people") == []
    rec = records_for(SEED_FILES[0])[5]
    rec.source, rec.target, rec.terms, rec.translated = (
        "سال ۱۳۹۹ و ۲۴ نفر کشته شدند",
        "In 1399, 23 died.",
        [],
        True,
    )
    assert [f.code for f in row_flags(rec) if f.code == "number_mismatch"] == ["number_mismatch"]
