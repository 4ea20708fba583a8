"""``dragoman batch``: a folder (or archive) of documents into an output folder, locally or on Ray.

``--engine local`` is the ``dragoman translate`` folder run; ``--engine ray`` spreads documents over
a pool of Ray actors (``translate.cluster``). Both reuse and fill ``--tm``; both skip documents whose
output exists. Exit status: 0 all written or skipped, 1 some inputs failed, 2 a run-stopping error.
"""

from __future__ import annotations

import json
import sys
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
    from translate.pipeline.batch import BatchResult, RunSettings

_DEFAULTS = DecodeOptions()
ENGINES: tuple[str, ...] = ("local", "ray")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the dragoman app."""
    app.command("batch")(batch)


def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (their *.txt) or glob patterns.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Output folder (one file per input).")],
    engine: Annotated[
        str, typer.Option("--engine", help="local (one process) or ray (actor pool).")
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster address (auto, ray://host:10001); local if omitted."),
    ] = None,
    actors: Annotated[
        int, typer.Option("--actors", min=1, help="Ray actors (each loads the model once).")
    ] = 2,
    documents_per_task: Annotated[
        int, typer.Option("--documents-per-task", min=1, help="Documents handed to an actor at a time.")
    ] = 4,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {'|'.join(FORMATS)}.")] = "text",
    model: Annotated[
        str, typer.Option("--model", "-m", help="Preset name, hub id or local model folder.")
    ] = ("nllb-600m"),
    backend: Annotated[
        str, typer.Option("--backend", help="transformers, ctranslate2 or auto.")
    ] = "transformers",
    source_lang: Annotated[
        str | None, typer.Option("--source-lang", "-s", help="fa, prs, tg or ar; detected if omitted.")
    ] = (None),
    beam: Annotated[int, typer.Option("--beam", min=1, help="Beam size.")] = _DEFAULTS.beam_size,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Segments per model call.")] = (
        _DEFAULTS.batch_size
    ),
    max_length_ratio: Annotated[
        float, typer.Option("--max-length-ratio", min=0.1, help="Output token budget relative to the input.")
    ] = _DEFAULTS.max_length_ratio,
    device: Annotated[str, typer.Option("--device", help="cpu or cuda (Ray: one GPU per actor).")] = "cpu",
    threads: Annotated[int | None, typer.Option("--threads", min=1, help="CPU threads per worker.")] = None,
    precision: PrecisionOption = None,
    english_vocab: EnglishVocabOption = False,
    tm: Annotated[
        Path | None, typer.Option("--tm", help="Translation memory (SQLite) shared by all workers.")
    ] = None,
    glossary: Annotated[
        list[Path] | None, typer.Option("--glossary", "-g", help="Glossary file (repeatable).")
    ] = None,
    terms: Annotated[
        str, typer.Option("--terms", help=f"Glossary enforcement: {'|'.join(TERMS_MODES)}.")
    ] = "constrain",
    force: Annotated[bool, typer.Option("--force", help="Redo inputs whose output already exists.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    summary: Annotated[str, typer.Option("--summary", help="Run summary on stdout: text or json.")] = "text",
) -> None:
    """Translate an archive of documents, on this machine or on a Ray cluster, with a shared memory."""
    from translate.pipeline.batch import RunSettings

    for option, value, choices in (
        ("--engine", engine, ENGINES),
        ("--format", fmt, FORMATS),
        ("--device", device, ("cpu", "cuda")),
        ("--terms", terms, TERMS_MODES),
        ("--summary", summary, ("text", "json")),
    ):
        check_choice(option, value, choices)
    for path in glossary or []:
        if not path.is_file():
            raise DragomanError(str(path), "glossary file not found")
    settings = RunSettings(
        model=model,
        backend=backend,
        device=device,
        threads=threads,
        precision=check_precision(precision),
        english_vocab=english_vocab,
        options=DecodeOptions(beam_size=beam, batch_size=batch_size, max_length_ratio=max_length_ratio),
        source_lang=source_lang,
        glossary=glossary or None,
        terms_mode=terms,
    )
    if engine == "ray":
        from translate.cluster import ClusterOptions, translate_on_ray

        cluster = ClusterOptions(address=address, actors=actors, documents_per_task=documents_per_task)
        outcome = translate_on_ray(
            inputs, output, fmt, settings, tm_path=tm, cluster=cluster, force=force, quiet=quiet
        )
        result, counts = outcome.batch, outcome.counts.as_dict()
    else:
        result, counts = _run_local(inputs, output, fmt, settings, tm, force, quiet)
    for item in result.failed:
        print(f"dragoman: error: {item.error}", file=sys.stderr)
    report = {
        "engine": engine,
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
    if summary == "json":
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


def _run_local(
    inputs: list[str], output: str, fmt: str, settings: RunSettings, tm: Path | None, force: bool, quiet: bool
) -> tuple[BatchResult, dict[str, int]]:
    """The ``dragoman translate`` folder run, with a memory (in-process SQLite when no ``--tm``)."""
    from translate.memory import TranslationMemory, glossary_hash
    from translate.pipeline.batch import translate_paths

    folder = output if output.endswith(("/", "\\")) else output + "/"
    glossary = glossary_hash(settings.glossary, settings.terms_mode)
    with TranslationMemory(tm or ":memory:", glossary) as memory:
        try:
            result = translate_paths(inputs, folder, fmt, settings, force=force, quiet=quiet, cache=memory)
        except KeyboardInterrupt:
            print("dragoman: interrupted; finished outputs and memory entries were kept", file=sys.stderr)
            raise typer.Exit(130) from None
        if memory.problem:
            print(f"dragoman: warning: {memory.path}: {memory.problem}", file=sys.stderr)
        return result, memory.counts.as_dict()
