"""Per-segment constraints from glossary hits, with first-mention tracking across a document.

A hit is **enforced** when it is confident (``confidence >= MIN_CONFIDENCE``) and neither the hit
nor its entry is marked for review; other hits are only reported (status ``review``).

The required English comes from ``Entry.english_for(form, first_in_document)``: a hit on a typed
source form (``adjective: آلمانی``) requires the English form of that type ("German"); otherwise an entry with
``first_mention=full_then_short`` requires ``Collective Security Treaty Organization (CSTO)`` at its
first enforced hit in the document and ``CSTO`` after it. Segments must be planned in document order.

Each distinct required string is one constraint for its segment (a term that occurs twice in a
sentence must appear at least once; both hits are reported against that occurrence).
"""

from __future__ import annotations

from dataclasses import dataclass

from glossary.entry import Entry, FirstMention
from glossary.protocols import EntryLookup, TermHit, TermMatcher

MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class PlannedHit:
    """A glossary hit in a segment, with the English it requires."""

    entry: Entry
    start: int  # document offsets
    end: int
    source_text: str
    confidence: float
    required: str
    enforced: bool  # False: reported for review only
    first_mention: bool = False
    form: str = ""  # the type of source form matched ("" for the entry's own variants)
    accepted: tuple[str, ...] = ()  # every English form that satisfies the hit (``required`` first)


def _entry_of(hit: TermHit, glossary: TermMatcher) -> Entry:
    """The entry of ``hit``: carried by the hit, or looked up by its id in ``glossary``."""
    if isinstance(hit.entry, Entry):
        return hit.entry
    found = glossary.get(hit.entry) if isinstance(glossary, EntryLookup) else None
    if isinstance(found, Entry):
        return found
    raise TypeError(f"glossary hit without an entry: {hit!r}")


def is_enforced(hit: TermHit, entry: Entry) -> bool:
    """Whether a hit is confident enough to force its English into the output."""
    return hit.confidence >= MIN_CONFIDENCE and not hit.review and not entry.review_only


def unapproved_forms(entry: Entry) -> list[str]:
    """English variants of ``entry`` that post-editing replaces."""
    return [v for v in entry.unapproved if v.strip()]


def forcing_forms(hit: PlannedHit) -> list[str]:
    """What spares a hit from forcing: any accepted form, or an unapproved variant (post-editing
    turns that into the required form after decoding, at no model cost)."""
    return list(dict.fromkeys([*(hit.accepted or (hit.required,)), *unapproved_forms(hit.entry)]))


def fallback_forms(entry: Entry, required: str) -> list[str]:
    """Approved forms that post-editing turns into ``required`` when the required one is missing.

    At a first mention (``Full Name (SHORT)``) a bare full name or short form is completed; after it
    the full name becomes the short form.
    """
    forms = []
    if entry.short and entry.first_mention is FirstMention.FULL_THEN_SHORT:
        if required != entry.short:
            forms = [entry.english, entry.short]
        else:
            forms = [entry.english]
    elif entry.short and entry.first_mention is FirstMention.SHORT:
        forms = [entry.english]
    return [f for f in forms if f and f != required]


class ConstraintPlanner:
    """Finds the glossary hits of each segment and what English they require, in document order."""

    def __init__(self, glossary: TermMatcher, default_lang: str = "fa") -> None:
        self.glossary = glossary
        self.default_lang = default_lang
        self._seen: set[str] = set()

    def hits(self, text: str, lang: str, offset: int = 0) -> list[PlannedHit]:
        """Hits in ``text`` (a segment starting at document offset ``offset``), first mentions updated."""
        planned: list[PlannedHit] = []
        raw = sorted(self.glossary.match(text, lang or self.default_lang), key=lambda h: (h.start, h.end))
        for hit in raw:
            entry = _entry_of(hit, self.glossary)
            enforced = is_enforced(hit, entry)
            first = enforced and entry.id not in self._seen
            if enforced:
                self._seen.add(entry.id)
            form = hit.form or ""
            required = entry.english_for(form, first_in_document=first or entry.id not in self._seen)
            planned.append(
                PlannedHit(
                    entry=entry,
                    start=offset + int(hit.start),
                    end=offset + int(hit.end),
                    source_text=text[int(hit.start) : int(hit.end)],
                    confidence=float(hit.confidence),
                    required=required,
                    enforced=enforced,
                    first_mention=first,
                    form=form,
                    accepted=tuple(entry.accepted_english(required)),
                )
            )
        return planned


def constraints_for(hits: list[PlannedHit]) -> list[str]:
    """The distinct required strings of the enforced hits, in source order."""
    return list(dict.fromkeys(h.required for h in hits if h.enforced))
