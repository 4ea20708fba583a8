"""TSV, the primary glossary format: UTF-8, one header row (``TSV_COLUMNS``), one entry per row, ``\\n``
line endings, no quoting. Writing an unchanged glossary reproduces the file byte for byte."""

from __future__ import annotations

import re

from glossary.entry import TSV_COLUMNS, Entry
from glossary.formats.base import (
    GlossaryFormat,
    clean_cell,
    defuse_formula,
    entry_from_fields,
    entry_to_fields,
)
from translate.errors import GlossaryError

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
        if tuple(header) != TSV_COLUMNS:
            raise GlossaryError(
                f"{where}:1:1", f"header must be the tab-separated columns {' '.join(TSV_COLUMNS)}"
            )
        entries: list[Entry] = []
        for number, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            cells = line.split("\t")
            try:
                if len(cells) != len(TSV_COLUMNS):
                    raise GlossaryError(
                        f"{where}:{number}:1", f"{len(cells)} columns, expected {len(TSV_COLUMNS)}"
                    )
                starts = [0]
                for cell in cells[:-1]:
                    starts.append(starts[-1] + len(cell) + 1)
                column = {name: starts[i] + 1 for i, name in enumerate(TSV_COLUMNS)}
                entries.append(
                    entry_from_fields(
                        dict(zip(TSV_COLUMNS, cells, strict=True)),
                        lambda name, n=number, col=column: f"{where}:{n}:{col[name]}",
                    )
                )
            except GlossaryError as err:
                if errors is None:
                    raise
                errors.append(err)
        return entries

    def write(self, entries: list[Entry]) -> str:
        """Header plus one row per entry, in the given order."""
        rows = ["\t".join(TSV_COLUMNS)]
        for entry in entries:
            fields = entry_to_fields(entry)
            rows.append("\t".join(defuse_formula(clean_cell(fields[c])) for c in TSV_COLUMNS))
        return "\n".join(rows) + "\n"
