"""validate_rows: every problem of every row at once, with the row and the clerk's column header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from app.io.roster_xlsx import RosterSheet, read_roster
from app.rules.idnumber import check_char
from app.services.roster_cells import NUMERIC_ID, parse_date
from app.services.roster_validation import validate_rows

TODAY = dt.date(2024, 6, 1)
HEADER = [
    "序号", "姓名", "性别", "身份证号码", "出生日期", "联系电话", "医保卡号", "银行账号",
    "在职状态", "入会日期", "劳模", "参加基本医保",
]  # fmt: skip


def make_id(birth: str = "19900101", seq: int = 1) -> str:
    first17 = f"371002{birth}{seq:03d}"
    return first17 + check_char(first17)


def wrong_check(idn: str) -> str:
    return idn[:17] + ("0" if idn[17] != "0" else "1")


def row(seq: int, **cells: object) -> list[object]:
    """A good row (male, born 1990-01-01 unless the ID says otherwise) with some cells replaced."""
    values: dict[str, object] = {
        "序号": seq, "姓名": "张三", "性别": "", "身份证号码": make_id(seq=2 * seq + 1), "出生日期": None,
        "联系电话": "13800000000", "医保卡号": "", "银行账号": "", "在职状态": "在职", "入会日期": None,
        "劳模": "", "参加基本医保": "",
    }  # fmt: skip
    values.update({k.replace("_", ""): v for k, v in cells.items()})
    return [values[h] for h in HEADER]


def read(tmp_path: Path, rows: list[list[object]]) -> RosterSheet:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["职工互助保障会员名册"])
    ws.append(HEADER)  # header on row 2, first member on row 3
    for r in rows:
        ws.append(r)
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    return read_roster(path)


DUP = make_id("19800505", 11)
# Each bad row and the (column, part of the message) problems it must produce, in order.
BAD_ROWS: list[tuple[dict[str, object], list[tuple[str, str]]]] = [
    ({"身份证号码": wrong_check(make_id(seq=5))}, [("身份证号码", "校验位错误")]),
    ({"身份证号码": 110101199003078515}, [("身份证号码", NUMERIC_ID)]),
    ({"身份证号码": DUP}, []),
    ({"身份证号码": DUP}, [("身份证号码", "与第 5 行身份证号码重复")]),
    ({"姓名": ""}, [("姓名", "缺少姓名")]),
    ({"姓名": "张3"}, [("姓名", "姓名中含有数字")]),
    ({"姓名": "长" * 51}, [("姓名", "姓名过长")]),
    ({"身份证号码": ""}, [("身份证号码", "缺少身份证号码")]),
    ({"身份证号码": make_id(seq=5)[:15]}, [("身份证号码", "应为 18 位")]),
    ({"身份证号码": "371002199002301234"}, [("身份证号码", "不是有效日期")]),
    ({"身份证号码": make_id("20990101", 3)}, [("身份证号码", "不合理")]),
    ({"入会日期": "2012-13-01"}, [("入会日期", "无法识别的日期")]),
    ({"入会日期": "去年"}, [("入会日期", "无法识别的日期")]),
    ({"入会日期": dt.date(2030, 1, 1)}, [("入会日期", "晚于今天")]),
    ({"入会日期": "1989-12-31"}, [("入会日期", "入会日期早于出生日期")]),
    ({"性别": "女"}, [("性别", "性别与身份证号码不符（身份证号码显示为男）")]),
    ({"性别": "未知"}, [("性别", "性别应为“男”或“女”")]),
    ({"出生日期": dt.date(1990, 1, 2)}, [("出生日期", "不符（身份证号码中为 1990-01-01）")]),
    ({"在职状态": "下岗"}, [("在职状态", "在职状态应为")]),
    ({"劳模": "也许"}, [("劳模", "应填“是”或“否”")]),
    ({"参加基本医保": "2"}, [("参加基本医保", "应填“是”或“否”")]),
    ({"联系电话": "12345"}, [("联系电话", "7–20 位数字")]),
    ({"联系电话": "138-0000-abcd"}, [("联系电话", "7–20 位数字")]),
    ({"医保卡号": 12345678}, [("医保卡号", "医保卡号为数字格式")]),
    ({"银行账号": 6222021234567890000}, [("银行账号", "银行账号为数字格式")]),
    ({"银行账号": "6222/0212"}, [("银行账号", "只能包含数字、字母")]),
    ({"身份证号码": dt.date(2000, 1, 1)}, [("身份证号码", "身份证号码应为文本")]),
    ({"姓名": "", "身份证号码": wrong_check(make_id(seq=7)), "性别": "?"},
     [("姓名", "缺少姓名"), ("性别", "性别应为"), ("身份证号码", "校验位错误")]),
    ({"入会日期": 80000.0}, [("入会日期", "晚于今天")]),
    ({"在职状态": "在职 ", "劳模": "√", "性别": " 男 "}, []),  # tolerated spacing and marks
]  # fmt: skip


def test_thirty_assorted_rows_report_exactly_the_expected_errors(tmp_path: Path) -> None:
    assert len(BAD_ROWS) == 30
    sheet = read(tmp_path, [row(i, **cells) for i, (cells, _) in enumerate(BAD_ROWS, 1)])
    drafts, errors = validate_rows(sheet, today=TODAY)

    expected = [(n, col, part) for n, (_, problems) in enumerate(BAD_ROWS, 3) for col, part in problems]
    got = [(e.row, e.column, e.message) for e in errors]
    assert len(got) == len(expected), got
    for (row_no, col, part), (g_row, g_col, g_msg) in zip(
        expected, sorted(got, key=lambda e: e[0]), strict=True
    ):
        assert (g_row, g_col) == (row_no, col) and part in g_msg, (row_no, col, part, g_msg)
    # Errors come in row order, then in the order of the columns in the file.
    assert got == sorted(got, key=lambda e: (e[0], HEADER.index(e[1])))
    assert [r for r, _ in drafts] == [5, 32]  # the first of the duplicate pair, and the last row
    assert drafts[1][1].categories == {"model_worker"} and drafts[1][1].employment == "in_service"


def test_canonicalised_values_are_accepted(tmp_path: Path) -> None:
    x_id = next(make_id(seq=s) for s in range(1, 999) if make_id(seq=s).endswith("X"))
    full_width = make_id(seq=2).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    sheet = read(
        tmp_path,
        [
            row(1, 身份证号码=x_id.lower(), 入会日期="2012年1月1日", 在职状态="退休", 参加基本医保="否"),
            row(2, 身份证号码=full_width, 入会日期="2012/1/1", 联系电话=13800000000.0, 劳模="Y"),
            row(3, 身份证号码=" 3710\u200b02 19900101 0078 ", 姓名="张  三", 入会日期=40909.0),
            row(
                4,
                身份证号码=make_id(seq=9),
                姓名="Mary  Ann",
                联系电话="+86-631-5201234",
                入会日期="20120101",
            ),
            row(5, 身份证号码=make_id(seq=11), 姓名="阿依古丽·买买提", 医保卡号="A-001", 出生日期="1990.1.1"),
        ],
    )
    sheet.rows[2][1]["id_number"] = sheet.rows[2][1]["id_number"].replace("0078", make_id(seq=7)[-4:])
    drafts, errors = validate_rows(sheet, today=TODAY)
    assert errors == []
    d = [draft for _, draft in drafts]
    assert d[0].id_number == x_id and d[0].employment == "retired" and d[0].basic_medical_insurance is False
    assert (
        d[1].id_number == make_id(seq=2)
        and d[1].phone == "13800000000"
        and d[1].categories == {"model_worker"}
    )
    assert d[2].id_number == make_id(seq=7) and d[2].name == "张三"
    assert {x.union_member_since for x in d[:4]} == {dt.date(2012, 1, 1)}
    assert d[3].name == "Mary Ann" and d[3].phone == "+86-631-5201234"
    assert (
        d[4].name == "阿依古丽·买买提"
        and d[4].medical_card == "A-001"
        and d[4].basic_medical_insurance is True
    )


def test_file_errors_come_first_and_no_rows(tmp_path: Path) -> None:
    sheet = read_roster(tmp_path / "missing.xlsx")
    assert validate_rows(sheet) == ([], sheet.errors)


def test_unit_code_column_only_in_full_layout(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位编码", "姓名", "身份证号码"])
    ws.append([1001, "张三", make_id(seq=1)])
    ws.append(["", "李四", make_id(seq=3)])
    wb.save(tmp_path / "u.xlsx")
    drafts, errors = validate_rows(read_roster(tmp_path / "u.xlsx"), today=TODAY)
    assert errors == [] and [d.unit_code for _, d in drafts] == ["1001", None]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2012, 1, 1, 8, 30), dt.date(2012, 1, 1)),
        (40909.0, dt.date(2012, 1, 1)),
        (20120101.0, dt.date(2012, 1, 1)),
        ("2012-01-01 00:00:00", dt.date(2012, 1, 1)),
        ("２０１２－１－１", dt.date(2012, 1, 1)),
        ("2012.1.1", dt.date(2012, 1, 1)),
        ("2012-02-30", None),
        ("abc", None),
        (True, None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_large_clean_file_validates_every_row(tmp_path: Path) -> None:
    """10k rows in memory through the column fast paths (their speed is measured by the benchmarks)."""

    rows: list[tuple[int, dict[str, object]]] = [
        (
            i + 2,
            {
                "name": "张三",
                "id_number": make_id(f"19{i % 90 + 10:02d}0101", i % 1000),
                "phone": "13800000000",
            },
        )
        for i in range(10_000)
    ]
    headers = {"name": "姓名", "id_number": "身份证号码", "phone": "电话"}
    sheet = RosterSheet(None, None, None, "full", rows, [], headers=headers)
    drafts, errors = validate_rows(sheet, today=TODAY)
    assert len(drafts) + len({e.row for e in errors}) == 10_000
