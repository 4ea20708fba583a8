"""Glossary file formats: TSV (primary), TBX (v3, and 2008 for export), CSV and XLSX.
``get_format`` picks one by name or file name."""

from __future__ import annotations

from pathlib import Path

from glossary.errors import GlossaryError
from glossary.formats.base import GlossaryFormat
from glossary.formats.csv import CsvFormat
from glossary.formats.tbx import TbxFormat
from glossary.formats.tbx2008 import Tbx2008Format
from glossary.formats.tsv import TsvFormat
from glossary.formats.xlsx import XlsxFormat

FORMATS: dict[str, GlossaryFormat] = {
    f.name: f for f in (TsvFormat(), TbxFormat(), CsvFormat(), XlsxFormat(), Tbx2008Format())
}


def get_format(name: str | None = None, path: str | Path | None = None) -> GlossaryFormat:
    """The format called ``name``, or the one ``path``'s extension names (TSV when unknown)."""
    if name:
        try:
            return FORMATS[name.lower()]
        except KeyError:
            raise GlossaryError(
                str(path or name), f"unknown glossary format {name!r} ({', '.join(FORMATS)})"
            ) from None
    suffix = Path(path).suffix.lower() if path else ""
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    return FORMATS["tsv"]


__all__ = ["FORMATS", "GlossaryFormat", "get_format"]
