"""The documentation's code runs: README.md and every page of ``docs/``.

* Every ```` ```python ```` block runs. A page's blocks run in order in one namespace (a later block
  may use an earlier one's names), in a temp folder holding ``seeds/``, a one-entry user glossary
  ``my.tsv`` and the spreadsheets ``desk.csv``/``desk.xlsx``, with the tiny models of
  ``tests/tiny_models.py`` in a fake Hugging Face cache under the real hub ids (so ``nllb-600m``
  loads). Blocks that use ``Translator`` run in a test of their own, skipped until
  ``translate.Translator`` exists.
* Every line of a shell block that starts with a command needing no model (``COMMANDS``) runs, the
  lines of one block in order in one such folder, which also holds ``run.jsonl``: seeds 003 (Persian)
  and 004 (Arabic) translated by the tiny model, as the docs' ``dragoman translate ... > run.jsonl``
  would make it, and ``desk.tm.sqlite``, the translation memory that run filled.
* A block preceded by ``<!-- no-test: needs a model -->`` is not run; of a python block its imports
  still are (the names it shows must exist).
* README.md stays at most 250 lines and keeps CI's test command; every relative link of the
  README and the docs resolves, anchors included.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossary.entry import Category, Entry
from glossary.formats.tsv import TsvFormat

REPO = Path(__file__).resolve().parent.parent
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
NO_TEST = "<!-- no-test: needs a model -->"
CI_TEST_COMMAND = "bash .ci/setup && .venv/bin/python -m pytest -q"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
SHELL_LANGS = {"bash", "sh", "console", "shell", ""}
# Commands that need no model: their lines in shell blocks are run.
COMMANDS = (
    "dragoman glossary ",
    "dragoman segment ",
    "dragoman align ",
    "dragoman review ",
    "dragoman review-import ",
    "dragoman terms report ",
    "dragoman evaluate --hyp ",
    "dragoman models list",
    "dragoman models info ",
    "dragoman tm stats ",
    "dragoman tm export ",
    "dragoman --help",
)
# Runnable lines that cannot run here, and why (each must still be in the docs).
SKIPPED = {
    "dragoman glossary import desk.tbx": "needs the user's MultiTerm export desk.tbx (not in the repository)",
    "dragoman evaluate --hyp out.en.txt": "needs the user's translation and reference files",
}


@dataclass(frozen=True)
class Block:
    page: Path
    number: int  # index among the page's fenced blocks
    lang: str
    code: str
    exempt: bool  # preceded by NO_TEST

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(REPO)} block {self.number}"


def _blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found = []
    for number, match in enumerate(_FENCE.finditer(text)):
        before = text[: match.start()].rstrip().splitlines()
        exempt = bool(before) and before[-1].strip() == NO_TEST
        found.append(Block(page, number, match.group(1), match.group(2), exempt))
    return found


ALL_BLOCKS = [block for page in PAGES for block in _blocks(page)]


def _uses_translator(block: Block) -> bool:
    return "Translator" in block.code


def _imports_only(code: str) -> str:
    """The import statements of ``code`` (what a block that needs a model must still get right)."""
    tree = ast.parse(code)
    return "\n".join(ast.unparse(n) for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom))


def _command_lines(block: Block) -> list[str]:
    lines = []
    for line in block.code.splitlines():
        line = line.strip().removeprefix("$ ")
        if line.startswith(COMMANDS):
            lines.append(line)
    return lines


def _has_placeholder(line: str) -> bool:
    command = line.split("#", 1)[0]
    return any(mark in command for mark in ("FILE", "...", "…", " [", "|json", "|text"))


def _translator_available() -> bool:
    import translate

    try:
        return hasattr(translate, "Translator")
    except ImportError:
        return False


# ----------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def _seed_run(tmp_path_factory: pytest.TempPathFactory, _fake_hf_cache_root: Path) -> Path:
    """``run.jsonl``: seeds 003 (fa) and 004 (ar) translated by the tiny NLLB, glossary enforced;
    beside it ``desk.tm.sqlite``, the translation memory of that run."""
    from glossary.store import load_glossary
    from translate.backends.base import DecodeOptions
    from translate.memory import open_memory
    from translate.pipeline import RunSettings, translate_paths

    out = tmp_path_factory.mktemp("seed-run")
    seeds = [REPO / "seeds" / "003_713b0ff946733b37.txt", REPO / "seeds" / "004_6dfbaefa9a0405cb.txt"]
    settings = RunSettings(
        model="nllb-600m",
        options=DecodeOptions(beam_size=1, max_length_ratio=1.0),
        glossary=load_glossary(),
        terms_mode="constrain",
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HOME", str(_fake_hf_cache_root))
        mp.setenv("HF_HUB_CACHE", str(_fake_hf_cache_root / "hub"))
        mp.setenv("HF_HUB_OFFLINE", "1")
        with open_memory(out / "desk.tm.sqlite", None, "constrain") as memory:
            result = translate_paths(seeds, out, "jsonl", settings, quiet=True, cache=memory)
    assert [r.status for r in result.results] == ["written", "written"]
    run = out / "run.jsonl"
    run.write_text(
        "".join((out / f"{s.stem}.jsonl").read_text(encoding="utf-8") for s in seeds), encoding="utf-8"
    )
    return run


@pytest.fixture
def docs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_hf_cache: Path) -> Path:
    """The working folder the docs' examples assume (see the module docstring)."""
    (tmp_path / "seeds").symlink_to(REPO / "seeds")
    mine = Entry(id="kabul-desk", english="Kabul", category=Category.PLACE, variants={"fa": ["کابل"]})
    (tmp_path / "my.tsv").write_text(TsvFormat().write([mine]), encoding="utf-8")
    (tmp_path / "desk.csv").write_text(
        "English,Persian,Arabic,Note,Category\nDushanbe,دوشنبه,دوشنبه,capital of Tajikistan,place\n",
        encoding="utf-8",
    )
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Term EN", "Term FA"])
    sheet.append(["Khujand", "خجند"])
    book.save(tmp_path / "desk.xlsx")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------------------------- the README


def test_the_readme_is_at_most_250_lines() -> None:
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


def test_the_readme_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    first = _blocks(REPO / "README.md")[0]
    lines = first.code.splitlines()
    assert lines[0].startswith("bash .ci/setup && .venv/bin/dragoman translate ")
    assert lines[1] == CI_TEST_COMMAND
    assert CI_TEST_COMMAND in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_every_docs_page_is_listed_in_the_index() -> None:
    index = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    for page in PAGES[1:]:
        if page.name != "index.md":
            assert f"]({page.name})" in index, f"docs/index.md does not link {page.name}"


# --------------------------------------------------------------------------------------- links

_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")


def _slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.MULTILINE)}


def _links(page: Path) -> list[str]:
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)
    return [m.group(1) for m in _LINK.finditer(text)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_relative_link_resolves(page: Path) -> None:
    for link in _links(page):
        if re.match(r"^[a-z]+:", link):
            continue  # http:, https:, mailto:
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        assert target.exists(), f"{page.name}: link to {link} does not resolve"
        if anchor and target.suffix == ".md":
            assert anchor in _anchors(target), f"{page.name}: no heading for #{anchor} in {target.name}"


def test_the_link_check_sees_links_and_anchors() -> None:
    assert "docs/index.md" in _links(REPO / "README.md")
    assert "benchmarks" in _anchors(REPO / "docs" / "design.md")
    assert _slug("Translation memory (`--tm desk.tm.sqlite`)") == "translation-memory---tm-desktmsqlite"


# -------------------------------------------------------------------------------------- python

PYTHON_PAGES = sorted({b.page for b in ALL_BLOCKS if b.lang == "python" and not _uses_translator(b)})
TRANSLATOR_BLOCKS = [b for b in ALL_BLOCKS if b.lang == "python" and _uses_translator(b)]


def test_python_blocks_are_found_and_few_are_exempt() -> None:
    python = [b for b in ALL_BLOCKS if b.lang == "python"]
    assert len(python) >= 6
    assert len(TRANSLATOR_BLOCKS) >= 2  # README and docs/translate.md
    assert not [b.where for b in python if b.exempt]  # every python block runs, with the tiny models


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_python_blocks_run(page: Path, docs_folder: Path) -> None:
    namespace: dict[str, object] = {"__name__": "docs"}
    for block in _blocks(page):
        if block.lang != "python" or _uses_translator(block):
            continue
        source = _imports_only(block.code) if block.exempt else block.code
        try:
            exec(compile(source, block.where, "exec"), namespace)
        except Exception as error:  # the failing block is the message
            pytest.fail(f"{block.where} failed: {type(error).__name__}: {error}\n{block.code}")


@pytest.mark.slow  # subprocesses / a translation per block
@pytest.mark.parametrize("block", TRANSLATOR_BLOCKS, ids=lambda b: b.where)
def test_translator_blocks_run(block: Block, docs_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not _translator_available():
        pytest.skip("translate.Translator does not exist yet (issue 17, item 1)")
    namespace: dict[str, object] = {"__name__": "docs"}
    exec(compile(block.code, block.where, "exec"), namespace)
    if block.page.name == "README.md":  # the README's promise: two lines, the glossary enforced
        assert "Collective Security Treaty Organization (CSTO)" in capsys.readouterr().out


def test_the_readme_glossary_block_uses_my_tsv(docs_folder: Path) -> None:
    namespace: dict[str, object] = {"__name__": "docs"}
    for block in _blocks(REPO / "README.md"):
        if block.lang == "python" and "Glossary.load" in block.code:
            exec(compile(block.code, block.where, "exec"), namespace)
    assert namespace["g"].label.startswith("default+my.tsv@")


# --------------------------------------------------------------------------------------- shell

SHELL_BLOCKS = [b for b in ALL_BLOCKS if b.lang in SHELL_LANGS and not b.exempt and _command_lines(b)]


def test_skipped_lines_are_still_in_the_docs() -> None:
    lines = [line for block in SHELL_BLOCKS for line in _command_lines(block)]
    for start in SKIPPED:
        assert any(line.startswith(start) for line in lines), f"{start!r} is no longer in the docs"


def test_shell_blocks_are_found() -> None:
    pages = {b.page.name for b in SHELL_BLOCKS}
    assert {"README.md", "glossary.md", "inputs-and-outputs.md", "review.md"} <= pages


def _files(folder: Path) -> dict[str, int]:
    """Each file in ``folder`` (the seeds link left out) with its modification time."""
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file() and p.relative_to(folder).parts[0] != "seeds"
    }


@pytest.mark.slow  # subprocesses / a translation per block
@pytest.mark.parametrize("block", SHELL_BLOCKS, ids=lambda b: b.where)
def test_shell_lines_run(block: Block, docs_folder: Path, _seed_run: Path) -> None:
    for made in ("run.jsonl", "desk.tm.sqlite"):
        (docs_folder / made).write_bytes((_seed_run.parent / made).read_bytes())
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    ran = 0
    for line in _command_lines(block):
        if _has_placeholder(line) or any(line.startswith(start) for start in SKIPPED):
            continue
        before = _files(docs_folder)
        out = subprocess.run(
            ["bash", "-o", "pipefail", "-c", line], capture_output=True, text=True, env=env, cwd=docs_folder
        )
        assert out.returncode == 0, f"{block.where}: {line}\n{out.stderr}"
        wrote = _files(docs_folder) != before
        assert out.stdout.strip() or out.stderr.strip() or wrote, (
            f"{block.where}: {line} printed and wrote nothing"
        )
        ran += 1
    if not ran:
        pytest.skip("every command line of this block has a placeholder or needs the user's files")
