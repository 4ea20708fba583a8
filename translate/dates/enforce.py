"""Dates enforced like glossary terms: each Hijri date of a segment adds its Gregorian English to the
segment's constraints, and its record lists the date as a ``TermRecord`` (``category="date"``,
``entry`` ``solar_hijri``/``lunar_hijri``, ``source_text`` the date as written, ``note`` the date read
in its own calendar, ``required`` the English), so the JSONL and the review page show both.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from translate.backends.base import BackendOutput
from translate.dates.recognize import DateHit, find_dates
from translate.document.model import Document, Segment
from translate.document.normalize import normalize_for_model
from translate.records import TermRecord
from translate.terms.plan import TermPlan


class DatePlan(TermPlan):
    """Wraps a glossary plan: its constraints first, then one per date of the segment."""

    def __init__(self, inner: TermPlan, document: Document, enforce: bool = True) -> None:
        self.inner = inner
        self.document = document
        self.enforce = enforce
        self.label = inner.label
        self._dates: dict[str, list[DateHit]] = {}

    def dates(self, segment: Segment) -> list[DateHit]:
        """The dates in ``segment`` (offsets into the document)."""
        if segment.id not in self._dates:
            hits = find_dates(segment.text) if segment.translate else []
            self._dates[segment.id] = [
                dataclasses.replace(h, start=h.start + segment.start, end=h.end + segment.start) for h in hits
            ]
        return self._dates[segment.id]

    def _extra(self, segment: Segment) -> list[str]:
        if not self.enforce:
            return []
        inner = self.inner.constraints(segment)
        return [h.english for h in self.dates(segment) if h.english not in inner]

    def constraints(self, segment: Segment) -> list[str]:
        return [*self.inner.constraints(segment), *dict.fromkeys(self._extra(segment))]

    def constraint_sources(self, segment: Segment) -> list[str]:
        extra = list(dict.fromkeys(self._extra(segment)))
        by_english = {h.english: h.text for h in self.dates(segment)}
        sources = [normalize_for_model(by_english[e], segment.lang) for e in extra]
        return [*self.inner.constraint_sources(segment), *sources]

    def constraint_forms(self, segment: Segment) -> list[list[str]]:
        """The glossary's accepted forms, then each date's English alone."""
        extra = list(dict.fromkeys(self._extra(segment)))
        return [*self.inner.constraint_forms(segment), *([e] for e in extra)]

    def release(self, segments: list[Segment]) -> None:
        self.inner.release(segments)
        for segment in segments:
            self._dates.pop(segment.id, None)

    def finish(
        self, segment: Segment, target: str, output: BackendOutput | None, constraints: list[str]
    ) -> Any:
        inner_count = len(self.inner.constraints(segment))
        finished = self.inner.finish(segment, target, output, constraints[:inner_count])
        text = finished.text
        forced = set(constraints[inner_count:])
        for hit in self.dates(segment):
            at = text.find(hit.english)
            status = ("constrained" if hit.english in forced else "satisfied") if at >= 0 else "missing"
            finished.terms.append(
                TermRecord(
                    entry=hit.calendar,
                    source_start=hit.start,
                    source_end=hit.end,
                    source_text=hit.text,
                    required=hit.english,
                    confidence=1.0,
                    status=status,
                    target_start=at if at >= 0 else None,
                    target_end=at + len(hit.english) if at >= 0 else None,
                    category="date",
                    note=f"{hit.source_date} ({hit.calendar.replace('_', ' ').title()})"
                    + (f" = {hit.gregorian}" if hit.gregorian else ""),
                )
            )
        return finished


def with_dates(plan: TermPlan, document: Document, terms_mode: str) -> TermPlan:
    """``plan`` with Hijri dates enforced (``constrain``) or reported (``post-edit``, ``report``); ``off``:
    unchanged."""
    if terms_mode == "off":
        return plan
    return DatePlan(plan, document, enforce=terms_mode == "constrain")
