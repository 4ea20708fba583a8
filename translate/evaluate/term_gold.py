"""Glossary behaviour on real text against hand-labelled gold (``tests/data/flores_terms_gold.jsonl``).

Each gold record is a source span (``lang``, ``line``, ``start``, ``end``, ``text``) naming a glossary
``entry`` with a ``label``: ``entity`` (the span names the entry's entity), ``variant`` (it does, but
the professional English legitimately writes it another way: "USA Gymnastics", "Sino-Japanese") or
``wrong_sense`` (it does not: South America, steel cables, coconut). Measures, per language:

* **entity recall**: entity/variant spans that a hit of the same entry overlaps;
* **reference acceptance**: enforced hits whose professional English satisfies the hit
  (``translate.decoding.acceptance``), after the glossary's post-edit of unapproved variants, as the
  pipeline does to every translation (``raw``: before it);
* **wrong-sense forced**: enforced hits on a ``wrong_sense`` span, over all hits;
* **required without the entity**: enforced hits that overlap no entity/variant span of their entry;
* **forcing share** per system output: of the segments with an enforced hit, those whose output has
  neither an accepted form nor an unapproved variant (which post-editing corrects) of some enforced
  hit: what CTranslate2 re-decodes (``translate.terms.constraints.forcing_forms``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.protocols import TermMatcher
from translate.decoding.acceptance import accepts
from translate.errors import InputError
from translate.terms.constraints import ConstraintPlanner, PlannedHit, forcing_forms, unapproved_forms
from translate.terms.postedit import TermForms, post_edit

LABELS = ("entity", "variant", "wrong_sense")


@dataclass(frozen=True)
class GoldSpan:
    """One labelled source span."""

    lang: str
    line: int
    start: int
    end: int
    text: str
    entry: str
    label: str


def load_gold(path: str | Path) -> list[GoldSpan]:
    """The gold records of a JSONL file; ``InputError`` naming the line for a malformed one."""
    spans = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            span = GoldSpan(**{k: data[k] for k in GoldSpan.__dataclass_fields__})
        except (ValueError, KeyError, TypeError) as err:
            raise InputError(f"{path}:{number}", f"bad gold record ({err})") from None
        if span.label not in LABELS:
            raise InputError(f"{path}:{number}", f"label must be one of {', '.join(LABELS)}")
        spans.append(span)
    return spans


def _overlaps(hit: PlannedHit, span: GoldSpan) -> bool:
    return hit.entry.id == span.entry and hit.start < span.end and span.start < hit.end


def _satisfied(hit: PlannedHit, text: str, hits: list[PlannedHit], edit: bool) -> bool:
    if edit:
        forms = [
            TermForms(h.entry.id, h.required, tuple(unapproved_forms(h.entry))) for h in hits if h.enforced
        ]
        text = post_edit(text, forms)[0]
    return accepts(text, hit.accepted or hit.required)


def measure(
    glossary: TermMatcher,
    lang: str,
    sources: list[str],
    reference: list[str],
    gold: list[GoldSpan],
    systems: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The measures above for one source language (``sources``/``reference``/outputs line-aligned)."""
    by_line: dict[int, list[GoldSpan]] = {}
    for span in gold:
        if span.lang == lang:
            by_line.setdefault(span.line, []).append(span)
    planned = [ConstraintPlanner(glossary, lang).hits(text, lang) for text in sources]
    hits = [h for line in planned for h in line]
    enforced = [(i, h) for i, line in enumerate(planned) for h in line if h.enforced]
    entities = [s for s in gold if s.lang == lang and s.label != "wrong_sense"]
    found = sum(1 for s in entities if any(_overlaps(h, s) for h in planned[s.line]))
    wrong = [
        (i, h)
        for i, h in enforced
        if any(_overlaps(h, s) and s.label == "wrong_sense" for s in by_line.get(i, []))
    ]
    absent = [
        (i, h)
        for i, h in enforced
        if not any(_overlaps(h, s) and s.label != "wrong_sense" for s in by_line.get(i, []))
    ]
    accepted = sum(1 for i, h in enforced if _satisfied(h, reference[i], planned[i], edit=True))
    raw = sum(1 for i, h in enforced if _satisfied(h, reference[i], planned[i], edit=False))
    constrained = [i for i, line in enumerate(planned) if any(h.enforced for h in line)]
    forcing: dict[str, dict[str, Any]] = {}
    for name, outputs in (systems or {}).items():
        forced = [
            i
            for i in constrained
            if not all(accepts(outputs[i], forcing_forms(h)) for h in planned[i] if h.enforced)
        ]
        forcing[name] = {
            "forced": len(forced),
            "share": _share(len(forced), len(constrained)),
            "lines": forced,
        }
    return {
        "lang": lang,
        "segments": len(sources),
        "constrained_segments": len(constrained),
        "hits": len(hits),
        "enforced": len(enforced),
        "gold_entities": len(entities),
        "entity_recall": _share(found, len(entities)),
        "reference_acceptance": _share(accepted, len(enforced)),
        "reference_acceptance_raw": _share(raw, len(enforced)),
        "wrong_sense_forced": len(wrong),
        "wrong_sense_forced_share": _share(len(wrong), len(hits), empty=0.0),
        "required_without_entity": len(absent),
        "required_without_entity_share": _share(len(absent), len(enforced), empty=0.0),
        "forcing": forcing,
        "not_accepted": [
            {"line": i, "entry": h.entry.id, "source": h.source_text, "required": h.required}
            for i, h in enforced
            if not _satisfied(h, reference[i], planned[i], edit=True)
        ],
    }


def _share(part: int, whole: int, empty: float = 1.0) -> float:
    return round(part / whole, 4) if whole else empty
