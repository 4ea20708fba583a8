"""The one error type users see: a file (or other input) and the problem, on one line.

``DragomanError`` and ``GlossaryError`` are defined in ``glossary.errors`` (the bottom layer) and
re-exported here; this module adds the errors of the translation side.
"""

from __future__ import annotations

from glossary.errors import DragomanError, GlossaryError

__all__ = ["DragomanError", "GlossaryError", "InputError", "ModelNotFoundError"]


class InputError(DragomanError):
    """Input text that cannot be used: empty, binary, undecodable, oversized, wrong language."""


class ModelNotFoundError(DragomanError):
    """A model that is neither a local directory nor in the Hugging Face cache."""
