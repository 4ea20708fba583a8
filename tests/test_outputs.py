"""Output writers on hand-built documents: structure kept exactly, nothing lost or duplicated."""

from __future__ import annotations

import json

import pytest
from handmade_docs import DictBackend, F, H, P, make_document, sample_document

from translate.backends.base import DecodeOptions
from translate.errors import DragomanError
from translate.outputs import FORMATS, get_writer
from translate.outputs.base import latin_list_prefix, splice
from translate.outputs.markdown import escape_markdown
from translate.pipeline import translate_document
from translate.records import SegmentRecord


def _records(doc, backend=None):
    return translate_document(doc, backend or DictBackend(), options=DecodeOptions())


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_text_output_keeps_layout_and_replaces_only_segments(newline: str) -> None:
    doc = sample_document(newline)
    out = get_writer("text").render(doc, _records(doc))
    expected = newline.join(
        [
            "## Security in Central Asia",
            "",
            "Rolf Welberts, the NATO representative, spoke.<sup>1</sup> He spoke of threats.",
            "1. Growing disagreement.",
            "– Prosecution of criminals.",
            "Read More",
            "",
            "1. Rolf Welberts",
            "",
        ]
    )
    assert out == expected


def test_text_output_with_identity_targets_is_the_original() -> None:
    doc = sample_document("\r\n")
    records = _records(doc)
    for rec in records:
        rec.target = rec.source
        rec.translated = False
    assert get_writer("text").render(doc, records) == doc.text


def test_untranslated_list_item_keeps_its_persian_marker() -> None:
    doc = make_document([(P, "", ["جمله."], "fa"), (F, "۱٫ ", ["یادداشت"], "fa")])
    out = get_writer("text").render(doc, _records(doc))
    assert out.splitlines()[1] == "۱٫ یادداشت"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_markdown_converts_headings_lists_and_footnotes(newline: str) -> None:
    doc = sample_document(newline)
    out = get_writer("markdown").render(doc, _records(doc))
    assert out.split(newline)[:-1] == [
        "## Security in Central Asia",
        "",
        "Rolf Welberts, the NATO representative, spoke.[^1] He spoke of threats.",
        "",
        "1. Growing disagreement.",
        "- Prosecution of criminals.",
        "",
        "Read More",
        "",
        "[^1]: Rolf Welberts",
    ]


def test_markdown_heading_without_hashes_becomes_a_heading() -> None:
    doc = make_document(
        [(H, "", ["امنیت در آسیای مرکزی"], "fa"), None, (P, "", ["او از تهدیدات گفت."], "fa")]
    )
    out = get_writer("markdown").render(doc, _records(doc))
    assert out.splitlines()[0] == "# Security in Central Asia"


def test_markdown_repeated_footnote_labels_get_unique_keys() -> None:
    doc = make_document(
        [
            (P, "", ["رولف ول برتس<sup>۱</sup> نماینده ناتو سخن گفت."], "fa"),
            (F, "1. ", ["Rolf Welberts"], "en"),
            (P, "", ["او از تهدیدات گفت.<sup>۱</sup>"], "fa"),
            (F, "1. ", ["Shargh"], "en"),
        ]
    )
    lines = get_writer("markdown").render(doc, _records(doc)).splitlines()
    assert lines == [
        "Rolf Welberts, the NATO representative, spoke.[^1]",
        "",
        "[^1]: Rolf Welberts",
        "",
        "He spoke of threats.[^2]",
        "",
        "[^2]: Shargh",
    ]


def test_markdown_keeps_sup_when_a_footnote_has_no_definition() -> None:
    doc = make_document([(P, "", ["او از تهدیدات گفت.<sup>۲</sup>"], "fa"), (F, "1. ", ["Shargh"], "en")])
    lines = get_writer("markdown").render(doc, _records(doc)).splitlines()
    assert lines == ["He spoke of threats.<sup>2</sup>", "", "1. Shargh"]


def test_markdown_escapes_model_output() -> None:
    doc = make_document([(P, "", ["او از تهدیدات گفت."], "fa")])
    backend = DictBackend({"او از تهدیدات گفت.": "He said *threats* <b>_x_</b> [1]"})
    out = get_writer("markdown").render(doc, _records(doc, backend))
    assert out == r"He said \*threats\* \<b\>\_x\_\</b\> \[1\]" + "\n"
    assert escape_markdown("a_b") == r"a\_b"


def test_jsonl_is_one_record_per_line_with_exact_offsets() -> None:
    doc = sample_document("\r\n")
    records = _records(doc)
    lines = get_writer("jsonl").render(doc, records).splitlines()
    assert len(lines) == len(doc.segments) == len(records)
    for line in lines:
        data = json.loads(line)
        assert doc.text[data["source_start"] : data["source_end"]] == data["source"]
        assert SegmentRecord.from_dict(data).to_dict() == data
    assert "رولف" in lines[1]  # ensure_ascii=False: Persian is readable


def test_json_is_one_object_with_document_and_records() -> None:
    doc = sample_document()
    records = _records(doc)
    data = json.loads(get_writer("json").render(doc, records))
    assert data["document"] == "doc" and data["source_lang"] == "fa"
    assert data["text"] == doc.text
    assert [r["segment"] for r in data["records"]] == [s.id for s in doc.segments]
    assert [b["kind"] for b in data["blocks"]][:3] == ["heading", "paragraph", "list_item"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_writers_refuse_records_of_another_text(fmt: str) -> None:
    doc = sample_document()
    records = _records(doc)
    records[0].source = "something else"
    with pytest.raises(DragomanError, match="does not match"):
        get_writer(fmt).render(doc, records)


def test_unknown_format_is_a_one_line_error() -> None:
    with pytest.raises(DragomanError, match="choose one of text, markdown, jsonl, json, html, docx, srt"):
        get_writer("pptx")


def test_helpers() -> None:
    assert latin_list_prefix("۱٫ ") == "1. "
    assert latin_list_prefix("١٢- ") == "12- "
    assert latin_list_prefix("– ") == "– "
    assert splice("abcdef", [(4, 5, "E"), (0, 1, "A"), (2, 2, "+")]) == "Ab+cdEf"
    with pytest.raises(DragomanError):
        splice("abcdef", [(0, 3, "x"), (2, 4, "y")])
