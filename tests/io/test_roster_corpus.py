"""Rosters as clerks really have them, made by LibreOffice from the project's own fixture: .xlsx,
.xls, .ods and CSV (UTF-8, UTF-8 with BOM, GBK, GB18030; comma, tab, semicolon), each with a
hidden older sheet first, a hidden empty 身份证号码 column before the real one, IDs with a leading
apostrophe, year-month birth dates, and the usual footer (合计, 制表人 … 审核人, 填表日期). Each
imports its three members with notices saying what was skipped; a bad row names row, person and
field."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.models.db import SessionFactory
from app.services import roster_import
from app.services.auth import Actor
from app.services.errors import InputErrors
from tests.tools import libreoffice

IDS = ("110101198005010018", "110105199003070025", "220102197712310033")
HEADER = ["序号", "姓名", "身份证号码", "身份证号码", "性别", "出生年月", "联系电话"]
MEMBERS = [
    [1, "张三", None, f"'{IDS[0]}", "男", "1980-05", "13800000001"],
    [2, "李四", None, IDS[1], "女", "1990年3月", "13800000002"],
    [3, "王五", None, f"'{IDS[2]}", "男", "1977-12-31", "13800000003"],
]
FOOTER = [["合计", "3人"], ["制表人：王静", None, None, "审核人：刘志刚"], ["填表日期：2026年12月1日"]]


def _roster_sheet(ws, members=MEMBERS) -> None:  # type: ignore[no-untyped-def]
    ws.append(["职工互助保障活动人员名册"])
    ws.append(["单位名称：测试机械厂"])
    ws.append(HEADER)
    for row in members:
        ws.append(row)
    for row in FOOTER:
        ws.append(row)
    ws.column_dimensions["C"].hidden = True  # the empty, hidden older ID column
    for r in range(4, 4 + len(members)):
        ws.cell(r, 4).number_format = "@"


def _fixture(path: Path, hidden_sheet: bool = True) -> None:
    wb = Workbook()
    if hidden_sheet:
        old = wb.active
        old.title = "旧名册"
        old.append(["姓名", "身份证号码"])
        old.append(["赵六", "110101198005010011"])  # wrong check digit: never read
        old.sheet_state = "hidden"
        _roster_sheet(wb.create_sheet("名册"))
        wb.active = 1
    else:
        wb.active.title = "名册"
        _roster_sheet(wb.active)
    wb.save(path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpus")
    _fixture(root / "fixture.xlsx")
    _fixture(root / "single.xlsx", hidden_sheet=False)
    files = {"xlsx": root / "fixture.xlsx"}
    jobs = [{"src": root / "fixture.xlsx", "dst": root / f"名册.{ext}"} for ext in ("xls", "ods")]
    jobs.append({"src": root / "single.xlsx", "dst": root / "lo-utf8.csv"})
    jobs.append({"src": root / "fixture.xlsx", "dst": root / "lo.xlsx"})  # saved again by LibreOffice
    libreoffice.run_jobs(jobs, root / "lo")
    files |= {"xls": root / "名册.xls", "ods": root / "名册.ods", "lo-xlsx": root / "lo.xlsx"}
    # Issue 15 item 8: a real .xls (and .ods) renamed .xlsx is read by its content, not called damaged.
    for kind in ("xls", "ods"):
        renamed = root / f"名册-{kind}改名.xlsx"
        shutil.copyfile(files[kind], renamed)
        files[f"{kind}-as-xlsx"] = renamed
    text = (root / "lo-utf8.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    for name, encoding, delimiter in (
        ("utf8", "utf-8", ","), ("utf8-bom", "utf-8-sig", ","), ("gbk", "gbk", ","),
        ("gb18030", "gb18030", ","), ("gbk-tab", "gbk", "\t"), ("utf8-semicolon", "utf-8", ";"),
    ):  # fmt: skip
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        suffix = ".txt" if delimiter == "\t" else ".csv"
        (root / f"名册-{name}{suffix}").write_bytes(out.getvalue().encode(encoding))
        files[f"csv-{name}"] = root / f"名册-{name}{suffix}"
    return files


KINDS = ["xlsx", "lo-xlsx", "xls", "ods", "xls-as-xlsx", "ods-as-xlsx", "csv-utf8", "csv-utf8-bom",
         "csv-gbk", "csv-gb18030", "csv-gbk-tab", "csv-utf8-semicolon"]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_roster_imports_with_notices(
    kind: str, corpus: dict[str, Path], sessions: SessionFactory, clerk: Actor
) -> None:
    report = roster_import.import_roster(sessions, clerk, corpus[kind])
    assert (report.imported, report.unit_name, report.errors) == (3, "测试机械厂", []), report
    notices = "\n".join(report.notices)
    assert "合计 | 3人" in notices and "制表人：王静 | 审核人：刘志刚" in notices, notices
    assert "忽略空列“身份证号码”（第 3 列）" in notices, notices
    if not kind.startswith("csv"):
        assert "已跳过隐藏的工作表：旧名册" in notices, notices
    else:
        assert "按文本文件读取" in notices, notices


def test_a_bad_row_names_row_person_and_field(tmp_path: Path, sessions: SessionFactory, clerk: Actor) -> None:
    bad = [list(MEMBERS[0]), list(MEMBERS[1])]
    bad[1][3] = "110105199003070023"  # wrong check digit
    bad[0][5] = "1981-05"  # the ID says 1980-05
    wb = Workbook()
    _roster_sheet(wb.active, bad)
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(InputErrors) as info:
        roster_import.import_roster(sessions, clerk, tmp_path / "bad.xlsx")
    lines = {str(e) for e in info.value.errors}
    assert any(line.startswith("第 5 行“身份证号码”列（李四）：") for line in lines), lines
    assert any(line.startswith("第 4 行“出生年月”列（张三）：出生年月与身份证号码不符") for line in lines)
    assert any("忽略空列" in n for n in info.value.notices)
