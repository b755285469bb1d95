"""Calling the headless commands in tests as a clerk would: named user, password from a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main

DEMO_ADMIN_PASSWORD = "admin123"  # what demo-data gives the administrator of a new database


def login(folder: Path, user: str, password: str = DEMO_ADMIN_PASSWORD) -> list[str]:
    """``--user U --password-file F`` with F holding the password on its first line."""
    path = folder / f"login-{user}.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return ["--user", user, "--password-file", str(path)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err
