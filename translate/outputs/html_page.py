"""The ``html`` writer for ``--whole-page`` inputs: the same page with every translated text node in
English, ``lang="en"``, ``dir="ltr"`` and a UTF-8 charset declaration. Text nodes with nothing
translated keep their exact text; lxml serializes (and escapes) the result."""

from __future__ import annotations

from collections.abc import Sequence

from translate.document.model import Document
from translate.formats.html_page import parse_page, text_nodes
from translate.outputs.units import unit_english, unit_records
from translate.records import SegmentRecord


def render_whole_page(document: Document, records: Sequence[SegmentRecord]) -> str:
    """The original page with its text nodes translated."""
    import lxml.html

    source = document.origin
    root = parse_page(source.meta["page"], document.path)
    nodes = list(text_nodes(root))
    for unit in source.units:
        if not any(r.translated for r in unit_records(records, unit)):
            continue
        element, which = nodes[unit.data["node"]]
        original = getattr(element, which)
        lead = original[: len(original) - len(original.lstrip())]
        trail = original[len(original.rstrip()) :]
        setattr(element, which, lead + unit_english(document, records, unit) + trail)
    root.set("lang", "en")
    root.set("dir", "ltr")
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("dir") == "rtl":
            element.set("dir", "ltr")
        if isinstance(element.tag, str) and element.tag == "meta":
            if element.get("charset"):
                element.set("charset", "utf-8")
            if (element.get("http-equiv") or "").lower() == "content-type":
                element.set("content", "text/html; charset=utf-8")
    return "<!DOCTYPE html>\n" + lxml.html.tostring(root, encoding="unicode") + "\n"
