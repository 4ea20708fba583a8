"""Files and folders that fight back (issue 15: D6, D8, D9, D11): read-only glossary folders,
special files, two runs sharing an output folder, symlinked glossaries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from translate.io.atomic import _owner, atomic_write_text, remove_stale_temporaries

DRAGOMAN = str(Path(sys.executable).with_name("dragoman"))


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
