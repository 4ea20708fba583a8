"""Review and exchange output for a translation run: HTML review page, XLIFF 2 and 1.2, TMX, TSV, Markdown.

``write_review(records, path, fmt)`` renders the ``SegmentRecord`` list of a run (one or several
documents) and writes it atomically when ``path`` is given; ``read_records(path)`` loads a saved
``--format jsonl`` run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from translate.errors import InputError
from translate.io.atomic import atomic_pieces, atomic_write_text
from translate.io.spool import open_byte_spool
from translate.records import SegmentRecord, read_records  # read_records is re-exported here
from translate.review.base import (
    DocumentGroup,
    ReviewFormatError,
    ReviewMeta,
    ReviewWriter,
    default_title,
    group_documents,
    now_utc,
)
from translate.review.html import HtmlWriter, ReviewPage
from translate.review.markdown import MarkdownWriter
from translate.review.tmx import TmxWriter
from translate.review.tsv import TsvWriter
from translate.review.xliff import XliffWriter
from translate.review.xliff12 import Xliff12Writer

WRITERS: dict[str, type[ReviewWriter]] = {
    w.name: w for w in (HtmlWriter, XliffWriter, Xliff12Writer, TmxWriter, TsvWriter, MarkdownWriter)
}
FORMATS: tuple[str, ...] = tuple(WRITERS)
EXTENSIONS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx",
    ".tsv": "tsv", ".md": "markdown", ".markdown": "markdown",
}  # fmt: skip


def get_review_writer(name: str) -> ReviewWriter:
    """The writer for a format name; a one-line error naming the known formats otherwise."""
    try:
        return WRITERS[name]()
    except KeyError:
        raise ReviewFormatError(
            "--format", f"unknown review format {name!r}; choose one of {', '.join(FORMATS)}"
        ) from None


def render_review(records: Sequence[SegmentRecord], fmt: str = "html", *, title: str | None = None) -> str:
    """The review file's text for ``records`` in format ``fmt``."""
    writer = get_review_writer(fmt)
    if not records:
        raise InputError("<records>", "no segment records to review")
    documents = group_documents(records)
    meta = ReviewMeta(title=title or default_title(documents), generated=now_utc())
    return writer.render(documents, meta)


def write_review(
    records: list[SegmentRecord],
    path: str | Path | None,
    fmt: str = "html",
    *,
    title: str | None = None,
    documents: Sequence[Any] | None = None,
) -> str:
    """Render ``records`` as ``fmt`` and write it atomically to ``path`` (if given); returns the text.

    ``documents`` (the parsed ``Document`` objects, as ``dragoman translate --review`` passes them) is
    accepted for callers that have them; everything the review shows comes from the records.
    """
    text = render_review(records, fmt, title=title)
    if path is not None:
        atomic_write_text(path, text)
    return text


def open_review_page(folder: str | Path | None = None) -> ReviewPage:
    """An empty HTML review page to hand to a run (``Translator.run(..., sink=page)``): rows wait in
    anonymous temporary files in ``folder`` (the page's folder; None: the system's), so a large run
    does not hold its records in memory. Finish it with ``write_review_page``."""
    spool_dir = Path(folder) if folder is not None else None
    return ReviewPage(open_byte_spool(spool_dir), open_byte_spool(spool_dir))


def write_review_page(page: ReviewPage, path: str | Path, *, title: str | None = None) -> None:
    """Write ``page`` atomically to ``path`` (then close it); ``InputError`` when no document was
    written into it."""
    try:
        if not page.figures.segments:
            raise InputError("<records>", "no segment records to review")
        groups = [DocumentGroup(doc_id, doc_path, lang) for doc_id, doc_path, lang in page.figures.documents]
        meta = ReviewMeta(title=title or default_title(groups), generated=now_utc())
        with atomic_pieces(path) as emit:
            page.write(emit, meta)
    finally:
        page.close()


ONE_LANGUAGE_FORMATS = frozenset({"xliff", "xliff12"})


def split_by_language(
    records: list[SegmentRecord], path: str | Path
) -> list[tuple[str, Path, list[SegmentRecord]]]:
    """A mixed-language run as (language, file, records) per source language: ``run.xlf`` becomes
    ``run.fa.xlf`` and ``run.ar.xlf`` (one XLIFF file holds one source language)."""
    path = Path(path)
    by_lang: dict[str, list[SegmentRecord]] = {}
    for doc in group_documents(records):
        by_lang.setdefault(doc.lang, []).extend(doc.records)
    return [
        (lang, path.with_name(f"{path.stem}.{lang}{path.suffix}"), recs)
        for lang, recs in sorted(by_lang.items())
    ]


def write_review_files(
    records: list[SegmentRecord], path: str | Path, fmt: str, *, title: str | None = None
) -> list[Path]:
    """Write ``records`` to ``path``; for XLIFF and a run that mixes source languages, one file per
    language beside it (``split_by_language``). Returns the files written."""
    if fmt in ONE_LANGUAGE_FORMATS and len({d.lang for d in group_documents(records)}) > 1:
        parts = split_by_language(records, path)
        for _lang, file, recs in parts:
            write_review(recs, file, fmt, title=title)
        return [file for _lang, file, _recs in parts]
    write_review(records, path, fmt, title=title)
    return [Path(path)]


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "WRITERS",
    "ReviewPage",
    "ReviewWriter",
    "get_review_writer",
    "open_review_page",
    "read_records",
    "render_review",
    "split_by_language",
    "write_review",
    "write_review_files",
    "write_review_page",
]
