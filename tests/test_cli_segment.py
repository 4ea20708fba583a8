"""``dragoman segment`` through the installed console script."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import DRAGOMAN


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([DRAGOMAN, "segment", *args], input=stdin, capture_output=True)


def test_jsonl_records_cover_the_seed(seed_paths: list[Path]) -> None:
    path = seed_paths[0]
    out = _run(str(path), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    text = path.read_text(encoding="utf-8")
    keys = {
        "document",
        "block",
        "segment",
        "kind",
        "lang",
        "start",
        "end",
        "text",
        "translate",
        "split",
        "markers",
        "model_input",
    }
    assert keys <= set(records[0])
    assert all(text[r["start"] : r["end"]] == r["text"] for r in records)
    assert records[0]["document"] == path.stem
    footnotes = [r["text"] for r in records if r["kind"] == "footnote"]
    assert footnotes[0] == "Rolf Welberts"
    assert any(m["label"] == "1" for r in records for m in r["markers"])


@pytest.mark.slow
def test_json_and_text_formats(seed_paths: list[Path]) -> None:
    out = _run(str(seed_paths[4]), "--format", "json")
    assert out.returncode == 0
    payload = json.loads(out.stdout)
    assert payload["lang"] == "ar" and payload["segments"]
    text_out = _run(str(seed_paths[1]))
    assert text_out.returncode == 0
    assert "Read More" in text_out.stdout.decode() and "passthrough" in text_out.stdout.decode()


def test_stdin_and_forced_language() -> None:
    out = _run("-", "--format", "jsonl", "--source-lang", "ar", stdin="امنیت منطقه مهم است.".encode())
    assert out.returncode == 0
    record = json.loads(out.stdout.decode().splitlines()[0])
    assert record["document"] == "stdin" and record["lang"] == "ar"


@pytest.mark.slow
def test_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    english = tmp_path / "english.txt"
    english.write_text("Security in Central Asia.\nRead More\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Sécurité".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path, problem in [
        (english, "no Persian, Arabic or Tajik text"),
        (latin1, "UTF-8"),
        (empty, "empty"),
        (tmp_path / "missing.txt", "no such file"),
    ]:
        out = _run(str(path))
        err = out.stderr.decode()
        assert out.returncode == 2, err
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
        assert str(path) in err and problem in err
    bad_lang = _run("-", "--source-lang", "xx", stdin="امنیت".encode())
    assert bad_lang.returncode == 2 and "unsupported source language" in bad_lang.stderr.decode()


def test_output_file_written_atomically(tmp_path: Path, seed_paths: list[Path]) -> None:
    target = tmp_path / "segments.jsonl"
    out = _run(str(seed_paths[3]), "--format", "jsonl", "-o", str(target))
    assert out.returncode == 0 and out.stdout == b""
    assert all(json.loads(line)["translate"] for line in target.read_text(encoding="utf-8").splitlines())
