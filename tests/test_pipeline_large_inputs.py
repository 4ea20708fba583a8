"""Large inputs (issue 15, D15): identical segments are translated once per run, also inside one
document, and a long file without line breaks is cut in seconds (time is measured in
``bench/large_input.py``, not asserted here)."""

from __future__ import annotations

from conftest import SEEDS_DIR
from handmade_docs import DictBackend

from translate.backends.base import DecodeOptions
from translate.document.parse import parse_document
from translate.pipeline import MemoryCache, translate_document

SEED = SEEDS_DIR / "003_713b0ff946733b37.txt"


def _sent(backend: DictBackend) -> list[str]:
    return [text for texts, _, _ in backend.calls for text in texts]


def test_identical_segments_in_one_document_are_translated_once():
    seed = SEED.read_text(encoding="utf-8")
    doc = parse_document(seed + "\n\n" + seed + "\n\n" + seed, doc_id="x", path="x")
    for cache in (None, MemoryCache()):
        backend = DictBackend()
        records = translate_document(doc, backend, options=DecodeOptions(), cache=cache)
        sent = _sent(backend)
        distinct = {r.source for r in records if r.translated}
        assert len(sent) == len(set(sent)) and len(sent) <= len(distinct)
        translated = [r for r in records if r.translated]
        third = len(translated) // 3
        assert len(translated) == 3 * third
        for a, b, c in zip(
            translated[:third], translated[third : 2 * third], translated[2 * third :], strict=True
        ):
            assert a.source == b.source == c.source and a.target == b.target == c.target
            assert a.source_start < b.source_start < c.source_start  # each its own offsets


def test_flat_two_megabyte_file_is_segmented_losslessly():
    """A 2 MB line without a single line break: every character is in exactly one segment or gap."""
    flat = " ".join(SEED.read_text(encoding="utf-8").split())
    text = ((flat + " ") * (2_000_000 // len(flat) + 1))[:2_000_000]
    doc = parse_document(text, doc_id="flat", path="flat")
    pos = 0
    for seg in doc.segments:
        assert seg.start >= pos and text[pos : seg.start].strip() == ""
        assert text[seg.start : seg.end] == seg.text
        pos = seg.end
    assert text[pos:].strip() == ""
    assert max(len(s.text) for s in doc.segments) <= 400
