"""Library warnings stay off the command's stderr: they go to the log file, and to stderr with --verbose.

stderr is for Dragoman's own lines; a deprecation notice from torch or transformers on every
``translate`` is noise to an analyst and broke scripts that read stderr.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import DRAGOMAN, FAST

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_713b0ff946733b37.txt"

# A library warns through both channels it has: Python's warnings module and its logger.
LIBRARY_NOISE = """
import logging, sys, warnings
from pathlib import Path
from translate.cli.logs import configure_logging
configure_logging(verbose=sys.argv[1] == "verbose", log_file=Path(sys.argv[2]))
warnings.warn_explicit(
    "`old_name` is deprecated", FutureWarning, "transformers/x.py", 1, module="transformers.x"
)
logging.getLogger("transformers.generation").warning("generation config chatter")
print("dragoman: 1 term missed", file=sys.stderr)
"""


def _run_noise(mode: str, log_file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LIBRARY_NOISE, mode, str(log_file)], capture_output=True, text=True, timeout=60
    )


def test_library_warnings_go_to_the_log_file_not_stderr(tmp_path: Path) -> None:
    log = tmp_path / "state" / "dragoman.log"
    result = _run_noise("quiet", log)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "dragoman: 1 term missed\n"  # Dragoman's own line still shows
    logged = log.read_text(encoding="utf-8")
    assert "FutureWarning: `old_name` is deprecated" in logged
    assert "generation config chatter" in logged


def test_verbose_shows_library_warnings_on_stderr(tmp_path: Path) -> None:
    result = _run_noise("verbose", tmp_path / "dragoman.log")
    assert "`old_name` is deprecated" in result.stderr
    assert "generation config chatter" in result.stderr
    assert "dragoman: 1 term missed" in result.stderr


def test_an_unwritable_log_file_is_skipped_silently(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = _run_noise("quiet", blocker / "sub" / "dragoman.log")  # its folder cannot be made
    assert result.returncode == 0
    assert result.stderr == "dragoman: 1 term missed\n"


def test_translate_on_a_seed_prints_no_python_warning(
    hf_env: dict[str, str],
    tmp_path: Path,
) -> None:
    """The real command on a real seed, every warning enabled: none in the log, none with --verbose."""
    log = tmp_path / "dragoman.log"
    env = dict(hf_env, DRAGOMAN_LOG_FILE=str(log), PYTHONWARNINGS="always")
    for verbose in ([], ["--verbose"]):
        result = subprocess.run(
            [DRAGOMAN, *verbose, "translate", str(SEED), "--quiet", *FAST],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        assert "Warning" not in result.stderr and "deprecated" not in result.stderr, result.stderr
        assert result.stdout.strip()
        if not verbose:
            assert result.stderr == ""
            assert not log.exists() or "Warning" not in log.read_text(encoding="utf-8")
