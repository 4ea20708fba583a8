"""Helpers for writers that rebuild another file format from units (``translate.formats``):
the English of one unit, and where its inline markup goes in that English."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from translate.document.model import Document
from translate.formats.base import Markup, Unit
from translate.records import SegmentRecord


def window_units(units: Sequence[Unit], first: int, window: Document) -> tuple[list[Unit], int]:
    """The units from ``units[first:]`` that begin in ``window`` (a window of a streamed document),
    moved to the window's own offsets, and the index of the first unit after them."""
    end = window.offset + len(window.text)
    found: list[Unit] = []
    while first < len(units) and units[first].start < end:
        unit = units[first]
        found.append(
            dataclasses.replace(unit, start=unit.start - window.offset, end=unit.end - window.offset)
        )
        first += 1
    return found, first


def unit_records(records: Sequence[SegmentRecord], unit: Unit) -> list[SegmentRecord]:
    """The records whose source lies inside ``unit``, in order."""
    return [r for r in records if unit.start <= r.source_start and r.source_end <= unit.end]


def unit_english(document: Document, records: Sequence[SegmentRecord], unit: Unit) -> str:
    """The unit's text with each segment replaced by its English (text between segments kept)."""
    text = document.text
    out: list[str] = []
    pos = unit.start
    for rec in unit_records(records, unit):
        out.append(text[pos : rec.source_start])
        out.append(rec.target)
        pos = rec.source_end
    out.append(text[pos : unit.end])
    return " ".join("".join(out).split())


def place_markup(
    document: Document, records: Sequence[SegmentRecord], unit: Unit
) -> tuple[str, list[Markup]]:
    """The unit's English and its inline markup moved onto the English.

    Markup is placed on the target words aligned to its source words (``record.alignment``) when
    that gives one span that does not cross another markup's span; otherwise it goes around the
    whole sentence it starts in (at the sentence edges). Markup is never dropped: a markup whose
    sentence cannot be found wraps the whole unit.
    """
    english_parts: list[str] = []
    placed: list[Markup] = []
    text = document.text
    pos = unit.start
    length = 0
    recs = unit_records(records, unit)
    spans: list[tuple[int, int, SegmentRecord | None]] = []
    for rec in recs:
        gap = " ".join(text[pos : rec.source_start].split())
        if gap:
            english_parts.append(gap)
            length += len(gap) + 1
        spans.append((length, length + len(rec.target), rec))
        english_parts.append(rec.target)
        length += len(rec.target) + 1
        pos = rec.source_end
    tail = " ".join(text[pos : unit.end].split())
    if tail:
        english_parts.append(tail)
    english = " ".join(english_parts)
    for mark in unit.markup:
        source_start, source_end = unit.start + mark.start, unit.start + mark.end
        home = next((s for s in spans if s[2] and s[2].source_start <= source_start < s[2].source_end), None)
        if home is None:
            placed.append(Markup(0, len(english), mark.tag, mark.attrs))
            continue
        offset, end, rec = home
        aligned = _aligned_span(rec, source_start, source_end) if rec else None
        if aligned is not None:
            candidate = Markup(offset + aligned[0], offset + aligned[1], mark.tag, mark.attrs)
            if not any(_crosses(candidate, other) for other in placed):
                placed.append(candidate)
                continue
        placed.append(Markup(offset, end, mark.tag, mark.attrs))
    return english, placed


def _aligned_span(rec: SegmentRecord, start: int, end: int) -> tuple[int, int] | None:
    links = [
        link
        for link in rec.alignment
        if link.source_start < end and start < link.source_end and link.target_end > link.target_start
    ]
    if not links:
        return None
    first = min(link.target_start for link in links)
    last = max(link.target_end for link in links)
    if last - first > 0.8 * len(rec.target) and len(links) < 2:
        return None  # one link over most of the sentence says nothing
    return first, last


def _crosses(a: Markup, b: Markup) -> bool:
    """Partial overlap (neither inside the other): such spans cannot both be tags."""
    overlap = a.start < b.end and b.start < a.end
    nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    return overlap and not nested


def apply_markup(english: str, marks: Sequence[Markup], open_tag: Any, close_tag: Any, escape: Any) -> str:
    """``english`` escaped with ``escape`` and the marks inserted as tags (nested marks close inside out)."""
    events: dict[int, list[tuple[int, str, int]]] = {}
    order = sorted(marks, key=lambda m: (m.start, -m.end))
    for rank, mark in enumerate(order):
        events.setdefault(mark.start, []).append((1, open_tag(mark), rank))
        events.setdefault(mark.end, []).append((0, close_tag(mark), rank))
    out: list[str] = []
    for i in range(len(english) + 1):
        for _kind, tag, _rank in sorted(events.get(i, []), key=_event_order):
            out.append(tag)
        if i < len(english):
            out.append(escape(english[i]))
    return "".join(out)


def _event_order(event: tuple[int, str, int]) -> tuple[int, int]:
    """Closing tags before opening ones; inner tags close first, outer ones open first."""
    kind, _tag, rank = event
    return kind, (-rank if kind == 0 else rank)
