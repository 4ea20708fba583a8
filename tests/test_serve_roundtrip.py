"""From ``dragoman translate`` to an accepted correction and back: the next run reuses it.

A real tiny NLLB model translates a seed; a real ``dragoman serve`` accepts a corrected segment over
HTTP; a second ``dragoman translate --tm RUNS/reviewed.tm.sqlite`` of the same article gives the
reviewer's English for that segment and the model's for the others.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEED_FILES
from serve_helpers import DRAGOMAN, Server

from translate.records import read_records

pytest.importorskip("starlette")
FAST = ["--beam", "1", "--max-length-ratio", "0.1", "--batch-size", "4", "-s", "fa", "--format", "jsonl"]


def translate(inputs: Path, out: Path, model: Path, *extra: str) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [str(DRAGOMAN), "translate", str(inputs), "-o", f"{out}/", "-m", str(model), *FAST, *extra],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_accepted_segment_is_reused_by_the_next_run(tmp_path: Path, tiny_nllb_dir: Path) -> None:
    seed = min(SEED_FILES[:4], key=lambda p: p.stat().st_size)
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(seed, inputs / seed.name)
    runs = tmp_path / "runs"
    translate(inputs, runs, tiny_nllb_dir)
    records = read_records(runs / f"{seed.stem}.jsonl")
    chosen = next(r for r in records if r.translated and not r.markers and len(r.source) > 20)
    english = "The reviewer corrected this sentence."
    server = Server(runs)
    try:
        status, page, _ = server.request("GET", f"/doc/{seed.stem}")
        csrf = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        path = f"/api/doc/{seed.stem}/segment/{chosen.segment}"
        status, body = server.post(path, {"action": "accept", "version": 0, "target": english}, csrf)
        assert status == 200 and body["state"] == "reviewed"
    finally:
        server.stop()
    again = tmp_path / "again"
    translate(inputs, again, tiny_nllb_dir, "--tm", str(runs / "reviewed.tm.sqlite"))
    second = {r.segment: r for r in read_records(again / f"{seed.stem}.jsonl")}
    assert second[chosen.segment].target == english
    first = {r.segment: r for r in records}
    others = [s for s in second if s != chosen.segment and first[s].translated]
    assert others and all(second[s].target == first[s].target for s in others)
