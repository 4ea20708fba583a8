"""TSV, the primary glossary format: UTF-8, one header row (``TSV_COLUMNS``), one entry per row, ``\\n``
line endings, no quoting. Writing an unchanged glossary reproduces the file byte for byte.

The form columns (``glossary.entry.FORM_COLUMNS``) are optional and trailing: the header may end
after ``source`` or after any of them, and a row may stop after ``source`` (empty trailing cells are
not written)."""

from __future__ import annotations

import re

from glossary.entry import ALL_COLUMNS, TSV_COLUMNS, Entry
from glossary.errors import GlossaryError
from glossary.formats.base import (
    GlossaryFormat,
    clean_cell,
    columns_in_use,
    defuse_formula,
    entry_from_fields,
    entry_to_fields,
)

# Rows end at LF (CRLF and CR accepted); U+2028, U+0085 and the like inside a cell are text.
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


class TsvFormat(GlossaryFormat):
    """Tab-separated values with the columns of ``glossary.entry.TSV_COLUMNS``."""

    name = "tsv"
    extensions = (".tsv", ".tab", ".txt")

    def read(self, text: str, where: str, errors: list[GlossaryError] | None = None) -> list[Entry]:
        """Entries in file order; ``GlossaryError("file:line:col", ...)`` for a malformed row."""
        body = text.lstrip("\ufeff")
        lines = _LINE_BREAK.split(body.removesuffix("\n")) if body else []
        if not lines:
            raise GlossaryError(f"{where}:1:1", "empty glossary file (expected a header row)")
        header = [h.strip() for h in lines[0].split("\t")]
        if tuple(header) != ALL_COLUMNS[: len(header)] or len(header) < len(TSV_COLUMNS):
            raise GlossaryError(
                f"{where}:1:1",
                f"header must be the tab-separated columns {' '.join(TSV_COLUMNS)}"
                f" (optionally followed by {' '.join(ALL_COLUMNS[len(TSV_COLUMNS) :])})",
            )
        columns = tuple(header)
        entries: list[Entry] = []
        for number, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            cells = line.split("\t")
            try:
                if not len(TSV_COLUMNS) <= len(cells) <= len(columns):
                    expected = (
                        str(len(columns))
                        if len(columns) == len(TSV_COLUMNS)
                        else f"{len(TSV_COLUMNS)} to {len(columns)}"
                    )
                    raise GlossaryError(f"{where}:{number}:1", f"{len(cells)} columns, expected {expected}")
                starts = [0]
                for cell in cells[:-1]:
                    starts.append(starts[-1] + len(cell) + 1)
                column = {name: starts[min(i, len(starts) - 1)] + 1 for i, name in enumerate(columns)}
                entries.append(
                    entry_from_fields(
                        dict(zip(columns, cells, strict=False)),
                        lambda name, n=number, col=column, end=len(line) + 1: (
                            f"{where}:{n}:{col.get(name, end)}"
                        ),
                    )
                )
            except GlossaryError as err:
                if errors is None:
                    raise
                errors.append(err)
        return entries

    def write(self, entries: list[Entry]) -> str:
        """Header plus one row per entry, in the given order."""
        columns = columns_in_use(entries)
        rows = ["\t".join(columns)]
        for entry in entries:
            fields = entry_to_fields(entry)
            cells = [defuse_formula(clean_cell(fields[c])) for c in columns]
            while len(cells) > len(TSV_COLUMNS) and not cells[-1]:
                cells.pop()
            rows.append("\t".join(cells))
        return "\n".join(rows) + "\n"
