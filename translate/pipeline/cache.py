"""Translation memory hook: a cache keyed by everything that determines a model's output.

Any object with ``get(key) -> str | None`` and ``put(key, target)`` works (a dict-backed
``MemoryCache`` is provided; a persistent store can implement the same two methods). Cached values
are raw model output, before glossary post-editing and marker placement.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Protocol

from translate.backends.base import DecodeOptions, TranslationBackend


class TranslationCache(Protocol):
    """What ``translate_document`` needs from a cache."""

    def get(self, key: str) -> str | None:
        """The cached target for ``key``, or None."""

    def put(self, key: str, target: str) -> None:
        """Remember ``target`` for ``key``."""


class MemoryCache:
    """An in-process cache: repeated sentences (boilerplate, datelines) are translated once per run."""

    def __init__(self) -> None:
        self._items: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._items.get(key)

    def put(self, key: str, target: str) -> None:
        self._items[key] = target

    def __len__(self) -> int:
        return len(self._items)


def cache_key(
    backend: TranslationBackend,
    source_lang: str,
    model_input: str,
    options: DecodeOptions,
    constraints: list[str],
) -> str:
    """A stable key: backend, model, language pair, decoding options (not batch size), input, constraints;
    and, when not plain float32, the precision and vocabulary (``backend.variant``)."""
    decoding = {k: v for k, v in asdict(options).items() if k != "batch_size"}
    material = [backend.name, backend.model_id, source_lang, "en", decoding, model_input, constraints]
    variant = getattr(backend, "variant", "float32")
    if variant != "float32":
        material.append(variant)
    return hashlib.sha256(json.dumps(material, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
