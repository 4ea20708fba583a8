"""Putting where each segment came from (page, cues, paragraph) and the input encoding into records."""

from __future__ import annotations

from collections.abc import Sequence

from translate.document.model import Document
from translate.records import SegmentRecord


def annotate_records(document: Document, records: Sequence[SegmentRecord]) -> None:
    """Set ``encoding`` and ``location`` on each record from ``document.origin`` (a ``SourceFile``)."""
    source = document.origin
    if source is None:
        return
    for record in records:
        record.encoding = source.encoding
        unit = source.unit_at(record.source_start) if source.units else None
        if unit is not None and unit.location:
            record.location = dict(unit.location)
