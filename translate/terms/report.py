"""The terminology report: every glossary hit of a run, and per-document success and consistency.

* **Success rate**: the share of enforced (non-``review``) hits whose required English is in the
  target (status ``satisfied``, ``constrained`` or ``post-edited``).
* **Consistency**: each entry should be rendered one way across a document. For every entry the
  report collects how each hit was rendered (the required form when present; otherwise what the
  model wrote in its place, taken from the attention alignment) and flags the entry when its hits
  were rendered in more than one way or any hit is missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from translate.records import SegmentRecord

PLACED = ("satisfied", "constrained", "post-edited")
STATUSES = ("satisfied", "constrained", "post-edited", "review", "missing")


@dataclass
class HitRow:
    """One glossary hit as the report lists it."""

    document: str
    segment: str
    entry: str
    source_start: int
    source_end: int
    source_text: str
    confidence: float
    required: str
    status: str
    target_start: int | None
    target_end: int | None
    rendering: str  # target text at the hit's target offsets ("" when none)


@dataclass
class EntryConsistency:
    """How one entry was rendered across a document."""

    entry: str
    hits: int
    renderings: dict[str, int]
    consistent: bool


@dataclass
class DocumentTermsReport:
    """Terminology summary of one document."""

    document: str
    path: str
    hits: list[HitRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    success_rate: float | None = None  # None when the document has no enforced hit
    consistency: list[EntryConsistency] = field(default_factory=list)
    # segments whose target has an unapproved variant of an entry met elsewhere in the document
    unapproved_segments: list[str] = field(default_factory=list)

    @property
    def inconsistent(self) -> list[EntryConsistency]:
        """Entries rendered more than one way."""
        return [c for c in self.consistency if not c.consistent]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = asdict(self)
        data["inconsistent"] = [c.entry for c in self.inconsistent]
        return data


def _rendering(record: SegmentRecord, start: int | None, end: int | None) -> str:
    if start is None or end is None or not (0 <= start <= end <= len(record.target)):
        return ""
    return record.target[start:end]


def _canonical(row: HitRow) -> str:
    """A hit's rendering; the required form (either form of a full/short entry) counts as one."""
    if row.status in PLACED:
        return "<approved>"
    if row.status == "missing":
        return row.rendering or "<missing>"
    return row.rendering or "<review>"


def document_report(records: list[SegmentRecord]) -> DocumentTermsReport:
    """The terminology report of one document's records."""
    first = records[0] if records else None
    report = DocumentTermsReport(document=first.document if first else "", path=first.path if first else "")
    for record in records:
        for term in record.terms:
            report.hits.append(
                HitRow(
                    document=record.document,
                    segment=record.segment,
                    entry=term.entry,
                    source_start=term.source_start,
                    source_end=term.source_end,
                    source_text=term.source_text,
                    confidence=term.confidence,
                    required=term.required,
                    status=term.status,
                    target_start=term.target_start,
                    target_end=term.target_end,
                    rendering=_rendering(record, term.target_start, term.target_end),
                )
            )
    report.unapproved_segments = [r.segment for r in records if "term_unapproved" in r.flags]
    counts = Counter(row.status for row in report.hits)
    report.counts = {status: counts.get(status, 0) for status in STATUSES}
    enforced = [row for row in report.hits if row.status != "review"]
    if enforced:
        report.success_rate = round(sum(row.status in PLACED for row in enforced) / len(enforced), 4)
    by_entry: dict[str, list[HitRow]] = {}
    for row in enforced:
        by_entry.setdefault(row.entry, []).append(row)
    for entry, rows in sorted(by_entry.items()):
        renderings = Counter(
            (row.rendering if row.status in PLACED else _canonical(row)) or row.required for row in rows
        )
        kinds = {_canonical(row) for row in rows}
        report.consistency.append(
            EntryConsistency(
                entry=entry, hits=len(rows), renderings=dict(renderings), consistent=len(kinds) == 1
            )
        )
    return report


def run_report(records: list[SegmentRecord]) -> list[DocumentTermsReport]:
    """One report per document, in the order documents first appear."""
    groups: dict[tuple[str, str], list[SegmentRecord]] = {}
    for record in records:
        groups.setdefault((record.document, record.path), []).append(record)
    return [document_report(group) for group in groups.values()]
