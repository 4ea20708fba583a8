"""Hostile input and faults through the installed console script with the tiny NLLB model
(issue 15: D3, D10, D13, D14, D15, D16): each ends in a correct output or one line and a non-zero
exit, never a traceback, and no input is ever overwritten."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DRAGOMAN, SEEDS_DIR
from markdown_it import MarkdownIt
from tiny_models import NLLB_HUB_ID, install_fake_hf_cache

SEED = SEEDS_DIR / "003_713b0ff946733b37.txt"
OTHER_SEED = SEEDS_DIR / "000_2940354c2d2d1c97.txt"
FAST = ["--beam", "1", "--max-length-ratio", "0.1", "-q"]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, tiny_nllb_dir: Path) -> dict[str, str]:
    root = tmp_path_factory.mktemp("hf")
    install_fake_hf_cache(root / "hub", NLLB_HUB_ID, tiny_nllb_dir)
    env = {k: v for k, v in os.environ.items() if k != "HUGGINGFACE_HUB_CACHE"}
    env.update(HF_HOME=str(root), HF_HUB_CACHE=str(root / "hub"), HF_HUB_OFFLINE="1", PYTHONWARNINGS="ignore")
    return env


def dragoman(env, *args, cwd: Path, stdout=subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [DRAGOMAN, *args], env=env, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, timeout=600
    )


def one_line_error(proc: subprocess.CompletedProcess[bytes], *words: str) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("dragoman: error: "), err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_markdown_output_escapes_html_and_links_in_copied_lines(env, tmp_path):
    """D3: an English passthrough line with ``<svg onload>`` or a javascript: link is shown, not run."""
    hostile = (
        "<svg onload=alert(1)> Read More\n[Read more](javascript:alert(1)) <img src=x onerror=alert(2)>\n"
    )
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8") + "\n" + hostile, encoding="utf-8")
    proc = dragoman(env, "translate", "a.txt", "--format", "markdown", "-o", "a.md", *FAST, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = MarkdownIt("commonmark").render((tmp_path / "a.md").read_text(encoding="utf-8"))
    assert "<svg" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;svg onload=alert(1)&gt; Read More" in html  # shown as text, nothing lost


def test_outputs_never_overwrite_inputs(env, tmp_path):
    """D10: --review over the input, review -o over its own run, tm export over its memory."""
    shutil.copy(SEED, tmp_path / "a.txt")
    before = (tmp_path / "a.txt").read_bytes()
    one_line_error(dragoman(env, "translate", "a.txt", "--review", "a.txt", *FAST, cwd=tmp_path), "a.txt")
    one_line_error(
        dragoman(env, "translate", "a.txt", "--review", "./a.txt", *FAST, cwd=tmp_path), "--review"
    )
    assert (tmp_path / "a.txt").read_bytes() == before
    proc = dragoman(env, "translate", "a.txt", "--format", "jsonl", "-o", "run.jsonl", *FAST, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    run = (tmp_path / "run.jsonl").read_bytes()
    one_line_error(dragoman(env, "review", "run.jsonl", "-o", "run.jsonl", cwd=tmp_path), "run.jsonl")
    assert (tmp_path / "run.jsonl").read_bytes() == run


def test_same_stem_in_two_folders_stays_two_documents(env, tmp_path):
    """D13: x/doc.txt and y/doc.txt are two documents in JSONL, the review page and XLIFF."""
    for folder, seed in (("x", SEED), ("y", OTHER_SEED)):
        (tmp_path / folder).mkdir()
        shutil.copy(seed, tmp_path / folder / "doc.txt")
    proc = dragoman(env, "translate", "x/doc.txt", "y/doc.txt", "--format", "jsonl", *FAST, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert {r["document"] for r in records} == {"x/doc", "y/doc"}
    for rec in records:
        text = (tmp_path / rec["path"]).read_text(encoding="utf-8")
        assert text[rec["source_start"] : rec["source_end"]] == rec["source"]
    (tmp_path / "run.jsonl").write_bytes(proc.stdout)
    proc = dragoman(env, "review", "run.jsonl", "-o", "run.xlf", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "run.xlf").read_text(encoding="utf-8").count("<file ") == 2


def test_two_separate_runs_with_the_same_stem_do_not_merge_in_review(tmp_path):
    from translate.records import SegmentRecord
    from translate.review.base import group_documents

    recs = [
        SegmentRecord.from_dict(
            {
                "document": "doc",
                "path": p,
                "block": 0,
                "segment": "b0.s0",
                "kind": "paragraph",
                "source": "x",
                "source_start": 0,
                "source_end": 1,
                "source_lang": "fa",
                "target": "x",
                "target_lang": "en",
                "translated": True,
            }
        )
        for p in ("x/doc.txt", "y/doc.txt")
    ]
    assert [len(g.records) for g in group_documents(recs)] == [1, 1]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_file_name_that_is_not_utf8(env, tmp_path):
    """D14: JSONL, the review page and XLIFF are written; the name shows its bad byte as \\xff."""
    name = os.fsdecode(b"bad\xff.txt")
    shutil.copy(SEED, tmp_path / name)
    proc = dragoman(env, "translate", name, "--format", "jsonl", "--review", "r.html", *FAST, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert (
        records and {r["path"] for r in records} == {"bad\\xff.txt"} and records[0]["document"] == "bad\\xff"
    )
    assert "bad\\xff.txt" in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_stdout_is_one_line_and_exit_2(env, tmp_path):
    """D16: ``> /dev/full`` (ENOSPC) ends with one line naming standard output."""
    shutil.copy(SEED, tmp_path / "a.txt")
    with open("/dev/full", "wb") as full:
        for args in (
            ["segment", "a.txt", "--format", "jsonl"],
            ["translate", "a.txt", *FAST],
            ["translate", "a.txt", str(OTHER_SEED), "--format", "jsonl", *FAST],
            ["glossary", "export"],
        ):
            one_line_error(dragoman(env, *args, cwd=tmp_path, stdout=full), "<stdout>", "No space left")


def test_a_glossary_term_longer_than_the_model_positions_is_one_line(env, tmp_path):
    """D12: forcing a term of more tokens than the model has positions was an IndexError."""
    shutil.copy(SEED, tmp_path / "a.txt")
    long_english = " ".join(f"Tajikistan{n}" for n in range(700))
    from glossary.entry import TSV_COLUMNS

    header = "\t".join(TSV_COLUMNS)
    row = f"tajikistan\t{long_english}\t\tfull\tplace\tتاجیکستان\t\t\t\t\t\t\t"
    (tmp_path / "long.tsv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    proc = dragoman(env, "translate", "a.txt", "-g", "long.tsv", *FAST, cwd=tmp_path)
    line = one_line_error(proc, "glossary term", "output positions", "--terms post-edit")
    assert "Tajikistan0" in line
