"""translate_document: one record per segment, in order, markers carried, passthrough copied."""

from __future__ import annotations

import pytest
from handmade_docs import SAMPLE_ENGLISH, DictBackend, P, X, make_document, sample_document

from translate.backends.base import DecodeOptions
from translate.errors import DragomanError
from translate.pipeline import MemoryCache, translate_document
from translate.pipeline.document_run import EMPTY_TRANSLATION, carry_markers, clean_target

OPTIONS = DecodeOptions(batch_size=2)


def test_one_record_per_segment_in_document_order() -> None:
    doc = sample_document()
    records = translate_document(doc, DictBackend(), options=OPTIONS)
    assert [r.segment for r in records] == [s.id for s in doc.segments]
    for rec, seg in zip(records, doc.segments, strict=True):
        assert (rec.source, rec.source_start, rec.source_end) == (seg.text, seg.start, seg.end)
        assert doc.text[rec.source_start : rec.source_end] == rec.source
        assert rec.model == "test/dict" and rec.backend == "dict"


def test_passthrough_and_footnote_lines_are_copied_not_translated() -> None:
    doc = sample_document()
    backend = DictBackend()
    records = {r.source: r for r in translate_document(doc, backend, options=OPTIONS)}
    for source in ("Read More", "1. Rolf Welberts"):
        assert records[source].target == source
        assert records[source].translated is False
        assert records[source].source_lang == "en"
    sent = [text for texts, _, _ in backend.calls for text in texts]
    assert "Read More" not in sent and "1. Rolf Welberts" not in sent
    assert sorted(sent) == sorted(SAMPLE_ENGLISH)


def test_footnote_marker_is_left_out_of_model_input_and_appended_to_target() -> None:
    doc = sample_document()
    backend = DictBackend()
    rec = translate_document(doc, backend, options=OPTIONS)[1]
    assert "<sup>" not in " ".join(t for texts, _, _ in backend.calls for t in texts)
    assert rec.target == "Rolf Welberts, the NATO representative, spoke.<sup>1</sup>"
    (marker,) = rec.markers
    assert marker["label"] == "1" and marker["source_text"] == "<sup>۱</sup>"
    assert doc.text[marker["source_start"] : marker["source_end"]] == "<sup>۱</sup>"
    assert rec.target[marker["target_start"] : marker["target_end"]] == "<sup>1</sup>"


def test_several_markers_keep_their_order() -> None:
    target, markers = carry_markers("Text.", sample_document().segments[1].markers * 2)
    assert target == "Text.<sup>1</sup><sup>1</sup>"
    assert [m["target_start"] for m in markers] == [5, 17]


def test_segments_are_sent_in_chunks_grouped_by_language() -> None:
    sentences = [f"جمله شماره {i}." for i in range(20)]
    doc = make_document(
        [(P, "", sentences[:10], "fa"), (P, "", ["جملة عربية."], "ar"), (P, "", sentences[10:], "fa")]
    )
    backend = DictBackend({})
    records = translate_document(doc, backend, options=OPTIONS)
    assert [lang for _, lang, _ in backend.calls] == ["fa", "fa", "ar"]  # chunks of 16, then Arabic
    assert [len(texts) for texts, _, _ in backend.calls] == [16, 4, 1]
    assert [r.source_lang for r in records] == ["fa"] * 10 + ["ar"] + ["fa"] * 10
    assert records[10].target == "EN(11 chars)"


def test_cache_skips_the_model_for_known_inputs_and_reports_progress() -> None:
    doc = sample_document()
    cache = MemoryCache()
    first = DictBackend()
    translate_document(doc, first, options=OPTIONS, cache=cache)
    assert len(cache) == len(SAMPLE_ENGLISH)
    second, progress = DictBackend(), []
    again = translate_document(doc, second, options=OPTIONS, cache=cache, on_progress=progress.append)
    assert second.calls == []
    assert sum(progress) == len(doc.segments)
    assert again[1].target.endswith("<sup>1</sup>")


def test_a_different_beam_is_a_different_cache_key() -> None:
    doc = sample_document()
    cache = MemoryCache()
    translate_document(doc, DictBackend(), options=OPTIONS, cache=cache)
    backend = DictBackend()
    translate_document(doc, backend, options=DecodeOptions(beam_size=1), cache=cache)
    assert backend.calls


def test_empty_model_output_keeps_the_source_and_is_flagged() -> None:
    doc = make_document([(P, "", ["او از تهدیدات گفت."], "fa")])
    (rec,) = translate_document(doc, DictBackend({"او از تهدیدات گفت.": "  \n "}), options=OPTIONS)
    assert rec.target == rec.source and rec.translated is False
    assert rec.flags == [EMPTY_TRANSLATION]


def test_model_output_is_kept_on_one_line() -> None:
    assert clean_target(" One\nline\r\n  here. ") == "One line here."


def test_unsupported_language_is_a_one_line_error_naming_the_file() -> None:
    doc = sample_document()
    with pytest.raises(DragomanError, match=r"doc\.txt: model test/dict cannot translate from 'fa'"):
        translate_document(doc, DictBackend(languages=("ar",)), options=OPTIONS)


def test_english_only_document_needs_no_model_calls() -> None:
    doc = make_document([(X, "", ["Read More"], "en")], lang="en")
    backend = DictBackend()
    (rec,) = translate_document(doc, backend, options=OPTIONS)
    assert backend.calls == [] and rec.target == "Read More"


def test_unknown_terms_mode_is_rejected() -> None:
    with pytest.raises(DragomanError, match="terms mode"):
        translate_document(sample_document(), DictBackend(), options=OPTIONS, terms_mode="strict")
