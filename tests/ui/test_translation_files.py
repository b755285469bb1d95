"""The English translation is complete and compiled: every tr() text has a finished translation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "i18n" / "en"
QM = ROOT / "resources" / "i18n" / "hzbz_en.qm"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


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


def _messages(ts_dir: Path) -> list[tuple[str, str, ET.Element]]:
    found = []
    for ts in sorted(ts_dir.glob("*.ts")):
        for context in ET.parse(ts).getroot().iter("context"):
            for message in context.iter("message"):
                found.append((ts.stem, context.findtext("name") or "", message))
    return found


def test_every_text_in_the_code_has_a_finished_translation(refreshed: tuple[Path, Path]) -> None:
    problems = []
    for area, context, message in _messages(refreshed[0]):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        text = translation.text or ""
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{area}.ts {context}: 未翻译 “{source}”")
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{area}.ts {context}: 占位符不一致 “{source}” → “{text}”")
        elif "(&" in source and "&" not in text.replace("&&", ""):
            problems.append(f"{area}.ts {context}: 缺少快捷键 “{source}” → “{text}”")
    assert not problems, "\n".join(problems)


def test_the_committed_files_are_current(refreshed: tuple[Path, Path]) -> None:
    """scripts/i18n.sh was run after the last text change: .ts and .qm match the code."""
    for ts in sorted(refreshed[0].glob("*.ts")):
        committed = TS_DIR / ts.name
        assert committed.is_file() and committed.read_bytes() == ts.read_bytes(), (
            f"请运行 scripts/i18n.sh（{ts.name}）"
        )
    assert QM.read_bytes() == refreshed[1].read_bytes(), "请运行 scripts/i18n.sh（hzbz_en.qm）"
