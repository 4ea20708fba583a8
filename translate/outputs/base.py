"""The output-writer interface and the helpers every format shares.

A writer turns one translated document (the ``Document`` plus its ``SegmentRecord`` list) into the
text of one output file. Structure-keeping formats rebuild the output from ``Document.text``: every
character outside a segment is copied, every segment span is replaced by its target, so nothing can
be lost or duplicated.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import ClassVar

from translate.document.chars import TO_ASCII_DIGITS
from translate.document.model import Block, BlockKind, Document
from translate.errors import DragomanError
from translate.records import SegmentRecord

# Persian/Arabic punctuation that list markers use, in its Latin form.
_MARKER_PUNCTUATION = str.maketrans({"٫": ".", "٬": ",", "،": ",", "؛": ";", "٪": "%"})


class OutputWriter(ABC):
    """Renders one translated document as the text of one output file."""

    name: ClassVar[str]
    extension: ClassVar[str]  # file extension without the dot, for ``out/<stem>.<ext>``
    binary: ClassVar[bool] = False  # True: ``render_bytes`` (e.g. docx), never to stdout
    input_formats: ClassVar[tuple[str, ...]] = ()  # input formats it needs (``()``: any)
    # True: the outputs of the windows of a streamed document (``translate.document.stream``),
    # rendered one by one and joined, are the output of the whole document. Formats that rebuild a
    # page or file (HTML, DOCX, JSON, Markdown footnotes) need the whole document and say False.
    streams: ClassVar[bool] = False

    @abstractmethod
    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        """The complete output for ``document``."""

    def render_bytes(self, document: Document, records: Sequence[SegmentRecord]) -> bytes:
        """The output as bytes (binary writers override this)."""
        return self.render(document, records).encode("utf-8")

    def check_input(self, document: Document) -> None:
        """Refuse an input this writer cannot rebuild (``--format srt`` for a web page)."""
        fmt = getattr(document.origin, "format", "text")
        if self.input_formats and fmt not in self.input_formats:
            raise DragomanError(
                document.path,
                f"--format {self.name} needs a {' or '.join(self.input_formats)} input, not {fmt}",
            )


Replacement = tuple[int, int, str]


def splice(text: str, replacements: Iterable[Replacement], where: str = "<document>") -> str:
    """``text`` with each ``(start, end, new)`` span replaced; spans must not overlap."""
    out: list[str] = []
    pos = 0
    for start, end, new in sorted(replacements, key=lambda r: (r[0], r[1])):
        if start < pos or end < start or end > len(text):
            raise DragomanError(where, f"records overlap or lie outside the text at offset {start}")
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def latin_list_prefix(prefix: str) -> str:
    """A list marker in Latin digits and punctuation: ``"۱٫ "`` becomes ``"1. "``; ``"– "`` is kept."""
    return prefix.translate(TO_ASCII_DIGITS).translate(_MARKER_PUNCTUATION)


def prefix_span(document: Document, block: Block) -> tuple[int, int] | None:
    """Where ``block.prefix`` sits in the text, or None when the block has no prefix there."""
    if block.prefix and document.text.startswith(block.prefix, block.start - document.offset):
        return block.start, block.start + len(block.prefix)
    return None


def translated_blocks(records: Sequence[SegmentRecord]) -> set[int]:
    """Indexes of blocks with at least one translated segment."""
    return {rec.block for rec in records if rec.translated}


def list_prefix_replacements(document: Document, records: Sequence[SegmentRecord]) -> list[Replacement]:
    """Latin list markers for the list items that were translated."""
    done = translated_blocks(records)
    out: list[Replacement] = []
    for block in document.blocks:
        if block.kind != BlockKind.LIST_ITEM or block.index not in done:
            continue
        span = prefix_span(document, block)
        if span is None:
            continue
        latin = latin_list_prefix(block.prefix)
        if latin != block.prefix:
            out.append((span[0], span[1], latin))
    return out


def check_records(document: Document, records: Sequence[SegmentRecord]) -> None:
    """Refuse records that do not belong to ``document`` (their source must match the text)."""
    for rec in records:
        if document.text_at(rec.source_start, rec.source_end) != rec.source:
            raise DragomanError(
                document.path,
                f"record {rec.segment} does not match the text at {rec.source_start}:{rec.source_end}",
            )
