"""Translate many inputs: one output per input, written atomically as soon as it is finished.

``translate_paths`` skips inputs whose output already exists (unless ``force``), keeps going past a
failing input and reports every failure in the returned ``BatchResult``. Because each output is
written with ``os.replace`` the moment its document is done, an interrupted run keeps its finished
outputs, never leaves a partial one, and a rerun resumes where it stopped.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from translate.backends.base import TranslationBackend
from translate.document.model import Document
from translate.document.parse import parse_document
from translate.errors import DragomanError
from translate.formats import read_source
from translate.formats.base import SourceFile
from translate.formats.locate import annotate_records
from translate.io.atomic import atomic_write_bytes, atomic_write_text, remove_stale_temporaries
from translate.io.discover import discover_inputs
from translate.io.reading import printable_name, source_name
from translate.outputs import get_writer
from translate.outputs.base import OutputWriter
from translate.pipeline.cache import MemoryCache, TranslationCache
from translate.pipeline.document_run import translate_document
from translate.pipeline.progress import BatchProgress
from translate.pipeline.settings import RunSettings
from translate.pipeline.sink import RecordSink
from translate.pipeline.stream_run import (
    StartedStream,
    StreamJob,
    open_stream,
    start_parsed_stream,
    start_stream,
    streams_parsed,
    translate_stream,
)
from translate.records import SegmentRecord

STDIN = "-"


@dataclass
class DocumentResult:
    """What happened to one input."""

    source: str  # the input as named in messages ("<stdin>" for -)
    output: str | None  # the output file, None for stdout
    status: str  # "written" | "skipped" | "failed"
    error: str = ""  # the one-line message when failed
    document: Document | None = None  # kept only with keep_records=True
    records: list[SegmentRecord] = field(default_factory=list)


@dataclass
class BatchResult:
    """The outcome of a batch run, input by input, in input order."""

    results: list[DocumentResult] = field(default_factory=list)

    def with_status(self, status: str) -> list[DocumentResult]:
        """The results with ``status``."""
        return [r for r in self.results if r.status == status]

    @property
    def failed(self) -> list[DocumentResult]:
        return self.with_status("failed")

    @property
    def written(self) -> list[DocumentResult]:
        return self.with_status("written")

    @property
    def skipped(self) -> list[DocumentResult]:
        return self.with_status("skipped")


@dataclass(frozen=True)
class OutputPlan:
    """Where one input's translation goes (``target`` None: standard output)."""

    source: Path
    target: Path | None
    doc_id: str = ""  # the document id in records; "" = the file stem


def document_ids(sources: Sequence[Path]) -> list[str]:
    """One id per input: the file stem, or, where stems repeat in a run (``a/doc.txt``,
    ``b/doc.txt``), the path without its suffix, so that two documents never merge in JSONL, review
    pages or XLIFF."""
    stems = [_stem(src) for src in sources]
    counts = {stem: stems.count(stem) for stem in stems}
    ids: list[str] = []
    for src, stem in zip(sources, stems, strict=True):
        doc_id = stem if counts[stem] == 1 else printable_name(src.with_suffix("").as_posix())
        while doc_id in ids:
            doc_id += "+"
        ids.append(doc_id)
    return ids


def plan_outputs(
    sources: Sequence[Path], output: str | Path | None, writer: OutputWriter
) -> list[OutputPlan]:
    """Pair inputs with outputs.

    No ``output``: standard output (one input, or any number with JSONL). ``output`` an existing
    folder, a path ending in ``/``, or several inputs: ``output/<stem>.<ext>`` per input. Otherwise
    ``output`` is the file for the single input.
    """
    if output is None:
        if len(sources) > 1 and writer.name != "jsonl":
            raise DragomanError(
                "--output", f"{len(sources)} inputs need -o FOLDER (one output per input), or --format jsonl"
            )
        return [
            OutputPlan(src, None, doc_id) for src, doc_id in zip(sources, document_ids(sources), strict=True)
        ]
    out = Path(output)
    folder_mode = out.is_dir() or str(output).endswith(("/", os.sep)) or len(sources) > 1
    if not folder_mode:
        plans = [OutputPlan(sources[0], out)]
    else:
        if out.exists() and not out.is_dir():
            raise DragomanError(str(out), f"is a file; {len(sources)} inputs need a folder for -o")
        plans = [
            OutputPlan(src, out / f"{_stem(src)}.{writer.extension}", doc_id)
            for src, doc_id in zip(sources, document_ids(sources), strict=True)
        ]
    _check_targets(plans)
    return plans


def _stem(source: Path) -> str:
    return "stdin" if str(source) == STDIN else printable_name(source.stem)


def _check_targets(plans: list[OutputPlan]) -> None:
    inputs = {src.resolve(): src for src in (p.source for p in plans) if str(src) != STDIN}
    seen: dict[Path, Path] = {}
    for plan in plans:
        assert plan.target is not None
        key = plan.target.resolve()
        if key in inputs:
            raise DragomanError(str(plan.target), "output would overwrite an input file; choose another -o")
        if key in seen:
            raise DragomanError(
                str(plan.target),
                f"both {source_name(seen[key])} and {source_name(plan.source)} would write here",
            )
        seen[key] = plan.source


def translate_paths(
    inputs: Sequence[str | Path],
    output: str | Path | None,
    fmt: str = "text",
    settings: RunSettings | None = None,
    *,
    force: bool = False,
    quiet: bool = False,
    backend: TranslationBackend | Callable[[], TranslationBackend] | None = None,
    cache: TranslationCache | None = None,
    keep_records: bool = False,
    stdout: TextIO | None = None,
    sink: RecordSink | None = None,
) -> BatchResult:
    """Translate files, folders, glob patterns and ``-`` (stdin) into ``output`` (see ``plan_outputs``).

    ``backend`` overrides loading ``settings.model`` (which happens only once an input needs it): a
    loaded backend, or a function that loads one (called only then, as ``Translator`` does);
    ``cache`` defaults to a per-run ``MemoryCache``. ``keep_records`` keeps every document and its
    records in the result (so nothing streams); ``sink`` receives each written document's records
    as they are made instead (a review page). Errors that concern the whole run (bad arguments, a
    missing model) raise ``DragomanError``; a failing input is recorded and skipped.
    """
    settings = settings or RunSettings()
    writer = get_writer(fmt)
    sources = discover_inputs([str(item) for item in inputs])
    plans = plan_outputs(sources, output, writer)
    cache = MemoryCache() if cache is None else cache
    get_backend = _backend_loader(settings, backend)
    result = BatchResult()
    with BatchProgress(len(plans), BatchProgress.wanted(quiet)) as progress:
        run = BatchRun(
            writer,
            settings,
            get_backend,
            cache,
            progress,
            force=force,
            keep_records=keep_records,
            stdout=stdout,
            sink=sink,
        )
        for plan in plans:
            result.results.append(translate_one(plan, run))
            progress.document_done()
    return result


@dataclass(frozen=True)
class BatchRun:
    """What every input of one run shares (``translate_paths``; the Ray engine's actors)."""

    writer: OutputWriter
    settings: RunSettings
    get_backend: Callable[[], TranslationBackend]
    cache: TranslationCache
    progress: BatchProgress
    force: bool = False  # translate again when the output exists
    keep_records: bool = False  # keep every document and its records in the result (nothing streams)
    stdout: TextIO | None = None  # where outputs without a file go (None: ``sys.stdout``)
    sink: RecordSink | None = None  # receives each written document's records as they are made

    def write_stdout(self, text: str) -> None:
        _write_stdout(text, self.stdout)


def _backend_loader(
    settings: RunSettings, backend: TranslationBackend | Callable[[], TranslationBackend] | None
) -> Callable[[], TranslationBackend]:
    if callable(backend) and not isinstance(backend, TranslationBackend):
        return backend
    loaded: list[TranslationBackend] = [backend] if backend is not None else []

    def get() -> TranslationBackend:
        if not loaded:
            loaded.append(load_run_backend(settings))
        return loaded[0]

    return get


def load_run_backend(settings: RunSettings) -> TranslationBackend:
    """Load the model ``settings`` name with its backend, device, threads, precision and vocabulary."""
    from translate.backends import load_backend  # imports torch: only when needed

    return load_backend(
        choose_backend(settings.backend, settings.model),
        settings.model,
        settings.device,
        settings.threads,
        precision=settings.precision,
        english_vocab=settings.english_vocab,
    )


def choose_backend(name: str, model: str) -> str:
    """``auto``: CTranslate2 for a converted folder or ``models convert``-ed model, else transformers."""
    if name.strip().lower() != "auto":
        return name
    folder = Path(model)
    if (folder / "model.bin").is_file() and not any(folder.glob("*.safetensors")):
        return "ctranslate2"
    from translate.models.convert import ctranslate2_available, find_converted

    return "ctranslate2" if ctranslate2_available() and find_converted(model) else "transformers"


def translate_one(plan: OutputPlan, run: BatchRun) -> DocumentResult:
    """Translate one input into its planned output (skipped when it exists, unless ``run.force``);
    a failure is recorded in the result, except errors that stop the whole run."""
    name = source_name(plan.source)
    target = str(plan.target) if plan.target else None
    writer, settings = run.writer, run.settings
    if plan.target is not None:
        remove_stale_temporaries(plan.target)  # left by a run that was killed while writing it
    if plan.target is not None and plan.target.exists() and not run.force:
        return DocumentResult(name, target, "skipped")
    doc_id = plan.doc_id or _stem(plan.source)
    try:
        stream = open_stream(
            plan.source,
            writer,
            keep_records=run.keep_records,
            encoding=settings.encoding,
            whole_page=settings.whole_page,
        )
        if stream is not None:
            try:
                started = start_stream(
                    StreamJob(stream, doc_id, plan.target, run.write_stdout), writer, settings
                )
            except BaseException:
                stream.close()
                raise
        else:
            document = _parse_whole(plan, name, doc_id, settings)
            writer.check_input(document)
    except DragomanError as err:
        return DocumentResult(name, target, "failed", str(err))
    if stream is not None:
        try:
            return _translate_started(started, target, run)
        finally:
            stream.close()
    if streams_parsed(document, writer, keep_records=run.keep_records, to_file=plan.target is not None):
        return _translate_started(start_parsed_stream(document, plan.target, run.write_stdout), target, run)
    return _translate_whole(document, plan, run)


def _parse_whole(plan: OutputPlan, name: str, doc_id: str, settings: RunSettings) -> Document:
    """The input read whole by its format's reader and parsed (``DragomanError`` when it cannot be)."""
    source = read_source(plan.source, encoding=settings.encoding, whole_page=settings.whole_page)
    return parse_source(source, settings, doc_id=doc_id, path=name)


def parse_source(
    source: SourceFile, settings: RunSettings, *, doc_id: str, path: str, source_lang: str | None = None
) -> Document:
    """``source`` (a read input) parsed with the run's source language (``source_lang`` overrides
    it) and segment length; ``InputError`` when it has nothing to translate."""
    chars = settings.max_segment_chars
    document = parse_document(
        source.text,
        doc_id=doc_id,
        path=path,
        source_lang=source_lang or settings.source_lang,
        **({"max_segment_chars": chars} if chars else {}),
    )
    document.origin = source
    return document


def translate_parsed(
    document: Document,
    backend: TranslationBackend,
    settings: RunSettings,
    cache: TranslationCache | None,
    on_progress: Callable[[int], None] | None = None,
) -> list[SegmentRecord]:
    """The records of a whole ``document`` translated with the run's options and glossary, with
    where each came from in the input (``annotate_records``)."""
    records = translate_document(
        document,
        backend,
        options=settings.options,
        glossary=settings.glossary,
        terms_mode=settings.terms_mode,
        cache=cache,
        on_progress=on_progress,
    )
    annotate_records(document, records)
    return records


def _translate_whole(document: Document, plan: OutputPlan, run: BatchRun) -> DocumentResult:
    """Translate and write a document at once (a format that rebuilds its input, or ``keep_records``)."""
    name, writer = document.path, run.writer
    target = str(plan.target) if plan.target else None
    run.progress.describe(f"loading the model for {name}")
    backend = run.get_backend()  # a model that cannot be loaded stops the whole run
    try:
        with run.progress.counting(len(document.segments), name) as advance:
            records = translate_parsed(document, backend, run.settings, run.cache, advance)
        if writer.binary:
            if plan.target is None:
                raise DragomanError(name, f"--format {writer.name} writes a file; give -o")
            atomic_write_bytes(plan.target, writer.render_bytes(document, records))
        else:
            rendered = writer.render(document, records)
            if plan.target is None:
                run.write_stdout(rendered)
            else:
                atomic_write_text(plan.target, rendered)
    except StdoutError:
        raise  # standard output is gone: the whole run stops with one line
    except Exception as err:  # keep going past one bad document; the message names it
        return _failed(name, target, err)
    if run.sink is not None:
        run.sink.start_document(document.id, name)
        run.sink.add(records)
        run.sink.end_document(keep=True)
    kept = (document, records) if run.keep_records else (None, [])
    return DocumentResult(name, target, "written", "", *kept)


def _translate_started(started: StartedStream, target: str | None, run: BatchRun) -> DocumentResult:
    """Translate and write a document window by window (``translate.pipeline.stream_run``)."""
    name = started.where
    run.progress.describe(f"loading the model for {name}")
    backend = run.get_backend()  # a model that cannot be loaded stops the whole run
    if run.sink is not None:
        run.sink.start_document(started.source.header.id, name)
    written = False
    try:
        translate_stream(started, backend, run.writer, run.settings, run.cache, run.progress, run.sink)
        written = True
    except StdoutError:
        raise  # standard output is gone: the whole run stops with one line
    except Exception as err:  # keep going past one bad document; the message names it
        return _failed(name, target, err)
    finally:
        if run.sink is not None:
            run.sink.end_document(keep=written)
    return DocumentResult(name, target, "written")


def _failed(name: str, target: str | None, err: Exception) -> DocumentResult:
    """A failed input: Dragoman's one-line message, or an unexpected error named with its type."""
    message = str(err) if isinstance(err, DragomanError) else f"{name}: {type(err).__name__}: {err}"
    return DocumentResult(name, target, "failed", message)


class StdoutError(DragomanError):
    """Standard output cannot be written (full disk, closed pipe): no later document could be."""


def _write_stdout(text: str, stream: TextIO | None) -> None:
    """Write UTF-8 to standard output whatever the locale, line endings untouched."""
    try:
        _write_stream(text, stream or sys.stdout)
    except OSError as err:
        if err.errno == errno.EPIPE:
            raise  # the reader went away: handled quietly by the CLI
        raise StdoutError("<stdout>", f"cannot write ({err.strerror or err})") from None


def _write_stream(text: str, stream: TextIO) -> None:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)
        stream.flush()
