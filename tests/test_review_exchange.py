"""XLIFF 2.0 and TMX 1.4b validate against their schemas; TSV and Markdown keep one row per segment."""

from __future__ import annotations

import re
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from lxml import etree
from review_records import with_controls

from translate.errors import DragomanError
from translate.records import SegmentRecord
from translate.review import render_review
from translate.review.tsv import COLUMNS, tsv_unescape

SCHEMAS = Path(__file__).parent / "schemas"
XLF = "{urn:oasis:names:tc:xliff:document:2.0}"


@pytest.fixture(scope="module")
def xliff_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff_core_2.0.xsd")))


@pytest.fixture(scope="module")
def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "tmx14.dtd"))


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_xliff_validates_and_keeps_every_segment(
    lang: str, by_lang: dict[str, list[SegmentRecord]], xliff_schema: etree.XMLSchema
) -> None:
    records = by_lang[lang]
    text = render_review(records, "xliff")
    doc = etree.fromstring(text.encode())
    assert xliff_schema.validate(doc), xliff_schema.error_log
    root = SafeET.fromstring(text.encode())
    assert root.get("srcLang") == lang and root.get("trgLang") == "en"
    files = root.findall(f"{XLF}file")
    assert len(files) == len({r.document for r in records})
    units = root.findall(f".//{XLF}unit")
    assert len(units) == len(records)
    for unit, rec in zip(units, records, strict=True):
        assert unit.findtext(f"{XLF}segment/{XLF}source") == rec.source
        assert unit.findtext(f"{XLF}segment/{XLF}target") == rec.target
        assert (unit.get("translate") == "no") == (not rec.translated)
        categories = [n.get("category") for n in unit.iter(f"{XLF}note")]
        assert categories.count("term") == len(rec.terms)
        if any(t.status == "missing" for t in rec.terms):
            notes = [n.text or "" for n in unit.iter(f"{XLF}note") if n.get("category") == "flag"]
            assert any(n.startswith("term_missing:") for n in notes)


def test_xliff_refuses_mixed_source_languages(by_lang: dict[str, list[SegmentRecord]]) -> None:
    with pytest.raises(DragomanError, match="mixes source languages"):
        render_review(by_lang["fa"] + by_lang["ar"], "xliff")


def test_xliff_keeps_characters_xml_cannot_hold(
    by_lang: dict[str, list[SegmentRecord]], xliff_schema: etree.XMLSchema
) -> None:
    records = with_controls(by_lang["ar"])
    text = render_review(records, "xliff")
    assert xliff_schema.validate(etree.fromstring(text.encode())), xliff_schema.error_log
    source = SafeET.fromstring(text.encode()).find(f".//{XLF}source")
    assert source is not None
    cps = [cp.get("hex") for cp in source.iter(f"{XLF}cp")]
    assert cps == ["0007", "000B"]
    rebuilt = (source.text or "") + "".join(chr(int(cp.get("hex"), 16)) + (cp.tail or "") for cp in source)
    assert rebuilt == records[0].source  # the CR survives too


def test_tmx_validates_for_a_mixed_run(by_lang: dict[str, list[SegmentRecord]], tmx_dtd: etree.DTD) -> None:
    records = by_lang["fa"] + by_lang["ar"] + with_controls(by_lang["fa"])
    text = render_review(records, "tmx")
    doc = etree.fromstring(text.encode())
    assert tmx_dtd.validate(doc), tmx_dtd.error_log
    header = doc.find("header")
    assert header is not None
    assert header.get("creationtool") == "Dragoman" and header.get("srclang") == "*all*"
    assert header.get("segtype") == "sentence" and header.get("datatype") == "plaintext"
    tus = doc.findall("body/tu")
    assert len(tus) == len(records)
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu, rec in zip(tus[:-3], records[:-3], strict=True):
        src, tgt = tu.findall("tuv")
        assert src.findtext("seg") == rec.source and tgt.findtext("seg") == rec.target
        assert tgt.get(xml_lang) == "en" and tu.get("srclang") == src.get(xml_lang)
    assert [ph.text for ph in tus[-3].iter("ph")] == ["U+0007", "U+000B", "U+001B"]


def test_tmx_single_language_header(by_lang: dict[str, list[SegmentRecord]], tmx_dtd: etree.DTD) -> None:
    doc = etree.fromstring(render_review(by_lang["ar"], "tmx").encode())
    assert tmx_dtd.validate(doc)
    assert doc.find("header").get("srclang") == "ar"  # type: ignore[union-attr]


def test_tsv_one_line_per_segment_and_round_trips(by_lang: dict[str, list[SegmentRecord]]) -> None:
    records = by_lang["fa"] + with_controls(by_lang["fa"])
    records[-1].target = "tab\there\nnew line \\n literal"
    lines = render_review(records, "tsv").split("\n")
    assert lines[0].split("\t") == list(COLUMNS) and lines[-1] == ""
    rows = [line.split("\t") for line in lines[1:-1]]
    assert len(rows) == len(records) and all(len(r) == len(COLUMNS) for r in rows)
    for row, rec in zip(rows, records, strict=True):
        assert tsv_unescape(row[5]) == rec.source and tsv_unescape(row[6]) == rec.target
        assert int(row[3]) == rec.source_start
    missing = [
        r for r, rec in zip(rows, records, strict=True) if any(t.status == "missing" for t in rec.terms)
    ]
    assert missing and all("term_missing" in r[7].split(",") for r in missing)


def test_markdown_table_escapes_pipes_and_markup(by_lang: dict[str, list[SegmentRecord]]) -> None:
    records = list(by_lang["fa"])
    records[0] = SegmentRecord.from_dict(records[0].to_dict())
    records[0].target = "a | b [x](javascript:alert(1)) <script>\nnext"
    text = render_review(records, "markdown")
    body = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Segment")]
    assert len(body) == len(records)
    # five cells each: six pipes not escaped by a backslash (an escaped backslash is "\\\\")
    assert all(len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) == 6 for line in body)
    assert "a \\| b \\[x\\](javascript:alert(1)) &lt;script&gt;<br>next" in text
    assert "<script" not in text and "\u202e" not in text and "⟨U+202E⟩" in text
