"""Reading TBX as real tools write it: TBX 2008 (``<martif>``, TBX-Basic and TBX-Default, as MultiTerm,
memoQ and translate-toolkit write it) and TBX v3 (``<tbx>``, DCA and DCT styles), plus Dragoman's own.

- A DOCTYPE naming an external DTD is accepted and the DTD is **not** loaded; entity declarations are
  still refused (defusedxml) and an undeclared entity reference is an error, so nothing is expanded
  and the network is never touched.
- Data categories are read the same way in both styles: ``<descrip type="subjectField">`` (DCA) and
  ``<min:subjectField>`` (DCT) are both ``subjectField``.
- Missing or unusable ids are generated or normalized (``IdMaker``); a missing or unknown subject
  field becomes the category ``uncategorized`` (kept in the note when unknown), which
  ``glossary validate`` warns about.
- Language tags map through ``map_lang``; Persian and Dari terms become Persian source forms, Arabic
  terms Arabic ones, Tajik terms Tajik (``tg``) ones, other languages are dropped (counted).
- English: the first preferred term is the approved English, the first acronym/abbreviation the short
  form; deprecated, superseded and further admitted English terms become ``unapproved`` variants.
- Notes and definitions at every level are kept in the entry's note. Everything else (part of
  speech, context sentences, transaction dates, cross-references) is dropped and counted.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler

from defusedxml.expatreader import DefusedExpatParser

from glossary.entry import Category, Entry
from glossary.errors import GlossaryError
from glossary.formats.base import entry_from_fields
from glossary.formats.mapping import (
    ENGLISH,
    LANG_NAMES,
    TAJIK,
    IdMaker,
    ImportReport,
    map_category,
    map_lang,
    source_slot,
)
from glossary.languages import ARABIC_SCRIPT_LANGUAGES

MAX_DEPTH = 64
_CONCEPT = ("conceptEntry", "termEntry")
_LANG = ("langSec", "langSet")
_TERM = ("termSec", "tig", "ntig")
_GROUPS = ("descripGrp", "adminGrp", "termGrp", "termNoteGrp")
_TYPED = ("descrip", "termNote", "admin", "transac", "ref", "xref")
_DRAGOMAN_SINGLE = {"firstmention": "first_mention", "reviewonly": "review", "source": "source"}
_DRAGOMAN_MULTI = ("confirm", "exclude")
_SHORT_TYPES = ("acronym", "abbreviation", "shortform", "short form", "initialism", "clippedterm")
_ENCODING_DECL = re.compile(r"^(\ufeff?<\?xml[^>]*?)\s+encoding\s*=\s*(['\"])[^'\"]*\2", re.IGNORECASE)


@dataclass
class Node:
    """One element: local name, attributes, position, children and direct text."""

    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def kind(self) -> str:
        """The data category, lowercase: the ``type`` of a DCA element, else the (DCT) element name."""
        return (self.attrs.get("type", "") if self.tag in _TYPED else self.tag).lower()

    def all_text(self) -> str:
        """The text of the element and its descendants (inline markup flattened)."""
        return self.text + "".join(c.all_text() for c in self.children)

    def descendants(self, tags: tuple[str, ...]) -> list[Node]:
        """Descendants with one of ``tags``, document order."""
        out = []
        for child in self.children:
            if child.tag in tags:
                out.append(child)
            out.extend(child.descendants(tags))
        return out


class _TreeBuilder(ContentHandler):
    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self.root: Node | None = None
        self._stack: list[Node] = []
        self._locator = None

    def setDocumentLocator(self, locator) -> None:
        self._locator = locator

    def _at(self) -> tuple[int, int]:
        if self._locator is None:
            return 0, 0
        return self._locator.getLineNumber(), (self._locator.getColumnNumber() or 0) + 1

    def startElement(self, name, attrs) -> None:
        line, col = self._at()
        if len(self._stack) >= MAX_DEPTH:
            raise GlossaryError(
                f"{self.where}:{line}:{col}",
                f"elements nested more than {MAX_DEPTH} deep; not a TBX termbase",
            )
        node = Node(name.rsplit(":", 1)[-1], {k: attrs[k] for k in attrs.getNames()}, line, col)
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            self.root = node
        self._stack.append(node)

    def endElement(self, name) -> None:
        self._stack.pop()

    def characters(self, content) -> None:
        if self._stack:
            node = self._stack[-1]
            if node.children:  # text after a child element (inline markup): keep it in order
                node.children.append(Node("#text", {}, 0, 0, text=content))
            else:
                node.text += content

    def skippedEntity(self, name) -> None:
        line, col = self._at()
        raise GlossaryError(f"{self.where}:{line}:{col}", f"entity &{name}; is not expanded (refused)")


class _NoExternalParser(DefusedExpatParser):
    """defusedxml's parser, except that an external DTD is skipped instead of refused."""

    def defused_external_entity_ref_handler(self, context, base, sysid, pubid):
        return 1  # do not load it; entity declarations are still refused by defusedxml


def parse_xml(data: bytes, where: str) -> Node:
    """The element tree of a TBX file (no DTD loaded, no entity expanded)."""
    builder = _TreeBuilder(where)
    parser = _NoExternalParser()
    parser.setContentHandler(builder)
    try:
        parser.parse(io.BytesIO(data))
    except SAXParseException as err:
        raise GlossaryError(
            f"{where}:{err.getLineNumber()}:{err.getColumnNumber() + 1}",
            f"XML syntax error: {err.getMessage()}",
        ) from None
    except GlossaryError:
        raise
    except Exception as err:  # defusedxml refuses entity declarations
        raise GlossaryError(where, f"refused XML: {type(err).__name__}: {err}") from None
    if builder.root is None or builder.root.tag not in ("tbx", "martif"):
        raise GlossaryError(f"{where}:1:1", "not a TBX file (root element must be <tbx> or <martif>)")
    return builder.root


def text_to_bytes(text: str) -> bytes:
    """UTF-8 bytes of an XML text whose declaration may name another encoding."""
    return _ENCODING_DECL.sub(r"\1", text, count=1).encode("utf-8")


def dialect(root: Node) -> str:
    """``TBX 2008 (martif, TBX-Basic)``, ``TBX v3 (TBX-Basic, dca)`` and so on."""
    kind = root.attrs.get("type", "") or "TBX"
    if root.tag == "martif":
        return f"TBX 2008 (martif, {kind})"
    return f"TBX v3 ({kind}, {root.attrs.get('style', 'dca') or 'dca'})"


def read_tbx(
    data: bytes, where: str, errors: list[GlossaryError] | None = None
) -> tuple[list[Entry], ImportReport]:
    """Entries of a TBX file (any version) and the report of what was mapped and dropped."""
    root = parse_xml(data, where)
    report = ImportReport(where, dialect(root))
    concepts = root.descendants(_CONCEPT)
    ids = IdMaker()
    ids.reserve([c.attrs.get("id", "") for c in concepts])
    entries = []
    for concept in concepts:
        try:
            entries.append(_Concept(concept, where, report).entry(ids))
        except GlossaryError as err:
            if errors is None:
                raise
            errors.append(err)
    report.entries = len(entries)
    return entries, report


@dataclass
class _Term:
    text: str
    status: str  # preferred, admitted, deprecated or "" (not given)
    short: bool
    form: str = ""  # a typed form (adjective, people, ...) from Dragoman's ``<note>form: TYPE</note>``


def _status(value: str) -> str:
    """``preferredTerm-admn-sts``, ``preferred``, ``supersededTerm``... as preferred/admitted/deprecated."""
    value = value.strip().lower()
    if value.startswith(("preferred", "standardized", "legal", "regulated")):
        return "preferred"
    if value.startswith("admitted"):
        return "admitted"
    if value.startswith(("deprecated", "superseded", "obsolete", "notrecommended", "forbidden")):
        return "deprecated"
    return ""


class _Concept:
    """Collects one concept entry's parts, then builds the ``Entry``."""

    def __init__(self, node: Node, where: str, report: ImportReport) -> None:
        self.node = node
        self.where = where
        self.at = f"{where}:{node.line}:{node.col}"
        self.report = report
        self.row: dict[str, str] = {}
        self.multi: dict[str, list[str]] = {
            k: [] for k in ("fa", "ar", "tg", "forms", "fa_forms", "ar_forms", *_DRAGOMAN_MULTI)
        }
        self.review_context: list[str] = []
        self.subject: list[str] = []
        self.notes: list[str] = []
        self.english: list[_Term] = []

    def entry(self, ids: IdMaker) -> Entry:
        for child in self.node.children:
            self._child(child)
        english, short, unapproved = self._english()
        entry_id = ids.make(self.node.attrs.get("id", "").strip(), english, self.report)
        self.row.update(id=entry_id, english=english, short=short, category=self._category(entry_id))
        if short and "first_mention" not in self.row:
            self.row["first_mention"] = "full_then_short"  # as `glossary add --short` does
            self.report.mapped["short form without firstMention → full_then_short"] += 1
        self.row["note"] = "; ".join(n for n in self.notes if n)
        self.row["unapproved"] = " | ".join(unapproved)
        for key, values in self.multi.items():
            self.row[key] = " | ".join(values)
        if self.review_context:
            self.row["review"] = " | ".join(self.review_context)
        return entry_from_fields(self.row, lambda _name: self.at)

    def _child(self, node: Node) -> None:
        if node.tag in _LANG:
            self._lang(node)
        elif node.tag in _GROUPS:
            for child in node.children:
                self._child(child)
        else:
            self._meta(node, "")

    def _meta(self, node: Node, lang: str) -> None:
        """A concept- or language-level descrip/admin/note."""
        kind, value = node.kind(), node.all_text().strip()
        if node.tag == "#text":
            return
        if not value:
            self._drop(node)
            return
        if kind in ("subjectfield", "subject field"):
            self.subject.append(value)
        elif kind == "note" or node.tag == "note":
            self.notes.append(value)
            self.report.mapped["notes kept in the note"] += 1
        elif kind == "definition":
            self.notes.append(f"definition{f' ({lang})' if lang else ''}: {value}")
            self.report.mapped["definitions kept in the note"] += 1
        elif kind in _DRAGOMAN_SINGLE and not lang:
            self.row[_DRAGOMAN_SINGLE[kind]] = value
        elif kind in _DRAGOMAN_MULTI and not lang:
            self.multi[kind].append(value)
        elif kind == "reviewcontext" and not lang:
            self.review_context.append(value)
        else:
            self._drop(node)

    def _drop(self, node: Node) -> None:
        what = f'<{node.tag} type="{node.attrs.get("type", "")}">' if node.tag in _TYPED else f"<{node.tag}>"
        self.report.dropped[what] += 1

    def _lang(self, node: Node) -> None:
        tag = node.attrs.get("xml:lang") or node.attrs.get("lang") or ""
        lang = map_lang(tag)
        terms = [t for t in (self._term(n, lang or tag) for n in node.children if n.tag in _TERM) if t]
        for child in node.children:
            if child.tag not in _TERM:
                self._child_in_lang(child, tag)
        typed = [t for t in terms if t.form]
        terms = [t for t in terms if not t.form]
        if lang == ENGLISH:
            self.english.extend(terms)
            self.multi["forms"].extend(f"{t.form}: {t.text}" for t in typed)
        elif lang in ARABIC_SCRIPT_LANGUAGES:
            slot = source_slot(lang)
            self.multi[slot].extend(t.text for t in terms)
            self.multi[f"{slot}_forms"].extend(f"{t.form}: {t.text}" for t in typed)
            if terms:
                self.report.mapped[f"{LANG_NAMES[lang]} terms ({tag}) → {slot} source forms"] += len(terms)
        elif lang == TAJIK:
            self.multi["tg"].extend(t.text for t in terms)
            if terms:
                self.report.mapped["Tajik terms → tg source forms"] += len(terms)
        elif terms:
            self.report.dropped[f"terms in {tag or 'a langSec without xml:lang'}"] += len(terms)

    def _child_in_lang(self, node: Node, tag: str) -> None:
        if node.tag in _GROUPS:
            for child in node.children:
                self._child_in_lang(child, tag)
        else:
            self._meta(node, tag)

    def _term(self, node: Node, lang: str) -> _Term | None:
        terms = node.descendants(("term",))
        text = terms[0].all_text().strip() if terms else ""
        if not text:
            raise GlossaryError(f"{self.where}:{node.line}:{node.col}", f"<{node.tag}> without a <term>")
        status, short, form = "", False, ""
        part_of_speech: list[Node] = []
        for child in _flatten(node):
            kind = child.kind()
            if child.tag in ("term", "#text"):
                continue
            value = child.all_text().strip()
            if kind in ("administrativestatus", "normativeauthorization"):
                status = status or _status(value)
            elif kind == "termtype":
                short = value.lower() in _SHORT_TYPES
            elif kind == "partofspeech":
                part_of_speech.append(child)  # implied by a typed form's type; dropped otherwise
            elif child.tag == "note" and value.startswith("form:"):
                form = value.removeprefix("form:").strip()
            elif kind in ("note", "definition") or child.tag == "note":
                label = "definition of" if kind == "definition" else "note on"
                self.notes.append(f"{label} {text!r}: {value}")
                plural = "definitions" if kind == "definition" else "notes"
                self.report.mapped[f"term-level {plural} kept in the note"] += 1
            else:
                self._drop(child)
        if status:
            name = LANG_NAMES.get(map_lang(lang) or "", lang)
            self.report.mapped[f"{name} term status {status}"] += 1
        if not form:
            for child in part_of_speech:
                self._drop(child)
        return _Term(text, status, short, form)

    def _english(self) -> tuple[str, str, list[str]]:
        if not self.english:
            raise GlossaryError(
                self.at,
                f"entry {self.node.attrs.get('id', '')!r} has no English term "
                '(langSec/langSet xml:lang="en", "en-US", "en-GB")',
            )
        full = [t for t in self.english if not t.short]
        short_terms = [t for t in self.english if t.short and t.status != "deprecated"]
        chosen = next((t for t in full if t.status == "preferred"), None)
        if chosen is None:
            chosen = next((t for t in full if t.status != "deprecated"), None)
            if chosen is not None and len(full) > 1:
                self.report.mapped["English term without preferred status taken as the approved term"] += 1
        if chosen is None:
            chosen = short_terms[0] if short_terms else self.english[0]
            self.report.mapped["only an acronym or deprecated English term: taken as approved"] += 1
        short = next((t for t in short_terms if t is not chosen), None)
        unapproved = []
        for term in self.english:
            if term is chosen or term is short or term.text in unapproved or term.text == chosen.text:
                continue
            unapproved.append(term.text)
            what = "deprecated/superseded" if term.status == "deprecated" else "further admitted/preferred"
            self.report.mapped[f"{what} English terms → unapproved variants"] += 1
        return chosen.text, short.text if short else "", unapproved

    def _category(self, entry_id: str) -> str:
        if not self.subject:
            self.report.mapped["no subject field → category uncategorized"] += 1
            self.report.warnings.append((self.at, f"entry {entry_id!r} has no category (uncategorized)"))
            return Category.UNCATEGORIZED.value
        category = map_category(self.subject[0])
        extra = self.subject[1:] if category else self.subject
        if extra:
            self.notes.insert(0, "subject field: " + " | ".join(extra))
        if category is None:
            self.report.mapped["subject field not a Dragoman category → uncategorized, kept in the note"] += 1
            self.report.warnings.append(
                (self.at, f"entry {entry_id!r}: subject field {self.subject[0]!r} is not a category")
            )
            return Category.UNCATEGORIZED.value
        return category.value


def _flatten(node: Node) -> list[Node]:
    """A term section's metadata: children, and the children of groups (``termGrp``, ``termNoteGrp``)."""
    out = []
    for child in node.children:
        if child.tag in _GROUPS:
            out.extend(_flatten(child))
        else:
            out.append(child)
    return out
