"""Roster Excel files: reading any clerk's layout, writing 人员手册 / full / bad-row files safely."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import zipfile
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

from app.io.roster_xlsx import (
    Cancelled,
    FullRow,
    PersonnelRow,
    bad_rows_of,
    read_roster,
    write_bad_rows,
    write_full_roster,
    write_personnel_roster,
)
from app.io.xlsx_safe import atomic_write
from app.rules.idnumber import check_char
from app.services.roster_validation import validate_rows

TITLE = "威海市工会会员爱心互助补充医疗保险工程"


def make_id(birth: str = "19900101", seq: int = 1, area: str = "371002") -> str:
    first17 = f"{area}{birth}{seq:03d}"
    return first17 + check_char(first17)


def save_sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
        return zf.read(name).decode()


# --------------------------------------------------------------------------- reading


def test_personnel_round_trip(tmp_path: Path) -> None:
    members = [PersonnelRow("张三", "男", make_id(seq=1), "A001"), PersonnelRow("李四", "女", make_id(seq=2))]
    path = tmp_path / "人员手册.xlsx"
    assert write_personnel_roster(path, title=TITLE, unit_name="威海某公司", members=members) == 2

    sheet = read_roster(path)
    assert sheet.errors == [] and sheet.warnings == []
    assert (sheet.title, sheet.unit_name, sheet.layout, sheet.header_row) == (
        TITLE,
        "威海某公司",
        "personnel",
        4,
    )
    assert [r for r, _ in sheet.rows] == [5, 6]  # the 说明 footer is not a member row
    assert sheet.rows[0][1] == {
        "seq": 1.0, "name": "张三", "gender": "男", "id_number": make_id(seq=1), "medical_card": "A001",
    }  # fmt: skip
    assert sheet.headers["id_number"] == "身份证"

    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == TITLE and ws["A2"].value == "人员手册"
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:E1", "A2:E2", "A3:E3"}
    notes = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert "2、此表一式三份。" in notes and any(n.startswith("1、表格以Excel形式报送") for n in notes)
    assert ws.column_dimensions["D"].width >= 20


def test_shuffled_header_variants_and_title_lines(tmp_path: Path) -> None:
    idn = make_id("19851231", 12)
    path = save_sheet(
        tmp_path / "名册.xlsx",
        [
            ["某市总工会会员名册"],
            ["单位名称:  威海某厂 ", None, "单位编码：WH-0001"],
            [],
            [
                " 公民身份号码 ",
                "姓　名",
                "手机号",
                "京卡·互助服务卡号",
                "人员状态",
                "入会时间",
                "备注",
                "劳模",
            ],
            [idn, "王五", "13800000000", "JK01", "退休", "2012/1/1", "x", "是"],
            [None, None, None, None, None, None, None, None],
            [make_id(seq=3), "赵六", "", "", "在职", "", "", ""],
        ],
    )
    sheet = read_roster(path)
    assert (sheet.title, sheet.unit_name, sheet.unit_code) == ("某市总工会会员名册", "威海某厂", "WH-0001")
    assert sheet.layout == "full" and sheet.header_row == 4
    assert sheet.warnings == ["忽略无法识别的列“备注”（第 7 列）"]
    assert [r for r, _ in sheet.rows] == [5, 7]  # blank row 6 skipped
    values = sheet.rows[0][1]
    assert values["id_number"] == idn and values["name"] == "王五" and values["jingka_card"] == "JK01"
    assert values["employment"] == "退休" and values["union_member_since"] == "2012/1/1"
    assert sheet.headers["name"] == "姓　名"


def test_raw_values_keep_their_types(tmp_path: Path) -> None:
    path = save_sheet(
        tmp_path / "r.xlsx",
        [["序号", "姓名", "身份证号码", "出生日期"], [1, "张三", 110101199003078515, dt.date(1990, 3, 7)]],
    )
    values = read_roster(path).rows[0][1]
    assert isinstance(values["id_number"], float)  # validation must reject it, so it stays a float
    assert values["birth_date"] == dt.date(1990, 3, 7)


def test_template_rows_and_footer_are_skipped(tmp_path: Path) -> None:
    path = save_sheet(
        tmp_path / "t.xlsx",
        [
            ["序号", "姓名", "性别", "身份证", "医保卡号"],
            [1, "张三", "男", make_id(seq=1), ""],
            [2, None, None, None, None],  # pre-numbered template row
            [3, None, "女", None, None],  # data without name and ID: kept, validation reports it
            ["说明："],
            ["1、表格以Excel形式报送"],
        ],
    )
    sheet = read_roster(path)
    assert [r for r, _ in sheet.rows] == [2, 4]


def test_missing_id_header_is_a_file_error(tmp_path: Path) -> None:
    sheet = read_roster(save_sheet(tmp_path / "m.xlsx", [["姓名", "电话"], ["张三", "123"]]))
    assert sheet.rows == [] and len(sheet.errors) == 1
    err = sheet.errors[0]
    assert err.row == 0 and "身份证号码" in err.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"this is not a spreadsheet", "不是有效的 Excel 文件"),
        (b"PK\x03\x04broken zip", "不是有效的 Excel 文件"),
        (b"", "0 字节"),
    ],
)
def test_unreadable_files_give_a_clear_error(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    sheet = read_roster(path)
    assert sheet.rows == [] and sheet.errors[0].row == 0 and expected in sheet.errors[0].message


def test_missing_file(tmp_path: Path) -> None:
    assert read_roster(tmp_path / "nope.xlsx").errors[0].message == "文件不存在"


def test_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    assert read_roster(path).errors[0].message == "工作簿为空，没有任何数据"


def test_encrypted_workbook(tmp_path: Path) -> None:
    plain = save_sheet(tmp_path / "plain.xlsx", [["姓名", "身份证号码"], ["张三", make_id()]])
    locked = tmp_path / "locked.xlsx"
    with open(plain, "rb") as src, open(locked, "wb") as out:
        msoffcrypto.OfficeFile(src).encrypt("secret", out)
    sheet = read_roster(locked)
    assert sheet.rows == [] and "已加密" in sheet.errors[0].message


def test_read_reports_progress_and_can_be_cancelled(tmp_path: Path) -> None:
    rows = [["姓名", "身份证号码"]] + [[f"人{i}", make_id(seq=i % 1000)] for i in range(12_000)]
    path = save_sheet(tmp_path / "big.xlsx", rows)
    seen: list[tuple[int, int | None]] = []
    assert len(read_roster(path, progress=lambda d, t: seen.append((d, t))).rows) == 12_000
    assert seen[-1] == (12_000, 12_000) and len(seen) >= 3
    with pytest.raises(Cancelled):
        read_roster(path, cancel=lambda: True)


# --------------------------------------------------------------------------- writing


def test_formula_looking_text_stays_text(tmp_path: Path) -> None:
    tricky = ["=1+1", "+86", "-", "@x", '=HYPERLINK("http://x")']
    members = [PersonnelRow(t, "男", make_id(seq=i), t) for i, t in enumerate(tricky, 1)]
    path = tmp_path / "f.xlsx"
    write_personnel_roster(path, title="=标题", unit_name="-单位", members=members)

    ws = openpyxl.load_workbook(path).active
    for row, text in enumerate(tricky, 5):
        for col in ("B", "E"):
            cell = ws[f"{col}{row}"]
            assert cell.value == text and isinstance(cell.value, str) and cell.data_type == "s"
    assert ws["A1"].value == "=标题" and ws["A1"].data_type == "s"
    xml = sheet_xml(path)
    assert "<f>" not in xml and 'quotePrefix="1"' in zipfile.ZipFile(path).read("xl/styles.xml").decode()
    assert [v["name"] for _, v in read_roster(path).rows] == tricky


def test_ids_are_text_cells(tmp_path: Path) -> None:
    idn = make_id("20000229", 7)
    path = tmp_path / "ids.xlsx"
    write_personnel_roster(
        path, title=TITLE, unit_name="u", members=[PersonnelRow("张三", "男", idn, "0012")]
    )
    ws = openpyxl.load_workbook(path).active
    assert ws["D5"].value == idn and ws["D5"].data_type == "s"
    assert ws["E5"].value == "0012" and ws["E5"].data_type == "s"  # leading zero kept
    assert ws.column_dimensions["D"].number_format == "@"  # new entries in Excel stay text too
    assert re.search(r'<c r="D5"[^>]* t="inlineStr">', sheet_xml(path))  # a string, never a number


def full_row(seq: int, **changes: object) -> FullRow:
    base = FullRow(
        unit_code="0012", unit_name="威海某厂", name="张三", gender="男", birth_date=dt.date(1990, 1, 1),
        id_number=make_id(seq=seq), phone="0631-5201234", medical_card="0012345", social_security_card="S1",
        jingka_card="J1", bank_name="中国工商银行 威海分行", bank_account="6222021234567890123",
        employment="retired", union_member_since=dt.date(2012, 1, 1), model_worker=True,
    )  # fmt: skip
    return FullRow(**{**base.__dict__, **changes})


def test_full_round_trip_through_validation(tmp_path: Path) -> None:
    rows = [full_row(1), full_row(3, name="李四", employment="在职", union_member_since=None, hardship=True)]
    path = tmp_path / "full.xlsx"
    assert write_full_roster(path, unit_name="威海某厂", members=rows) == 2
    ws = openpyxl.load_workbook(path).active
    assert ws["A3"].value == "0012" and ws["E3"].is_date and ws["L3"].data_type == "s"
    assert ws.freeze_panes == "A3"

    sheet = read_roster(path)
    assert sheet.layout == "full" and sheet.unit_name == "威海某厂" and sheet.warnings == []
    drafts, errors = validate_rows(sheet)
    assert errors == []
    (row3, first), (row4, second) = drafts
    assert (row3, row4) == (3, 4)
    assert first.bank_account == "6222021234567890123" and first.medical_card == "0012345"
    assert first.employment == "retired" and first.union_member_since == dt.date(2012, 1, 1)
    assert (
        first.categories == {"model_worker"} and first.unit_code == "0012" and first.phone == "0631-5201234"
    )
    assert first.bank_name == "中国工商银行 威海分行"
    assert second.categories == {"model_worker", "hardship"} and second.union_member_since is None


def test_write_cancel_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system_tmp = tmp_path / "system-temp"  # where openpyxl streams write-only rows
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    path = tmp_path / "c.xlsx"
    members = [PersonnelRow("张三", "男", make_id(seq=i % 1000)) for i in range(3000)]
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(Cancelled):
        write_personnel_roster(path, title=TITLE, unit_name="u", members=members, cancel=cancel)
    assert list(tmp_path.iterdir()) == [system_tmp] and list(system_tmp.iterdir()) == []


def test_write_progress(tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    members = [full_row(i % 1000) for i in range(2500)]
    write_full_roster(
        tmp_path / "p.xlsx", unit_name=None, members=members, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]
    assert read_roster(tmp_path / "p.xlsx").header_row == 1  # no unit line without a unit name


def test_atomic_write_keeps_old_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("USB stick pulled")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.xlsx"]
    with atomic_write(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["out.xlsx"]


def test_bad_rows_file_can_be_fixed_and_reimported(tmp_path: Path) -> None:
    src = save_sheet(
        tmp_path / "in.xlsx",
        [["姓名", "身份证号码", "联系电话"], ["张三", make_id(seq=1), "13800000000"], ["", "-cmd", "+86 1"]],
    )
    sheet = read_roster(src)
    _, errors = validate_rows(sheet)
    bad = bad_rows_of(sheet, errors)
    assert [(row, cells) for row, cells, _ in bad] == [(3, ["", "-cmd", "+86 1"])]
    assert "姓名：缺少姓名" in bad[0][2] and "；" in bad[0][2]

    out = tmp_path / "错误行.xlsx"
    write_bad_rows(out, sheet.header, bad)
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == ["姓名", "身份证号码", "联系电话", "原行号", "错误原因"]
    assert ws["A2"].value is None and ws["B2"].value == "-cmd" and ws["B2"].data_type == "s"
    assert ws["D2"].value == 3 and ws["E2"].value == bad[0][2]
    again = read_roster(out)
    assert again.warnings == [] and again.rows[0][1]["id_number"] == "-cmd"
