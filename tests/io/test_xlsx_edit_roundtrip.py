"""Every kind of .xlsx the program writes survives a clerk editing it in LibreOffice.

Each file is written by the program's own writer, then LibreOffice (headless, through UNO) types
a new 18-digit ID, card or account number into an ID-bearing cell — the keystroke path, which
honours the cell's number format — and saves it. Read back, the typed number still has every
digit; rosters and the bad-rows file are imported again through ``read_roster``. Dates are date
cells and money numeric cells with the format 0.00, so sums work; the header row is frozen.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from app.io.group_application_xlsx import write_group_application_xlsx
from app.io.pdf_enrollment import GroupApplication
from app.io.roster_xlsx import (
    FullRow,
    bad_rows_of,
    read_roster,
    write_bad_rows,
    write_full_roster,
    write_personnel_roster,
)
from app.io.stats_xlsx import write_table
from app.models import CoveragePeriod
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.batch_results import _results_xlsx
from app.services.claim_documents import ClaimDocuments, _claims_xlsx
from app.services.claim_queries import ClaimQueries
from app.services.code_labels import PlanNames
from app.services.plans import PlanService
from app.services.roster_types import RowError
from app.services.statistics import StatisticsService
from tests.services.test_statistics import build_office
from tests.tools import libreoffice

TYPED_ID = "110108196910261234"  # a valid ID: check digit 4
TYPED_ACCOUNT = "6222020200001111222"


def _cells(path: Path, sheet: int = 0) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(sheet).to_python(skip_empty_area=False)


@pytest.fixture
def office_files(tmp_path: Path, sessions: SessionFactory, clerk: Actor, auditor: Actor) -> dict[str, Path]:
    """One file of each kind, from a small office's data."""
    build_office(sessions, clerk, auditor)
    out: dict[str, Path] = {}
    docs = ClaimDocuments(sessions, clerk)
    out["payment"] = tmp_path / "付款清单.xlsx"
    assert docs.payment_list(out["payment"]) >= 2
    queries = ClaimQueries(sessions)
    fulls = [queries.get(r.claim_no) for r in queries.list()]
    names = PlanNames(PlanService(sessions, clerk).catalogue())
    out["claims"] = tmp_path / "理赔清单.xlsx"
    _claims_xlsx(out["claims"], fulls, {}, names)
    rows = [f.row for f in fulls]
    results = [
        {"claim_no": r.claim_no, "office_claim_no": f"B{r.claim_no}", "status": r.status,
         "approved": f"{r.approved:.2f}" if r.approved is not None else None,
         "paid": f"{r.paid:.2f}" if r.paid is not None else None,
         "paid_on": r.paid_on.isoformat() if r.paid_on else None, "reason": ""}
        for r in rows
    ]  # fmt: skip
    enrollments = [
        {"id_number": r.id_number, "plan": r.plan_code, "period": 1, "outcome": "accepted", "reason": ""}
        for r in rows
    ]
    out["results"] = tmp_path / "处理结果.xlsx"
    _results_xlsx(out["results"], results, enrollments, names)
    with sessions() as s:
        period_id = s.scalars(select(CoveragePeriod.id).order_by(CoveragePeriod.id)).first()
    header, lines = StatisticsService(sessions, clerk).participation(period_id).table()
    out["stats"] = tmp_path / "参保率.xlsx"
    write_table(out["stats"], "参保率", header, lines)
    return out


def _roster_files(tmp_path: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    out["personnel"] = tmp_path / "人员手册.xlsx"
    write_personnel_roster(
        out["personnel"], title="测试方案", unit_name="测试单位",
        members=[("张三", "男", "110101199003074514", "M0001"), ("李四", "女", "110105198512120027", "M2")],
    )  # fmt: skip
    out["full"] = tmp_path / "会员名册.xlsx"
    write_full_roster(
        out["full"], unit_name="测试单位",
        members=[FullRow("U001", "测试单位", "张三", "男", dt.date(1990, 3, 7), "110101199003074514",
                         bank_name="工行", bank_account="6222020200000001")],
    )  # fmt: skip
    source = tmp_path / "source.xlsx"
    write_full_roster(
        source, unit_name="测试单位",
        members=[FullRow("U001", "测试单位", "王五", "男", dt.date(1990, 3, 7), "110101199003074510")],
    )  # fmt: skip
    sheet = read_roster(source)
    assert sheet.errors == [] and len(sheet) == 1
    out["bad"] = tmp_path / "source_错误行.xlsx"
    header = list(sheet.header)
    wrong = [RowError(sheet.header_row + 1, "身份证号码", "校验位错误")]
    write_bad_rows(out["bad"], header, bad_rows_of(sheet, wrong))
    out["application"] = tmp_path / "团体申请表.xlsx"
    write_group_application_xlsx(
        out["application"],
        GroupApplication(
            plan_title="测试方案", period_no=1, unit_name="测试单位", unit_code="U001", payment_date=None,
            chair_name="张三", chair_contact="13800000000", handler_name="李四", handler_contact="139",
            address="某路1号", fee_standard=Decimal("36"), payer_count=2, amount=Decimal("72"),
            participation_ratio="100%", in_service=2, office_opinion="",
        ),
    )  # fmt: skip
    return out


def _column(path: Path, title: str, sheet: int = 0) -> str:
    """The Excel letter of the header ``title`` in row 1 (or the first row holding it)."""
    for row in _cells(path, sheet)[:6]:
        for i, value in enumerate(row):
            if value == title:
                return chr(ord("A") + i)
    raise AssertionError(f"{title} not in {path.name}")


def test_every_export_keeps_typed_numbers_whole_after_editing_in_libreoffice(
    tmp_path: Path, office_files: dict[str, Path]
) -> None:
    files = {**office_files, **_roster_files(tmp_path)}
    # (file, sheet, cell, typed text): an ID-bearing cell of each kind
    edits = {
        "payment": [("付款清单", f"{_column(files['payment'], '身份证号码')}2", TYPED_ID),
                    ("付款清单", f"{_column(files['payment'], '收款账号')}2", TYPED_ACCOUNT)],
        "claims": [("理赔清单", f"{_column(files['claims'], '身份证号码')}2", TYPED_ID)],
        "results": [("参保审核结果", "A2", TYPED_ID)],
        "stats": [("参保率", "A2", TYPED_ID)],
        "personnel": [("人员手册", "D5", TYPED_ID)],
        "full": [("会员名册", "F3", TYPED_ID), ("会员名册", "L3", TYPED_ACCOUNT)],
        "bad": [("错误行", f"{_column(files['bad'], '身份证号码')}2", TYPED_ID)],
        "application": [("团体申请表", "B6", TYPED_ACCOUNT)],
    }  # fmt: skip
    jobs = [
        {"src": files[k], "dst": tmp_path / "edited" / f"{k}.xlsx", "edits": [list(e) for e in v]}
        for k, v in edits.items()
    ]
    (tmp_path / "edited").mkdir()
    libreoffice.run_jobs(jobs, tmp_path / "lo")
    for key, cells in edits.items():
        edited = tmp_path / "edited" / f"{key}.xlsx"
        book = load_workbook(edited)
        for sheet, cell, typed in cells:
            value = book[sheet][cell].value
            assert value == typed, f"{key} {sheet}!{cell}: {value!r} (the typed {typed} lost digits)"
    # Rosters and the bad-rows file import again, with the typed ID whole.
    for key in ("personnel", "full", "bad"):
        sheet = read_roster(tmp_path / "edited" / f"{key}.xlsx")
        assert TYPED_ID in sheet.column("id_number"), (key, sheet.errors, sheet.column("id_number"))
        assert not [e for e in sheet.errors if "身份证" in e.column], (key, sheet.errors)


def test_lists_have_date_cells_money_numbers_and_a_frozen_header(office_files: dict[str, Path]) -> None:
    book = load_workbook(office_files["payment"])
    ws = book.active
    header = [c.value for c in ws[1]]
    money, due, account = (header.index(t) + 1 for t in ("金额（元）", "应付日期", "收款账号"))
    assert ws.freeze_panes == "A2"
    last = ws.max_row
    amounts = [ws.cell(r, money).value for r in range(2, last)]
    assert all(isinstance(a, int | float) for a in amounts) and ws.cell(2, money).number_format == "0.00"
    assert ws.cell(last, 1).value == "合计" and ws.cell(last, money).value == pytest.approx(sum(amounts))
    assert isinstance(ws.cell(2, due).value, dt.datetime)
    letter = chr(ord("A") + account - 1)
    assert ws.column_dimensions[letter].number_format == "@"  # also where a clerk types a missing account
    assert ws.column_dimensions["D"].width >= 18  # the ID column fits 18 digits

    claims = load_workbook(office_files["claims"]).active
    header = [c.value for c in claims[1]]
    row = [c.value for c in claims[2]]
    assert isinstance(row[header.index("事件日期")], dt.datetime)
    assert isinstance(row[header.index("核定金额")], int | float)
    assert "jilin" not in str(row) and "hospital" not in str(row) and claims.freeze_panes == "A2"
    results = load_workbook(office_files["results"])
    assert results["理赔处理结果"].freeze_panes == "A2"
    assert "jilin" not in str([c.value for c in results["参保审核结果"][2]])
