"""Atomic file writes; defined in ``glossary.io.atomic`` (the bottom layer) and re-exported here,
plus ``atomic_pieces`` for outputs written piece by piece."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from glossary.io.atomic import atomic_write_bytes, atomic_write_text, atomic_writer, remove_stale_temporaries


@contextmanager
def atomic_pieces(path: str | Path) -> Iterator[Callable[[str | bytes], None]]:
    """``atomic_writer`` taking pieces of text (written as UTF-8) or bytes: ``path`` appears,
    complete, only when the block ends without an exception."""
    with atomic_writer(path) as handle:
        yield lambda piece: handle.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))


__all__ = [
    "atomic_pieces",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "remove_stale_temporaries",
]
