"""Atomic file writes: a temporary file in the target's folder, fsync, then ``os.replace``.

Readers never see a half-written output, and an interrupted run leaves the previous file intact.
A process killed outright (SIGKILL, power loss) can leave its hidden temporary file
(``.NAME.HOST-PID.XXXXXXXX.tmp``) behind; ``remove_stale_temporaries`` clears those for one target,
and the batch runner calls it for every output before it skips or writes it. Each temporary name
carries the writer's host and process id, so a run removes only temporaries of processes on its
host that are gone, never those another live run is writing into the same folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from translate.errors import DragomanError


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (creating parent folders); ``DragomanError`` on failure."""
    with atomic_writer(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` piece by piece: the pieces go to a temporary file that
    replaces ``path`` when the block ends without an exception (else it is deleted and ``path`` is
    untouched); ``DragomanError`` when the file cannot be written."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise DragomanError(str(target), "is a folder; cannot write output there")
        mode = _mode_for(target)
        prefix = f".{target.name}.{_owner()}."
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp_name, mode)
            os.replace(tmp_name, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        _fsync_dir(target.parent)
    except OSError as err:
        raise DragomanError(str(target), f"cannot write output ({err.strerror or err})") from None


def remove_stale_temporaries(path: str | Path) -> list[Path]:
    """Delete the hidden temporary files an interrupted ``atomic_write_bytes(path)`` left behind."""
    target = Path(path)
    removed = []
    for leftover in target.parent.glob(f".{target.name}.*.tmp") if target.parent.is_dir() else []:
        if _writer_alive(leftover.name[len(target.name) + 2 : -len(".tmp")]):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def _owner() -> str:
    """``HOST-PID`` of this process, as written into temporary names (no dots, so it parses back)."""
    host = re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:40] or "host"
    return f"{host}-{os.getpid()}"


def _writer_alive(middle: str) -> bool:
    """Whether the temporary whose name has ``middle`` (``HOST-PID.XXXXXXXX``) is still being written.

    A name from another host is left alone (its writer cannot be checked from here); a name without
    an owner comes from a version that did not record one and is removed as before.
    """
    owner = middle.rsplit(".", 1)[0] if "." in middle else ""
    host, _, pid = owner.rpartition("-")
    if not host or not pid.isdigit():
        return False
    if host != _owner().rpartition("-")[0]:
        return True
    if int(pid) == os.getpid():
        return True  # another thread of this process may be writing it
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by another user
    return True


def atomic_write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` atomically; line endings are written exactly as they are in ``text``."""
    atomic_write_bytes(path, text.encode(encoding))


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 minus the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable where the platform allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
