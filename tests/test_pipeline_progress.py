"""Progress on stderr: drawn for a terminal (documents, segments per second, time left), never with
``--quiet``, never when stderr is not a terminal, and never inside ``--format json`` output."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DRAGOMAN

REPO = Path(__file__).resolve().parent.parent


def _run_in_terminal(env: dict[str, str], args: list[str]) -> tuple[int, str, str]:
    """Run dragoman with stderr on a pseudo-terminal; (exit status, stdout, what the terminal saw)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [DRAGOMAN, *args],
        env={**env, "TERM": "xterm", "COLUMNS": "120"},
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    seen = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    stdout = process.stdout.read().decode() if process.stdout else ""
    code = process.wait(timeout=900)
    os.close(master)
    return code, stdout, seen.decode(errors="replace")


@pytest.fixture(scope="module")
def testset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-article test set: seed 003 and its reference."""
    folder = tmp_path_factory.mktemp("testset")
    shutil.copy(REPO / "seeds" / "003_713b0ff946733b37.txt", folder)
    (folder / "reference").mkdir()
    shutil.copy(REPO / "seeds" / "reference" / "003.jsonl", folder / "reference")
    return folder


def test_evaluate_testset_shows_progress_on_a_terminal(hf_env: dict[str, str], testset: Path) -> None:
    args = ["evaluate", "--testset", str(testset), "--beam", "1", "--max-length-ratio", "0.1"]
    args += ["--format", "json"]
    code, stdout, terminal = _run_in_terminal(hf_env, args)
    assert code == 0, terminal
    assert "segments" in terminal and "seg/s" in terminal
    assert stdout.lstrip().startswith("{") and "seg/s" not in stdout  # JSON is never mixed with it
    code, stdout, terminal = _run_in_terminal(hf_env, [*args, "--quiet"])
    assert code == 0 and "seg/s" not in terminal and "segments" not in terminal


def test_translate_progress_only_for_a_terminal(hf_env: dict[str, str], tmp_path: Path) -> None:
    source = REPO / "seeds" / "003_713b0ff946733b37.txt"
    args = ["translate", str(source), "-o", str(tmp_path / "out/"), "--beam", "1"]
    args += ["--max-length-ratio", "0.1"]
    code, _, terminal = _run_in_terminal(hf_env, args)
    assert code == 0, terminal
    assert "documents" in terminal and "seg/s" in terminal
    piped = subprocess.run([DRAGOMAN, *args, "--force"], env=hf_env, capture_output=True, timeout=900)
    assert piped.returncode == 0 and b"seg/s" not in piped.stderr
