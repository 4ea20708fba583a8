"""CLI: ``dragoman evaluate`` in its three forms (score files, translate a test set, compare two runs)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.choices import check_choice
from translate.cli.engine_options import (
    DECODE,
    DEFAULT_BACKEND,
    DEFAULT_MODEL,
    DEFAULT_TERMS,
    BackendOption,
    BeamOption,
    EnglishVocabOption,
    GlossaryOption,
    MaxLengthRatioOption,
    ModelOption,
    PrecisionOption,
    TermsOption,
    check_glossary_files,
    check_precision,
)
from translate.cli.panels import EVALUATE
from translate.errors import InputError
from translate.pipeline.terms_hook import TERMS_MODES


class EvalFormat(StrEnum):
    """Output formats of ``dragoman evaluate``."""

    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Add ``evaluate`` to the ``dragoman`` app."""
    app.command("evaluate", rich_help_panel=EVALUATE)(evaluate)


def evaluate(
    hyp: Annotated[
        Path | None, typer.Option("--hyp", help="Hypothesis: line-aligned text or a Dragoman JSONL run.")
    ] = None,
    ref: Annotated[
        Path | None,
        typer.Option(
            "--ref",
            help="Reference: line-aligned text, or a reference-set JSONL (pairs by source offsets).",
        ),
    ] = None,
    src: Annotated[
        Path | None, typer.Option("--src", help="Line-aligned source, for terminology metrics.")
    ] = None,
    testset: Annotated[
        Path | None,
        typer.Option(
            "--testset",
            help="A folder with reference/*.jsonl beside its articles (e.g. seeds): translate, then score.",
        ),
    ] = None,
    compare: Annotated[
        list[Path] | None,
        typer.Option(
            "--compare",
            help="Two runs (JSONL or text) to compare with paired bootstrap: --compare A --compare B.",
        ),
    ] = None,
    model: ModelOption = DEFAULT_MODEL,
    backend: BackendOption = DEFAULT_BACKEND,
    beam: BeamOption = DECODE.beam_size,
    precision: PrecisionOption = None,
    english_vocab: EnglishVocabOption = False,
    max_length_ratio: MaxLengthRatioOption = DECODE.max_length_ratio,
    terms: TermsOption = DEFAULT_TERMS,
    glossary: GlossaryOption = None,
    samples: Annotated[int, typer.Option("--samples", help="Bootstrap resamples for --compare.")] = 1000,
    fmt: Annotated[EvalFormat, typer.Option("--format", help="text or json.")] = EvalFormat.TEXT,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the report here.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar on stderr.")] = False,
) -> None:
    """Score translations with sacrebleu (BLEU, chrF++, TER) and terminology accuracy.

    The engine options apply to --testset (translate its articles, then score).
    """
    from translate.evaluate import runner
    from translate.pipeline.progress import BatchProgress

    glossaries = [str(p) for p in check_glossary_files(glossary)]
    check_choice("--terms", terms, TERMS_MODES)
    if compare:
        if len(compare) != 2 or ref is None:
            raise InputError("--compare", "give exactly two runs (--compare A --compare B) and --ref")
        payload = runner.compare_runs(compare[0], compare[1], ref, samples=samples)
        text = runner.render_comparison(payload)
    elif testset is not None:
        report = runner.evaluate_testset(
            testset,
            model=model,
            backend=backend,
            beam=beam,
            terms=terms,
            glossaries=glossaries,
            max_length_ratio=max_length_ratio,
            precision=check_precision(precision),
            english_vocab=english_vocab,
            progress=BatchProgress.wanted(quiet),
        )
        payload, text = report.to_dict(), runner.render_text(report)
    elif hyp is not None and ref is not None:
        report = runner.evaluate_files(hyp, ref, src, glossaries=glossaries)
        payload, text = report.to_dict(), runner.render_text(report)
    else:
        raise InputError(
            "evaluate", "give --hyp and --ref, or --testset, or --compare A --compare B with --ref"
        )
    if fmt is EvalFormat.JSON:
        text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if output:
        from translate.io.atomic import atomic_write_text

        atomic_write_text(output, text)
    else:
        typer.echo(text, nl=False)
