"""Issue 15 item 5: a database on a read-only mount or an immutable file opens read-only for
viewing and exporting; a command that must write says so in one sentence, never a traceback."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models.db import is_read_only, make_engine
from tests.cli_helpers import demo, login, new_password, run


def _chattr(flag: str, *paths: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "hzbz.db"
    assert run(capsys, "--db", f"sqlite:///{db}", *demo(tmp_path), "--units", "1", "--members", "3")[0] == 0
    with contextlib.closing(sqlite3.connect(db)) as conn:  # as after the program closed it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    Path(f"{db}-wal").unlink(missing_ok=True)
    Path(f"{db}-shm").unlink(missing_ok=True)
    yield db
    _chattr("-i", folder, db)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_database_views_and_exports_and_refuses_writes(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    locked = [database] if what == "file" else [database.parent, database]
    if not _chattr("+i", *locked):
        pytest.skip("chattr +i is not available here (needs Linux, ext4 and root)")
    url = f"sqlite:///{database}"
    assert is_read_only(make_engine(url))
    base = ("--db", url, *login(tmp_path, "admin"))
    code, out, err = run(capsys, *base, "audit", "verify")
    assert code == 0 and "Traceback" not in err, err
    out_file = tmp_path / "名册.xlsx"
    code, out, err = run(capsys, *base, "export-roster", "--unit", "D0001", "--out", str(out_file))
    assert code == 0 and out_file.stat().st_size > 0, err
    new = new_password(tmp_path, "Neues-Passwort-2026!")
    code, out, err = run(capsys, *base, "user", "add", "clerk9", "--role", "clerk", *new)
    assert code == 2 and "数据库为只读，只能查看和导出" in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1
