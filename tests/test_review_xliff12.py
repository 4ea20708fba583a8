"""XLIFF 1.2 export (one file per source language for mixed runs) and XLIFF 1.2/2.0 import back into a run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import DRAGOMAN
from lxml import etree
from review_records import with_controls

from translate.errors import DragomanError
from translate.records import SegmentRecord, read_records
from translate.review import render_review
from translate.review.xliff_read import apply_xliff, read_xliff

SCHEMAS = Path(__file__).parent / "schemas"
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_xliff12_is_valid_and_keeps_every_segment(lang, by_lang, tmp_path):
    records = by_lang[lang] + with_controls(by_lang[lang])
    text = render_review(records, "xliff12")
    doc = etree.fromstring(text.encode())
    dtd = etree.DTD(str(SCHEMAS / "xliff12_dragoman_subset.dtd"))
    assert dtd.validate(doc), dtd.error_log
    files = doc.findall(f"{X12}file")
    assert {f.get("source-language") for f in files} == {lang}
    units = doc.findall(f".//{X12}trans-unit")
    assert len(units) == len(records)
    marks = [m for u in units for m in u.find(f"{X12}source").iter(f"{X12}mrk")]
    assert len(marks) == sum(len(r.terms) for r in records) > 0
    assert all(m.get("mtype") == "term" for m in marks)
    path = tmp_path / "run.xlf"
    path.write_text(text, encoding="utf-8")
    read = read_xliff(path)  # inline marks and character codes come back as the exact text
    assert [(u.id, u.source, u.target) for u in read] == [(r.segment, r.source, r.target) for r in records]
    states = {u.state for u in read}
    assert "translated" in states and states <= {"translated", "final", "needs-translation"}


def edit(text: str, unit_id: str, tag: str, new: str) -> str:
    """The XLIFF with one unit's source or target replaced by plain ``new`` (as a CAT tool would)."""
    root = etree.fromstring(text.encode())
    unit = next(
        u
        for u in root.iter()
        if u.get("id") == unit_id and etree.QName(u).localname in ("unit", "trans-unit")
    )
    el = next(e for e in unit.iter() if etree.QName(e).localname == tag)
    for child in list(el):
        el.remove(child)
    el.text = new
    return etree.tostring(root, encoding="unicode")


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
def test_edited_xliff_comes_back_into_the_run(fmt, by_lang, tmp_path):
    records = by_lang["ar"]
    text = render_review(records, fmt)
    k = next(i for i, r in enumerate(records) if r.translated and r.terms)
    edited = edit(text, records[k].segment, "target", "A reviewer's English.")
    path = tmp_path / "edited.xlf"
    path.write_text(edited, encoding="utf-8")
    updated, summary = apply_xliff(records, path)
    assert summary.changed == 1 and summary.units == len(records)
    assert updated[k].target == "A reviewer's English." and "xliff_edited" in updated[k].flags
    assert all(t.status == "missing" for t in updated[k].terms if t.required not in updated[k].target)
    assert [r.target for i, r in enumerate(updated) if i != k] == [
        r.target for i, r in enumerate(records) if i != k
    ]


def test_import_refused_when_the_source_changed(by_lang, tmp_path):
    records = by_lang["fa"][:20]
    text = render_review(records, "xliff12")
    rec = next(r for r in records if r.translated and len(r.source) > 10)
    path = tmp_path / "edited.xlf"
    path.write_text(edit(text, rec.segment, "source", rec.source[:-3]), encoding="utf-8")
    with pytest.raises(DragomanError, match="no longer matches"):
        apply_xliff(records, path)


def write_run(path: Path, records: list[SegmentRecord]) -> None:
    path.write_text(
        "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )


def test_cli_mixed_run_writes_one_xliff_per_language_and_imports_back(by_lang, tmp_path):
    write_run(tmp_path / "run.jsonl", by_lang["fa"] + by_lang["ar"])
    proc = subprocess.run(
        [DRAGOMAN, "review", "run.jsonl", "--format", "xliff12", "-o", "run.xlf"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "run.ar.xlf" in proc.stderr and "run.fa.xlf" in proc.stderr
    assert not (tmp_path / "run.xlf").exists()
    ar = etree.parse(str(tmp_path / "run.ar.xlf")).getroot()
    assert {f.get("source-language") for f in ar.iter(f"{X12}file")} == {"ar"}
    assert len(ar.findall(f".//{X12}trans-unit")) == len(by_lang["ar"])
    proc = subprocess.run(
        [DRAGOMAN, "review-import", "run.jsonl", "run.ar.xlf", "-o", "back.jsonl", "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stderr)["units"] == len(by_lang["ar"])
    assert read_records(tmp_path / "back.jsonl") == read_records(tmp_path / "run.jsonl")
    proc = subprocess.run(
        [DRAGOMAN, "review", "run.jsonl", "--format", "xliff"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2 and "mixes source languages" in proc.stderr and "Traceback" not in proc.stderr
