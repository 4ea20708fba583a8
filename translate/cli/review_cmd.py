"""CLI: ``dragoman review RUN.jsonl`` turns a saved run into a review page or an exchange file;
``dragoman review import FILE.xlf --runs RUNS/`` brings corrections from another CAT tool back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from translate.cli.panels import REVIEW
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
    app.add_typer(group, name="review", rich_help_panel=REVIEW)
    app.command("review-import", rich_help_panel=REVIEW)(review_import)


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
            help="html, xliff (2.0), xliff12 (1.2), tmx, tsv or markdown "
            "(default: from -o's extension, else html).",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Page title (default: from the documents).")
    ] = None,
    document: Annotated[
        list[str] | None, typer.Option("--document", "-d", help="Only this document id (repeatable).")
    ] = None,
) -> None:
    """Write a side-by-side review page (HTML) or XLIFF/TMX/TSV/Markdown from a JSONL run. XLIFF of a run
    that mixes Persian and Arabic is written as one file per language (run.fa.xlf, run.ar.xlf)."""
    import sys

    from translate.review import EXTENSIONS, FORMATS, read_records, write_review, write_review_files

    name = fmt or (EXTENSIONS.get(output.suffix.lower(), "html") if output else "html")
    if name not in FORMATS:
        raise DragomanError("--format", f"unknown review format {name!r}; choose one of {', '.join(FORMATS)}")
    from translate.io.clash import refuse_overwriting

    refuse_overwriting(output, [run], "--output")
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
    if output is None:
        typer.echo(write_review(records, None, name, title=title), nl=False)
        return
    if output.resolve() == Path(run).resolve():
        raise DragomanError(str(output), "the output would overwrite the input run")
    files = write_review_files(records, output, name, title=title)
    if len(files) > 1:
        print(f"dragoman: one {name} file per source language: {', '.join(map(str, files))}", file=sys.stderr)


def review_import(
    run: Annotated[str, typer.Argument(help="The JSONL run the XLIFF was made from.")],
    xliff: Annotated[Path, typer.Argument(help="The XLIFF 1.2 or 2.0 file back from the CAT tool.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The updated JSONL run (atomically); stdout if omitted."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Summary as text or json (on stderr).")] = "text",
) -> None:
    """Put the English of an XLIFF file edited in a CAT tool back into a JSONL run.

    Refused, with nothing changed, when a unit's source text no longer matches the run.
    """
    import json
    import sys

    from translate.cli.choices import check_choice
    from translate.io.atomic import atomic_write_text
    from translate.review import read_records
    from translate.review.xliff_read import apply_xliff

    check_choice("--format", fmt, ("text", "json"))
    if output is not None and output.resolve() in (Path(run).resolve(), xliff.resolve()):
        raise DragomanError(str(output), "the output would overwrite an input")
    records, summary = apply_xliff(read_records(run), xliff)
    text = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records)
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write_text(output, text)
    if fmt == "json":
        print(json.dumps(summary.to_dict(), ensure_ascii=False), file=sys.stderr)
    else:
        print(
            f"dragoman: {xliff} (XLIFF {summary.version}): {summary.units} units, {summary.changed} "
            f"targets changed, {summary.unchanged} unchanged, {summary.without_target} without a target",
            file=sys.stderr,
        )
