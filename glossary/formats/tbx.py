"""TBX (TBX-Basic, TBX v3 core structure) import/export that round-trips the TSV columns exactly.

Written as ``<tbx type="TBX-Basic" style="dca">`` with one ``conceptEntry id=…`` per entry:

- ``descrip type="subjectField"``: the category; ``note``: the translator note;
- ``langSec xml:lang="en"``: the approved term (``administrativeStatus`` preferredTerm-admn-sts),
  the short form (``termType`` acronym, admittedTerm-admn-sts) and each unapproved variant
  (deprecatedTerm-admn-sts);
- ``langSec xml:lang="fa"``/``"ar"``: one ``termSec`` per source variant, in order;
- Dragoman's own fields as ``descrip`` of type ``firstMention``, ``confirm``, ``exclude``,
  ``reviewOnly``, ``reviewContext`` and ``source``;
- English forms (``Entry.forms``) as further English ``termSec``s and source forms
  (``Entry.source_forms``) as further fa/ar ``termSec``s, each with ``partOfSpeech`` (adjective,
  noun) and a usage ``note`` ``form: TYPE`` (adjective, people, plural, short_adjective, language).

Reading (``glossary/formats/tbx_read.py``) takes TBX 2008 (``martif``) and TBX v3 (DCA and DCT) as
other tools write them, and reports what it mapped and dropped. TBX 2008 export is
``glossary/formats/tbx2008.py``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from glossary.entry import SOURCE_LANGS, Entry
from glossary.errors import GlossaryError
from glossary.formats.base import GlossaryFormat, clean_cell, entry_to_fields, split_values
from glossary.formats.mapping import ImportReport
from glossary.formats.tbx_read import read_tbx, text_to_bytes

TBX_NS = "urn:iso:std:iso:30042:ed-2"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_MULTI_DESCRIPS = ("confirm", "exclude")
# TBX-Basic nests six levels deep (tbx/text/body/conceptEntry/langSec/termSec/term); anything far
# deeper is not a termbase, and would exhaust the recursion of the tree walk.
MAX_DEPTH = 64


class TbxFormat(GlossaryFormat):
    """TBX-Basic style termbase exchange."""

    name = "tbx"
    extensions = (".tbx", ".xml")
    concept_tag, lang_tag, term_tag = "conceptEntry", "langSec", "termSec"

    def read(self, text: str, where: str, errors: list[GlossaryError] | None = None) -> list[Entry]:
        """Entries in document order; ``GlossaryError("file:line:col", ...)`` for XML or TBX problems."""
        return read_tbx(text_to_bytes(text), where, errors)[0]

    def read_bytes(
        self, data: bytes, where: str, errors: list[GlossaryError] | None = None
    ) -> tuple[list[Entry], ImportReport]:
        """Entries and the import report; the XML declaration names the encoding (UTF-16 too)."""
        return read_tbx(data, where, errors)

    def write(self, entries: list[Entry]) -> str:
        """The TBX document for ``entries``, in the given order."""
        out = self._head()
        for entry in entries:
            out.extend(self._concept(entry))
        out.extend(self._tail())
        return "\n".join(out) + "\n"

    def _head(self) -> list[str]:
        return [
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

    def _tail(self) -> list[str]:
        return ["    </body>", "  </text>", "</tbx>"]

    def _concept(self, entry: Entry) -> list[str]:
        row = entry_to_fields(entry)
        ind = "      "
        concept, lang_sec, term_sec = self.concept_tag, self.lang_tag, self.term_tag
        lines = [f"{ind}<{concept} id={quoteattr(entry.id)}>"]

        def descrip(kind: str, value: str) -> None:
            lines.append(f'{ind}  <descrip type="{kind}">{_xml_text(value)}</descrip>')

        descrip("subjectField", row["category"])
        descrip("firstMention", row["first_mention"])
        for kind in _MULTI_DESCRIPS:
            for value in split_values(row[kind]):
                descrip(kind, value)
        if entry.review_only:
            descrip("reviewOnly", "yes")
        for value in entry.review_context:
            descrip("reviewContext", value)
        if entry.source:
            descrip("source", entry.source)
        if entry.note:
            lines.append(f"{ind}  <note>{_xml_text(entry.note)}</note>")
        lines.append(f'{ind}  <{lang_sec} xml:lang="en">')
        lines.extend(_term_sec(term_sec, entry.english, PREFERRED))
        if entry.short:
            lines.extend(_term_sec(term_sec, entry.short, ADMITTED, "acronym"))
        for value in entry.unapproved:
            lines.extend(_term_sec(term_sec, value, DEPRECATED))
        for kind, forms in entry.forms.items():
            for form in forms:
                lines.extend(_form_sec(term_sec, form, kind))
        lines.append(f"{ind}  </{lang_sec}>")
        for lang in SOURCE_LANGS:
            values = entry.variants.get(lang, [])
            typed = entry.source_forms.get(lang, [])
            if values or typed:
                lines.append(f'{ind}  <{lang_sec} xml:lang="{lang}">')
                for value in values:
                    lines.extend(_term_sec(term_sec, value, ADMITTED))
                for kind, form in typed:
                    lines.extend(_form_sec(term_sec, form, kind))
                lines.append(f"{ind}  </{lang_sec}>")
        lines.append(f"{ind}</{concept}>")
        return lines


def _term_sec(tag: str, term: str, status: str, term_type: str = "") -> list[str]:
    ind = "          "
    lines = [f"{ind}<{tag}>", f"{ind}  <term>{_xml_text(term)}</term>"]
    if term_type:
        lines.append(f'{ind}  <termNote type="termType">{term_type}</termNote>')
    lines.append(f'{ind}  <termNote type="administrativeStatus">{status}</termNote>')
    lines.append(f"{ind}</{tag}>")
    return lines


_POS = {"adjective": "adjective", "short_adjective": "adjective"}


def _form_sec(tag: str, term: str, kind: str) -> list[str]:
    """A term section for a typed form: part of speech and a ``form: TYPE`` usage note."""
    ind = "          "
    return [
        f"{ind}<{tag}>",
        f"{ind}  <term>{_xml_text(term)}</term>",
        f'{ind}  <termNote type="partOfSpeech">{_POS.get(kind, "noun")}</termNote>',
        f'{ind}  <termNote type="administrativeStatus">{ADMITTED}</termNote>',
        f"{ind}  <note>form: {kind}</note>",
        f"{ind}</{tag}>",
    ]


def _xml_text(value: str) -> str:
    """Escaped element text; control characters (which XML 1.0 cannot hold) become spaces, as in TSV."""
    return escape(clean_cell(value))
