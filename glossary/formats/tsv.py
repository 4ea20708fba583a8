"""TSV, the primary glossary format: UTF-8, one header row (``TSV_COLUMNS``), one entry per row, ``\\n``
line endings, no quoting. Optional trailing columns (``tg``) may be missing from the header and, when
empty, from a row. Writing an unchanged glossary reproduces the file byte for byte."""

from __future__ import annotations

from glossary.entry import OPTIONAL_TRAILING_COLUMNS, TSV_COLUMNS, Entry
from glossary.formats.base import GlossaryFormat, clean_cell, entry_from_fields, entry_to_fields
from translate.errors import GlossaryError


class TsvFormat(GlossaryFormat):
    """Tab-separated values with the columns of ``glossary.entry.TSV_COLUMNS``."""

    name = "tsv"
    extensions = (".tsv", ".tab", ".txt")

    def read(self, text: str, where: str, errors: list[GlossaryError] | None = None) -> list[Entry]:
        """Entries in file order; ``GlossaryError("file:line:col", ...)`` for a malformed row."""
        lines = text.lstrip("\ufeff").splitlines()
        if not lines:
            raise GlossaryError(f"{where}:1:1", "empty glossary file (expected a header row)")
        header = [h.strip() for h in lines[0].split("\t")]
        shortest = len(TSV_COLUMNS) - len(OPTIONAL_TRAILING_COLUMNS)
        if tuple(header) != TSV_COLUMNS[: len(header)] or len(header) < shortest:
            raise GlossaryError(
                f"{where}:1:1", f"header must be the tab-separated columns {' '.join(TSV_COLUMNS)}"
            )
        entries: list[Entry] = []
        for number, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            cells = line.split("\t")
            try:
                if not shortest <= len(cells) <= len(header):
                    problem = f"{len(cells)} columns, expected {len(header)}"
                    raise GlossaryError(f"{where}:{number}:1", problem)
                cells += [""] * (len(TSV_COLUMNS) - len(cells))  # optional trailing columns left out
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
        shortest = len(TSV_COLUMNS) - len(OPTIONAL_TRAILING_COLUMNS)
        for entry in entries:
            fields = entry_to_fields(entry)
            cells = [clean_cell(fields[c]) for c in TSV_COLUMNS]
            while len(cells) > shortest and not cells[-1]:
                cells.pop()  # empty optional trailing cells (tg) are left out, as older files have them
            rows.append("\t".join(cells))
        return "\n".join(rows) + "\n"
