"""Glossary file formats: TSV is rewritten byte for byte, TSV -> TBX -> TSV and CSV round-trip exactly,
and malformed files give one ``GlossaryError`` naming file, line and column."""

from __future__ import annotations

import defusedxml.ElementTree as ET
import pytest

from glossary.formats import get_format
from glossary.store import default_path, read_entries
from translate.errors import GlossaryError

HEADER = (
    "id\tenglish\tshort\tfirst_mention\tcategory\tfa\tar\tunapproved\tconfirm\texclude\treview\tnote\tsource"
)
TBX_NS = "{urn:iso:std:iso:30042:ed-2}"


@pytest.fixture(scope="module")
def default_text() -> str:
    return default_path().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def default_entries():
    return read_entries(default_path())


def test_tsv_rewrite_of_default_is_byte_identical(default_text, default_entries):
    assert get_format("tsv").write(default_entries) == default_text


def test_tsv_tbx_tsv_round_trip_is_exact(default_text, default_entries):
    tbx = get_format("tbx").write(default_entries)
    back = get_format("tbx").read(tbx, "export.tbx")
    assert get_format("tsv").write(back) == default_text


def test_csv_round_trip_is_exact(default_text, default_entries):
    csv_text = get_format("csv").write(default_entries)
    assert get_format("tsv").write(get_format("csv").read(csv_text, "x.csv")) == default_text


def test_tbx_structure_follows_tbx_basic(default_entries):
    root = ET.fromstring(get_format("tbx").write(default_entries).encode())
    assert root.tag == f"{TBX_NS}tbx" and root.get("type") == "TBX-Basic" and root.get("style") == "dca"
    concepts = root.iter(f"{TBX_NS}conceptEntry")
    csto = next(c for c in concepts if c.get("id") == "csto")
    assert csto.find(f"{TBX_NS}descrip[@type='subjectField']").text == "organization"
    en = next(
        ls
        for ls in csto.iter(f"{TBX_NS}langSec")
        if ls.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    )
    statuses = {
        ts.find(f"{TBX_NS}term").text: [n.text for n in ts.iter(f"{TBX_NS}termNote")]
        for ts in en.iter(f"{TBX_NS}termSec")
    }
    assert statuses["Collective Security Treaty Organization"] == ["preferredTerm-admn-sts"]
    assert statuses["CSTO"] == ["acronym", "admittedTerm-admn-sts"]
    assert statuses["Collective Security Treaty Organisation"] == ["deprecatedTerm-admn-sts"]


def test_tbx_v2_names_are_read():
    text = """<?xml version="1.0"?>
<martif type="TBX-Basic"><text><body>
<termEntry id="csto"><descrip type="subjectField">organization</descrip>
<langSet xml:lang="en"><tig><term>Collective Security Treaty Organization</term></tig>
<tig><term>CSTO Org</term>
<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
<langSet xml:lang="fa"><tig><term>سازمان پیمان امنیت جمعی</term></tig></langSet>
</termEntry></body></text></martif>"""
    (entry,) = get_format("tbx").read(text, "v2.tbx")
    assert entry.english == "Collective Security Treaty Organization"
    assert entry.unapproved == ["CSTO Org"] and entry.variants == {"fa": ["سازمان پیمان امنیت جمعی"]}


@pytest.mark.parametrize(
    ("row", "where", "words"),
    [
        ("csto\tCSTO\t\tfull\torganization\tx", "bad.tsv:2:", "6 columns"),
        ("csto\tCSTO\t\tfull\tthing\tسازمان\t\t\t\t\t\t\t", "bad.tsv:2:17", "unknown category 'thing'"),
        ("CSTO!\tCSTO\t\tfull\torganization\tسازمان\t\t\t\t\t\t\t", "bad.tsv:2:1", "bad id"),
        ("csto\t\t\tfull\torganization\tسازمان\t\t\t\t\t\t\t", "bad.tsv:2:6", "empty english"),
    ],
)
def test_malformed_tsv_names_file_line_column(row, where, words):
    with pytest.raises(GlossaryError) as err:
        get_format("tsv").read(f"{HEADER}\n{row}\n", "bad.tsv")
    assert err.value.where.startswith(where) and words in err.value.problem


@pytest.mark.parametrize(
    ("xml", "where", "words"),
    [
        (
            "<tbx>\n<text><body>\n<conceptEntry id='a'>\n</body></text></tbx>",
            "bad.tbx:4:",
            "XML syntax error",
        ),
        (
            "<tbx><text><body>\n<conceptEntry id='a'><langSec xml:lang='en'>\n <termSec><note>x</note>"
            "</termSec></langSec></conceptEntry></body></text></tbx>",
            "bad.tbx:3:2",
            "without a <term>",
        ),
        (
            '<!DOCTYPE tbx SYSTEM "tbx.dtd"><tbx><text><body>\n<conceptEntry id="a">&nbsp;</conceptEntry>'
            "</body></text></tbx>",
            "bad.tbx:2:",
            "not expanded",
        ),
        (
            "<tbx><text><body>\n\n<conceptEntry id='a'><descrip type='subjectField'>place</descrip>"
            "</conceptEntry></body></text></tbx>",
            "bad.tbx:3:1",
            "no English",
        ),
        ("<glossary/>", "bad.tbx:1:1", "not a TBX file"),
    ],
)
def test_malformed_tbx_names_file_line_column(xml, where, words):
    with pytest.raises(GlossaryError) as err:
        get_format("tbx").read(xml, "bad.tbx")
    assert err.value.where.startswith(where) and words in err.value.problem


def test_tbx_entity_expansion_is_refused():
    bomb = '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><tbx>&b;</tbx>'
    with pytest.raises(GlossaryError):
        get_format("tbx").read(bomb, "bomb.tbx")


def test_format_chosen_by_name_or_extension():
    assert get_format(None, "x.tbx").name == "tbx"
    assert get_format(None, "x.CSV").name == "csv"
    assert get_format(None, "x.tsv").name == "tsv"
    assert get_format(None, "x.xlsx").name == "xlsx"
    with pytest.raises(GlossaryError):
        get_format("ods")
