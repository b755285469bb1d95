"""Roster import and export through the service: all-or-nothing, every bad row reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.models.db import SessionFactory
from app.services import roster_import
from app.services.auth import Actor
from app.services.errors import InputErrors, PermissionDenied
from app.services.roster import RosterService
from tests import factories

HEADER = ["序号", "姓名", "性别", "身份证号码", "医保卡号", "联系电话", "入会日期", "在职状态"]


def write_file(path: Path, rows: list[list[object]], unit_name: str = "荣成市石岛渔业公司") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["威海市工会会员爱心互助补充医疗保险工程"])
    ws.append(["人员手册"])
    ws.append([f"单位名称：{unit_name}"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def name_of(i: int) -> str:
    return "张" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "子丑寅卯辰巳午未申酉戌亥"[i // 10 % 12]


def good_rows(n: int, start: int = 0) -> list[list[object]]:
    rows = []
    for i in range(n):
        number = factories.id_number(dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28), male=i % 2 == 0)
        rows.append(
            [
                i + 1,
                name_of(start + i),
                "男" if i % 2 == 0 else "女",
                number,
                f"M{i:06d}",
                "13800000000",
                "2010-01-01",
                "在职",
            ]
        )
    return rows


def thirty_bad_rows(existing: str) -> list[list[object]]:
    """30 rows, each wrong in one way a clerk's file really is."""
    base = factories.id_number(dt.date(1985, 5, 5))
    wrong_check = base[:17] + ("0" if base[17] != "0" else "1")
    bad: list[list[object]] = []
    kinds = [
        ["", "男", factories.id_number(), "", "", "", "在职"],  # missing name
        ["张三", "男", wrong_check, "", "", "", "在职"],  # check digit
        ["李四", "男", float(base[:17] + "1"), "", "", "", "在职"],  # numeric ID cell
        ["王五", "男", "12345", "", "", "", "在职"],  # too short
        ["赵六", "女", factories.id_number(male=True), "", "", "", "在职"],  # gender disagrees
        ["钱七", "男", factories.id_number(), "", "", "2099-01-01", "在职"],  # future date
        ["孙八", "男", factories.id_number(), "", "", "某日", "在职"],  # not a date
        ["周九", "男", factories.id_number(), "", "", "", "上班"],  # unknown status
        ["吴十", "男", existing, "", "", "", "在职"],  # already in the database
        ["郑一", "男", "110105199913320011", "", "", "", "在职"],  # impossible birth date
    ]
    for i in range(30):
        name, gender, number, card, phone, since, status = kinds[i % len(kinds)]
        if i >= 10 and name:
            name = name + name_of(i)
        if (
            isinstance(number, str)
            and i >= 10
            and number not in (existing, "12345", "110105199913320011")
            and number != wrong_check
        ):
            number = factories.id_number(male=(gender == "男") != (kinds[i % 10][0] == "赵六"))
        bad.append([100 + i, name, gender, number, card, phone, since, status])
    return bad


@pytest.fixture
def roster(sessions: SessionFactory, clerk: Actor) -> RosterService:
    return RosterService(sessions, clerk)


def test_good_file_imports_into_a_new_unit_named_by_its_title(
    tmp_path: Path, sessions: SessionFactory, clerk: Actor, roster: RosterService
) -> None:
    path = write_file(tmp_path / "ok.xlsx", good_rows(25))
    report = roster_import.import_roster(sessions, clerk, path)
    assert (report.imported, report.unit_created, report.unit_name) == (25, True, "荣成市石岛渔业公司")
    assert len(roster.member_rows()) == 25


def test_thirty_bad_rows_change_nothing_and_are_all_reported(
    tmp_path: Path, sessions: SessionFactory, clerk: Actor, roster: RosterService
) -> None:
    uid = factories.unit(roster)
    existing = factories.id_number()
    factories.member(roster, uid, "老会员", existing)
    rows = good_rows(20) + thirty_bad_rows(existing)
    path = write_file(tmp_path / "bad.xlsx", rows)
    with pytest.raises(InputErrors) as info:
        roster_import.import_roster(sessions, clerk, path, "U001")
    bad_rows = {e.row for e in info.value.errors}
    assert len(bad_rows) == 30
    assert all(e.column and e.message for e in info.value.errors)
    assert {e.row for e in info.value.errors if "已登记为会员 老会员" in e.message}
    assert len(roster.member_rows()) == 1  # nothing written
    assert [u.code for u in roster.list_units()] == ["U001"]  # no unit created either

    out = tmp_path / "bad_rows.xlsx"
    report = roster_import.import_roster(sessions, clerk, path, "U001", good_rows_only=True, bad_rows_out=out)
    assert report.imported == 20 and len({e.row for e in report.errors}) == 30
    ws = load_workbook(out).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    assert values[0][-2:] == ["原行号", "错误原因"]
    assert len(values) == 31 and all(v[-1] for v in values[1:])


def test_export_both_layouts_read_back(
    tmp_path: Path, sessions: SessionFactory, clerk: Actor, roster: RosterService
) -> None:
    uid = factories.unit(roster)
    number = factories.id_number(dt.date(1990, 1, 2), male=False)
    factories.member(roster, uid, "王芳", number, medical_card="0012345", bank_account="6222000011112222")
    factories.member(roster, uid, "阿明")
    out = tmp_path / "p.xlsx"
    assert roster_import.export_roster(sessions, "U001", "personnel", out) == 2
    cells = [[c.value for c in r] for r in load_workbook(out).active.iter_rows()]
    header = next(i for i, r in enumerate(cells) if r[:2] == ["序号", "姓名"])
    assert cells[header + 1][:5] == [1, "阿明", "男", cells[header + 1][3], cells[header + 1][4]]
    assert cells[header + 2][1:5] == ["王芳", "女", number, "0012345"]
    full = tmp_path / "f.xlsx"
    roster_import.export_roster(sessions, "U001", "full", full)
    ws = load_workbook(full).active
    rows = [[c for c in r] for r in ws.iter_rows()]
    head = next(i for i, r in enumerate(rows) if any(c.value == "身份证号码" for c in r))
    col = {c.value: i for i, c in enumerate(rows[head])}
    wang = next(r for r in rows[head + 1 :] if r[col["姓名"]].value == "王芳")
    assert wang[col["身份证号码"]].data_type == "s" and wang[col["银行账号"]].value == "6222000011112222"
    assert wang[col["出生日期"]].value.date() == dt.date(1990, 1, 2)
    # The exported full file imports again into another database without changes.
    with pytest.raises(InputErrors, match="已登记为会员"):
        roster_import.import_roster(sessions, clerk, full, "U001")


def test_auditor_cannot_import(tmp_path: Path, sessions: SessionFactory, auditor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        roster_import.import_roster(sessions, auditor, write_file(tmp_path / "x.xlsx", good_rows(1)))


def test_unreadable_file_is_refused(tmp_path: Path, sessions: SessionFactory, clerk: Actor) -> None:
    path = tmp_path / "not.xlsx"
    path.write_text("这不是表格", encoding="utf-8")
    with pytest.raises(InputErrors, match="Excel"):
        roster_import.import_roster(sessions, clerk, path, None)


def test_a_big_file_streams_in_chunks_all_or_nothing(
    sessions: SessionFactory, clerk: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks of 5 rows: a duplicate two chunks apart and a bad row in the last chunk are found;
    nothing the earlier chunks inserted stays. Good rows only: those go in, the rest to a file."""
    from app.io import roster_stream, xlsx_chunks

    monkeypatch.setattr(roster_stream, "CHUNK", 5)
    monkeypatch.setattr(xlsx_chunks, "PIECE_BYTES", 700)  # the sheet parsed a few rows at a time too
    roster = RosterService(sessions, clerk)
    factories.unit(roster, "RC01", "荣成市石岛渔业公司")
    rows = good_rows(23)
    rows[14][3] = rows[2][3]  # row 19 repeats row 7's ID number
    rows[21][3] = "110101"  # row 26: not an ID number
    rows.append([])
    rows.append(["说明：以下为注释"])  # the footer, not a member
    rows.append(["2、此表一式三份。", "", "", "", "x"])
    path = write_file(tmp_path / "big.xlsx", rows)
    with pytest.raises(InputErrors) as caught:
        roster_import.import_roster(sessions, clerk, path, "RC01")
    assert {(e.row, e.column) for e in caught.value.errors} == {(19, "身份证号码"), (26, "身份证号码")}
    assert "与第 7 行身份证号码重复" in str(caught.value.errors[0])
    assert roster.member_rows() == []
    out = tmp_path / "bad.xlsx"
    report = roster_import.import_roster(sessions, clerk, path, "RC01", good_rows_only=True, bad_rows_out=out)
    assert report.imported == 21 and len(roster.member_rows()) == 21
    bad = [r for r in load_workbook(out).active.iter_rows(values_only=True)][1:]
    assert [r[-2] for r in bad] == [19, 26]
    from app.services.roster_pages import RosterPages, RosterView

    found = RosterPages(sessions).query(RosterView(None, rows[20][3][-6:]))[0].page().rows  # indexed at once
    assert [r[4] for r in found] == [rows[20][3]]


def test_merged_cells_and_formulas_far_down_a_sheet_read_in_pieces(
    sessions: SessionFactory, clerk: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheet's XML is parsed a piece at a time; its merged ranges (written after all rows) and
    formulas are still found, named by row, and nothing is written."""
    from app.io import xlsx_chunks

    monkeypatch.setattr(xlsx_chunks, "PIECE_BYTES", 700)
    roster = RosterService(sessions, clerk)
    factories.unit(roster, "RC01", "荣成市石岛渔业公司")
    path = write_file(tmp_path / "merged.xlsx", good_rows(80))
    wb = load_workbook(path)
    wb.active.merge_cells("H70:H71")  # 在职状态 of rows 70–71
    wb.active["F60"] = "=1+1"
    wb.save(path)
    with pytest.raises(InputErrors) as caught:
        roster_import.import_roster(sessions, clerk, path, "RC01")
    found = {(e.row, e.column): e.message for e in caught.value.errors}
    assert "第 70–71 行是合并单元格" in found[(70, "在职状态")]
    assert "公式" in found[(60, "联系电话")]
    assert roster.member_rows() == []


def test_a_big_import_builds_the_indexes_again_after_its_rows(
    db_url: str, sessions: SessionFactory, clerk: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More rows than the roster holds: SQLite's plain indexes are dropped and built again after
    the rows (one sort instead of a random insert per row); a failed import leaves them as they were."""
    from sqlalchemy import text

    from app.services import bulk_insert

    monkeypatch.setattr(bulk_insert, "_REBUILD_FROM", 10)
    roster = RosterService(sessions, clerk)
    factories.unit(roster, "RC01", "荣成市石岛渔业公司")

    def indexes() -> dict[str, str]:
        with sessions() as s:
            q = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members'"
            return dict(s.execute(text(q)).tuples().all())

    if not db_url.startswith("sqlite"):
        pytest.skip("an SQLite-only path: PostgreSQL keeps its indexes")
    before = indexes()
    assert len(before) > 5
    bad = good_rows(40)
    bad[30][3] = "110101"
    with pytest.raises(InputErrors):
        roster_import.import_roster(sessions, clerk, write_file(tmp_path / "bad.xlsx", bad), "RC01")
    assert indexes() == before
    report = roster_import.import_roster(
        sessions, clerk, write_file(tmp_path / "big.xlsx", good_rows(40)), "RC01"
    )
    assert report.imported == 40 and indexes() == before
    with sessions() as s:
        plan = s.execute(text("EXPLAIN QUERY PLAN SELECT id FROM members ORDER BY phone, id LIMIT 5")).all()
    assert "ix_members_phone" in " ".join(str(r[-1]) for r in plan)
    assert len(roster.member_rows()) == 40
