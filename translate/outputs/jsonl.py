"""``--format jsonl`` (one ``SegmentRecord`` per line) and ``--format json`` (one object per document).

Offsets in both are character offsets (Python ``str`` indices, i.e. Unicode code points) into the
decoded original text with any BOM removed; ``source_end`` is exclusive, so
``text[source_start:source_end] == source``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from translate.document.model import Block, Document
from translate.outputs.base import Emit, OutputWriter, StreamRenderer, StreamSource, check_records
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
    streams = True

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        check_records(document, records)
        payload = {"format_version": JSON_FORMAT_VERSION, **document_metadata(document)}
        payload["records"] = [rec.to_dict() for rec in records]
        return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"

    def stream_renderer(self, source: StreamSource, emit: Emit) -> StreamRenderer:
        return JsonStreamRenderer(self, source, emit)


class JsonStreamRenderer(StreamRenderer):
    """``--format json`` window by window, byte for byte what ``JsonWriter.render`` writes.

    The document's fields, its text and its blocks come first, from reading and parsing the input
    again (``StreamSource``); each window's records follow as the window is translated.
    """

    def __init__(self, writer: OutputWriter, source: StreamSource, emit: Emit) -> None:
        super().__init__(writer, source, emit)
        fields = {"format_version": JSON_FORMAT_VERSION, **_header_fields(source.header)}
        emit(json.dumps(fields, ensure_ascii=False, indent=1)[:-2] + ',\n "text": "')
        for text in source.texts():
            emit(json.dumps(text, ensure_ascii=False)[1:-1])
        emit('",\n "blocks": ')
        _emit_array(_whole_blocks(b for doc in source.documents() for b in doc.blocks), emit)
        emit(',\n "records": [')
        self.first = True

    def add(self, window: Document, records: Sequence[SegmentRecord]) -> None:
        check_records(window, records)
        for rec in records:
            self.emit(("" if self.first else ",") + _array_item(rec.to_dict()))
            self.first = False

    def finish(self) -> None:
        self.emit("]\n}\n" if self.first else "\n ]\n}\n")


def _whole_blocks(blocks: Iterable[Block]) -> Iterator[dict[str, Any]]:
    """Each block's fields once: the parts of a line longer than a window joined (segment ids only)."""
    pending: dict[str, Any] | None = None
    for block in blocks:
        if pending is not None and block.part:
            pending["end"] = block.end
            pending["segments"] += [s.id for s in block.segments]
        else:
            if pending is not None:
                yield pending
            pending = _block_fields(block)
    if pending is not None:
        yield pending


def _emit_array(items: Iterable[dict[str, Any]], emit: Emit) -> None:
    """A JSON array at the second level of ``indent=1`` output, one item at a time."""
    first = True
    for item in items:
        emit(("[" if first else ",") + _array_item(item))
        first = False
    emit("[]" if first else "\n ]")


def _array_item(item: dict[str, Any]) -> str:
    """``item`` as ``json.dumps(..., indent=1)`` writes it inside a top-level field's array."""
    return "\n  " + json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def _header_fields(document: Document) -> dict[str, Any]:
    return {
        "document": document.id,
        "path": document.path,
        "source_lang": document.lang,
        "target_lang": "en",
    }


def _block_fields(block: Block) -> dict[str, Any]:
    return {
        "index": block.index,
        "kind": str(block.kind),
        "start": block.start,
        "end": block.end,
        "lang": block.lang,
        "prefix": block.prefix,
        "level": block.level,
        "segments": [s.id for s in block.segments],
    }


def document_metadata(document: Document) -> dict[str, Any]:
    """The document-level fields of the JSON output."""
    return {
        **_header_fields(document),
        "text": document.text,
        "blocks": [_block_fields(b) for b in document.blocks],
    }
