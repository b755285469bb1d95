"""Issue 15 item 5: faults of the machine in one sentence: --out naming a folder, a folder that is
gone (U 盘已拔出), a full disk; never a traceback."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from app.io import faults
from tests.cli_helpers import demo, login, run


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert run(capsys, "--db", url, *demo(tmp_path), "--units", "1", "--members", "3")[0] == 0
    return url


@pytest.mark.parametrize(
    ("out", "words"),
    [("folder", "是一个文件夹"), ("gone/名册.xlsx", "U 盘可能已拔出")],
)
def test_export_to_a_folder_or_a_pulled_stick(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, words: str
) -> None:
    (tmp_path / "folder").mkdir()
    code, stdout, err = run(capsys, "--db", db, *login(tmp_path, "admin"), "export-roster", "--unit", "D0001",
                            "--out", str(tmp_path / out))  # fmt: skip
    assert code == 2 and words in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1


def test_a_full_stick_is_said_with_sizes(tmp_path: Path) -> None:
    problem = faults.space_problem(tmp_path, 10**16)
    assert problem and "空间不足" in problem and "需要约" in problem and "剩余" in problem
    assert faults.space_problem(tmp_path, 1) is None
    full = faults.describe(OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.db.enc")))
    assert "空间不足" in full and "剩余" in full and "No space" not in full
    ro = faults.describe(OSError(errno.EROFS, "Read-only file system", str(tmp_path / "x")))
    assert "只读" in ro
