"""Output formats: one writer per file (``text``, ``markdown``, ``jsonl``, ``json``, ``html``, ``docx``,
``srt``, ``vtt``).

``get_writer(name)`` returns the writer for a ``--format`` value.
"""

from __future__ import annotations

from translate.errors import DragomanError
from translate.outputs.base import OutputWriter
from translate.outputs.docx import DocxWriter
from translate.outputs.html import HtmlWriter
from translate.outputs.jsonl import JsonlWriter, JsonWriter
from translate.outputs.markdown import MarkdownWriter
from translate.outputs.subtitles import SrtWriter, VttWriter
from translate.outputs.text import TextWriter

WRITERS: dict[str, type[OutputWriter]] = {
    w.name: w
    for w in (
        TextWriter,
        MarkdownWriter,
        JsonlWriter,
        JsonWriter,
        HtmlWriter,
        DocxWriter,
        SrtWriter,
        VttWriter,
    )
}
FORMATS: tuple[str, ...] = tuple(WRITERS)


def get_writer(name: str) -> OutputWriter:
    """The writer for ``--format name``; a one-line error naming the known formats otherwise."""
    try:
        return WRITERS[name]()
    except KeyError:
        raise DragomanError(
            "output format", f"unknown format {name!r}; choose one of {', '.join(FORMATS)}"
        ) from None


__all__ = [
    "FORMATS",
    "WRITERS",
    "DocxWriter",
    "HtmlWriter",
    "JsonWriter",
    "JsonlWriter",
    "MarkdownWriter",
    "OutputWriter",
    "SrtWriter",
    "TextWriter",
    "VttWriter",
    "get_writer",
]
