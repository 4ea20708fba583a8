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
        index = -1
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
        notes = FootnotesPart.find(document)
        for note_id, paragraph in notes.paragraphs() if notes else []:
            index += 1
            builder.add(
                paragraph.text,
                "footnote",
                location={"footnote": note_id},
                markup=run_markup(paragraph),
                data={"paragraph": index, "level": 0},
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
    """Bold and italic runs and hyperlinks (``a`` with the relationship id) over the paragraph's text."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    markup: list[Markup] = []
    position = 0
    for item in paragraph.iter_inner_content():
        runs = [item] if isinstance(item, Run) else list(item.runs)
        start = position
        for run in runs:
            length = len(run.text)
            if length and run.bold:
                markup.append(Markup(position, position + length, "strong"))
            if length and run.italic:
                markup.append(Markup(position, position + length, "em"))
            position += length
        if not isinstance(item, Run) and position > start:
            rid = item._hyperlink.get(qn("r:id")) or ""
            anchor = item._hyperlink.get(qn("w:anchor")) or ""
            markup.append(Markup(start, position, "a", {"rid": rid, "anchor": anchor}))
    return markup if position == len(paragraph.text) else []


class FootnotesPart:
    """The footnotes of a Word file (``word/footnotes.xml``), which python-docx does not model:
    their paragraphs are read and written through python-docx's own XML classes."""

    def __init__(self, part: Any) -> None:
        from docx.oxml.parser import parse_xml

        self.part = part
        self.root = parse_xml(part.blob)

    @classmethod
    def find(cls, document: Any) -> FootnotesPart | None:
        """The footnotes part of ``document``, or None."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        for rel in document.part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                return cls(rel.target_part)
        return None

    def paragraphs(self) -> Iterator[tuple[str, Any]]:
        """(footnote id, paragraph) for the real footnotes (not the separators), in order."""
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        for note in self.root.findall(qn("w:footnote")):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for p in note.findall(qn("w:p")):
                yield note.get(qn("w:id"), ""), Paragraph(p, None)

    def save(self) -> None:
        """Write the (changed) XML back into the package."""
        from lxml import etree

        self.part._blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
