"""Reading inputs: encodings, BOMs, line endings, and one-line errors for unusable files."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from translate.errors import InputError
from translate.io.atomic import atomic_write_bytes, atomic_write_text
from translate.io.discover import discover_inputs
from translate.io.reading import read_text

PERSIAN = "سلام دنیا.\r\nامنیت آسیای مرکزی"


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    plain = tmp_path / "a.txt"
    plain.write_bytes(PERSIAN.encode("utf-8"))
    bom = tmp_path / "b.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + PERSIAN.encode("utf-8"))
    assert read_text(plain) == PERSIAN
    assert read_text(bom) == PERSIAN  # BOM removed, CRLF kept


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "u16.txt"
    data = PERSIAN.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + PERSIAN).encode(encoding)
    path.write_bytes(data)
    assert read_text(path) == PERSIAN


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(PERSIAN.encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", fake)
    assert read_text("-") == PERSIAN


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Security report".encode("utf-16-le"), "binary"),  # UTF-16 without BOM: NUL bytes
        ("Sécurité en Asie centrale".encode("latin-1"), "UTF-8"),
        (b"text\x01\x02\x03\x04\x05\x06 more", "control"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_text(path)
    message = str(err.value)
    assert message.startswith(str(path))
    assert problem in message
    assert "\n" not in message


def test_missing_folder_and_oversized(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_text(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text("امنیت " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        read_text(big, max_bytes=100)


def test_seeds_read(seed_paths: list[Path]) -> None:
    for path in seed_paths:
        text = read_text(path)
        assert text == path.read_text(encoding="utf-8")


def test_discover_files_folders_globs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ["b.txt", "a.txt", "sub/c.txt", "notes.md"]:
        (tmp_path / name).write_text("متن", encoding="utf-8")
    # a folder gives the .txt files directly inside it; a ** pattern recurses
    assert discover_inputs([str(tmp_path)]) == [tmp_path / "a.txt", tmp_path / "b.txt"]
    assert discover_inputs([str(tmp_path / "**" / "*.txt")]) == [
        tmp_path / "a.txt",
        tmp_path / "b.txt",
        tmp_path / "sub/c.txt",
    ]
    assert discover_inputs([str(tmp_path / "*.txt")]) == [tmp_path / "a.txt", tmp_path / "b.txt"]
    # a file given twice (directly and through its folder) is processed once
    assert discover_inputs([str(tmp_path / "a.txt"), str(tmp_path)])[0] == tmp_path / "a.txt"
    assert len(discover_inputs([str(tmp_path / "a.txt"), str(tmp_path)])) == 2
    assert discover_inputs(["-"]) == [Path("-")]


def test_discover_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        discover_inputs([str(tmp_path / "nope.txt")])
    with pytest.raises(InputError, match="matches no files"):
        discover_inputs([str(tmp_path / "*.txt")])
    with pytest.raises(InputError, match=r"no \.txt files"):
        discover_inputs([str(tmp_path)])
    with pytest.raises(InputError):
        discover_inputs([])


def test_atomic_write(tmp_path: Path) -> None:
    target = tmp_path / "out" / "result.txt"
    atomic_write_text(target, "یک\r\nدو")
    assert target.read_bytes() == "یک\r\nدو".encode()
    os.chmod(target, 0o640)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert (target.stat().st_mode & 0o777) == 0o640  # permissions of the replaced file kept
    assert [p.name for p in target.parent.iterdir()] == ["result.txt"]  # no temp files left
