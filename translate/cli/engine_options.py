"""The engine options, declared once: every command that loads a translation model uses these.

``translate`` (and its ``batch`` alias) and ``evaluate --testset`` take the same ``--model``,
``--backend``, ``--device``, ``--precision``, ``--beam``, ``--batch-size``, ``--max-length-ratio``,
``--glossary``, ``--terms``, ``--source-lang``, ``--threads`` and ``--english-vocab``; their defaults
are the library's (``translate.Translator``, ``RunSettings``, ``DecodeOptions``).
``run_settings`` checks the values and builds the pipeline's ``RunSettings`` from them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translate.backends import BACKENDS
from translate.backends.base import DecodeOptions
from translate.cli.choices import check_choice
from translate.errors import DragomanError
from translate.models.convert import QUANTIZATIONS
from translate.pipeline.terms_hook import TERMS_MODES

if TYPE_CHECKING:
    from translate.pipeline.batch import RunSettings

DEFAULT_MODEL = "nllb-600m"  # = translate.pipeline.settings.DEFAULT_MODEL (tests/test_translator.py checks)
DEFAULT_BACKEND = "transformers"
DEFAULT_DEVICE = "cpu"
DEFAULT_TERMS = "constrain"
DEVICES: tuple[str, ...] = ("cpu", "cuda", "auto")
DECODE = DecodeOptions()
ENGINE_PANEL = "Engine"  # where these options are listed in a command's --help

ModelOption = Annotated[
    str,
    typer.Option(
        "--model",
        "-m",
        help="Preset name, Hugging Face hub id or local model folder.",
        rich_help_panel=ENGINE_PANEL,
    ),
]
BackendOption = Annotated[
    str, typer.Option("--backend", help=f"{', '.join(BACKENDS)}.", rich_help_panel=ENGINE_PANEL)
]
DeviceOption = Annotated[
    str,
    typer.Option(
        "--device",
        help="Where to run: cpu, cuda, cuda:N or auto (cuda when available).",
        rich_help_panel=ENGINE_PANEL,
    ),
]
PrecisionOption = Annotated[
    str | None,
    typer.Option(
        "--precision",
        help="Weights: transformers float32 (default) or int8 (dynamic, CPU); CTranslate2 the conversion "
        f"to load ({', '.join(QUANTIZATIONS)}; default int8 when converted).",
        rich_help_panel=ENGINE_PANEL,
    ),
]
BeamOption = Annotated[int, typer.Option("--beam", min=1, help="Beam size.", rich_help_panel=ENGINE_PANEL)]
BatchSizeOption = Annotated[
    int, typer.Option("--batch-size", min=1, help="Segments per model call.", rich_help_panel=ENGINE_PANEL)
]
MaxLengthRatioOption = Annotated[
    float,
    typer.Option(
        "--max-length-ratio",
        min=0.1,
        help="Output token budget relative to the input.",
        rich_help_panel=ENGINE_PANEL,
    ),
]
GlossaryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--glossary",
        "-g",
        help="Glossary file layered over the default one (repeatable; later files override by id).",
        rich_help_panel=ENGINE_PANEL,
    ),
]
TermsOption = Annotated[
    str,
    typer.Option(
        "--terms",
        help=f"Glossary enforcement ({'|'.join(TERMS_MODES)}): the default glossary + --glossary files.",
        rich_help_panel=ENGINE_PANEL,
    ),
]
SourceLangOption = Annotated[
    str | None,
    typer.Option(
        "--source-lang",
        "-s",
        help="Source language fa, prs (fa-AF), tg, ar; default: detect.",
        rich_help_panel=ENGINE_PANEL,
    ),
]
ThreadsOption = Annotated[
    int | None,
    typer.Option("--threads", min=1, help="CPU threads (per worker).", rich_help_panel=ENGINE_PANEL),
]
EnglishVocabOption = Annotated[
    bool,
    typer.Option(
        "--english-vocab/--full-vocab",
        help="Decode with the English-only output vocabulary (faster; CTranslate2 vocabulary map, "
        "transformers sliced output layer).",
        rich_help_panel=ENGINE_PANEL,
    ),
]


def check_precision(precision: str | None) -> str | None:
    """``precision`` when it names a known weight format (or is None), else a one-line error."""
    return None if precision is None else check_choice("--precision", precision, QUANTIZATIONS)


def check_glossary_files(paths: list[Path] | None) -> list[Path]:
    """The ``--glossary`` files, each checked to exist (one-line error naming the file otherwise)."""
    for path in paths or []:
        if not path.is_file():
            raise DragomanError(str(path), "glossary file not found")
    return list(paths or [])


def run_settings(
    *,
    model: str = DEFAULT_MODEL,
    backend: str = DEFAULT_BACKEND,
    device: str = DEFAULT_DEVICE,
    precision: str | None = None,
    beam: int = DECODE.beam_size,
    batch_size: int = DECODE.batch_size,
    max_length_ratio: float = DECODE.max_length_ratio,
    glossary: list[Path] | None = None,
    terms: str = DEFAULT_TERMS,
    source_lang: str | None = None,
    threads: int | None = None,
    english_vocab: bool = False,
    **document_options: object,
) -> RunSettings:
    """The pipeline's ``RunSettings`` for the engine options (checked; errors name the flag).

    ``document_options``: further ``RunSettings`` fields (``encoding``, ``whole_page``,
    ``max_segment_chars``).
    """
    from translate.pipeline.batch import RunSettings

    if not device.startswith("cuda:"):
        check_choice("--device", device, DEVICES)
    check_choice("--terms", terms, TERMS_MODES)
    check_choice("--backend", backend.strip().lower(), (*BACKENDS, "hf", "pytorch", "ct2"))
    return RunSettings(
        model=model,
        backend=backend,
        device=device,
        threads=threads,
        precision=check_precision(precision),
        english_vocab=english_vocab,
        options=DecodeOptions(beam_size=beam, batch_size=batch_size, max_length_ratio=max_length_ratio),
        source_lang=source_lang,
        glossary=check_glossary_files(glossary) or None,
        terms_mode=terms,
        **document_options,  # type: ignore[arg-type]
    )
