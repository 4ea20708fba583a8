"""Options shared by the commands that load a translation engine (``translate``, ``batch``)."""

from __future__ import annotations

from typing import Annotated

import typer

from translate.cli.choices import check_choice
from translate.models.convert import QUANTIZATIONS

PrecisionOption = Annotated[
    str | None,
    typer.Option(
        "--precision",
        help="Weights: transformers float32 (default) or int8 (dynamic, CPU); CTranslate2 the conversion "
        f"to load ({', '.join(QUANTIZATIONS)}; default int8 when converted).",
    ),
]
EnglishVocabOption = Annotated[
    bool,
    typer.Option(
        "--english-vocab/--full-vocab",
        help="Decode with the English-only output vocabulary (faster; CTranslate2 vocabulary map, "
        "transformers sliced output layer).",
    ),
]


def check_precision(precision: str | None) -> str | None:
    """``precision`` when it names a known weight format (or is None), else a one-line error."""
    return None if precision is None else check_choice("--precision", precision, QUANTIZATIONS)
