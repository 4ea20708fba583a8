"""Translate one plain-text file window by window, so memory is bounded by the window, not the file.

Used by ``translate_paths`` for a text input (a regular file, not stdin) written as a format whose
windows can be rendered one by one (``OutputWriter.streams``: text and JSONL) when the run does not
keep records. The file is read three times (check, language scan, parse: ``translate.io.text_stream``
and ``translate.document.stream``); each window of about ``window_chars`` characters of whole lines is
translated (in batches of ``--batch-size``; identical sentences once per run through the run's
cache), rendered, written, and dropped. The glossary plan spans the whole document. The output is
written atomically as a whole: a failure half-way leaves no partial file (on standard output, the
windows already written stay written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from translate.backends.base import TranslationBackend
from translate.document.model import Document
from translate.document.stream import DEFAULT_WINDOW_CHARS, line_windows, stream_document
from translate.formats import format_for
from translate.io.atomic import atomic_writer
from translate.io.text_stream import TextStream, open_text_stream
from translate.outputs.base import OutputWriter
from translate.pipeline.cache import TranslationCache
from translate.pipeline.document_run import document_plan, translate_document
from translate.pipeline.progress import BatchProgress
from translate.pipeline.settings import RunSettings

Emit = Callable[[str], None]
WINDOW_CHARS = DEFAULT_WINDOW_CHARS  # characters of whole lines per window


@dataclass(frozen=True)
class StreamJob:
    """One streamed input and where it goes (``target`` None: ``write_stdout``)."""

    stream: TextStream
    doc_id: str
    target: Path | None
    write_stdout: Emit
    window_chars: int | None = None  # None: ``WINDOW_CHARS``


def open_stream(
    source: Path, writer: OutputWriter, *, keep_records: bool, encoding: str | None, whole_page: bool
) -> TextStream | None:
    """A checked ``TextStream`` when this input can be streamed into ``writer``, else None;
    ``InputError`` for an input that cannot be read (the same messages as a whole read)."""
    if not writer.streams or keep_records or str(source) == "-":
        return None
    if format_for(source, whole_page=whole_page).name != "text":
        return None
    return open_text_stream(source, encoding=encoding)


@dataclass
class StartedStream:
    """A streamed input whose language scan is done: its first window and the rest to come."""

    job: StreamJob
    first: Document
    rest: Iterator[Document]


def start_stream(job: StreamJob, writer: OutputWriter, settings: RunSettings) -> StartedStream:
    """Scan ``job``'s input for its language and parse its first window; ``DragomanError`` for an
    input that cannot be translated (nothing written yet)."""
    max_chars = settings.max_segment_chars
    windows = stream_document(
        lambda: line_windows(job.stream.chunks(), job.window_chars or WINDOW_CHARS),
        doc_id=job.doc_id,
        path=job.stream.where,
        source_lang=settings.source_lang,
        **({"max_segment_chars": max_chars} if max_chars else {}),
    )
    first = next(windows)
    writer.check_input(first)
    return StartedStream(job, first, windows)


def translate_stream(
    started: StartedStream,
    backend: TranslationBackend,
    writer: OutputWriter,
    settings: RunSettings,
    cache: TranslationCache,
    progress: BatchProgress,
) -> None:
    """Translate the windows of ``started`` one by one into its target. Raises ``DragomanError``
    (nothing written to a file target) like the whole-document path."""
    job, first = started.job, started.first
    where = job.stream.where
    header = Document(id=first.id, path=first.path, text="", lang=first.lang)
    plan = document_plan(header, settings.glossary, settings.terms_mode)
    with _output(job) as emit:
        for window in chain([first], started.rest):
            segments = window.segments
            with progress.counting(len(segments), where) as advance:
                records = translate_document(
                    window, backend, options=settings.options, cache=cache, on_progress=advance, plan=plan
                )
            for record in records:
                record.encoding = job.stream.encoding
            emit(writer.render(window, records))
            plan.release(segments)


@contextmanager
def _output(job: StreamJob) -> Iterator[Emit]:
    if job.target is None:
        yield job.write_stdout
        return
    with atomic_writer(job.target) as handle:
        yield lambda text: handle.write(text.encode("utf-8"))
