"""Web pages: the article (title, byline, date, body) extracted with trafilatura, without menus, ads
or comment threads; headings, paragraphs, lists, tables, links and emphasis are kept as units and
inline markup for the ``html`` output writer.

trafilatura returns its own XML (``head``, ``p``, ``list``/``item``, ``table``/``row``/``cell``,
``hi rend="#b"``, ``ref target=...``), parsed here with defusedxml. A page where trafilatura finds no
article is refused with one line. Note: trafilatura drops zero-width non-joiners from the text; the
model input repairs them (``translate.document.normalize``).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring

from translate.errors import InputError
from translate.formats.base import InputFormat, Markup, SourceFile, TextBuilder, Unit
from translate.io.reading import decode_input

_BLOCKS = frozenset({"head", "p", "list", "table", "quote", "code"})
_HI_TAGS = {"#b": "strong", "#i": "em", "#u": "u", "#t": "code", "#sub": "sub", "#sup": "sup"}


class HtmlFormat(InputFormat):
    """``.html``/``.htm`` in; ``--format html`` writes the English article."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def __init__(self, whole_page: bool = False) -> None:
        self.whole_page = whole_page

    def read(self, data: bytes, where: str, encoding: str | None = None) -> SourceFile:
        decoded = decode_input(data, where, encoding)
        if self.whole_page:
            from translate.formats.html_page import read_whole_page

            return read_whole_page(decoded.text, decoded.encoding, where)
        import trafilatura  # heavy import; only web pages need it

        xml = trafilatura.extract(
            decoded.text,
            output_format="xml",
            include_formatting=True,
            include_links=True,
            include_tables=True,
            include_comments=False,
            with_metadata=True,
            favor_recall=True,
        )
        if not xml:
            raise InputError(where, "no article found in this web page (only navigation or boilerplate)")
        root = fromstring(xml)
        builder = TextBuilder()
        meta = {key: root.get(key, "") for key in ("title", "author", "date", "url", "sitename")}
        main = root.find("main")
        body = [el for el in (main if main is not None else []) if el.tag in _BLOCKS]
        if not body or not any(_text(el)[0].strip() for el in body):
            raise InputError(where, "no article found in this web page (only navigation or boilerplate)")
        if body and body[0].tag == "head":
            _add_element(builder, body.pop(0))  # the title heading, then byline and date
        elif meta["title"]:
            builder.add(meta["title"], "heading", prefix="# ", data={"level": 1})
        if meta["author"]:
            builder.add(meta["author"], "byline", data={"role": "byline"})
        if meta["date"]:
            builder.add(meta["date"], "date", data={"role": "date"})
        for element in body:
            _add_element(builder, element)
        if not builder.units:
            raise InputError(where, "no article text found in this web page")
        return SourceFile(builder.text(), decoded.encoding, self.name, builder.units, meta)


def _add_element(builder: TextBuilder, element: Element) -> None:
    tag = element.tag
    if tag == "head":
        level = _level(element.get("rend", "h2"))
        text, markup = _text(element)
        builder.add(text, "heading", prefix="#" * level + " ", markup=markup, data={"level": level})
    elif tag in ("p", "quote", "code"):
        text, markup = _text(element)
        builder.add(text, "paragraph", markup=markup, data={"tag": "blockquote" if tag == "quote" else "p"})
    elif tag == "list":
        ordered = element.get("rend", "ul") == "ol"
        for number, item in enumerate(element.findall("item"), start=1):
            text, markup = _text(item)
            builder.add(
                text, "list_item", prefix="- ", markup=markup, data={"ordered": ordered, "number": number}
            )
    elif tag == "table":
        index = id(element)
        for r, row in enumerate(element.findall("row")):
            for c, cell in enumerate(row.findall("cell")):
                text, markup = _text(cell)
                unit = builder.add(text, "cell", markup=markup, data={"table": index, "row": r, "col": c})
                if unit is None:  # an empty cell keeps its place in the table
                    builder.units.append(_empty_cell(builder, index, r, c))
    else:
        text, markup = _text(element)
        builder.add(text, "paragraph", markup=markup, data={"tag": "p"})


def _empty_cell(builder: TextBuilder, table: int, row: int, col: int) -> Unit:
    data = {"table": table, "row": row, "col": col, "empty": True}
    return Unit(builder.length, builder.length, "cell", {}, [], data)


def _level(rend: str) -> int:
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit() else 2


def _text(element: Element) -> tuple[str, list[Markup]]:
    """The text of ``element`` and its inline markup (offsets into that text)."""
    parts: list[str] = []
    markup: list[Markup] = []
    length = 0

    def walk(node: Element) -> None:
        nonlocal length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            start = length
            walk(child)
            tag, attrs = _inline(child)
            if tag and length > start:
                markup.append(Markup(start, length, tag, attrs))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(element)
    return "".join(parts), markup


def _inline(node: Element) -> tuple[str, dict[str, str]]:
    if node.tag == "hi":
        return _HI_TAGS.get(node.get("rend", ""), "em"), {}
    if node.tag == "ref":
        target = node.get("target", "")
        return ("a", {"href": target}) if target else ("", {})
    return "", {}
