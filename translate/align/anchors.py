"""Anchors that tie a source sentence to its translation without a neural model: numbers and terms."""

from __future__ import annotations

import re
from collections import Counter

from translate.document.chars import TO_ASCII_DIGITS

# Persian/Arabic decimal separator (U+066B) and thousands separator (U+066C).
_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": ","})
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")


def numbers_in(text: str) -> Counter[str]:
    """The numbers in ``text`` in a script-independent form: ``۴٫۹`` and ``4.9`` both give ``"4.9"``.

    Dates are broken into their parts (``۲۶/۰۸/۲۰۰۵`` gives 26, 8 and 2005) so that a translation
    that writes the month as a word still shares the day and the year; a single slash between two
    numbers is a Persian decimal point (``۱۱/۶٪`` is 11.6%).
    """
    ascii_text = text.translate(TO_ASCII_DIGITS).translate(_SEPARATORS)
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(ascii_text):
        token = match.group(0)
        if _THOUSANDS.match(token):
            found[token.replace(",", "")] += 1
            continue
        if re.fullmatch(r"\d+/\d+", token):  # Persian writes decimals with a slash: ۱۱/۶٪ is 11.6%
            token = token.replace("/", ".")
        for part in re.split(r"[/,]", token):
            if not part:
                continue
            if "." in part:
                whole, _, frac = part.partition(".")
                found[f"{int(whole or 0)}.{frac}"] += 1
            else:
                found[str(int(part))] += 1
    return found


def overlap(a: Counter[str] | set[str], b: Counter[str] | set[str]) -> tuple[int, int]:
    """(shared, unshared) counts between two anchor collections."""
    ca, cb = Counter(a), Counter(b)
    shared = sum((ca & cb).values())
    return shared, sum(ca.values()) + sum(cb.values()) - 2 * shared
