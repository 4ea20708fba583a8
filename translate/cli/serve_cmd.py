"""CLI: ``dragoman serve RUNS/`` opens the review workspace in the browser."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.panels import REVIEW


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``dragoman`` app."""
    app.command("serve", rich_help_panel=REVIEW)(serve)


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


def serve(
    runs: Annotated[
        Path, typer.Argument(help="Folder of JSONL runs (dragoman translate ... -o RUNS/ --format jsonl).")
    ],
    host: Annotated[
        str, typer.Option("--host", help="Bind address; anything but loopback requires a token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port (0: any free port).")] = 8765,
    store: Annotated[
        Path | None, typer.Option("--store", help="Review store (default RUNS/review.sqlite).")
    ] = None,
    tm: Annotated[
        Path | None,
        typer.Option(
            "--tm", help="Translation memory for accepted segments (default RUNS/reviewed.tm.sqlite)."
        ),
    ] = None,
    glossary_file: Annotated[
        Path | None,
        typer.Option("--glossary-file", help="User glossary for proposed terms (default ./glossary.tsv)."),
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="Default reviewer name (default: your login).")
    ] = None,
) -> None:
    """Review, correct and accept translations in the browser; every correction is kept."""
    from translate.serve import default_paths
    from translate.serve import serve as run_server

    if not 0 <= port < 65536:
        raise typer.BadParameter("port must be 0-65535 (0: any free port)", param_hint="--port")
    run_server(default_paths(runs, store, tm, glossary_file), host, port, reviewer or _default_reviewer())
