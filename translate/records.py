"""The JSONL contract: one ``SegmentRecord`` per segment of a translated document.

Every output format (text, markdown, JSONL, review HTML, XLIFF, TMX, TSV) is made from these records
plus the original text, so a saved JSONL run can be turned into any of them later.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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
    glossary: str = ""  # name and content hash of the glossary in force, "" when none
    split: bool = False
    markers: list[dict[str, Any]] = field(default_factory=list)  # footnote markers carried over
    terms: list[TermRecord] = field(default_factory=list)
    alignment: list[AlignmentLink] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

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
