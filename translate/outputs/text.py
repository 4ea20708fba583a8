"""``--format text``: the original text with every translated segment replaced by its English.

Everything between segments (heading ``#`` prefixes, list markers, blank lines, line breaks, CRLF,
passthrough and footnote lines) is copied from the original, so the layout is the source's layout.
List markers in Persian/Arabic digits become Latin (``۱٫ `` -> ``1. ``).
"""

from __future__ import annotations

from collections.abc import Sequence

from translate.document.model import Document
from translate.outputs.base import OutputWriter, check_records, list_prefix_replacements, splice
from translate.records import SegmentRecord


class TextWriter(OutputWriter):
    """Plain text in the source's layout."""

    name = "text"
    extension = "txt"
    streams = True

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        check_records(document, records)
        replacements = [(rec.source_start, rec.source_end, rec.target) for rec in records]
        replacements += list_prefix_replacements(document, records)
        offset = document.offset  # a window of a streamed document: offsets are the original's
        local = [(start - offset, end - offset, new) for start, end, new in replacements]
        return splice(document.text, local, where=document.path)
