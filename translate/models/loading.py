"""Find a translation model on disk (preset, hub id or directory) and load it safely.

``resolve_model`` turns what the user typed into a local directory:

* a preset name (``nllb-600m``) becomes its hub id;
* an existing directory is used as it is;
* a hub id is looked up in the Hugging Face cache (``HF_HUB_CACHE``, else ``HF_HOME/hub``, else
  ``~/.cache/huggingface/hub``), read from the environment at call time. When it is not cached and
  neither ``HF_HUB_OFFLINE`` nor ``TRANSFORMERS_OFFLINE`` is set, it is downloaded (config, tokenizer
  and ``*.safetensors`` only). A model that cannot be found or fetched ends in one
  ``ModelNotFoundError`` line naming the cache path and how to fetch it, within seconds.

``load_transformers_model`` loads weights with ``use_safetensors=True`` and never
``trust_remote_code``; a directory with only pickled ``.bin`` weights is refused.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.languages import SOURCE_LANGUAGES
from translate.errors import DragomanError, ModelNotFoundError
from translate.models.hf_logging import route_transformers_logging
from translate.models.languages import marian_source_languages
from translate.models.presets import Preset, get_preset

# Files a translation model needs; everything else in a hub repo (pickles, TF/Flax weights) is skipped.
DOWNLOAD_PATTERNS = [
    "*.json",
    "*.safetensors",
    "*.model",  # sentencepiece (NLLB's sentencepiece.bpe.model)
    "*.spm",  # Marian source.spm / target.spm
    "*.txt",
]
ETAG_TIMEOUT_S = 5.0
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_SAFETENSORS_PR_TITLE = "Adding `safetensors` variant of this model"


class UnsupportedModelError(DragomanError):
    """A model directory Dragoman will not load: pickled weights only, or not a translation model."""


@dataclass(frozen=True)
class ResolvedModel:
    """A model found on disk: what the user asked for, where it is and what it is."""

    spec: str  # what the user typed
    path: Path  # local directory holding config.json, tokenizer and weights
    hub_id: str | None  # the hub repository, when it came from (or through) the hub
    preset: Preset | None
    family: str  # "nllb" | "marian" | "unknown"
    model_type: str | None  # config.json's model_type
    origin: str  # "local" | "hf-cache" | "downloaded"
    source_languages: tuple[str, ...]  # canonical codes it translates from; () = unknown

    @property
    def display_name(self) -> str:
        """The name to show and record: preset name, else hub id, else the directory."""
        if self.preset:
            return self.preset.name
        return self.hub_id or str(self.path)


def _is_true(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def hub_offline() -> bool:
    """Whether ``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE`` forbids network access to the hub."""
    return _is_true(os.environ.get("HF_HUB_OFFLINE")) or _is_true(os.environ.get("TRANSFORMERS_OFFLINE"))


def hf_cache_dir() -> Path:
    """The hub cache directory the environment points at, read now (not at import time)."""
    explicit = os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
    if explicit:
        return Path(os.path.expandvars(explicit)).expanduser()
    home = os.environ.get("HF_HOME")
    if home:
        return Path(os.path.expandvars(home)).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(os.path.expandvars(xdg)).expanduser() / "huggingface" / "hub"


def repo_cache_path(hub_id: str, cache_dir: Path | None = None) -> Path:
    """Where the hub cache keeps ``hub_id`` (``models--org--name``)."""
    return (cache_dir or hf_cache_dir()) / ("models--" + hub_id.replace("/", "--"))


def has_safetensors(directory: Path) -> bool:
    """Whether ``directory`` holds safetensors weights (single file or sharded)."""
    return any(directory.glob("*.safetensors"))


def find_cached_snapshot(hub_id: str, cache_dir: Path | None = None) -> Path | None:
    """The cached snapshot of ``hub_id`` to use, or None when nothing usable is cached.

    Prefers the ``main`` snapshot, then any other snapshot (e.g. a ``refs/pr/N`` safetensors
    conversion), and among those the ones with safetensors weights.
    """
    from huggingface_hub import try_to_load_from_cache

    cache_dir = cache_dir or hf_cache_dir()
    candidates: list[Path] = []
    main_config = try_to_load_from_cache(hub_id, "config.json", cache_dir=cache_dir)
    if isinstance(main_config, str):
        candidates.append(Path(main_config).parent)
    snapshots = repo_cache_path(hub_id, cache_dir) / "snapshots"
    if snapshots.is_dir():
        others = [p for p in snapshots.iterdir() if p.is_dir() and p not in candidates]
        candidates += sorted(others, key=lambda p: p.stat().st_mtime, reverse=True)
    candidates = [c for c in candidates if (c / "config.json").is_file()]
    with_weights = [c for c in candidates if has_safetensors(c)]
    return (with_weights or candidates or [None])[0]


def _fetch_hint(hub_id: str) -> str:
    # Not `hf download`: the NLLB repos' main branch holds only pytorch_model.bin, which Dragoman
    # refuses; `models download` fetches the safetensors (from the hub's conversion PR if need be).
    return (
        f"fetch its safetensors weights with `dragoman models download {hub_id}`, "
        "or pass a local model directory"
    )


def _not_found(spec: str, hub_id: str, cache_dir: Path, why: str) -> ModelNotFoundError:
    where = repo_cache_path(hub_id, cache_dir)
    return ModelNotFoundError(spec, f"{why} (looked in {where}); {_fetch_hint(hub_id)}")


def _safetensors_revision(hub_id: str) -> str | None:
    """The open safetensors-conversion pull request of a pickle-only repo (``refs/pr/N``), if any."""
    from huggingface_hub import HfApi

    for discussion in HfApi().get_repo_discussions(hub_id, discussion_type="pull_request"):
        if (
            discussion.title == _SAFETENSORS_PR_TITLE
            and discussion.status == "open"
            and discussion.author == "SFconvertbot"
        ):
            return f"refs/pr/{discussion.num}"
    return None


def download_model(hub_id: str, spec: str | None = None, cache_dir: Path | None = None) -> Path:
    """Download the files a translation model needs into the hub cache and return the snapshot.

    Pickle-only repositories are fetched from their safetensors conversion pull request. Any failure
    (no network, unknown repository, gated model) becomes one ``ModelNotFoundError`` line.
    """
    from huggingface_hub import snapshot_download

    cache_dir = cache_dir or hf_cache_dir()
    try:
        path = Path(
            snapshot_download(
                hub_id, cache_dir=cache_dir, allow_patterns=DOWNLOAD_PATTERNS, etag_timeout=ETAG_TIMEOUT_S
            )
        )
        if not has_safetensors(path):
            revision = _safetensors_revision(hub_id)
            if revision:
                path = Path(
                    snapshot_download(
                        hub_id,
                        revision=revision,
                        cache_dir=cache_dir,
                        allow_patterns=DOWNLOAD_PATTERNS,
                        etag_timeout=ETAG_TIMEOUT_S,
                    )
                )
    except Exception as err:  # network, auth, unknown repo: all the same to the user
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise _not_found(
            spec or hub_id, hub_id, cache_dir, f"not cached and download failed: {reason}"
        ) from err
    return path


def read_model_type(directory: Path) -> str | None:
    """``model_type`` from ``directory/config.json``, or None when absent or unreadable."""
    try:
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = config.get("model_type") if isinstance(config, dict) else None
    return value if isinstance(value, str) else None


def family_of(model_type: str | None) -> str:
    """The model family for a ``config.model_type``: m2m_100 -> "nllb", marian -> "marian"."""
    return {"m2m_100": "nllb", "marian": "marian"}.get(model_type or "", "unknown")


def _languages(family: str, preset: Preset | None, name: str) -> tuple[str, ...]:
    if preset:
        return preset.source_languages
    if family == "nllb":
        return SOURCE_LANGUAGES
    if family == "marian":
        return marian_source_languages(name)
    return ()


def _looks_like_path(spec: str) -> bool:
    return spec.startswith((".", "/", "~", "\\")) or os.path.isabs(spec) or spec.count("/") > 1


def resolve_model(spec: str, *, allow_download: bool | None = None) -> ResolvedModel:
    """Find the model ``spec`` names (preset, local directory or hub id) on disk.

    ``allow_download`` defaults to "unless HF_HUB_OFFLINE/TRANSFORMERS_OFFLINE is set".
    Raises ``ModelNotFoundError`` (one line: where it looked, how to fetch it).
    """
    spec = spec.strip()
    if not spec:
        raise ModelNotFoundError("model", "empty model name")
    local = Path(spec).expanduser()
    if local.is_dir():
        model_type = read_model_type(local)
        family = family_of(model_type)
        return ResolvedModel(
            spec,
            local.resolve(),
            None,
            None,
            family,
            model_type,
            "local",
            _languages(family, None, local.name),
        )
    preset = get_preset(spec)
    hub_id = preset.hub_id if preset else spec
    if not preset and (_looks_like_path(spec) or not _HUB_ID.match(spec)):
        if local.exists():
            raise ModelNotFoundError(spec, "not a model directory (expected a folder with config.json)")
        raise ModelNotFoundError(
            spec, "no such model directory, preset or hub id; see `dragoman models list` for presets"
        )
    cache_dir = hf_cache_dir()
    path = find_cached_snapshot(hub_id, cache_dir)
    origin = "hf-cache"
    if path is None:
        if allow_download is None:
            allow_download = not hub_offline()
        if not allow_download:
            why = "not in the Hugging Face cache"
            if hub_offline():
                why += " and HF_HUB_OFFLINE is set (unset it to download)"
            raise _not_found(spec, hub_id, cache_dir, why)
        path = download_model(hub_id, spec, cache_dir)
        origin = "downloaded"
    model_type = read_model_type(path)
    family = family_of(model_type)
    if family == "unknown" and preset:
        family = preset.family
    return ResolvedModel(
        spec, path, hub_id, preset, family, model_type, origin, _languages(family, preset, hub_id)
    )


def require_safetensors(resolved: ResolvedModel) -> None:
    """Refuse directories whose weights are pickles (``.bin``/``.pt``): they can run code when loaded."""
    if has_safetensors(resolved.path):
        return
    pickles = sorted(p.name for p in resolved.path.iterdir() if p.suffix in {".bin", ".pt", ".pth", ".ckpt"})
    if pickles:
        fix = (
            f"run `dragoman models download {resolved.hub_id}` online (fetches its safetensors conversion)"
            if resolved.hub_id
            else "convert the weights to model.safetensors"
        )
        raise UnsupportedModelError(
            str(resolved.path),
            f"only pickled weights ({', '.join(pickles)}); Dragoman loads safetensors only: {fix}",
        )
    raise ModelNotFoundError(str(resolved.path), "no model weights (*.safetensors) in this directory")


def load_transformers_model(resolved: ResolvedModel, device: str = "cpu") -> tuple[Any, Any]:
    """Load ``(model, tokenizer)`` for a resolved NLLB or Marian model, in eval mode on ``device``."""
    if resolved.family not in {"nllb", "marian"}:
        raise UnsupportedModelError(
            str(resolved.path),
            f"model type {resolved.model_type or 'unknown'!r} is not a supported translation model "
            "(NLLB/M2M100 or Marian OPUS-MT)",
        )
    require_safetensors(resolved)
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    route_transformers_logging()  # generation-config chatter goes to the log, not to analysts

    try:
        tokenizer = AutoTokenizer.from_pretrained(
            resolved.path, local_files_only=True, trust_remote_code=False
        )
    except (OSError, ValueError, TypeError, KeyError) as err:
        raise UnsupportedModelError(str(resolved.path), f"cannot load the tokenizer: {err}") from err
    try:
        model = AutoModelForSeq2SeqLM.from_pretrained(
            resolved.path,
            local_files_only=True,
            use_safetensors=True,
            trust_remote_code=False,
            dtype="float32",
        )
    except (OSError, ValueError, RuntimeError) as err:
        raise UnsupportedModelError(str(resolved.path), f"cannot load the model weights: {err}") from err
    return model.to(device).eval(), tokenizer
