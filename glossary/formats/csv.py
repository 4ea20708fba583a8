"""CSV import/export.

Writing gives the TSV columns, comma-separated with standard quoting. Reading takes that, and any
spreadsheet a person made: headers such as ``English,Persian`` (see ``glossary/formats/sheet.py``),
``,`` ``;`` or tab as separator (from the header line), UTF-8 with or without BOM, UTF-16 with BOM,
or Windows-1256 (Arabic Windows; used when the file is not UTF-8, and reported).

Written with a UTF-8 byte-order mark, so Excel opens Persian and Arabic correctly, with line
breaks and control characters in a cell written as spaces (as in TSV), and cells that start with
``= + - @`` prefixed by ``'`` (CSV injection); reading removes both again.
"""

from __future__ import annotations

import csv
import io

from glossary.entry import ALL_COLUMNS, Entry
from glossary.errors import GlossaryError
from glossary.formats.base import (
    GlossaryFormat,
    clean_cell,
    columns_in_use,
    defuse_formula,
    entry_from_fields,
    entry_to_fields,
)
from glossary.formats.mapping import ImportReport
from glossary.formats.sheet import read_rows

_REQUIRED = ("id", "english", "category")


def decode_sheet_text(data: bytes, where: str, report: ImportReport) -> str:
    """Text of a CSV file: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1256."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.mapped["decoded as UTF-16"] += 1
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as err:
        raise GlossaryError(where, f"neither UTF-8 nor Windows-1256 (byte {err.start})") from None
    report.mapped["decoded as Windows-1256 (not UTF-8)"] += 1
    return text


class CsvFormat(GlossaryFormat):
    """Comma-separated values with a header row (Dragoman's columns, or a person's)."""

    name = "csv"
    extensions = (".csv",)

    def __init__(self, columns: dict[str, str] | None = None) -> None:
        self.columns = columns or {}

    def with_columns(self, columns: dict[str, str], where: str) -> CsvFormat:
        """This format with ``--columns`` header mappings."""
        return CsvFormat(columns)

    def read(self, text: str, where: str, errors: list[GlossaryError] | None = None) -> list[Entry]:
        """Entries in file order; ``GlossaryError("file:line:col", ...)`` for a malformed row."""
        return self._read(text, where, ImportReport(where, "CSV"), errors)

    def read_bytes(
        self, data: bytes, where: str, errors: list[GlossaryError] | None = None
    ) -> tuple[list[Entry], ImportReport]:
        """Entries and the import report; see the module docstring for encodings."""
        report = ImportReport(where, "CSV")
        entries = self._read(decode_sheet_text(data, where, report), where, report, errors)
        return entries, report

    def _read(
        self, text: str, where: str, report: ImportReport, errors: list[GlossaryError] | None
    ) -> list[Entry]:
        text = text.lstrip("\ufeff")
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count) if first else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[tuple[int, list[str]]] = []
        try:
            for row in reader:
                rows.append((reader.line_num, row))
        except csv.Error as err:
            raise GlossaryError(f"{where}:{reader.line_num}", f"CSV syntax error: {err}") from None
        if not rows:
            raise GlossaryError(f"{where}:1:1", "empty file: expected a header row")
        header = [h.strip() for h in rows[0][1]]
        if self.columns or not _dragoman_header(header):
            report.format = "CSV spreadsheet"
            return read_rows(rows, where, report, self.columns, errors)
        entries = self._read_dragoman(header, rows[1:], where, errors)
        report.entries = len(entries)
        return entries

    def _read_dragoman(
        self,
        header: list[str],
        rows: list[tuple[int, list[str]]],
        where: str,
        errors: list[GlossaryError] | None,
    ) -> list[Entry]:
        columns = {name: k + 1 for k, name in enumerate(header)}
        entries = []
        for number, row in rows:
            if not any(cell.strip() for cell in row):
                continue
            try:
                if len(row) != len(header):
                    raise GlossaryError(f"{where}:{number}:1", f"{len(row)} columns, expected {len(header)}")
                entries.append(
                    entry_from_fields(
                        dict(zip(header, row, strict=True)),
                        lambda name, n=number, c=columns: f"{where}:{n}:{c.get(name, 1)}",
                    )
                )
            except GlossaryError as err:
                if errors is None:
                    raise
                errors.append(err)
        return entries

    def write(self, entries: list[Entry]) -> str:
        """Header plus one row per entry, in the given order."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        columns = columns_in_use(entries)
        writer.writerow(columns)
        for entry in entries:
            cells = entry_to_fields(entry)
            writer.writerow([defuse_formula(clean_cell(cells[k])) for k in columns])
        return "\ufeff" + out.getvalue()


def _dragoman_header(header: list[str]) -> bool:
    """Whether the header is Dragoman's own columns (the exact, strict reading applies)."""
    return all(c in header for c in _REQUIRED) and all(h in ALL_COLUMNS for h in header if h)
