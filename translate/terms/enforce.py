"""The pipeline's glossary plan: constraints before translation; post-edit, report and alignment after.

``GlossaryTermPlan(document, glossary, terms_mode)`` implements ``translate.terms.plan.TermPlan``:

* ``constraints(segment)`` (document order, before translation): the distinct required English
  strings of the segment's enforced hits; ``[]`` unless ``terms_mode == "constrain"``.
* ``finish(segment, target, output, constraints)`` (document order, after translation): post-edits
  unapproved variants (``constrain`` and ``post-edit``; ``report`` changes nothing), builds one
  ``TermRecord`` per hit and the alignment links (word links from the backend's cross-attention,
  term links for every located term) and returns a ``TermsFinished`` (a ``FinishedTarget`` with an
  ``alignment`` list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary.entry import Entry
from glossary.languages import ARABIC_SCRIPT_COLUMNS
from glossary.protocols import TermMatcher
from translate.align.attention import alignment_links, piece_spans, token_span_union
from translate.decoding.acceptance import find_accepted
from translate.document.model import Document, Segment
from translate.document.normalize import normalize_for_model
from translate.records import AlignmentLink, TermRecord
from translate.terms.constraints import (
    ConstraintPlanner,
    PlannedHit,
    constraints_for,
    fallback_forms,
    forcing_forms,
    unapproved_forms,
)
from translate.terms.plan import FinishedTarget, TermPlan
from translate.terms.postedit import Edit, TermForms, contains_variant, map_offset, post_edit

if TYPE_CHECKING:  # annotations only: terms imports nothing from the backends at run time
    from translate.backends.base import BackendOutput

FLAG_MISSING = "term_missing"
FLAG_REVIEW = "term_review"
FLAG_POSTEDITED = "term_post_edited"
FLAG_UNAPPROVED = "term_unapproved"  # an unapproved English variant of a document entry, no source hit
_SPACE = re.compile(r"\s+")


@dataclass
class TermsFinished(FinishedTarget):
    """A finished target plus its alignment links."""

    alignment: list[AlignmentLink] = field(default_factory=list)


def glossary_label(glossary: TermMatcher) -> str:
    """``name@hash`` of the glossary when it says so, else its name."""
    for attr in ("label", "name"):
        value = getattr(glossary, attr, "")
        if isinstance(value, str) and value:
            return value
    return ""


class GlossaryTermPlan(TermPlan):
    """Glossary enforcement and alignment for one document."""

    def __init__(self, document: Document, glossary: TermMatcher | None, terms_mode: str) -> None:
        self.document = document
        self.mode = terms_mode
        active = glossary if terms_mode != "off" else None
        self.planner = ConstraintPlanner(active, document.lang) if active is not None else None
        self.label = glossary_label(active) if active is not None else ""
        self._hits: dict[str, list[PlannedHit]] = {}
        self._entries: dict[str, Entry] = {}  # entries hit anywhere in the document so far

    def _plan(self, segment: Segment) -> list[PlannedHit]:
        if segment.id not in self._hits:
            hits: list[PlannedHit] = []
            if self.planner is not None and self.mode != "off":
                lang = segment.lang if segment.lang in ARABIC_SCRIPT_COLUMNS else self.document.lang
                hits = self.planner.hits(segment.text, lang, segment.start)
            self._hits[segment.id] = hits
            self._entries.update((h.entry.id, h.entry) for h in hits)
        return self._hits[segment.id]

    def constraints(self, segment: Segment) -> list[str]:
        """Required English strings the decoder must place (constrain mode only)."""
        hits = self._plan(segment)
        return constraints_for(hits) if self.mode == "constrain" else []

    def constraint_sources(self, segment: Segment) -> list[str]:
        """Per constraint: the source words of its first enforced hit, normalized like the model input."""
        hits = [h for h in self._plan(segment) if h.enforced]
        lang = segment.lang if segment.lang in ARABIC_SCRIPT_COLUMNS else self.document.lang
        first = {}
        for hit in hits:
            first.setdefault(hit.required, hit.source_text)
        return [normalize_for_model(first.get(c, ""), lang) for c in self.constraints(segment)]

    def constraint_forms(self, segment: Segment) -> list[list[str]]:
        """Per constraint: every English form that spares it from forcing (the constraint first):
        the accepted forms, and the unapproved variants that post-editing corrects."""
        accepted: dict[str, list[str]] = {}
        for hit in self._plan(segment):
            if hit.enforced:
                accepted.setdefault(hit.required, forcing_forms(hit))
        return [accepted.get(c, [c]) for c in self.constraints(segment)]

    def release(self, segments: list[Segment]) -> None:
        for segment in segments:
            self._hits.pop(segment.id, None)

    def finish(
        self, segment: Segment, target: str, output: BackendOutput | None, constraints: list[str]
    ) -> TermsFinished:
        """Post-edit, report and align one translated segment."""
        hits = self._plan(segment)
        target = _SPACE.sub(" ", target).strip()
        forms = _forms(hits) if self.mode != "report" else []  # report: say what became of each term
        edited, edits = post_edit(target, forms) if forms else (target, [])
        placed = _placed_spans(output, target, constraints, edits)
        word_links = _word_links(segment, output, target, edits)
        terms, term_links = _term_records(hits, edited, placed, edits, word_links)
        links = word_links + term_links
        flags = []
        if any(t.status == "missing" for t in terms):
            flags.append(FLAG_MISSING)
        if any(t.status == "review" for t in terms):
            flags.append(FLAG_REVIEW)
        if edits:
            flags.append(FLAG_POSTEDITED)
        hit_ids = {h.entry.id for h in hits}
        others = [e for key, e in self._entries.items() if key not in hit_ids]
        if any(contains_variant(edited, v) for e in others for v in unapproved_forms(e)):
            flags.append(FLAG_UNAPPROVED)
        return TermsFinished(text=edited, terms=terms, flags=flags, alignment=links)


def _forms(hits: list[PlannedHit]) -> list[TermForms]:
    forms: dict[tuple[str, str], TermForms] = {}
    for hit in hits:
        if not hit.enforced:
            continue
        key = (hit.entry.id, hit.required)
        forms[key] = TermForms(
            entry=hit.entry.id,
            required=hit.required,
            variants=tuple(unapproved_forms(hit.entry)),
            fallbacks=tuple(fallback_forms(hit.entry, hit.required)),
        )
    return list(forms.values())


def _shift(span: tuple[int, int], edits: list[Edit]) -> tuple[int, int]:
    return map_offset(span[0], edits), map_offset(span[1], edits, at_end=True)


def _placed_spans(
    output: BackendOutput | None, target: str, constraints: list[str], edits: list[Edit]
) -> dict[str, tuple[int, int]]:
    """Where the decoder placed each constraint, in edited-target offsets."""
    if output is None or not output.constraint_positions or not output.tokens:
        return {}
    spans = piece_spans(output.tokens, target)
    placed: dict[str, tuple[int, int]] = {}
    for text, positions in zip(constraints, output.constraint_positions, strict=False):
        span = token_span_union(spans, positions) if positions else None
        if span is None:
            continue
        # the tokens cover the term; snap to the exact string inside or around them
        window = target[max(0, span[0] - 2) : span[1] + 2]
        at = window.find(text)
        if at >= 0:
            start = max(0, span[0] - 2) + at
            span = (start, start + len(text))
        placed[text] = _shift(span, edits)
    return placed


def _term_records(
    hits: list[PlannedHit],
    target: str,
    placed: dict[str, tuple[int, int]],
    edits: list[Edit],
    word_links: list[AlignmentLink],
) -> tuple[list[TermRecord], list[AlignmentLink]]:
    records: list[TermRecord] = []
    links: list[AlignmentLink] = []
    used: dict[str, int] = {}
    edited_spans = {(e.entry, e.new_start, e.new_end) for e in edits}
    for hit in hits:
        occurrences = [(s, e) for s, e, _form in find_accepted(target, hit.accepted or (hit.required,))]
        status = "missing"
        span: tuple[int, int] | None = None
        if hit.required in placed and hit.enforced:
            span, status = placed[hit.required], "constrained"
        elif occurrences:
            k = used.get(hit.required, 0)
            span = occurrences[min(k, len(occurrences) - 1)]
            used[hit.required] = k + 1
            by_edit = any(
                entry == hit.entry.id and s <= span[0] and span[1] <= e for entry, s, e in edited_spans
            )
            status = "post-edited" if by_edit else "satisfied"
        if not hit.enforced:
            status = "review"
        note = hit.entry.note
        if span is None and status == "missing":
            span = _aligned_rendering(hit, word_links)
            if span is not None:
                note = "target offsets: what the model wrote instead (from attention)"
        if status == "post-edited":
            replaced = [e.original for e in edits if e.entry == hit.entry.id]
            note = f"replaced {', '.join(repr(r) for r in replaced)}" + (f"; {note}" if note else "")
        records.append(
            TermRecord(
                entry=hit.entry.id,
                source_start=hit.start,
                source_end=hit.end,
                source_text=hit.source_text,
                required=hit.required,
                confidence=hit.confidence,
                status=status,
                target_start=span[0] if span else None,
                target_end=span[1] if span else None,
                category=str(hit.entry.category),
                note=note,
            )
        )
        if span is not None and status not in ("review", "missing"):
            links.append(
                AlignmentLink(
                    source_start=hit.start,
                    source_end=hit.end,
                    target_start=span[0],
                    target_end=span[1],
                    score=1.0 if status == "constrained" else round(hit.confidence, 4),
                    kind="term",
                )
            )
    return records, links


def _word_links(
    segment: Segment, output: BackendOutput | None, target: str, edits: list[Edit]
) -> list[AlignmentLink]:
    """Attention word links for the unedited target, moved onto the edited one."""
    if output is None or not output.attention:
        return []
    links = alignment_links(
        output.attention,
        output.source_tokens,
        output.tokens,
        segment.model_input,
        segment.text,
        segment.start,
        target,
    )
    for link in links:
        link.target_start, link.target_end = _shift((link.target_start, link.target_end), edits)
    return [link for link in links if link.target_end > link.target_start]


def _aligned_rendering(hit: PlannedHit, word_links: list[AlignmentLink]) -> tuple[int, int] | None:
    """The target span the attention links to the hit's source span, if any."""
    spans = [
        (link.target_start, link.target_end)
        for link in word_links
        if link.source_start < hit.end and hit.start < link.source_end
    ]
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)
