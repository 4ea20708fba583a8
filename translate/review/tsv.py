"""TSV for spreadsheets and translation tools: one header row, one row per segment.

Columns: document, segment, kind, source_start, source_end, source, target, flags, terms.
Backslash, tab, line feed and carriage return inside a value are written as ``\\\\``, ``\\t``,
``\\n`` and ``\\r``, so every record is exactly one line; a text cell that starts with
``= + - @`` gets a leading ``'`` (OWASP CSV injection), so a spreadsheet never runs it as a formula.
``flags`` is a comma-separated list of flag codes; ``terms`` lists ``entry=rendering (status)``
separated by ``; ``.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.io.cells import defuse_formula, restore_formula
from translate.review.base import DocumentGroup, ReviewMeta, ReviewWriter
from translate.review.flags import row_flags

COLUMNS = ("document", "segment", "kind", "source_start", "source_end", "source", "target", "flags", "terms")
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_field(value: object) -> str:
    """One TSV cell: backslash, tab and line breaks escaped; a text starting with ``= + - @`` gets a
    leading ``'`` so a spreadsheet shows it instead of running it (``tsv_unescape`` removes it)."""
    text = str(value).translate(_ESCAPES)
    return defuse_formula(text) if isinstance(value, str) else text


def tsv_unescape(value: str) -> str:
    """Inverse of ``tsv_field``."""
    value = restore_formula(value)
    out, i = [], 0
    table = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in table:
            out.append(table[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


class TsvWriter(ReviewWriter):
    """Tab-separated values."""

    name = "tsv"
    extension = "tsv"

    def render(self, documents: Sequence[DocumentGroup], meta: ReviewMeta) -> str:
        lines = ["\t".join(COLUMNS)]
        for doc in documents:
            for rec in doc.records:
                terms = "; ".join(
                    f"{t.entry}={_rendering(rec.target, t.target_start, t.target_end) or '-'} ({t.status})"
                    for t in rec.terms
                )
                flags = ",".join(f.code for f in row_flags(rec))
                cells = (
                    rec.document,
                    rec.segment,
                    rec.kind,
                    rec.source_start,
                    rec.source_end,
                    rec.source,
                    rec.target,
                    flags,
                    terms,
                )
                lines.append("\t".join(tsv_field(c) for c in cells))
        return "\n".join(lines) + "\n"


def _rendering(target: str, start: int | None, end: int | None) -> str:
    if start is None or end is None or not (0 <= start < end <= len(target)):
        return ""
    return target[start:end]
