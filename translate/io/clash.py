"""Outputs never overwrite inputs: one check every command calls before it writes anything."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from translate.errors import DragomanError


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (symlinks and hard links included); false for ``-``."""
    if "-" in (str(a), str(b)):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def refuse_overwriting(output: str | Path | None, inputs: Iterable[str | Path], option: str = "-o") -> None:
    """``DragomanError`` naming ``output`` when it is one of ``inputs``."""
    if output is None:
        return
    for item in inputs:
        if same_file(output, item):
            raise DragomanError(str(output), f"{option} would overwrite the input {item}; write elsewhere")
