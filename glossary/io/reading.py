"""Reading a file without ever holding more than a limit of it in memory."""

from __future__ import annotations

import stat
from pathlib import Path

from glossary.errors import DragomanError


def read_bytes_limited(
    path: str | Path, max_bytes: int, where: str, error: type[DragomanError] = DragomanError
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
