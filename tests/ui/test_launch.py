"""The program as a clerk starts it: a real process, the window shown with the roster loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.cli import main
from tests.cli_helpers import demo, login


def test_window_opens_on_a_demo_database(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["--db", db, *demo(tmp_path), "--units", "2", "--members", "40", "--with-activity"]) == 0
    env = dict(os.environ, HZBZ_EXIT_WHEN_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "app", "--db", db, *login(tmp_path, "admin")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shown ")
    assert "Traceback" not in result.stderr


def test_the_saved_language_and_defaults_apply_at_start(tmp_path: Path) -> None:
    from app.models.db import open_database
    from app.services.periods import PeriodService
    from app.services.settings import Settings, SettingsService
    from app.services.users import UserService

    db = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["--db", db, *demo(tmp_path), "--units", "1", "--members", "5", "--with-activity"]) == 0
    engine, sessions = open_database(db)
    admin = UserService(sessions).actor_for("admin")
    period = PeriodService(sessions, admin).list()[0]
    backups = tmp_path / "备份"
    backups.mkdir()
    SettingsService(sessions, admin).save(
        Settings(
            language="en",
            default_plan=period.plan_code,
            default_period_id=period.id,
            backup_folder=str(backups),
        )
    )
    engine.dispose()
    env = dict(os.environ, HZBZ_EXIT_WHEN_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    env.pop("HZBZ_LANG", None)
    result = subprocess.run(
        [sys.executable, "-m", "app", "--db", db, *login(tmp_path, "admin")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    title = result.stdout.split(maxsplit=2)[2]
    assert "职工互助保障经办台" not in title and "—" in title  # the English title, the office's own name
    assert any(backups.glob("hzbz-*")), "the automatic backup goes to the folder chosen in 设置"
