"""CLI: ``dragoman tm stats|export|import`` (a thin layer over ``translate.memory``)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translate.cli.choices import check_choice
from translate.cli.panels import TRANSLATE
from translate.errors import DragomanError

if TYPE_CHECKING:
    from translate.memory import TranslationMemory

tm_app = typer.Typer(
    help="Translation memory: statistics, TMX/JSONL export, TMX import.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the dragoman app."""
    app.add_typer(tm_app, name="tm", rich_help_panel=TRANSLATE)


def _open_existing(path: Path) -> TranslationMemory:
    from translate.memory import TranslationMemory

    return TranslationMemory(path, create=False)


@tm_app.command("stats")
def stats(
    memory: Annotated[Path, typer.Argument(help="The translation memory (SQLite file).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Entries, hits and size, per origin, model, source language and glossary."""
    check_choice("--format", fmt, ("text", "json"))
    with _open_existing(memory) as tm:
        result = tm.stats()
    if fmt == "json":
        print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
        return
    print(f"{result.path}: {result.entries} entries, {result.hits} hits, {result.size_bytes} bytes")
    for group in result.groups:
        print(
            f"  {group['origin']:<7} {group['model']:<40} {group['source_lang']:<3} "
            f"glossary {group['glossary']:<16} {group['entries']:>8} entries {group['hits']:>8} hits"
        )


@tm_app.command("export")
def export(
    memory: Annotated[Path, typer.Argument(help="The translation memory (SQLite file).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="tmx or jsonl.")] = "tmx",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; stdout if omitted.")
    ] = None,
) -> None:
    """Every entry as TMX 1.4b (for CAT tools) or JSONL (all columns)."""
    from translate.io.atomic import atomic_write_text
    from translate.io.clash import refuse_overwriting
    from translate.memory import export_jsonl, export_tmx

    check_choice("--format", fmt, ("tmx", "jsonl"))
    refuse_overwriting(output, [memory], "--output")
    with _open_existing(memory) as tm:
        entries = tm.entries()
    text = export_tmx(entries) if fmt == "tmx" else export_jsonl(entries)
    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        atomic_write_text(output, text)


@tm_app.command("import")
def import_(
    tmx: Annotated[Path, typer.Argument(help="TMX file with Persian/Arabic -> English units.")],
    into: Annotated[
        Path, typer.Option("--into", help="The translation memory to add to (created if absent).")
    ],
    model: Annotated[
        str, typer.Option("--model", "-m", help="Only reuse for this model id (default: any model).")
    ] = "",
    glossary_hash: Annotated[
        str, typer.Option("--glossary-hash", help="Only reuse under this glossary hash (default: any).")
    ] = "",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Add human translations: exact matches that win over machine output in later runs."""
    from translate.memory import TranslationMemory, import_tmx
    from translate.memory.tmx_io import read_tmx_units

    check_choice("--format", fmt, ("text", "json"))
    if not tmx.is_file():
        raise DragomanError(str(tmx), "TMX file not found")
    machine = read_tmx_units(tmx)[1]
    with TranslationMemory(into) as tm:
        added, replaced = import_tmx(tm, tmx, model=model, glossary=glossary_hash)
    if fmt == "json":
        print(
            json.dumps(
                {"memory": str(into), "added": added, "replaced": replaced, "machine_skipped": machine}
            )
        )
    else:
        skipped = f", {machine} machine units skipped" if machine else ""
        print(
            f"dragoman: {added} human entries added, {replaced} replaced{skipped} -> {into}", file=sys.stderr
        )
