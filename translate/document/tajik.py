"""Tajik (Persian in Cyrillic): telling it from Russian, and repairing its letters for the model.

Tajik writes six letters Russian lacks (ғ ӣ қ ӯ ҳ ҷ) and, since the 1998 reform, none of щ ы ь ц;
Russian writes those four constantly. That is enough to tell a paragraph of one from the other:
Tajik letters make Tajik, Russian-only letters or words with no Tajik letter make Russian.

Tajik text from old fonts and keyboards often carries look-alikes of its letters: the Macedonian
ќ/ѓ, the Belarusian ў, Bashkir and Khakas hooked letters, or и/у followed by a combining macron.
``normalize_tajik`` maps them to the Tajik letters the model was trained on (model input only).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from glossary.text.tajik import LOOKALIKES, TAJIK_LETTERS

RUSSIAN_ONLY_LETTERS = frozenset("щыьцЩЫЬЦ")
__all__ = [
    "LOOKALIKES",
    "RUSSIAN_ONLY_LETTERS",
    "TAJIK_LETTERS",
    "CyrillicEvidence",
    "cyrillic_evidence",
    "normalize_tajik",
    "tajik_or_russian",
]

_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")

_LOOKALIKE_TABLE = str.maketrans(LOOKALIKES)
# и/у + combining macron (U+0304), which NFC does not compose, -> ӣ/ӯ.
_MACRON_RE = re.compile("([иИуУ])\u0304")
_MACRON = {"и": "ӣ", "И": "Ӣ", "у": "ӯ", "У": "Ӯ"}


@dataclass(frozen=True)
class CyrillicEvidence:
    """Counts behind a Tajik/Russian decision."""

    cyrillic_letters: int
    tajik_letters: int
    russian_letters: int

    @property
    def language(self) -> str:
        """``"tg"``, ``"ru"`` or ``""`` (no Cyrillic at all)."""
        if not self.cyrillic_letters:
            return ""
        if self.tajik_letters and self.tajik_letters >= self.russian_letters:
            return "tg"
        if self.russian_letters:
            return "ru"
        return ""  # no telling letter (a heading, a name): the document decides


def cyrillic_evidence(text: str) -> CyrillicEvidence:
    """Cyrillic, Tajik-only (look-alikes included) and Russian-only letters in ``text``."""
    sample = text[:20_000]
    cyrillic = len(_CYRILLIC_RE.findall(sample))
    if not cyrillic:
        return CyrillicEvidence(0, 0, 0)
    tajik = sum(1 for ch in sample if ch in TAJIK_LETTERS or ch in LOOKALIKES)
    tajik += len(_MACRON_RE.findall(sample))
    russian = sum(1 for ch in sample if ch in RUSSIAN_ONLY_LETTERS)
    return CyrillicEvidence(cyrillic, tajik, russian)


def tajik_or_russian(text: str) -> str:
    """``"tg"`` for Tajik, ``"ru"`` for Russian, ``""`` when ``text`` has too little Cyrillic to tell."""
    return cyrillic_evidence(text).language


def normalize_tajik(text: str) -> str:
    """Tajik letters for their look-alikes and for и/у + combining macron; NFC otherwise."""
    out = _MACRON_RE.sub(lambda m: _MACRON[m.group(1)], text)
    return unicodedata.normalize("NFC", out).translate(_LOOKALIKE_TABLE)
