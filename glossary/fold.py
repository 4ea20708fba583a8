"""Matching normalization: fold Persian/Arabic spelling variation and keep a map back to the original.

Folding drops what carries no identity for a name (ZWNJ/ZWJ, spaces, tatweel, diacritics, hamza on
its own, bidi controls, quotes and hyphens), maps letter variants to one form (Arabic yeh/alef
maksura/yeh-hamza → ی, Arabic kaf → ک, teh marbuta/heh goal → ه, waw-hamza → و, آ أ إ ٱ → ا; the
look-alikes of Tajik letters → the Tajik letter),
Persian and Arabic-Indic digits to ASCII, and lowercases. Line breaks and tabs are kept, so a term
never runs across lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.text import chars as C
from glossary.text.tajik import LOOKALIKES as TAJIK_LOOKALIKES

# Characters removed before matching. They may sit inside a term (its span keeps them).
SKIPPED: frozenset[str] = (
    frozenset(" \u200c\u200d\u0640\u00a0\"“”«»'‘’-–—‐″") | C.DIACRITICS | C.BIDI_CONTROLS
)
_DROPPED = SKIPPED | {"\u0621"}  # hamza on its own is dropped too, but still counts as a letter

_LETTER_MAP: dict[str, str] = {
    C.ARABIC_YEH: C.PERSIAN_YEH,
    C.ALEF_MAKSURA: C.PERSIAN_YEH,
    "\u0626": C.PERSIAN_YEH,  # ئ
    C.ARABIC_KAF: C.PERSIAN_KAF,
    C.HEH_GOAL: C.HEH,
    C.TEH_MARBUTA: C.HEH,
    "\u0624": "\u0648",  # ؤ -> و
    **{alef: C.ALEF for alef in C.ALEF_VARIANTS},
    **{d: str(i) for i, d in enumerate(C.PERSIAN_DIGITS)},
    **{d: str(i) for i, d in enumerate(C.ARABIC_INDIC_DIGITS)},
    **TAJIK_LOOKALIKES,  # ќ -> қ, ѓ -> ғ, ў -> ӯ ...: legacy Tajik fonts
}
_TABLE = str.maketrans({**_LETTER_MAP, **{ch: None for ch in _DROPPED}})

_DROPPED_CODES = sorted(ord(ch) for ch in _DROPPED)
_NUMPY_FROM = 20_000  # characters

# Separators between context words (see ``words``).
_WORD_RE = re.compile(r"[^\s\.,،؛;:!?()\[\]«»\"“”]+")


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the index of the original character."""

    text: str
    index: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the folded ``[start, end)`` (first to last kept character)."""
        return self.index[start], self.index[end - 1] + 1


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)


def fold(text: str) -> str:
    """The folded form of ``text`` (no offset map): for glossary variants and context words."""
    return _lower(text.translate(_TABLE))


def fold_with_index(text: str) -> Folded:
    """Fold ``text`` and remember where each folded character came from."""
    folded = _lower(text.translate(_TABLE))
    if len(folded) == len(text):
        return Folded(folded, list(range(len(text))))
    if len(text) < _NUMPY_FROM:
        return Folded(folded, [i for i, ch in enumerate(text) if ch not in _DROPPED])
    import numpy as np  # long texts: vectorized (numpy comes with torch/transformers)

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    kept = ~np.isin(codes, _DROPPED_CODES)
    return Folded(folded, np.flatnonzero(kept).tolist())


def fold_char(ch: str) -> str:
    """One character folded (``""`` when dropped)."""
    return fold(ch)


def is_letter(ch: str) -> bool:
    """A letter for word boundaries (diacritics, ZWNJ and tatweel are not letters)."""
    return ch.isalpha() and ch not in SKIPPED


def is_digit(ch: str) -> bool:
    """A digit of any script."""
    return ch.isdigit()


def words(text: str) -> list[str]:
    """Folded words of ``text`` (split on spaces and punctuation), for context windows."""
    tokens = _WORD_RE.findall(text)
    return [w for w in fold("\n".join(tokens)).split("\n") if w] if tokens else []
