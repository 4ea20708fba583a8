"""transformers' own log lines go through Python logging, never straight to stderr.

transformers installs a stderr handler of its own on import. Dragoman removes it and lets the records
propagate, so that the ``dragoman`` command decides where they go (its log file, or stderr with
``--verbose``; ``translate.cli.logs``) and a library user's logging configuration does the same. A
``NullHandler`` keeps Python's last-resort handler from printing them when nobody configured logging.
"""

from __future__ import annotations

import logging


def route_transformers_logging() -> None:
    """Send transformers' warnings and progress chatter to Python logging instead of stderr."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_warning()
    hf_logging.disable_default_handler()
    hf_logging.enable_propagation()
    hf_logging.disable_progress_bar()
    library_logger = logging.getLogger("transformers")
    if not any(isinstance(handler, logging.NullHandler) for handler in library_logger.handlers):
        library_logger.addHandler(logging.NullHandler())
