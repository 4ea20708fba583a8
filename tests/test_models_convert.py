"""``dragoman models convert`` and the converted-model cache, with tiny NLLB and Marian models."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DRAGOMAN
from tiny_models import MARIAN_HUB_ID, NLLB_HUB_ID

from translate.backends import load_backend
from translate.models.convert import (
    MissingDependencyError,
    convert_model,
    converted_path,
    find_converted,
    require_ctranslate2,
)

pytest.importorskip("ctranslate2")


@pytest.fixture(scope="module")
def ct2_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An HF_HOME of this module's own, so conversions do not leak into other tests' cache."""
    return tmp_path_factory.mktemp("ct2-home")


@pytest.fixture
def env(fake_hf_cache: Path, ct2_home: Path) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HOME", str(ct2_home))
        yield ct2_home


def _cli(*args: str) -> tuple[int, str]:
    """Run the ``dragoman`` console script; (exit code, stdout + stderr)."""
    proc = subprocess.run(
        [DRAGOMAN, *args], capture_output=True, text=True, env=dict(os.environ), check=False
    )
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.parametrize(("preset", "hub_id"), [("nllb-600m", NLLB_HUB_ID), ("opus-mt-ar-en", MARIAN_HUB_ID)])
@pytest.mark.parametrize("quantization", ["int8", "float32"])
def test_convert_writes_a_complete_cached_folder(
    env: Path, preset: str, hub_id: str, quantization: str
) -> None:
    code, out = _cli("models", "convert", preset, "--quantization", quantization, "--format", "json")
    assert code == 0, out
    info = json.loads(out)
    path = Path(info["path"])
    assert path == env / "dragoman-ct2" / f"{hub_id.replace('/', '--')}--{quantization}"
    assert {"model.bin", "config.json", "shared_vocabulary.json", "vmap.txt", "dragoman-ct2.json"} <= {
        p.name for p in path.iterdir()
    }
    assert (path / "tokenizer").is_dir()
    assert info["quantization"] == quantization and info["model_id"] == hub_id
    assert 0 < info["english_vocabulary_size"] < info["vocabulary_size"]
    assert find_converted(preset, quantization) == path
    # cached: converting again does not rewrite the model
    before = (path / "model.bin").stat().st_mtime_ns
    assert convert_model(preset, quantization).path == path
    assert (path / "model.bin").stat().st_mtime_ns == before
    leftovers = [
        p for p in path.parent.iterdir() if p.name.startswith(path.name + ".") and p.suffix != ".lock"
    ]
    assert not leftovers, "temporary conversion folder left behind"


def test_int8_is_smaller_than_float32(env: Path) -> None:
    small = convert_model("nllb-600m", "int8").path / "model.bin"
    big = convert_model("nllb-600m", "float32").path / "model.bin"
    assert small.stat().st_size < 0.6 * big.stat().st_size


def test_auto_picks_ctranslate2_only_when_converted(env: Path) -> None:
    assert find_converted("opus-mt-mul-en") is None
    convert_model("nllb-600m", "int8")
    assert load_backend("auto", "nllb-600m").name == "ctranslate2"
    # opus-mt-ar-en converted by another test or not: remove any conversion to test the fallback
    for quant in ("int8", "float32"):
        folder = converted_path("opus-mt-ar-en", quant)
        if folder.exists():
            import shutil

            shutil.rmtree(folder)
    assert load_backend("auto", "opus-mt-ar-en").name == "transformers"


def test_unconverted_model_is_a_one_line_error(env: Path) -> None:
    for quant in ("int8", "float32"):
        folder = converted_path("opus-mt-ar-en", quant)
        if folder.exists():
            import shutil

            shutil.rmtree(folder)
    source = env / "in.txt"
    source.write_text("وقالت وزارة الخارجية إن الحدود مع أفغانستان آمنة.\n", encoding="utf-8")
    code, out = _cli(
        "translate", str(source), "-m", "opus-mt-ar-en", "--backend", "ctranslate2", "-s", "ar", "-q"
    )
    assert code == 2
    lines = out.strip().splitlines()
    assert len(lines) == 1 and "dragoman models convert opus-mt-ar-en" in lines[0], out


def test_missing_ctranslate2_is_a_one_line_error(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # import ctranslate2 -> ImportError
    with pytest.raises(MissingDependencyError, match=r"dragoman\[fast\]"):
        require_ctranslate2()
    # the console script in a process where ctranslate2 cannot be imported
    blocker = env / "no_ct2"
    blocker.mkdir(exist_ok=True)
    (blocker / "sitecustomize.py").write_text(
        "import sys\nsys.modules['ctranslate2'] = None\n", encoding="utf-8"
    )
    monkeypatch.setenv("PYTHONPATH", str(blocker))
    source = env / "fa.txt"
    source.write_text("سومین کنفرانس امنیت منطقه آسیای مرکزی در دوشنبه برگزار شد.\n", encoding="utf-8")
    for args in (
        ("models", "convert", "nllb-600m"),
        ("translate", str(source), "--backend", "ctranslate2", "-s", "fa"),
    ):
        code, out = _cli(*args)
        assert code == 2, out
        lines = out.strip().splitlines()
        assert len(lines) == 1 and "ctranslate2: not installed" in lines[0], out


def test_unknown_quantization_is_rejected(env: Path) -> None:
    code, out = _cli("models", "convert", "nllb-600m", "--quantization", "int3")
    assert code == 2 and "unknown 'int3'" in out
