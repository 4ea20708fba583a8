"""The installed console script runs."""

from __future__ import annotations

import subprocess

from conftest import DRAGOMAN


def test_version_from_console_script() -> None:
    out = subprocess.run([DRAGOMAN, "version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0.1.0"


def test_unknown_command_is_a_usage_error() -> None:
    out = subprocess.run([DRAGOMAN, "no-such-command"], capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
