"""Word and term alignment from cross-attention, as character spans in the document and target."""

from __future__ import annotations

from pathlib import Path

import pytest
from terms_fixtures import (
    ENTRIES,
    ListMatcher,
    load_backend,
    make_document,
    one_torch_thread,
    translate_with_plan,
)

from translate.align.attention import char_map, fold, map_span, piece_spans
from translate.document.normalize import normalize_for_model


@pytest.fixture(autouse=True, scope="module")
def _single_thread():
    with one_torch_thread():
        yield


SEEDS = Path(__file__).resolve().parent.parent / "seeds"

FA = [
    "امامعلی رحمان رئیسجمهور تاجیکستان در دوشنبه با دبیرکل سازمان پیمان امنیت جمعی دیدار کرد.",
    "وی گفت خطر طالبان و قاچاق مواد مخدر در مرزها کاهش یافته است.",
    "سازمان پیمان امنیت جمعی<sup>۱</sup> در سال ۲۰۰۲ تاسیس شد و امامعلی رحمان از آن حمایت کرد.",
]
AR = ["التقى الرئيس إمام علي رحمن الأمين العام لمنظمة معاهدة الأمن الجماعي في دوشنبه."]


def _seed_paragraphs(lang: str, limit: int = 2) -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        is_arabic = path.name.startswith("004")
        if is_arabic != (lang == "ar"):
            continue
        for line in text.splitlines():
            if len(line) > 80 and not line.isascii() and not line.startswith(("#", "[")):
                out.append(line.strip()[:240])
                break
    return out[:limit]


def test_char_map_survives_normalization() -> None:
    original = "سومين كنفرانس بينالمللي امنیت در ۲۰۰۲ تشکیل شد<sup>۱</sup> و تجربهها ارائه شد."
    model_input = normalize_for_model(original.replace("<sup>۱</sup>", ""), "fa")
    assert model_input != original
    mapping = char_map(model_input, original)
    for word in model_input.split():
        at = model_input.index(word)
        span = map_span((at, at + len(word)), mapping, original)
        assert span is not None
        mapped = original[span[0] : span[1]]
        # same word up to the normalizer's letter/digit/ZWNJ changes
        assert fold(mapped).replace(" ", "") == fold(word).replace(" ", "")


def test_piece_spans_follow_the_text() -> None:
    pieces = ["▁The", "▁CS", "TO", "▁met", "▁in", "▁Dush", "anbe", ".", "</s>"]
    text = "The CSTO met in Dushanbe."
    spans = piece_spans(pieces, text)
    assert [text[s:e] if s is not None else None for s, e in [sp or (None, None) for sp in spans]] == [
        "The",
        "CS",
        "TO",
        "met",
        "in",
        "Dush",
        "anbe",
        ".",
        None,
    ]


@pytest.fixture(scope="module", params=["nllb", "marian"])
def family(request, tiny_nllb_dir: Path, tiny_marian_dir: Path):
    return tiny_nllb_dir if request.param == "nllb" else tiny_marian_dir


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_links_are_valid_spans_and_terms_are_exact(family: Path, lang: str) -> None:
    sentences = (FA if lang == "fa" else AR) + _seed_paragraphs(lang)
    doc = make_document(sentences, lang)
    backend = load_backend(family)
    _plan, results = translate_with_plan(doc, ListMatcher(ENTRIES), "constrain", backend, beam=4)
    term_links = 0
    word_links = 0
    for seg, _wanted, _out, finished in results:
        target = finished.text
        for link in finished.alignment:
            assert seg.start <= link.source_start < link.source_end <= seg.end
            assert 0 <= link.target_start < link.target_end <= len(target)
            source = doc.text[link.source_start : link.source_end]
            assert source == source.strip() and source
            assert link.kind in ("word", "term")
            word_links += link.kind == "word"
        by_source = {(t.source_start, t.source_end): t for t in finished.terms}
        for link in (link for link in finished.alignment if link.kind == "term"):
            term = by_source[(link.source_start, link.source_end)]
            assert target[link.target_start : link.target_end] == term.required
            assert term.target_start == link.target_start and term.target_end == link.target_end
            term_links += 1
        for term in finished.terms:  # every enforced hit has its exact term link
            assert term.status in ("constrained", "satisfied")
            assert doc.text[term.source_start : term.source_end] == term.source_text
    assert term_links >= len(sentences[:1])
    assert word_links > 0
