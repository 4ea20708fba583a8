"""Line-level structure of an article: headings, paragraphs, list items, footnote lines, passthrough.

Every non-blank line is one block (web and OCR articles put one paragraph on a line; blank lines and
line breaks are gaps). The literal markup at the start of a line (``## ``, ``– ``, ``۱٫ ``, ``1. ``)
is the block's prefix; the rest of the line, without trailing whitespace, is its content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.text import chars
from translate.document.model import BlockKind, InlineMarker

_LINE_RE = re.compile(r"[^\r\n]+")
_HEADING_RE = re.compile(r"[ \t]*(#{1,6})[ \t]+")
_BULLET_RE = re.compile(r"[ \t]*[–—\-•*▪●][ \t]+")
_NUMBER_RE = re.compile(r"[ \t]*([0-9۰-۹٠-٩]{1,3})[ \t]*[.٫)\-–][ \t]+")
_LEADING_SPACE_RE = re.compile(r"[ \t\u00a0]*")
MARKER_RE = re.compile(r"<sup>\s*([^<>\n]{1,12}?)\s*</sup>", re.IGNORECASE)
_ARABIC_LETTER_RE = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u0750-\u077f\ufb50-\ufdfb\ufe70-\ufefc]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


@dataclass
class LineBlock:
    """A block found on one line, before language and segmentation are decided."""

    kind: BlockKind
    start: int  # line start (prefix included)
    content_start: int
    end: int  # end of the content, trailing whitespace excluded
    level: int = 0
    label: str = ""  # footnote or list number in ASCII digits


def ascii_label(label: str) -> str:
    """A marker or list number in ASCII digits (``۱`` -> ``1``)."""
    return label.strip().translate(chars.TO_ASCII_DIGITS)


def find_markers(text: str, start: int = 0, end: int | None = None) -> list[InlineMarker]:
    """Footnote reference markers (``<sup>۱</sup>``) in ``text[start:end]``, with document offsets."""
    end = len(text) if end is None else end
    return [
        InlineMarker(m.start(), m.end(), m.group(0), "footnote_ref", ascii_label(m.group(1)))
        for m in MARKER_RE.finditer(text, start, end)
    ]


def find_blocks(text: str, seen_labels: set[str] | None = None) -> list[LineBlock]:
    """One ``LineBlock`` per non-blank line of ``text`` (kinds per the module docstring).

    A numbered line whose rest is Latin script is a FOOTNOTE when an earlier line carries a marker with
    the same number (``1. Rolf Welberts`` after ``...<sup>۱</sup>...``); other Latin-script lines are
    classified as paragraphs here and become PASSTHROUGH once their language is known.
    ``seen_labels`` carries the marker numbers of earlier text (a stream read window by window) and
    is updated with this text's.
    """
    blocks: list[LineBlock] = []
    seen_labels = set() if seen_labels is None else seen_labels
    for line in _LINE_RE.finditer(text):
        start, end = line.start(), line.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end == start:
            continue
        block = _classify_line(text, start, end, seen_labels)
        blocks.append(block)
        if "<sup" in text[start:end] or "<SUP" in text[start:end]:
            seen_labels.update(m.label for m in find_markers(text, start, end))
    return blocks


def _classify_line(text: str, start: int, end: int, seen_labels: set[str]) -> LineBlock:
    heading = _HEADING_RE.match(text, start, end)
    if heading and heading.end() < end:
        return LineBlock(BlockKind.HEADING, start, heading.end(), end, level=len(heading.group(1)))
    number = _NUMBER_RE.match(text, start, end)
    if number and number.end() < end:
        rest_arabic, rest_latin = _script_counts(text, number.end(), end)
        label = ascii_label(number.group(1))
        if rest_arabic and rest_arabic * 2 >= rest_latin:
            return LineBlock(BlockKind.LIST_ITEM, start, number.end(), end, label=label)
        if rest_latin and label in seen_labels:
            return LineBlock(BlockKind.FOOTNOTE, start, number.end(), end, label=label)
    bullet = _BULLET_RE.match(text, start, end)
    if bullet and bullet.end() < end:
        return LineBlock(BlockKind.LIST_ITEM, start, bullet.end(), end)
    lead = _LEADING_SPACE_RE.match(text, start, end)
    return LineBlock(BlockKind.PARAGRAPH, start, lead.end() if lead else start, end)


def _script_counts(text: str, start: int, end: int) -> tuple[int, int]:
    part = text[start : min(end, start + 2000)]
    return _ARABIC_LETTER_RE.subn("", part)[1], _LATIN_LETTER_RE.subn("", part)[1]
