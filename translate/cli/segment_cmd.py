"""CLI: ``dragoman segment FILE`` shows how a text is cut into blocks and segments."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from translate.cli.panels import TRANSLATE


class SegmentFormat(StrEnum):
    """Output formats of ``dragoman segment``."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"


def register(app: typer.Typer) -> None:
    """Add ``segment`` to the ``dragoman`` app."""
    app.command("segment", rich_help_panel=TRANSLATE)(segment)


def segment(
    file: Annotated[str, typer.Argument(help="A text, HTML, DOCX, PDF, SRT or VTT file, or - for stdin.")],
    fmt: Annotated[SegmentFormat, typer.Option("--format", help="text, json or jsonl.")] = SegmentFormat.TEXT,
    source_lang: Annotated[
        str | None,
        typer.Option("--source-lang", help="fa, prs, tg or ar: force the source language (default: detect)."),
    ] = None,
    max_segment_chars: Annotated[
        int, typer.Option("--max-segment-chars", help="Cut longer sentences at clause boundaries.")
    ] = 400,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Input encoding (default: detect).")
    ] = None,
) -> None:
    """Print the segments of FILE: ids, kinds, languages, offsets, text and model input.

    Non-text inputs are shown as the text the pipeline reads (one line per heading, paragraph,
    list item, table cell or subtitle group); offsets index that text.
    """
    from translate.document.parse import parse_document
    from translate.formats import read_source
    from translate.io.atomic import atomic_write_text
    from translate.io.reading import source_name

    text = read_source(file, encoding=encoding).text
    doc_id = "stdin" if file == "-" else Path(file).stem
    document = parse_document(
        text,
        doc_id=doc_id,
        path=source_name(file),
        source_lang=source_lang,
        max_segment_chars=max_segment_chars,
    )
    records = segment_records(document)
    if fmt is SegmentFormat.JSONL:
        out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif fmt is SegmentFormat.JSON:
        payload = {
            "document": document.id,
            "path": document.path,
            "lang": document.lang,
            "chars": len(document.text),
            "blocks": len(document.blocks),
            "segments": records,
        }
        out = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    else:
        out = _as_text(document.id, document.lang, records)
    if output:
        atomic_write_text(output, out)
    else:
        typer.echo(out, nl=False)


def segment_records(document: Any) -> list[dict[str, Any]]:
    """One JSON-ready dict per segment (the ``--format json/jsonl`` contract)."""
    records = []
    for block in document.blocks:
        for seg in block.segments:
            records.append(
                {
                    "document": document.id,
                    "path": document.path,
                    "block": seg.block,
                    "segment": seg.id,
                    "kind": str(seg.kind),
                    "lang": seg.lang,
                    "start": seg.start,
                    "end": seg.end,
                    "text": seg.text,
                    "translate": seg.translate,
                    "split": seg.split,
                    "prefix": block.prefix if seg.index == 0 else "",
                    "level": block.level,
                    "markers": [asdict(m) for m in seg.markers],
                    "model_input": seg.model_input,
                }
            )
    return records


def _as_text(doc_id: str, lang: str, records: list[dict[str, Any]]) -> str:
    lines = [f"# {doc_id}  lang={lang}  segments={len(records)}"]
    for r in records:
        flags = [r["kind"], r["lang"]]
        if not r["translate"]:
            flags.append("passthrough")
        if r["split"]:
            flags.append("split")
        if r["markers"]:
            flags.append("markers=" + ",".join(m["label"] for m in r["markers"]))
        lines.append(f"{r['segment']:>8}  {r['start']}-{r['end']}  [{' '.join(flags)}]  {r['text']}")
        if r["translate"] and r["model_input"] != r["text"]:
            lines.append(f"{'':>8}  model: {r['model_input']}")
    return "\n".join(lines) + "\n"
