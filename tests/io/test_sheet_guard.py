"""Issue 15 item 1: spreadsheets that would take the memory are refused from the zip directory
and a constant-memory scan, before any parser runs; every reader path goes through the guard."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.io import sheet_guard
from app.io.roster_stream import stream_roster
from app.io.roster_xlsx import read_roster
from app.io.xlsx_safe import SheetRefused, load_sheets, open_calamine, unreadable_reason

BAD = Path(__file__).parents[1] / "data" / "bad" / "roster"
BOMBS = {
    "zip_bomb_1gib_cell.xlsx": "解压后过大",
    "cell_20mb.xlsx": "16 MB",
    "cell_at_xfd1048576.xlsx": "列数过多",
    "ods_repeated_cell.ods": "重复",
}


@pytest.mark.parametrize(("name", "words"), BOMBS.items())
def test_every_reader_refuses_before_parsing(name: str, words: str) -> None:
    path = BAD / name
    assert words in (unreadable_reason(path) or "")
    assert any(words in str(e) for e in read_roster(path).errors)
    assert any(words in str(e) for e in stream_roster(path).head.errors)
    with pytest.raises(SheetRefused, match=words):  # batch files are read through load_sheets
        load_sheets(path)


def test_encrypted_ods_is_named_encrypted_not_damaged() -> None:
    assert "已加密" in (unreadable_reason(BAD / "ods_encrypted.ods") or "")


@pytest.mark.parametrize(
    ("name", "suffix"), [("ods_named_xlsx.xlsx", ".ods"), ("xlsx_named_ods.ods", ".xlsx")]
)
def test_files_are_read_by_content_not_name(name: str, suffix: str) -> None:
    assert sheet_guard.content_suffix(BAD / name) == suffix
    wb = open_calamine(BAD / name)
    assert "身份证号码" in wb.get_sheet_by_index(0).to_python()[-2]


def test_ratio_and_part_count_limits(tmp_path: Path) -> None:
    import zipfile

    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(sheet_guard.MAX_PARTS + 1):
            zf.writestr(f"p{i}", b"")
    assert "部件过多" in (sheet_guard.bomb_problem(many) or "")
    dense = tmp_path / "dense.xlsx"
    with zipfile.ZipFile(dense, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/sharedStrings.xml", b"<a>" + b"<b/>" * 10_000_000 + b"</a>")  # 40 MB, ratio > 200
    assert "压缩比异常" in (sheet_guard.bomb_problem(dense) or "")


def test_the_zip_bomb_import_stays_small(tmp_path: Path) -> None:
    """The whole import of the 1 GiB cell, in a fresh process: its peak memory (the issue saw 11.4 GB)."""
    script = (
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "from app.io.roster_xlsx import read_roster\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "errors = [str(e) for e in read_roster(Path(sys.argv[1])).errors]\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'errors': errors, 'base_kb': base, 'peak_kb': peak}))\n"
    )
    argv = [sys.executable, "-c", script, str(BAD / "zip_bomb_1gib_cell.xlsx")]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2])
    report = json.loads(done.stdout)
    assert any("拒绝读取" in e for e in report["errors"])
    assert report["peak_kb"] - report["base_kb"] < 50_000, report  # under 50 MB above the imports


def test_a_citys_own_export_is_not_taken_for_a_bomb() -> None:
    """The scale benchmark's 1,000,000-member export (a 1,052 MB sheet, compressed ~10×) was refused
    as too big to read; a bomb of the same size is still refused by its ratio."""
    sheet = "xl/worksheets/sheet1.xml"
    assert sheet_guard.part_problem(sheet, 1_052_000_000, 105_000_000) is None
    bomb = sheet_guard.part_problem(sheet, 1_074_000_000, 1_060_000)
    assert bomb is not None and "解压后过大" in bomb and "压缩比异常" in bomb
    assert "上限" in (sheet_guard.part_problem(sheet, 3_000_000_000, 300_000_000) or "")
