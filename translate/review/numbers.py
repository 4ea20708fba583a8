"""Numbers that should survive translation: multi-digit figures of the source missing from the English.

Digits are compared as ASCII (Persian ``۱۴۰۲`` and Arabic-Indic ``٢٠٢٣`` count as ``1402``/``2023``);
thousands separators (``,`` ``٬``) are dropped and the decimal separators ``٫``/``/`` between digits read
as ``.``. Only numbers of two or more digits are compared: one-digit numbers are often written as
words in English ("three"), and footnote markers (``<sup>1</sup>``) are left out on both sides.
Dates (three or more parts, ``26/08/2005``) are compared part by part, since English writes them in
many ways. A Solar Hijri year the English gives as a Gregorian one is reported too; a reviewer decides.
"""

from __future__ import annotations

import re
from collections import Counter

from translate.document.chars import TO_ASCII_DIGITS
from translate.document.structure import MARKER_RE

_NUMBER = re.compile(r"\d+(?:[.,٫٬/]\d+)*")
MIN_DIGITS = 2


def numbers_in(text: str) -> Counter[str]:
    """The numbers of ``text`` with at least ``MIN_DIGITS`` digits, in a canonical ASCII form."""
    plain = MARKER_RE.sub(" ", text).translate(TO_ASCII_DIGITS)
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(plain):
        for value in _canonical(match.group()):
            if sum(c.isdigit() for c in value) >= MIN_DIGITS:
                found[value] += 1
    return found


def missing_numbers(source: str, target: str) -> list[str]:
    """Source numbers (canonical form) that the English lacks, each as often as it is missing."""
    missing = numbers_in(source) - numbers_in(target)
    return sorted(missing.elements())


def _canonical(number: str) -> list[str]:
    """1,200 / 1٬200 -> 1200; 4٫9 and 11/6 (Persian decimal slash) -> 4.9, 11.6; 08 -> 8;
    a date such as 26/08/2005 -> its parts 26, 8, 2005 (English writes dates many ways)."""
    number = re.sub(r"(?<=\d)[,٬](?=\d{3}(?!\d))", "", number)
    parts = re.split(r"[.,٫٬/]", number)
    if len(parts) > 2:
        return [p.lstrip("0") or "0" for p in parts]
    number = re.sub(r"(?<=\d)[٫/,](?=\d)", ".", number)
    whole, _, fraction = number.partition(".")
    whole = whole.lstrip("0") or "0"
    return [f"{whole}.{fraction}" if fraction else whole]
