"""The runs a review workspace serves: every ``*.jsonl`` run in one folder, grouped by document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import DragomanError
from translate.records import SegmentRecord, read_records
from translate.review.base import DocumentGroup, group_documents


class NotFound(DragomanError):
    """A document or segment the runs folder does not have."""


@dataclass
class RunFolder:
    """The documents of a folder of JSONL runs, in file-name order, and the file each came from."""

    folder: Path
    documents: dict[str, DocumentGroup] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    def document(self, doc_id: str) -> DocumentGroup:
        """The document ``doc_id``; ``DragomanError`` when the folder has none."""
        try:
            return self.documents[doc_id]
        except KeyError:
            raise NotFound(doc_id, "no such document in the runs folder") from None

    def record(self, doc_id: str, segment: str) -> SegmentRecord:
        """The record of ``segment`` in ``doc_id``; ``DragomanError`` when unknown."""
        for rec in self.document(doc_id).records:
            if rec.segment == segment:
                return rec
        raise NotFound(f"{doc_id}:{segment}", "no such segment")


def load_runs(folder: str | Path) -> RunFolder:
    """Every ``*.jsonl`` run directly inside ``folder`` (one-line errors for a bad file or a clash)."""
    root = Path(folder)
    if not root.is_dir():
        raise DragomanError(str(root), "not a folder of runs (give the folder dragoman translate wrote to)")
    runs = RunFolder(root)
    files = sorted(p for p in root.glob("*.jsonl") if p.is_file())
    if not files:
        raise DragomanError(str(root), "no *.jsonl runs here; translate with --format jsonl -o FOLDER/")
    for path in files:
        for group in group_documents(read_records(path)):
            if group.id in runs.documents:
                raise DragomanError(
                    str(path), f"document {group.id!r} is also in {runs.files[group.id].name}; keep one"
                )
            runs.documents[group.id] = group
            runs.files[group.id] = path
    return runs
