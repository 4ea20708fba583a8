"""``--format jsonl`` (one ``SegmentRecord`` per line) and ``--format json`` (one object per document).

Offsets in both are character offsets (Python ``str`` indices, i.e. Unicode code points) into the
decoded original text with any BOM removed; ``source_end`` is exclusive, so
``text[source_start:source_end] == source``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from translate.document.model import Document
from translate.outputs.base import OutputWriter, check_records
from translate.records import SegmentRecord

JSON_FORMAT_VERSION = 1


class JsonlWriter(OutputWriter):
    """One JSON object per segment, one per line, in document order."""

    name = "jsonl"
    extension = "jsonl"
    streams = True

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        check_records(document, records)
        return "".join(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n" for rec in records)


class JsonWriter(OutputWriter):
    """One JSON object: the document (text, language, blocks) and its records."""

    name = "json"
    extension = "json"

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        check_records(document, records)
        payload = {"format_version": JSON_FORMAT_VERSION, **document_metadata(document)}
        payload["records"] = [rec.to_dict() for rec in records]
        return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def document_metadata(document: Document) -> dict[str, Any]:
    """The document-level fields of the JSON output."""
    return {
        "document": document.id,
        "path": document.path,
        "source_lang": document.lang,
        "target_lang": "en",
        "text": document.text,
        "blocks": [
            {
                "index": b.index,
                "kind": str(b.kind),
                "start": b.start,
                "end": b.end,
                "lang": b.lang,
                "prefix": b.prefix,
                "level": b.level,
                "segments": [s.id for s in b.segments],
            }
            for b in document.blocks
        ],
    }
