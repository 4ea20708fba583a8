"""Translate one document window by window, so memory is bounded by the window, not the input.

Used by ``translate_paths`` when the output format streams (``OutputWriter.streams``: every format,
``--whole-page`` HTML excepted) and the run does not keep records:

* a text input (a regular file, or stdin copied to a temporary file) is never held whole: it is
  read three times (check, language scan, parse: ``translate.io.text_stream`` and
  ``translate.document.stream``), and again when the writer's ``StreamRenderer`` needs the text or
  the structure first (JSON, Markdown footnotes);
* a document read whole by its format's library (web page, DOCX, PDF, subtitles) is cut into
  windows of whole blocks (``parsed_windows``), so only one window's records are held.

Each window of about ``WINDOW_CHARS`` characters is translated (in batches of ``--batch-size``;
identical sentences once per run through the run's cache), handed to the renderer and to the run's
``RecordSink`` (a review page), and dropped. The glossary plan spans the whole document. The output
is written atomically as a whole: a failure half-way leaves no partial file (on standard output, the
windows already written stay written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from translate.backends.base import TranslationBackend
from translate.document.model import Block, Document
from translate.document.parse import check_parse_options
from translate.document.segmenter import DEFAULT_MAX_CHARS
from translate.document.stream import (
    DEFAULT_WINDOW_CHARS,
    Window,
    line_windows,
    scan_language,
    stream_document,
)
from translate.formats import format_for
from translate.formats.locate import annotate_records
from translate.io.atomic import atomic_pieces
from translate.io.text_stream import TextStream, open_text_stream, spool_stdin
from translate.outputs.base import Emit, OutputWriter, StreamSource
from translate.pipeline.cache import TranslationCache
from translate.pipeline.document_run import document_plan, translate_document
from translate.pipeline.progress import BatchProgress
from translate.pipeline.settings import RunSettings
from translate.pipeline.sink import RecordSink
from translate.records import SegmentRecord

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
    ``InputError`` for an input that cannot be read (the same messages as a whole read). Standard
    input is copied to a temporary file first (``spool_stdin``): close the stream when done."""
    if not writer.streams or keep_records:
        return None
    if format_for(source, whole_page=whole_page).name != "text":
        return None
    if str(source) == "-":
        return spool_stdin(encoding=encoding)
    return open_text_stream(source, encoding=encoding)


@dataclass
class StartedStream:
    """A document ready to be translated window by window: its first window and the rest to come."""

    where: str  # the input as named in messages
    target: Path | None  # None: ``write_stdout``
    write_stdout: Emit
    first: Document
    rest: Iterator[Document]
    source: StreamSource  # the input again, for renderers that read it before translation
    annotate: Callable[[Document, list[SegmentRecord]], None]  # encoding (and location) into records


def start_stream(job: StreamJob, writer: OutputWriter, settings: RunSettings) -> StartedStream:
    """Scan ``job``'s input for its language and parse its first window; ``DragomanError`` for an
    input that cannot be translated (nothing written yet)."""
    where = job.stream.where
    max_chars = settings.max_segment_chars
    options = {"max_segment_chars": max_chars} if max_chars else {}

    def windows() -> Iterator[Window]:
        return line_windows(job.stream.chunks(), job.window_chars or WINDOW_CHARS)

    source_lang = check_parse_options(where, settings.source_lang, max_chars or DEFAULT_MAX_CHARS)
    context = scan_language(windows(), path=where, source_lang=source_lang)

    def parse() -> Iterator[Document]:
        return stream_document(
            windows,
            doc_id=job.doc_id,
            path=where,
            source_lang=settings.source_lang,
            context=context,
            part_chars=job.window_chars or WINDOW_CHARS,
            **options,
        )

    parsed = parse()
    first = next(parsed)
    writer.check_input(first)
    header = Document(id=first.id, path=first.path, text="", lang=first.lang)
    spool_dir = job.target.parent if job.target is not None else None
    source = StreamSource(header, lambda: (text for _offset, text in windows()), parse, spool_dir)
    encoding = job.stream.encoding

    def annotate(_window: Document, records: list[SegmentRecord]) -> None:
        for record in records:
            record.encoding = encoding

    return StartedStream(where, job.target, job.write_stdout, first, parsed, source, annotate)


def streams_parsed(
    document: Document, writer: OutputWriter, *, keep_records: bool, to_file: bool = True
) -> bool:
    """Whether a document read whole (a web page, DOCX, PDF, subtitles, a special file) can still
    be translated and written window by window (``start_parsed_stream``); a binary format only
    into a file."""
    return writer.streams_document(document) and (to_file or not writer.binary) and not keep_records


def start_parsed_stream(
    document: Document,
    target: Path | None,
    write_stdout: Emit,
    window_chars: int | None = None,
) -> StartedStream:
    """``document``, parsed whole, as windows of whole blocks of about ``window_chars`` characters:
    only one window's records are held at a time, as for a text file read window by window."""

    def windows() -> Iterator[Document]:
        return parsed_windows(document, window_chars or WINDOW_CHARS)

    header = Document(id=document.id, path=document.path, text="", lang=document.lang, origin=document.origin)
    spool_dir = target.parent if target is not None else None
    source = StreamSource(header, lambda: (w.text for w in windows()), windows, spool_dir)
    rest = windows()
    first = next(rest)
    return StartedStream(document.path, target, write_stdout, first, rest, source, annotate_records)


def parsed_windows(document: Document, window_chars: int) -> Iterator[Document]:
    """``document`` cut before a block once a window holds ``window_chars`` characters; the windows'
    texts, joined, are the document's text (the first window starts at 0, the last ends at the end)."""
    start, blocks = 0, []
    for block in document.blocks:
        if blocks and block.start - start >= window_chars:
            yield _window(document, start, block.start, blocks)
            start, blocks = block.start, []
        blocks.append(block)
    yield _window(document, start, len(document.text), blocks)


def _window(document: Document, start: int, end: int, blocks: list[Block]) -> Document:
    text = document.text[start:end]
    return Document(document.id, document.path, text, document.lang, blocks, document.origin, start)


def translate_stream(
    started: StartedStream,
    backend: TranslationBackend,
    writer: OutputWriter,
    settings: RunSettings,
    cache: TranslationCache,
    progress: BatchProgress,
    sink: RecordSink | None = None,
) -> None:
    """Translate the windows of ``started`` one by one into its target, handing each window's
    records to ``sink`` too. Raises ``DragomanError`` (nothing written to a file target) like the
    whole-document path."""
    where = started.where
    plan = document_plan(started.source.header, settings.glossary, settings.terms_mode)
    with _output(started) as emit:
        renderer = writer.stream_renderer(started.source, emit)
        for window in chain([started.first], started.rest):
            segments = window.segments
            with progress.counting(len(segments), where) as advance:
                records = translate_document(
                    window, backend, options=settings.options, cache=cache, on_progress=advance, plan=plan
                )
            started.annotate(window, records)
            renderer.add(window, records)
            if sink is not None:
                sink.add(records)
            plan.release(segments)
        renderer.finish()


@contextmanager
def _output(started: StartedStream) -> Iterator[Emit]:
    if started.target is None:
        yield started.write_stdout
        return
    with atomic_pieces(started.target) as emit:
        yield emit
