"""Input formats (``base.py`` and one module per format): text/Markdown, HTML, DOCX, PDF, SRT, WebVTT.

``read_source(path, encoding=None)`` picks the format by file extension and returns a
``SourceFile``; ``format_for(path)`` names it.
"""

from __future__ import annotations

from pathlib import Path

from translate.formats.base import InputFormat, Markup, SourceFile, Unit
from translate.formats.docx import DocxFormat
from translate.formats.html import HtmlFormat
from translate.formats.pdf import PdfFormat
from translate.formats.srt import SrtFormat
from translate.formats.text import TextFormat
from translate.formats.vtt import VttFormat
from translate.io.reading import DEFAULT_MAX_BYTES, read_bytes, source_name

INPUT_FORMATS: dict[str, type[InputFormat]] = {
    f.name: f for f in (TextFormat, HtmlFormat, DocxFormat, PdfFormat, SrtFormat, VttFormat)
}


def format_for(path: str | Path, *, whole_page: bool = False) -> InputFormat:
    """The reader for ``path`` by its extension (plain text for ``-`` and unknown extensions).

    ``whole_page``: web pages are read text node by text node instead of as an extracted article.
    """
    suffix = Path(str(path)).suffix.lower() if str(path) != "-" else ""
    if suffix in HtmlFormat.extensions:
        return HtmlFormat(whole_page=whole_page)
    for fmt in INPUT_FORMATS.values():
        if suffix and suffix in fmt.extensions:
            return fmt()
    return TextFormat()


def read_source(
    path: str | Path,
    *,
    encoding: str | None = None,
    whole_page: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SourceFile:
    """Read ``path`` (``-``: stdin, as text) with the reader for its extension."""
    where = source_name(path)
    reader = format_for(path, whole_page=whole_page)
    return reader.read(read_bytes(path, max_bytes=max_bytes), where, encoding)


__all__ = ["INPUT_FORMATS", "InputFormat", "Markup", "SourceFile", "Unit", "format_for", "read_source"]
