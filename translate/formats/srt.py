"""SubRip (``.srt``) subtitles: numbered cues with ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` timings."""

from __future__ import annotations

from translate.errors import InputError
from translate.formats.base import InputFormat, SourceFile
from translate.formats.cues import Cue, cues_to_source, parse_timing_line, split_blocks
from translate.io.reading import decode_input


class SrtFormat(InputFormat):
    """SRT in; the ``srt`` output writer puts the English back into the same cues."""

    name = "srt"
    extensions = (".srt",)

    def read(self, data: bytes, where: str, encoding: str | None = None) -> SourceFile:
        decoded = decode_input(data, where, encoding)
        cues: list[Cue] = []
        for first, lines in split_blocks(decoded.text):
            number = first
            ident = ""
            if "-->" not in lines[0]:
                ident = lines[0].strip()
                lines, number = lines[1:], number + 1
            if not lines:
                raise InputError(f"{where}:{first}", f"cue {ident or '?'} has no timing line")
            start, end, _ = parse_timing_line(lines[0], where, number)
            cues.append(Cue(ident, start, end, "\n".join(lines[1:]), line=number))
        if not cues:
            raise InputError(where, "no subtitle cues found")
        return cues_to_source(cues, self.name, decoded.encoding, {})
