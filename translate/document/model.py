"""Plain data classes for a parsed document. Offsets are character offsets into ``Document.text``.

``Document.text`` is the decoded input exactly as read (BOM removed, line endings kept as they were),
so ``document.text[segment.start:segment.end] == segment.text`` always holds (for a window of a
streamed document: ``document.text_at(segment.start, segment.end)``, see ``Document.offset``), and
every character of the original that is not inside a segment is literal material (markup,
separators, blank lines) that outputs copy through unchanged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    """What a line-level block of the document is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    FOOTNOTE = "footnote"  # a footnote line such as "1. Rolf Welberts"
    PASSTHROUGH = "passthrough"  # English/Latin-script lines ("Read More"): not translated


@dataclass(frozen=True)
class InlineMarker:
    """Markup inside a segment that is not sent to the model, e.g. ``<sup>۱</sup>``."""

    start: int
    end: int
    text: str
    kind: str = "footnote_ref"  # the only kind for now
    label: str = ""  # the marker's number in ASCII digits, e.g. "1"


@dataclass
class Segment:
    """One unit of translation (normally a sentence)."""

    id: str  # "b{block}.s{index}", unique within the document
    block: int  # index of the Block it belongs to
    index: int  # position within its block
    start: int
    end: int
    text: str  # == Document.text[start:end]
    kind: BlockKind
    lang: str  # "fa", "ar", "en" or "other"
    translate: bool  # False for passthrough text, which is copied to the output as it is
    model_input: str = ""  # normalized text for the model (markers removed); "" when not translated
    markers: list[InlineMarker] = field(default_factory=list)
    split: bool = False  # True when a too-long sentence was cut at a clause boundary


@dataclass
class Block:
    """A heading, paragraph, list item, footnote line or passthrough line."""

    index: int
    kind: BlockKind
    start: int  # start of the block's line(s), markup included
    end: int  # end of the block's text (before the line break)
    lang: str
    prefix: str = ""  # literal markup before the content: "## ", "– ", "۱٫ ", "1. "
    level: int = 0  # heading level (number of '#'), 0 otherwise
    segments: list[Segment] = field(default_factory=list)
    # A line longer than a streamed window comes in parts of whole segments (same ``index``):
    # ``part`` counts them from 0 (only part 0 has the prefix and starts at the line's start),
    # ``continued`` says more parts follow in later windows. A whole parse has one part.
    part: int = 0
    continued: bool = False


@dataclass
class Document:
    """A decoded input text with its structure and segmentation."""

    id: str  # file stem, or "stdin"
    path: str  # as given by the user, or "<stdin>"
    text: str
    lang: str  # detected (or forced) document language
    blocks: list[Block] = field(default_factory=list)
    origin: Any = None  # the input file's SourceFile (translate.formats) when read from one
    # A window of a streamed document (translate.document.stream): ``text`` is the original from
    # character ``offset`` on, while block and segment offsets stay offsets into the whole original.
    offset: int = 0

    def text_at(self, start: int, end: int) -> str:
        """The original's characters ``start:end`` (offsets into the whole original)."""
        return self.text[start - self.offset : end - self.offset]

    @property
    def segments(self) -> list[Segment]:
        """All segments in document order."""
        return [seg for block in self.blocks for seg in block.segments]


def shifted_block(block: Block, delta: int) -> Block:
    """A copy of ``block`` with its offsets, its segments' and their markers' moved by ``delta``
    (into the whole original for a window of a streamed document, or back into the window)."""
    if not delta:
        return block
    return dataclasses.replace(
        block,
        start=block.start + delta,
        end=block.end + delta,
        segments=[
            dataclasses.replace(
                seg,
                start=seg.start + delta,
                end=seg.end + delta,
                markers=[
                    dataclasses.replace(m, start=m.start + delta, end=m.end + delta) for m in seg.markers
                ],
            )
            for seg in block.segments
        ],
    )
