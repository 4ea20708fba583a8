"""``--format srt`` and ``--format vtt``: the English back in the input's cues, timings unchanged.

Each cue group (cues joined into sentences for translation, ``translate.formats.cues``) has its
English divided among its cues by source length at word boundaries. SRT and WebVTT inputs can be
written as either.
"""

from __future__ import annotations

from collections.abc import Sequence

from translate.document.model import Document
from translate.errors import DragomanError
from translate.formats.cues import Cue, divide, format_time
from translate.outputs.base import OutputWriter, check_records
from translate.outputs.units import unit_english
from translate.records import SegmentRecord


def english_cues(document: Document, records: Sequence[SegmentRecord]) -> list[tuple[Cue, str]]:
    """Every cue of the input with its English, in order."""
    check_records(document, records)
    source = document.origin
    if source is None or source.format not in ("srt", "vtt"):
        raise DragomanError(document.path, "subtitle output needs an .srt or .vtt input")
    cues: list[Cue] = source.meta["cues"]
    english = ["" for _ in cues]
    for unit in source.units:
        pieces = divide(unit_english(document, records, unit), unit.data["lengths"])
        for index, piece in zip(unit.data["cues"], pieces, strict=True):
            english[index] = piece
    return list(zip(cues, english, strict=True))


class SrtWriter(OutputWriter):
    """SubRip subtitles."""

    name = "srt"
    extension = "srt"
    input_formats = ("srt", "vtt")

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        blocks = []
        for number, (cue, text) in enumerate(english_cues(document, records), start=1):
            timing = f"{format_time(cue.start_ms, ',')} --> {format_time(cue.end_ms, ',')}"
            blocks.append(f"{number}\n{timing}\n{_cue_text(text)}\n")
        return "\n".join(blocks)


class VttWriter(OutputWriter):
    """WebVTT subtitles (identifiers, settings and NOTE/STYLE blocks of a WebVTT input kept)."""

    name = "vtt"
    extension = "vtt"
    input_formats = ("srt", "vtt")

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        cues = english_cues(document, records)
        meta = document.origin.meta
        blocks = ["\n".join(meta.get("header", ["WEBVTT"])) + "\n"]
        blocks += ["\n".join(lines) + "\n" for lines in meta.get("blocks", [])]
        for cue, text in cues:
            timing = f"{format_time(cue.start_ms, '.')} --> {format_time(cue.end_ms, '.')}"
            if cue.settings:
                timing += f" {cue.settings}"
            ident = f"{cue.ident}\n" if cue.ident and document.origin.format == "vtt" else ""
            blocks.append(f"{ident}{timing}\n{_cue_text(text)}\n")
        return "\n".join(blocks)


def _cue_text(text: str) -> str:
    """Cue text that cannot end the cue early or fake a timing line (``-->``, blank lines)."""
    return " ".join(text.replace("-->", "→").split()) or "…"
