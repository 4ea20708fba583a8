"""Imports in the terms area run one way: pipeline -> backends -> terms (constrained decoding, forcing,
acceptance). Nothing under ``translate/terms/`` imports the backends or the pipeline at run time, so a
reader follows a term from the glossary to the English in one direction. Imports are read with ``ast``,
function-level ones included; imports under ``if TYPE_CHECKING:`` only name types and never run."""

from __future__ import annotations

import ast
from pathlib import Path

import translate

PACKAGE = Path(translate.__file__).resolve().parent
FORBIDDEN = ("translate.backends", "translate.pipeline")
TERMS_HOOK = "translate.pipeline.terms_hook"


def package_of(path: Path) -> str:
    """The dotted package a file under ``translate/`` belongs to."""
    return ".".join(["translate", *path.resolve().parent.relative_to(PACKAGE).parts])


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import in ``source`` that can run, at any depth (functions, classes,
    ifs); relative imports resolved against ``package``; ``from a import b`` also counts as ``a.b``."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = parts[: len(parts) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _is_under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _terms_imports() -> list[tuple[str, int, str]]:
    files = sorted((PACKAGE / "terms").rglob("*.py"))
    assert any(f.name == "ct2_forcing.py" for f in files) and len(files) >= 8
    return [
        (str(path.relative_to(PACKAGE.parent)), line, module)
        for path in files
        for line, module in runtime_imports(path.read_text(encoding="utf-8"), package_of(path))
    ]


def test_terms_imports_neither_backends_nor_pipeline() -> None:
    wrong = [
        f"{name}:{line} imports {module}"
        for name, line, module in _terms_imports()
        if any(_is_under(module, bad) for bad in FORBIDDEN)
    ]
    assert not wrong, "\n".join(wrong)


def test_terms_hook_is_not_imported_by_terms() -> None:
    wrong = [f"{name}:{line}" for name, line, module in _terms_imports() if _is_under(module, TERMS_HOOK)]
    assert not wrong, wrong


def test_the_ctranslate2_backend_leaves_forcing_to_the_terms_layer() -> None:
    """The backend keeps loading, tokenization and running CTranslate2; the forcing steps live in
    ``translate.decoding.ct2_forcing``."""
    path = PACKAGE / "backends" / "ctranslate2_backend.py"
    source = path.read_text(encoding="utf-8")
    methods = {n.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef)}
    assert not methods & {"_plan_repair", "_repair", "_unglue", "_best_positions", "_constraint_tokens"}
    modules = {m for _l, m in runtime_imports(source, package_of(path))}
    assert "translate.decoding.ct2_forcing" in modules


def test_the_import_reader_sees_nested_and_relative_imports_and_skips_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from translate.backends.base import BackendOutput\n"
        "def f():\n    if True:\n        from translate.pipeline import terms_hook\n"
        "class C:\n    def g(self):\n        import translate.backends\n"
        "from ..backends import quantize\nfrom . import acceptance\n"
    )
    modules = {m for _l, m in runtime_imports(source, "translate.terms")}
    assert {TERMS_HOOK, "translate.backends", "translate.backends.quantize"} <= modules
    assert "translate.decoding.acceptance" in modules
    assert "translate.backends.base" not in modules and "translate.backends.base.BackendOutput" not in modules
