"""CLI: ``dragoman review RUN.jsonl`` turns a saved run into a review page or an exchange file;
``dragoman review import FILE.xlf --runs RUNS/`` brings corrections from another CAT tool back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from translate.errors import DragomanError

DEFAULT_COMMAND = "write"


class _DefaultCommandGroup(TyperGroup):
    """``dragoman review RUN ...`` runs ``review write RUN ...``; named subcommands run as usual."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


def register(app: typer.Typer) -> None:
    """Add ``review`` (and ``review import``) to the ``dragoman`` app."""
    group = typer.Typer(
        cls=_DefaultCommandGroup,
        help="Review output from a JSONL run (review RUN.jsonl ...), or import corrections (review import).",
        no_args_is_help=True,
    )
    group.command(DEFAULT_COMMAND)(review)
    group.command("import")(import_xliff)
    app.add_typer(group, name="review")


def import_xliff(
    xliff: Annotated[
        Path, typer.Argument(help="An XLIFF 2 file exported by dragoman serve and edited elsewhere.")
    ],
    runs: Annotated[Path, typer.Option("--runs", help="The runs folder dragoman serve works on.")] = Path(
        "."
    ),
    store: Annotated[
        Path | None, typer.Option("--store", help="Review store (default RUNS/review.sqlite).")
    ] = None,
    tm: Annotated[
        Path | None,
        typer.Option("--tm", help="Memory for reviewed segments (default RUNS/reviewed.tm.sqlite)."),
    ] = None,
    reviewer: Annotated[
        str, typer.Option("--reviewer", help="Name stored with the imported changes.")
    ] = "xliff-import",
) -> None:
    """Store the English, states and comments of an XLIFF 2 file in the review store (all or nothing)."""
    from translate.serve.workspace import Workspace, default_paths
    from translate.serve.xliff_import import import_xliff as run_import

    workspace = Workspace(default_paths(runs, store, tm), reviewer=reviewer)
    result = run_import(workspace, xliff, reviewer)
    typer.echo(f"imported {xliff}: {result.updated} segments updated, {result.unchanged} unchanged", err=True)


def review(
    run: Annotated[
        str, typer.Argument(help="A JSONL run from dragoman translate --format jsonl, or - for stdin.")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (atomically); stdout when omitted.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html, xliff, tmx, tsv or markdown (default: from -o's extension, else html).",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Page title (default: from the documents).")
    ] = None,
    document: Annotated[
        list[str] | None, typer.Option("--document", "-d", help="Only this document id (repeatable).")
    ] = None,
) -> None:
    """Write a side-by-side review page (HTML) or XLIFF/TMX/TSV/Markdown from a JSONL run."""
    from translate.review import EXTENSIONS, FORMATS, read_records, write_review

    name = fmt or (EXTENSIONS.get(output.suffix.lower(), "html") if output else "html")
    if name not in FORMATS:
        raise DragomanError("--format", f"unknown review format {name!r}; choose one of {', '.join(FORMATS)}")
    records = read_records(run)
    if document:
        wanted = set(document)
        known = {r.document for r in records}
        missing = sorted(wanted - known)
        if missing:
            raise DragomanError(
                run, f"no document {missing[0]!r} in the run (it has: {', '.join(sorted(known))})"
            )
        records = [r for r in records if r.document in wanted]
    text = write_review(records, output, name, title=title)
    if output is None:
        typer.echo(text, nl=False)
