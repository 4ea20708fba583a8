"""``dragoman models list|info`` through the installed console script, against a fake HF cache."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tiny_models import MARIAN_HUB_ID, NLLB_HUB_ID


def _dragoman(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("dragoman")
    command = [str(exe)] if exe.exists() else [shutil.which("dragoman") or "dragoman"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=dict(os.environ), timeout=120
    )


def test_list_json_marks_cached_presets(fake_hf_cache: Path) -> None:
    result = _dragoman("models", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["cache_dir"] == str(fake_hf_cache)
    assert payload["offline"] is True
    models = {m["name"]: m for m in payload["models"]}
    assert {"nllb-600m", "nllb-1.3b", "nllb-3.3b", "opus-mt-ar-en", "opus-mt-mul-en"} <= set(models)
    nllb = models["nllb-600m"]
    assert nllb["hub_id"] == NLLB_HUB_ID and nllb["family"] == "nllb" and nllb["default"] is True
    assert nllb["cached"] is True
    assert nllb["path"].startswith(
        str(fake_hf_cache / "models--facebook--nllb-200-distilled-600M" / "snapshots")
    )
    assert models["opus-mt-ar-en"]["cached"] is True
    assert models["opus-mt-ar-en"]["source_languages"] == ["ar"]
    assert models["nllb-3.3b"]["cached"] is False and models["nllb-3.3b"]["path"] is None


def test_list_table(fake_hf_cache: Path) -> None:
    result = _dragoman("models", "list")
    assert result.returncode == 0, result.stderr
    assert "nllb-600m (default)" in result.stdout
    assert "Helsinki-NLP/opus-mt-ar-en" in result.stdout
    assert str(fake_hf_cache) in result.stdout


def test_info_json(fake_hf_cache: Path) -> None:
    result = _dragoman("models", "info", MARIAN_HUB_ID, "--format", "json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["family"] == "marian" and info["cached"] is True and info["safetensors"] is True
    assert info["source_languages"] == ["ar"]
    assert Path(info["path"], "config.json").is_file()


def test_info_local_directory(tiny_nllb_dir: Path) -> None:
    result = _dragoman("models", "info", str(tiny_nllb_dir))
    assert result.returncode == 0, result.stderr
    assert "nllb" in result.stdout and "local" in result.stdout


def test_missing_model_is_one_line_exit_2(fake_hf_cache: Path) -> None:
    result = _dragoman("models", "info", "nllb-3.3b")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(fake_hf_cache / "models--facebook--nllb-200-3.3B") in lines[0]
    assert "dragoman models download" in lines[0] and "hf download" not in lines[0]


def test_download_refuses_when_offline(fake_hf_cache: Path) -> None:
    result = _dragoman("models", "download", "nllb-3.3b")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "HF_HUB_OFFLINE" in result.stderr
    assert not (fake_hf_cache / "models--facebook--nllb-200-3.3B").exists()
