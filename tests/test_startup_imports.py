"""Start-up does not wait for what it does not show: the window on SQLite imports no command
module, no Excel or PDF library and not SQLAlchemy's PostgreSQL dialect; a command imports its
own module only; COMMANDS in app/cli.py names every command the modules register."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

from app.cli import COMMANDS, modules_for
from app.models.db import open_database
from app.services.users import OfficeInfo, UserService

ROOT = Path(__file__).resolve().parents[1]
NOT_AT_START = ("app.commands.", "openpyxl", "reportlab", "xlsxwriter", "sqlalchemy.dialects.postgresql",
                "python_calamine", "pypdf", "PIL", "numpy", "app.services.roster_import")  # fmt: skip

WINDOW = """
import json, os, sys
from app.cli import build_parser, modules_for
from PySide6.QtWidgets import QApplication
from app.models.db import open_database
from app.services.users import UserService
from app.ui.launch import open_main_window

build_parser(modules_for([]))  # what `python -m app` does before the window
app = QApplication(sys.argv)
url = sys.argv[1]
_engine, sessions = open_database(url)
actor = UserService(sessions).actor_for("admin")
window = open_main_window(app, sessions, url, actor)
app.processEvents()
print(json.dumps(sorted(sys.modules)))
"""


def _loaded(script: str, *args: str, tmp_path: Path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HZBZ_DATA_DIR=str(tmp_path / "data"))
    env.pop("HZBZ_EXIT_WHEN_SHOWN", None)
    done = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_window_imports_no_command_module_nor_file_format(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine, sessions = open_database(url)  # an existing database: no migration (Alembic) at start
    UserService(sessions).set_up(OfficeInfo("测试办事处", "办事处", "威海市"), "admin", "Start-up-9x")
    engine.dispose()
    loaded = _loaded(WINDOW, url, tmp_path=tmp_path)
    assert "app.ui.main_window" in loaded and "app.commands.common" in loaded
    early = [m for m in loaded if m.startswith(NOT_AT_START) and m != "app.commands.common"]
    assert early == []


def test_a_command_imports_its_own_module_only(tmp_path: Path) -> None:
    script = (
        "import json, sys\nfrom app.cli import build_parser, modules_for\n"
        "build_parser(modules_for(sys.argv[1:])).parse_args(sys.argv[1:])\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    loaded = _loaded(script, "--db", "sqlite:///x.db", "rules", "amount-in-words", "12.50", tmp_path=tmp_path)
    assert [m for m in loaded if m.startswith("app.commands.") and m != "app.commands.common"] == [
        "app.commands.rules_cmd"
    ]


def test_commands_table_names_what_each_module_registers() -> None:
    for module, names in COMMANDS.items():
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"app.commands.{module}").register(sub)
        assert tuple(sub.choices) == names, module
    modules = (
        importlib.import_module(f"app.commands.{p.stem}")
        for p in (ROOT / "app" / "commands").glob("*_cmd.py")
    )
    found = {m.__name__.rsplit(".", 1)[1] for m in modules if hasattr(m, "register")}
    assert found == set(COMMANDS)  # a module that registers commands is in the table


def test_which_modules_an_argument_list_needs() -> None:
    assert modules_for([]) == () and modules_for(["--db", "claim", "--user", "a"]) == ()
    assert modules_for(["--db=x.db", "claim", "new"]) == ("claims_cmd",)
    assert modules_for(["--user", "u", "audit", "verify"]) == ("audit_cmd",)
    assert modules_for(["--help"]) is None and modules_for(["no-such-command"]) is None
