"""CLI commands: ``dragoman glossary …`` (the typer sub-app lives in ``glossary.cli``)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``glossary`` command group to the dragoman app."""
    from glossary.cli import app as glossary_app

    app.add_typer(glossary_app, name="glossary")
