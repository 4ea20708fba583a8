"""CLI: ``dragoman evaluate`` in its three forms (score files, translate a test set, compare two runs)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from translate.cli.engine_options import check_precision
from translate.errors import InputError


class EvalFormat(StrEnum):
    """Output formats of ``dragoman evaluate``."""

    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Add ``evaluate`` to the ``dragoman`` app."""

    @app.command("evaluate")
    def evaluate(
        hyp: Path | None = typer.Option(
            None, "--hyp", help="Hypothesis: line-aligned text or a Dragoman JSONL run."
        ),
        ref: Path | None = typer.Option(
            None,
            "--ref",
            help="Reference: line-aligned text, or a reference-set JSONL (pairs by source offsets).",
        ),
        src: Path | None = typer.Option(None, "--src", help="Line-aligned source, for terminology metrics."),
        testset: Path | None = typer.Option(
            None,
            "--testset",
            help="A folder with reference/*.jsonl beside its articles (e.g. seeds): translate, then score.",
        ),
        compare: list[Path] = typer.Option(
            [],
            "--compare",
            help="Two runs (JSONL or text) to compare with paired bootstrap: --compare A --compare B.",
        ),
        model: str = typer.Option(
            "nllb-600m", "--model", help="With --testset: preset, hub id or local dir."
        ),
        backend: str = typer.Option("transformers", "--backend", help="With --testset: translation backend."),
        beam: int = typer.Option(4, "--beam", help="With --testset: beam size."),
        precision: str | None = typer.Option(
            None, "--precision", help="With --testset: weights (float32, int8, or a CTranslate2 conversion)."
        ),
        english_vocab: bool = typer.Option(
            False, "--english-vocab/--full-vocab", help="With --testset: English-only output vocabulary."
        ),
        max_length_ratio: float = typer.Option(
            2.0, "--max-length-ratio", help="With --testset: output token budget relative to the input."
        ),
        terms: str = typer.Option(
            "constrain", "--terms", help="With --testset: constrain, post-edit or off."
        ),
        glossary_files: list[Path] = typer.Option([], "--glossary", help="Extra glossary TSV (repeatable)."),
        samples: int = typer.Option(1000, "--samples", help="Bootstrap resamples for --compare."),
        fmt: EvalFormat = typer.Option(EvalFormat.TEXT, "--format", help="text or json."),
        output: Path | None = typer.Option(None, "-o", "--output", help="Write the report here."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar on stderr."),
    ) -> None:
        """Score translations with sacrebleu (BLEU, chrF++, TER) and terminology accuracy."""
        from translate.evaluate import runner
        from translate.pipeline.progress import BatchProgress

        glossaries = [str(p) for p in glossary_files]
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
