"""XLSX (Excel) glossaries: the first worksheet, read like a CSV spreadsheet (``sheet.py``).

Read with openpyxl in read-only mode (it parses the workbook's XML with defusedxml when that is
installed, as it is here); a formula cell is read as its text (``=...``) and never evaluated.
Numbers become text (``12.0`` → ``12``). Writing (``glossary export --format xlsx -o FILE``) gives
Dragoman's columns with every cell a text cell, so nothing written can become a formula.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from glossary.entry import ALL_COLUMNS, Entry
from glossary.errors import GlossaryError
from glossary.formats.base import GlossaryFormat, entry_to_fields
from glossary.formats.mapping import ImportReport
from glossary.formats.sheet import read_rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def sheet_rows(data: bytes, where: str, report: ImportReport) -> list[tuple[int, list[str]]]:
    """(row number, cell texts) of the first worksheet, from its first non-empty row on."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise GlossaryError(where, "reading XLSX needs openpyxl: pip install openpyxl") from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise GlossaryError(where, f"not an XLSX workbook ({type(err).__name__}: {err})") from None
    except Exception as err:  # openpyxl's InvalidFileException, defusedxml refusals
        raise GlossaryError(where, f"cannot read XLSX: {type(err).__name__}: {err}") from None
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise GlossaryError(where, "the workbook has no worksheet")
        for extra in sheets[1:]:
            report.dropped[f"worksheet {extra.title!r} (only the first is read)"] += 1
        rows = []
        for number, values in enumerate(sheets[0].iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if rows or any(c.strip() for c in cells):
                rows.append((number, cells))
        return rows
    finally:
        workbook.close()


class XlsxFormat(GlossaryFormat):
    """Excel workbooks (first worksheet, header row as in a CSV spreadsheet)."""

    name = "xlsx"
    extensions = (".xlsx", ".xlsm")

    def __init__(self, columns: dict[str, str] | None = None) -> None:
        self.columns = columns or {}

    def with_columns(self, columns: dict[str, str], where: str) -> XlsxFormat:
        """This format with ``--columns`` header mappings."""
        return XlsxFormat(columns)

    def read(self, text: str, where: str, errors: list[GlossaryError] | None = None) -> list[Entry]:
        """XLSX is binary: use ``read_bytes``."""
        raise GlossaryError(where, "an XLSX workbook is binary; read it with read_bytes")

    def read_bytes(
        self, data: bytes, where: str, errors: list[GlossaryError] | None = None
    ) -> tuple[list[Entry], ImportReport]:
        """Entries of the first worksheet and the import report."""
        report = ImportReport(where, "XLSX spreadsheet")
        entries = read_rows(sheet_rows(data, where, report), where, report, self.columns, errors)
        return entries, report

    def write(self, entries: list[Entry]) -> str:
        """XLSX is binary: use ``write_bytes``."""
        raise GlossaryError("--format xlsx", "an XLSX workbook is binary; write it to a file with -o")

    def write_bytes(self, entries: list[Entry]) -> bytes:
        """A workbook with one sheet, ``glossary``: Dragoman's columns, one row per entry. Every cell
        is a text cell, so a value starting with ``=``, ``+``, ``-`` or ``@`` is never a formula."""
        try:
            from openpyxl import Workbook
            from openpyxl.cell import WriteOnlyCell
            from openpyxl.utils.exceptions import IllegalCharacterError
        except ImportError:  # pragma: no cover - openpyxl is a dependency
            raise GlossaryError("--format xlsx", "writing XLSX needs openpyxl") from None

        book = Workbook(write_only=True)
        sheet = book.create_sheet("glossary")
        sheet.append(list(ALL_COLUMNS))
        for entry in entries:
            fields = entry_to_fields(entry)
            row = []
            for column in ALL_COLUMNS:
                try:
                    cell = WriteOnlyCell(sheet, value=fields[column])
                except IllegalCharacterError:
                    problem = f"{column} holds a control character XLSX cannot store"
                    raise GlossaryError(entry.id, problem) from None
                cell.data_type = "s"  # text, never a formula
                row.append(cell)
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
