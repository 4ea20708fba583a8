"""``dragoman evaluate``: scores equal sacrebleu's own API, clear errors, comparisons, reference pairing."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import sacrebleu
from conftest import DRAGOMAN

from translate.evaluate.inputs import ReferenceSentence, pair_by_offsets
from translate.records import SegmentRecord

REPO = Path(__file__).resolve().parent.parent

REFS = [
    "Emomali Rahmon met Vladimir Putin in Moscow on Monday.",
    "The Collective Security Treaty Organization (CSTO) will strengthen the Tajik-Afghan border.",
    "Tajikistan shares a 1,344-kilometre border with Afghanistan.",
    "The Taliban took control of the country in 2021.",
]
GOOD = [
    "Emomali Rahmon met Vladimir Putin in Moscow on Monday.",
    "The CSTO will strengthen the border between Tajikistan and Afghanistan.",
    "Tajikistan has a 1,344 kilometre border with Afghanistan.",
    "The Taliban seized the country in 2021.",
]
BAD = [
    "Rakhmonov met Putin.",
    "The Organization of the Collective Security Treaty border.",
    "Tajikistan border Afghanistan.",
    "Taliban 2021.",
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([DRAGOMAN, "evaluate", *args], capture_output=True, text=True)


def test_scores_equal_sacrebleu_api(tmp_path: Path) -> None:
    hyp, ref = _write(tmp_path / "hyp.txt", GOOD), _write(tmp_path / "ref.txt", REFS)
    out = _run("--hyp", str(hyp), "--ref", str(ref), "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    scores = {s["metric"]: s for s in report["overall"]}
    assert scores["BLEU"]["score"] == round(sacrebleu.corpus_bleu(GOOD, [REFS]).score, 2)
    assert scores["chrF++"]["score"] == round(sacrebleu.corpus_chrf(GOOD, [REFS], word_order=2).score, 2)
    assert scores["TER"]["score"] == round(sacrebleu.corpus_ter(GOOD, [REFS]).score, 2)
    assert scores["BLEU"]["signature"].startswith("nrefs:1|")
    assert report["segments"] == 4
    # the worst segment by sentence chrF is listed first, with its texts
    chrfs = [sacrebleu.sentence_chrf(h, [r]).score for h, r in zip(GOOD, REFS, strict=True)]
    assert report["worst"][0]["hypothesis"] == GOOD[chrfs.index(min(chrfs))]


def test_text_report_prints_signatures(tmp_path: Path) -> None:
    hyp, ref = _write(tmp_path / "hyp.txt", GOOD), _write(tmp_path / "ref.txt", REFS)
    out = _run("--hyp", str(hyp), "--ref", str(ref))
    assert out.returncode == 0, out.stderr
    assert (
        "BLEU: nrefs:1|" in out.stdout and "chrF++: nrefs:1|" in out.stdout and "TER: nrefs:1|" in out.stdout
    )


@pytest.mark.parametrize(
    ("hyp_lines", "ref_lines", "message"),
    [(GOOD[:3], REFS, "has 3 lines but the reference"), ([], REFS, "empty"), (GOOD, [], "empty")],
)
def test_bad_inputs_get_one_line_errors(tmp_path: Path, hyp_lines, ref_lines, message) -> None:
    hyp = tmp_path / "hyp.txt"
    ref = tmp_path / "ref.txt"
    hyp.write_text("\n".join(hyp_lines), encoding="utf-8")
    ref.write_text("\n".join(ref_lines), encoding="utf-8")
    out = _run("--hyp", str(hyp), "--ref", str(ref))
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_unicode_is_normalized_the_same_on_both_sides(tmp_path: Path) -> None:
    decomposed = ["The cafe\u0301 in Dushanbe reopened on Monday after the talks"]
    composed = ["The caf\u00e9 in  Dushanbe reopened on Monday after the talks"]
    hyp, ref = _write(tmp_path / "hyp.txt", decomposed), _write(tmp_path / "ref.txt", composed)
    report = json.loads(_run("--hyp", str(hyp), "--ref", str(ref), "--format", "json").stdout)
    assert [s["score"] for s in report["overall"]] == [100.0, 100.0, 0.0]


def test_compare_finds_the_better_run_significant(tmp_path: Path) -> None:
    refs = REFS * 10
    a = _write(tmp_path / "a.txt", GOOD * 10)
    b = _write(tmp_path / "b.txt", BAD * 10)
    ref = _write(tmp_path / "ref.txt", refs)
    out = _run(
        "--compare", str(a), "--compare", str(b), "--ref", str(ref), "--samples", "200", "--format", "json"
    )
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    verdicts = {m["metric"]: m for m in payload["metrics"]}
    assert verdicts["BLEU"]["better"] == "baseline" and verdicts["BLEU"]["significant"]
    assert verdicts["TER"]["better"] == "baseline"
    same = _run(
        "--compare", str(a), "--compare", str(a), "--ref", str(ref), "--samples", "200", "--format", "json"
    )
    assert all(m["better"] == "tie" for m in json.loads(same.stdout)["metrics"])


def _record(doc: str, start: int, end: int, target: str) -> SegmentRecord:
    return SegmentRecord(
        doc, doc, 0, f"b0.s{start}", "paragraph", "x" * (end - start), start, end, "fa", target
    )


def test_pairing_by_offsets_groups_differently_cut_sentences() -> None:
    refs = [
        ReferenceSentence("d", "d:p0.s0", 0, 10, "a", "First."),
        ReferenceSentence("d", "d:p0.s1", 11, 20, "b", "Second."),
        ReferenceSentence("d", "d:p1.s0", 30, 40, "c", "Third."),
    ]
    # the run kept sentences 0 and 1 together, translated the third, and has an extra passthrough line
    records = [
        _record("d", 0, 20, "First and second."),
        _record("d", 30, 40, "Third!"),
        _record("d", 50, 60, "x"),
    ]
    pairs = pair_by_offsets(records, refs)
    assert [(p.hypothesis, p.reference) for p in pairs] == [
        ("First and second.", "First. Second."),
        ("Third!", "Third."),
    ]
    # a reference sentence that no segment covers is scored against an empty hypothesis
    assert pair_by_offsets(records[:1], refs)[-1].hypothesis == ""


def test_terminology_metrics_by_hand() -> None:
    from translate.evaluate.inputs import ScoredPair
    from translate.evaluate.terminology import terminology_metrics

    pairs = [
        # CSTO required and present (short form counts); Tajikistan present
        ScoredPair("d", "سازمان پیمان امنیت جمعی در تاجیکستان", "The CSTO met in Tajikistan.", ""),
        # NATO required, missing; an unapproved CSTO variant is present
        ScoredPair(
            "d",
            "ناتو و سازمان پیمان امنیت جمعی",
            "The alliance and the Collective Security Treaty Organisation.",
            "",
        ),
        # no term at all, and the trap ناتوان (unable) is not NATO
        ScoredPair("d", "او ناتوان بود", "He was unable.", ""),
    ]
    metrics = terminology_metrics(pairs, [])
    assert metrics["required"] == 4  # csto, tajikistan, nato, csto
    assert metrics["satisfied"] == 2
    assert metrics["term_success_rate"] == 0.5
    assert metrics["unapproved"] == 1
    assert {m["entry"] for m in metrics["missing"]} == {"nato", "csto"}
    # CSTO was rendered once as approved and once with an unapproved variant: inconsistent
    assert [i["entry"] for i in metrics["inconsistent"]] == ["csto"]
