"""Terminology metrics in the manner of the WMT 2023 terminology task.

- **term success rate**: of the confident (non-review) glossary hits in each source segment, the share
  whose approved English (the full term or its short form) appears in the hypothesis of that segment;
- **consistency**: per document, an entry hit several times should be rendered one way; an entry is
  inconsistent when its hypotheses use more than one of its English forms (approved or not);
- **unapproved**: occurrences of an entry's unapproved English variants in hypotheses.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from translate.evaluate.inputs import ScoredPair


def _pattern(forms: list[str]) -> re.Pattern[str] | None:
    forms = sorted({f.strip() for f in forms if f and f.strip()}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.IGNORECASE)


def terminology_metrics(pairs: list[ScoredPair], glossaries: list[str]) -> dict[str, Any]:
    """Term success rate, consistency and unapproved variants over source/hypothesis pairs."""
    from glossary.store import load_glossary

    glossary = load_glossary(glossaries)
    matcher = glossary.matcher()
    approved: dict[str, re.Pattern[str] | None] = {}
    unapproved: dict[str, re.Pattern[str] | None] = {}
    required = satisfied = unapproved_count = 0
    renderings: dict[tuple[str, str], set[str]] = defaultdict(set)
    misses: list[dict[str, Any]] = []
    for index, pair in enumerate(pairs):
        for hit in matcher.match(pair.source):
            if hit.review or hit.confidence < 1.0:
                continue
            entry = glossary.get(hit.entry)
            if hit.entry not in approved:
                approved[hit.entry] = _pattern([entry.english, entry.short])
                unapproved[hit.entry] = _pattern(list(entry.unapproved))
            required += 1
            good = approved[hit.entry].search(pair.hypothesis) if approved[hit.entry] else None
            bad = unapproved[hit.entry].search(pair.hypothesis) if unapproved[hit.entry] else None
            if good:
                satisfied += 1
                renderings[(pair.document, hit.entry)].add("approved")
            else:
                misses.append(
                    {"index": index, "document": pair.document, "entry": hit.entry, "required": entry.english}
                )
            if bad:
                renderings[(pair.document, hit.entry)].add(bad.group(0).lower())
    for pattern in unapproved.values():
        if pattern:
            unapproved_count += sum(len(pattern.findall(p.hypothesis)) for p in pairs)
    inconsistent = [
        {"document": doc, "entry": entry, "renderings": sorted(forms)}
        for (doc, entry), forms in sorted(renderings.items())
        if len(forms) > 1
    ]
    return {
        "glossary": glossary.label,
        "required": required,
        "satisfied": satisfied,
        "term_success_rate": round(satisfied / required, 4) if required else 1.0,
        "inconsistent": inconsistent,
        "unapproved": unapproved_count,
        "missing": misses[:50],
    }
