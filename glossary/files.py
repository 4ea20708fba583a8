"""Reading glossary files: the shipped default glossary and user files, whole and checked.

``Glossary.load`` (``glossary.model``) layers what these functions read; edits of a user file are in
``glossary.store``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from glossary.entry import Entry
from glossary.errors import GlossaryError
from glossary.formats import get_format
from glossary.formats.mapping import ImportReport
from glossary.io.reading import read_bytes_limited

MAX_GLOSSARY_BYTES = 100_000_000  # a glossary is read whole; /dev/zero must not fill the memory


def default_path() -> Path:
    """The shipped default glossary (``glossary/data/default.tsv``)."""
    return Path(str(resources.files("glossary") / "data" / "default.tsv"))


def read_default_entries() -> list[Entry]:
    """The shipped default glossary with the extra forms of ``variants.tsv`` (see ``glossary.supplement``)."""
    from glossary.supplement import apply_supplement, default_supplement

    return apply_supplement(read_entries(default_path()), default_supplement())


def read_entries(path: str | Path, fmt: str | None = None) -> list[Entry]:
    """Entries of one file in file order; ``GlossaryError`` when malformed or an id repeats."""
    return read_with_report(path, fmt)[0]


def read_with_report(
    path: str | Path, fmt: str | None = None, columns: dict[str, str] | None = None
) -> tuple[list[Entry], ImportReport]:
    """Entries of one file and the import report (what was mapped and dropped); ``columns`` maps
    spreadsheet headers to fields (``--columns``)."""
    path = Path(path)
    if not path.exists():
        raise GlossaryError(str(path), "glossary file not found")
    if not path.is_file():
        raise GlossaryError(str(path), "not a regular file (a folder, device, FIFO or socket)")
    glossary_format = get_format(fmt, path)
    if columns:
        glossary_format = glossary_format.with_columns(columns, str(path))
    entries, report = glossary_format.read_bytes(read_bytes(path), str(path))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise GlossaryError(str(path), f"duplicate id {entry.id!r}")
        seen.add(entry.id)
    return entries, report


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a glossary file; ``GlossaryError`` when unreadable."""
    return read_bytes_limited(path, MAX_GLOSSARY_BYTES, str(path), GlossaryError)


def read_text(path: str | Path) -> str:
    """The UTF-8 text of a glossary file; ``GlossaryError`` when unreadable."""
    data = read_bytes_limited(path, MAX_GLOSSARY_BYTES, str(path), GlossaryError)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(str(path), f"not UTF-8 (byte {err.start})") from None
