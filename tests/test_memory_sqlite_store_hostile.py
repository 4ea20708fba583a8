"""A translation memory that breaks during a run (issue 15, D7): a damaged file or a full disk
never costs the translation; the memory is best-effort with one warning, and whole-memory commands
(``tm stats``/``tm export``) give one line naming the file."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DRAGOMAN, SEEDS_DIR

from translate.backends.base import DecodeOptions
from translate.errors import DragomanError
from translate.memory import TranslationMemory
from translate.pipeline.batch import RunSettings, translate_paths

SEED = SEEDS_DIR / "003_713b0ff946733b37.txt"
OTHER = SEEDS_DIR / "000_2940354c2d2d1c97.txt"
SETTINGS = RunSettings(model="nllb-600m", options=DecodeOptions(beam_size=1, max_length_ratio=0.1))


def _damage_data_pages(path: Path) -> None:
    """Overwrite the pages of the ``segments`` table and its indexes with garbage; the header, the
    schema and ``dragoman_meta`` stay intact, so the file opens and fails at the first entry read."""
    import sqlite3

    db = sqlite3.connect(path)
    (page_size,) = db.execute("PRAGMA page_size").fetchone()
    roots = [r for (r,) in db.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'segments'")]
    db.close()
    data = bytearray(path.read_bytes())
    for root in roots:
        start = (root - 1) * page_size
        data[start : start + page_size] = bytes([0xAB]) * page_size
    path.write_bytes(bytes(data))


def test_damaged_memory_still_writes_the_translation(fake_hf_cache, tmp_path):
    shutil.copy(SEED, tmp_path / "a.txt")
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        translate_paths([tmp_path / "a.txt"], f"{tmp_path}/out/", "text", SETTINGS, cache=memory, quiet=True)
        assert len(memory) > 10
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:  # fold the WAL into the main file
        memory._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_data_pages(tmp_path / "tm.sqlite")
    shutil.copy(OTHER, tmp_path / "b.txt")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(
        [DRAGOMAN, "translate", "b.txt", "-o", "b.en.txt", "--tm", "tm.sqlite", "-q", "--beam", "1",
         "--max-length-ratio", "0.1"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and warnings[0].startswith("dragoman: warning: tm.sqlite: ")
    assert (tmp_path / "b.en.txt").read_text(encoding="utf-8").count("\n") == OTHER.read_text(
        encoding="utf-8"
    ).count("\n")
    for command in (["tm", "stats", "tm.sqlite"], ["tm", "export", "tm.sqlite"]):
        proc = subprocess.run([DRAGOMAN, *command], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert proc.stderr.strip().splitlines() == [
            "dragoman: error: tm.sqlite: unusable translation memory (database disk image is malformed)"
        ]


def test_full_disk_at_the_memory_write_keeps_the_translation(fake_hf_cache, tmp_path):
    """SQLite's own limit (``max_page_count``) gives the same SQLITE_FULL error as a full disk."""
    shutil.copy(SEED, tmp_path / "a.txt")
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        (pages,) = memory._db.execute("PRAGMA page_count").fetchone()
        memory._db.execute(f"PRAGMA max_page_count = {pages}")
        result = translate_paths(
            [tmp_path / "a.txt"], f"{tmp_path}/out/", "jsonl", SETTINGS, cache=memory, quiet=True
        )
        assert [r.status for r in result.results] == ["written"]
        assert "full" in memory.problem and "translations are still written" in memory.problem
    assert (tmp_path / "out" / "a.jsonl").stat().st_size > 1000


def test_whole_memory_reads_on_a_damaged_file_are_one_error(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        for n in range(400):
            memory.add_human("fa", f"جمله شماره {n} " * 5, f"sentence {n}")
        memory._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_data_pages(tmp_path / "tm.sqlite")
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        for read in (memory.entries, memory.stats, memory.__len__):
            with pytest.raises(DragomanError, match="unusable translation memory"):
                read()


def test_tm_import_of_dragomans_own_tmx_stores_no_machine_output_as_human(fake_hf_cache, tmp_path):
    """Scope 3: ``tm export`` and ``review --format tmx`` write model output; importing either adds
    no human entry (told apart by ``x-dragoman-origin`` and the header's creation tool); a human
    unit exported by Dragoman, and any other tool's TMX, still import."""
    from translate.memory import export_tmx, import_tmx, read_tmx_units
    from translate.records import read_records
    from translate.review import write_review

    shutil.copy(SEED, tmp_path / "a.txt")
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        translate_paths([tmp_path / "a.txt"], f"{tmp_path}/out/", "jsonl", SETTINGS, cache=memory, quiet=True)
        memory.add_human("fa", "یک جمله", "One sentence.")
        (tmp_path / "export.tmx").write_text(export_tmx(memory.entries()), encoding="utf-8")
        machine_entries = len(memory) - 1
    write_review(read_records(tmp_path / "out" / "a.jsonl"), tmp_path / "review.tmx", fmt="tmx")
    pairs, machine = read_tmx_units(tmp_path / "export.tmx")
    assert [(p.source, p.target) for p in pairs] == [("یک جمله", "One sentence.")]
    assert machine == machine_entries > 10
    with TranslationMemory(tmp_path / "fresh.sqlite") as fresh:
        assert import_tmx(fresh, tmp_path / "export.tmx") == (1, 0)
        with pytest.raises(DragomanError, match="machine output"):
            import_tmx(fresh, tmp_path / "review.tmx")
        assert {e.origin for e in fresh.entries()} == {"human"} and len(fresh) == 1
