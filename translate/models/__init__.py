"""Translation models: presets, language codes, finding a model on disk and loading it safely."""

from __future__ import annotations

from translate.models.languages import (
    LANGUAGES,
    Language,
    UnsupportedLanguageError,
    marian_source_languages,
    nllb_code,
    normalize_language,
)
from translate.models.loading import (
    ResolvedModel,
    UnsupportedModelError,
    find_cached_snapshot,
    hf_cache_dir,
    hub_offline,
    load_transformers_model,
    resolve_model,
)
from translate.models.presets import DEFAULT_PRESET, PRESETS, Preset, get_preset

__all__ = [
    "DEFAULT_PRESET",
    "LANGUAGES",
    "PRESETS",
    "Language",
    "Preset",
    "ResolvedModel",
    "UnsupportedLanguageError",
    "UnsupportedModelError",
    "find_cached_snapshot",
    "get_preset",
    "hf_cache_dir",
    "hub_offline",
    "load_transformers_model",
    "marian_source_languages",
    "nllb_code",
    "normalize_language",
    "resolve_model",
]
