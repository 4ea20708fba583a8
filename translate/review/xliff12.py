"""XLIFF 1.2 (``urn:oasis:names:tc:xliff:document:1.2``), which OmegaT and older Trados and memoQ read
more reliably than XLIFF 2: one ``<file>`` per document, one ``<trans-unit>`` per segment.

- ``<file original=PATH source-language=fa|ar target-language=en datatype="plaintext">`` with a
  ``<header><tool tool-id="dragoman" …/>`` and ``<body>``;
- ``<trans-unit id=SEGMENT resname=SEGMENT xml:space="preserve">``, ``translate="no"`` for copied
  (passthrough, footnote) segments; ``<target state=…>``: ``translated``, ``final`` for copied text,
  ``needs-translation`` when the model returned nothing;
- glossary terms are marked inline as ``<mrk mtype="term" comment="ENTRY → REQUIRED (STATUS)">``
  around the source form (and around the English where the target offsets are known), and listed as
  ``<note from="dragoman-term">``; review flags are ``<note from="dragoman-flag" priority=…>``; the
  segment's place in the document is ``<note from="dragoman-location">``;
- a character XML 1.0 cannot hold becomes ``<ph id=… ctype="x-char">U+XXXX</ph>`` (read back by
  ``xliff_read``).

Like XLIFF 2, one file has one source language; ``translate.review.split_by_language`` writes one
file per language for a mixed run.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from translate.records import SegmentRecord
from translate.review.base import (
    FLAG_PRIORITY,
    DocumentGroup,
    ReviewFormatError,
    ReviewMeta,
    ReviewWriter,
    location_text,
    term_note_text,
)
from translate.review.flags import row_flags
from translate.review.xml_text import append_text, clean_attr, serialize
from translate.version import __version__

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
COPIED_KINDS = frozenset({"passthrough", "footnote"})


def _q(tag: str) -> str:
    return f"{{{XLIFF12_NS}}}{tag}"


def unit_state(rec: SegmentRecord) -> str:
    """The XLIFF 1.2 ``state`` of a record's target."""
    if rec.translated:
        return "translated"
    return "final" if rec.kind in COPIED_KINDS else "needs-translation"


class Xliff12Writer(ReviewWriter):
    """XLIFF 1.2 core (strict: no deprecated attributes)."""

    name = "xliff12"
    extension = "xlf"

    def render(self, documents: Sequence[DocumentGroup], meta: ReviewMeta) -> str:
        langs = sorted({d.lang for d in documents})
        if len(langs) > 1:
            raise ReviewFormatError(
                "--format xliff12",
                f"the run mixes source languages ({', '.join(langs)}) and an XLIFF file has one; "
                "give -o to write one file per language, or pick documents with --document",
            )
        ET.register_namespace("", XLIFF12_NS)
        root = ET.Element(_q("xliff"), {"version": "1.2"})
        for doc in documents:
            target_lang = next((r.target_lang for r in doc.records), "en")
            file_el = ET.SubElement(
                root,
                _q("file"),
                {
                    "original": clean_attr(doc.path or doc.id),
                    "source-language": doc.lang or "und",
                    "target-language": target_lang,
                    "datatype": "plaintext",
                    "tool-id": "dragoman",
                    "product-name": clean_attr(doc.id),
                },
            )
            header = ET.SubElement(file_el, _q("header"))
            ET.SubElement(
                header,
                _q("tool"),
                {"tool-id": "dragoman", "tool-name": "Dragoman", "tool-version": __version__},
            )
            body = ET.SubElement(file_el, _q("body"))
            used: set[str] = set()
            for j, rec in enumerate(doc.records):
                body.append(self._unit(rec, j, used))
        text_tags = frozenset(_q(t) for t in ("source", "target", "note"))
        return serialize(root, text_tags=text_tags)

    def _unit(self, rec: SegmentRecord, index: int, used: set[str]) -> ET.Element:
        unit_id = _unique(re.sub(r"[\s\x00-\x1f]", "_", rec.segment) or f"u{index}", used)
        attrs = {"id": unit_id, "resname": clean_attr(rec.segment), f"{{{XML_NS}}}space": "preserve"}
        attrs["restype"] = "x-dragoman-" + (re.sub(r"[^a-z_]", "", rec.kind) or "segment")
        if not rec.translated:
            attrs["translate"] = "no"
        unit = ET.Element(_q("trans-unit"), attrs)
        counter = [0]
        source = ET.SubElement(unit, _q("source"))
        spans = [
            (t.source_start - rec.source_start, t.source_end - rec.source_start, _term_comment(t))
            for t in rec.terms
        ]
        _marked_text(source, rec.source, spans, counter)
        target = ET.SubElement(unit, _q("target"), {"state": unit_state(rec)})
        target_spans = [
            (t.target_start, t.target_end, _term_comment(t))
            for t in rec.terms
            if t.target_start is not None and t.target_end is not None
        ]
        _marked_text(target, rec.target, target_spans if rec.translated else [], counter)
        for term in rec.terms:
            note = ET.SubElement(unit, _q("note"), {"from": "dragoman-term", "annotates": "source"})
            append_text(note, term_note_text(term), _as_code)
        for flag in row_flags(rec):
            priority = FLAG_PRIORITY[flag.severity]
            note = ET.SubElement(unit, _q("note"), {"from": "dragoman-flag", "priority": priority})
            append_text(note, f"{flag.code}: {flag.message}", _as_code)
        note = ET.SubElement(unit, _q("note"), {"from": "dragoman-location"})
        append_text(note, location_text(rec), _as_code)
        return unit


def _term_comment(term) -> str:
    return clean_attr(f"{term.entry} → {term.required} ({term.status})")


def _marked_text(
    parent: ET.Element, text: str, spans: list[tuple[int, int, str]], counter: list[int]
) -> None:
    """``text`` into ``parent`` with each non-overlapping span wrapped in ``<mrk mtype="term">``."""

    def invalid(el: ET.Element, char: str) -> None:
        counter[0] += 1
        ph = ET.SubElement(el, _q("ph"), {"id": f"c{counter[0]}", "ctype": "x-char"})
        ph.text = f"U+{ord(char):04X}"

    pos = 0
    for start, end, comment in sorted(spans):
        if start < pos or not 0 <= start < end <= len(text):
            continue  # overlapping or out of range: listed in the notes only
        append_text(parent, text[pos:start], invalid)
        mrk = ET.SubElement(parent, _q("mrk"), {"mtype": "term", "comment": comment})
        append_text(mrk, text[start:end], invalid)
        pos = end
    append_text(parent, text[pos:], invalid)


def _unique(base: str, used: set[str]) -> str:
    token, n = base, 1
    while token in used:
        n += 1
        token = f"{base}_{n}"
    used.add(token)
    return token


def _as_code(parent: ET.Element, char: str) -> None:
    append_text(parent, f"U+{ord(char):04X}", _as_code)
