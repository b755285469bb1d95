"""app/rules stays pure: no Qt, no SQL, no Excel or PDF library (STYLE.md, rule 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import app.rules

FORBIDDEN = (
    "PySide6",
    "PyQt5",
    "PyQt6",
    "shiboken6",
    "sqlalchemy",
    "alembic",
    "openpyxl",
    "reportlab",
    "python_calamine",
)
RULES_DIR = Path(app.rules.__file__).parent
MODULES = sorted(RULES_DIR.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                roots.add(first.value.split(".")[0])
    return roots


def test_there_are_modules_to_check() -> None:
    assert len(MODULES) > 10


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_rules_module_is_pure(path: Path) -> None:
    bad = {root for root in imported_roots(path) if root.lower() in {f.lower() for f in FORBIDDEN}}
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_the_scanner_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text(
        "import PySide6.QtCore\nfrom sqlalchemy import select\n__import__('openpyxl')\n", encoding="utf-8"
    )
    assert {"PySide6", "sqlalchemy", "openpyxl"} <= imported_roots(sample)
