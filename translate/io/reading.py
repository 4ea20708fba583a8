"""Read one input text (a file or stdin) into a ``str``, or fail with a one-line ``InputError``.

Accepted encodings: UTF-8 with or without a byte-order mark, and UTF-16/UTF-32 with a byte-order mark.
The BOM is removed and nothing else is changed (CRLF line endings are kept as they are), so character
offsets computed on the returned text refer to the file as the user sees it.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from pathlib import Path

from translate.errors import DragomanError, InputError

DEFAULT_MAX_BYTES = 20_000_000

# BOMs, longest first (the UTF-32-LE BOM starts with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

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
    where = source_name(path)
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        data = read_bytes_limited(path, max_bytes, where, InputError)
    if len(data) > max_bytes:
        raise InputError(where, f"input is too large (more than {max_bytes:,} bytes)")
    return decode_text(data, where)


def read_bytes_limited(
    path: str | Path, max_bytes: int, where: str, error: type[DragomanError] = InputError
) -> bytes:
    """At most ``max_bytes + 1`` bytes of ``path``, never more, whatever it is: a regular file, a
    character device (``/dev/zero``), a ``/proc`` file that never ends. FIFOs and sockets are
    refused (opening one waits for a writer); ``error(where, problem)`` for every failure."""
    file = Path(path)
    try:
        mode = file.stat().st_mode
    except FileNotFoundError:
        raise error(where, "no such file") from None
    except OSError as err:
        raise error(where, f"cannot be read ({err.strerror or err})") from None
    if stat.S_ISDIR(mode):
        raise error(where, "is a folder, not a text file")
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise error(where, "is a FIFO or socket, not a regular file")
    if stat.S_ISREG(mode) and file.stat().st_size > max_bytes:
        raise error(where, f"file is too large ({file.stat().st_size:,} bytes; the limit is {max_bytes:,})")
    try:
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise error(where, "permission denied") from None
    except OSError as err:
        raise error(where, f"cannot be read ({err.strerror or err})") from None
    if len(data) > max_bytes:
        raise error(where, f"input is too large (more than {max_bytes:,} bytes)")
    return data


def decode_text(data: bytes, where: str = "<input>") -> str:
    """Decode input bytes as described in the module docstring and check that they are text."""
    if not data:
        raise InputError(where, "file is empty")
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    else:
        if b"\x00" in data:
            raise InputError(
                where, "binary data (NUL bytes), not a text file; UTF-16 needs a byte-order mark"
            )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            where,
            f"not valid {encoding.upper()} (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "save the file as UTF-8",
        ) from None
    if "\x00" in text:
        raise InputError(where, "binary data (NUL characters), not a text file")
    controls = len(_CONTROL_RE.findall(text, 0, 100_000))
    if controls and controls > _MAX_CONTROL_SHARE * min(len(text), 100_000):
        raise InputError(where, "binary data (control characters), not a text file")
    if not text.strip():
        raise InputError(where, "contains only whitespace")
    return text
