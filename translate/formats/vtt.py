"""WebVTT (``.vtt``) subtitles: a ``WEBVTT`` header, optional cue identifiers and settings, NOTE and
STYLE blocks (kept as they are)."""

from __future__ import annotations

from translate.errors import InputError
from translate.formats.base import InputFormat, SourceFile
from translate.formats.cues import Cue, cues_to_source, parse_timing_line, split_blocks
from translate.io.reading import decode_input


class VttFormat(InputFormat):
    """WebVTT in; the ``vtt`` output writer puts the English back into the same cues."""

    name = "vtt"
    extensions = (".vtt",)

    def read(self, data: bytes, where: str, encoding: str | None = None) -> SourceFile:
        decoded = decode_input(data, where, encoding)
        blocks = split_blocks(decoded.text)
        if not blocks or not blocks[0][1][0].startswith("WEBVTT"):
            raise InputError(f"{where}:1", "not a WebVTT file (the first line must be WEBVTT)")
        header = blocks[0][1]
        cues: list[Cue] = []
        extra: list[list[str]] = []  # NOTE/STYLE/REGION blocks, written back before the cues
        for first, lines in blocks[1:]:
            if lines[0].startswith(("NOTE", "STYLE", "REGION")):
                extra.append(lines)
                continue
            number, ident = first, ""
            if "-->" not in lines[0]:
                ident = lines[0].strip()
                lines, number = lines[1:], number + 1
            if not lines:
                raise InputError(f"{where}:{first}", f"cue {ident or '?'} has no timing line")
            start, end, settings = parse_timing_line(lines[0], where, number)
            cues.append(Cue(ident, start, end, "\n".join(lines[1:]), settings, number))
        if not cues:
            raise InputError(where, "no subtitle cues found")
        return cues_to_source(cues, self.name, decoded.encoding, {"header": header, "blocks": extra})
