"""Imports run one way. The contracts in ``pyproject.toml`` (``[tool.importlinter]``: ``glossary``
imports nothing from ``translate``; the layers CLI -> workspace/review/evaluate -> pipeline -> terms ->
backends -> decoding -> basics -> glossary) hold, and no two files of ``translate`` and ``glossary``
import each other, directly or round a longer loop. Imports are read with ``ast``, function-level ones
included; imports under ``if TYPE_CHECKING:`` only name types, never run, and are not counted."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

import glossary
import translate

ROOT = Path(translate.__file__).resolve().parent.parent
PACKAGES = (Path(translate.__file__).resolve().parent, Path(glossary.__file__).resolve().parent)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def import_statements(source: str, package: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, module, imported names) of every import in ``source`` that can run, at any depth
    (functions, classes, ifs); relative imports resolved against ``package``; ``import a, b`` gives
    one row per module with no names."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = parts[: len(parts) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module, tuple(alias.name for alias in node.names)))
    return found


def runtime_imports(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import that can run (``import_statements``); ``from a import b``
    counts as ``a`` and as ``a.b``."""
    return [
        (line, name)
        for line, module, names in import_statements(source, package)
        for name in (module, *(f"{module}.{n}" for n in names))
    ]


def module_files(folders: Iterable[Path]) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file under the package ``folders``."""
    modules = {}
    for folder in folders:
        for path in folder.rglob("*.py"):
            parts = list(path.relative_to(folder.parent).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def file_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of ``modules`` it imports. ``from a import b`` imports ``a.b`` when that
    is a module, else ``a``; a name inside a module counts as the module. Imports of the module's own
    parent packages (``from translate import __version__`` in ``translate.review.tmx``) are not
    counted: Python runs every parent's ``__init__`` before the module anyway."""
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for _line, module, names in import_statements(path.read_text(encoding="utf-8"), package):
            submodules = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules]
            plain = not names or len(submodules) < len(names)
            for target in [*submodules, *([module] if plain else [])]:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and not _is_parent_or_self(target, name):
                    graph[name].add(target)
    return graph


def _is_parent_or_self(package: str, module: str) -> bool:
    return module == package or module.startswith(package + ".")


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    from importlinter import configuration
    from importlinter.application.use_cases import lint_imports

    configuration.configure()
    kept = lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=None, no_logo=True)
    report = capsys.readouterr().out
    assert kept, report
    assert "glossary is a standalone termbase library" in report and "imports run one way" in report


def test_no_file_imports_itself_round_a_loop() -> None:
    modules = module_files(PACKAGES)
    assert "glossary.formats.base" in modules and "translate.decoding.ct2_forcing" in modules
    found = cycles(file_graph(modules))
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_glossary_files_import_nothing_from_translate() -> None:
    """The glossary command (``glossary/cli.py``) is the one exception while it lives in ``glossary``."""
    wrong = [
        f"{name}:{line} imports {target}"
        for name, path in module_files(PACKAGES[1:]).items()
        if name != "glossary.cli"
        for line, target in runtime_imports(path.read_text(encoding="utf-8"), name.rpartition(".")[0])
        if target == "translate" or target.startswith("translate.")
    ]
    assert not wrong, "\n".join(wrong)


def test_the_cycle_finder_sees_long_loops_and_function_level_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("def f():\n    from ..c import thing\n")
    (package / "c.py").write_text("import pkg.a\n")
    (package / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.e\n")
    (package / "e.py").write_text("import pkg.d\n")
    # a parent package's name (pkg/__init__ runs before pkg.f anyway): not a cycle of files
    (package / "f.py").write_text("from pkg import VERSION\n")
    (package / "__init__.py").write_text("VERSION = 1\ndef lazy():\n    from pkg import f\n")
    assert cycles(file_graph(module_files([package]))) == [["pkg.a", "pkg.c", "pkg.sub.b"]]


def test_the_import_reader_sees_nested_and_relative_imports_and_skips_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from translate.backends.base import BackendOutput\n"
        "def f():\n    if True:\n        from translate.pipeline import terms_hook\n"
        "class C:\n    def g(self):\n        import translate.backends\n"
        "from ..backends import quantize\nfrom . import acceptance\n"
    )
    modules = {m for _l, m in runtime_imports(source, "translate.decoding")}
    assert {"translate.pipeline.terms_hook", "translate.backends", "translate.backends.quantize"} <= modules
    assert "translate.decoding.acceptance" in modules
    assert "translate.backends.base" not in modules and "translate.backends.base.BackendOutput" not in modules


def test_the_ctranslate2_backend_leaves_forcing_to_the_decoding_layer() -> None:
    """The backend keeps loading, tokenization and running CTranslate2; the forcing steps live in
    ``translate.decoding.ct2_forcing``."""
    path = PACKAGES[0] / "backends" / "ctranslate2_backend.py"
    source = path.read_text(encoding="utf-8")
    methods = {n.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef)}
    assert not methods & {"_plan_repair", "_repair", "_unglue", "_best_positions", "_constraint_tokens"}
    modules = {m for _l, m in runtime_imports(source, "translate.backends")}
    assert "translate.decoding.ct2_forcing" in modules
