"""Hostile glossary content (issue 15, D1 D2 D4 D5 and the CSV BOM): every character that a line
splitter treats as a break, formula-looking cells, control characters and absurd nesting either
round-trip through TSV/CSV/TBX or give one ``GlossaryError``; never a corrupt file or a traceback."""

from __future__ import annotations

import csv
import dataclasses
import io

import defusedxml.ElementTree as ET
import pytest

from glossary.formats import get_format
from glossary.store import default_path, read_entries
from translate.errors import GlossaryError
from translate.review.tsv import tsv_field, tsv_unescape

# Every code point ``str.splitlines`` splits on, besides LF and CR which were always cleaned.
LINE_BREAKS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\r\n"]
FORMULAS = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "'=already quoted"]


@pytest.fixture(scope="module")
def default_entries():
    return read_entries(default_path())


def _hostile(entries, text: str):
    """The real default entries, the first one carrying ``text`` in its note and an English variant."""
    first = dataclasses.replace(entries[0], note=f"before{text}after", unapproved=[f"x{text}y"])
    return [first, *entries[1:]]


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=[f"U+{ord(b[0]):04X}" for b in LINE_BREAKS])
@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx"])
def test_line_breaks_in_fields_keep_one_entry_per_row(default_entries, fmt, brk):
    entries = _hostile(default_entries, brk)
    text = get_format(fmt).write(entries)
    back = get_format(fmt).read(text, f"g.{fmt}")
    assert [e.id for e in back] == [e.id for e in default_entries]
    assert back[0].note == "before after" and back[0].unapproved == ["x y"]
    assert back[1:] == default_entries[1:]
    # and what was read back is written byte for byte the same again
    assert get_format(fmt).write(back) == get_format(fmt).write(get_format(fmt).read(text, "again"))


def test_tsv_written_by_an_older_version_with_u2028_inside_a_cell_still_reads(default_entries):
    text = get_format("tsv").write(default_entries).replace("\tmedia usage\n", "\tmedia\u2028usage\n", 1)
    assert "\u2028" in text
    back = get_format("tsv").read(text, "old.tsv")
    assert len(back) == len(default_entries)


@pytest.mark.parametrize("formula", FORMULAS)
def test_tsv_and_csv_cells_never_start_a_formula_and_round_trip(default_entries, formula):
    entries = _hostile(default_entries, "")
    entries[0] = dataclasses.replace(entries[0], note=formula, source=formula)
    tsv = get_format("tsv").write(entries)
    for line in tsv.splitlines():
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line.split("\t")), line
    csv_text = get_format("csv").write(entries)
    for row in csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    for fmt, text in (("tsv", tsv), ("csv", csv_text)):
        back = get_format(fmt).read(text, f"g.{fmt}")
        assert back[0].note == formula and back[0].source == formula
        assert back[1:] == entries[1:]


def test_csv_export_starts_with_a_utf8_bom_for_excel(default_entries):
    text = get_format("csv").write(default_entries)
    assert text.startswith("\ufeff") and text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert get_format("csv").read(text, "g.csv") == default_entries


@pytest.mark.parametrize("char", ["\x01", "\x08", "\x1b", "\x7f", "\x9f", "\ufffe"])
def test_tbx_with_control_characters_is_well_formed_and_round_trips(default_entries, char):
    entries = _hostile(default_entries, char)
    entries[0] = dataclasses.replace(entries[0], english=f"Collective{char}Security")
    text = get_format("tbx").write(entries)
    ET.fromstring(text.encode("utf-8"))  # well-formed
    back = get_format("tbx").read(text, "g.tbx")
    assert back[0].english == "Collective Security" and back[1:] == default_entries[1:]
    assert get_format("tbx").write(back) == get_format("tbx").write(get_format("tbx").read(text, "g.tbx"))


@pytest.mark.parametrize("depth", [200, 5000, 50000])
def test_deeply_nested_tbx_is_one_clear_error(depth):
    xml = '<?xml version="1.0"?><tbx><text><body>' + "<x>" * depth + "</x>" * depth + "</body></text></tbx>"
    with pytest.raises(GlossaryError) as err:
        get_format("tbx").read(xml, "deep.tbx")
    assert str(err.value).startswith("deep.tbx:1:") and "nested more than" in str(err.value)


def test_review_tsv_cells_never_start_a_formula():
    for formula in FORMULAS:
        cell = tsv_field(formula)
        assert not cell.startswith(("=", "+", "-", "@"))
        assert tsv_unescape(cell) == formula
    assert tsv_field(-3) == "-3"  # numbers (offsets) are not text


def test_glossary_add_with_u2028_keeps_the_file_readable_and_export_never_overwrites_its_source(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    dragoman = str(Path(sys.executable).with_name("dragoman"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [dragoman, "glossary", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )

    added = run(
        "add", "Acme Group", "--fa", "گروه آکمه", "--category", "organization", "--note", "a\u2028b\x85c"
    )
    assert added.returncode == 0, added.stderr
    entries = read_entries(tmp_path / "glossary.tsv")
    assert [e.note for e in entries] == ["a b c"]
    before = (tmp_path / "glossary.tsv").read_bytes()
    clash = run("export", "-g", "glossary.tsv", "--format", "tsv", "-o", "glossary.tsv")
    assert clash.returncode == 2 and "Traceback" not in clash.stderr
    assert clash.stderr.count("\n") == 1 and "glossary.tsv" in clash.stderr
    assert (tmp_path / "glossary.tsv").read_bytes() == before
