"""Sentence segmentation: the hand-checked gold set, traps, long sentences, and losslessness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.document import parse_document
from translate.document.segmenter import cut_long, segment_text, split_sentences

GOLD = [json.loads(line) for line in (Path(__file__).parent / "data" / "segmentation_gold.jsonl").open()]


def _texts(text: str, spans) -> list[str]:
    return [text[s:e] for s, e, *_ in spans]


def _assert_lossless(text: str, spans) -> None:
    pos = 0
    for start, end, *_ in spans:
        assert pos <= start < end <= len(text)
        assert not text[pos:start].strip()  # gaps are whitespace only
        assert not text[start].isspace() and not text[end - 1].isspace()
        pos = end
    assert not text[pos:].strip()


def _assert_document_lossless(text: str, document) -> None:
    """Segments in order; each gap is whitespace plus, before a block's first segment, its prefix."""
    pos = 0
    blocks = {b.index: b for b in document.blocks}
    for seg in document.segments:
        assert text[seg.start : seg.end] == seg.text
        gap = text[pos : seg.start]
        expected = blocks[seg.block].prefix.strip() if seg.index == 0 else ""
        assert gap.strip() == expected
        pos = seg.end
    assert not text[pos:].strip()


def test_gold_set_is_big_enough() -> None:
    assert len(GOLD) >= 25
    assert {g["lang"] for g in GOLD} == {"fa", "ar"}


@pytest.mark.parametrize("case", GOLD, ids=lambda g: g["sentences"][0][:25])
def test_gold(case: dict) -> None:
    assert _texts(case["text"], split_sentences(case["text"], case["lang"])) == case["sentences"]


@pytest.mark.parametrize(
    "text",
    [
        "جلسه تمام شد؛ همه رفتند.",
        "روسیه، چین، قزاقستان و ازبکستان حضور داشتند.",
        "رشد ۴٫۹ درصد بود.",
        "در تاریخ ۲۶/۰۸/۲۰۰۵ امضا شد.",
        "مقام‌های U.S. موافقت کردند.",
        "نماینده ج.ا.ا. حاضر بود.",
        "او گفت: «این درست است. ما موافقیم.»",
        "J. R. Smith آمد.",
        "مراحل کار: 1. ثبت درخواست، 2. بررسی پرونده.",
    ],
)
def test_no_false_breaks(text: str) -> None:
    assert _texts(text, split_sentences(text, "fa")) == [text]


def test_sentence_ending_in_a_number_still_ends() -> None:
    text = "شمار کشته‌ها ۱۲. خبر دیگر."
    assert _texts(text, split_sentences(text, "fa")) == ["شمار کشته‌ها ۱۲.", "خبر دیگر."]


def test_closing_quote_then_period() -> None:
    text = "او گفت «ما آماده‌ایم». سپس رفت."
    assert _texts(text, split_sentences(text, "fa")) == ["او گفت «ما آماده‌ایم».", "سپس رفت."]


def test_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    text = "وی گفت: «حوادث نقش داشت. خطر کاهش یافت. همکاری لازم است."
    assert len(split_sentences(text, "fa")) == 3


def test_long_sentence_split_at_clause_boundaries() -> None:
    clause = "کشورهای منطقه برای مقابله با تهدیدهای مشترک همکاری می‌کنند"
    text = "؛ ".join([clause] * 12) + "."
    spans = segment_text(text, "fa", max_chars=150)
    assert len(spans) > 1
    assert all(s.split for s in spans)
    assert all(e - s <= 150 for s, e, _ in spans)
    assert all(text[e - 1] == "؛" for _, e, _ in spans[:-1])  # cut after the semicolon
    _assert_lossless(text, spans)
    comma = "، ".join([clause] * 12)
    assert all(comma[e - 1] == "،" for _, e, _ in segment_text(comma, "fa", max_chars=150)[:-1])


def test_long_text_without_spaces_is_cut_not_truncated() -> None:
    text = "ا" * 1000
    pieces = cut_long(text, 0, len(text), 400)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert max(e - s for s, e in pieces) <= 400


def test_seeds_segment_losslessly(seed_paths: list[Path]) -> None:
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        document = parse_document(text, max_segment_chars=200)
        _assert_document_lossless(text, document)
        assert all(len(s.text) <= 200 for s in document.segments if s.translate)
        assert any(s.split for s in document.segments)


def test_two_megabyte_single_line() -> None:
    sentence = "نیروهای مرزی تاجیکستان، با همکاری روسیه، قاچاق مواد مخدر را متوقف کردند و "
    text = sentence * (2_000_000 // len(sentence.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) > 2_000_000
    document = parse_document(text)
    _assert_document_lossless(text, document)
    assert all(s.split and len(s.text) <= 400 for s in document.segments)
    assert sum(len(s.text) for s in document.segments) >= len(text.strip()) - len(document.segments)


_ALPHABET = st.sampled_from(
    [
        *"ابپتجچدرزسشکگلمنوهیيكةى ",
        " ",
        " ",
        ".",
        "؟",
        "!",
        "،",
        "؛",
        "…",
        "«",
        "»",
        "“",
        "”",
        '"',
        "۱",
        "۲",
        "٫",
        "/",
        "3",
        ".5",
        "\n",
        "\r\n",
        "\n\n",
        "<sup>۱</sup>",
        "U.S.",
        "ج.ا.ا",
        "1. ",
        "– ",
        "## ",
        "\u200c",
        "\t",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=120).map("".join), st.integers(min_value=20, max_value=80))
def test_property_segmentation_is_lossless(text: str, max_chars: int) -> None:
    spans = split_sentences(text, "fa", max_quote_chars=max_chars)
    _assert_lossless(text, spans)
    pieces = segment_text(text, "fa", max_chars=max_chars)
    _assert_lossless(text, pieces)
    assert all(e - s <= max_chars for s, e, _ in pieces)
    if text.strip() and any(ch.isalpha() for ch in text):
        try:
            document = parse_document(text, max_segment_chars=max_chars, source_lang="fa")
        except Exception as err:  # only a user-facing error is acceptable
            from translate.errors import DragomanError

            assert isinstance(err, DragomanError)
            return
        _assert_document_lossless(text, document)
        for seg in document.segments:
            assert text[seg.start : seg.end] == seg.text
