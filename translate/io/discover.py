"""Turn the command line's input arguments (files, folders, glob patterns, ``-``) into a list of files."""

from __future__ import annotations

import glob
from pathlib import Path

from translate.errors import InputError

_GLOB_CHARS = frozenset("*?[")


def discover_inputs(items: list[str]) -> list[Path]:
    """Files to process, in a stable order and without duplicates.

    A file is taken as it is; a folder contributes the ``*.txt`` files directly inside it, sorted
    (not its subfolders: ``seeds/`` holds ``reference/`` translations that are not inputs; write
    ``news/**/*.txt`` to recurse); a pattern (``*``, ``?``, ``[``; ``**`` recurses) contributes the
    files it matches, sorted; ``-`` (stdin) is kept as ``Path("-")``. An argument that yields
    nothing is an ``InputError`` naming it.
    """
    found: list[Path] = []
    for item in items:
        if item == "-":
            found.append(Path("-"))
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not files:
                raise InputError(item, "folder contains no .txt files")
            found.extend(files)
        elif path.is_file():
            found.append(path)
        elif _GLOB_CHARS & set(item):
            files = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not files:
                raise InputError(item, "pattern matches no files")
            found.extend(files)
        elif path.exists():
            raise InputError(item, "not a regular file")
        else:
            raise InputError(item, "no such file or folder")
    if not found:
        raise InputError("<inputs>", "no input files given")
    unique: list[Path] = []
    seen: set[str] = set()
    for path in found:
        key = str(path) if str(path) == "-" else str(path.resolve())
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
