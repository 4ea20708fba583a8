"""``--format docx``: a copy of the input Word file with the English in every translated paragraph.

Paragraph and heading styles, tables, section and page settings stay as they were (the English is
written into the original package). Each paragraph's runs are replaced by runs of the English that
take the first run's character formatting; bold, italic and hyperlinks (same target) are put back
on the words alignment gives (else around the sentence). Right-to-left settings (paragraph
``bidi``, run ``rtl``, right alignment) are switched to left-to-right.
"""

from __future__ import annotations

import copy
import io
import itertools
from collections.abc import Sequence
from typing import Any

from translate.document.model import Document
from translate.errors import DragomanError
from translate.formats.base import Markup, Unit
from translate.formats.docx import FootnotesPart, iter_paragraphs, open_docx
from translate.outputs.base import (
    Emit,
    OutputWriter,
    StreamRenderer,
    StreamSource,
    check_records,
    local_window,
)
from translate.outputs.units import place_markup, window_units
from translate.records import SegmentRecord


class DocxWriter(OutputWriter):
    """An English Word file."""

    name = "docx"
    extension = "docx"
    binary = True
    input_formats = ("docx",)
    streams = True  # into a file (``DocxStreamRenderer``)

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        check_records(document, records)
        raise DragomanError(document.path, "--format docx writes a binary file; give -o OUT.docx")

    def render_bytes(self, document: Document, records: Sequence[SegmentRecord]) -> bytes:
        check_records(document, records)
        self.check_input(document)
        english = _EnglishWord(document)
        english.add(document, records, document.origin.units)
        return english.save()

    def streams_document(self, document: Document) -> bool:
        return getattr(document.origin, "format", "") == "docx"

    def stream_renderer(self, source: StreamSource, emit: Emit) -> StreamRenderer:
        return DocxStreamRenderer(self, source, emit)


class _EnglishWord:
    """The input's Word package being turned English, paragraph by paragraph: every paragraph set
    left to right first, then each translated unit's runs replaced by its English."""

    def __init__(self, document: Document) -> None:
        self.word = open_docx(document.origin.meta["original"], document.path)
        self.notes = FootnotesPart.find(self.word)
        self.paragraphs = list(iter_paragraphs(self.word))
        self.paragraphs += [paragraph for _id, paragraph in self.notes.paragraphs()] if self.notes else []
        for paragraph in self.paragraphs:
            _left_to_right(paragraph)

    def add(self, document: Document, records: Sequence[SegmentRecord], units: Sequence[Unit]) -> None:
        """Write the English of ``units`` (of ``document``, translated as ``records``)."""
        for unit in units:
            index = unit.data["paragraph"]
            if index < len(self.paragraphs):
                english, marks = place_markup(document, records, unit)
                _replace_runs(self.paragraphs[index], english, marks)

    def save(self) -> bytes:
        """The English Word file."""
        if self.notes:
            self.notes.save()
        _document_left_to_right(self.word)
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()


class DocxStreamRenderer(StreamRenderer):
    """``--format docx`` window by window: each window's paragraphs get their English as it comes,
    so only one window's records are held (the Word package itself is held, as python-docx reads
    it whole); the file is written at the end."""

    def __init__(self, writer: OutputWriter, source: StreamSource, emit: Emit) -> None:
        super().__init__(writer, source, emit)
        self.english = _EnglishWord(source.header)
        self.units = source.header.origin.units
        self.next_unit = 0

    def add(self, window: Document, records: Sequence[SegmentRecord]) -> None:
        check_records(window, records)
        local, moved = local_window(window, records)
        here, self.next_unit = window_units(self.units, self.next_unit, window)
        self.english.add(local, moved, here)

    def finish(self) -> None:
        self.emit(self.english.save())


def _replace_runs(paragraph: Any, english: str, marks: list[Markup]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = paragraph._p
    runs = p.findall(qn("w:r"))
    base_rpr = None
    if runs and runs[0].find(qn("w:rPr")) is not None:
        base_rpr = copy.deepcopy(runs[0].find(qn("w:rPr")))
    for child in list(p):
        if child.tag in (qn("w:r"), qn("w:hyperlink"), qn("w:ins"), qn("w:smartTag")):
            p.remove(child)
    cuts = sorted({0, len(english), *(m.start for m in marks), *(m.end for m in marks)})
    links = [m for m in marks if m.tag == "a" and (m.attrs.get("rid") or m.attrs.get("anchor"))]
    current_link: tuple[Markup, Any] | None = None
    for start, end in itertools.pairwise(cuts):
        if end <= start:
            continue
        run = paragraph.add_run(english[start:end])
        link = next((m for m in links if m.start <= start and end <= m.end), None)
        if link is not None:  # the run goes into the hyperlink (one w:hyperlink per link)
            if current_link is None or current_link[0] is not link:
                element = OxmlElement("w:hyperlink")
                if link.attrs.get("rid"):
                    element.set(qn("r:id"), link.attrs["rid"])
                if link.attrs.get("anchor"):
                    element.set(qn("w:anchor"), link.attrs["anchor"])
                run._r.addprevious(element)
                current_link = (link, element)
            current_link[1].append(run._r)
        else:
            current_link = None
        if base_rpr is not None:
            run._r.insert(0, copy.deepcopy(base_rpr))
        covering = {m.tag for m in marks if m.start <= start and end <= m.end}
        run.bold = True if "strong" in covering else (None if base_rpr is None else run.bold)
        run.italic = True if "em" in covering else (None if base_rpr is None else run.italic)
        _run_left_to_right(run._r)


def _left_to_right(paragraph: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    if ppr is not None:
        for bidi in ppr.findall(qn("w:bidi")):
            ppr.remove(bidi)
    if paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for run in paragraph._p.findall(qn("w:r")):
        _run_left_to_right(run)


def _run_left_to_right(run: Any) -> None:
    from docx.oxml.ns import qn

    rpr = run.find(qn("w:rPr"))
    if rpr is not None:
        for tag in ("w:rtl", "w:cs"):
            for element in rpr.findall(qn(tag)):
                rpr.remove(element)


def _document_left_to_right(word: Any) -> None:
    """No ``bidi`` in the styles' paragraph properties or the sections."""
    from docx.oxml.ns import qn

    for root in (word.styles.element, word.element.body):
        for tag in ("w:bidi", "w:rtl", "w:rtlGutter"):
            for element in root.iter(qn(tag)):
                element.getparent().remove(element)
