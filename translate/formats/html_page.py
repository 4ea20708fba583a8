"""``--whole-page``: every visible text node of a web page, not only the extracted article.

Each text node (element text or tail, outside ``script``/``style``/``noscript``/``template``) is one
unit; the ``html`` writer puts the English back into the same nodes of the same page
(``translate.outputs.html_page``), so navigation, menus and comments are translated too and the
page's own markup stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from translate.errors import InputError
from translate.formats.base import SourceFile, TextBuilder

SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})


def parse_page(text: str, where: str) -> Any:
    """The page as an lxml HTML tree (no network, no entities resolved)."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        return lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as err:
        raise InputError(where, f"not a readable web page ({err})") from None


def text_nodes(root: Any) -> Iterator[tuple[Any, str]]:
    """(element, "text" | "tail") for every text node worth translating, in document order."""
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            if element.tail and element.tail.strip():
                yield element, "tail"
            continue
        skipped = element.tag in SKIPPED_TAGS or any(a.tag in SKIPPED_TAGS for a in element.iterancestors())
        if not skipped and element.text and element.text.strip():
            yield element, "text"
        parent = element.getparent()
        inside_skipped = parent is not None and (
            parent.tag in SKIPPED_TAGS or any(a.tag in SKIPPED_TAGS for a in parent.iterancestors())
        )
        if element.tail and element.tail.strip() and not inside_skipped:
            yield element, "tail"


def read_whole_page(text: str, encoding: str, where: str) -> SourceFile:
    """A ``SourceFile`` with one unit per text node (``data``: the node's position in ``text_nodes``)."""
    root = parse_page(text, where)
    builder = TextBuilder()
    for index, (element, which) in enumerate(text_nodes(root)):
        builder.add(getattr(element, which), "text_node", data={"node": index})
    if not builder.units:
        raise InputError(where, "the web page has no text")
    title = root.findtext(".//title") or ""
    return SourceFile(
        builder.text(), encoding, "html", builder.units, {"whole_page": True, "page": text, "title": title}
    )
