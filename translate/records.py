"""The JSONL contract: one ``SegmentRecord`` per segment of a translated document.

Every output format (text, markdown, JSONL, review HTML, XLIFF, TMX, TSV) is made from these records
plus the original text, so a saved JSONL run can be turned into any of them later.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from translate.errors import InputError


@dataclass
class TermRecord:
    """One glossary hit in a source segment and what became of it in the target."""

    entry: str  # glossary entry id
    source_start: int  # offsets into the original document text
    source_end: int
    source_text: str
    required: str  # the English form that must appear (approved term or short form)
    confidence: float
    status: str  # satisfied | constrained | post-edited | review | missing
    target_start: int | None = None  # offsets into this record's ``target``
    target_end: int | None = None
    category: str = ""
    note: str = ""


@dataclass
class AlignmentLink:
    """A source span (document offsets) aligned to a target span (offsets into ``target``)."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int
    score: float = 1.0
    kind: str = "word"  # word | term


@dataclass
class SegmentRecord:
    """One line of ``--format jsonl`` output."""

    document: str  # document id (file stem)
    path: str
    block: int
    segment: str  # segment id, "b{block}.s{index}"
    kind: str  # BlockKind value
    source: str  # exact original substring
    source_start: int
    source_end: int
    source_lang: str
    target: str  # English; for passthrough segments, the source text unchanged
    target_lang: str = "en"
    translated: bool = True  # False for passthrough text
    model: str = ""
    backend: str = ""
    variant: str = ""  # weights and vocabulary as decoded: "float32", "int8+english-vocab", ...
    glossary: str = ""  # name and content hash of the glossary in force, "" when none
    split: bool = False
    markers: list[dict[str, Any]] = field(default_factory=list)  # footnote markers carried over
    terms: list[TermRecord] = field(default_factory=list)
    alignment: list[AlignmentLink] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    encoding: str = ""  # how the input was decoded ("utf-8", "cp1256"...) or its container ("docx", "pdf")
    location: dict[str, Any] = field(default_factory=dict)  # where in the input: {"page": 3}, {"cues": [..]}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SegmentRecord:
        """Inverse of ``to_dict`` (unknown keys are ignored so older readers keep working)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["terms"] = [TermRecord(**t) for t in known.get("terms", [])]
        known["alignment"] = [AlignmentLink(**a) for a in known.get("alignment", [])]
        return cls(**known)


_REQUIRED = {
    "document": str, "path": str, "block": int, "segment": str, "kind": str, "source": str,
    "source_start": int, "source_end": int, "source_lang": str, "target": str,
}  # fmt: skip


def read_records(path: str | Path) -> list[SegmentRecord]:
    """The records of a ``--format jsonl`` run (``-`` reads stdin); one-line errors as ``file:line``."""
    name = "<stdin>" if str(path) == "-" else str(path)
    if str(path) != "-" and Path(path).exists() and not Path(path).is_dir() and not Path(path).is_file():
        raise InputError(name, "not a regular file (a device, FIFO or socket); save the run to a file")
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
