"""CLI: ``dragoman align SOURCE TRANSLATION`` (an existing human translation against its source)."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.panels import EVALUATE


class AlignFormat(StrEnum):
    """Output formats of ``dragoman align``."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"


def register(app: typer.Typer) -> None:
    """Add ``align`` to the ``dragoman`` app."""
    app.command("align", rich_help_panel=EVALUATE)(align)


def align(
    source: Annotated[Path, typer.Argument(help="The Persian or Arabic article.")],
    translation: Annotated[Path, typer.Argument(help="Its English translation (one paragraph per line).")],
    source_lang: Annotated[
        str | None, typer.Option("--source-lang", help="fa or ar (default: detect).")
    ] = None,
    fmt: Annotated[AlignFormat, typer.Option("--format", help="text, json or jsonl.")] = AlignFormat.TEXT,
    glossary_files: Annotated[
        list[Path] | None, typer.Option("--glossary", help="Extra glossary TSV (repeatable).")
    ] = None,
    no_glossary: Annotated[
        bool, typer.Option("--no-glossary", help="Do not use glossary terms as anchors.")
    ] = False,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", help="Also use a translation bridge with this model (chrF against the English)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Align an English translation with its source: sentence beads with offsets into both files."""
    from translate.align.bitext import align_translation
    from translate.align.term_anchors import glossary_term_anchors
    from translate.io.atomic import atomic_write_text
    from translate.io.reading import read_text

    source_text = read_text(source)
    target_text = read_text(translation)
    anchors = None if no_glossary else glossary_term_anchors([str(p) for p in glossary_files or []])
    bridge = _bridge(model, source_lang, source_text) if model else None
    result = align_translation(
        source_text, target_text, source_lang=source_lang, term_anchors=anchors, bridge=bridge
    )
    if fmt is AlignFormat.JSONL:
        text = "".join(json.dumps(asdict(b), ensure_ascii=False) + "\n" for b in result.beads)
    elif fmt is AlignFormat.JSON:
        payload = {
            "source_file": str(source),
            "translation_file": str(translation),
            "length_ratio": result.length_ratio,
            "stats": result.stats,
            "beads": [asdict(b) for b in result.beads],
        }
        text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    else:
        text = _as_text(result)
    if output:
        atomic_write_text(output, text)
    else:
        typer.echo(text, nl=False)


def _bridge(model: str, source_lang: str | None, source_text: str):
    """A function translating source sentences with ``model``, for the chrF bridge."""
    from translate.backends import load_backend
    from translate.document.langid import detect_language
    from translate.document.normalize import normalize_for_model

    backend = load_backend("transformers", model)
    lang = source_lang or detect_language(source_text)

    def translate(sentences: list[str]) -> list[str]:
        inputs = [normalize_for_model(s, lang) for s in sentences]
        return [out.text for out in backend.translate(inputs, lang)]

    return translate


def _as_text(result) -> str:
    lines = [f"# {len(result.beads)} beads, length ratio {result.length_ratio}"]
    for n, bead in enumerate(result.beads):
        moved = " moved" if bead.moved else ""
        lines.append(f"[{n}] {bead.kind} score={bead.score:.2f}{moved}")
        lines.append(f"  src {bead.source_start}-{bead.source_end}: {bead.source_text}")
        lines.append(f"  tgt {bead.target_start}-{bead.target_end}: {bead.target_text}")
    return "\n".join(lines) + "\n"
