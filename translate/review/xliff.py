"""XLIFF 2.0 (valid for 2.1 tools too): one ``<file>`` per document, one ``<unit>`` per segment.

Terms and flags become ``<notes>`` (categories ``term`` and ``flag``); passthrough segments carry
``translate="no"``; the segment ``state`` is ``translated`` (or ``initial`` when there is no real
translation). XML-invalid characters are written as XLIFF ``<cp hex=…/>`` so nothing is lost.
XLIFF has one source language per file: ``translate.review.write_review_files`` writes a run mixing
languages as one file per language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

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

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_NOT_NMTOKEN = re.compile(r"[^\w.\-:]")


def nmtoken(value: str, fallback: str, used: set[str]) -> str:
    """``value`` as a unique XML NMTOKEN (invalid characters become ``_``)."""
    base = _NOT_NMTOKEN.sub("_", value) or fallback
    token, n = base, 1
    while token in used:
        n += 1
        token = f"{base}_{n}"
    used.add(token)
    return token


@dataclass(frozen=True)
class UnitReview:
    """A segment's review state for XLIFF: ``state`` (initial|translated|reviewed|final), an optional
    ``substate`` (written as ``dragoman:<substate>``) and reviewer comments (``<note category="comment">``).
    """

    state: str
    substate: str = ""
    comments: tuple[str, ...] = field(default_factory=tuple)


class XliffWriter(ReviewWriter):
    """XLIFF 2.0 core. ``review`` maps ``(document, segment)`` to its ``UnitReview`` (review workspace)."""

    name = "xliff"
    extension = "xlf"

    def __init__(self, review: Mapping[tuple[str, str], UnitReview] | None = None) -> None:
        self.review = review or {}

    def render(self, documents: Sequence[DocumentGroup], meta: ReviewMeta) -> str:
        langs = sorted({d.lang for d in documents})
        if len(langs) > 1:
            raise ReviewFormatError(
                "--format xliff",
                f"the run mixes source languages ({', '.join(langs)}) and an XLIFF file has one; "
                "give -o to write one file per language, or pick documents with --document",
            )
        target_langs = sorted({r.target_lang for d in documents for r in d.records}) or ["en"]
        ET.register_namespace("", XLIFF_NS)
        root = ET.Element(
            _q("xliff"),
            {"version": "2.0", "srcLang": langs[0] if langs else "und", "trgLang": target_langs[0]},
        )
        file_ids: set[str] = set()
        for i, doc in enumerate(documents):
            file_el = ET.SubElement(
                root,
                _q("file"),
                {"id": nmtoken(doc.id, f"f{i}", file_ids), "original": clean_attr(doc.path or doc.id)},
            )
            unit_ids: set[str] = set()
            for j, rec in enumerate(doc.records):
                attrs = {"id": nmtoken(rec.segment, f"u{j}", unit_ids), "name": clean_attr(rec.segment)}
                attrs["type"] = "dragoman:" + (re.sub(r"[^a-z_]", "", rec.kind) or "segment")
                if not rec.translated:
                    attrs["translate"] = "no"
                unit = ET.SubElement(file_el, _q("unit"), attrs)
                notes = ET.Element(_q("notes"))
                for term in rec.terms:
                    note = ET.SubElement(notes, _q("note"), {"category": "term", "appliesTo": "source"})
                    append_text(note, term_note_text(term), _cp)
                for flag in row_flags(rec):
                    priority = FLAG_PRIORITY[flag.severity]
                    note = ET.SubElement(notes, _q("note"), {"category": "flag", "priority": priority})
                    append_text(note, f"{flag.code}: {flag.message}", _cp)
                note = ET.SubElement(notes, _q("note"), {"category": "location"})
                note.text = location_text(rec)
                reviewed = self.review.get((rec.document, rec.segment))
                for comment in reviewed.comments if reviewed else ():
                    note = ET.SubElement(notes, _q("note"), {"category": "comment"})
                    append_text(note, comment, _cp)
                unit.append(notes)
                seg_attrs = {"state": "translated" if rec.translated else "initial"}
                if reviewed:
                    seg_attrs["state"] = reviewed.state
                    if reviewed.substate:
                        seg_attrs["subState"] = f"dragoman:{reviewed.substate}"
                segment = ET.SubElement(unit, _q("segment"), seg_attrs)
                source = ET.SubElement(segment, _q("source"), {f"{{{XML_NS}}}space": "preserve"})
                append_text(source, rec.source, _cp)
                target = ET.SubElement(segment, _q("target"), {f"{{{XML_NS}}}space": "preserve"})
                append_text(target, rec.target, _cp)
        return serialize(root, text_tags=frozenset(_q(t) for t in ("source", "target", "note")))


def _q(tag: str) -> str:
    return f"{{{XLIFF_NS}}}{tag}"


def _cp(parent: ET.Element, char: str) -> None:
    if parent.tag == _q("note"):  # notes hold text only
        append_text(parent, f"U+{ord(char):04X}", _cp)
        return
    ET.SubElement(parent, _q("cp"), {"hex": f"{ord(char):04X}"})
