"""Drive LibreOffice from tests (see lo_edit.py): edit cells as typed, convert between formats."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).with_name("lo_edit.py")
SYSTEM_PYTHON = "/usr/bin/python3"


def available() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


def require() -> None:
    """LibreOffice is part of the test set-up (scripts/setup.sh --dev): its absence is a failure."""
    if not available():
        pytest.fail("LibreOffice (libreoffice-calc, python3-uno) is missing: run scripts/setup.sh --dev")


def run_jobs(jobs: list[dict[str, Any]], work: Path) -> None:
    """Run the edit jobs in one LibreOffice process; each job's "dst" exists afterwards."""
    require()
    work.mkdir(parents=True, exist_ok=True)
    spec = work / "jobs.json"
    plain = [{k: str(v) if isinstance(v, Path) else v for k, v in j.items()} for j in jobs]
    spec.write_text(json.dumps(plain, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [SYSTEM_PYTHON, str(SCRIPT), str(spec), str(work / "lo-profile")],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for job in jobs:
        assert Path(job["dst"]).exists(), f"LibreOffice did not write {job['dst']}: {done.stderr}"
