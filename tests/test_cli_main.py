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
