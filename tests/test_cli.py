"""Headless commands: the same services as the window, exit 0 / 2, Chinese errors, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.models.db import open_database
from app.services.roster import RosterService
from app.services.users import UserService
from tests.cli_helpers import demo, login, new_password, password_file


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_help_lists_the_headless_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("import-roster", "export-roster", "demo-data", "user", "rules"):
        assert command in result.stdout


def test_demo_export_import_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    code, out, _ = run(capsys, "--db", db, *demo(tmp_path), "--units", "2", "--members", "30", "--seed", "5")
    assert code == 0 and "30 名会员" in out
    code, out, _ = run(
        capsys,
        "--db",
        db,
        *login(tmp_path, "admin"),
        "export-roster",
        "--unit",
        "D0001",
        "--layout",
        "full",
        "--out",
        str(tmp_path / "full.xlsx"),
    )
    assert code == 0 and "已导出 15 人" in out
    assert load_workbook(tmp_path / "full.xlsx").active.max_row >= 16

    other = f"sqlite:///{tmp_path / 'b.db'}"
    assert run(capsys, "--db", other, *demo(tmp_path), "--units", "1", "--members", "0")[0] == 0
    code, out, _ = run(
        capsys,
        "--db",
        other,
        *login(tmp_path, "admin"),
        "import-roster",
        str(tmp_path / "full.xlsx"),
        "--unit",
        "D0001",
    )
    assert code == 0 and "已导入 15 人" in out
    # the same file again: every row is a duplicate now, nothing changes, exit 2 with the reasons
    code, _, err = run(
        capsys,
        "--db",
        other,
        *login(tmp_path, "admin"),
        "import-roster",
        str(tmp_path / "full.xlsx"),
        "--unit",
        "D0001",
    )
    assert code == 2 and err.count("已登记为会员") == 15 and "Traceback" not in err
    _e, sessions = open_database(other)
    assert len(RosterService(sessions, UserService(sessions).actor_for("admin")).member_rows()) == 15


def test_demo_data_is_deterministic_by_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = []
    for name in ("x", "y"):
        db = f"sqlite:///{tmp_path / name}.db"
        run(capsys, "--db", db, *demo(tmp_path), "--units", "1", "--members", "10", "--seed", "9")
        _e, sessions = open_database(db)
        rows = RosterService(sessions, UserService(sessions).actor_for("admin")).member_rows()
        names.append([(r.name, r.id_number) for r in rows])
    assert names[0] == names[1]


def test_users_and_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    monkeypatch.setenv("HZBZ_NEW_PASSWORD_FILE", str(password_file(tmp_path, "first", "first-pass")))
    code, out, _ = run(capsys, "--db", db, "init", "--office", "文登区总工会", "--level", "基层工会")
    assert code == 0 and "管理员 admin" in out
    code, out, _ = run(capsys, "--db", db, *login(tmp_path, "admin", "first-pass"), "user", "add", "clerk9",
                       "--role", "clerk", "--display-name", "王芳")  # fmt: skip
    assert code == 0 and "clerk9（王芳，经办员，正常，须改密码）" in out
    code, _, err = run(
        capsys, "--db", db, *login(tmp_path, "clerk9", "first-pass"), "user", "add", "x", "--role", "clerk"
    )
    assert code == 2 and "须先修改密码" in err  # the administrator's temporary password does no work
    assert run(capsys, "--db", db, *login(tmp_path, "clerk9", "first-pass"), "user", "passwd",
               *new_password(tmp_path, "clerk9-own"))[0] == 0  # fmt: skip
    code, _, err = run(
        capsys, "--db", db, *login(tmp_path, "clerk9", "clerk9-own"), "user", "add", "x", "--role", "clerk"
    )
    assert code == 2 and "无权管理用户" in err
    code, _, err = run(
        capsys, "--db", db, *login(tmp_path, "ghost", "first-pass"), "export-roster", "--unit", "X",
        "--out", "x.xlsx",
    )  # fmt: skip
    assert code == 2 and "用户名或密码错误" in err
    code, _, err = run(
        capsys,
        "--db",
        db,
        *login(tmp_path, "admin", "first-pass"),
        "import-roster",
        str(tmp_path / "none.xlsx"),
    )
    assert code == 2 and "Traceback" not in err


def test_audit_verify_finds_a_deleted_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import delete

    from app.models import AuditEvent

    db = f"sqlite:///{tmp_path / 'a.db'}"
    run(capsys, "--db", db, *demo(tmp_path), "--units", "1", "--members", "3")
    code, out, _ = run(capsys, "--db", db, *login(tmp_path, "admin"), "audit", "verify")
    assert code == 0 and "逐条校验通过" in out
    code, out, _ = run(capsys, "--db", db, *login(tmp_path, "admin"), "audit", "list", "--record", "roster")
    assert code == 0 and "示例数据" in out
    _e, sessions = open_database(db)
    with sessions.begin() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.id == 1))
    code, _, err = run(capsys, "--db", db, *login(tmp_path, "admin"), "audit", "verify")
    assert code == 2 and "被删除或改动" in err


def test_commands_need_the_users_password(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    assert run(capsys, "--db", db, *demo(tmp_path), "--units", "1", "--members", "3")[0] == 0
    out_file = str(tmp_path / "r.xlsx")
    export = ("export-roster", "--unit", "D0001", "--out", out_file)
    code, _, err = run(capsys, "--db", db, "--user", "admin", *export)  # no password, no terminal
    assert code == 2 and "须提供用户 admin 的密码" in err and not Path(out_file).exists()
    code, _, err = run(capsys, "--db", db, *login(tmp_path, "admin", "wrong-password"), *export)
    assert code == 2 and "用户名或密码错误" in err and not Path(out_file).exists()
    for command in (("audit", "list"), ("backup", "--out", str(tmp_path / "bk"))):
        code, _, err = run(capsys, "--db", db, "--user", "admin", *command)
        assert code == 2 and "密码" in err
    assert not (tmp_path / "bk").exists()
    code, out, err = run(capsys, "--db", db, *login(tmp_path, "admin"), *export)
    assert code == 0 and "已导出 3 人" in out, err
