"""The English translation is complete and compiled: every tr() text has a finished translation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.i18n_helpers import TS_DIR, ts_problems

ROOT = Path(__file__).resolve().parents[2]
QM = ROOT / "resources" / "i18n" / "hzbz_en.qm"


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The .ts files as scripts/i18n.sh leaves them after reading today's code, and their .qm."""
    out = tmp_path_factory.mktemp("i18n")
    shutil.copytree(TS_DIR, out / "en")
    env = dict(
        os.environ,
        HZBZ_QT_BIN=str(Path(sys.executable).parent),
        HZBZ_TS_DIR=str(out / "en"),
        HZBZ_QM=str(out / "hzbz_en.qm"),
    )
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "i18n.sh")], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return out / "en", out / "hzbz_en.qm"


def test_every_text_in_the_code_has_a_finished_translation(refreshed: tuple[Path, Path]) -> None:
    problems = [p for ts in sorted(refreshed[0].glob("*.ts")) for p in ts_problems(ts)]
    assert not problems, "\n".join(problems)


def test_the_committed_files_are_current(refreshed: tuple[Path, Path]) -> None:
    """scripts/i18n.sh was run after the last text change: .ts and .qm match the code."""
    for ts in sorted(refreshed[0].glob("*.ts")):
        committed = TS_DIR / ts.name
        assert committed.is_file() and committed.read_bytes() == ts.read_bytes(), (
            f"请运行 scripts/i18n.sh（{ts.name}）"
        )
    assert QM.read_bytes() == refreshed[1].read_bytes(), "请运行 scripts/i18n.sh（hzbz_en.qm）"
