"""``dragoman translate``: files, folders, globs or stdin into English, in the chosen format.

A thin layer over the library: ``translate.Translator.run`` on this machine, or
``translate.cluster.translate_on_ray`` with ``--engine ray``. ``dragoman batch`` is an alias of
``dragoman translate --summary text`` (an archive run into an ``-o`` folder with a run summary).
Exit status: 0 when every input was translated or skipped, 1 when some inputs failed (each named on
stderr) and the others were written, 2 for an error that stops the run (bad arguments, missing
model, the single input unusable), 130 when interrupted (finished outputs are kept).
"""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from translate.cli.choices import check_choice
from translate.cli.engine_options import (
    DECODE,
    DEFAULT_BACKEND,
    DEFAULT_DEVICE,
    DEFAULT_MODEL,
    DEFAULT_TERMS,
    BackendOption,
    BatchSizeOption,
    BeamOption,
    DeviceOption,
    EnglishVocabOption,
    GlossaryOption,
    MaxLengthRatioOption,
    ModelOption,
    PrecisionOption,
    SourceLangOption,
    TermsOption,
    ThreadsOption,
    check_glossary_files,
    run_settings,
)
from translate.cli.panels import TRANSLATE
from translate.errors import DragomanError
from translate.outputs import FORMATS

if TYPE_CHECKING:
    from translate.memory import TranslationMemory
    from translate.pipeline.batch import BatchResult, RunSettings

ENGINES: tuple[str, ...] = ("local", "ray")
SUMMARIES: tuple[str, ...] = ("text", "json")
ARCHIVE_PANEL = "Archive runs (local or Ray)"


def register(app: typer.Typer) -> None:
    """Add ``translate`` (and its ``batch`` alias) to the dragoman app."""
    app.command("translate", rich_help_panel=TRANSLATE)(translate)
    app.command("batch", hidden=True)(batch)


def translate(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files (txt md html docx pdf srt vtt), folders (their *.txt), globs, - (stdin)."),
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="File for one input, folder for several; stdout when omitted."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {'|'.join(FORMATS)}.")] = "text",
    model: ModelOption = DEFAULT_MODEL,
    backend: BackendOption = DEFAULT_BACKEND,
    device: DeviceOption = DEFAULT_DEVICE,
    precision: PrecisionOption = None,
    beam: BeamOption = DECODE.beam_size,
    batch_size: BatchSizeOption = DECODE.batch_size,
    max_length_ratio: MaxLengthRatioOption = DECODE.max_length_ratio,
    glossary: GlossaryOption = None,
    terms: TermsOption = DEFAULT_TERMS,
    source_lang: SourceLangOption = None,
    threads: ThreadsOption = None,
    english_vocab: EnglishVocabOption = False,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Input text encoding: cp1256, iso8859-6... (default: detect)."),
    ] = None,
    whole_page: Annotated[
        bool, typer.Option("--whole-page", help="Web pages: translate every text node, not only the article.")
    ] = False,
    max_segment_chars: Annotated[
        int | None, typer.Option("--max-segment-chars", min=20, help="Split longer sentences at clauses.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo inputs whose output already exists.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    review: Annotated[
        Path | None, typer.Option("--review", help="Also write a side-by-side review page (HTML) here.")
    ] = None,
    tm: Annotated[
        Path | None,
        typer.Option(
            "--tm", help="Translation memory (SQLite): reuse and store every segment (shared by workers)."
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", help="local (this process) or ray (actor pool).", rich_help_panel=ARCHIVE_PANEL
        ),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(
            "--address",
            help="Ray cluster address (auto, ray://host:10001); local if omitted.",
            rich_help_panel=ARCHIVE_PANEL,
        ),
    ] = None,
    actors: Annotated[
        int,
        typer.Option(
            "--actors", min=1, help="Ray actors (each loads the model once).", rich_help_panel=ARCHIVE_PANEL
        ),
    ] = 2,
    documents_per_task: Annotated[
        int,
        typer.Option(
            "--documents-per-task",
            min=1,
            help="Documents handed to a Ray actor at a time.",
            rich_help_panel=ARCHIVE_PANEL,
        ),
    ] = 4,
    summary: Annotated[
        str | None,
        typer.Option(
            "--summary",
            help="Archive run into the -o folder with a run summary: text (on stderr) or json (on stdout).",
            rich_help_panel=ARCHIVE_PANEL,
        ),
    ] = None,
) -> None:
    """Translate Persian/Arabic text into English, keeping the document's structure."""
    check_choice("--format", fmt, FORMATS)
    check_choice("--engine", engine, ENGINES)
    if summary is not None:
        check_choice("--summary", summary, SUMMARIES)
    archive = engine == "ray" or summary is not None
    if archive and review is not None:
        raise DragomanError("--review", "not available for archive runs (--engine ray or --summary)")
    glossary = _glossary_files(check_glossary_files(glossary))
    settings = run_settings(
        model=model, backend=backend, device=device, precision=precision, beam=beam, batch_size=batch_size,
        max_length_ratio=max_length_ratio, glossary=glossary, terms=terms, source_lang=source_lang,
        threads=threads, english_vocab=english_vocab, encoding=encoding, whole_page=whole_page,
        max_segment_chars=max_segment_chars,
    )  # fmt: skip
    if archive:
        run = ArchiveRun(engine, address, actors, documents_per_task, summary or "text")
        _archive_run(inputs, output, fmt, settings, run, tm, force, quiet)
    else:
        _local_run(inputs, output, fmt, settings, glossary, review, tm, force, quiet)


def _alias_signature(command: Callable[..., Any], **defaults: Any) -> inspect.Signature:
    """``command``'s parameters with other defaults (an alias parses the very same options)."""
    params = inspect.signature(command, eval_str=True).parameters.values()
    return inspect.Signature([p.replace(default=defaults.get(p.name, p.default)) for p in params])


def batch(**options: Any) -> None:
    """Alias of ``translate --summary text``: an archive into the -o folder, locally or on Ray."""
    translate(**options)


batch.__signature__ = _alias_signature(translate, summary="text")  # type: ignore[attr-defined]
batch.__annotations__ = translate.__annotations__


@dataclass(frozen=True)
class ArchiveRun:
    """How an archive run is spread and reported: ``--engine``, Ray's options, ``--summary``."""

    engine: str
    address: str | None
    actors: int
    documents_per_task: int
    summary: str


def _local_run(
    inputs: list[str],
    output: str | None,
    fmt: str,
    settings: RunSettings,
    glossary: list[Path],
    review: Path | None,
    tm: Path | None,
    force: bool,
    quiet: bool,
) -> None:
    """``dragoman translate``'s own run: stdout, a file or a folder; a review page; a memory."""
    from translate.translator import Translator

    review_page = None
    if review is not None:
        from translate.io.clash import refuse_overwriting
        from translate.io.discover import discover_inputs

        sources = [p for p in discover_inputs([str(i) for i in inputs]) if str(p) != "-"]
        refuse_overwriting(review, [*sources, *([output] if output else []), *(glossary or [])], "--review")
        review_page = _review_module().open_review_page(review.parent)
    memory = _open_tm(tm, glossary, settings.terms_mode)
    try:
        result = Translator.from_settings(settings).run(
            inputs,
            output,
            format=fmt,
            force=force,
            quiet=quiet,
            cache=memory,
            sink=review_page,
        )
    except KeyboardInterrupt:
        print("dragoman: interrupted; finished outputs were kept", file=sys.stderr)
        raise typer.Exit(130) from None
    failed = result.failed
    if len(result.results) == 1 and failed:
        print(f"dragoman: error: {failed[0].error}", file=sys.stderr)
        raise typer.Exit(2)
    for item in failed:
        print(f"dragoman: error: {item.error}", file=sys.stderr)
    if review_page is not None and review is not None:
        _review_module().write_review_page(review_page, review)
    if not quiet:
        _summary(result, output)
        if settings.terms_mode != "off":
            from glossary.store import describe_glossaries

            print(f"dragoman: {describe_glossaries(glossary)}", file=sys.stderr)
    if memory is not None:
        memory.close()
        if memory.problem:  # best-effort memory: the outputs above were written all the same
            print(f"dragoman: warning: {memory.path}: {memory.problem}", file=sys.stderr)
        if not quiet:
            _tm_summary(memory)
    if failed:
        names = ", ".join(item.source for item in failed)
        print(f"dragoman: {len(failed)} of {len(result.results)} inputs failed: {names}", file=sys.stderr)
        raise typer.Exit(1)


def _archive_run(
    inputs: list[str],
    output: str | None,
    fmt: str,
    settings: RunSettings,
    archive: ArchiveRun,
    tm: Path | None,
    force: bool,
    quiet: bool,
) -> None:
    """An archive into the folder ``output``, on this machine or on Ray, with a run summary."""
    if not output:
        raise DragomanError("--output", "an archive run (--engine ray or --summary) needs -o FOLDER")
    if archive.engine == "ray":
        from translate.cluster import ClusterOptions, translate_on_ray

        cluster = ClusterOptions(
            address=archive.address, actors=archive.actors, documents_per_task=archive.documents_per_task
        )
        outcome = translate_on_ray(
            inputs, output, fmt, settings, tm_path=tm, cluster=cluster, force=force, quiet=quiet
        )
        result, counts = outcome.batch, outcome.counts.as_dict()
    else:
        result, counts = _run_with_memory(inputs, output, fmt, settings, tm, force, quiet)
    for item in result.failed:
        print(f"dragoman: error: {item.error}", file=sys.stderr)
    report = {
        "engine": archive.engine,
        "output": output,
        "documents": {
            "written": len(result.written),
            "skipped": len(result.skipped),
            "failed": len(result.failed),
        },
        "segments": counts,
        "memory": str(tm) if tm else None,
        "failures": [{"source": item.source, "error": item.error} for item in result.failed],
    }
    if archive.summary == "json":
        print(json.dumps(report, ensure_ascii=False))
    elif not quiet:
        docs, segs = report["documents"], report["segments"]
        print(
            f"dragoman: {docs['written']} written, {docs['skipped']} skipped, {docs['failed']} failed; "
            f"segments: {segs['hits']} memory hits, {segs['misses']} translated, {segs['stored']} stored",
            file=sys.stderr,
        )
    if result.failed:
        raise typer.Exit(1)


def _run_with_memory(
    inputs: list[str], output: str, fmt: str, settings: RunSettings, tm: Path | None, force: bool, quiet: bool
) -> tuple[BatchResult, dict[str, int]]:
    """The local archive run, with a memory (in-process SQLite when no ``--tm``)."""
    from translate.memory import TranslationMemory, glossary_hash
    from translate.translator import Translator

    folder = output if output.endswith(("/", "\\")) else output + "/"
    glossary = glossary_hash(settings.glossary, settings.terms_mode)
    with TranslationMemory(tm or ":memory:", glossary) as memory:
        try:
            result = Translator.from_settings(settings).run(
                inputs, folder, format=fmt, force=force, quiet=quiet, cache=memory
            )
        except KeyboardInterrupt:
            print("dragoman: interrupted; finished outputs and memory entries were kept", file=sys.stderr)
            raise typer.Exit(130) from None
        if memory.problem:
            print(f"dragoman: warning: {memory.path}: {memory.problem}", file=sys.stderr)
        return result, memory.counts.as_dict()


def _open_tm(path: Path | None, glossary: list[Path] | None, terms: str) -> TranslationMemory | None:
    """The translation memory for ``--tm`` (bound to the glossary files and mode), or None."""
    if path is None:
        return None
    from translate.memory import open_memory

    return open_memory(path, glossary or None, terms)


def _tm_summary(memory: TranslationMemory) -> None:
    """Memory use on stderr, e.g. ``dragoman: memory tm.sqlite: 12 hits, 30 translated, 30 stored``."""
    c = memory.counts
    print(
        f"dragoman: memory {memory.path}: {c.hits} hits, {c.misses} translated, {c.stored} stored",
        file=sys.stderr,
    )


def _review_module() -> ModuleType:
    """``translate.review``, or a one-line error when it is not installed."""
    try:
        import translate.review as review
    except ImportError:
        raise DragomanError("--review", "review pages are not available in this installation") from None
    return review


def _glossary_files(paths: list[Path]) -> list[Path]:
    """``--glossary`` files, else ``./glossary.tsv`` when the working folder has one (the run's last
    stderr line says which glossary was in force)."""
    from glossary.store import with_working_glossary

    return with_working_glossary(paths)


def _summary(result: BatchResult, output: str | None) -> None:
    """One line on stderr for runs with several inputs or skipped ones."""
    written, skipped = len(result.written), len(result.skipped)
    if len(result.results) == 1 and not skipped:
        return
    parts = [f"translated {written}"]
    if skipped:
        parts.append(f"skipped {skipped} (output exists; --force redoes them)")
    if result.failed:
        parts.append(f"failed {len(result.failed)}")
    where = f" -> {output}" if output else ""
    print(f"dragoman: {', '.join(parts)}{where}", file=sys.stderr)
