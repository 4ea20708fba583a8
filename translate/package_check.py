"""The ``translate`` name clash: translate-toolkit's import package is also called ``translate``.

Installed into one environment, the two packages share one ``site-packages/translate/`` folder and
whichever was installed last overwrites the other's ``__init__.py`` (and, for ``storage``, more).
Nothing here imports anything, so the check runs before either package's code does:

- ``translate/__init__.py`` (Dragoman's) calls ``check_folder``: translate-toolkit's files beside it
  mean the folder is mixed;
- ``translate.cli.main`` calls ``check_package``: a ``translate`` without Dragoman's marker means
  translate-toolkit's ``__init__.py`` won;
- ``translate/storage/__init__.py`` answers code that wanted translate-toolkit but found Dragoman.
"""

from __future__ import annotations

import sys
from pathlib import Path

CLASH_MESSAGE = (
    "the Python package 'translate' in {folder} {what}. Dragoman (pip name 'dragoman') and "
    "translate-toolkit (pip name 'translate-toolkit') both install an import package called "
    "'translate' and cannot share one environment. Install the dragoman command in its own "
    "environment (uv tool install dragoman, or pipx install dragoman) and translate-toolkit in another; "
    "in this one, pip uninstall both and reinstall the one you need."
)
_TTK_FILES = ("__version__.py", "storage/base.py", "misc/xml_helpers.py")


def check_folder(folder: str | Path) -> None:
    """``ImportError`` naming both packages when translate-toolkit's files are in Dragoman's folder
    (one line on stderr and exit status 2 instead when the ``dragoman`` command is starting)."""
    folder = Path(folder)
    if any((folder / name).exists() for name in _TTK_FILES):
        _fail(CLASH_MESSAGE.format(folder=folder, what="holds files of both Dragoman and translate-toolkit"))


def check_package(module: object) -> None:
    """``ImportError`` naming both packages when ``module`` (the imported ``translate``) is not
    Dragoman's."""
    if not getattr(module, "IS_DRAGOMAN", False):
        folder = Path(getattr(module, "__file__", "") or "?").parent
        _fail(
            CLASH_MESSAGE.format(
                folder=folder, what="is translate-toolkit's (its __init__.py replaced Dragoman's)"
            )
        )


def _fail(message: str) -> None:
    if Path(sys.argv[0] if sys.argv else "").name == "dragoman":
        print(f"dragoman: error: {message}", file=sys.stderr)
        raise SystemExit(2)
    raise ImportError(message)
