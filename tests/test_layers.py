"""The layers hold: UI → services → rules / models / io, nothing upward (read from the source, so
an import inside a function counts too). app.rules imports nothing of ours but rules, and no Qt,
SQL or file format library."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
# package → packages of ours it must not import
FORBIDDEN = {
    "app.rules": ("app.models", "app.io", "app.services", "app.ui", "app.commands", "app.cli"),
    "app.io": ("app.services", "app.ui", "app.commands", "app.cli"),
    "app.models": ("app.services", "app.ui", "app.commands", "app.cli", "app.io"),
    "app.services": ("app.ui", "app.commands", "app.cli"),
}
RULES_LIBRARIES = ("PySide6", "sqlalchemy", "alembic", "psycopg", "openpyxl", "xlsxwriter", "python_calamine",
                   "reportlab", "pypdf")  # fmt: skip


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _module(path: Path) -> str:
    return ".".join(("app", *path.relative_to(APP).with_suffix("").parts))


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_no_layer_imports_upward() -> None:
    problems = []
    for path in sorted(APP.rglob("*.py")):
        module = _module(path)
        for package, forbidden in FORBIDDEN.items():
            if _within(module, (package,)):
                problems += [f"{module}:{line} imports {name}" for line, name in _imports(path)
                             if _within(name, forbidden)]  # fmt: skip
    assert problems == []


def test_rules_import_only_rules_and_no_format_or_database() -> None:
    problems = []
    for path in sorted((APP / "rules").rglob("*.py")):
        for line, name in _imports(path):
            ours_elsewhere = _within(name, ("app",)) and not _within(name, ("app.rules",))
            if ours_elsewhere or _within(name, RULES_LIBRARIES):
                problems.append(f"{_module(path)}:{line} imports {name}")
    assert problems == []
