"""Where the ``dragoman`` command sends library warnings: its log file, or stderr with ``--verbose``.

stderr belongs to Dragoman's own lines (``dragoman: error: ...``, a missed term, an unsure language,
progress). Python warnings from libraries (torch, transformers, ctranslate2, ...) and the libraries'
log records are appended instead to a small rotating log file, ``$DRAGOMAN_LOG_FILE`` or
``$XDG_STATE_HOME/dragoman/dragoman.log`` (``~/.local/state/dragoman/dragoman.log``), opened only when
the first record arrives. ``--verbose`` shows them on stderr as well. Logging never stops a run: a log
file that cannot be written is skipped silently.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import warnings
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
VERBOSE_FORMAT = "dragoman: log: %(levelname)s %(name)s: %(message)s"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 2


class _BestEffortFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file whose failures (read-only home, full disk) are dropped, not printed."""

    def handleError(self, record: logging.LogRecord) -> None:
        """Ignore the failure: the log is a convenience, never a reason to fail or to clutter stderr."""


def default_log_file() -> Path:
    """``$DRAGOMAN_LOG_FILE``, else ``$XDG_STATE_HOME/dragoman/dragoman.log``."""
    explicit = os.environ.get("DRAGOMAN_LOG_FILE")
    if explicit:
        return Path(explicit).expanduser()
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "dragoman" / "dragoman.log"


def configure_logging(verbose: bool = False, log_file: Path | None = None) -> Path:
    """Route warnings and library log records to the log file (and stderr if ``verbose``); return its path."""
    path = log_file if log_file is not None else default_log_file()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_dragoman", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = _BestEffortFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
        )
        file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handlers.append(file_handler)
    except OSError:
        pass  # no log file where none can be written
    if verbose:
        stream_handler = logging.StreamHandler()  # stderr
        stream_handler.setFormatter(logging.Formatter(VERBOSE_FORMAT))
        handlers.append(stream_handler)
    if not handlers:
        handlers.append(logging.NullHandler())  # nothing reaches Python's last-resort stderr handler
    for handler in handlers:
        handler._dragoman = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    logging.captureWarnings(True)  # warnings.warn(...) becomes a record of the "py.warnings" logger
    warnings.simplefilter("default")  # each distinct warning once per place, DeprecationWarning included
    return path
