"""``dragoman evaluate --testset``: translate a test set with a tiny model (real code path), then score it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import seed_file
from tiny_models import MARIAN_HUB_ID, NLLB_HUB_ID, install_fake_hf_cache

REPO = Path(__file__).resolve().parent.parent
FAST = ["--model", "nllb-600m", "--beam", "1", "--max-length-ratio", "0.3", "--format", "json"]


# two Persian articles and the Arabic one: 54 of the 309 reference sentences
SMALL = ("001", "003", "004")


@pytest.fixture(scope="module")
def small_testset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three seed articles with their references, for the engine variant (the plumbing of its settings)."""
    folder = tmp_path_factory.mktemp("testset")
    (folder / "reference").mkdir()
    for stem in SMALL:
        shutil.copy(seed_file(stem), folder)
        shutil.copy(REPO / "seeds" / "reference" / f"{stem}.jsonl", folder / "reference")
    return folder


@pytest.mark.parametrize(
    "engine", [[], ["--precision", "int8", "--english-vocab"]], ids=["float32", "int8-en"]
)
def test_testset_is_translated_and_scored_with_terminology(
    tmp_path: Path, tiny_nllb_dir, tiny_marian_dir, small_testset: Path, engine: list[str]
) -> None:
    # the whole seed test set once; the int8 + English-vocabulary variant on three of its articles
    testset = small_testset if engine else REPO / "seeds"
    hf = tmp_path / "hf"
    install_fake_hf_cache(hf / "hub", NLLB_HUB_ID, tiny_nllb_dir)
    install_fake_hf_cache(hf / "hub", MARIAN_HUB_ID, tiny_marian_dir)
    env = {
        "HF_HOME": str(hf),
        "HF_HUB_CACHE": str(hf / "hub"),
        "HF_HUB_OFFLINE": "1",
        "PATH": "/usr/bin:/bin",
        "OMP_NUM_THREADS": "1",  # as conftest sets for every other subprocess
    }
    out = subprocess.run(
        [
            str(Path(sys.executable).with_name("dragoman")),
            "evaluate",
            "--testset",
            str(testset),
            *FAST,
            *engine,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    references = sum(1 for path in (testset / "reference").glob("*.jsonl") for _ in path.open())
    assert 0.9 * references < report["segments"] <= references
    assert set(report["documents"]) == {p.stem for p in testset.glob("*.txt")}
    assert {s["metric"] for s in report["overall"]} == {"BLEU", "chrF++", "TER"}
    assert report["settings"]["model"] == "nllb-600m" and report["settings"]["beam"] == 1
    assert (report["settings"]["precision"], report["settings"]["english_vocab"]) == (
        ("int8", True) if engine else ("float32", False)
    )
    assert report["settings"]["glossary"].startswith("default@")
    terminology = report["terminology"]
    # constrained decoding puts every required English term into the random model's output
    assert terminology["required"] > 10
    assert terminology["term_success_rate"] == 1.0, terminology["missing"]
    assert len(report["worst"]) == 10
