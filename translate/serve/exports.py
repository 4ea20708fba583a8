"""What a review workspace exports: corrected English (text, Markdown), XLIFF 2 with states and
comments, and TMX of the reviewed segments."""

from __future__ import annotations

from translate.errors import DragomanError
from translate.records import SegmentRecord
from translate.review.base import ReviewMeta, group_documents, now_utc
from translate.review.tmx import TmxWriter
from translate.review.xliff import UnitReview, XliffWriter
from translate.serve.workspace import Workspace

FORMATS = {
    "txt": "text/plain",
    "md": "text/markdown",
    "xlf": "application/xliff+xml",
    "tmx": "application/x-tmx+xml",
}


def export_document(workspace: Workspace, doc_id: str, fmt: str) -> str:
    """The corrected document ``doc_id`` as ``txt``, ``md``, ``xlf`` or ``tmx``."""
    if fmt not in FORMATS:
        raise DragomanError(fmt, f"unknown export format; one of {', '.join(FORMATS)}")
    rows = workspace.current_records(doc_id)
    records = [rec for rec, _ in rows]
    meta = ReviewMeta(title=f"Dragoman review: {doc_id}", generated=now_utc())
    if fmt == "xlf":
        comments = workspace.store.comments(doc_id)
        review = {
            (rec.document, rec.segment): UnitReview(
                state.state, state.substate, tuple(e.comment for e in comments.get(rec.segment, []))
            )
            for rec, state in rows
        }
        return XliffWriter(review).render(group_documents(records), meta)
    if fmt == "tmx":
        done = [rec for rec, state in rows if state.state in ("reviewed", "final") and rec.translated]
        if not done:
            raise DragomanError(doc_id, "no reviewed segments yet: accept some before exporting TMX")
        return TmxWriter().render(group_documents(done), meta)
    return corrected_text(records, "text" if fmt == "txt" else "markdown")


def corrected_text(records: list[SegmentRecord], writer_name: str) -> str:
    """The document rebuilt from its original text when the source file is still there (every character
    between segments kept, as ``dragoman translate`` writes it), else the English, one block per line."""
    from translate.document.parse import parse_document
    from translate.io.reading import read_text
    from translate.outputs import get_writer

    first = records[0]
    try:
        text = read_text(first.path)
        doc = parse_document(text, doc_id=first.document, path=first.path)
        return get_writer(writer_name).render(doc, records)
    except (DragomanError, OSError):
        pass
    lines: list[str] = []
    block = None
    for rec in records:
        if rec.block != block:
            lines.append(rec.target)
            block = rec.block
        else:
            lines[-1] += " " + rec.target
    return "\n\n".join(lines) + "\n"
