from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.io.batch import verify_batch
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.enrollment_documents import EnrollmentDocuments
from tests import factories
from tests.exchange_helpers import office_for

D = dt.date
WEIHAI = "weihai-2012-supplementary-medical"


@pytest.fixture
def enrolled(sessions: SessionFactory, clerk: Actor):  # type: ignore[no-untyped-def]
    return factories.enrolled_unit(sessions, clerk)


def test_batch_files_read_back_cell_by_cell_and_checksums_verify(
    tmp_path: Path,
    sessions: SessionFactory,
    clerk: Actor,
    enrolled,  # type: ignore[no-untyped-def]
) -> None:
    uid, period = enrolled
    office_for((sessions, clerk), tmp_path / "office")
    docs = EnrollmentDocuments(sessions, clerk)
    folder = docs.export_batch(uid, period.id, tmp_path, today=D(2012, 3, 8))
    assert folder.name == "WH001_第3期_20120308_批001"
    assert sorted(p.name for p in folder.iterdir()) == [
        "manifest.json",
        "manifest.sig",
        "人员手册.pdf",
        "人员手册.xlsx",
        "团体申请表.pdf",
        "团体申请表.xlsx",
    ]
    assert verify_batch(folder) == []
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"members": 3, "payers": 3} and manifest["totals"]["amount"] == "108.00"

    ws = load_workbook(folder / "人员手册.xlsx").active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[:5] == ["序号", "姓名", "性别", "身份证", "医保卡号"])
    body = [r[:5] for r in rows[header + 1 : header + 4]]
    numbers = {r[3] for r in body}
    assert all(isinstance(n, str) and len(n) == 18 for n in numbers)
    assert {r[1] for r in body} == {"王芳", "赵磊", "=钱多多"}
    formula_cell = next(c for r in ws.iter_rows() for c in r if c.value == "=钱多多")
    assert formula_cell.data_type == "s"

    app = load_workbook(folder / "团体申请表.xlsx").active
    values = {r[0].value: r[1].value for r in app.iter_rows(min_row=2) if r[0].value}
    assert values["期数"] == "3" and values["单位编码"] == "WH001"
    assert values["缴款日期（2012—01—01格式）"] == "2012-03-06"
    assert (
        values["缴费标准（元/人·期）"] == "36.00"
        and values["缴费人数"] == "3"
        and values["缴费金额"] == "108.00"
    )
    assert values["参加活动的人数占会员总数比例"] == "3/3 = 100.0%"

    again = docs.export_batch(uid, period.id, tmp_path, today=D(2012, 3, 8))
    assert again.name.endswith("批002")
    assert [b.number for b in docs.batches(uid)] == [1, 2]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_printed_application_carries_every_field(
    tmp_path: Path, sessions: SessionFactory, clerk: Actor, enrolled
) -> None:  # type: ignore[no-untyped-def]
    uid, period = enrolled
    out = tmp_path / "app.pdf"
    EnrollmentDocuments(sessions, clerk).print_group_application(uid, period.id, out)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for value in (
        "威海市第一机械厂",
        "WH001",
        "2012-03-06",
        "张主席",
        "0631-5201234",
        "李经办",
        "13906311234",
        "威海市环翠区新威路 1 号",
        "36.00",
        "108.00",
        "3/3 = 100.0%",
        "盖章",
    ):
        assert value in text, value
    roster_pdf = tmp_path / "roster.pdf"
    assert EnrollmentDocuments(sessions, clerk).print_personnel_roster(uid, period.id, roster_pdf) == 3
    text = subprocess.run(
        ["pdftotext", str(roster_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "第 3 联" in text or "第3联" in text.replace(" ", "")
