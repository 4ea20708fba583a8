"""Dragoman: Persian/Arabic to English translation with an enforced glossary.

``from translate import Translator`` is the front door (``translate/translator.py``); it is imported
on first access, so ``import translate`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from translate.package_check import check_folder

if TYPE_CHECKING:
    from translate.translator import TranslationResult, Translator

from translate.version import __version__

IS_DRAGOMAN = True  # translate-toolkit's package has the same name; see translate/package_check.py

check_folder(__path__[0])

_LAZY = {"Translator", "TranslationResult"}


def __getattr__(name: str) -> Any:
    """``Translator`` and ``TranslationResult``, imported on first use."""
    if name in _LAZY:
        from translate import translator

        return getattr(translator, name)
    raise AttributeError(f"module 'translate' has no attribute {name!r}")


__all__ = ["IS_DRAGOMAN", "TranslationResult", "Translator", "__version__"]
