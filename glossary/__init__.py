"""The Dragoman domain glossary: a standalone termbase library (entries, file formats, matcher, store,
validation and maintenance). It imports nothing from ``translate``; the basics both packages use live
here: ``errors``, ``io`` (atomic writes, size-limited reading, spreadsheet cells), ``text`` (Arabic-script
characters, Tajik look-alikes, language id), ``languages`` and ``protocols``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glossary.model import Glossary

__all__ = ["Glossary"]


def __getattr__(name: str) -> Any:
    """``Glossary`` (``Glossary.load(...)`` is the entry point), imported on first use."""
    if name == "Glossary":
        from glossary.model import Glossary

        return Glossary
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")
