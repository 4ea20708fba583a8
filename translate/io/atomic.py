"""Atomic file writes; defined in ``glossary.io.atomic`` (the bottom layer) and re-exported here."""

from __future__ import annotations

from glossary.io.atomic import atomic_write_bytes, atomic_write_text, atomic_writer, remove_stale_temporaries

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_writer", "remove_stale_temporaries"]
