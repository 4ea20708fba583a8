"""Character tables for Persian and Arabic text, shared by normalization and the glossary matcher."""

from __future__ import annotations

ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"

# Arabic letters that Persian text should write with their Persian forms.
ARABIC_YEH = "\u064a"  # ي
ALEF_MAKSURA = "\u0649"  # ى
PERSIAN_YEH = "\u06cc"  # ی
ARABIC_KAF = "\u0643"  # ك
PERSIAN_KAF = "\u06a9"  # ک
HEH_GOAL = "\u06c1"  # ہ (OCR slip for ه)
HEH = "\u0647"  # ه
TEH_MARBUTA = "\u0629"  # ة

# Harakat and other combining marks that carry no identity for matching.
DIACRITICS = frozenset(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])

# Bidirectional control characters: invisible, and dangerous in review output.
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

ALEF_VARIANTS = "\u0622\u0623\u0625\u0671"  # آ أ إ ٱ -> ا
ALEF = "\u0627"

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"

TO_ASCII_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, ASCII_DIGITS * 2)


def is_arabic_script(ch: str) -> bool:
    """True for letters of the Arabic script (Persian and Arabic alike)."""
    cp = ord(ch)
    return (
        0x0600 <= cp <= 0x06FF
        or 0x0750 <= cp <= 0x077F
        or 0x08A0 <= cp <= 0x08FF
        or 0xFB50 <= cp <= 0xFDFF
        or 0xFE70 <= cp <= 0xFEFF
    ) and ch.isalpha()


def is_latin(ch: str) -> bool:
    """True for Latin-script letters."""
    return ch.isalpha() and ord(ch) < 0x0250
