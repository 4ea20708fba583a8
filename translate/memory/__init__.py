"""The translation memory: every translated segment stored once, reused by exact match.

``open_memory(path, glossary_paths, terms_mode)`` gives a ``TranslationMemory`` bound to that
glossary; hand it to ``translate_document``/``translate_paths`` as ``cache=``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from translate.memory.keys import glossary_hash
from translate.memory.sqlite_store import (
    MemoryEntry,
    MemoryStats,
    RunCounts,
    TranslationMemory,
    check_memory_file,
)
from translate.memory.tmx_io import export_jsonl, export_tmx, import_tmx, read_tmx_pairs, read_tmx_units


def open_memory(
    path: str | Path, glossary_paths: Sequence[str | Path] | None = None, terms_mode: str = "off"
) -> TranslationMemory:
    """The memory at ``path`` (created if absent), bound to the hash of these glossary files and mode."""
    return TranslationMemory(path, glossary_hash(glossary_paths, terms_mode))


__all__ = [
    "MemoryEntry",
    "MemoryStats",
    "RunCounts",
    "TranslationMemory",
    "check_memory_file",
    "export_jsonl",
    "export_tmx",
    "glossary_hash",
    "import_tmx",
    "open_memory",
    "read_tmx_pairs",
    "read_tmx_units",
]
