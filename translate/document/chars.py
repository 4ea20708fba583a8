"""Character tables for Persian and Arabic text; defined in ``glossary.text.chars`` (the bottom
layer, which the glossary matcher also uses) and re-exported here."""

from __future__ import annotations

from glossary.text.chars import (
    ALEF,
    ALEF_MAKSURA,
    ALEF_VARIANTS,
    ARABIC_INDIC_DIGITS,
    ARABIC_KAF,
    ARABIC_YEH,
    ASCII_DIGITS,
    BIDI_CONTROLS,
    DIACRITICS,
    HEH,
    HEH_GOAL,
    PERSIAN_DIGITS,
    PERSIAN_KAF,
    PERSIAN_YEH,
    TATWEEL,
    TEH_MARBUTA,
    TO_ASCII_DIGITS,
    ZWJ,
    ZWNJ,
    is_arabic_script,
    is_latin,
)

__all__ = [
    "ALEF",
    "ALEF_MAKSURA",
    "ALEF_VARIANTS",
    "ARABIC_INDIC_DIGITS",
    "ARABIC_KAF",
    "ARABIC_YEH",
    "ASCII_DIGITS",
    "BIDI_CONTROLS",
    "DIACRITICS",
    "HEH",
    "HEH_GOAL",
    "PERSIAN_DIGITS",
    "PERSIAN_KAF",
    "PERSIAN_YEH",
    "TATWEEL",
    "TEH_MARBUTA",
    "TO_ASCII_DIGITS",
    "ZWJ",
    "ZWNJ",
    "is_arabic_script",
    "is_latin",
]
