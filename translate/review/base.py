"""The review-writer interface, the registry helpers and what every format shares.

A review writer turns the ``SegmentRecord`` list of a run (one or several documents) into the text
of one file. Records are grouped by document in first-seen order and sorted by source offset, so
every format lists segments in document order.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

from translate.errors import DragomanError
from translate.records import SegmentRecord, TermRecord

RTL_LANGS = frozenset({"fa", "prs", "ar", "ur", "ps", "he", "ckb"})
# XML 1.0 forbids these code points even as character references.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class DocumentGroup:
    """The records of one document, in document order."""

    id: str
    path: str
    lang: str  # the document's source language (majority of its translated segments)
    records: list[SegmentRecord] = field(default_factory=list)


@dataclass
class ReviewMeta:
    """Run-level facts shown in headers."""

    title: str
    generated: datetime


class ReviewWriter(ABC):
    """Renders a run's records as the text of one review or exchange file."""

    name: ClassVar[str]
    extension: ClassVar[str]

    @abstractmethod
    def render(self, documents: Sequence[DocumentGroup], meta: ReviewMeta) -> str:
        """The complete file for ``documents``."""


class ReviewFormatError(DragomanError):
    """A format that cannot represent the records given (e.g. XLIFF with two source languages)."""


def group_documents(records: Sequence[SegmentRecord]) -> list[DocumentGroup]:
    """Records grouped by document (id and path; first-seen order), each sorted by source offset."""
    groups: dict[tuple[str, str], DocumentGroup] = {}
    for rec in records:
        group = groups.get((rec.document, rec.path))  # same stem, other folder: another document
        if group is None:
            group = groups[(rec.document, rec.path)] = DocumentGroup(id=rec.document, path=rec.path, lang="")
        group.records.append(rec)
    for group in groups.values():
        group.records.sort(key=lambda r: (r.source_start, r.source_end))
        group.lang = document_lang(group.records)
    return list(groups.values())


def document_lang(records: Sequence[SegmentRecord]) -> str:
    """The language most translated segments are in (else the most common one; "und" when none)."""
    langs = Counter(r.source_lang for r in records if r.translated) or Counter(r.source_lang for r in records)
    return langs.most_common(1)[0][0] if langs else "und"


def default_title(documents: Sequence[DocumentGroup]) -> str:
    """``Dragoman review: <document>`` or ``... <n> documents``."""
    if len(documents) == 1:
        return f"Dragoman review: {documents[0].id}"
    return f"Dragoman review: {len(documents)} documents"


def now_utc() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def distinct(values: Sequence[str]) -> list[str]:
    """Non-empty values, first-seen order, no repeats."""
    return [v for v in dict.fromkeys(values) if v]


# XLIFF note priorities (1 = most important) for row flags, shared by XLIFF 1.2 and 2.0.
FLAG_PRIORITY = {"error": "1", "warn": "3", "info": "8"}


def term_note_text(term: TermRecord) -> str:
    """One glossary hit as a translator's note: entry, source, required English, status, category."""
    text = f"{term.entry}: “{term.source_text}” → “{term.required}” ({term.status})"
    if term.category:
        text += f"; category {term.category}"
    if term.note:
        text += f"; {term.note}"
    return text


def location_text(rec: SegmentRecord) -> str:
    """Where a segment comes from: ``document:start-end (kind)``."""
    return f"{rec.document}:{rec.source_start}-{rec.source_end} ({rec.kind})"
