"""CSV import/export: the TSV columns, comma-separated with standard quoting (spreadsheet exports).

Written with a UTF-8 byte-order mark, so Excel opens Persian and Arabic correctly, and with line
breaks and control characters in a cell written as spaces (as in TSV), and cells that start with
``= + - @`` prefixed by ``'`` (CSV injection); reading removes both again."""

from __future__ import annotations

import csv
import io

from glossary.entry import TSV_COLUMNS, Entry
from glossary.formats.base import (
    GlossaryFormat,
    clean_cell,
    defuse_formula,
    entry_from_fields,
    entry_to_fields,
)
from translate.errors import GlossaryError


class CsvFormat(GlossaryFormat):
    """Comma-separated values with a header row naming the TSV columns (order free, extra ignored)."""

    name = "csv"
    extensions = (".csv",)

    def read(self, text: str, where: str, errors: list[GlossaryError] | None = None) -> list[Entry]:
        """Entries in file order; ``GlossaryError("file:line:col", ...)`` for a malformed row."""
        reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        try:
            header = next(reader, None)
            if header is None:
                raise GlossaryError(f"{where}:1:1", "empty file: expected a header row")
            header = [h.strip() for h in header]
            missing = [c for c in ("id", "english", "category") if c not in header]
            if missing:
                raise GlossaryError(f"{where}:1:1", f"header lacks the column(s) {', '.join(missing)}")
            entries = []
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                number = reader.line_num
                if len(row) != len(header):
                    raise GlossaryError(f"{where}:{number}:1", f"{len(row)} columns, expected {len(header)}")
                columns = {name: k + 1 for k, name in enumerate(header)}
                try:
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
        except csv.Error as err:
            raise GlossaryError(f"{where}:{reader.line_num}", f"CSV syntax error: {err}") from None
        return entries

    def write(self, entries: list[Entry]) -> str:
        """Header plus one row per entry, in the given order."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(TSV_COLUMNS)
        for entry in entries:
            cells = entry_to_fields(entry)
            writer.writerow([defuse_formula(clean_cell(cells[k])) for k in TSV_COLUMNS])
        return "\ufeff" + out.getvalue()
