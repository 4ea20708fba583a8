"""What a review workspace exports: corrected English (text, Markdown), XLIFF 2 with states and
comments, and TMX of the reviewed segments; per document, or for the whole run at once."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

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
        return _xliff(workspace, [doc_id], meta)
    if fmt == "tmx":
        return _tmx(workspace, [doc_id], meta, doc_id)
    return corrected_text(records, "text" if fmt == "txt" else "markdown")


@dataclass(frozen=True)
class RunExport:
    """One export of the whole run: its file name under ``/export-run/`` and what it holds."""

    name: str
    media_type: str
    what: str


def run_exports(workspace: Workspace) -> list[RunExport]:
    """The run-level exports this workspace offers (XLIFF 2: one file per source language)."""
    langs = sorted({doc.lang for doc in workspace.documents})
    return [
        RunExport("text.zip", "application/zip", "corrected English, one .txt per document"),
        RunExport("markdown.zip", "application/zip", "corrected English, one .md per document"),
        *(
            RunExport(f"run.{lang}.xlf", FORMATS["xlf"], f"XLIFF 2.0 of every {lang} document")
            for lang in langs
        ),
        RunExport("reviewed.tmx", FORMATS["tmx"], "TMX of every reviewed and final segment"),
    ]


def export_run(workspace: Workspace, name: str) -> bytes:
    """The run-level export ``name`` (one of ``run_exports``) as bytes; ``DragomanError`` when unknown."""
    if name not in {e.name for e in run_exports(workspace)}:
        known = ", ".join(e.name for e in run_exports(workspace))
        raise DragomanError(name, f"unknown run export; one of {known}")
    docs = [doc.id for doc in workspace.documents]
    meta = ReviewMeta(title="Dragoman review: the whole run", generated=now_utc())
    if name in ("text.zip", "markdown.zip"):
        fmt = "txt" if name == "text.zip" else "md"
        files = {doc_id: export_document(workspace, doc_id, fmt) for doc_id in docs}
        return _zip({f"{stem}.reviewed.{fmt}": files[doc_id] for doc_id, stem in file_stems(docs).items()})
    if name == "reviewed.tmx":
        return _tmx(workspace, docs, meta, "the run").encode("utf-8")
    lang = name.removeprefix("run.").removesuffix(".xlf")
    same_lang = [doc.id for doc in workspace.documents if doc.lang == lang]
    return _xliff(workspace, same_lang, meta).encode("utf-8")


def _xliff(workspace: Workspace, doc_ids: list[str], meta: ReviewMeta) -> str:
    records, review = [], {}
    for doc_id in doc_ids:
        comments = workspace.store.comments(doc_id)
        for rec, state in workspace.current_records(doc_id):
            records.append(rec)
            review[(rec.document, rec.segment)] = UnitReview(
                state.state, state.substate, tuple(e.comment for e in comments.get(rec.segment, []))
            )
    return XliffWriter(review).render(group_documents(records), meta)


def _tmx(workspace: Workspace, doc_ids: list[str], meta: ReviewMeta, where: str) -> str:
    done = [
        rec
        for doc_id in doc_ids
        for rec, state in workspace.current_records(doc_id)
        if state.state in ("reviewed", "final") and rec.translated
    ]
    if not done:
        raise DragomanError(where, "no reviewed segments yet: accept some before exporting TMX")
    return TmxWriter().render(group_documents(done), meta)


def file_stems(doc_ids: list[str]) -> dict[str, str]:
    """A safe, distinct file stem per document id (letters, digits, ``._-``; ``_2``, ``_3``... on a clash)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for doc_id in doc_ids:
        stem = "".join(c if c.isalnum() or c in "._-" else "_" for c in doc_id).lstrip(".")
        stem = stem or "document"
        final, n = stem, 1
        while final.lower() in taken:
            n += 1
            final = f"{stem}_{n}"
        taken.add(final.lower())
        out[doc_id] = final
    return out


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


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
