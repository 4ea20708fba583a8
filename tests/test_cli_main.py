"""The installed console script runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def _dragoman() -> list[str]:
    exe = Path(sys.executable).with_name("dragoman")
    return [str(exe)] if exe.exists() else [shutil.which("dragoman") or "dragoman"]


def test_version_from_console_script() -> None:
    out = subprocess.run([*_dragoman(), "version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0.1.0"


def test_unknown_command_is_a_usage_error() -> None:
    out = subprocess.run([*_dragoman(), "no-such-command"], capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_a_closed_pipe_ends_any_command_quietly_with_status_141() -> None:
    """`dragoman glossary match ... | head` on a real seed: the reader leaves early, as SIGPIPE would."""
    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_2940354c2d2d1c97.txt"
    for command in (
        ["glossary", "match", "--format", "jsonl", str(seed)],
        ["glossary", "list", "--format", "jsonl"],
    ):
        proc = subprocess.Popen([*_dragoman(), *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100)
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 141, (command, stderr)
        assert "error" not in stderr and "Traceback" not in stderr, command
