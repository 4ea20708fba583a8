"""``dragoman glossary …`` through the installed console script: editing, formats, matching, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS_DIR, one_line_error
from conftest import run_glossary as run

from glossary.entry import TSV_COLUMNS

ARABIC_SEED = SEEDS_DIR / "004_6dfbaefa9a0405cb.txt"


@pytest.mark.slow
def test_add_show_edit_remove_in_default_user_file(tmp_path):
    run(
        "add",
        "Acme Group",
        "--fa",
        "گروه آکمه",
        "--ar",
        "مجموعة أكمي",
        "--category",
        "organization",
        "--short",
        "AG",
        "--unapproved",
        "Acme Band",
        cwd=tmp_path,
    )
    assert (tmp_path / "glossary.tsv").exists()
    shown = json.loads(
        run("show", "acme_group", "--glossary", "glossary.tsv", "--format", "json", cwd=tmp_path).stdout
    )
    assert shown["english"] == "Acme Group" and shown["first_mention"] == "full_then_short"
    assert shown["fa"] == ["گروه آکمه"] and shown["unapproved"] == ["Acme Band"]
    run(
        "edit",
        "acme_group",
        "--english",
        "Acme Collective",
        "--fa",
        "گروه آکمه",
        "--fa",
        "جمعیت آکمه",
        cwd=tmp_path,
    )
    shown = json.loads(
        run("show", "acme_group", "-g", "glossary.tsv", "--format", "json", cwd=tmp_path).stdout
    )
    assert shown["english"] == "Acme Collective" and shown["fa"] == ["گروه آکمه", "جمعیت آکمه"]
    assert shown["ar"] == ["مجموعة أكمي"]  # untouched fields stay
    dup = run(
        "add",
        "Acme Collective",
        "--id",
        "acme_group",
        "--fa",
        "آکمه",
        "--category",
        "organization",
        cwd=tmp_path,
        ok=False,
    )
    one_line_error(dup, "already exists")
    run("remove", "acme_group", cwd=tmp_path)
    listed = json.loads(
        run("list", "--no-default", "-g", "glossary.tsv", "--format", "json", cwd=tmp_path).stdout
    )
    assert listed["entries"] == []


def test_edit_of_default_entry_goes_to_user_file(tmp_path):
    run("edit", "nato", "--note", "house note", "--file", "mine.tsv", cwd=tmp_path)
    text = (tmp_path / "mine.tsv").read_text(encoding="utf-8")
    assert text.count("\n") == 2 and "\thouse note\t" in text
    shown = json.loads(run("show", "nato", "-g", "mine.tsv", "--format", "json", cwd=tmp_path).stdout)
    assert shown["note"] == "house note" and shown["english"] == "NATO" and shown["file"] == "mine.tsv"


def test_list_filters_by_category(tmp_path):
    records = [
        json.loads(x)
        for x in run("list", "--category", "title", "--format", "jsonl", cwd=tmp_path).stdout.splitlines()
    ]
    assert records and {r["category"] for r in records} == {"title"}
    assert "secretary_general" in {r["id"] for r in records}


def test_malformed_tsv_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.tsv"
    header = "\t".join(TSV_COLUMNS)
    bad.write_text(f"{header}\nacme\tAcme\t\tfull\tcompany\tآکمه\t\t\t\t\t\t\t\n", encoding="utf-8")
    one_line_error(run("list", "-g", str(bad), cwd=tmp_path, ok=False), "bad.tsv:2:", "unknown category")


def test_malformed_tbx_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text(
        '<tbx type="TBX-Basic">\n<text><body>\n<conceptEntry id="a">\n</text></tbx>\n', encoding="utf-8"
    )
    one_line_error(
        run("match", str(ARABIC_SEED), "-g", str(bad), cwd=tmp_path, ok=False), "bad.tbx:4:", "XML"
    )
    one_line_error(run("import", str(bad), "--from", "tbx", cwd=tmp_path, ok=False), "bad.tbx:4:")
    assert not (tmp_path / "glossary.tsv").exists()


@pytest.mark.slow
def test_export_tbx_then_import_reproduces_the_glossary(tmp_path):
    run("export", "--format", "tbx", "-o", "all.tbx", cwd=tmp_path)
    run("import", "all.tbx", "--from", "tbx", "--file", "copy.tsv", cwd=tmp_path)
    from glossary.formats.tsv import TsvFormat
    from glossary.store import load_glossary

    # the glossary in force: default.tsv with the extra forms of variants.tsv
    assert (tmp_path / "copy.tsv").read_text(encoding="utf-8") == TsvFormat().write(list(load_glossary()))
    csv_text = run("export", "--format", "csv", cwd=tmp_path).stdout
    assert csv_text.splitlines()[0].startswith("\ufeffid,english,short")  # BOM: Excel reads UTF-8


def test_match_jsonl_records_point_into_the_original(tmp_path):
    text = ARABIC_SEED.read_text(encoding="utf-8")
    records = [
        json.loads(x)
        for x in run("match", str(ARABIC_SEED), "--format", "jsonl", cwd=tmp_path).stdout.splitlines()
    ]
    assert len(records) >= 20
    for r in records:
        assert {"start", "end", "text", "entry", "target", "lang", "confidence", "review"} <= set(r)
        assert text[r["start"] : r["end"]] == r["text"] and r["lang"] == "ar"
    assert any(r["entry"] == "csto" and r["text"] == 'منظمة "معاهدة الأمن الجماعي' for r in records)


def test_match_uses_user_glossary(tmp_path):
    (tmp_path / "in.txt").write_text("گروه آکمه در دوشنبه", encoding="utf-8")
    run("add", "Acme", "--fa", "گروه آکمه", "--category", "organization", cwd=tmp_path)
    out = json.loads(run("match", "in.txt", "-g", "glossary.tsv", "--format", "json", cwd=tmp_path).stdout)
    assert out["lang"] == "fa" and [h["entry"] for h in out["hits"]] == ["acme", "dushanbe"]


@pytest.mark.slow
def test_validate_exit_status(tmp_path):
    assert "0 errors" in run("validate", cwd=tmp_path).stderr
    run("add", "NATO Two", "--fa", "ناتو", "--category", "organization", cwd=tmp_path)
    proc = run("validate", "-g", "glossary.tsv", "--format", "json", cwd=tmp_path, ok=False)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["errors"] == 1 and "ناتو" in report["issues"][0]["problem"]


def test_candidates_and_stats(tmp_path):
    seeds = [str(p) for p in sorted(SEEDS_DIR.glob("*.txt"))]
    found = json.loads(run("candidates", *seeds, "--format", "json", "--limit", "0", cwd=tmp_path).stdout)[
        "candidates"
    ]
    assert found and all(c["count"] >= 2 for c in found)
    texts = {c["text"] for c in found}
    assert "سازمان پیمان امنیت جمعی" not in texts  # covered by the CSTO entry
    occ = found[0]["occurrences"][0]
    assert Path(occ["file"]).read_text(encoding="utf-8")[occ["start"] : occ["end"]] == found[0]["text"]
    stats = json.loads(run("stats", "--format", "json", cwd=tmp_path).stdout)
    assert stats["entries"] == sum(stats["categories"].values()) >= 100
    assert "dushanbe" in stats["ambiguous"]
