"""The batch progress display: documents and segments, on stderr, only for a terminal."""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class BatchProgress:
    """Two bars (documents, segments); every method is a no-op when disabled."""

    def __init__(self, total_documents: int, enabled: bool) -> None:
        self._progress: Progress | None = None
        if enabled:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._documents = self._progress.add_task("documents", total=total_documents)
            self._segments = self._progress.add_task("segments", total=0)

    @staticmethod
    def wanted(quiet: bool) -> bool:
        """Show progress unless ``--quiet`` or stderr is not a terminal."""
        return not quiet and sys.stderr.isatty()

    def __enter__(self) -> BatchProgress:
        if self._progress:
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress:
            self._progress.stop()

    def add_segments(self, count: int, name: str) -> None:
        """A document with ``count`` segments is starting."""
        if self._progress:
            total = (self._progress.tasks[self._segments].total or 0) + count
            self._progress.update(self._segments, total=total, description=f"segments [{name}]")

    def segments_done(self, count: int) -> None:
        """``count`` more segments are translated."""
        if self._progress:
            self._progress.advance(self._segments, count)

    def document_done(self) -> None:
        """One more document is finished (written, skipped or failed)."""
        if self._progress:
            self._progress.advance(self._documents)
