"""Calling the headless commands in tests as a clerk would: named user, password from a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main

# What tests give demo-data for a new database's administrator (``demo``); without one, demo
# data's published admin123 must be changed at the first login, as for a real office.
DEMO_ADMIN_PASSWORD = "demo-admin-2026"


def password_file(folder: Path, name: str, password: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return path


def login(folder: Path, user: str, password: str = DEMO_ADMIN_PASSWORD) -> list[str]:
    """``--user U --password-file F`` with F holding the password on its first line."""
    return ["--user", user, "--password-file", str(password_file(folder, f"login-{user}", password))]


def demo(folder: Path) -> list[str]:
    """``demo-data`` with DEMO_ADMIN_PASSWORD for the administrator of a new database."""
    return [
        "demo-data",
        "--admin-password-file",
        str(password_file(folder, "demo-admin", DEMO_ADMIN_PASSWORD)),
    ]


def new_password(folder: Path, password: str) -> list[str]:
    """``--new-password-file F`` for user add / user passwd."""
    return ["--new-password-file", str(password_file(folder, "new-password", password))]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err
