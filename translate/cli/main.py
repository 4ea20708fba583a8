"""The ``dragoman`` console command: a thin typer layer over the library API.

Each command group lives in its own module and registers itself here, in a help panel named after
its job (``translate/cli/panels.py``). A ``DragomanError`` anywhere becomes one line on stderr and exit
status 2; never a traceback. Library errors name the setting in library words (``terms mode``,
``device``); the CLI names the flag instead (``--terms``, ``--device``).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

import translate
from translate.package_check import check_package

check_package(translate)  # before anything else: translate-toolkit's "translate" may have replaced ours

from translate.cli import (  # noqa: E402
    align_cmd,
    evaluate_cmd,
    glossary_cmd,
    models_cmd,
    review_cmd,
    segment_cmd,
    serve_cmd,
    terms_cmd,
    tm_cmd,
    translate_cmd,
)
from translate.cli.logs import configure_logging  # noqa: E402
from translate.cli.panels import MODELS, ORDER  # noqa: E402
from translate.errors import DragomanError  # noqa: E402


class _ByJob(TyperGroup):
    """Lists the commands panel by panel, in the order of ``panels.ORDER`` (then as registered)."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        def rank(name: str) -> int:
            panel = getattr(self.commands[name], "rich_help_panel", None)
            return ORDER.index(panel) if panel in ORDER else len(ORDER)

        return sorted(super().list_commands(ctx), key=rank)


cli = typer.Typer(
    cls=_ByJob,
    name="dragoman",
    help="Persian/Arabic to English translation with an enforced glossary, alignment and review output.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (  # in the order of the help panels: translate, glossary, review, evaluate, models
    translate_cmd,
    segment_cmd,
    tm_cmd,
    glossary_cmd,
    terms_cmd,
    review_cmd,
    serve_cmd,
    align_cmd,
    evaluate_cmd,
    models_cmd,
):
    _module.register(cli)


class _ClosedPipe(Exception):
    """Standard output's reader went away (``| head``); typer would turn this into exit status 1."""


def _pipe_guard(callback: Callable[..., Any]) -> Callable[..., Any]:
    """``callback`` with a closed standard output raised past typer, which catches ``EPIPE`` itself."""

    @functools.wraps(callback)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except BrokenPipeError as err:
            raise _ClosedPipe from err

    return guarded


def _guard_commands(app: typer.Typer) -> None:
    """Every command of ``app`` and its sub-apps exits 141 quietly on a closed pipe, as ``SIGPIPE`` would."""
    for info in app.registered_commands:
        if info.callback is not None:
            info.callback = _pipe_guard(info.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _guard_commands(group.typer_instance)


@cli.command("version", rich_help_panel=MODELS)
def version() -> None:
    """Print the Dragoman version."""
    from translate import __version__

    print(__version__)


@cli.callback()
def _root(
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Also show library warnings and log records on stderr (they always go to the log file).",
        ),
    ] = False,
    log_file: Annotated[
        Path | None,
        typer.Option(
            "--log-file",
            help="Log file for library warnings (default: $DRAGOMAN_LOG_FILE, else "
            "$XDG_STATE_HOME/dragoman/dragoman.log).",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Persian/Arabic to English translation with an enforced glossary, alignment and review output."""
    configure_logging(verbose=verbose, log_file=log_file)


_guard_commands(cli)


def app() -> None:
    """Console-script entry point: usage errors from typer, one-line errors from Dragoman."""
    try:
        try:
            cli()
        finally:
            sys.stdout.flush()  # inside the handlers: a full disk shows up here, not at exit
    except DragomanError as err:
        print(f"dragoman: error: {as_flags(err)}", file=sys.stderr)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        print("dragoman: interrupted; finished outputs were kept", file=sys.stderr)
        sys.exit(130)
    except _ClosedPipe:
        sys.exit(_output_failed(BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))))
    except OSError as err:
        sys.exit(_output_failed(err))


# The library's names for its settings (``DragomanError.where``) and the flags that set them.
FLAGS = {
    "terms mode": "--terms",
    "model": "--model",
    "backend": "--backend",
    "device": "--device",
    "precision": "--precision",
    "output format": "--format",
}


def as_flags(err: DragomanError) -> str:
    """The one-line message of ``err``, naming the flag where the library names a setting."""
    flag = FLAGS.get(err.where)
    return f"{flag}: {err.problem}" if flag else str(err)


def _output_failed(err: OSError) -> int:
    """Standard output could not be written (``> /dev/full``, a closed pipe): one line, non-zero.

    Standard output is pointed at ``/dev/null`` so that Python's own flush at exit cannot print a
    second error. A closed pipe (``| head``) is the reader's choice, so it exits 141 quietly, as
    ``SIGPIPE`` would.
    """
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if err.errno == errno.EPIPE:
        return 141
    where = err.filename or "<stdout>"
    print(f"dragoman: error: {where}: cannot write ({err.strerror or err})", file=sys.stderr)
    return 2


if __name__ == "__main__":
    app()
