"""Streamed rosters: past a worksheet's last row the rows go on in the next file, headings and all."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.io import xlsx_stream
from app.io.roster_xlsx import PERSONNEL_NOTES, FullRow, write_full_sheets, write_personnel_sheets
from app.io.xlsx_safe import Cancelled


def _member(i: int) -> tuple[str, str, str, str]:
    return (f"会员{i}", "男", f"11010119900101{i:04d}", f"C{i:05d}")


def test_rows_past_the_sheet_limit_go_on_in_a_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_stream, "EXCEL_ROWS", 20)  # 4 heading lines, 5 rows kept for the notes
    path = tmp_path / "p.xlsx"
    done = write_personnel_sheets(
        path, title="T", unit_name="全部单位", members=(_member(i) for i in range(1, 26)), total=25
    )
    names = ["p.xlsx", "p（2）.xlsx", "p（3）.xlsx"]
    assert (done.rows, done.sheets, [f.name for f in done.files]) == (25, 3, names)
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted(names)  # no temporary file left
    books = [openpyxl.load_workbook(tmp_path / name) for name in names]
    seen = []
    for wb in books:
        assert wb.sheetnames == ["人员手册"]
        ws = wb.worksheets[0]
        assert ws["A2"].value == "人员手册" and ws["D4"].value == "身份证"
        assert ws.max_row <= 20
        seen += [(r[0].value, r[3].value) for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    assert seen == [(i, _member(i)[2]) for i in range(1, 26)]  # numbered on across the files
    first, last = ([c.value for c in wb.worksheets[0]["A"]] for wb in (books[0], books[-1]))
    assert PERSONNEL_NOTES[1] in last and PERSONNEL_NOTES[1] not in first  # notes under the last part


def test_full_layout_splits_too_and_a_cancel_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_stream, "EXCEL_ROWS", 10)
    rows = [FullRow("U1", "某厂", f"人{i}", "女", None, f"11010119900101{i:04d}") for i in range(12)]
    done = write_full_sheets(tmp_path / "f.xlsx", unit_name=None, members=iter(rows))
    assert (done.rows, done.sheets) == (12, 2)
    ws = openpyxl.load_workbook(tmp_path / "f（2）.xlsx").worksheets[0]
    assert ws["A1"].value == "单位编码" and ws["F2"].value == rows[9].id_number and ws.freeze_panes == "A2"

    # A cancel in the second part leaves neither part (nor a temporary file).
    monkeypatch.setattr(xlsx_stream, "_BATCH", 3)
    stop = iter([False, False, False, True])
    with pytest.raises(Cancelled):
        write_full_sheets(tmp_path / "c.xlsx", unit_name=None, members=iter(rows), cancel=lambda: next(stop))
    assert list(tmp_path.glob("c*")) == [] and list(tmp_path.glob(".c*")) == []


def test_formats_are_made_once_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A Formats per row (a setdefault that built its default each time) grew an export by 10 kB a row.
    monkeypatch.setattr(xlsx_stream, "EXCEL_ROWS", 20)
    made: list[object] = []
    real = xlsx_stream.Formats

    def counted(wb: object) -> object:
        made.append(wb)
        return real(wb)

    monkeypatch.setattr(xlsx_stream, "Formats", counted)
    done = write_personnel_sheets(
        tmp_path / "p.xlsx", title="T", unit_name="全部", members=(_member(i) for i in range(1, 40)), total=39
    )
    assert done.sheets > 2 and len(made) == done.sheets
