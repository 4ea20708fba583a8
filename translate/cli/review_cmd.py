"""CLI: ``dragoman review RUN.jsonl`` turns a saved run into a review page or an exchange file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from translate.errors import DragomanError


def register(app: typer.Typer) -> None:
    """Add ``review`` to the ``dragoman`` app."""
    app.command("review")(review)


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
    text = write_review(records, output, name, title=title)
    if output is None:
        typer.echo(text, nl=False)
