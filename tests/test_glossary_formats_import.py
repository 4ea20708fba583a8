"""Importing termbases written by other tools: TBX 2008 (MultiTerm, memoQ shapes) and v3 DCT, spreadsheets
(CSV in three encodings, XLSX, human headers, --columns), TBX 2008 export, and the import report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, one_line_error
from conftest import run_glossary as run
from lxml import etree

from glossary.entry import Category
from glossary.formats import get_format
from glossary.formats.mapping import map_lang
from glossary.store import load_glossary, read_entries, read_with_report
from glossary.validate import validate
from translate.errors import GlossaryError

TERMBASES = REPO / "tests" / "data" / "termbases"
SCHEMAS = REPO / "tests" / "schemas"


def by_id(entries):
    return {e.id: e for e in entries}


def test_multiterm_tbx_2008_with_doctype_and_without_ids_is_imported():
    entries, report = read_with_report(TERMBASES / "multiterm_2008.tbx")
    got = by_id(entries)
    assert list(got) == ["_1", "dushanbe", "hizb_ut_tahrir"]
    csto = got["_1"]
    assert (csto.english, csto.short, csto.category) == (
        "Collective Security Treaty Organization",
        "CSTO",
        Category.ORGANIZATION,
    )
    assert csto.variants["fa"] == ["سازمان پیمان امنیت جمعی", "سازمان معاهده امنیت جمعی"]
    assert csto.note == "definition: Military alliance of post-Soviet states."
    dushanbe = got["dushanbe"]  # FA-AF (Dari) -> Persian forms; Tajik -> tg forms; Geography unknown
    assert dushanbe.variants == {"fa": ["دوشنبه"], "tg": ["Душанбе"]}
    assert dushanbe.category is Category.UNCATEGORIZED and "Geography" in dushanbe.note
    assert got["hizb_ut_tahrir"].variants == {"fa": ["حزب التحریر"], "ar": ["حزب التحرير"]}
    assert got["hizb_ut_tahrir"].note == "Banned in Tajikistan."
    assert report.format.startswith("TBX 2008")
    assert report.mapped["id generated from the English term"] == 2
    assert report.mapped["Dari terms (FA-AF) → fa source forms"] == 1
    assert report.dropped["terms in RU-RU"] == 1 and report.dropped["<transacGrp>"] == 2
    assert len(report.warnings) == 1 and "Geography" in report.warnings[0][1]


def test_memoq_statuses_become_approved_and_unapproved_english():
    entries, report = read_with_report(TERMBASES / "memoq_2008.tbx")
    sco, taliban = entries
    assert sco.id == "_sco" and taliban.id == "taliban-2"  # normalized, stable
    assert (sco.english, sco.short, sco.unapproved) == (
        "Shanghai Cooperation Organization",
        "SCO",
        ["Shanghai Cooperation Organisation"],
    )
    assert sco.variants == {"fa": ["سازمان همکاری شانگهای", "سازمان شانگهای"], "ar": ["منظمة شنغهاي للتعاون"]}
    assert taliban.unapproved == ["Taleban"] and "Always plural" in taliban.note
    assert sco.category is Category.UNCATEGORIZED
    assert report.dropped['<descrip type="context">'] == 1
    assert report.dropped['<termNote type="partOfSpeech">'] == 1


def test_tbx_v3_dct_style_is_read():
    (cis,) = read_entries(TERMBASES / "basic_v3_dct.tbx")
    assert (cis.id, cis.english, cis.short, cis.category) == (
        "cis",
        "Commonwealth of Independent States",
        "CIS",
        Category.ORGANIZATION,
    )
    assert cis.variants == {"ar": ["رابطة الدول المستقلة"], "fa": ["کشورهای مستقل مشترک المنافع"]}
    assert cis.note.startswith("definition (ar-SA): ")


def test_utf16_tbx_reads_like_utf8(tmp_path):
    text = (TERMBASES / "multiterm_2008.tbx").read_text(encoding="utf-8")
    utf16 = tmp_path / "mt16.tbx"
    utf16.write_bytes(text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    assert read_entries(utf16) == read_entries(TERMBASES / "multiterm_2008.tbx")


def test_external_dtd_is_never_loaded(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "loaded">', encoding="utf-8")
    tbx = tmp_path / "x.tbx"
    tbx.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "{dtd.as_uri()}">\n<martif><text><body>'
        '<termEntry><langSet xml:lang="en"><tig><term>A &secret;</term></tig></langSet></termEntry>'
        "</body></text></martif>",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="not expanded"):
        read_entries(tbx)


def test_validate_warns_about_uncategorized_imports(tmp_path):
    issues = validate([TERMBASES / "memoq_2008.tbx"], include_default=False)
    warned = [i.entry for i in issues if i.level == "warning" and "no category" in i.problem]
    assert warned == ["_sco", "taliban-2"]
    assert not [i for i in issues if i.level == "error"]


@pytest.mark.parametrize(
    ("tag", "slot"),
    [("fa-IR", "fa"), ("fa-AF", "prs"), ("ar-SA", "ar"), ("en-US", "en"), ("en-GB", "en"), ("ru", None)],
)
def test_language_tags_map(tag, slot):
    assert map_lang(tag) == slot


def test_tbx_2008_export_round_trips_and_is_valid(tmp_path):
    entries = list(load_glossary())
    text = get_format("tbx2008").write(entries)
    root = etree.fromstring(text.encode())
    assert root.tag == "martif" and root.find("text/body/termEntry/langSet/tig/term") is not None
    assert etree.DTD(str(SCHEMAS / "tbx2008_dragoman_subset.dtd")).validate(root)
    assert get_format("tbx").read(text, "x.tbx") == entries
    v3 = etree.fromstring(get_format("tbx").write(entries).encode())
    assert etree.DTD(str(SCHEMAS / "tbx3_dragoman_subset.dtd")).validate(v3)


SHEET = (
    "English,Persian,Dari,Arabic,Tajik,Note,Category\n"
    "Collective Security Treaty Organization,سازمان پیمان امنیت جمعی | سازمان معاهده امنیت جمعی,,"
    "منظمة معاهدة الأمن الجماعي,,post-Soviet alliance,Organizations\n"
    "Dushanbe,,دوشنبه,,,,place\n"
)


def check_sheet(entries):
    csto, dushanbe = entries
    assert csto.id == "collective_security_treaty_organization" and csto.category is Category.ORGANIZATION
    assert csto.variants == {
        "fa": ["سازمان پیمان امنیت جمعی", "سازمان معاهده امنیت جمعی"],
        "ar": ["منظمة معاهدة الأمن الجماعي"],
    }
    assert csto.note == "post-Soviet alliance"
    assert dushanbe.variants == {"fa": ["دوشنبه"]} and dushanbe.category is Category.PLACE


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_spreadsheet_csv_with_human_headers(tmp_path, encoding):
    path = tmp_path / "desk.csv"
    path.write_bytes(SHEET.encode(encoding))
    entries, report = read_with_report(path)
    check_sheet(entries)
    assert report.format == "CSV spreadsheet" and not report.warnings


@pytest.mark.parametrize(
    "header",
    [
        "English_United_States,Persian_Iran,Dari,Arabic_Saudi_Arabia,Tajik,English_United_States_Def,Category",
        "en-US,fa-IR,prs,ar-SA,tg,Comment,Type",
        "EN,Farsi,Dari,Arabic,Tajik,Notes,Category",
        "English,fa,fa-AF,ar,tg,Note,category",
    ],
)
def test_spreadsheet_headers_by_language_code_or_name(tmp_path, header):
    path = tmp_path / "desk.csv"
    path.write_text(header + "\n" + SHEET.split("\n", 1)[1], encoding="utf-8")
    check_sheet(read_entries(path))


def test_windows_1256_csv(tmp_path):
    # Windows-1256 has no Persian yeh/keheh: such files carry the Arabic letters, kept as written
    text = SHEET.replace("ی", "ي").replace("ک", "ك")
    (tmp_path / "utf8.csv").write_text(text, encoding="utf-8")
    (tmp_path / "win.csv").write_bytes(text.encode("cp1256"))
    entries, report = read_with_report(tmp_path / "win.csv")
    assert entries == read_entries(tmp_path / "utf8.csv") and entries[0].variants["ar"]
    assert report.mapped["decoded as Windows-1256 (not UTF-8)"] == 1


def test_semicolon_csv_and_columns_option(tmp_path):
    path = tmp_path / "desk.csv"
    path.write_text("Term EN;Term FA;Domain\nTaliban;طالبان;movement\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="no English column"):
        read_entries(path)
    from glossary.formats.sheet import parse_columns

    columns = parse_columns("Term EN=english, Term FA=fa, Domain=category")
    (taliban,) = read_with_report(path, columns=columns)[0]
    assert (taliban.english, taliban.variants, taliban.category) == (
        "Taliban",
        {"fa": ["طالبان"]},
        Category.MOVEMENT,
    )


def test_xlsx_glossary(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in SHEET.strip().split("\n"):
        sheet.append(row.split(","))
    sheet.append(['=HYPERLINK("x")', "", "", "", "", "", ""])  # a formula is never evaluated
    path = tmp_path / "desk.xlsx"
    book.save(path)
    entries, report = read_with_report(path)
    check_sheet(entries[:2])
    assert entries[2].english == '=HYPERLINK("x")' and report.format == "XLSX spreadsheet"


@pytest.mark.slow
def test_cli_import_reports_and_glossary_is_usable(tmp_path):
    proc = run("import", str(TERMBASES / "multiterm_2008.tbx"), "--file", "mine.tsv", cwd=tmp_path)
    assert "3 entries read (TBX 2008" in proc.stderr
    assert "dropped: 1 × terms in RU-RU" in proc.stderr and "mapped: 2 × id generated" in proc.stderr
    proc = run(
        "import", str(TERMBASES / "memoq_2008.tbx"), "--file", "mine.tsv", "--format", "json", cwd=tmp_path
    )
    report = json.loads(proc.stdout)
    assert report["entries"] == 2 and report["dropped"]['<termNote type="partOfSpeech">'] == 1
    assert (report["replaced"], report["overrides_default"]) == (0, 0)
    proc = run(
        "import",
        str(TERMBASES / "multiterm_2008.tbx"),
        "--file",
        "mine.tsv",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert json.loads(proc.stdout)["replaced"] == 3  # same file again: same generated ids, replaced in place
    listed = json.loads(
        run("list", "--no-default", "-g", "mine.tsv", "--format", "json", cwd=tmp_path).stdout
    )
    assert [e["id"] for e in listed["entries"]] == ["_1", "dushanbe", "hizb_ut_tahrir", "_sco", "taliban-2"]


def test_cli_spreadsheet_without_english_is_one_line_error(tmp_path):
    (tmp_path / "bad.csv").write_text("Persian,Note\nطالبان,x\n", encoding="utf-8")
    one_line_error(run("import", "bad.csv", cwd=tmp_path, ok=False), "bad.csv:1:1", "English")
    one_line_error(
        run("import", "bad.csv", "--columns", "Persian", cwd=tmp_path, ok=False), "--columns", "HEADER=FIELD"
    )


@pytest.mark.slow
def test_cli_export_tbx_2008(tmp_path):
    run("export", "--format", "tbx", "--tbx-version", "2008", "-o", "all.tbx", cwd=tmp_path)
    assert (tmp_path / "all.tbx").read_text(encoding="utf-8").count("<termEntry ") == len(load_glossary())
    run("import", "all.tbx", "--file", "copy.tsv", cwd=tmp_path)
    assert read_entries(Path(tmp_path / "copy.tsv")) == list(load_glossary())
    one_line_error(
        run("export", "--format", "tbx", "--tbx-version", "2", cwd=tmp_path, ok=False), "--tbx-version"
    )


def test_deeply_nested_tbx_is_refused_with_a_position(tmp_path):
    path = tmp_path / "deep.tbx"
    path.write_text("<martif>" + "<p>" * 200 + "</p>" * 200 + "</martif>", encoding="utf-8")
    with pytest.raises(GlossaryError, match="nested more than"):
        read_entries(path)


@pytest.mark.slow
def test_xlsx_export_round_trips_and_never_writes_a_formula(tmp_path):
    import zipfile

    (tmp_path / "mine.csv").write_text(
        'English,Persian,Note,Category\nTaliban,طالبان,"=HYPERLINK(""http://x"",""y"")",movement\n',
        encoding="utf-8",
    )
    run("import", "mine.csv", "--file", "mine.tsv", cwd=tmp_path)
    run("export", "--format", "xlsx", "-g", "mine.tsv", "-o", "all.xlsx", cwd=tmp_path)
    assert read_entries(tmp_path / "all.xlsx") == list(load_glossary([tmp_path / "mine.tsv"]))
    with zipfile.ZipFile(tmp_path / "all.xlsx") as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and all(b"<f>" not in book.read(n) for n in sheets)
    one_line_error(run("export", "--format", "xlsx", cwd=tmp_path, ok=False), "-o")
