"""Terminology report: statuses, first mentions, success rate, consistency, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from review_records import segment_record
from terms_fixtures import (
    CSTO,
    ENTRIES,
    ListMatcher,
    default_entries,
    load_backend,
    make_document,
    one_torch_thread,
    seed_sentences_with_hits,
    translate_with_plan,
)

from translate.records import SegmentRecord, TermRecord, read_records
from translate.terms.enforce import GlossaryTermPlan
from translate.terms.report import document_report, run_report


@pytest.fixture(autouse=True, scope="module")
def _single_thread():
    with one_torch_thread():
        yield


DOC = [
    "سازمان پیمان امنیت جمعی در دوشنبه تشکیل جلسه داد.",
    "امامعلی رحمان گفت سازمان پیمان امنیت جمعی با قاچاق مواد مخدر و طالبان مبارزه میکند.",
    "دبیرکل سازمان پیمان امنیت جمعی و امامعلی رحمان در دوشنبه دیدار کردند و دوشنبه را ستودند.",
]


@pytest.fixture(scope="module", params=["nllb", "marian"])
def family(request, tiny_nllb_dir: Path, tiny_marian_dir: Path):
    return tiny_nllb_dir if request.param == "nllb" else tiny_marian_dir


def _records(doc, results) -> list[SegmentRecord]:
    return [
        segment_record(
            doc,
            seg,
            target=finished.text,
            terms=finished.terms,
            alignment=finished.alignment,
            flags=finished.flags,
        )
        for seg, _wanted, _out, finished in results
    ]


@pytest.mark.parametrize("beam", [1, 4])
def test_constrained_document_meets_every_term_with_first_mentions(family: Path, beam: int) -> None:
    doc = make_document(DOC)
    backend = load_backend(family)
    _plan, results = translate_with_plan(doc, ListMatcher(ENTRIES), "constrain", backend, beam)
    required = [t.required for _s, _w, _o, f in results for t in f.terms if t.entry == "csto"]
    # full form with the acronym at the first mention, the acronym after it
    assert required == ["Collective Security Treaty Organization (CSTO)", "CSTO", "CSTO"]
    for _seg, wanted, _out, finished in results:
        assert wanted == list(dict.fromkeys(t.required for t in finished.terms))
        for term in finished.terms:
            assert term.status in ("constrained", "satisfied")
            assert finished.text[term.target_start : term.target_end] == term.required
    report = document_report(_records(doc, results))
    assert report.success_rate == 1.0
    assert report.counts["missing"] == 0 and not report.inconsistent
    # the repeated place name: two hits, both reported, one constraint
    third = results[2][3]
    assert [t.entry for t in third.terms].count("dushanbe") == 2


def test_low_confidence_hits_are_reported_not_forced(family: Path) -> None:
    doc = make_document(DOC[:2])
    backend = load_backend(family)
    matcher = ListMatcher(ENTRIES, low_confidence=frozenset({"taliban"}))
    _plan, results = translate_with_plan(doc, matcher, "constrain", backend, beam=1)
    second = results[1]
    assert "Taliban" not in second[1]
    statuses = {t.entry: t.status for t in second[3].terms}
    assert statuses["taliban"] == "review"
    assert "term_review" in second[3].flags
    report = document_report(_records(doc, results))
    assert report.counts["review"] == 1 and report.success_rate == 1.0


def test_post_edit_mode_fixes_variants_and_reports_missing_terms() -> None:
    doc = make_document(DOC[:2])
    plan = GlossaryTermPlan(doc, ListMatcher(ENTRIES), "post-edit")
    first, second = doc.segments
    assert plan.constraints(first) == [] and plan.constraints(second) == []
    done = plan.finish(first, "The Collective Security Organization met in Dushambe.", None, [])
    assert done.text == "The Collective Security Treaty Organization (CSTO) met in Dushanbe."
    assert [t.status for t in done.terms] == ["post-edited", "post-edited"]
    for term in done.terms:
        assert done.text[term.target_start : term.target_end] == term.required
    later = plan.finish(
        second, "Rahmon said the organization fights drug smuggling and the Taliban.", None, []
    )
    statuses = {t.entry: t.status for t in later.terms}
    assert statuses == {
        "emomali_rahmon": "missing",
        "csto": "missing",
        "drug_trafficking": "post-edited",
        "taliban": "satisfied",
    }
    assert "term_missing" in later.flags


def _term(entry: str, status: str, start: int, end: int | None, source: int) -> TermRecord:
    return TermRecord(
        entry=entry,
        source_start=source,
        source_end=source + 5,
        source_text="x" * 5,
        required="CSTO" if source else "Collective Security Treaty Organization (CSTO)",
        confidence=1.0,
        status=status,
        target_start=start,
        target_end=end,
    )


def test_consistency_flags_an_entry_rendered_two_ways() -> None:
    base = {"document": "d", "path": "d.txt", "kind": "paragraph", "source": "s", "source_lang": "fa"}
    one = "The Collective Security Treaty Organization (CSTO) met."
    two = "The CSTO met again."
    three = "The Collective Security Organization met."
    records = [
        SegmentRecord(block=0, segment="b0.s0", source_start=0, source_end=5, target=one, **base),
        SegmentRecord(block=1, segment="b1.s0", source_start=10, source_end=15, target=two, **base),
        SegmentRecord(block=2, segment="b2.s0", source_start=20, source_end=25, target=three, **base),
    ]
    records[0].terms = [_term("csto", "constrained", 4, 50, 0)]
    records[1].terms = [_term("csto", "satisfied", 4, 8, 10)]
    records[2].terms = [_term("csto", "missing", 4, 36, 20)]  # aligned rendering of the miss
    report = document_report(records)
    assert report.success_rate == pytest.approx(2 / 3, abs=1e-3)
    assert [c.entry for c in report.inconsistent] == ["csto"]
    assert report.consistency[0].renderings["Collective Security Organization"] == 1
    records[2].terms[0].status = "post-edited"
    records[2].target = "The CSTO met."
    records[2].terms[0].target_end = 8
    assert not document_report(records).inconsistent


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from translate.cli.main import app; app()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_cli_report_table_json_and_bad_input(tmp_path: Path) -> None:
    doc = make_document(DOC[:1])
    plan = GlossaryTermPlan(doc, ListMatcher([CSTO]), "post-edit")
    done = plan.finish(doc.segments[0], "The Collective Security Organization met.", None, [])
    seg = doc.segments[0]
    record = SegmentRecord(
        document=doc.id,
        path=doc.path,
        block=0,
        segment=seg.id,
        kind="paragraph",
        source=seg.text,
        source_start=seg.start,
        source_end=seg.end,
        source_lang="fa",
        target=done.text,
        terms=done.terms,
    )
    out = tmp_path / "run.jsonl"
    out.write_text(json.dumps(record.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert run_report(read_records(out))[0].counts["post-edited"] == 1

    table = _run_cli("terms", "report", str(out))
    assert table.returncode == 0, table.stderr
    assert "post-edited" in table.stdout and "100.0%" in table.stdout

    as_json = _run_cli("terms", "report", str(out), "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)["documents"][0]
    assert data["success_rate"] == 1.0
    assert data["hits"][0]["rendering"] == "Collective Security Treaty Organization (CSTO)"
    assert data["hits"][0]["source_start"] == 0 and data["hits"][0]["source_end"] == len(
        "سازمان پیمان امنیت جمعی"
    )

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"document": "d"}\nnot json\n', encoding="utf-8")
    failed = _run_cli("terms", "report", str(bad))
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1 and "bad.jsonl:1" in failed.stderr


@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_seed_sentences_meet_the_shipped_glossary(family: Path, lang: str) -> None:
    """Real seed sentences, real glossary entries: every confident hit's English is in the output."""
    matcher = ListMatcher(default_entries())
    sentences = seed_sentences_with_hits(matcher, lang)
    assert len(sentences) >= 2
    doc = make_document(sentences, lang)
    backend = load_backend(family)
    for beam in (1, 4):
        _plan, results = translate_with_plan(doc, matcher, "constrain", backend, beam=beam)
        enforced = [t for _s, _w, _o, f in results for t in f.terms if t.status != "review"]
        assert enforced
        for _seg, _wanted, _out, finished in results:
            for term in finished.terms:
                if term.status != "review":
                    assert term.required in finished.text
                    assert term.status in ("constrained", "satisfied")
        assert document_report(_records(doc, results)).success_rate == 1.0


def test_unapproved_variant_without_a_source_hit_is_flagged() -> None:
    """A later segment whose English uses an unapproved name of an entry seen earlier is flagged."""
    doc = make_document([DOC[0], "این نشست دیروز برگزار شد."])
    plan = GlossaryTermPlan(doc, ListMatcher(ENTRIES), "post-edit")
    first, second = doc.segments
    assert plan.constraints(first) == [] and plan.constraints(second) == []
    plan.finish(first, "The Collective Security Treaty Organization (CSTO) met in Dushanbe.", None, [])
    flagged = plan.finish(second, "The meeting of the Collective Security Organization was held.", None, [])
    clean = plan.finish(second, "The meeting was held yesterday.", None, [])
    assert flagged.terms == [] and "term_unapproved" in flagged.flags
    assert "term_unapproved" not in clean.flags


def test_pipeline_records_carry_terms_and_alignment(tiny_nllb_dir: Path) -> None:
    """``translate_document`` with a glossary: every record has its terms, term links and word links."""
    from translate.backends.base import DecodeOptions
    from translate.pipeline import translate_document

    doc = make_document(DOC)
    backend = load_backend(tiny_nllb_dir)
    records = translate_document(
        doc,
        backend,
        options=DecodeOptions(beam_size=2),
        glossary=ListMatcher(ENTRIES),
        terms_mode="constrain",
    )
    assert len(records) == len(DOC)
    for record in records:
        assert record.terms
        for term in record.terms:
            assert term.status in ("constrained", "satisfied")
            assert record.target[term.target_start : term.target_end] == term.required
        kinds = {link.kind for link in record.alignment}
        assert kinds == {"word", "term"}
        for link in record.alignment:
            assert record.source_start <= link.source_start < link.source_end <= record.source_end
            assert 0 <= link.target_start < link.target_end <= len(record.target)
        assert SegmentRecord.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    assert document_report(records).success_rate == 1.0
