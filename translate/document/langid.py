"""Persian/Arabic/English language identification; defined in ``glossary.text.langid`` (the bottom
layer, which the glossary matcher also uses) and re-exported here."""

from __future__ import annotations

from glossary.text.langid import SAMPLE_CHARS, LanguageEvidence, decide, detect_language, language_evidence

__all__ = ["SAMPLE_CHARS", "LanguageEvidence", "decide", "detect_language", "language_evidence"]
