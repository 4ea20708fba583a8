"""translate_paths: one output per input, skip/force, failures collected, atomic and resumable."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from handmade_docs import DictBackend

from translate.errors import DragomanError
from translate.outputs import get_writer
from translate.pipeline import RunSettings, translate_paths
from translate.pipeline.batch import plan_outputs

NO_MODEL = RunSettings(model="/nonexistent/model")  # loading it would fail: proves it is never loaded


@pytest.fixture
def seed_folder(tmp_path: Path, seed_paths: list[Path]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in seed_paths:
        shutil.copy(path, folder / path.name)
    return folder


def _run(inputs, out, fmt="text", **kwargs):
    kwargs.setdefault("backend", DictBackend())
    return translate_paths([str(i) for i in inputs], out, fmt, NO_MODEL, quiet=True, **kwargs)


def test_folder_run_writes_one_output_per_input(seed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run([seed_folder], out, "jsonl")
    assert not result.failed and len(result.written) == 5
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.stem + ".jsonl" for p in seed_folder.iterdir())
    for path in out.iterdir():
        text = (seed_folder / (path.stem + ".txt")).read_text(encoding="utf-8")
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert text[rec["source_start"] : rec["source_end"]] == rec["source"]


def test_existing_outputs_are_skipped_and_force_redoes_them(seed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run([seed_folder], out)
    done = out / "001_392199c645f46ff0.txt"
    done.write_text("kept", encoding="utf-8")
    backend = DictBackend()
    result = translate_paths([seed_folder], out, "text", NO_MODEL, quiet=True)  # no backend: not loaded
    assert len(result.skipped) == 5 and not result.written
    assert done.read_text(encoding="utf-8") == "kept" and backend.calls == []
    result = _run([seed_folder], out, force=True)
    assert len(result.written) == 5
    assert done.read_text(encoding="utf-8") != "kept"


def test_a_bad_file_does_not_stop_the_others(seed_folder: Path, tmp_path: Path) -> None:
    (seed_folder / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (seed_folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = _run([seed_folder], out)
    assert len(result.written) == 5
    assert sorted(r.source for r in result.failed) == [
        str(seed_folder / "bad.txt"),
        str(seed_folder / "empty.txt"),
    ]
    bad = next(r for r in result.failed if r.source.endswith("bad.txt"))
    assert bad.error.startswith(str(seed_folder / "bad.txt") + ": ") and "binary" in bad.error
    assert not (out / "bad.txt").exists() and not (out / "empty.txt").exists()


def test_interrupt_keeps_finished_outputs_and_no_partial_files(seed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = sorted(seed_folder.iterdir())[0]
    _run([first], f"{out}/")  # what a finished first document looks like (-o FOLDER/)
    reference = (out / f"{first.stem}.txt").read_text(encoding="utf-8")
    shutil.rmtree(out)

    class StopOnSecondDocument(DictBackend):
        def translate(self, texts, source_lang, *args, **kwargs):
            if (out / f"{first.stem}.txt").exists():
                raise KeyboardInterrupt
            return super().translate(texts, source_lang, *args, **kwargs)

    with pytest.raises(KeyboardInterrupt):
        _run([seed_folder], out, backend=StopOnSecondDocument({}))
    assert [p.name for p in out.iterdir()] == [f"{first.stem}.txt"]  # no temp files either
    assert (out / f"{first.stem}.txt").read_text(encoding="utf-8") == reference
    result = _run([seed_folder], out)  # the rerun resumes
    assert len(result.skipped) == 1 and len(result.written) == 4


def test_single_input_to_a_file_and_to_stdout(seed_paths: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    result = _run([seed_paths[3]], target, "markdown")
    assert [r.output for r in result.written] == [str(target)]
    assert target.read_text(encoding="utf-8").count("\n") == seed_paths[3].read_text(encoding="utf-8").count(
        "\n"
    )
    _run([seed_paths[3]], tmp_path / "a.txt")
    stream = io.StringIO()
    _run([seed_paths[3]], None, stdout=stream)
    assert stream.getvalue() == (tmp_path / "a.txt").read_text(encoding="utf-8")


def test_stdout_takes_several_inputs_only_as_jsonl(seed_paths: list[Path]) -> None:
    stream = io.StringIO()
    result = _run(seed_paths[3:], None, "jsonl", stdout=stream)
    assert len(result.written) == 2
    docs = {json.loads(line)["document"] for line in stream.getvalue().splitlines()}
    assert docs == {p.stem for p in seed_paths[3:]}
    with pytest.raises(DragomanError, match="2 inputs need -o FOLDER"):
        _run(seed_paths[3:], None, "text")


def test_output_plans_refuse_overwriting_inputs_and_name_clashes(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    a, b = tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"
    for path in (a, b):
        path.write_text("متن.", encoding="utf-8")
    text = get_writer("text")
    with pytest.raises(DragomanError, match=r"both .* would write here"):
        plan_outputs([a, b], tmp_path / "out", text)
    with pytest.raises(DragomanError, match="would overwrite an input"):
        plan_outputs([a], tmp_path / "x", text)
    with pytest.raises(DragomanError, match="is a file"):
        plan_outputs([a, b], a, text)
    assert plan_outputs([a], f"{tmp_path}/new/", text)[0].target == tmp_path / "new" / "a.txt"
    assert plan_outputs([Path("-")], tmp_path, get_writer("json"))[0].target == tmp_path / "stdin.json"


def test_records_are_kept_for_the_review_page_when_asked(seed_paths: list[Path], tmp_path: Path) -> None:
    result = _run(seed_paths[4:], tmp_path / "out", keep_records=True)
    (item,) = result.written
    assert item.document is not None and item.document.lang == "ar"
    assert [r.segment for r in item.records] == [s.id for s in item.document.segments]


def test_a_rerun_clears_temporaries_a_killed_run_left(seed_folder: Path, tmp_path: Path) -> None:
    """SIGKILL during a write leaves ``.NAME.XXXXXXXX.tmp``; the next run removes it, whether it then
    writes that output or skips it, and leaves other hidden files alone."""
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "001_392199c645f46ff0.txt"
    kept.write_text("finished earlier", encoding="utf-8")
    stale = [out / f".{kept.name}.k1ll3d00.tmp", out / ".002_90c2a75fab52158d.txt.a1b2c3d4.tmp"]
    for path in stale:
        path.write_text("half", encoding="utf-8")
    unrelated = out / ".notes.tmp"
    unrelated.write_text("mine", encoding="utf-8")
    result = _run([seed_folder], out)
    assert len(result.skipped) == 1 and len(result.written) == 4
    assert not any(path.exists() for path in stale)
    assert (
        unrelated.read_text(encoding="utf-8") == "mine"
        and kept.read_text(encoding="utf-8") == "finished earlier"
    )
