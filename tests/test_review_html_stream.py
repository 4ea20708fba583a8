"""The review page built as a run goes (``ReviewPage``: rows and term data in spools on disk,
document by document, window by window) is exactly the page ``HtmlWriter.render`` makes from all
the records at once, on the five seeds with terms, alignment, hostile notes and control characters;
a document that fails half-way leaves no trace in it; the spools leave nothing on disk."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import SEED_FILES
from review_records import records_for, with_controls

from translate.errors import InputError
from translate.review import open_review_page, write_review_page
from translate.review.base import ReviewMeta, group_documents
from translate.review.html import HtmlWriter

META = ReviewMeta(title="Run <5>", generated=datetime(2026, 12, 3, 9, 30, tzinfo=UTC))


def _documents():
    records = []
    for n, path in enumerate(SEED_FILES):
        records += records_for(path, hostile_terms=n == 1)
    return group_documents(records + with_controls(records))


def _streamed(documents, tmp_path, failing=None, window=7) -> str:
    """The page of ``documents``; ``failing`` is added half-way and dropped, once after the second
    document and once after the last."""
    page = open_review_page(tmp_path)
    for doc in documents:
        page.start_document(doc.id, doc.path)
        for i in range(0, len(doc.records), window):
            page.add(doc.records[i : i + window])
        page.end_document(keep=True)
        if failing is not None and doc in (documents[1], documents[-1]):
            page.start_document(failing.id, failing.path)
            page.add(failing.records[: len(failing.records) // 2])
            page.end_document(keep=False)  # failed half-way: dropped
    out: list[str] = []
    page.write(out.append, META)
    page.close()
    return "".join(out)


def test_streamed_page_is_the_page_of_all_records(tmp_path):
    documents = _documents()
    assert sum(len(d.records) for d in documents) > 300
    whole = HtmlWriter().render(documents, META)
    assert _streamed(documents, tmp_path) == whole
    assert 'data-t="r' in whole and '<h2>Term index</h2><table class="terms">' in whole  # terms shown
    assert list(tmp_path.iterdir()) == []  # the spools are anonymous


def test_a_document_that_failed_half_way_leaves_no_trace(tmp_path):
    documents = _documents()
    failing = documents[1]  # with terms: its rows and its term data must both go
    kept = [d for d in documents if d is not failing]
    assert any(r.terms for r in failing.records)
    page = _streamed(kept, tmp_path, failing=failing)
    assert page == HtmlWriter().render(kept, META)
    assert failing.id not in page


def test_write_review_page_refuses_an_empty_run_and_writes_atomically(tmp_path):
    empty = open_review_page(tmp_path)
    with pytest.raises(InputError, match="no segment records to review"):
        write_review_page(empty, tmp_path / "r.html")
    assert list(tmp_path.iterdir()) == []
    documents = _documents()[:1]
    page = open_review_page(tmp_path)
    page.start_document(documents[0].id, documents[0].path)
    page.add(documents[0].records)
    page.end_document(keep=True)
    write_review_page(page, tmp_path / "r.html")
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"<title>Dragoman review: {documents[0].id}</title>" in text
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
