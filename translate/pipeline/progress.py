"""The progress display: documents and segments (with segments per second and the time left), on
stderr, only for a terminal and never with ``--quiet``; ``spinner`` for long steps without a count
(loading or converting a model)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Items per second of a task (``12.5 seg/s``), blank for tasks without a unit or a speed yet."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit", "")
        speed = task.speed
        if speed is None and task.completed and task.elapsed:
            speed = task.completed / task.elapsed  # one big step: the average so far
        if not unit or speed is None:
            return Text("")
        return Text(f"{speed:.1f} {unit}/s", style="progress.data.speed")


@contextmanager
def spinner(message: str, enabled: bool) -> Iterator[None]:
    """A spinner with ``message`` on stderr while the block runs (nothing when disabled)."""
    if not enabled:
        yield
        return
    with Console(stderr=True).status(message):
        yield


class BatchProgress:
    """Two bars (documents, segments); every method is a no-op when disabled."""

    def __init__(self, total_documents: int, enabled: bool) -> None:
        self._progress: Progress | None = None
        if enabled:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._documents = self._progress.add_task("documents", total=total_documents)
            self._segments = self._progress.add_task("segments", total=0, unit="seg")

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
            self._progress.update(self._segments, total=total, description=escape(f"segments [{name}]"))

    def describe(self, text: str) -> None:
        """Say what is happening on the segments line (e.g. loading the model)."""
        if self._progress:
            self._progress.update(self._segments, description=escape(text))

    def segments_done(self, count: int) -> None:
        """``count`` more segments are translated."""
        if self._progress:
            self._progress.advance(self._segments, count)

    @contextmanager
    def counting(self, segments: int, name: str) -> Iterator[Callable[[int], None]]:
        """Count a document's (or window's) ``segments``: yields the callback that reports translated
        ones; on leaving, those not reported (a failure) are counted too, so the bar ends full."""
        self.add_segments(segments, name)
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            self.segments_done(count)

        try:
            yield advance
        finally:
            self.segments_done(segments - done)

    def document_done(self) -> None:
        """One more document is finished (written, skipped or failed)."""
        if self._progress:
            self._progress.advance(self._documents)
