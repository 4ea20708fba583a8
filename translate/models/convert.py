"""Convert NLLB and Marian models to CTranslate2 and keep the results next to the Hugging Face cache.

``convert_model("nllb-600m", "int8")`` resolves the model like every other command (preset, hub id or
directory; safetensors only), runs ``ctranslate2.converters.TransformersConverter`` (works with
transformers 5 as is, no shim needed) and writes::

    <HF_HOME>/dragoman-ct2/<model-id>--<quantization>/
        model.bin, config.json, shared_vocabulary.json   # CTranslate2's files
        tokenizer/                                        # the Hugging Face tokenizer, saved as is
        vmap.txt                                          # English-only output vocabulary (use_vmap)
        dragoman-ct2.json                                 # what was converted, from where, how

``<HF_HOME>`` is ``$HF_HOME`` when set, else the parent of the hub cache. The folder appears
atomically (converted into a temporary sibling, then renamed) under a file lock, so two processes
converting the same model do not clobber each other. ``find_converted`` looks a model up without
importing torch or ctranslate2.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from translate.errors import DragomanError
from translate.models.hf_logging import route_transformers_logging
from translate.models.loading import (
    UnsupportedModelError,
    hf_cache_dir,
    require_safetensors,
    resolve_model,
)
from translate.models.presets import get_preset

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "float16", "bfloat16", "float32")
PREFERRED_ORDER = ("int8", "int8_float32", "float32", "int8_float16", "float16", "int8_bfloat16", "bfloat16")
META_FILE = "dragoman-ct2.json"
TOKENIZER_DIR = "tokenizer"
VMAP_FILE = "vmap.txt"


class MissingDependencyError(DragomanError):
    """An optional dependency (ctranslate2) that is not installed."""


class ConversionError(DragomanError):
    """A model that CTranslate2 cannot convert."""


@dataclass(frozen=True)
class ConvertedModel:
    """A CTranslate2 model folder made by ``convert_model``."""

    path: Path
    model_id: str  # hub id or source directory
    family: str  # "nllb" | "marian"
    quantization: str
    source_path: str
    ctranslate2_version: str
    vocabulary_size: int
    english_vocabulary_size: int

    def to_json(self) -> dict[str, object]:
        """Plain data for ``--format json``."""
        data = asdict(self)
        data["path"] = str(self.path)
        return data


def ctranslate2_available() -> bool:
    """Whether the ``ctranslate2`` package can be imported."""
    return importlib.util.find_spec("ctranslate2") is not None


def require_ctranslate2():
    """Import ``ctranslate2`` or raise a one-line ``MissingDependencyError``."""
    try:
        import ctranslate2
    except ImportError as err:
        raise MissingDependencyError(
            "ctranslate2",
            "not installed; install the fast extra: pip install 'dragoman[fast]' (or ctranslate2)",
        ) from err
    return ctranslate2


def converted_root() -> Path:
    """Where converted models live: ``$HF_HOME/dragoman-ct2``, else beside the hub cache."""
    home = os.environ.get("HF_HOME")
    if home:
        return Path(os.path.expandvars(home)).expanduser() / "dragoman-ct2"
    return hf_cache_dir().parent / "dragoman-ct2"


def _model_key(spec: str) -> str:
    """The folder-name stem for ``spec``: the hub id (``facebook--nllb-200-distilled-600M``) or dir name."""
    spec = spec.strip()
    preset = get_preset(spec)
    if preset:
        return preset.hub_id.replace("/", "--")
    local = Path(spec).expanduser()
    if local.is_dir():
        resolved = local.resolve()
        import hashlib

        digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:8]
        return f"local--{resolved.name}-{digest}"
    return spec.replace("/", "--")


def converted_path(spec: str, quantization: str) -> Path:
    """The folder ``convert_model(spec, quantization)`` writes."""
    return converted_root() / f"{_model_key(spec)}--{quantization}"


def is_converted_dir(path: Path) -> bool:
    """Whether ``path`` is a complete CTranslate2 model folder."""
    return (path / "model.bin").is_file() and (path / "config.json").is_file()


def read_converted(path: Path) -> ConvertedModel:
    """The metadata of a converted folder (``dragoman-ct2.json``)."""
    try:
        data = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        data["path"] = path
        return ConvertedModel(**data)
    except (OSError, ValueError, TypeError) as err:
        raise ConversionError(
            str(path), f"not a Dragoman CTranslate2 folder ({META_FILE} unreadable)"
        ) from err


def find_converted(spec: str, quantization: str | None = None) -> Path | None:
    """The converted folder for ``spec`` (a quantization, else the first of ``PREFERRED_ORDER``), or None.

    ``spec`` may itself be a converted folder. Cheap: touches the file system only.
    """
    local = Path(spec).expanduser()
    if local.is_dir() and is_converted_dir(local) and (local / META_FILE).is_file():
        return local
    for quant in [quantization] if quantization else PREFERRED_ORDER:
        path = converted_path(spec, quant)
        if is_converted_dir(path) and (path / META_FILE).is_file():
            return path
    return None


def convert_model(spec: str, quantization: str = "int8", force: bool = False) -> ConvertedModel:
    """Convert ``spec`` (preset, hub id or directory) to CTranslate2 with ``quantization``; cached."""
    if quantization not in QUANTIZATIONS:
        raise ConversionError(
            "--quantization", f"unknown {quantization!r}; use one of: {', '.join(QUANTIZATIONS)}"
        )
    ctranslate2 = require_ctranslate2()
    target = converted_path(spec, quantization)
    if not force and is_converted_dir(target) and (target / META_FILE).is_file():
        return read_converted(target)
    resolved = resolve_model(spec)
    if resolved.family not in {"nllb", "marian"}:
        raise UnsupportedModelError(
            str(resolved.path), f"model type {resolved.model_type or 'unknown'!r} cannot be converted"
        )
    require_safetensors(resolved)
    from filelock import FileLock

    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if not force and is_converted_dir(target) and (target / META_FILE).is_file():
            return read_converted(target)
        work = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
        try:
            meta = _convert_into(work, resolved, quantization, ctranslate2)
            if target.exists():
                shutil.rmtree(target)
            os.replace(work, target)
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
    return ConvertedModel(path=target, **meta)


def _convert_into(work: Path, resolved, quantization: str, ctranslate2) -> dict[str, object]:
    from transformers import AutoTokenizer

    from translate.models.vocab_restriction import allowed_token_ids, write_vmap

    route_transformers_logging()
    output = work / "model"
    try:
        converter = ctranslate2.converters.TransformersConverter(
            str(resolved.path), low_cpu_mem_usage=True, trust_remote_code=False
        )
        converter.convert(str(output), quantization=quantization, force=True)
    except Exception as err:  # the converter raises many types; the user needs one line
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ConversionError(str(resolved.path), f"CTranslate2 conversion failed: {reason}") from err
    tokenizer = AutoTokenizer.from_pretrained(resolved.path, local_files_only=True, trust_remote_code=False)
    tokenizer.save_pretrained(output / TOKENIZER_DIR)
    allowed = allowed_token_ids(tokenizer)
    write_vmap(output / VMAP_FILE, tokenizer.convert_ids_to_tokens(allowed))
    meta: dict[str, object] = {
        "model_id": resolved.hub_id or str(resolved.path),
        "family": resolved.family,
        "quantization": quantization,
        "source_path": str(resolved.path),
        "ctranslate2_version": ctranslate2.__version__,
        "vocabulary_size": len(tokenizer),
        "english_vocabulary_size": len(allowed),
    }
    (output / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    # move the finished model up so ``work`` itself becomes the target folder
    for item in list(output.iterdir()):
        os.replace(item, work / item.name)
    output.rmdir()
    return meta
