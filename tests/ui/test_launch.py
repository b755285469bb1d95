"""The program as a clerk starts it: a real process, the window shown with the roster loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.cli import main


def test_window_opens_on_a_demo_database(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["--db", db, "demo-data", "--units", "2", "--members", "40", "--with-activity"]) == 0
    env = dict(os.environ, HZBZ_AUTOLOGIN="admin", HZBZ_EXIT_WHEN_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "app", "--db", db], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shown ")
    assert "Traceback" not in result.stderr
