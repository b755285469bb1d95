"""Issue 15 item 7: an unexpected error in a command: 内部错误, one line, the log's path; no SQL."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from app.logsetup import log_path
from app.services.user_admin import UserAdmin
from tests.cli_helpers import demo, login, run

ID = "110105198001020014"


def test_internal_error_is_one_line_with_the_log_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    assert run(capsys, "--db", db, *demo(tmp_path), "--units", "1", "--members", "2")[0] == 0

    def broken(self: UserAdmin) -> list[object]:
        raise OperationalError(
            "INSERT INTO members (id_number, name) VALUES (?, ?)",
            (ID, "张三"),
            Exception(f"disk I/O error\nDETAIL: Key (id_number)=({ID})"),
        )

    monkeypatch.setattr(UserAdmin, "list_users", broken)
    code, out, err = run(capsys, "--db", db, *login(tmp_path, "admin"), "user", "list")
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("内部错误："), err
    assert str(log_path()) in lines[0] and "disk I/O error" in lines[0]
    assert ID not in err and "张三" not in err and "INSERT" not in err and "Traceback" not in err
    for handler in logging.getLogger("hzbz").handlers:
        handler.flush()
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "internal error in user" in logged
    assert ID not in logged and "张三" not in logged

    def taken(self: UserAdmin) -> list[object]:  # another clerk registered the same value meanwhile
        raise IntegrityError("INSERT …", (ID,), Exception("UNIQUE constraint failed: members.id_number"))

    monkeypatch.setattr(UserAdmin, "list_users", taken)
    code, out, err = run(capsys, "--db", db, *login(tmp_path, "admin"), "user", "list")
    assert code == 2 and err.strip().startswith("错误：身份证号码已由另一操作同时登记，本次未做任何修改")


def test_a_million_errors_print_200_lines_and_the_count(capsys: pytest.CaptureFixture[str]) -> None:
    from app.commands.common import SHOWN_ERRORS, print_errors

    errors = (f"第 {n} 行“身份证号码”列：与第 3 行身份证号码重复" for n in range(4, 1_048_577))
    assert print_errors("导入未进行，文件中有错误：", errors) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 + SHOWN_ERRORS + 1
    assert lines[-1].strip() == f"……另有 {1_048_573 - SHOWN_ERRORS:,} 处未列出（共 1,048,573 处）"
