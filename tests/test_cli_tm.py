"""``dragoman translate --tm`` and ``dragoman tm stats|export|import`` through the console script.

Real tiny NLLB model, the seed articles; a run killed with SIGKILL resumes from the memory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from conftest import DRAGOMAN
from lxml import etree

DTD = Path(__file__).parent / "schemas" / "tmx14.dtd"
FAST = ["--beam", "1", "--max-length-ratio", "0.1", "--batch-size", "1", "-s", "fa"]
SUMMARY = re.compile(r"memory .*: (\d+) hits, (\d+) translated, (\d+) stored")


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    """The two shortest Persian seeds."""
    root = tmp_path_factory.mktemp("inputs")
    for path in sorted(seed_paths[:4], key=lambda p: p.stat().st_size)[:2]:
        shutil.copy(path, root / path.name)
    return root


def dragoman(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([DRAGOMAN, *args], env=env, capture_output=True, timeout=600)
    return subprocess.CompletedProcess(
        out.args, out.returncode, out.stdout.decode("utf-8"), out.stderr.decode("utf-8")
    )


def _counts(stderr: str) -> tuple[int, int, int]:
    match = SUMMARY.search(stderr)
    assert match, stderr
    hits, translated, stored = (int(x) for x in match.groups())
    return hits, translated, stored


def _entries(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT COUNT(*) FROM segments").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory, env, folder: Path, tiny_nllb_dir: Path):
    """One uninterrupted run: (output folder, memory file, counts)."""
    root = tmp_path_factory.mktemp("clean")
    tm = root / "tm.sqlite"
    result = dragoman(
        env,
        "translate",
        str(folder),
        "-o",
        str(root / "out"),
        "--tm",
        str(tm),
        "-m",
        str(tiny_nllb_dir),
        *FAST,
    )
    assert result.returncode == 0, result.stderr
    return root / "out", tm, _counts(result.stderr)


def test_second_run_is_all_memory_hits(
    tmp_path: Path, env, folder: Path, tiny_nllb_dir: Path, clean_run
) -> None:
    out, tm, (hits, translated, stored) = clean_run
    assert stored == _entries(tm) > 0
    assert translated >= stored  # repeats inside one document are sent together
    again = dragoman(
        env,
        "translate",
        str(folder),
        "-o",
        str(tmp_path / "out"),
        "--tm",
        str(tm),
        "-m",
        str(tiny_nllb_dir),
        *FAST,
    )
    assert again.returncode == 0, again.stderr
    hits2, translated2, stored2 = _counts(again.stderr)
    assert (translated2, stored2) == (0, 0)
    assert hits2 == hits + translated
    for path in sorted(out.iterdir()):
        assert (tmp_path / "out" / path.name).read_bytes() == path.read_bytes()


@pytest.mark.slow
def test_resume_after_sigkill_translates_only_the_missing_segments(
    tmp_path: Path, env, folder: Path, tiny_nllb_dir: Path, clean_run
) -> None:
    clean_out, clean_tm, _ = clean_run
    total = _entries(clean_tm)
    tm, out = tmp_path / "tm.sqlite", tmp_path / "out"
    args = ["translate", str(folder), "-o", str(out), "--tm", str(tm), "-m", str(tiny_nllb_dir), *FAST]
    proc = subprocess.Popen([DRAGOMAN, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while _entries(tm) < total // 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    kept = _entries(tm)
    assert 0 < kept < total
    for path in out.glob("[!.]*"):  # no half-written output: what a reader sees is complete
        assert path.read_bytes() == (clean_out / path.name).read_bytes(), path.name
    rerun = dragoman(env, *args)
    assert rerun.returncode == 0, rerun.stderr
    assert not list(out.glob(".*.tmp"))  # the killed run's hidden temporary (a streamed output) is gone
    _hits, _translated, stored = _counts(rerun.stderr)
    assert stored == total - kept  # nothing translated twice, nothing lost
    assert _entries(tm) == total
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in clean_out.iterdir())
    for path in sorted(clean_out.iterdir()):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_tm_stats_json_and_text(env, clean_run) -> None:
    _out, tm, (_hits, _translated, stored) = clean_run
    result = dragoman(env, "tm", "stats", str(tm), "--format", "json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["entries"] == stored
    assert stats["size_bytes"] > 0
    assert sum(g["entries"] for g in stats["groups"]) == stored
    assert {g["source_lang"] for g in stats["groups"]} == {"fa"}
    text = dragoman(env, "tm", "stats", str(tm))
    assert f"{stored} entries" in text.stdout


def test_tm_export_tmx_validates_against_the_dtd(tmp_path: Path, env, clean_run) -> None:
    _out, tm, (_h, _t, stored) = clean_run
    target = tmp_path / "desk.tmx"
    result = dragoman(env, "tm", "export", str(tm), "--format", "tmx", "-o", str(target))
    assert result.returncode == 0, result.stderr
    doc = etree.parse(str(target), etree.XMLParser(resolve_entities=False, no_network=True))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    assert len(doc.findall("body/tu")) == stored
    jsonl = dragoman(env, "tm", "export", str(tm), "--format", "jsonl")
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(rows) == stored and all(r["origin"] == "machine" for r in rows)


@pytest.mark.slow
def test_tm_import_makes_human_entries_that_translate_uses(
    tmp_path: Path, env, folder: Path, tiny_nllb_dir: Path, clean_run
) -> None:
    _out, tm, _ = clean_run
    exported = tmp_path / "desk.tmx"
    assert dragoman(env, "tm", "export", str(tm), "-o", str(exported)).returncode == 0
    human = tmp_path / "human.tm.sqlite"
    machine = dragoman(env, "tm", "import", str(exported), "--into", str(human), "--format", "json")
    assert machine.returncode == 2 and "machine output" in machine.stderr  # never imported as human
    # a reviewer who checked every unit marks it human (as a CAT tool's confirmed status would)
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace(">machine</prop>", ">human</prop>"), encoding="utf-8")
    result = dragoman(env, "tm", "import", str(exported), "--into", str(human), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["added"] == _entries(tm) and report["replaced"] == 0
    # a different decoding setting would miss machine entries; human entries still match
    run = dragoman(
        env, "translate", str(folder), "-o", str(tmp_path / "out"), "--tm", str(human),
        "-m", str(tiny_nllb_dir), *FAST, "--max-length-ratio", "0.2",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    hits, translated, _stored = _counts(run.stderr)
    assert translated == 0 and hits > 0


@pytest.mark.parametrize("command", [["tm", "stats"], ["tm", "export"]])
def test_corrupt_memory_is_a_one_line_error(tmp_path: Path, env, command: list[str]) -> None:
    bogus = tmp_path / "desk.tm.sqlite"
    bogus.write_bytes(b"PK\x03\x04 a zip file, not sqlite")
    result = dragoman(env, *command, str(bogus))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "not an SQLite database" in result.stderr and str(bogus) in result.stderr
    assert "Traceback" not in result.stderr


def test_translate_with_corrupt_memory_is_a_one_line_error(tmp_path: Path, env, folder: Path) -> None:
    bogus = tmp_path / "desk.tm.sqlite"
    bogus.write_text("hello", encoding="utf-8")
    result = dragoman(env, "translate", str(folder), "-o", str(tmp_path / "out"), "--tm", str(bogus))
    assert result.returncode == 2
    assert "not an SQLite database" in result.stderr and "Traceback" not in result.stderr


def test_missing_memory_for_stats_is_a_one_line_error(tmp_path: Path, env) -> None:
    result = dragoman(env, "tm", "stats", str(tmp_path / "absent.sqlite"))
    assert result.returncode == 2 and "not found" in result.stderr
