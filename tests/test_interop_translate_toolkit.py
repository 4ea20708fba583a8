"""A real CAT library as the client: translate-toolkit (the library behind Pootle and Weblate) reads
Dragoman's TMX, XLIFF 1.2, XLIFF 2 and TBX 2008, and Dragoman imports the TBX, TMX and XLIFF it writes.

translate-toolkit's import package is also called ``translate``, so it lives in its own virtual
environment, ``.venv-interop/`` under the repository root (made by ``.ci/setup`` from
``.ci/interop.lock``, or on first use here), and runs as a separate, isolated (``-I``) process with a timeout.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DRAGOMAN, REPO, SEED_FILES, SEED_LANGS
from filelock import FileLock
from review_records import records_for

from glossary.store import load_glossary, read_entries
from translate.records import SegmentRecord, read_records
from translate.review import render_review

pytestmark = [pytest.mark.interop, pytest.mark.slow]

INTEROP_VENV = REPO / ".venv-interop"
TTK_LOCK = REPO / ".ci" / "interop.lock"  # translate-toolkit and its dependencies, exact and hashed
PROBE = Path(__file__).parent / "interop" / "ttk_probe.py"


def _has_ttk(python: Path) -> bool:
    if not python.exists():
        return False
    probe = [str(python), "-I", "-c", "import translate.storage.tbx"]
    return subprocess.run(probe, capture_output=True, timeout=60).returncode == 0


@pytest.fixture(scope="session")
def ttk_python() -> Path:
    """The interpreter of the translate-toolkit environment, created when missing."""
    python = INTEROP_VENV / "bin" / "python"
    with FileLock(f"{INTEROP_VENV}.lock", timeout=900):
        if not _has_ttk(python):
            subprocess.run(
                [sys.executable, "-m", "venv", "--clear", str(INTEROP_VENV)], check=True, timeout=300
            )
            install = [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "--require-hashes",
                "-r",
                str(TTK_LOCK),
            ]
            proc = subprocess.run(install, capture_output=True, text=True, timeout=600)
            if proc.returncode != 0 or not _has_ttk(python):
                pytest.fail(f"could not install {TTK_LOCK} into {INTEROP_VENV}: {proc.stderr[-500:]}")
    return python


def ttk(python: Path, *args: str, stdin: str | None = None, cwd: Path | None = None):
    proc = subprocess.run(
        [str(python), "-I", str(PROBE), *args],
        input=stdin, capture_output=True, text=True, timeout=300, cwd=cwd,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout) if proc.stdout.strip() else None


def dragoman(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run([DRAGOMAN, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def persian_run() -> list[SegmentRecord]:
    return [r for path in SEED_FILES if SEED_LANGS[path.stem] == "fa" for r in records_for(path)]


@pytest.mark.parametrize(("fmt", "kind"), [("xliff12", "xliff"), ("xliff", "xliff2"), ("tmx", "tmx")])
def test_translate_toolkit_reads_dragoman_exchange_files(ttk_python, persian_run, tmp_path, fmt, kind):
    path = tmp_path / f"run.{fmt}"
    path.write_text(render_review(persian_run, fmt), encoding="utf-8")
    units = ttk(ttk_python, "read", kind, str(path))
    assert len(units) == len(persian_run)
    assert [u["source"] for u in units] == [r.source for r in persian_run]
    assert [u["target"] for u in units] == [r.target for r in persian_run]


def test_translate_toolkit_reads_dragoman_tbx_2008(ttk_python, tmp_path):
    dragoman("glossary", "export", "--format", "tbx", "--tbx-version", "2008", "-o", "all.tbx", cwd=tmp_path)
    units = ttk(ttk_python, "read", "tbx", str(tmp_path / "all.tbx"))
    entries = list(load_glossary())
    assert [u["id"] for u in units] == [e.id for e in entries]
    for unit, entry in zip(units, entries, strict=True):
        forms = [form for values in entry.forms.values() for form in values]  # German, Germans, US ...
        short = [entry.short] if entry.short else []
        assert unit["en"] == [entry.english, *short, *entry.unapproved, *forms]
        assert unit["deprecated"] == entry.unapproved
        for lang in ("fa", "ar"):
            typed = [form for _kind, form in entry.source_forms.get(lang, [])]
            assert unit[lang] == [*entry.variants.get(lang, []), *typed]


def test_dragoman_imports_the_tbx_translate_toolkit_writes(ttk_python, tmp_path):
    terms = [
        {"en": "Collective Security Treaty Organization", "fa": "سازمان پیمان امنیت جمعی"},
        {"en": "Shanghai Cooperation Organization", "fa": "سازمان همکاری شانگهای"},
        {"en": "Taliban", "fa": "طالبان"},
    ]
    ttk(ttk_python, "write-tbx", str(tmp_path / "ttk.tbx"), stdin=json.dumps(terms))
    assert "<!DOCTYPE martif" in (tmp_path / "ttk.tbx").read_text(encoding="utf-8")
    proc = dragoman("glossary", "import", "ttk.tbx", "--file", "desk.tsv", cwd=tmp_path)
    assert "3 entries read (TBX 2008" in proc.stderr
    entries = read_entries(tmp_path / "desk.tsv")
    assert [(e.english, e.variants["fa"][0]) for e in entries] == [(t["en"], t["fa"]) for t in terms]
    assert [e.id for e in entries] == [
        "collective_security_treaty_organization",
        "shanghai_cooperation_organization",
        "taliban",
    ]


def test_dragoman_imports_the_tmx_translate_toolkit_writes(ttk_python, persian_run, tmp_path):
    pairs = [{"fa": r.source, "en": r.target} for r in persian_run if r.translated][:25]
    ttk(ttk_python, "write-tmx", str(tmp_path / "ttk.tmx"), stdin=json.dumps(pairs))
    proc = dragoman("tm", "import", "ttk.tmx", "--into", "desk.tm.sqlite", "--format", "json", cwd=tmp_path)
    result = json.loads(proc.stdout)
    assert result["added"] + result["replaced"] == len(pairs) and result["added"] > 0


@pytest.mark.parametrize("fmt", ["xliff12", "xliff"])
def test_dragoman_imports_the_xliff_translate_toolkit_edits(ttk_python, persian_run, tmp_path, fmt):
    run_path = tmp_path / "run.jsonl"
    run_path.write_text(
        "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in persian_run), encoding="utf-8"
    )
    dragoman("review", "run.jsonl", "--format", fmt, "-o", "run.xlf", cwd=tmp_path)
    target = next(r for r in persian_run if r.translated)
    ttk(
        ttk_python,
        "edit-xliff",
        "run.xlf",
        "edited.xlf",
        target.segment,
        "Reviewed in a CAT tool.",
        cwd=tmp_path,
    )
    proc = dragoman(
        "review-import", "run.jsonl", "edited.xlf", "-o", "back.jsonl", "--format", "json", cwd=tmp_path
    )
    summary = json.loads(proc.stderr)
    assert summary["changed"] == 1 and summary["units"] == len(persian_run)
    back = read_records(tmp_path / "back.jsonl")
    changed = [r for r, old in zip(back, persian_run, strict=True) if r.target != old.target]
    assert [(r.segment, r.target) for r in changed] == [(target.segment, "Reviewed in a CAT tool.")]


def mixed_folder(tmp_path: Path, ttk_python: Path, last: str) -> Path:
    """A site folder where both packages were installed into one ``translate/``; ``last`` won."""
    import shutil

    site = tmp_path / "site"
    ttk_pkg = next(INTEROP_VENV.glob("lib/python*/site-packages/translate"))
    ignore = shutil.ignore_patterns("__pycache__")
    first, second = (ttk_pkg, REPO / "translate") if last == "dragoman" else (REPO / "translate", ttk_pkg)
    shutil.copytree(first, site / "translate", ignore=ignore)
    shutil.copytree(second, site / "translate", ignore=ignore, dirs_exist_ok=True)
    return site


def import_in(
    python: Path | str, site: Path, module: str, *, argv0: str = "-c"
) -> subprocess.CompletedProcess:
    code = f"import sys; sys.path.insert(0, {str(site)!r}); sys.argv[0] = {argv0!r}; import {module}"
    return subprocess.run([str(python), "-I", "-c", code], capture_output=True, text=True, timeout=120)


def assert_names_both(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert (
        "Dragoman (pip name 'dragoman')" in last
        and "translate-toolkit (pip name 'translate-toolkit')" in last
    )
    assert "uv tool install dragoman" in last


def test_name_clash_dragoman_installed_last(ttk_python, tmp_path):
    site = mixed_folder(tmp_path, ttk_python, last="dragoman")
    assert_names_both(import_in(ttk_python, site, "translate.storage.tbx"))  # translate-toolkit's users
    assert_names_both(import_in(sys.executable, site, "translate.cli.main"))  # Dragoman's users
    proc = import_in(sys.executable, site, "translate.cli.main", argv0="/usr/bin/dragoman")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("dragoman: error: ") and len(proc.stderr.strip().splitlines()) == 1


def test_name_clash_translate_toolkit_installed_last(ttk_python, tmp_path):
    site = mixed_folder(tmp_path, ttk_python, last="ttk")
    assert_names_both(import_in(sys.executable, site, "translate.cli.main"))
    assert (
        import_in(ttk_python, site, "translate.storage.tbx").returncode == 0
    )  # translate-toolkit still works


def test_translate_toolkit_code_meeting_dragoman_alone(tmp_path):
    site = tmp_path / "site"
    import shutil

    shutil.copytree(REPO / "translate", site / "translate", ignore=shutil.ignore_patterns("__pycache__"))
    assert_names_both(import_in(sys.executable, site, "translate.storage"))
