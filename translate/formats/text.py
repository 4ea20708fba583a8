"""Plain text and Markdown: decoded as they are (encoding detected, see ``translate.io.encoding``)."""

from __future__ import annotations

from translate.formats.base import InputFormat, SourceFile
from translate.io.reading import decode_input


class TextFormat(InputFormat):
    """``.txt``, ``.md`` and anything without a known extension."""

    name = "text"
    extensions = (".txt", ".md", ".markdown", "")

    def read(self, data: bytes, where: str, encoding: str | None = None) -> SourceFile:
        decoded = decode_input(data, where, encoding)
        return SourceFile(decoded.text, decoded.encoding, self.name)
