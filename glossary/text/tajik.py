"""Tajik letters and the look-alikes old fonts and keyboards put in their place.

``translate.document.tajik`` tells Tajik from Russian and repairs Tajik letters for the model; the
glossary folds the same look-alikes when it matches terms (``glossary.fold``).
"""

from __future__ import annotations

TAJIK_LETTERS = frozenset("ғӣқӯҳҷҒӢҚӮҲҶ")

# Look-alikes and legacy substitutes -> the Tajik letter (lower and upper case).
LOOKALIKES: dict[str, str] = {
    "ќ": "қ",
    "Ќ": "Қ",  # Macedonian kje (cp1251-era Tajik fonts)
    "ҡ": "қ",
    "Ҡ": "Қ",  # Bashkir qa
    "ӄ": "қ",
    "Ӄ": "Қ",  # ka with hook
    "ѓ": "ғ",
    "Ѓ": "Ғ",  # Macedonian gje
    "ӻ": "ғ",
    "Ӻ": "Ғ",  # ghe with stroke and hook
    "ў": "ӯ",
    "Ў": "Ӯ",  # Belarusian short u
    "ӽ": "ҳ",
    "Ӽ": "Ҳ",  # ha with hook
    "ӌ": "ҷ",
    "Ӌ": "Ҷ",  # Khakas che
    "ҹ": "ҷ",
    "Ҹ": "Ҷ",  # che with vertical stroke
}
