"""Word files (``.docx``) with python-docx: body paragraphs and table cells, in document order, with
heading levels from the paragraph style and bold/italic runs as inline markup. The original bytes
are kept so that the ``docx`` writer can put the English into a copy with every style, table and
setting intact.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from translate.errors import InputError
from translate.formats.base import InputFormat, Markup, SourceFile, TextBuilder


class DocxFormat(InputFormat):
    """``.docx`` in; ``--format docx`` writes the English copy."""

    name = "docx"
    extensions = (".docx",)

    def read(self, data: bytes, where: str, encoding: str | None = None) -> SourceFile:
        document = open_docx(data, where)
        builder = TextBuilder()
        for index, paragraph in enumerate(iter_paragraphs(document)):
            level = heading_level(paragraph)
            prefix = "#" * level + " " if level else ""
            builder.add(
                paragraph.text,
                "heading" if level else "paragraph",
                prefix=prefix,
                location={"paragraph": index},
                markup=run_markup(paragraph),
                data={"paragraph": index, "level": level},
            )
        if not builder.units:
            raise InputError(where, "the Word file has no text")
        return SourceFile(builder.text(), "docx", self.name, builder.units, {"original": data})


def open_docx(data: bytes, where: str) -> Any:
    """A python-docx ``Document``, or a one-line error for a corrupt or non-Word file."""
    import docx  # python-docx

    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise InputError(where, f"not a valid Word .docx file ({type(err).__name__}: {err})") from None
    except Exception as err:  # python-docx raises assorted errors for damaged packages
        raise InputError(where, f"corrupt Word .docx file ({type(err).__name__})") from None


def iter_paragraphs(document: Any) -> Iterator[Any]:
    """Body paragraphs and the paragraphs of table cells, in document order (same order every time)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            yield from _table_paragraphs(block)


def _table_paragraphs(table: Any) -> Iterator[Any]:
    seen: set[Any] = set()  # the cell elements themselves (ids of lxml proxies are reused)
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # merged cells repeat
                continue
            seen.add(cell._tc)
            yield from cell.paragraphs
            for inner in cell.tables:
                yield from _table_paragraphs(inner)


def heading_level(paragraph: Any) -> int:
    """1-6 for ``Title``/``Heading N`` styles, else 0."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 1
    if name.startswith("Heading ") and name[8:].isdigit():
        return min(int(name[8:]), 6)
    return 0


def run_markup(paragraph: Any) -> list[Markup]:
    """Bold and italic runs as markup over the paragraph's text."""
    markup: list[Markup] = []
    position = 0
    for run in paragraph.runs:
        length = len(run.text)
        if length and run.bold:
            markup.append(Markup(position, position + length, "strong"))
        if length and run.italic:
            markup.append(Markup(position, position + length, "em"))
        position += length
    return markup if position == len(paragraph.text) else []
