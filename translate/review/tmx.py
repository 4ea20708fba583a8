"""TMX 1.4b: one ``<tu>`` per segment with a source and an English ``<tuv>``.

The header names Dragoman as creation tool, ``segtype="sentence"``, ``datatype="plaintext"``;
``srclang`` is the run's source language, or ``*all*`` when documents differ (each ``<tu>`` then says
its own ``srclang``). Document, segment id, offsets, kind and flags travel as ``<prop type="x-…">``.
A character XML cannot hold becomes ``<ph type="x-char">U+XXXX</ph>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from translate.review.base import DocumentGroup, ReviewMeta, ReviewWriter
from translate.review.flags import row_flags
from translate.review.xml_text import append_text, clean_attr, serialize
from translate.version import __version__

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


class TmxWriter(ReviewWriter):
    """TMX 1.4b."""

    name = "tmx"
    extension = "tmx"

    def render(self, documents: Sequence[DocumentGroup], meta: ReviewMeta) -> str:
        langs = sorted({d.lang for d in documents})
        root = ET.Element("tmx", {"version": "1.4"})
        ET.SubElement(
            root,
            "header",
            {
                "creationtool": "Dragoman",
                "creationtoolversion": __version__,
                "segtype": "sentence",
                "o-tmf": "Dragoman JSONL",
                "adminlang": "en",
                "srclang": langs[0] if len(langs) == 1 else "*all*",
                "datatype": "plaintext",
                "creationdate": meta.generated.strftime("%Y%m%dT%H%M%SZ"),
            },
        )
        body = ET.SubElement(root, "body")
        for doc in documents:
            for rec in doc.records:
                src_lang = rec.source_lang if rec.translated else doc.lang
                tuid = clean_attr(f"{rec.document}:{rec.segment}")
                tu = ET.SubElement(body, "tu", {"tuid": tuid, "srclang": src_lang})
                props = [
                    ("x-document", rec.document),
                    ("x-segment", rec.segment),
                    ("x-kind", rec.kind),
                    ("x-offsets", f"{rec.source_start}-{rec.source_end}"),
                    ("x-translated", "yes" if rec.translated else "no"),
                ]
                if rec.model:
                    props.append(("x-model", rec.model))
                props += [("x-flag", f.code) for f in row_flags(rec)]
                props += [("x-term", f"{t.entry}={t.required} ({t.status})") for t in rec.terms]
                for kind, value in props:
                    prop = ET.SubElement(tu, "prop", {"type": kind})
                    append_text(prop, value, _as_code)
                for lang, text in ((src_lang, rec.source), (rec.target_lang, rec.target)):
                    tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
                    seg = ET.SubElement(tuv, "seg")
                    append_text(seg, text, _ph)
        return serialize(root, DOCTYPE, text_tags=frozenset({"seg", "prop", "note"}))


def _ph(parent: ET.Element, char: str) -> None:
    ph = ET.SubElement(parent, "ph", {"type": "x-char"})
    ph.text = f"U+{ord(char):04X}"


def _as_code(parent: ET.Element, char: str) -> None:
    append_text(parent, f"U+{ord(char):04X}", _as_code)
