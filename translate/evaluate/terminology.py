"""Terminology metrics in the manner of the WMT 2023 terminology task.

- **term success rate**: of the confident (enforceable) glossary hits in each source segment, the
  share whose hypothesis has an accepted English form of the hit (``translate.decoding.acceptance``: the
  form the matched source form calls for, the canonical term, the short form, the typed forms such as
  "German"; possessive, plural and a sentence-initial capital derived); every miss is listed;
- **consistency**: per document, an entry should be rendered one way; an entry is inconsistent when
  its hypotheses use more than one of its English forms (approved or not);
- **unapproved**: occurrences of entries' unapproved English variants in the hypotheses.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from glossary.matcher import EnglishFinder
from translate.decoding.acceptance import accepts
from translate.evaluate.inputs import ScoredPair


def terminology_metrics(pairs: list[ScoredPair], glossaries: list[str]) -> dict[str, Any]:
    """Term success rate, consistency and unapproved variants over source/hypothesis pairs."""
    from glossary.model import Glossary

    glossary = Glossary.load(*(glossaries or []))
    finder = EnglishFinder(glossary.entries.values())
    required = satisfied = unapproved = 0
    renderings: dict[tuple[str, str], set[str]] = defaultdict(set)
    misses: list[dict[str, Any]] = []
    for index, pair in enumerate(pairs):
        found = finder.find(pair.hypothesis)
        unapproved += sum(1 for *_, approved in found if not approved)
        forms_by_entry: dict[str, set[tuple[str, bool]]] = defaultdict(set)
        for _, _, entry_id, form, approved in found:
            forms_by_entry[entry_id].add((form, approved))
        for hit in glossary.match(pair.source):
            if hit.review or hit.confidence < 1.0:
                continue
            required += 1
            forms = forms_by_entry.get(hit.entry, set())
            entry = glossary.entry(hit.entry)
            wanted = entry.english_for(getattr(hit, "form", ""), first_in_document=False)
            if accepts(pair.hypothesis, entry.accepted_english(wanted)):
                satisfied += 1
            else:
                misses.append(
                    {
                        "index": index,
                        "document": pair.document,
                        "entry": hit.entry,
                        "source": hit.text,
                        "source_start": hit.start,
                        "source_end": hit.end,
                        "required": wanted,
                    }
                )
            for form, approved in forms:
                renderings[(pair.document, hit.entry)].add("(approved)" if approved else form)
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
        "unapproved": unapproved,
        "missing_count": len(misses),
        "missing": misses,
    }
