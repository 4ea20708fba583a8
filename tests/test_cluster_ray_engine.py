"""The Ray engine: the same outputs as the single-process run, crash recovery, memory reuse.

One local Ray cluster (2 CPUs, no dashboard, no usage stats) for the whole module. The tiny NLLB
model translates the Persian seeds plus a generated archive of a few hundred small documents,
greedy and with a tiny length budget so the module stays well under a minute of model time.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from translate.backends.base import DecodeOptions  # noqa: E402
from translate.cluster import ClusterOptions, translate_on_ray  # noqa: E402
from translate.cluster.ray_engine import CRASH_MARKER_ENV  # noqa: E402
from translate.memory import TranslationMemory  # noqa: E402
from translate.pipeline.batch import RunSettings, translate_paths  # noqa: E402

pytestmark = pytest.mark.slow
ARCHIVE_SIZE = 240
HEADINGS = ("خبر فوری", "گزارش مرزی", "تحلیل امنیتی")


def short_seeds(seed_paths: list[Path]) -> list[Path]:
    """The two shortest Persian seeds (the Arabic one needs another source language)."""
    return sorted(seed_paths[:4], key=lambda p: p.stat().st_size)[:2]


@pytest.fixture(scope="module")
def cluster():
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def settings(tiny_nllb_dir: Path) -> RunSettings:
    options = DecodeOptions(beam_size=1, max_length_ratio=0.1, max_length_extra=2, batch_size=1)
    return RunSettings(model=str(tiny_nllb_dir), threads=1, options=options, source_lang="fa")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    """The two shortest Persian seeds plus ARCHIVE_SIZE small documents built from seed sentences."""
    root = tmp_path_factory.mktemp("archive")
    lines = []
    for path in short_seeds(seed_paths):
        shutil.copy(path, root / path.name)
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if 20 < len(ln) < 120]
    pick = random.Random(7)
    pool = pick.sample(lines, min(24, len(lines)))
    for i in range(ARCHIVE_SIZE):
        body = "\n\n".join(pick.sample(pool, 2))
        (root / f"item_{i:04d}.txt").write_text(f"# {pick.choice(HEADINGS)}\n\n{body}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, archive: Path, settings: RunSettings) -> Path:
    """The single-process run (``dragoman translate`` folder path)."""
    out = tmp_path_factory.mktemp("reference")
    result = translate_paths([str(archive)], str(out) + "/", "text", settings, quiet=True)
    assert not result.failed, result.failed[0].error
    return out


def _same_outputs(ours: Path, reference: Path) -> None:
    """Byte-for-byte equal text outputs. (JSONL differs only in ``alignment``: a memory hit has no
    attention to align from, and which segments are hits depends on document order.)"""
    names = sorted(p.name for p in reference.iterdir())
    assert sorted(p.name for p in ours.iterdir()) == names
    assert len(names) == ARCHIVE_SIZE + 2
    for name in names:
        assert (ours / name).read_bytes() == (reference / name).read_bytes(), name


def test_ray_outputs_equal_single_process_and_survive_an_actor_crash(
    tmp_path: Path, cluster, archive: Path, reference: Path, settings: RunSettings
) -> None:
    marker = tmp_path / "crashed"
    tm = tmp_path / "tm.sqlite"
    options = ClusterOptions(actors=2, documents_per_task=16, actor_env={CRASH_MARKER_ENV: str(marker)})
    result = translate_on_ray([str(archive)], tmp_path / "out", "text", settings, tm_path=tm, cluster=options)
    assert marker.exists(), "the test actor never crashed"
    assert not result.batch.failed, result.batch.failed[0].error
    assert len(result.batch.written) == ARCHIVE_SIZE + 2
    _same_outputs(tmp_path / "out", reference)
    with TranslationMemory(tm) as memory:
        stored = len(memory)
    assert result.counts.stored == stored > 0

    # a second run over the same archive does no translation work: every segment is a memory hit
    again = translate_on_ray(
        [str(archive)],
        tmp_path / "again",
        "text",
        settings,
        tm_path=tm,
        cluster=ClusterOptions(),
        force=True,
    )
    assert again.counts.misses == 0 and again.counts.stored == 0
    assert again.counts.hits == result.counts.hits + result.counts.misses
    _same_outputs(tmp_path / "again", reference)

    # existing outputs are skipped without touching the cluster's model
    third = translate_on_ray([str(archive)], tmp_path / "out", "text", settings, tm_path=tm)
    assert len(third.batch.skipped) == ARCHIVE_SIZE + 2
    assert third.counts.hits + third.counts.misses == 0


def test_batch_command_local_engine_reports_json(
    tmp_path: Path, seed_paths: list[Path], tiny_nllb_dir: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_paths[3], folder / seed_paths[3].name)
    exe = Path(sys.executable).with_name("dragoman")
    args = [str(exe), "batch", str(folder), "-o", str(tmp_path / "out"), "--engine", "local"]
    args += ["-m", str(tiny_nllb_dir), "--beam", "1", "--max-length-ratio", "0.1", "-s", "fa"]
    args += ["--tm", str(tmp_path / "tm.sqlite"), "--summary", "json"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    first = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["documents"] == {"written": 1, "skipped": 0, "failed": 0}
    assert report["segments"]["misses"] > 0
    second = subprocess.run([*args, "--force"], capture_output=True, text=True, env=env, timeout=600)
    again = json.loads(second.stdout)
    assert again["segments"]["misses"] == 0
    assert again["segments"]["hits"] == report["segments"]["hits"] + report["segments"]["misses"]


def test_unknown_engine_is_a_one_line_error(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("dragoman")
    result = subprocess.run(
        [str(exe), "batch", str(tmp_path), "-o", str(tmp_path / "o"), "--engine", "spark"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "--engine" in result.stderr and "Traceback" not in result.stderr
