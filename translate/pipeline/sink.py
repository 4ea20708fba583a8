"""Where a run can hand each document's records as they are made, instead of keeping them.

``dragoman translate --review`` passes a ``translate.review.ReviewPage``: a streamed document's
records reach it window by window, so the review page does not hold the run in memory either.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from translate.records import SegmentRecord


class RecordSink(Protocol):
    """Receives the records of each written document, in order."""

    def start_document(self, doc_id: str, path: str) -> None:
        """A document's translation begins (``path``: the input as named in messages)."""

    def add(self, records: Sequence[SegmentRecord]) -> None:
        """More records of the current document, in document order."""

    def end_document(self, keep: bool) -> None:
        """The current document is done: written (``keep``) or failed (drop what it added)."""
