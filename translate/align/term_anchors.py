"""Glossary terms as alignment anchors: an entry hit in the source and any English form of it."""

from __future__ import annotations

from collections import Counter

from glossary.matcher import EnglishFinder


class GlossaryTermAnchors:
    """Entry ids found on either side, through the glossary matcher and the entries' English forms."""

    def __init__(self, glossary, source_lang: str | None = None) -> None:
        self._matcher = glossary.matcher()
        self._lang = source_lang
        self._english = EnglishFinder(glossary.entries.values())

    def source(self, text: str) -> Counter[str]:
        """Entries matched in Persian/Arabic text (review-only hits included: they still anchor)."""
        return Counter(hit.entry for hit in self._matcher.match(text, self._lang))

    def target(self, text: str) -> Counter[str]:
        """Entries whose English form appears in ``text``."""
        return Counter(entry for _, _, entry, _, _ in self._english.find(text))


def glossary_term_anchors(paths: list[str], source_lang: str | None = None) -> GlossaryTermAnchors:
    """Anchors from the default glossary plus the user's files."""
    from glossary.model import Glossary

    return GlossaryTermAnchors(Glossary.load(*(paths or [])), source_lang)
