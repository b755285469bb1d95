"""python -m app backup / restore: exit 0 when done, 2 with the Chinese reasons when refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.services import backup
from tests.cli_helpers import demo, login, new_password


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def members(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM members").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, Path]:
    db = tmp_path / "office.db"
    url = f"sqlite:///{db}"
    assert run(capsys, "--db", url, *demo(tmp_path), "--units", "1", "--members", "6", "--seed", "3")[0] == 0
    assert run(capsys, "--db", url, *login(tmp_path, "admin"), "user", "add", "clerk1", "--role", "clerk",
               *new_password(tmp_path, "temporary-1"))[0] == 0  # fmt: skip
    assert run(capsys, "--db", url, *login(tmp_path, "clerk1", "temporary-1"), "user", "passwd",
               *new_password(tmp_path, "clerk-pass"))[0] == 0  # fmt: skip
    return url, db


def _password_file(tmp_path: Path, password: str) -> Path:
    path = tmp_path / f"pw-{len(password)}.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return path


def test_backup_and_restore_round_trip(
    office: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, db = office
    usb = tmp_path / "usb"
    pw = _password_file(tmp_path, "U盘密码-2026")
    code, out, _ = run(
        capsys,
        "--db",
        url,
        *login(tmp_path, "admin"),
        "backup",
        "--out",
        str(usb),
        "--password-file",
        str(pw),
    )
    assert code == 0 and "已备份到" in out and "已加密" in out
    [enc] = backup.list_backups(usb)
    assert enc.encrypted
    code, out, _ = run(
        capsys, "--db", url, *login(tmp_path, "admin"), "backup"
    )  # the automatic folder by default
    assert code == 0 and str(backup.automatic_folder()) in out

    with sqlite3.connect(db) as conn:  # work done after the backup, which the restore undoes
        conn.execute("DELETE FROM family_members")
        conn.execute("DELETE FROM members")
    assert members(db) == 0
    code, out, err = run(
        capsys, "--db", url, *login(tmp_path, "admin"), "restore", str(enc.path), "--password-file", str(pw)
    )
    assert code == 0, err
    assert "已从" in out and "恢复前的数据已另存为" in out and "重新启动" in out
    assert members(db) == 6

    # A new computer: the database is not set up yet, so there is no administrator to name.
    new = tmp_path / "new" / "hzbz.db"
    code, out, err = run(
        capsys, "--db", f"sqlite:///{new}", "restore", str(enc.path), "--password-file", str(pw)
    )
    assert code == 0, err
    assert members(new) == 6


def test_restore_refusals(
    office: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, db = office
    good = backup.backup_now(url, tmp_path / "usb", password="right-pass")
    text = tmp_path / "名册.db"
    text.write_text("这不是备份\n", encoding="utf-8")
    before = members(db)

    code, _, err = run(capsys, "--db", url, *login(tmp_path, "admin"), "restore", str(text))
    assert code == 2 and "不是数据库文件" in err and "未做任何修改" in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", url, *login(tmp_path, "admin"), "restore", str(good))
    assert code == 2 and "已加密" in err  # no --password-file and no terminal to ask on
    wrong = _password_file(tmp_path, "wrong")
    code, _, err = run(
        capsys, "--db", url, *login(tmp_path, "admin"), "restore", str(good), "--password-file", str(wrong)
    )
    assert code == 2 and "密码错误" in err
    code, _, err = run(capsys, "--db", url, *login(tmp_path, "clerk1", "clerk-pass"), "restore", str(good))
    assert code == 2 and "无权" in err
    with pytest.raises(SystemExit) as no_user:  # as every command that needs a user
        main(["--db", url, "restore", str(good)])
    assert no_user.value.code == 2 and "--user" in capsys.readouterr().err
    assert members(db) == before
    assert not backup.automatic_folder().exists()  # no safety backup either: nothing was started


def test_postgresql_is_pointed_to_its_own_tools(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://hzbz@127.0.0.1:1/hzbz"  # never connected to
    code, _, err = run(capsys, "--db", url, "backup", "--out", str(tmp_path))
    assert code == 2 and "pg_dump" in err
    code, _, err = run(capsys, "--db", url, *login(tmp_path, "admin"), "restore", str(tmp_path / "x.dump"))
    assert code == 2 and "pg_restore" in err


def test_backup_of_a_missing_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", f"sqlite:///{tmp_path / 'none.db'}", "backup", "--out", str(tmp_path))
    assert code == 2 and "找不到数据库文件" in err
