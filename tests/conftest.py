"""Shared fixtures: the repository layout and the seed articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch

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
