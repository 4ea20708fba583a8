"""Document structure on the seeds and on hand-made documents: blocks, prefixes, markers, footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED_LANGS
from translate.document import BlockKind, parse_document
from translate.errors import InputError


def _parse(path: Path):
    return parse_document(path.read_text(encoding="utf-8"), doc_id=path.stem, path=str(path))


def _rebuild(text: str, document) -> str:
    out, pos = [], 0
    for seg in document.segments:
        assert seg.start >= pos
        out += [text[pos : seg.start], seg.text]
        pos = seg.end
    return "".join(out) + text[pos:]


def test_seeds_language_roundtrip_and_translation_flags(seed_paths: list[Path]) -> None:
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        document = _parse(path)
        assert document.lang == SEED_LANGS[path.stem]
        assert _rebuild(text, document) == text
        for block in document.blocks:
            assert text[block.start : block.start + len(block.prefix)] == block.prefix
            assert block.segments, block
            if block.lang in ("fa", "ar") and block.kind is not BlockKind.FOOTNOTE:
                assert all(seg.translate and seg.model_input for seg in block.segments)
            if block.kind in (BlockKind.PASSTHROUGH, BlockKind.FOOTNOTE):
                assert not any(seg.translate for seg in block.segments)
                assert all(seg.model_input == "" for seg in block.segments)
        # every Persian/Arabic line of a seed has the seed's language (short headings and OCR fragments too)
        langs = {
            b.lang
            for b in document.blocks
            if b.kind is not BlockKind.FOOTNOTE and b.kind is not BlockKind.PASSTHROUGH
        }
        assert langs == {SEED_LANGS[path.stem]}
        ids = [seg.id for seg in document.segments]
        assert len(ids) == len(set(ids))


def test_seed_000_headings_markers_and_footnotes(seed_paths: list[Path]) -> None:
    document = _parse(seed_paths[0])
    headings = [b for b in document.blocks if b.kind is BlockKind.HEADING]
    assert [(h.prefix, h.level) for h in headings] == [("## ", 2), ("### ", 3)]
    assert headings[0].segments[0].text == "□ مکارشها"  # OCR junk kept in the text
    assert headings[0].segments[0].translate
    footnotes = [b.segments[0].text for b in document.blocks if b.kind is BlockKind.FOOTNOTE]
    assert footnotes == ["Rolf Welberts", "Shargh", "Hot Area", "Peace Tolerance Dialog", "Mark Handy"]
    assert [b.prefix for b in document.blocks if b.kind is BlockKind.FOOTNOTE][:3] == ["1. ", "1. ", "2. "]
    markers = [m for seg in document.segments for m in seg.markers]
    assert [m.label for m in markers] == ["1", "1", "2", "1", "1"]
    assert all(document.text[m.start : m.end] == m.text and m.text.startswith("<sup>") for m in markers)
    marked = next(seg for seg in document.segments if seg.markers)
    assert "<sup>" in marked.text and "<sup>" not in marked.model_input and "۱" not in marked.model_input


def test_seed_001_boilerplate_is_passthrough(seed_paths: list[Path]) -> None:
    document = _parse(seed_paths[1])
    passthrough = [b.segments[0].text for b in document.blocks if b.kind is BlockKind.PASSTHROUGH]
    assert passthrough[0] == "Read More"
    assert passthrough[1].startswith("This section contains")
    assert len(passthrough) == 2


def test_seed_002_list_items(seed_paths: list[Path]) -> None:
    document = _parse(seed_paths[2])
    items = [b for b in document.blocks if b.kind is BlockKind.LIST_ITEM]
    assert {b.prefix for b in items} == {"– ", "۱٫ ", "۲٫ ", "۳٫ ", "۴٫ "}
    first = items[0]
    assert first.segments[0].start == first.start + len("– ")
    assert all(seg.translate for b in items for seg in b.segments)


def test_seed_004_is_arabic_throughout(seed_paths: list[Path]) -> None:
    document = _parse(seed_paths[4])
    assert {b.lang for b in document.blocks} == {"ar"}
    assert all(seg.translate for seg in document.segments)


def test_handmade_structure() -> None:
    text = (
        "# عنوان اصلی\r\n\r\n"
        "رولف ول برتس<sup>۱</sup> گفت: «ناتو آماده است.» او افزود که همکاری ادامه دارد.\r\n"
        "- مورد اول فهرست\r\n"
        "• مورد دوم فهرست\r\n"
        "1. مورد شماره دار\r\n"
        "۲٫ مورد دوم شماره دار\r\n"
        "1. Rolf Welberts\r\n"
        "Read More\r\n"
        "Президент встретился с генсеком.\r\n"
    )
    document = parse_document(text)
    kinds = [b.kind for b in document.blocks]
    assert kinds == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.FOOTNOTE,
        BlockKind.PASSTHROUGH,
        BlockKind.PASSTHROUGH,
    ]
    assert [b.prefix for b in document.blocks[:6]] == ["# ", "", "- ", "• ", "1. ", "۲٫ "]
    paragraph = document.blocks[1]
    assert [s.text for s in paragraph.segments] == [
        "رولف ول برتس<sup>۱</sup> گفت: «ناتو آماده است.»",
        "او افزود که همکاری ادامه دارد.",
    ]
    assert paragraph.segments[0].markers[0].label == "1"
    assert document.blocks[-1].lang == "other"
    assert _rebuild(text, document) == text
    assert "\r" not in "".join(s.text for s in document.segments)


def test_numbered_latin_line_without_marker_is_passthrough() -> None:
    document = parse_document("امنیت منطقه مهم است.\n1. Introduction\n")
    assert document.blocks[1].kind is BlockKind.PASSTHROUGH


def test_wrong_language_is_an_error_unless_forced() -> None:
    with pytest.raises(InputError, match=r"no Persian, Arabic or Tajik text.*English"):
        parse_document("Security in Central Asia.\nRead More\n", path="news.txt")
    with pytest.raises(InputError, match=r"news\.txt"):
        parse_document("Президент Таджикистана встретился с генсеком ОДКБ.", path="news.txt")
    forced = parse_document("Security in Central Asia.", source_lang="fa")
    assert forced.lang == "fa" and all(seg.translate for seg in forced.segments)


def test_source_lang_overrides_detection(seed_paths: list[Path]) -> None:
    text = seed_paths[4].read_text(encoding="utf-8")
    document = parse_document(text, source_lang="fa")
    assert document.lang == "fa"
    assert {seg.lang for seg in document.segments} == {"fa"}
    with pytest.raises(InputError, match="unsupported source language"):
        parse_document(text, source_lang="xx")


def test_mixed_document_persian_arabic_and_english_lines() -> None:
    text = "امنیت منطقه برای ما مهم است.\nأكد الرئيس أهمية التعاون الأمني.\nRead More\n"
    document = parse_document(text)
    assert document.lang == "fa"
    assert [b.lang for b in document.blocks] == ["fa", "ar", "en"]
    assert [s.translate for s in document.segments] == [True, True, False]


def test_blank_text_and_bad_limits_are_input_errors() -> None:
    with pytest.raises(InputError, match="only whitespace"):
        parse_document(" \r\n\t", path="blank.txt")
    with pytest.raises(InputError, match="too small"):
        parse_document("امنیت منطقه", max_segment_chars=5)


def test_lines_without_letters_are_copied_through() -> None:
    document = parse_document("امنیت منطقه مهم است.\n۱۳۹۹/۰۵/۰۱\n***\n")
    assert [b.kind for b in document.blocks][1:] == [BlockKind.PASSTHROUGH, BlockKind.PASSTHROUGH]
    assert [s.text for s in document.segments][1:] == ["۱۳۹۹/۰۵/۰۱", "***"]
