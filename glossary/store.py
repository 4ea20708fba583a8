"""Loading the default glossary plus user files, and safe edits of a user file.

Edits (``add``/``edit``/``remove``/``import``) read-modify-write one file under a ``filelock``
lock (``FILE.lock`` beside the real file: a symlinked glossary is edited at its target, and the
link stays) and replace it atomically (temporary file in the same folder + ``os.replace``),
so two processes adding at once lose nothing and a crash never leaves half a file. The shipped
default glossary is never written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from glossary.entry import Entry
from glossary.errors import DragomanError, GlossaryError
from glossary.files import (  # noqa: F401  (reading lives in glossary.files; these names stay importable here)
    MAX_GLOSSARY_BYTES,
    default_path,
    read_bytes,
    read_default_entries,
    read_entries,
    read_text,
    read_with_report,
)
from glossary.formats import get_format
from glossary.io.atomic import atomic_write_text
from glossary.model import Glossary

DEFAULT_USER_FILE = "glossary.tsv"
LOCK_TIMEOUT_S = 30


def with_working_glossary(paths: list[Path]) -> list[Path]:
    """``paths``, or, when none are given, ``./glossary.tsv`` if the working folder has one (the file
    ``dragoman glossary add`` writes there), so it is used without ``-g``."""
    if paths:
        return paths
    working = Path(DEFAULT_USER_FILE)
    return [working] if working.is_file() else []


def describe_glossaries(paths: list[Path], include_default: bool = True) -> str:
    """One line naming the glossary files in force, for the commands that use them."""
    names = (["the default glossary"] if include_default else []) + [str(p) for p in paths]
    working = [p for p in paths if Path(p) == Path(DEFAULT_USER_FILE)]
    note = f" ({working[0]} found in the working folder)" if working else ""
    return "glossary: " + " + ".join(names or ["none"]) + note


def load_glossary(paths: list[str] | list[Path] | None = None, include_default: bool = True) -> Glossary:
    """The default glossary (unless ``include_default`` is false) layered with ``paths`` in order."""
    return Glossary.load(*(paths or []), include_default=include_default)


def is_default(path: str | Path) -> bool:
    """Whether ``path`` is the shipped default glossary."""
    try:
        return Path(path).resolve() == default_path().resolve()
    except OSError:
        return False


def real_path(path: str | Path) -> Path:
    """The file an edit changes: a symlink's target (the link stays a link), one name per real file."""
    return Path(os.path.realpath(path))


@contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold the edit lock of ``path``: one lock file per real file (``REAL.lock``), whatever name,
    relative path or symlink the caller used."""
    lock = FileLock(f"{real_path(path)}.lock", timeout=LOCK_TIMEOUT_S)
    try:
        lock.acquire()
    except Timeout:
        raise GlossaryError(str(path), f"locked by another process for more than {LOCK_TIMEOUT_S}s") from None
    except OSError as err:
        raise GlossaryError(
            str(path), f"cannot lock for editing ({err.strerror or err}); is its folder writable?"
        ) from None
    try:
        yield
    finally:
        lock.release()


def write_atomic(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically (temp file in the same folder, then ``os.replace``)."""
    try:
        atomic_write_text(path, text)
    except DragomanError as err:
        raise GlossaryError(err.where, err.problem) from None


def update_file(path: str | Path, change: Callable[[list[Entry]], list[Entry]]) -> list[Entry]:
    """Read ``path`` (empty when missing), apply ``change`` and write the result, under the lock."""
    path = Path(path)
    if is_default(path):
        raise GlossaryError(str(path), "the shipped default glossary is read-only; edit a user file (--file)")
    if path.parent and not path.parent.is_dir():
        raise GlossaryError(str(path), "folder does not exist")
    fmt = get_format(None, path)
    target = real_path(path)  # through a symlink: edit the file it points to, keep the link
    with locked(path):
        entries = read_entries(path) if path.exists() else []
        updated = change(list(entries))
        write_atomic(target, fmt.write(updated))
    return updated


def upsert(entries: list[Entry], new: Entry) -> list[Entry]:
    """``entries`` with ``new`` replacing the same id in place, or appended."""
    for k, entry in enumerate(entries):
        if entry.id == new.id:
            entries[k] = new
            return entries
    entries.append(new)
    return entries
