"""The README's code is run: every ```python block, and every ``dragoman glossary``/``dragoman segment``
line of its shell blocks that needs no model.

Python blocks run in order in one namespace (a later block may use an earlier one's names) in a temp
folder holding ``seeds/`` and a one-entry ``my.tsv``. A block preceded by
``<!-- no-test: needs a model -->`` is not run, but its imports are: the names it shows must exist.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from glossary.entry import Category, Entry
from glossary.formats.tsv import TsvFormat

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
NO_TEST = "<!-- no-test: needs a model -->"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
SHELL_LANGS = {"bash", "sh", "console", "shell", ""}
COMMANDS = ("dragoman glossary", "dragoman segment")
# Lines that cannot run here, and why (checked: each must still be in the README).
SKIPPED = {
    "dragoman glossary import desk.tbx": "needs the user's MultiTerm export desk.tbx (not in the repository)",
}


def _blocks() -> list[tuple[str, str, bool]]:
    """(language, code, marked no-test) of each fenced block, in README order."""
    found = []
    for match in _FENCE.finditer(README):
        before = README[: match.start()].rstrip().splitlines()
        found.append((match.group(1), match.group(2), bool(before) and before[-1].strip() == NO_TEST))
    return found


def _imports_only(code: str) -> str:
    """The import statements of ``code`` (what a block that needs a model must still get right)."""
    tree = ast.parse(code)
    return "\n".join(ast.unparse(n) for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom))


def _shell_lines() -> list[str]:
    lines = []
    for lang, code, _ in _blocks():
        if lang not in SHELL_LANGS:
            continue
        for line in code.splitlines():
            line = line.strip().removeprefix("$ ")
            if line.startswith(COMMANDS):
                lines.append(line)
    return lines


@pytest.fixture
def readme_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the seeds, a user glossary ``my.tsv`` and the spreadsheet ``desk.*`` files."""
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


def test_the_readme_has_python_blocks_and_few_are_exempt() -> None:
    python = [(code, exempt) for lang, code, exempt in _blocks() if lang == "python"]
    assert len(python) >= 4
    assert sum(exempt for _, exempt in python) <= 2  # "use sparingly"


def test_every_python_block_runs(readme_folder: Path) -> None:
    namespace: dict[str, object] = {"__name__": "readme"}
    ran = 0
    for number, (lang, code, exempt) in enumerate(_blocks()):
        if lang != "python":
            continue
        source = _imports_only(code) if exempt else code
        try:
            exec(compile(source, f"README.md block {number}", "exec"), namespace)
        except Exception as error:  # the failing block is the message
            pytest.fail(f"README python block {number} failed: {type(error).__name__}: {error}\n{code}")
        ran += not exempt
    assert ran >= 2
    assert namespace["g"].label.startswith("default+my.tsv@")  # the glossary block used my.tsv


def test_skipped_shell_lines_are_still_in_the_readme() -> None:
    lines = _shell_lines()
    for start in SKIPPED:
        assert any(line.startswith(start) for line in lines), f"{start!r} is no longer in the README"


@pytest.mark.parametrize("line", _shell_lines())
def test_glossary_and_segment_lines_run(line: str, readme_folder: Path) -> None:
    if "FILE" in line or "..." in line or "…" in line:
        pytest.skip("placeholder in the line")
    for start, why in SKIPPED.items():
        if line.startswith(start):
            pytest.skip(why)
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    out = subprocess.run(
        ["bash", "-o", "pipefail", "-c", line], capture_output=True, text=True, env=env, cwd=readme_folder
    )
    assert out.returncode == 0, f"{line}\n{out.stderr}"
    assert out.stdout.strip() or (readme_folder / "mine.tsv").exists()
