"""The one rule that decides whether an English text satisfies a glossary hit.

A hit is satisfied when any of its **accepted forms** (``glossary.entry.Entry.accepted_english``:
the required string, the canonical term, the short form and the typed forms such as the adjective
"German" or the people "Germans") occurs in the text:

* as whole words (``Russia`` is not in ``Russian``; ``CSTO`` is not in ``CSTOX``);
* in its own case, or with a capital first letter at the start of a sentence (``al-Qaeda`` ->
  ``Al-Qaeda`` after a full stop);
* followed by a possessive (``'s``, ``’s``, ``s'``) or a plural (``s``, ``es``; ``y`` -> ``ies``).

The term report, post-editing, ``dragoman evaluate``, the transformers constrained decoder and the
CTranslate2 prefix forcing all call ``find_accepted``/``accepts``; nothing else decides.
While decoding (``final=False``) an occurrence at the very end of the text does not count yet: the
next token could still glue a suffix onto it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

_SENTENCE_START = re.compile(r"(?:^|[.!?:;…]\s+|[\"“«(]\s*)$")
_ENDING = r"(?:['’]s|s['’]|e?s)?"


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str]:
    first = form[0]
    head = f"[{re.escape(first)}{re.escape(first.upper())}]" if first.islower() else re.escape(first)
    body = re.escape(form[1:])
    if form.endswith("y") and len(form) > 2:
        tail = rf"(?:{body}{_ENDING}|{re.escape(form[1:-1])}ies)"
    else:
        tail = body + _ENDING
    left = r"(?<!\w)" if first.isalnum() else ""
    right = r"(?!\w)" if form[-1].isalnum() else ""
    return re.compile(f"{left}{head}{tail}{right}")


def find_accepted(text: str, forms: Iterable[str], final: bool = True) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of every accepted form in ``text`` (without ending), in text order;
    where spans overlap the longest wins."""
    found: list[tuple[int, int, str]] = []
    for form in dict.fromkeys(f.strip() for f in forms):
        if not form:
            continue
        for match in _pattern(form).finditer(text):
            start = match.start()
            if text[start] != form[0] and not _SENTENCE_START.search(text[:start]):
                continue
            if not final and match.end() == len(text):
                continue
            found.append((start, start + len(form), form))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str]] = []
    for span in found:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def accepts(text: str, forms: Sequence[str] | str, final: bool = True) -> bool:
    """Whether ``text`` satisfies a hit whose accepted forms are ``forms`` (a single string: itself)."""
    return bool(find_accepted(text, [forms] if isinstance(forms, str) else forms, final))
