"""The review store on its own: compare-and-set under threads, undo, history kept, bad files refused."""

from __future__ import annotations

import dataclasses
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import SEED_FILES
from review_records import records_for
from serve_helpers import DRAGOMAN, write_run

from translate.errors import DragomanError
from translate.memory import TranslationMemory
from translate.serve.store import ReviewStore, SegmentState, VersionConflict
from translate.serve.workspace import Workspace, default_paths, model_input

BASE = SegmentState("doc", "b1.s0", "Machine English.", "translated")


def test_only_one_of_many_writers_on_one_version_wins(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "review.sqlite")
    results: list[str] = []

    def write(n: int) -> None:
        other = ReviewStore(tmp_path / "review.sqlite")
        try:
            other.change(BASE, "src", action="edit", target=f"edit {n}", state="translated",
                         expected_version=0, reviewer=f"r{n}")  # fmt: skip
            results.append(f"ok {n}")
        except VersionConflict:
            results.append("conflict")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    winners = [r for r in results if r.startswith("ok")]
    assert len(results) == 8 and len(winners) == 1 and results.count("conflict") == 7
    state = store.states()[("doc", "b1.s0")]
    assert state.version == 1 and state.target == "edit " + winners[0].split()[1]


def test_undo_restores_and_history_keeps_everything(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "review.sqlite")
    one = store.change(BASE, "src", action="edit", target="Edited.", state="translated",
                       expected_version=0, reviewer="a")  # fmt: skip
    two = store.change(BASE, "src", action="reject", target="Edited.", state="initial", substate="rejected",
                       comment="wrong name", expected_version=one.version, reviewer="b")  # fmt: skip
    back = store.undo(BASE, "src", expected_version=two.version, reviewer="b")
    assert (back.target, back.state, back.substate) == ("Edited.", "translated", "")
    again = store.undo(BASE, "src", expected_version=back.version, reviewer="b")
    assert (again.target, again.state) == ("Machine English.", "translated")
    with pytest.raises(DragomanError, match="nothing to undo"):
        store.undo(BASE, "src", expected_version=again.version, reviewer="b")
    actions = [e.action for e in store.history("doc", "b1.s0")]
    assert actions == ["edit", "reject", "undo", "undo"]
    assert store.comments("doc")["b1.s0"][0].comment == "wrong name"


@pytest.mark.slow
def test_a_file_that_is_not_a_review_store_is_a_one_line_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(DragomanError, match="not a review store"):
        ReviewStore(text)
    runs = tmp_path / "runs"
    runs.mkdir()
    for args, message in (
        ([str(tmp_path / "missing")], "not a folder of runs"),
        ([str(runs)], "no *.jsonl runs"),
    ):
        result = subprocess.run([str(DRAGOMAN), "serve", *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and message in result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    import socket

    from conftest import SEED_FILES
    from serve_helpers import make_runs

    runs = make_runs(tmp_path, [SEED_FILES[0]])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run(
            [str(DRAGOMAN), "serve", str(runs), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2 and f"127.0.0.1:{port}: cannot listen" in result.stderr
    assert result.stderr.count("\n") == 1 and "open http" not in result.stderr


def test_the_memory_keeps_an_accept_while_another_copy_of_the_sentence_is_accepted(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    runs.mkdir()
    records = records_for(SEED_FILES[0])
    write_run(runs, records, "first")
    write_run(runs, [dataclasses.replace(r, document="copy") for r in records], "copy")
    workspace = Workspace(default_paths(runs, glossary=tmp_path / "glossary.tsv"), reviewer="tester")
    rec = next(r for r in records if r.translated and r.source.strip() and "<" not in r.source)

    def memory_english() -> str | None:
        with TranslationMemory(workspace.paths.memory) as memory:
            memory.describe("k", rec.source_lang, model_input(rec), "any-model", "any")
            return memory.get("k")

    workspace.act("copy", rec.segment, "accept", version=0, target="The copy's English.")
    workspace.act(rec.document, rec.segment, "accept", version=0, target="The first English.")
    assert memory_english() == "The first English."
    # taking the first accept back leaves the copy's accepted English in the memory, not nothing
    workspace.act(rec.document, rec.segment, "undo", version=1)
    assert memory_english() == "The copy's English."
    workspace.act("copy", rec.segment, "reject", version=1, comment="wrong")
    assert memory_english() is None
