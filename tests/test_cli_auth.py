"""Headless logins under the same guessing rules as the window: counted in the database, a
growing wait, a lockout an administrator lifts, names without case or width, temporary passwords
that do no work until changed, and no way in without the password."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.cli_helpers import DEMO_ADMIN_PASSWORD, demo, login, new_password, run


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert run(capsys, "--db", url, *demo(tmp_path), "--units", "1", "--members", "3")[0] == 0
    return url


def _failures(url: str, name: str = "admin") -> int:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        row = conn.execute("SELECT failures FROM login_failures WHERE name_key = ?", (name,)).fetchone()
        return int(row[0]) if row else 0


def _set_failures(url: str, failures: int, seconds_ago: float, name: str = "admin") -> None:
    at = dt.datetime.now() - dt.timedelta(seconds=seconds_ago)
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute(
            "INSERT OR REPLACE INTO login_failures (name_key, failures, last_failure_at) VALUES (?, ?, ?)",
            (name, failures, at.isoformat(sep=" ")),
        )


def test_a_wrong_password_is_counted_and_a_good_one_resets(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = ("export-roster", "--unit", "D0001", "--out", str(tmp_path / "r.xlsx"))
    for n in (1, 2):
        code, _, err = run(capsys, "--db", db, *login(tmp_path, "admin", "wrong-pass-1"), *export)
        assert code == 2 and "用户名或密码错误" in err and _failures(db) == n
    assert not (tmp_path / "r.xlsx").exists()
    code, out, _ = run(capsys, "--db", db, *login(tmp_path, "ＡＤＭＩＮ"), *export)  # full width, upper case
    assert code == 0 and "已导出 3 人" in out and _failures(db) == 0


def test_inside_the_wait_even_the_right_password_is_refused_uncounted(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_failures(db, 5, seconds_ago=1)  # five wrong ones: the next try waits 4 s
    code, _, err = run(capsys, "--db", db, *login(tmp_path, "admin"), "audit", "list")
    assert code == 2 and "秒后再试" in err and _failures(db) == 5
    _set_failures(db, 5, seconds_ago=60)
    assert run(capsys, "--db", db, *login(tmp_path, "admin"), "audit", "list")[0] == 0


def test_ten_wrong_passwords_lock_until_an_administrator_unlocks(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pw = new_password(tmp_path, "clerk-temp-1")
    assert (
        run(capsys, "--db", db, *login(tmp_path, "admin"), "user", "add", "clerk1", "--role", "clerk", *pw)[0]
        == 0
    )
    _set_failures(db, 9, seconds_ago=3600, name="clerk1")
    code, _, err = run(capsys, "--db", db, *login(tmp_path, "clerk1", "wrong-pass-1"), "user", "passwd")
    assert code == 2 and "已锁定" in err and _failures(db, "clerk1") == 10
    code, _, err = run(capsys, "--db", db, *login(tmp_path, "clerk1", "clerk-temp-1"), "user", "passwd")
    assert code == 2 and "已锁定" in err and "请管理员" in err  # the right password no longer helps
    code, out, _ = run(capsys, "--db", db, *login(tmp_path, "admin"), "user", "list")
    assert "clerk1（clerk1，经办员，已锁定" in out
    assert run(capsys, "--db", db, *login(tmp_path, "admin"), "user", "unlock", "clerk1")[0] == 0
    mine = new_password(tmp_path, "clerk-own-pass")
    code, out, err = run(
        capsys, "--db", db, *login(tmp_path, "clerk1", "clerk-temp-1"), "user", "passwd", *mine
    )
    assert code == 0 and "已修改" in out, err


def test_demo_datas_published_password_must_be_changed_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    code, out, _ = run(capsys, "--db", db, "demo-data", "--units", "1", "--members", "2")
    assert code == 0 and "admin123（首次登录时须修改）" in out
    code, _, err = run(capsys, "--db", db, *login(tmp_path, "admin", "admin123"), "audit", "list")
    assert code == 2 and "须先修改密码" in err
    code, _, err = run(
        capsys,
        "--db",
        db,
        *login(tmp_path, "admin", "admin123"),
        "user",
        "passwd",
        *new_password(tmp_path, "password123"),
    )
    assert code == 2 and "过于常见" in err
    new = new_password(tmp_path, DEMO_ADMIN_PASSWORD)
    assert run(capsys, "--db", db, *login(tmp_path, "admin", "admin123"), "user", "passwd", *new)[0] == 0
    assert run(capsys, "--db", db, *login(tmp_path, "admin"), "audit", "list")[0] == 0
    code, _, err = run(capsys, "--db", db, *login(tmp_path, "admin", "admin123"), "audit", "list")
    assert code == 2 and "用户名或密码错误" in err


def test_the_password_file_may_come_from_the_environment(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pw.txt"
    path.write_text(DEMO_ADMIN_PASSWORD + "\nignored second line\n", encoding="utf-8")
    monkeypatch.setenv("HZBZ_PASSWORD_FILE", str(path))
    monkeypatch.setenv("HZBZ_USER", "admin")
    assert run(capsys, "--db", db, "audit", "verify")[0] == 0
    monkeypatch.setenv("HZBZ_PASSWORD_FILE", str(tmp_path / "missing.txt"))
    code, _, err = run(capsys, "--db", db, "audit", "verify")
    assert code == 2 and "无法读取密码文件" in err


def test_the_old_autologin_opens_no_window(db: str, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """``HZBZ_AUTOLOGIN=admin`` once opened the window as admin: now the login is asked for."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui import launch
    from app.ui.main_window import MainWindow
    from app.ui.users.login_dialog import LoginDialog

    monkeypatch.setenv("HZBZ_AUTOLOGIN", "admin")
    shown: list[str] = []

    def look() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                shown.append("window")
                w.close()
            if isinstance(w, LoginDialog) and w.isVisible():
                shown.append("login")
                w.reject()
                return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    assert launch.run_gui(db) == 0
    assert shown == ["login"]
