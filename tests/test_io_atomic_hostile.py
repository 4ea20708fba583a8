"""Files and folders that fight back (issue 15: D6, D8, D9, D11): read-only glossary folders,
special files, two runs sharing an output folder, symlinked glossaries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DRAGOMAN

from glossary.io.atomic import _owner, atomic_write_text, remove_stale_temporaries

# ---------------------------------------------------------------------------------------- D9


def test_a_run_never_removes_the_temporary_another_live_run_is_writing(tmp_path):
    target = tmp_path / "doc.txt"
    host = _owner().rpartition("-")[0]
    other_run = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".doc.txt.{host}-{other_run.pid}.ab12cd34.tmp"
        exited = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
        dead_pid = exited.stdout.decode().strip()
        dead = tmp_path / f".doc.txt.{host}-{dead_pid}.ef56ab78.tmp"
        old_style = tmp_path / ".doc.txt.k1ll3d00.tmp"  # written before names carried an owner
        remote = tmp_path / ".doc.txt.otherhost-1.a1b2c3d4.tmp"  # another machine on a shared volume
        for path in (live, dead, old_style, remote):
            path.write_text("half", encoding="utf-8")
        removed = remove_stale_temporaries(target)
        assert sorted(removed) == sorted([dead, old_style])
        assert live.exists() and remote.exists()
    finally:
        other_run.kill()
        other_run.wait()
    assert remove_stale_temporaries(target) == [live]  # its writer is gone now


def test_atomic_writes_name_their_owner_and_leave_nothing_behind(tmp_path):
    seen: list[str] = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(Path(src).name)
        real_replace(src, dst)

    os.replace = spy
    try:
        atomic_write_text(tmp_path / "a.txt", "x")
    finally:
        os.replace = real_replace
    assert seen[0].startswith(f".a.txt.{_owner()}.") and seen[0].endswith(".tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


WRITER = """
import sys
from pathlib import Path

import pytest
from translate.io.atomic import atomic_write_text, remove_stale_temporaries
folder, n = Path(sys.argv[1]), sys.argv[2]
for k in range(150):
    target = folder / f"doc{k % 3}.txt"
    remove_stale_temporaries(target)  # what every batch run does before each output
    atomic_write_text(target, f"writer {n} round {k}\\n" * 2000)
"""


def test_two_runs_sharing_an_output_folder_both_finish(tmp_path):
    """D9: two processes clean and write the same outputs at once; neither loses a write."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), str(n)], env=env, stderr=subprocess.PIPE
        )
        for n in range(2)
    ]
    errors = [run.communicate(timeout=300)[1].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc0.txt", "doc1.txt", "doc2.txt"]


# ---------------------------------------------------------------------------------- D6, D11


def _glossary(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [DRAGOMAN, "glossary", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


ADD = ["add", "Acme Group", "--fa", "گروه آکمه", "--category", "organization"]


def _assert_one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dragoman: error: "), proc.stderr
    assert all(word in lines[0] for word in words), lines[0]


def test_a_glossary_that_cannot_be_locked_is_one_error(tmp_path):
    """D6 as any user: the lock file's place is taken (a folder), so the edit cannot lock."""
    (tmp_path / "g.tsv.lock").mkdir()
    _assert_one_line_error(_glossary(*ADD, "--file", "g.tsv", cwd=tmp_path), "g.tsv", "cannot lock")
    assert not (tmp_path / "g.tsv").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_glossary_folder_is_one_error(tmp_path):
    """D6: ``glossary add`` into a read-only folder."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        _assert_one_line_error(_glossary(*ADD, "--file", "ro/g.tsv", cwd=tmp_path), "ro/g.tsv")
    finally:
        folder.chmod(0o755)


def test_edits_through_a_symlink_change_the_target_and_keep_the_link(tmp_path):
    """D11: the link stays a link, the real file gets the entry, one lock file beside the real file."""
    real = tmp_path / "shared" / "desk.tsv"
    real.parent.mkdir()
    link = tmp_path / "mine.tsv"
    link.symlink_to(real)
    proc = _glossary(*ADD, "--file", "mine.tsv", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Acme Group" in real.read_text(encoding="utf-8")
    assert not (tmp_path / "mine.tsv.lock").exists()


ADDER = """
import sys
from glossary.entry import Category, Entry
from glossary.store import update_file, upsert
path, name = sys.argv[1], sys.argv[2]
for k in range(25):
    entry = Entry(id=f"{name}_{k}", english=f"{name} {k}", category=Category.ORGANIZATION,
                  variants={"fa": [f"سازمان {name} {k}"]})
    update_file(path, lambda entries, e=entry: upsert(entries, e))
"""


def test_concurrent_adds_through_a_link_and_the_real_path_are_all_kept(tmp_path):
    """D11: one lock per real file, so adds through two names of one file never lose each other."""
    from glossary.store import read_entries

    real = tmp_path / "desk.tsv"
    (tmp_path / "link.tsv").symlink_to(real)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", ADDER, str(tmp_path / name), tag], env=env, stderr=subprocess.PIPE
        )
        for name, tag in (("link.tsv", "via_link"), ("desk.tsv", "via_real"), ("./link.tsv", "dot_link"))
    ]
    errors = [run.communicate(timeout=300)[1].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], errors
    assert len(read_entries(real)) == 75
    assert (tmp_path / "link.tsv").is_symlink()


# ---------------------------------------------------------------------------------------- D8

SPECIAL = {
    "/dev/zero": "too large",  # a character device that never ends
    "/dev/urandom": "too large",
    "/dev/null": "empty",
    "/proc/self/status": "English",  # a /proc file: size 0 in stat, read with the limit all the same
}


@pytest.mark.parametrize("path", [p for p in SPECIAL if Path(p).exists()])
def test_special_files_are_read_with_a_size_limit(tmp_path, path):
    proc = subprocess.run(
        [DRAGOMAN, "segment", path], cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    _assert_one_line_error(proc, path, SPECIAL[path])


@pytest.mark.slow
def test_fifo_and_socket_are_refused_without_waiting_for_a_writer(tmp_path):
    import socket

    from translate.errors import InputError
    from translate.io.reading import read_text

    os.mkfifo(tmp_path / "fifo")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    try:
        for name in ("fifo", "sock"):
            proc = subprocess.run(
                [DRAGOMAN, "segment", name], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )  # fmt: skip
            _assert_one_line_error(proc, name, "FIFO or socket")
            with pytest.raises(InputError, match="FIFO or socket"):
                read_text(tmp_path / name)
            for command in (["review", name], ["glossary", "list", "-g", name]):
                _assert_one_line_error(
                    subprocess.run(
                        [DRAGOMAN, *command], cwd=tmp_path, capture_output=True, text=True, timeout=60
                    ),
                    name,
                )
    finally:
        server.close()


def test_a_small_limit_holds_for_an_endless_device():
    from translate.errors import InputError
    from translate.io.reading import read_bytes_limited

    with pytest.raises(InputError, match="too large"):
        read_bytes_limited("/dev/zero", 1000, "/dev/zero")
