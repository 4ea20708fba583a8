"""``dragoman review``: the installed console script on saved JSONL runs, including a real tiny-model run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HOSTILE, SEED_FILES
from lxml import etree
from review_records import records_for
from tiny_models import NLLB_HUB_ID

from translate.review import read_records

SCHEMAS = Path(__file__).parent / "schemas"


def dragoman(
    *args: str, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("dragoman")
    cmd = [str(exe)] if exe.exists() else [shutil.which("dragoman") or "dragoman"]
    out = subprocess.run([*cmd, *args], capture_output=True, env=env, input=stdin, timeout=600)
    return subprocess.CompletedProcess(out.args, out.returncode, out.stdout.decode(), out.stderr.decode())


@pytest.fixture(scope="module")
def run_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("run") / "run.jsonl"
    records = [r for p in [*SEED_FILES, HOSTILE] for r in records_for(p)]
    path.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_read_records_round_trips(run_jsonl: Path) -> None:
    records = read_records(run_jsonl)
    assert len(records) > 300 and records[0].to_dict() == json.loads(
        run_jsonl.read_text("utf-8").splitlines()[0]
    )


def test_html_to_file_and_stdout(run_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    result = dragoman("review", str(run_jsonl), "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('<tr id="r') == len(read_records(run_jsonl))
    stdout = dragoman("review", str(run_jsonl), "--format", "tsv")
    assert stdout.returncode == 0 and stdout.stdout.startswith("document\tsegment\t")


def test_format_from_extension_and_document_filter(run_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "ar.xlf"
    result = dragoman("review", str(run_jsonl), "-o", str(out), "--document", SEED_FILES[4].stem)
    assert result.returncode == 0, result.stderr
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff_core_2.0.xsd")))
    assert schema.validate(etree.parse(str(out))), schema.error_log
    tmx = tmp_path / "all.tmx"
    assert dragoman("review", str(run_jsonl), "-o", str(tmx)).returncode == 0
    assert etree.DTD(str(SCHEMAS / "tmx14.dtd")).validate(etree.parse(str(tmx)))
    md = dragoman("review", str(run_jsonl), "--format", "markdown")
    assert md.stdout.count("\n## ") == 6


@pytest.mark.slow
def test_errors_are_one_line(run_jsonl: Path, tmp_path: Path) -> None:
    one_line_error(dragoman("review", str(tmp_path / "nope.jsonl")), "nope.jsonl", "not found")
    bad = tmp_path / "bad.jsonl"
    lines = run_jsonl.read_text("utf-8").splitlines()[:2]
    bad.write_text("\n".join([*lines, '{"document": "x", oops}', ""]), "utf-8")
    one_line_error(dragoman("review", str(bad)), f"{bad}:3:", "not valid JSON")
    bad.write_text('{"document": "x"}\n', "utf-8")
    one_line_error(dragoman("review", str(bad)), f"{bad}:1:", "missing field 'path'")
    bad.write_text("[1, 2]\n", "utf-8")
    one_line_error(dragoman("review", str(bad)), f"{bad}:1:", "expected a JSON object")
    bad.write_bytes(b"\xff\xfe\x00garbage")
    one_line_error(dragoman("review", str(bad)), "not UTF-8")
    bad.write_text("\n\n", "utf-8")
    one_line_error(dragoman("review", str(bad)), "no records")
    one_line_error(dragoman("review", str(run_jsonl), "--format", "pdf"), "--format", "html, xliff")
    one_line_error(dragoman("review", str(run_jsonl), "--format", "xliff"), "mixes source languages")
    one_line_error(dragoman("review", str(run_jsonl), "-d", "missing-doc"), "missing-doc")
    assert not (tmp_path / "review.html").exists()


def test_stdin(run_jsonl: Path) -> None:
    result = dragoman("review", "-", "--format", "markdown", stdin=run_jsonl.read_bytes())
    assert result.returncode == 0, result.stderr
    assert "| Segment | Kind | Source | English | Flags |" in result.stdout


@pytest.mark.slow
def test_review_of_a_real_tiny_model_run(tmp_path: Path, hf_env: dict[str, str]) -> None:
    """``dragoman translate --format jsonl`` with the tiny NLLB model on the seeds and the hostile file."""
    out_dir = tmp_path / "out"
    inputs = [str(p) for p in [*SEED_FILES, HOSTILE]]
    result = dragoman(
        "translate", *inputs, "--format", "jsonl", "-o", str(out_dir), "--model", NLLB_HUB_ID,
        "--beam", "1", "--max-length-ratio", "0.1", "--quiet", env=hf_env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    run = tmp_path / "run.jsonl"
    run.write_text("".join(p.read_text("utf-8") for p in sorted(out_dir.glob("*.jsonl"))), "utf-8")
    records = read_records(run)
    assert {r.document for r in records} == {Path(p).stem for p in inputs}
    page_path = tmp_path / "review.html"
    assert dragoman("review", str(run), "-o", str(page_path)).returncode == 0
    page = page_path.read_text("utf-8")
    assert page.count('<tr id="r') == len(records)
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    for fmt in ("tsv", "markdown", "tmx"):
        assert dragoman("review", str(run), "--format", fmt).returncode == 0
