"""Loading and layering glossaries, and safe concurrent edits of a user file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from glossary.entry import TSV_COLUMNS, Category, Entry
from glossary.formats import get_format
from glossary.store import default_path, load_glossary, read_entries, update_file, upsert
from translate.errors import GlossaryError

HEADER = "\t".join(TSV_COLUMNS)


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _row(eid: str, english: str, fa: str, category: str = "organization") -> str:
    return "\t".join([eid, english, "", "full", category, fa, "", "", "", "", "", "", ""])


def test_default_glossary_loads_with_its_entries():
    glossary = load_glossary()
    assert len(glossary) >= 100
    assert glossary.get("csto").english == "Collective Security Treaty Organization"
    assert glossary.required_english("csto", True) == "Collective Security Treaty Organization (CSTO)"
    assert glossary.required_english("csto", False) == "CSTO"
    assert glossary.label.startswith("default@")


def test_user_file_overrides_by_id_and_adds(tmp_path):
    user = _write(
        tmp_path / "user.tsv",
        [_row("nato", "North Atlantic Treaty Organization", "ناتو"), _row("acme", "Acme Group", "گروه آکمه")],
    )
    base = load_glossary()
    layered = load_glossary([str(user)])
    assert layered.get("nato").english == "North Atlantic Treaty Organization"
    assert list(layered.entries).index("nato") == list(base.entries).index("nato")  # position kept
    assert layered.get("acme") is not None and len(layered) == len(base) + 1
    assert layered.hash != base.hash and layered.origin["acme"] == str(user)
    hits = layered.match("گروه آکمه و ناتو", "fa")
    assert [h.entry for h in hits] == ["acme", "nato"]
    assert [h.target for h in hits] == ["Acme Group", "North Atlantic Treaty Organization"]


def test_later_user_file_wins(tmp_path):
    a = _write(tmp_path / "a.tsv", [_row("acme", "Acme A", "آکمه")])
    b = _write(tmp_path / "b.tsv", [_row("acme", "Acme B", "آکمه")])
    assert load_glossary([str(a), str(b)], include_default=False).get("acme").english == "Acme B"
    assert load_glossary([str(b), str(a)], include_default=False).get("acme").english == "Acme A"
    assert len(load_glossary([str(a)], include_default=False)) == 1


def test_hash_depends_on_content_not_file(tmp_path):
    a = _write(tmp_path / "a.tsv", [_row("acme", "Acme", "آکمه")])
    b = _write(tmp_path / "b.tsv", [_row("acme", "Acme", "آکمه")])
    c = _write(tmp_path / "c.tsv", [_row("acme", "Acme Corp", "آکمه")])
    load = lambda p: load_glossary([str(p)], include_default=False)  # noqa: E731
    assert load(a).hash == load(b).hash != load(c).hash


def test_duplicate_id_in_one_file_is_an_error(tmp_path):
    path = _write(tmp_path / "dup.tsv", [_row("acme", "Acme", "آکمه"), _row("acme", "Acme 2", "آکمه۲")])
    with pytest.raises(GlossaryError, match="duplicate id 'acme'"):
        read_entries(path)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(GlossaryError, match="not found"):
        load_glossary([str(tmp_path / "nope.tsv")])


def test_default_glossary_is_never_written():
    with pytest.raises(GlossaryError, match="read-only"):
        update_file(default_path(), lambda entries: entries)


def test_update_writes_atomically_and_stably(tmp_path):
    path = tmp_path / "user.tsv"
    entry = Entry(id="acme", english="Acme", category=Category.ORGANIZATION, variants={"fa": ["آکمه"]})
    update_file(path, lambda entries: upsert(entries, entry))
    first = path.read_bytes()
    update_file(path, lambda entries: entries)  # unchanged rewrite
    assert path.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["user.tsv"]
    assert get_format("tsv").read(first.decode(), "user.tsv")[0] == entry


def test_tbx_user_file_is_edited_as_tbx(tmp_path):
    path = tmp_path / "user.tbx"
    entry = Entry(id="acme", english="Acme", category=Category.ORGANIZATION, variants={"ar": ["أكمي"]})
    update_file(path, lambda entries: upsert(entries, entry))
    assert path.read_text(encoding="utf-8").startswith("<?xml")
    assert read_entries(path) == [entry]


ADDER = textwrap.dedent(
    """
    import sys
    from glossary.entry import Category, Entry
    from glossary.store import update_file, upsert
    path, tag = sys.argv[1], sys.argv[2]
    for k in range(20):
        entry = Entry(id=f"{tag}_{k}", english=f"{tag} {k}", category=Category.ORGANIZATION,
                      variants={"fa": [f"نام {tag} {k}"]})
        update_file(path, lambda entries, e=entry: upsert(entries, e))
    """
)


def test_two_processes_adding_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.tsv"
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(path), tag]) for tag in ("alpha", "beta")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    ids = [e.id for e in read_entries(path)]
    assert sorted(ids) == sorted([f"alpha_{k}" for k in range(20)] + [f"beta_{k}" for k in range(20)])
