"""Review and exchange output for a translation run: HTML review page, XLIFF, TMX, TSV, Markdown.

``write_review(records, path, fmt)`` renders the ``SegmentRecord`` list of a run (one or several
documents) and writes it atomically when ``path`` is given; ``read_records(path)`` loads a saved
``--format jsonl`` run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from translate.errors import InputError
from translate.io.atomic import atomic_write_text
from translate.records import AlignmentLink, SegmentRecord, TermRecord
from translate.review.base import (
    ReviewFormatError,
    ReviewMeta,
    ReviewWriter,
    default_title,
    group_documents,
    now_utc,
)
from translate.review.html import HtmlWriter
from translate.review.markdown import MarkdownWriter
from translate.review.tmx import TmxWriter
from translate.review.tsv import TsvWriter
from translate.review.xliff import XliffWriter

WRITERS: dict[str, type[ReviewWriter]] = {
    w.name: w for w in (HtmlWriter, XliffWriter, TmxWriter, TsvWriter, MarkdownWriter)
}
FORMATS: tuple[str, ...] = tuple(WRITERS)
EXTENSIONS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx",
    ".tsv": "tsv", ".md": "markdown", ".markdown": "markdown",
}  # fmt: skip

_REQUIRED = {
    "document": str, "path": str, "block": int, "segment": str, "kind": str, "source": str,
    "source_start": int, "source_end": int, "source_lang": str, "target": str,
}  # fmt: skip


def get_review_writer(name: str) -> ReviewWriter:
    """The writer for a format name; a one-line error naming the known formats otherwise."""
    try:
        return WRITERS[name]()
    except KeyError:
        raise ReviewFormatError(
            "--format", f"unknown review format {name!r}; choose one of {', '.join(FORMATS)}"
        ) from None


def render_review(records: Sequence[SegmentRecord], fmt: str = "html", *, title: str | None = None) -> str:
    """The review file's text for ``records`` in format ``fmt``."""
    writer = get_review_writer(fmt)
    if not records:
        raise InputError("<records>", "no segment records to review")
    documents = group_documents(records)
    meta = ReviewMeta(title=title or default_title(documents), generated=now_utc())
    return writer.render(documents, meta)


def write_review(
    records: list[SegmentRecord],
    path: str | Path | None,
    fmt: str = "html",
    *,
    title: str | None = None,
    documents: Sequence[Any] | None = None,
) -> str:
    """Render ``records`` as ``fmt`` and write it atomically to ``path`` (if given); returns the text.

    ``documents`` (the parsed ``Document`` objects, as ``dragoman translate --review`` passes them) is
    accepted for callers that have them; everything the review shows comes from the records.
    """
    text = render_review(records, fmt, title=title)
    if path is not None:
        atomic_write_text(path, text)
    return text


def read_records(path: str | Path) -> list[SegmentRecord]:
    """The records of a ``--format jsonl`` run (``-`` reads stdin); one-line errors as ``file:line``."""
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(name, "file not found") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a JSONL file") from None
    except OSError as err:
        raise InputError(name, f"cannot read ({err.strerror or err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(name, f"not UTF-8 text (byte {err.start})") from None
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            records.append(parse_record_line(line, f"{name}:{number}"))
    if not records:
        raise InputError(name, "no records: expected JSON lines from dragoman translate --format jsonl")
    return records


def parse_record_line(line: str, where: str) -> SegmentRecord:
    """One JSONL line as a ``SegmentRecord``; ``InputError(where, …)`` when it is not one."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(where, f"not valid JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(data, dict):
        raise InputError(where, f"expected a JSON object (a segment record), got {type(data).__name__}")
    for key, kind in _REQUIRED.items():
        if key not in data:
            raise InputError(where, f"not a segment record: missing field {key!r}")
        if not isinstance(data[key], kind) or isinstance(data[key], bool):
            raise InputError(
                where, f"field {key!r} should be {kind.__name__}, got {type(data[key]).__name__}"
            )
    for key, kind in (("terms", TermRecord), ("alignment", AlignmentLink)):
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise InputError(where, f"field {key!r} should be a list of objects")
        for item in items:
            unknown = set(item) - set(kind.__dataclass_fields__)
            if unknown:
                raise InputError(where, f"unknown field {sorted(unknown)[0]!r} in {key}")
    for key in ("flags", "markers"):
        if not isinstance(data.get(key, []), list):
            raise InputError(where, f"field {key!r} should be a list")
    if not all(isinstance(f, str) for f in data.get("flags", [])):
        raise InputError(where, "field 'flags' should be a list of strings")
    try:
        record = SegmentRecord.from_dict(data)
    except TypeError as err:
        raise InputError(where, f"not a segment record ({err})") from None
    _check_types(record, where)
    return record


def _check_types(record: SegmentRecord, where: str) -> None:
    for term in record.terms:
        for attr in ("entry", "source_text", "required", "status"):
            if not isinstance(getattr(term, attr), str):
                raise InputError(where, f"term field {attr!r} should be a string")
        for attr in ("source_start", "source_end"):
            if not isinstance(getattr(term, attr), int):
                raise InputError(where, f"term field {attr!r} should be an integer")
        for attr in ("target_start", "target_end"):
            value = getattr(term, attr)
            if value is not None and not isinstance(value, int):
                raise InputError(where, f"term field {attr!r} should be an integer or null")
        for attr in ("category", "note"):
            if not isinstance(getattr(term, attr), str):
                raise InputError(where, f"term field {attr!r} should be a string")
    for link in record.alignment:
        for attr in ("source_start", "source_end", "target_start", "target_end"):
            if not isinstance(getattr(link, attr), int):
                raise InputError(where, f"alignment field {attr!r} should be an integer")
    for attr in ("target_lang", "model", "backend", "glossary"):
        if not isinstance(getattr(record, attr), str):
            raise InputError(where, f"field {attr!r} should be a string")


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "WRITERS",
    "ReviewWriter",
    "get_review_writer",
    "read_records",
    "render_review",
    "write_review",
]
