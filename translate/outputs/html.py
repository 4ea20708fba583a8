"""``--format html``: the English as an HTML page with the source's structure: headings, paragraphs,
lists, tables, links and emphasis (placed by alignment, else at the sentence edges), ``lang="en"``
and ``dir="ltr"``. Web-page inputs keep their extracted article structure; other inputs give one
element per block. Everything from the model or the source is HTML-escaped; link targets other
than http(s)/mailto are dropped (the link text stays).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from translate.document.model import BlockKind, Document
from translate.formats.base import Markup, Unit
from translate.io.spool import open_spool, replay_spool
from translate.outputs.base import (
    Emit,
    OutputWriter,
    StreamRenderer,
    StreamSource,
    check_records,
    join_windows,
    local_window,
)
from translate.outputs.units import apply_markup, place_markup, window_units
from translate.records import SegmentRecord

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")


class HtmlWriter(OutputWriter):
    """An English HTML page."""

    name = "html"
    extension = "html"
    streams = True  # the page is written unit by unit (``HtmlStreamRenderer``), a whole web page excepted

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        check_records(document, records)
        source = document.origin
        if source is not None and source.meta.get("whole_page"):
            from translate.outputs.html_page import render_whole_page

            return render_whole_page(document, records)
        units = source.units if source is not None and source.units else _block_units(document)
        body = _PageBody()
        pieces = body.add(document, records, units) + body.close()
        return _page_head(body.title or document.id) + "\n".join(pieces) + _PAGE_FOOT

    def streams_document(self, document: Document) -> bool:
        source = document.origin  # a whole web page is rebuilt node by node: it needs all records
        return source is None or not source.meta.get("whole_page")

    def stream_renderer(self, source: StreamSource, emit: Emit) -> StreamRenderer:
        return HtmlStreamRenderer(self, source, emit)


class HtmlStreamRenderer(StreamRenderer):
    """``--format html`` of a text input window by window, exactly what ``HtmlWriter.render`` writes.

    The page's ``<title>`` is the English of the first heading, known only once it is translated,
    so the body goes to a spool on disk and the page is written out at the end. The parts of a line
    longer than a window are gathered into one element (that line is held whole).
    """

    def __init__(self, writer: OutputWriter, source: StreamSource, emit: Emit) -> None:
        super().__init__(writer, source, emit)
        self.body = _PageBody()
        self.spool = open_spool(source.spool_dir)
        self.first = True
        self.pending: tuple[Document, list[SegmentRecord]] | None = None  # a long line's parts so far
        self.next_unit = 0  # the input's first unit not yet written (inputs with units)

    def add(self, window: Document, records: Sequence[SegmentRecord]) -> None:
        check_records(window, records)
        if self.pending is not None:  # the rest of a long line: one element, as in ``render``
            window, records = join_windows(self.pending, (window, list(records)))
            self.pending = None
        if window.blocks and window.blocks[-1].continued:
            self.pending = (window, list(records))
            return
        local, moved = local_window(window, records)
        self._spool(self.body.add(local, moved, self._units(window, local)))

    def finish(self) -> None:
        source = self.source.header.origin
        if source is not None and self.next_unit < len(source.units):  # empty units at the very end
            rest = Document(self.source.header.id, self.source.header.path, "", self.source.header.lang)
            self._spool(self.body.add(rest, [], source.units[self.next_unit :]))
        self._spool(self.body.close())
        with self.spool:
            self.emit(_page_head(self.body.title or self.source.header.id))
            replay_spool(self.spool, self.emit)
            self.emit(_PAGE_FOOT)

    def _units(self, window: Document, local: Document) -> list[Unit]:
        """The window's units in its own offsets: the input's (a web page's headings, lists,
        tables, links) when it has them, else one per block, as ``render`` chooses."""
        source = window.origin
        if source is None or not source.units:
            return _block_units(local)
        units, self.next_unit = window_units(source.units, self.next_unit, window)
        return units

    def _spool(self, pieces: list[str]) -> None:
        for piece in pieces:
            self.spool.write(piece if self.first else "\n" + piece)
            self.first = False


_PAGE_FOOT = "\n</article>\n</body>\n</html>\n"


def _page_head(title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<article>\n"
    )


class _PageBody:
    """The page's body elements, unit by unit; lists and tables stay open across calls to ``add``."""

    def __init__(self) -> None:
        self.title = ""
        self.open_list: str | None = None
        self.table: list[list[str]] = []
        self.table_id: object = None

    def add(self, document: Document, records: Sequence[SegmentRecord], units: Sequence[Unit]) -> list[str]:
        """The elements finished by ``units`` (of ``document``, translated as ``records``)."""
        body: list[str] = []
        for unit in units:
            english, marks = place_markup(document, records, unit)
            inner = apply_markup(english, marks, _open, _close, html.escape)
            data = unit.data if isinstance(unit.data, dict) else {}
            if unit.kind == "cell":
                if self.table_id is not None and data.get("table") != self.table_id:
                    body.append(_table(self.table))
                    self.table = []
                self.table_id = data.get("table")
                while len(self.table) <= data.get("row", 0):
                    self.table.append([])
                self.table[data.get("row", 0)].append("" if data.get("empty") else inner)
                continue
            if self.table:
                body.append(_table(self.table))
                self.table, self.table_id = [], None
            list_tag = ("ol" if data.get("ordered") else "ul") if unit.kind == "list_item" else None
            if self.open_list and list_tag != self.open_list:
                body.append(f"</{self.open_list}>")
                self.open_list = None
            if list_tag and not self.open_list:
                body.append(f"<{list_tag}>")
                self.open_list = list_tag
            body.append(self._element(unit, data, english, inner))
        return body

    def close(self) -> list[str]:
        """The elements still open at the end of the document."""
        body = [_table(self.table)] if self.table else []
        if self.open_list:
            body.append(f"</{self.open_list}>")
        return body

    def _element(self, unit: Unit, data: dict, english: str, inner: str) -> str:
        if unit.kind == "heading":
            level = max(1, min(int(data.get("level", 2) or 2), 6))
            self.title = self.title or english
            return f"<h{level}>{inner}</h{level}>"
        if unit.kind == "list_item":
            return f"<li>{inner}</li>"
        if unit.kind in ("byline", "date"):
            return f'<p class="{unit.kind}">{inner}</p>'
        tag = "blockquote" if data.get("tag") == "blockquote" else "p"
        return f"<{tag}>{inner}</{tag}>"


def _block_units(document: Document) -> list[Unit]:
    """Units for a text input: one per block (headings by level, list items, paragraphs)."""
    kinds = {BlockKind.HEADING: "heading", BlockKind.LIST_ITEM: "list_item"}
    units = []
    for block in document.blocks:
        start = block.start + len(block.prefix)
        units.append(Unit(start, block.end, kinds.get(block.kind, "paragraph"), data={"level": block.level}))
    return units


def _table(rows: list[list[str]]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{cells}</table>"


def _open(mark: Markup) -> str:
    if mark.tag == "a":
        href = mark.attrs.get("href", "")
        if href.startswith(_SAFE_SCHEMES):
            return f'<a href="{html.escape(href, quote=True)}">'
        return "<a>"
    return f"<{mark.tag}>"


def _close(mark: Markup) -> str:
    return f"</{mark.tag}>"
