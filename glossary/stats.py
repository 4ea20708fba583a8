"""Counts for ``dragoman glossary stats``: entries per category, country and language, forms, ambiguity."""

from __future__ import annotations

from collections import Counter
from typing import Any

from glossary.entry import SOURCE_LANGS, Category
from glossary.model import Glossary


def glossary_stats(glossary: Glossary) -> dict[str, Any]:
    """Entries per category and per country and category, entries and source forms per language,
    curated and generated extra forms, ambiguous and review-only entries."""
    entries = list(glossary)
    categories = Counter(e.category.value for e in entries)
    return {
        "glossary": glossary.label,
        "entries": len(entries),
        "categories": {c.value: categories.get(c.value, 0) for c in Category},
        "countries": coverage_by_country(glossary),
        "entries_per_language": {
            lang: sum(1 for e in entries if e.variants.get(lang)) for lang in SOURCE_LANGS
        },
        "source_forms": {lang: sum(len(e.variants.get(lang, [])) for e in entries) for lang in SOURCE_LANGS},
        "extra_forms": extra_form_counts(glossary),
        "unapproved_variants": sum(len(e.unapproved) for e in entries),
        "with_short_form": sum(1 for e in entries if e.short),
        "ambiguous": sorted(e.id for e in entries if e.confirm or e.exclude),
        "review_only": sorted(e.id for e in entries if e.review_only),
    }


def coverage_by_country(glossary: Glossary) -> dict[str, dict[str, int]]:
    """Country (``facets.tsv``: ISO code, ``intl``, ``other``) -> category -> entries, with a
    ``total``; entries of user files that replace none of the default's count as ``other``."""
    from glossary.supplement import default_facets

    facets = default_facets()
    table: dict[str, Counter] = {}
    for entry in glossary:
        facet = facets.get(entry.id)
        country = facet.country if facet else "other"
        table.setdefault(country, Counter())[entry.category.value] += 1
    ordered = sorted(table, key=lambda c: (-sum(table[c].values()), c))
    return {c: {**dict(sorted(table[c].items())), "total": sum(table[c].values())} for c in ordered}


def extra_form_counts(glossary: Glossary) -> dict[str, int]:
    """Forms of ``variants.tsv`` now in force per origin (``curated``, ``rule:…``, ``cldr:…``)."""
    from glossary.fold import fold
    from glossary.supplement import default_supplement

    counts: Counter = Counter()
    for form in default_supplement():
        entry = glossary.get(form.id)
        if entry is not None and fold(form.form) in {fold(v) for v in entry.variants.get(form.lang, [])}:
            counts[form.origin] += 1
    return dict(sorted(counts.items()))
