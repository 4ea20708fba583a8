"""``dragoman translate`` end to end: the installed console script, real tiny models, the seeds.

The tiny models (tests/tiny_models.py) are randomly initialised, so their English is gibberish; what
these tests check is everything around the model: structure, offsets, markers, passthrough, language,
batch behaviour, atomic outputs and one-line errors.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import DRAGOMAN, FAST, SEED_LANGS, one_line_error
from terms_fixtures import accepted_renderings
from tiny_models import MARIAN_HUB_ID

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
SUP = re.compile(r"<sup>[^<]*</sup>")


def run(env: dict[str, str], *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(
        [DRAGOMAN, "translate", *args, *FAST], env=env, input=stdin, capture_output=True, timeout=600
    )
    return subprocess.CompletedProcess(
        out.args, out.returncode, out.stdout.decode("utf-8"), out.stderr.decode("utf-8")
    )


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def seed_runs(
    hf_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]
) -> Path:
    """All five seeds through the default model (tiny NLLB under the real hub id) as jsonl and text."""
    out = tmp_path_factory.mktemp("seed-runs")
    folder = out / "seeds"  # the five seeds alone (the repository's seeds/ also holds references)
    folder.mkdir()
    for path in seed_paths:
        shutil.copy(path, folder)
    for fmt in ("jsonl", "text"):
        result = run(hf_env, str(folder), "-o", str(out / fmt), "--format", fmt, "--quiet")
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    return out


def _assert_lossless(records: list[dict], path: Path, backend: str) -> None:
    """Every segment of the seed in order, each Persian/Arabic one translated, only layout between."""
    text = path.read_text(encoding="utf-8")
    assert records, path
    position = 0
    for rec in records:
        assert text[rec["source_start"] : rec["source_end"]] == rec["source"]
        assert rec["source_start"] >= position  # document order, no overlap
        position = rec["source_end"]
        assert rec["model"] == "nllb-600m" and rec["backend"] == backend
        assert rec["variant"] == ("int8+english-vocab" if backend == "ctranslate2" else "float32")
        if ARABIC_SCRIPT.search(rec["source"]):
            assert rec["translated"], rec
            assert rec["target"].strip() and rec["target"] != rec["source"]
            assert rec["source_lang"] == SEED_LANGS[path.stem]
    # everything outside the segments is layout: whitespace, markup prefixes, list markers
    gaps = "".join(text[a["source_end"] : b["source_start"]] for a, b in itertools.pairwise(records))
    assert not ARABIC_SCRIPT.sub("", gaps).strip("#–-.٫ \n\r\t0123456789۰۱۲۳۴۵۶۷۸۹□")


def test_every_seed_segment_is_translated_or_passed_through(seed_runs: Path, seed_paths: list[Path]) -> None:
    for path in seed_paths:
        _assert_lossless(_jsonl(seed_runs / "jsonl" / f"{path.stem}.jsonl"), path, "transformers")


def test_ctranslate2_backend_is_as_lossless_and_enforces_every_seed_term(
    hf_env: dict[str, str], seed_runs: Path, seed_paths: list[Path]
) -> None:
    """The five seeds through CTranslate2 int8: same segments as transformers, every enforced term in
    its target at the offsets the record gives, markers and passthrough lines as they were."""
    pytest.importorskip("ctranslate2")
    convert = subprocess.run(
        [DRAGOMAN, "models", "convert", "nllb-600m", "--quantization", "int8"], env=hf_env, check=False
    )
    assert convert.returncode == 0
    out = seed_runs / "ct2"
    result = run(
        hf_env,
        str(seed_runs / "seeds"),
        "-o",
        str(out),
        "--format",
        "jsonl",
        "--backend",
        "ctranslate2",
        "--english-vocab",  # the vocabulary map path, re-decodes included
        "--quiet",
    )
    assert result.returncode == 0, result.stderr
    enforced = 0
    for path in seed_paths:
        records = _jsonl(out / f"{path.stem}.jsonl")
        _assert_lossless(records, path, "ctranslate2")
        reference = _jsonl(seed_runs / "jsonl" / f"{path.stem}.jsonl")
        assert [(r["source_start"], r["translated"]) for r in records] == [
            (r["source_start"], r["translated"]) for r in reference
        ]
        for rec, ref in zip(records, reference, strict=True):
            if not rec["translated"]:
                assert rec["target"] == ref["target"]  # passthrough and footnote lines are copied
            assert [m["target_text"] for m in rec["markers"]] == [m["target_text"] for m in ref["markers"]]
            for term in rec["terms"]:
                if term["status"] != "review":
                    enforced += 1
                    span = rec["target"][term["target_start"] : term["target_end"]]
                    assert span in {term["required"], *accepted_renderings(term["entry"])}
    assert enforced >= 200


def test_english_boilerplate_passes_through_unchanged(seed_runs: Path) -> None:
    records = _jsonl(seed_runs / "jsonl" / "001_392199c645f46ff0.jsonl")
    read_more = [r for r in records if r["source"] == "Read More"]
    assert len(read_more) == 1
    assert read_more[0]["target"] == "Read More" and not read_more[0]["translated"]
    text_out = (seed_runs / "text" / "001_392199c645f46ff0.txt").read_text(encoding="utf-8")
    assert "\nRead More\n" in text_out
    assert "This section contains relevant reference points, placed in (Inner related node field)" in text_out


def test_text_output_keeps_lines_blank_lines_headings_and_footnotes(
    seed_runs: Path, seed_paths: list[Path]
) -> None:
    for path in seed_paths:
        source = path.read_text(encoding="utf-8").split("\n")
        output = (seed_runs / "text" / f"{path.stem}.txt").read_text(encoding="utf-8").split("\n")
        assert len(output) == len(source), path
        for src, out in zip(source, output, strict=True):
            assert (src.strip() == "") == (out.strip() == ""), (path, src[:40], out[:40])
            heading = re.match(r"#+ ", src)
            if heading:
                assert out.startswith(heading.group(0))
            if re.fullmatch(r"\d+\. [A-Za-z ]+", src):  # footnote lines such as "1. Rolf Welberts"
                assert out == src
            if src.startswith("– "):
                assert out.startswith("– ")
            if re.match(r"[۰-۹]+٫ ", src):
                assert re.match(r"\d+\. ", out), out[:20]
            if ARABIC_SCRIPT.search(src):
                assert out != src  # translated (the tiny model's "English" may contain any script)
        source_sups = len(SUP.findall("\n".join(source)))
        output_sups = re.findall(r"<sup>(\d+)</sup>", "\n".join(output))
        assert len(output_sups) == source_sups


def test_seed_000_footnotes_survive(seed_runs: Path, seed_paths: list[Path]) -> None:
    output = (seed_runs / "text" / "000_2940354c2d2d1c97.txt").read_text(encoding="utf-8")
    assert re.findall(r"<sup>(\d)</sup>", output) == ["1", "1", "2", "1", "1"]
    for line in (
        "1. Rolf Welberts",
        "1. Shargh",
        "2. Hot Area",
        "1. Peace Tolerance Dialog",
        "1. Mark Handy",
    ):
        assert f"\n{line}\n" in output
    records = _jsonl(seed_runs / "jsonl" / "000_2940354c2d2d1c97.jsonl")
    markers = [m for r in records for m in r["markers"]]
    assert [m["label"] for m in markers] == ["1", "1", "2", "1", "1"]
    assert {m["source_text"] for m in markers} == {"<sup>۱</sup>", "<sup>۲</sup>"}


def test_markdown_turns_seed_footnotes_into_definitions(
    hf_env: dict[str, str], seed_paths: list[Path]
) -> None:
    result = run(hf_env, str(seed_paths[0]), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    refs = re.findall(r"\[\^(\d+)\](?!:)", result.stdout)
    definitions = re.findall(r"^\[\^(\d+)\]: (.*)$", result.stdout, flags=re.M)
    assert [d[1] for d in definitions] == [
        "Rolf Welberts",
        "Shargh",
        "Hot Area",
        "Peace Tolerance Dialog",
        "Mark Handy",
    ]
    assert refs == [d[0] for d in definitions] == ["1", "2", "3", "4", "5"]  # repeated labels made unique
    assert "<sup>" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[2].startswith("## ") and lines[4].startswith("### ")


def test_stdin_with_forced_language(hf_env: dict[str, str], seed_paths: list[Path]) -> None:
    data = seed_paths[4].read_bytes()
    result = run(hf_env, "-", "--source-lang", "ar", "--format", "jsonl", stdin=data)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["document"] for r in records} == {"stdin"} and {r["path"] for r in records} == {"<stdin>"}
    assert all(r["source_lang"] == "ar" and r["target"] for r in records)
    text = run(hf_env, "-", "--source-lang", "ar", "--quiet", stdin=data)
    assert text.stdout.count("\n") == data.decode("utf-8").count("\n")


def test_marian_model_by_hub_id(hf_env: dict[str, str], seed_paths: list[Path]) -> None:
    arabic = str(seed_paths[4])
    result = run(hf_env, arabic, "--model", MARIAN_HUB_ID, "--source-lang", "ar", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(
        r["model"] in {MARIAN_HUB_ID, "opus-mt-ar-en"} and r["target"].strip() for r in records
    )
    persian = run(hf_env, str(seed_paths[3]), "--model", MARIAN_HUB_ID)
    assert "cannot translate from 'fa'" in one_line_error(persian)


def test_model_from_a_local_folder(
    hf_env: dict[str, str], seed_paths: list[Path], tiny_nllb_dir: Path
) -> None:
    result = run(hf_env, str(seed_paths[3]), "--model", str(tiny_nllb_dir), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert all(json.loads(line)["target"] for line in result.stdout.splitlines())


@pytest.mark.parametrize("model", ["/nonexistent/model-dir", "nobody/no-such-model"])
def test_missing_model_is_a_one_line_error(
    hf_env: dict[str, str], seed_paths: list[Path], model: str
) -> None:
    line = one_line_error(run(hf_env, str(seed_paths[3]), "--model", model))
    assert line.startswith("dragoman: error: ") and model in line


def test_single_binary_input_is_a_one_line_error(hf_env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "scan.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    line = one_line_error(run(hf_env, str(bad)))
    assert str(bad) in line and "binary" in line


def test_precision_and_english_vocab_options(
    hf_env: dict[str, str], seed_paths: list[Path], tmp_path: Path
) -> None:
    """``--precision int8 --english-vocab`` runs the same seed (terms enforced); a bad value is one line."""
    seed = next(p for p in seed_paths if p.name.startswith("003_"))
    out = tmp_path / "small.jsonl"
    result = run(
        hf_env, str(seed), "-o", str(out), "--format", "jsonl", "-q", "--precision", "int8", "--english-vocab"
    )
    assert result.returncode == 0, result.stderr
    records = _jsonl(out)
    assert sum(r["translated"] for r in records) >= 10
    assert {r["variant"] for r in records} == {"int8+english-vocab"}  # the run says how it decoded
    for record in records:
        for term in record["terms"]:
            if term["status"] != "review":
                span = record["target"][term["target_start"] : term["target_end"]]
                assert span in {term["required"], *accepted_renderings(term["entry"])}
    line = one_line_error(run(hf_env, str(seed), "--precision", "int4"))
    assert "--precision" in line and "int4" in line


def test_folder_run_skips_finished_force_redoes_and_survives_a_bad_file(
    hf_env: dict[str, str], seed_paths: list[Path], tmp_path: Path
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for path in seed_paths[3:]:
        shutil.copy(path, folder)
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    first = run(hf_env, str(folder), "-o", str(out))
    assert first.returncode == 1
    assert f"dragoman: error: {folder / 'bad.txt'}: " in first.stderr
    assert "Traceback" not in first.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{p.stem}.txt" for p in seed_paths[3:]]

    finished = out / f"{seed_paths[3].stem}.txt"
    finished.write_text("finished earlier", encoding="utf-8")
    (folder / "bad.txt").unlink()
    again = run(hf_env, str(folder), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert "skipped 2" in again.stderr
    assert finished.read_text(encoding="utf-8") == "finished earlier"
    forced = run(hf_env, str(folder), "-o", str(out), "--force", "--quiet")
    assert forced.returncode == 0 and forced.stderr == ""
    assert finished.read_text(encoding="utf-8").count("\n") == seed_paths[3].read_text(
        encoding="utf-8"
    ).count("\n")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_run_keeps_complete_outputs_only(
    hf_env: dict[str, str], seed_paths: list[Path], tmp_path: Path, sig: signal.Signals
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for copy in range(3):  # enough work that the run is still going when the first output appears
        for path in seed_paths[3:]:
            shutil.copy(path, folder / f"{path.stem}_{copy}.txt")
    proc = subprocess.Popen(
        [DRAGOMAN, "translate", str(folder), "-o", str(out), *FAST],
        env=hf_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        while proc.poll() is None and not (out.exists() and any(out.glob("*.txt"))):
            time.sleep(0.02)
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    if sig == signal.SIGINT and proc.returncode != 0:
        assert proc.returncode == 130 and b"Traceback" not in stderr, stderr
    kept = {path.name: path.read_text(encoding="utf-8") for path in out.iterdir()}
    hidden = [name for name in kept if name.startswith(".")]
    # Ctrl-C cleans up; SIGKILL cannot be caught, so a write it cut short may leave its hidden
    # temporary file, never a partial file under an output's name (checked against the rerun below)
    assert not hidden or sig == signal.SIGKILL, f"partial files left behind: {hidden}"
    assert all(name.endswith(".tmp") for name in hidden), hidden
    kept = {name: text for name, text in kept.items() if not name.startswith(".")}
    assert kept, "the first finished output must be kept"

    rerun = run(hf_env, str(folder), "-o", str(out), "--quiet")  # resumes: skips what was kept
    assert rerun.returncode == 0, rerun.stderr
    final = {path.name: path.read_text(encoding="utf-8") for path in out.iterdir()}
    assert not [name for name in final if name.startswith(".")], "the rerun clears stale temporaries"
    assert len(final) == 6 and all(final[name] == text for name, text in kept.items())
    for path in seed_paths[3:]:
        copies = {final[f"{path.stem}_{copy}.txt"] for copy in range(3)}
        assert len(copies) == 1, "an output kept from the interrupted run differs from a complete one"
        assert copies.pop().count("\n") == path.read_text(encoding="utf-8").count("\n")


def test_review_page_is_written_next_to_the_translation(
    hf_env: dict[str, str], seed_paths: list[Path], tmp_path: Path
) -> None:
    page = tmp_path / "review.html"
    result = run(hf_env, str(seed_paths[4]), "-o", str(tmp_path / "a.txt"), "--review", str(page), "-q")
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "<html" in html.lower()
    assert "رحمون" in html  # the Arabic source is shown beside the English
