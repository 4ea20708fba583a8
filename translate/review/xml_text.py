"""Helpers for writing record text into XML: characters XML 1.0 cannot hold, and serialization."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from translate.review.base import XML_INVALID


def append_text(parent: ET.Element, text: str, invalid: Callable[[ET.Element, str], None]) -> None:
    """Add ``text`` to ``parent``; each character XML cannot hold goes through ``invalid(parent, char)``."""
    pos = 0
    for m in XML_INVALID.finditer(text):
        _add(parent, text[pos : m.start()])
        invalid(parent, m.group())
        pos = m.end()
    _add(parent, text[pos:])


def clean_attr(text: str) -> str:
    """An attribute value with XML-invalid characters written as ``U+XXXX``."""
    return XML_INVALID.sub(lambda m: f"U+{ord(m.group()):04X}", text)


def serialize(root: ET.Element, doctype: str = "", text_tags: frozenset[str] = frozenset()) -> str:
    """The document as text with an XML declaration; carriage returns kept as ``&#13;``.

    Structural elements are indented; elements in ``text_tags`` hold text (and inline elements)
    and are left exactly as they are.
    """
    _indent(root, 0, text_tags)
    body = ET.tostring(root, encoding="unicode")
    # ElementTree leaves CR raw in text nodes, where a parser would turn it into LF.
    body = body.replace("\r", "&#13;")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + (doctype + "\n" if doctype else "")
    return head + body + "\n"


def _add(parent: ET.Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _indent(elem: ET.Element, level: int, text_tags: frozenset[str]) -> None:
    """Pretty-print whitespace between structural elements only (``ET.indent`` would touch text)."""
    if elem.tag in text_tags or not len(elem):
        return
    pad = "\n" + " " * (level + 1)
    elem.text = pad
    for child in elem:
        _indent(child, level + 1, text_tags)
        child.tail = pad
    elem[-1].tail = "\n" + " " * level
