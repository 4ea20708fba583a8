"""Anonymous temporary files that hold a streamed output's pieces on disk instead of in memory.

A spool is created already unlinked (``tempfile.TemporaryFile``), so nothing is left behind when the
process ends, even by ``kill -9``. Text is kept exactly (``newline=""``: CRLF stays CRLF). A spool
goes in the output's folder when it can (the output's disk), else in the system's temporary folder.
"""

from __future__ import annotations

import codecs
import io
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from translate.errors import DragomanError

SPOOL_CHUNK_CHARS = 1 << 16


def open_spool(folder: Path | None = None) -> IO[str]:
    """A new empty text spool in ``folder``, or in the system's temporary folder when ``folder`` is
    None, missing or not writable."""
    return _temporary(folder, mode="w+", encoding="utf-8", newline="")


def open_byte_spool(folder: Path | None = None) -> IO[bytes]:
    """``open_spool`` for bytes (positions are byte offsets, so parts can be read back by range)."""
    return _temporary(folder, mode="w+b")


def _temporary(folder: Path | None, **kwargs: Any) -> IO[Any]:
    if folder is not None:
        try:
            return tempfile.TemporaryFile(dir=folder, **kwargs)
        except OSError:
            pass  # a folder still to be made, or read-only: the system's temporary folder will do
    try:
        return tempfile.TemporaryFile(**kwargs)
    except OSError as err:
        where = tempfile.gettempdir()
        raise DragomanError(where, f"cannot create a temporary file ({err.strerror or err})") from None


def replay_spool(spool: IO[str], emit: Callable[[str], None], chunk_chars: int = SPOOL_CHUNK_CHARS) -> None:
    """Pass everything written to ``spool`` to ``emit``, a chunk at a time."""
    spool.seek(0)
    while chunk := spool.read(chunk_chars):
        emit(chunk)


def replay_byte_range(spool: IO[bytes], start: int, end: int, emit: Callable[[str], None]) -> None:
    """Pass bytes ``start:end`` of a byte spool to ``emit`` as UTF-8 text, a chunk at a time; the
    spool is left at its end, ready for more writes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    spool.seek(start)
    left = end - start
    while left > 0 and (data := spool.read(min(SPOOL_CHUNK_CHARS, left))):
        left -= len(data)
        emit(decoder.decode(data))
    emit(decoder.decode(b"", final=True))
    spool.seek(0, io.SEEK_END)
