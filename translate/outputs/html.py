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
from translate.outputs.base import OutputWriter, check_records
from translate.outputs.units import apply_markup, place_markup
from translate.records import SegmentRecord

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")


class HtmlWriter(OutputWriter):
    """An English HTML page."""

    name = "html"
    extension = "html"

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        check_records(document, records)
        source = document.origin
        if source is not None and source.meta.get("whole_page"):
            from translate.outputs.html_page import render_whole_page

            return render_whole_page(document, records)
        units = source.units if source is not None and source.units else _block_units(document)
        title = ""
        body: list[str] = []
        open_list: str | None = None
        table: list[list[str]] = []
        table_id = None
        for unit in units:
            english, marks = place_markup(document, records, unit)
            inner = apply_markup(english, marks, _open, _close, html.escape)
            data = unit.data if isinstance(unit.data, dict) else {}
            if unit.kind == "cell":
                if table_id is not None and data.get("table") != table_id:
                    body.append(_table(table))
                    table = []
                table_id = data.get("table")
                while len(table) <= data.get("row", 0):
                    table.append([])
                table[data.get("row", 0)].append("" if data.get("empty") else inner)
                continue
            if table:
                body.append(_table(table))
                table, table_id = [], None
            list_tag = ("ol" if data.get("ordered") else "ul") if unit.kind == "list_item" else None
            if open_list and list_tag != open_list:
                body.append(f"</{open_list}>")
                open_list = None
            if list_tag and not open_list:
                body.append(f"<{list_tag}>")
                open_list = list_tag
            if unit.kind == "heading":
                level = max(1, min(int(data.get("level", 2) or 2), 6))
                title = title or english
                body.append(f"<h{level}>{inner}</h{level}>")
            elif unit.kind == "list_item":
                body.append(f"<li>{inner}</li>")
            elif unit.kind in ("byline", "date"):
                body.append(f'<p class="{unit.kind}">{inner}</p>')
            else:
                tag = "blockquote" if data.get("tag") == "blockquote" else "p"
                body.append(f"<{tag}>{inner}</{tag}>")
        if table:
            body.append(_table(table))
        if open_list:
            body.append(f"</{open_list}>")
        head = f"<title>{html.escape(title or document.id)}</title>"
        return (
            '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
            f"{head}\n</head>\n<body>\n<article>\n" + "\n".join(body) + "\n</article>\n</body>\n</html>\n"
        )


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
