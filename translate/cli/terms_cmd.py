"""CLI commands: ``dragoman terms report OUT.jsonl [--format table|json]``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.panels import GLOSSARY

terms_app = typer.Typer(help="Terminology: how glossary terms were rendered in a translation run.")


class ReportFormat(StrEnum):
    """Output formats of ``terms report``."""

    TABLE = "table"
    JSON = "json"


@terms_app.command("report")
def report(
    jsonl: Annotated[Path, typer.Argument(help="A run saved with --format jsonl.")],
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="table (readable) or json.")
    ] = ReportFormat.TABLE,
) -> None:
    """Every glossary hit with its status, per-document term success rate and consistency."""
    from translate.records import read_records
    from translate.terms.report import run_report

    reports = run_report(read_records(jsonl))
    if fmt is ReportFormat.JSON:
        print(json.dumps({"documents": [r.to_dict() for r in reports]}, ensure_ascii=False, indent=2))
        return
    _print_tables(reports)


def _print_tables(reports: list) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    styles = {"missing": "bold red", "review": "yellow", "post-edited": "cyan", "constrained": "green"}
    for rep in reports:
        table = Table(title=f"{escape(rep.document)} ({escape(rep.path)})", show_lines=False)
        for column in ("segment", "source", "offsets", "entry", "required", "status", "rendering"):
            table.add_column(column)
        for row in rep.hits:
            style = styles.get(row.status, "")
            table.add_row(
                row.segment,
                escape(row.source_text),
                f"{row.source_start}-{row.source_end}",
                escape(row.entry),
                escape(row.required),
                f"[{style}]{row.status}[/]" if style else row.status,
                escape(row.rendering),
            )
        console.print(table)
        rate = "n/a" if rep.success_rate is None else f"{rep.success_rate:.1%}"
        counts = ", ".join(f"{k} {v}" for k, v in rep.counts.items() if v)
        console.print(f"term success rate: {rate} ({counts or 'no hits'})")
        for item in rep.inconsistent:
            forms = "; ".join(f"{escape(k)} ×{v}" for k, v in item.renderings.items())
            console.print(f"[yellow]inconsistent[/]: {escape(item.entry)}: {forms}")
        if rep.unapproved_segments:
            segments = ", ".join(rep.unapproved_segments)
            console.print(f"[yellow]unapproved variants[/] in segments without a hit: {escape(segments)}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the dragoman app."""
    app.add_typer(terms_app, name="terms", rich_help_panel=GLOSSARY)
