"""Read one input text (a file or stdin) into a ``str``, or fail with a one-line ``InputError``.

Accepted encodings (``translate.io.encoding``): UTF-8 with or without a byte-order mark, UTF-16/UTF-32
with a byte-order mark, and, detected, Windows-1256, ISO-8859-6, UTF-16 without a BOM, Windows-1251.
The BOM is removed and nothing else is changed (CRLF line endings are kept as they are), so character
offsets computed on the returned text refer to the file as the user sees it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from glossary.io.reading import read_bytes_limited as _read_bytes_limited
from translate.errors import DragomanError, InputError
from translate.io.encoding import Decoded, decode_bytes

DEFAULT_MAX_BYTES = 20_000_000

# C0/C1 control characters other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Real text can carry a stray control character or two; more than this share of them means binary.
_MAX_CONTROL_SHARE = 0.001


def source_name(path: str | Path) -> str:
    """How an input is named in messages and records: ``<stdin>`` for ``-``, else the path as given
    (see ``printable_name`` for names that are not valid UTF-8)."""
    return "<stdin>" if str(path) == "-" else printable_name(str(path))


def printable_name(name: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 (which Python keeps as lone surrogates,
    and which no UTF-8 output can hold) are written as ``\\xff``; valid names are unchanged."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode ``path`` (``"-"`` is standard input); raise ``InputError`` for unusable input."""
    return read_decoded(path, max_bytes=max_bytes).text


def read_decoded(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None
) -> Decoded:
    """``read_text`` and the encoding used (``encoding`` overrides detection: ``translate.io.encoding``)."""
    return decode_input(read_bytes(path, max_bytes=max_bytes), source_name(path), encoding)


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``path`` (``"-"``: standard input), refused when missing, a folder or too large."""
    where = source_name(path)
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        data = read_bytes_limited(path, max_bytes, where, InputError)
    if len(data) > max_bytes:
        raise InputError(where, f"input is too large (more than {max_bytes:,} bytes)")
    return data


def decode_input(data: bytes, where: str, encoding: str | None = None) -> Decoded:
    """Decode and check input bytes: BOM, UTF-8, a confident legacy guess, or ``encoding``."""
    if not data:
        raise InputError(where, "file is empty")
    decoded = decode_bytes(data, where, encoding)
    check_text(decoded.text, where)
    return decoded


def read_bytes_limited(
    path: str | Path, max_bytes: int, where: str, error: type[DragomanError] = InputError
) -> bytes:
    """``glossary.io.reading.read_bytes_limited`` with ``InputError`` as the default error."""
    return _read_bytes_limited(path, max_bytes, where, error)


def decode_text(data: bytes, where: str = "<input>") -> str:
    """Decode input bytes (see ``decode_input``) and check that they are text."""
    return decode_input(data, where).text


def check_text(text: str, where: str) -> None:
    """Refuse decoded text that is binary (NULs, control characters) or only whitespace."""
    if "\x00" in text:
        raise InputError(where, "binary data (NUL characters), not a text file")
    controls = len(_CONTROL_RE.findall(text, 0, 100_000))
    if controls and controls > _MAX_CONTROL_SHARE * min(len(text), 100_000):
        raise InputError(where, "binary data (control characters), not a text file")
    if not text.strip():
        raise InputError(where, "contains only whitespace")
