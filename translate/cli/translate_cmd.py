"""``dragoman translate``: files, folders, globs or stdin into English, in the chosen format.

A thin layer over ``translate.pipeline.translate_paths``. Exit status: 0 when every input was
translated or skipped, 1 when some inputs failed (each named on stderr) and the others were written,
2 for an error that stops the run (bad arguments, missing model, the single input unusable),
130 when interrupted (finished outputs are kept).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translate.backends.base import DecodeOptions
from translate.cli.choices import check_choice
from translate.cli.engine_options import EnglishVocabOption, PrecisionOption, check_precision
from translate.errors import DragomanError
from translate.outputs import FORMATS
from translate.pipeline.terms_hook import TERMS_MODES

if TYPE_CHECKING:
    from translate.memory import TranslationMemory
    from translate.pipeline.batch import BatchResult

_DEFAULTS = DecodeOptions()
DEVICES: tuple[str, ...] = ("cpu", "cuda", "auto")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the dragoman app."""
    app.command("translate")(translate)


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
    model: Annotated[
        str, typer.Option("--model", "-m", help="Preset name, Hugging Face hub id or local model folder.")
    ] = "nllb-600m",
    backend: Annotated[
        str, typer.Option("--backend", help="transformers, ctranslate2 or auto.")
    ] = "transformers",
    source_lang: Annotated[
        str | None,
        typer.Option("--source-lang", "-s", help="Source language fa, prs (fa-AF), tg, ar; default: detect."),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Input text encoding: cp1256, iso8859-6... (default: detect)."),
    ] = None,
    whole_page: Annotated[
        bool, typer.Option("--whole-page", help="Web pages: translate every text node, not only the article.")
    ] = False,
    beam: Annotated[int, typer.Option("--beam", min=1, help="Beam size.")] = _DEFAULTS.beam_size,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Segments per model call.")
    ] = _DEFAULTS.batch_size,
    max_length_ratio: Annotated[
        float, typer.Option("--max-length-ratio", min=0.1, help="Output token budget relative to the input.")
    ] = _DEFAULTS.max_length_ratio,
    max_segment_chars: Annotated[
        int | None, typer.Option("--max-segment-chars", min=20, help="Split longer sentences at clauses.")
    ] = None,
    device: Annotated[str, typer.Option("--device", help="Where to run: cpu, cuda or auto.")] = "cpu",
    threads: Annotated[int | None, typer.Option("--threads", min=1, help="CPU threads.")] = None,
    precision: PrecisionOption = None,
    english_vocab: EnglishVocabOption = False,
    force: Annotated[bool, typer.Option("--force", help="Redo inputs whose output already exists.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    glossary: Annotated[
        list[Path] | None, typer.Option("--glossary", "-g", help="Glossary file (repeatable).")
    ] = None,
    terms: Annotated[
        str,
        typer.Option(
            "--terms",
            help=f"Glossary enforcement ({'|'.join(TERMS_MODES)}): default glossary + --glossary files.",
        ),
    ] = "constrain",
    review: Annotated[
        Path | None, typer.Option("--review", help="Also write a side-by-side review page (HTML) here.")
    ] = None,
    tm: Annotated[
        Path | None, typer.Option("--tm", help="Translation memory (SQLite): reuse and store every segment.")
    ] = None,
) -> None:
    """Translate Persian/Arabic text into English, keeping the document's structure."""
    from translate.pipeline.batch import RunSettings, translate_paths

    check_choice("--format", fmt, FORMATS)
    check_choice("--device", device, DEVICES)
    check_choice("--terms", terms, TERMS_MODES)
    glossary = _glossary_files(glossary or [])
    write_review = _review_writer() if review else None
    if review is not None:
        from translate.io.clash import refuse_overwriting
        from translate.io.discover import discover_inputs

        sources = [p for p in discover_inputs([str(i) for i in inputs]) if str(p) != "-"]
        refuse_overwriting(review, [*sources, *([output] if output else []), *(glossary or [])], "--review")
    settings = RunSettings(
        model=model,
        backend=backend,
        device=device,
        threads=threads,
        precision=check_precision(precision),
        english_vocab=english_vocab,
        options=DecodeOptions(beam_size=beam, batch_size=batch_size, max_length_ratio=max_length_ratio),
        source_lang=source_lang,
        max_segment_chars=max_segment_chars,
        glossary=_load_glossaries(glossary or []),
        terms_mode=terms,
        encoding=encoding,
        whole_page=whole_page,
    )
    memory = _open_tm(tm, glossary, terms)
    try:
        result = translate_paths(
            inputs,
            output,
            fmt,
            settings,
            force=force,
            quiet=quiet,
            keep_records=review is not None,
            cache=memory,
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
    if write_review and review:
        done = result.written
        records = [rec for item in done for rec in item.records]
        write_review(records, review, fmt="html", documents=[item.document for item in done])
    if not quiet:
        _summary(result, output)
        if terms != "off":
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


def _review_writer() -> Callable[..., object]:
    """``translate.review.write_review``, or a one-line error when it is not installed."""
    try:
        from translate.review import write_review
    except ImportError:
        raise DragomanError("--review", "review pages are not available in this installation") from None
    return write_review


def _glossary_files(paths: list[Path]) -> list[Path]:
    """``--glossary`` files, else ``./glossary.tsv`` when the working folder has one (the run's last
    stderr line says which glossary was in force)."""
    from glossary.store import with_working_glossary

    return with_working_glossary(paths)


def _load_glossaries(paths: list[Path]) -> list[Path] | None:
    """The glossary files, checked to exist; enforcement reads them (see translate.pipeline.terms_hook)."""
    for path in paths:
        if not path.is_file():
            raise DragomanError(str(path), "glossary file not found")
    return paths or None


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
