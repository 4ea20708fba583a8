"""``--format srt`` and ``--format vtt``: the English back in the input's cues, timings unchanged.

Each cue group (cues joined into sentences for translation, ``translate.formats.cues``) has its
English divided among its cues by source length at word boundaries. SRT and WebVTT inputs can be
written as either, at once (``render``) or window by window (``SubtitleStreamRenderer``: cue groups
are lines, and a window never cuts a line).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from translate.document.model import Document
from translate.errors import DragomanError
from translate.formats.base import SourceFile, Unit
from translate.formats.cues import Cue, divide, format_time
from translate.outputs.base import (
    Emit,
    OutputWriter,
    StreamRenderer,
    StreamSource,
    check_records,
    local_window,
)
from translate.outputs.units import unit_english, window_units
from translate.records import SegmentRecord


def english_cues(document: Document, records: Sequence[SegmentRecord]) -> list[tuple[Cue, str]]:
    """Every cue of the input with its English, in order."""
    check_records(document, records)
    source = _subtitles(document)
    cues: list[Cue] = source.meta["cues"]
    english = ["" for _ in cues]
    for index, piece in _unit_pieces(document, records, source.units):
        english[index] = piece
    return list(zip(cues, english, strict=True))


def _subtitles(document: Document) -> SourceFile:
    source = document.origin
    if source is None or source.format not in ("srt", "vtt"):
        raise DragomanError(document.path, "subtitle output needs an .srt or .vtt input")
    return source


def _unit_pieces(
    document: Document, records: Sequence[SegmentRecord], units: Sequence[Unit]
) -> Iterator[tuple[int, str]]:
    """(cue index, English) for the cues of ``units``, each group's English divided among its cues."""
    for unit in units:
        pieces = divide(unit_english(document, records, unit), unit.data["lengths"])
        yield from zip(unit.data["cues"], pieces, strict=True)


class _SubtitleWriter(OutputWriter):
    """What SRT and WebVTT output share: the cues in order, blocks separated by a blank line."""

    input_formats = ("srt", "vtt")
    streams = True

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        cues = english_cues(document, records)
        blocks = self.header(document.origin)
        blocks += [
            self.cue_block(number, cue, text, document.origin) for number, (cue, text) in enumerate(cues, 1)
        ]
        return "\n".join(blocks)

    def streams_document(self, document: Document) -> bool:
        return getattr(document.origin, "format", "") in self.input_formats

    def stream_renderer(self, source: StreamSource, emit: Emit) -> StreamRenderer:
        return SubtitleStreamRenderer(self, source, emit)

    def header(self, source: SourceFile) -> list[str]:
        """The blocks before the first cue."""
        return []

    def cue_block(self, number: int, cue: Cue, text: str, source: SourceFile) -> str:
        """One cue (``number`` counts from 1) with its English."""
        raise NotImplementedError


class SrtWriter(_SubtitleWriter):
    """SubRip subtitles."""

    name = "srt"
    extension = "srt"

    def cue_block(self, number: int, cue: Cue, text: str, source: SourceFile) -> str:
        timing = f"{format_time(cue.start_ms, ',')} --> {format_time(cue.end_ms, ',')}"
        return f"{number}\n{timing}\n{_cue_text(text)}\n"


class VttWriter(_SubtitleWriter):
    """WebVTT subtitles (identifiers, settings and NOTE/STYLE blocks of a WebVTT input kept)."""

    name = "vtt"
    extension = "vtt"

    def header(self, source: SourceFile) -> list[str]:
        blocks = ["\n".join(source.meta.get("header", ["WEBVTT"])) + "\n"]
        return blocks + ["\n".join(lines) + "\n" for lines in source.meta.get("blocks", [])]

    def cue_block(self, number: int, cue: Cue, text: str, source: SourceFile) -> str:
        timing = f"{format_time(cue.start_ms, '.')} --> {format_time(cue.end_ms, '.')}"
        if cue.settings:
            timing += f" {cue.settings}"
        ident = f"{cue.ident}\n" if cue.ident and source.format == "vtt" else ""
        return f"{ident}{timing}\n{_cue_text(text)}\n"


class SubtitleStreamRenderer(StreamRenderer):
    """Subtitles window by window, exactly what ``render`` writes: each window's cue groups are
    divided among their cues and written, with any cue no group covers written empty in its place."""

    def __init__(self, writer: OutputWriter, source: StreamSource, emit: Emit) -> None:
        super().__init__(writer, source, emit)
        assert isinstance(writer, _SubtitleWriter)
        self.subtitles = _subtitles(source.header)
        self.cues: list[Cue] = self.subtitles.meta["cues"]
        self.next_cue = 0
        self.next_unit = 0
        self.first = True
        for block in writer.header(self.subtitles):
            self._block(block)

    def add(self, window: Document, records: Sequence[SegmentRecord]) -> None:
        check_records(window, records)
        local, moved = local_window(window, records)
        here, self.next_unit = window_units(self.subtitles.units, self.next_unit, window)
        for index, piece in _unit_pieces(local, moved, here):
            self._cues_until(index)
            self._cue(index, piece)

    def finish(self) -> None:
        self._cues_until(len(self.cues))

    def _cues_until(self, index: int) -> None:
        """Write the cues before ``index`` that no cue group covered (empty English)."""
        while self.next_cue < index:
            self._cue(self.next_cue, "")

    def _cue(self, index: int, text: str) -> None:
        assert isinstance(self.writer, _SubtitleWriter)
        self._block(self.writer.cue_block(index + 1, self.cues[index], text, self.subtitles))
        self.next_cue = index + 1

    def _block(self, block: str) -> None:
        self.emit(block if self.first else "\n" + block)
        self.first = False


def _cue_text(text: str) -> str:
    """Cue text that cannot end the cue early or fake a timing line (``-->``, blank lines)."""
    return " ".join(text.replace("-->", "→").split()) or "…"
