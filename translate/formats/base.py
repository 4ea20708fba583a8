"""Input formats: turning a file (text, HTML, DOCX, PDF, SRT, WebVTT) into the text the pipeline reads.

Every reader produces a ``SourceFile``: ``text`` is a plain rendering with one line per heading,
paragraph, list item, table cell or subtitle group (``# `` before headings, ``- `` before list
items), which ``parse_document`` segments like any article; ``units`` say where each of those lines
came from (``location``, copied into the JSONL, e.g. ``{"page": 3}``) and carry what the format's
writer needs to put the English back (``data``: element kind, inline markup, cue timings...).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class Markup:
    """Inline markup over ``[start, end)`` of a unit's text: ``b``, ``i``, ``a`` (``href``)..."""

    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Unit:
    """One line of ``SourceFile.text``: ``[start, end)`` is its content (after any ``# ``/``- ``)."""

    start: int
    end: int
    kind: str  # heading | paragraph | list_item | cell | byline | date | cue_group ...
    location: dict[str, Any] = field(default_factory=dict)
    markup: list[Markup] = field(default_factory=list)  # offsets relative to ``start``
    data: Any = None  # format-specific (heading level, table position, cues, paragraph index)


@dataclass
class SourceFile:
    """A read input: the text to translate, where each line came from, and how to rebuild the file."""

    text: str
    encoding: str  # the text encoding used ("utf-8", "cp1256"...), or the container ("docx", "pdf")
    format: str  # "text", "html", "docx", "pdf", "srt", "vtt"
    units: list[Unit] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # title, author, date, original bytes...

    def unit_at(self, offset: int) -> Unit | None:
        """The unit whose line holds ``offset`` (binary search; units are in text order)."""
        lo, hi = 0, len(self.units)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.units[mid].end < offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.units) and self.units[lo].start <= offset <= self.units[lo].end:
            return self.units[lo]
        return None


class TextBuilder:
    """Builds ``SourceFile.text`` and its units line by line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.units: list[Unit] = []

    def add(
        self,
        content: str,
        kind: str = "paragraph",
        *,
        prefix: str = "",
        location: dict[str, Any] | None = None,
        markup: list[Markup] | None = None,
        data: Any = None,
    ) -> Unit | None:
        """Add one line (line breaks inside ``content`` become spaces); blank content adds nothing."""
        flat = " ".join(content.split("\n")).replace("\r", " ").replace("\t", " ")
        lead = len(flat) - len(flat.lstrip())
        stripped = flat.strip()
        if not stripped:
            return None
        if self.parts:
            self._append("\n\n")
        self._append(prefix)
        start = self.length
        self._append(stripped)
        shifted = [
            Markup(max(m.start - lead, 0), min(m.end - lead, len(stripped)), m.tag, m.attrs)
            for m in markup or []
            if min(m.end - lead, len(stripped)) > max(m.start - lead, 0)
        ]
        unit = Unit(start, self.length, kind, location or {}, shifted, data)
        self.units.append(unit)
        return unit

    def _append(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def text(self) -> str:
        """The text so far, ending in a line break."""
        return "".join(self.parts) + "\n"


class InputFormat(ABC):
    """Reads one kind of file into a ``SourceFile``."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    @abstractmethod
    def read(self, data: bytes, where: str, encoding: str | None = None) -> SourceFile:
        """Parse ``data`` (the file's bytes); ``InputError`` naming ``where`` for a bad file."""
