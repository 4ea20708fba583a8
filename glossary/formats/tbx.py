"""TBX (TBX-Basic, TBX v3 core structure) import/export that round-trips the TSV columns exactly.

Written as ``<tbx type="TBX-Basic" style="dca">`` with one ``conceptEntry id=…`` per entry:

- ``descrip type="subjectField"``: the category; ``note``: the translator note;
- ``langSec xml:lang="en"``: the approved term (``administrativeStatus`` preferredTerm-admn-sts),
  the short form (``termType`` acronym, admittedTerm-admn-sts) and each unapproved variant
  (deprecatedTerm-admn-sts);
- ``langSec xml:lang="fa"``/``"ar"``: one ``termSec`` per source variant, in order;
- Dragoman's own fields as ``descrip`` of type ``firstMention``, ``confirm``, ``exclude``,
  ``reviewOnly`` and ``source``.

Reading also accepts TBX v2 names (``termEntry``, ``langSet``, ``tig``/``ntig``). XML is parsed with
defusedxml (SAX, so errors and missing parts carry a line and column).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.saxutils import escape, quoteattr

import defusedxml.sax

from glossary.entry import SOURCE_LANGS, Entry
from glossary.formats.base import (
    GlossaryFormat,
    clean_cell,
    entry_from_fields,
    entry_to_fields,
    split_values,
)
from translate.errors import GlossaryError

TBX_NS = "urn:iso:std:iso:30042:ed-2"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_CONCEPT = ("conceptEntry", "termEntry")
_LANG = ("langSec", "langSet")
_TERM = ("termSec", "tig", "ntig")
_MULTI_DESCRIPS = ("confirm", "exclude")
# TBX-Basic nests six levels deep (tbx/text/body/conceptEntry/langSec/termSec/term); anything far
# deeper is not a termbase, and would exhaust the recursion of the tree walk.
MAX_DEPTH = 64


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[_Node] = field(default_factory=list)
    text: str = ""

    def find_all(self, tags: tuple[str, ...]) -> list[_Node]:
        return [c for c in self.children if c.tag in tags]

    def descendants(self, tags: tuple[str, ...]) -> list[_Node]:
        out = []
        for child in self.children:
            if child.tag in tags:
                out.append(child)
            out.extend(child.descendants(tags))
        return out


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


class _TreeBuilder(ContentHandler):
    def __init__(self, where: str = "") -> None:
        super().__init__()
        self.where = where
        self.root: _Node | None = None
        self._stack: list[_Node] = []
        self._locator = None

    def setDocumentLocator(self, locator) -> None:
        self._locator = locator

    def startElement(self, name, attrs) -> None:
        line = self._locator.getLineNumber() if self._locator else 0
        col = (self._locator.getColumnNumber() or 0) + 1 if self._locator else 0
        if len(self._stack) >= MAX_DEPTH:
            raise GlossaryError(
                f"{self.where}:{line}:{col}",
                f"elements nested more than {MAX_DEPTH} deep; not a TBX termbase",
            )
        node = _Node(_local(name), {k: attrs[k] for k in attrs.getNames()}, line, col)
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            self.root = node
        self._stack.append(node)

    def endElement(self, name) -> None:
        self._stack.pop()

    def characters(self, content) -> None:
        if self._stack:
            self._stack[-1].text += content


def _lang_of(node: _Node) -> str:
    return (node.attrs.get("xml:lang") or node.attrs.get("lang") or "").lower().split("-")[0]


def _term_text(term_sec: _Node) -> tuple[str, dict[str, str]]:
    terms = term_sec.descendants(("term",))
    notes = {n.attrs.get("type", ""): n.text.strip() for n in term_sec.descendants(("termNote",))}
    return (terms[0].text.strip() if terms else ""), notes


class TbxFormat(GlossaryFormat):
    """TBX-Basic style termbase exchange."""

    name = "tbx"
    extensions = (".tbx", ".xml")

    def read(self, text: str, where: str, errors: list[GlossaryError] | None = None) -> list[Entry]:
        """Entries in document order; ``GlossaryError("file:line:col", ...)`` for XML or TBX problems."""
        builder = _TreeBuilder(where)
        parser = defusedxml.sax.make_parser()
        parser.setContentHandler(builder)
        try:
            parser.parse(io.BytesIO(text.encode("utf-8")))
        except GlossaryError:
            raise
        except SAXParseException as err:
            raise GlossaryError(
                f"{where}:{err.getLineNumber()}:{err.getColumnNumber() + 1}",
                f"XML syntax error: {err.getMessage()}",
            ) from None
        except Exception as err:  # defusedxml refuses entities and DTD tricks
            raise GlossaryError(where, f"refused XML: {type(err).__name__}: {err}") from None
        root = builder.root
        if root is None or root.tag not in ("tbx", "martif"):
            raise GlossaryError(f"{where}:1:1", "not a TBX file (root element must be <tbx>)")
        concepts = root.descendants(_CONCEPT)
        entries = []
        for concept in concepts:
            try:
                entries.append(self._entry(concept, where))
            except GlossaryError as err:
                if errors is None:
                    raise
                errors.append(err)
        return entries

    def _entry(self, concept: _Node, where: str) -> Entry:
        at = f"{where}:{concept.line}:{concept.col}"
        entry_id = concept.attrs.get("id", "")
        if not entry_id:
            raise GlossaryError(at, f"<{concept.tag}> without an id attribute")
        row: dict[str, str] = {"id": entry_id}
        multi: dict[str, list[str]] = {k: [] for k in ("fa", "ar", "unapproved", *_MULTI_DESCRIPS)}
        for descrip in concept.descendants(("descrip", "admin")):
            kind = descrip.attrs.get("type", "")
            value = descrip.text.strip()
            if kind == "subjectField":
                row["category"] = value
            elif kind in _MULTI_DESCRIPS:
                multi[kind].append(value)
            elif kind == "firstMention":
                row["first_mention"] = value
            elif kind == "reviewOnly":
                row["review"] = value
            elif kind == "source":
                row["source"] = value
        notes = [n.text.strip() for n in concept.find_all(("note",))]
        row["note"] = notes[0] if notes else ""
        if "category" not in row:
            raise GlossaryError(at, f'entry {entry_id!r} has no <descrip type="subjectField"> (category)')
        for lang_sec in concept.find_all(_LANG):
            lang = _lang_of(lang_sec)
            for term_sec in lang_sec.descendants(_TERM):
                term, notes_ = _term_text(term_sec)
                if not term:
                    raise GlossaryError(
                        f"{where}:{term_sec.line}:{term_sec.col}", "<termSec> without a <term>"
                    )
                status = notes_.get("administrativeStatus", "")
                if lang == "en":
                    if notes_.get("termType") in ("acronym", "abbreviation", "shortForm"):
                        row["short"] = term
                    elif status == DEPRECATED or status.startswith("deprecated"):
                        multi["unapproved"].append(term)
                    elif "english" not in row:
                        row["english"] = term
                elif lang in SOURCE_LANGS:
                    multi[lang].append(term)
        if "english" not in row:
            raise GlossaryError(
                at, f'entry {entry_id!r} has no English preferred term (langSec xml:lang="en")'
            )
        for key, values in multi.items():
            row[key] = " | ".join(values)
        return entry_from_fields(row, lambda _name: at)

    def write(self, entries: list[Entry]) -> str:
        """The TBX document for ``entries``, in the given order."""
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">',
            "  <tbxHeader>",
            "    <fileDesc>",
            "      <sourceDesc>",
            "        <p>Dragoman glossary</p>",
            "      </sourceDesc>",
            "    </fileDesc>",
            "  </tbxHeader>",
            "  <text>",
            "    <body>",
        ]
        for entry in entries:
            out.extend(self._concept(entry))
        out.extend(["    </body>", "  </text>", "</tbx>"])
        return "\n".join(out) + "\n"

    def _concept(self, entry: Entry) -> list[str]:
        row = entry_to_fields(entry)
        ind = "      "
        lines = [f"{ind}<conceptEntry id={quoteattr(entry.id)}>"]

        def descrip(kind: str, value: str) -> None:
            lines.append(f'{ind}  <descrip type="{kind}">{_xml_text(value)}</descrip>')

        descrip("subjectField", row["category"])
        descrip("firstMention", row["first_mention"])
        for kind in _MULTI_DESCRIPS:
            for value in split_values(row[kind]):
                descrip(kind, value)
        if entry.review_only:
            descrip("reviewOnly", "yes")
        if entry.source:
            descrip("source", entry.source)
        if entry.note:
            lines.append(f"{ind}  <note>{_xml_text(entry.note)}</note>")
        lines.append(f'{ind}  <langSec xml:lang="en">')
        lines.extend(_term_sec(entry.english, PREFERRED))
        if entry.short:
            lines.extend(_term_sec(entry.short, ADMITTED, "acronym"))
        for value in entry.unapproved:
            lines.extend(_term_sec(value, DEPRECATED))
        lines.append(f"{ind}  </langSec>")
        for lang in SOURCE_LANGS:
            values = entry.variants.get(lang, [])
            if values:
                lines.append(f'{ind}  <langSec xml:lang="{lang}">')
                for value in values:
                    lines.extend(_term_sec(value, ADMITTED))
                lines.append(f"{ind}  </langSec>")
        lines.append(f"{ind}</conceptEntry>")
        return lines


def _term_sec(term: str, status: str, term_type: str = "") -> list[str]:
    ind = "          "
    lines = [f"{ind}<termSec>", f"{ind}  <term>{_xml_text(term)}</term>"]
    if term_type:
        lines.append(f'{ind}  <termNote type="termType">{term_type}</termNote>')
    lines.append(f'{ind}  <termNote type="administrativeStatus">{status}</termNote>')
    lines.append(f"{ind}</termSec>")
    return lines


def _xml_text(value: str) -> str:
    """Escaped element text; control characters (which XML 1.0 cannot hold) become spaces, as in TSV."""
    return escape(clean_cell(value))
