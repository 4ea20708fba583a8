"""Shared fixtures and constants: the repository layout, the seed articles, the installed console
script and its one-line errors, and the headless browser.

Fixtures for the tiny models and the fake Hugging Face cache live in ``tests/tiny_models.py`` (loaded
as a plugin below); hand-built documents, review records, term fixtures and the serve helpers have
their own modules beside this one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Every process the tests start (the console script, ``dragoman serve``, Ray workers) inherits this: the
# tiny models run fastest on one thread, and with one worker per core (pytest-xdist) more threads only
# fight each other (a seed run took twice the CPU time with the default threads on 2 busy cores).
# Set before torch is imported so this process uses it too.
os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch
from review_records import records_by_language

from translate.records import SegmentRecord

# Tiny models are faster on one thread, and the machine has only two cores for the whole suite.
torch.set_num_threads(1)

pytest_plugins = ["tiny_models"]
REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))
SEED_LANGS = {
    "000_2940354c2d2d1c97": "fa",
    "001_392199c645f46ff0": "fa",
    "002_90c2a75fab52158d": "fa",
    "003_713b0ff946733b37": "fa",
    "004_6dfbaefa9a0405cb": "ar",
}
HOSTILE = REPO / "tests" / "data" / "hostile.txt"
# the console script installed beside the interpreter running the tests (CI does not put .venv/bin on PATH)
_BESIDE = Path(sys.executable).with_name("dragoman")
DRAGOMAN = str(_BESIDE) if _BESIDE.exists() else shutil.which("dragoman") or "dragoman"
# greedy and short: the tiny models' gibberish is cheap
FAST = ["--beam", "1", "--max-length-ratio", "0.1"]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def seed_file(stem: str) -> Path:
    """The seed article whose file name starts with ``stem`` (``"003"``)."""
    return next(SEEDS_DIR.glob(f"{stem}_*.txt"))


def run_glossary(*args: str, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    """``dragoman glossary ARGS`` in ``cwd``; with ``ok`` it must succeed."""
    proc = subprocess.run([DRAGOMAN, "glossary", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


def one_line_error(proc: subprocess.CompletedProcess, *words: str) -> str:
    """Assert ``proc`` failed the way every bad input must: exit status 2, no traceback, exactly one
    ``dragoman: error: ...`` line on stderr containing each of ``words``; return that line."""
    err = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else proc.stderr
    assert proc.returncode == 2, err
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("dragoman: error: "), err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# A test that needs a tiny model (directly or through the fake HF cache, ``hf_env`` or a fixture built on
# them) or a browser is slow: building the models alone takes seconds, and every command on them starts
# torch. Such tests are marked ``slow`` here, so ``pytest -m "not slow"`` never builds a model; other
# slow tests, and those that fetch a model fixture with ``request.getfixturevalue``, carry the mark
# themselves.
SLOW_FIXTURES = frozenset({"tiny_nllb_dir", "tiny_marian_dir", "browser"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def _log_file_in_tmp(tmp_path_factory: pytest.TempPathFactory):
    """Commands the tests run log library warnings into a temporary file, never into the home folder."""
    previous = os.environ.get("DRAGOMAN_LOG_FILE")
    os.environ["DRAGOMAN_LOG_FILE"] = str(tmp_path_factory.mktemp("log") / "dragoman.log")
    yield
    if previous is None:
        os.environ.pop("DRAGOMAN_LOG_FILE", None)
    else:
        os.environ["DRAGOMAN_LOG_FILE"] = previous


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The five seed articles."""
    assert len(SEED_FILES) == 5
    return SEED_FILES


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless system Chromium through playwright, one per test module (skipped where missing)."""
    if not CHROMIUM.exists():
        pytest.skip("no system Chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def by_lang() -> dict[str, list[SegmentRecord]]:
    """Review records of the seeds by source language; the hostile file's records count as Persian."""
    return records_by_language(SEED_FILES, SEED_LANGS, HOSTILE)
