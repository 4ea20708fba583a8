"""A record as the reviewer has made it: the store's English put back into the record, terms and
footnote markers checked again with the pipeline's own rules, and the flags recomputed."""

from __future__ import annotations

import dataclasses
import re

from translate.records import SegmentRecord, TermRecord
from translate.review.flags import USABILITY_CODES, Flag, make_flag, row_flags
from translate.serve.store import SegmentState
from translate.terms.postedit import find_term

# Stored pipeline flags that no longer hold once a person has rewritten the English.
RECOMPUTED = frozenset({
    "term_missing", "term_post_edited", "term_unapproved", "empty_translation", "short_output",
    "long_output", "repeated_ngram", "source_script_in_output", "number_mismatch",
})  # fmt: skip
# Filter groups the workspace offers, by flag code.
FLAG_KINDS: dict[str, tuple[str, ...]] = {
    "numbers": ("number_mismatch",),
    "length": ("short_output", "long_output"),
    "unmet term": ("term_missing", "marker_missing"),
    "ambiguous hit": ("term_review",),
    "repetition loop": ("repeated_ngram",),
    "source script": ("source_script_in_output",),
    "empty": ("empty_translation",),
}
SIGNAL_CODES = USABILITY_CODES


def initial_state(rec: SegmentRecord) -> SegmentState:
    """The state a segment starts in: ``translated`` with real English, ``initial`` without, and
    ``final`` for text copied on purpose (passthrough lines, footnotes): nothing to review there."""
    if rec.translated:
        state = "translated"
    elif "empty_translation" in rec.flags:
        state = "initial"
    else:
        state = "final"
    return SegmentState(rec.document, rec.segment, rec.target, state)


def reviewable(rec: SegmentRecord) -> bool:
    """Whether the segment is part of the reviewer's work (translated, or the model gave nothing)."""
    return rec.translated or "empty_translation" in rec.flags


def with_target(rec: SegmentRecord, target: str, decisions: dict[int, str] | None = None) -> SegmentRecord:
    """``rec`` with ``target`` as its English: term statuses and marker offsets recomputed when it changed,
    and the reviewer's decisions on ambiguous hits (term index -> ``entity``/``word``) applied."""
    decisions = decisions or {}
    if target == rec.target and not decisions:
        return rec
    changed = target != rec.target
    terms = [_recheck(t, target, changed, decisions.get(i)) for i, t in enumerate(rec.terms)]
    _assign_repeats(terms, target)
    markers = [_remark(m, target) for m in rec.markers] if changed else rec.markers
    flags = [f for f in rec.flags if f not in RECOMPUTED] if changed else list(rec.flags)
    translated = rec.translated or (changed and bool(target.strip()))
    return dataclasses.replace(
        rec, target=target, terms=terms, markers=markers, flags=flags, translated=translated,
        alignment=[] if changed else rec.alignment,
    )  # fmt: skip


def segment_flags(rec: SegmentRecord) -> list[Flag]:
    """The review flags of ``rec`` plus ``marker_missing`` for a footnote marker the English lost."""
    flags = row_flags(rec)
    lost = [m.get("target_text", "") for m in rec.markers if m.get("target_start") is None]
    if lost:
        message = "footnote marker missing in the English: " + " ".join(lost)
        flags.insert(0, make_flag("marker_missing", message))
    return flags


def _recheck(term: TermRecord, target: str, changed: bool, decision: str | None) -> TermRecord:
    if decision == "word":
        return dataclasses.replace(term, status="not-a-term", target_start=None, target_end=None)
    if term.status == "review" and decision != "entity":
        return term
    if not changed and term.status != "review":
        return term
    spans = find_term(target, term.required)
    if spans:
        return dataclasses.replace(term, status="satisfied", target_start=spans[0][0], target_end=spans[0][1])
    return dataclasses.replace(term, status="missing", target_start=None, target_end=None)


def _assign_repeats(terms: list[TermRecord], target: str) -> None:
    """Two hits of one English form point at its first, second, ... occurrence, as in the pipeline."""
    used: dict[str, int] = {}
    for k, term in enumerate(terms):
        if term.status != "satisfied":
            continue
        spans = find_term(target, term.required)
        n = used.get(term.required, 0)
        used[term.required] = n + 1
        if spans:
            start, end = spans[min(n, len(spans) - 1)]
            terms[k] = dataclasses.replace(term, target_start=start, target_end=end)


def _remark(marker: dict[str, object], target: str) -> dict[str, object]:
    text = str(marker.get("target_text", ""))
    found = re.search(re.escape(text), target) if text else None
    start, end = (found.start(), found.end()) if found else (None, None)
    return {**marker, "target_start": start, "target_end": end}
