"""Cells of files that spreadsheets open (TSV, CSV): defusing formulas (OWASP CSV injection)."""

from __future__ import annotations

# A spreadsheet runs a cell that starts with one of these as a formula (or a DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value: str) -> str:
    """``value`` a spreadsheet will not run: ``'`` before a leading ``= + - @`` (also before leading
    ``'``s that precede one, so ``restore_formula`` gives every value back exactly)."""
    return "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value


def restore_formula(value: str) -> str:
    """The inverse of ``defuse_formula``, for reading a file Dragoman wrote."""
    return value[1:] if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS) else value
