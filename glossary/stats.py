"""Counts for ``dragoman glossary stats``: entries per category and language, forms, ambiguity."""

from __future__ import annotations

from collections import Counter
from typing import Any

from glossary.entry import SOURCE_LANGS, Category
from glossary.model import Glossary


def glossary_stats(glossary: Glossary) -> dict[str, Any]:
    """Entries per category, entries and source forms per language, ambiguous and review-only entries."""
    entries = list(glossary)
    categories = Counter(e.category.value for e in entries)
    return {
        "glossary": glossary.label,
        "entries": len(entries),
        "categories": {c.value: categories.get(c.value, 0) for c in Category},
        "entries_per_language": {
            lang: sum(1 for e in entries if e.variants.get(lang)) for lang in SOURCE_LANGS
        },
        "source_forms": {lang: sum(len(e.variants.get(lang, [])) for e in entries) for lang in SOURCE_LANGS},
        "unapproved_variants": sum(len(e.unapproved) for e in entries),
        "with_short_form": sum(1 for e in entries if e.short),
        "ambiguous": sorted(e.id for e in entries if e.confirm or e.exclude),
        "review_only": sorted(e.id for e in entries if e.review_only),
    }
