"""The one check for options that take one of a fixed set of values."""

from __future__ import annotations

from collections.abc import Sequence

from translate.errors import DragomanError


def check_choice(option: str, value: str, choices: Sequence[str]) -> str:
    """``value`` when it is one of ``choices``, else a one-line error naming ``option``."""
    if value not in choices:
        raise DragomanError(option, f"unknown value {value!r}; choose one of {', '.join(choices)}")
    return value
