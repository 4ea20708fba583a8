"""Not Dragoman's: ``translate.storage`` is translate-toolkit's. Code that wanted translate-toolkit found
Dragoman's ``translate`` package instead; say so, naming both (see ``translate/package_check.py``)."""

from pathlib import Path

from translate.package_check import CLASH_MESSAGE

raise ImportError(
    CLASH_MESSAGE.format(
        folder=Path(__file__).resolve().parent.parent,
        what="is Dragoman's, not translate-toolkit's (translate.storage was asked for)",
    )
)
