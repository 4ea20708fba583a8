"""Parse a document window by window, so memory is bounded by the window, not by the document.

A window is a run of whole lines of the original (``line_windows`` cuts a stream of text chunks
after a line break once ``window_chars`` are gathered). ``stream_document`` scans the windows once
for the document's language (``LanguageTally``: every block counts, as in ``parse_document``), then
parses them again and yields one ``Document`` per window, with ``Document.offset`` set and every
block and segment offset an offset into the whole original. Block indexes, segment ids, footnote
labels and languages are exactly those of ``parse_document`` on the whole text, because a block is
one line and no line is ever cut. A line longer than a window (a file without line breaks) is found
whole, but its sentences come in parts of whole segments, one window each (``Block.part``,
``Block.continued``): the line's text is held, its segments and translations only a part at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from translate.document.model import Block, Document, shifted_block
from translate.document.normalize import NormalizeOptions
from translate.document.parse import (
    LanguageTally,
    ParseContext,
    build_block_parts,
    check_parse_options,
    line_language,
)
from translate.document.segmenter import DEFAULT_MAX_CHARS
from translate.document.structure import find_blocks
from translate.errors import InputError

DEFAULT_WINDOW_CHARS = 32_000  # about 130 sentences of news text

Window = tuple[int, str]  # (offset of the window's first character in the original, its text)


def line_windows(chunks: Iterable[str], window_chars: int = DEFAULT_WINDOW_CHARS) -> Iterator[Window]:
    """Cut the text that ``chunks`` spell out into windows of whole lines: each window ends at the
    first line break (LF, CRLF or a lone CR) after ``window_chars`` characters, or at the end of the
    text; the windows, joined, are exactly the text."""
    pending: list[str] = []  # text not yet given out, in pieces (no copying while a line grows)
    size = 0
    offset = 0
    for chunk in chunks:
        if not chunk:
            continue
        breaks = "\n" in chunk or "\r" in chunk or (pending and pending[-1].endswith("\r"))
        pending.append(chunk)
        size += len(chunk)
        if size < window_chars or not breaks:
            continue
        text = "".join(pending)
        start = 0
        while len(text) - start >= window_chars:
            cut = _line_end_from(text, start + window_chars - 1)
            if not cut:
                break  # the line goes on past this chunk
            yield offset, text[start:cut]
            offset += cut - start
            start = cut
        rest = text[start:]
        pending, size = ([rest], len(rest)) if rest else ([], 0)
    if size:
        yield offset, "".join(pending)


def _line_end_from(text: str, pos: int) -> int:
    """Just after the first line break at or after ``pos`` whose end is certain (a CR at the very
    end of ``text`` may be the first half of a CRLF); 0 when there is none."""
    lf = text.find("\n", pos)
    cr = text.find("\r", pos)
    while cr != -1 and (lf == -1 or cr < lf) and cr + 1 < len(text):
        if text[cr + 1] != "\n":
            return cr + 1
        cr = text.find("\r", cr + 1)  # a CRLF: its LF is the break
    return lf + 1 if lf != -1 else 0


def scan_language(
    windows: Iterable[Window], *, path: str = "<stdin>", source_lang: str | None = None
) -> ParseContext:
    """The document-level ``ParseContext`` of a streamed text (one pass, nothing kept per block)."""
    tally = LanguageTally(source_lang)
    seen_labels: set[str] = set()
    blank = True
    for _offset, text in windows:
        blank = blank and not text.strip()
        for line in find_blocks(text, seen_labels):
            tally.add(*line_language(text, line))
    if blank:
        raise InputError(path, "contains only whitespace")
    return tally.context(path)


def stream_document(
    windows: Callable[[], Iterable[Window]],
    *,
    doc_id: str = "stdin",
    path: str = "<stdin>",
    source_lang: str | None = None,
    max_segment_chars: int = DEFAULT_MAX_CHARS,
    normalize_options: NormalizeOptions | None = None,
    context: ParseContext | None = None,
    part_chars: int | None = None,
) -> Iterator[Document]:
    """One ``Document`` per window of the text, parsed exactly as ``parse_document`` parses the whole.

    ``windows()`` is called twice (a language scan, then the parse), so it must give the same
    windows each time (``line_windows`` over a file read again); once when ``context`` (the
    ``scan_language`` of an earlier pass) is given. A line longer than ``part_chars`` (normally the
    window size) comes in parts of whole segments, each part in a window of its own (``Block.part``,
    ``Block.continued``), so a file without line breaks is not held as one window of objects.
    Errors (``InputError``: nothing to translate, a bad option) are raised before the first window
    is yielded.
    """
    source_lang = check_parse_options(path, source_lang, max_segment_chars)
    if context is None:
        context = scan_language(windows(), path=path, source_lang=source_lang)
    seen_labels: set[str] = set()
    index = 0
    for offset, text in windows():
        start = 0  # where the window being filled starts in ``text``
        blocks: list[Block] = []
        for line in find_blocks(text, seen_labels):
            parts = build_block_parts(
                text,
                index,
                line,
                *line_language(text, line),
                context,
                max_segment_chars,
                normalize_options,
                part_chars=part_chars,
            )
            for block in parts:
                if block.part:  # a long line goes on: its next part opens a window of its own
                    yield _window(doc_id, path, context.lang, text, offset, start, block.start, blocks)
                    start, blocks = block.start, []
                blocks.append(shifted_block(block, offset))
            index += 1
        yield _window(doc_id, path, context.lang, text, offset, start, len(text), blocks)


def _window(
    doc_id: str, path: str, lang: str, text: str, offset: int, start: int, end: int, blocks: list[Block]
) -> Document:
    """The window ``text[start:end]`` of the line window at ``offset``, with its (shifted) blocks."""
    return Document(
        id=doc_id, path=path, text=text[start:end], lang=lang, blocks=blocks, offset=offset + start
    )


__all__ = [
    "DEFAULT_WINDOW_CHARS",
    "Window",
    "line_windows",
    "scan_language",
    "stream_document",
]
