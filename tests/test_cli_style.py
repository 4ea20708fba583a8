"""One CLI style: commands grouped by job, engine options declared once, ``batch`` an alias of
``translate``, library errors turned into flag names by the CLI."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup

from translate.cli import main
from translate.cli.panels import ORDER
from translate.errors import DragomanError

REPO = Path(__file__).resolve().parent.parent
CLI_DIR = REPO / "translate" / "cli"
DRAGOMAN = str(Path(sys.executable).with_name("dragoman"))
JOBS = {
    "Translate": {"translate", "segment", "tm"},
    "Glossary": {"glossary", "terms"},
    "Review": {"review", "review-import", "serve"},
    "Evaluate & align": {"align", "evaluate"},
    "Models & setup": {"models", "version"},
}

NOT_ENGINE_OPTIONS = {  # same flag, another meaning
    ("align_cmd.py", '"--model"'): "the model of the chrF bridge (optional, no glossary)",
    ("tm_cmd.py", '"--model"'): "the model name recorded for imported TMX units",
}


def _group() -> TyperGroup:
    group = typer.main.get_command(main.cli)
    assert isinstance(group, TyperGroup)
    return group


def _options(command: Any) -> dict[str, Any]:
    return {opt: p for p in command.params for opt in p.opts}


def test_help_lists_every_command_in_its_job_panel_in_job_order() -> None:
    group = _group()
    ctx = typer.Context(group)
    visible = [name for name in group.list_commands(ctx) if not group.commands[name].hidden]
    panels = {name: group.commands[name].rich_help_panel for name in visible}
    assert {job: {n for n, p in panels.items() if p == job} for job in JOBS} == JOBS
    assert set(panels.values()) == set(ORDER)
    order = [ORDER.index(panels[name]) for name in visible]
    assert order == sorted(order)  # panels follow the job order
    env = {**os.environ, "COLUMNS": "150"}
    shown = subprocess.run([DRAGOMAN, "--help"], capture_output=True, text=True, env=env, check=True).stdout
    at = [shown.index(f"─ {job} ─") for job in ORDER]
    assert at == sorted(at) and "batch" not in shown


def test_batch_is_translate_with_a_summary() -> None:
    """The alias parses exactly translate's options (no drift: ``--device auto`` on both)."""
    group = _group()
    translate, batch = group.commands["translate"], group.commands["batch"]
    assert batch.hidden
    assert _options(batch).keys() == _options(translate).keys()
    assert _options(batch)["--summary"].default == "text" and _options(translate)["--summary"].default is None
    for option in ("--engine", "--address", "--actors", "--documents-per-task", "--device", "--review"):
        assert option in _options(translate)


def test_engine_options_are_declared_once() -> None:
    """Engine flags appear in translate/cli only in engine_options.py; no command uses the old
    ``x: T = typer.Option(...)`` style or is defined inside ``register``."""
    engine_flags = ('"--model"', '"--backend"', '"--device"', '"--precision"', '"--beam"', '"--batch-size"')
    engine_flags += ('"--terms"', '"--max-length-ratio"', '"--english-vocab/--full-vocab"', '"--threads"')
    for path in sorted(CLI_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        if path.name != "engine_options.py":
            declared = [flag for flag in engine_flags if f"typer.Option({flag}" in source.replace("\n", "")]
            declared += [flag for flag in engine_flags if f"typer.Option(\n        {flag}" in source]
            declared = [flag for flag in declared if (path.name, flag) not in NOT_ENGINE_OPTIONS]
            assert not declared, (path.name, declared)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                defaults = node.args.defaults + [d for d in node.args.kw_defaults if d is not None]
                old = [
                    d
                    for d in defaults
                    if isinstance(d, ast.Call) and ast.unparse(d.func).startswith("typer.")
                ]
                assert not old, (path.name, node.name)
                if node.name == "register":
                    nested = [
                        n.name for n in ast.walk(node) if isinstance(n, ast.FunctionDef) and n is not node
                    ]
                    assert not nested, (path.name, nested)


def test_library_errors_name_settings_and_the_cli_names_flags() -> None:
    from translate.backends.hf_transformers import resolve_device

    with pytest.raises(DragomanError) as err:
        resolve_device("tpu")
    assert err.value.where == "device" and main.as_flags(err.value).startswith("--device: unknown device")
    terms = DragomanError("terms mode", "unknown mode 'x'")
    assert main.as_flags(terms) == "--terms: unknown mode 'x'"
    assert main.as_flags(DragomanError("a.txt", "empty")) == "a.txt: empty"


def test_translate_summary_json_then_batch_alias_skips(tmp_path: Path, tiny_nllb_dir: Path) -> None:
    """``translate -o DIR --summary json`` is the archive run; ``batch`` then finds the output done."""
    folder = tmp_path / "in"
    folder.mkdir()
    seed = next((REPO / "seeds").glob("004_*.txt"))
    shutil.copy(seed, folder / seed.name)
    common = [
        "-o",
        str(tmp_path / "out"),
        "-m",
        str(tiny_nllb_dir),
        "--beam",
        "1",
        "--max-length-ratio",
        "0.1",
    ]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    run = subprocess.run(
        [DRAGOMAN, "translate", str(folder), *common, "--summary", "json", "--device", "auto"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["engine"] == "local" and report["documents"] == {"written": 1, "skipped": 0, "failed": 0}
    assert (tmp_path / "out" / f"{seed.stem}.txt").read_text(encoding="utf-8").strip()
    again = subprocess.run(
        [DRAGOMAN, "batch", str(folder), *common, "--summary", "json", "--device", "auto"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["documents"] == {"written": 0, "skipped": 1, "failed": 0}


def test_archive_runs_need_an_output_folder(tmp_path: Path) -> None:
    run = subprocess.run(
        [DRAGOMAN, "translate", str(tmp_path), "--summary", "text"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [
        "dragoman: error: --output: an archive run (--engine ray or --summary) needs -o FOLDER"
    ]
