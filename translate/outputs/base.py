"""The output-writer interface and the helpers every format shares.

A writer turns one translated document (the ``Document`` plus its ``SegmentRecord`` list) into the
text of one output file. Structure-keeping formats rebuild the output from ``Document.text``: every
character outside a segment is copied, every segment span is replaced by its target, so nothing can
be lost or duplicated.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from translate.document.chars import TO_ASCII_DIGITS
from translate.document.model import Block, BlockKind, Document, shifted_block
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
    # True: a streamed document (``translate.document.stream``) can be written window by window
    # through ``stream_renderer`` with the same result as ``render`` on the whole document (every
    # format does; ``streams_document`` can still refuse one document, e.g. a whole web page).
    streams: ClassVar[bool] = False

    @abstractmethod
    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        """The complete output for ``document``."""

    def render_bytes(self, document: Document, records: Sequence[SegmentRecord]) -> bytes:
        """The output as bytes (binary writers override this)."""
        return self.render(document, records).encode("utf-8")

    def streams_document(self, document: Document) -> bool:
        """Whether ``document`` (parsed whole from its input) can be written window by window."""
        return self.streams

    def stream_renderer(self, source: StreamSource, emit: Emit) -> StreamRenderer:
        """What writes ``source`` window by window through ``emit`` (only when ``streams``). The
        default renders each window on its own: right for formats whose windows simply join."""
        return StreamRenderer(self, source, emit)

    def check_input(self, document: Document) -> None:
        """Refuse an input this writer cannot rebuild (``--format srt`` for a web page)."""
        fmt = getattr(document.origin, "format", "text")
        if self.input_formats and fmt not in self.input_formats:
            raise DragomanError(
                document.path,
                f"--format {self.name} needs a {' or '.join(self.input_formats)} input, not {fmt}",
            )


Replacement = tuple[int, int, str]
Emit = Callable[[Any], None]  # takes the output's pieces: str, or bytes for a ``binary`` writer


@dataclass(frozen=True)
class StreamSource:
    """A streamed document that a renderer may read again before or while it is translated.

    ``header``: the document with its id, path, language and ``origin`` (the input file read whole,
    if it was) but no text or blocks; ``texts()``: the
    windows' text, in order; ``documents()``: the windows parsed again (no translation). Each call
    reads the input again from the start, so memory stays bounded by a window.
    """

    header: Document
    texts: Callable[[], Iterator[str]]
    documents: Callable[[], Iterator[Document]]
    spool_dir: Path | None = None  # where a renderer keeps pieces it must write later (None: the system's)


class StreamRenderer:
    """Writes one streamed document window by window: ``add`` for each translated window in order,
    then ``finish``. This base class emits ``writer.render`` of each window."""

    def __init__(self, writer: OutputWriter, source: StreamSource, emit: Emit) -> None:
        self.writer = writer
        self.source = source
        self.emit = emit

    def add(self, window: Document, records: Sequence[SegmentRecord]) -> None:
        """Write one translated window."""
        self.emit(self.writer.render(window, records))

    def finish(self) -> None:
        """Write what comes after the last window."""


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


def local_window(window: Document, records: Sequence[SegmentRecord]) -> tuple[Document, list[SegmentRecord]]:
    """A window of a streamed document and its records with offsets into the window's own text
    (``offset`` 0: blocks, segments, markers, records, their word alignment and terms), for writers
    that index ``Document.text`` directly."""
    shift = window.offset
    if not shift:
        return window, list(records)
    blocks = [shifted_block(block, -shift) for block in window.blocks]
    local = dataclasses.replace(window, blocks=blocks, offset=0)
    moved = [
        dataclasses.replace(
            rec,
            source_start=rec.source_start - shift,
            source_end=rec.source_end - shift,
            alignment=_moved_back(rec.alignment, shift),
            terms=_moved_back(rec.terms, shift),
        )
        for rec in records
    ]
    return local, moved


def join_windows(
    first: tuple[Document, list[SegmentRecord]], second: tuple[Document, list[SegmentRecord]]
) -> tuple[Document, list[SegmentRecord]]:
    """Two consecutive windows as one, the parts of a long line that the first ends and the second
    goes on with made one block again (for writers that need a block whole)."""
    (a, a_records), (b, b_records) = first, second
    blocks = list(a.blocks)
    following = list(b.blocks)
    if blocks and following and blocks[-1].continued and following[0].part:
        head, tail = blocks.pop(), following.pop(0)
        blocks.append(
            dataclasses.replace(
                head, end=tail.end, segments=head.segments + tail.segments, continued=tail.continued
            )
        )
    joined = dataclasses.replace(a, text=a.text + b.text, blocks=blocks + following)
    return joined, a_records + b_records


def _moved_back(spans: list[Any], shift: int) -> list[Any]:
    """Copies of ``spans`` (alignment links, terms) with ``source_start``/``source_end`` less ``shift``."""
    return [
        dataclasses.replace(span, source_start=span.source_start - shift, source_end=span.source_end - shift)
        for span in spans
    ]


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
