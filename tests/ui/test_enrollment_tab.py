"""The 参保缴费 tab driven as a clerk would: a finding appears and disappears, a payment, a batch."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate

from app.io.batch import verify_batch
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.roster import RosterService, UnitDraft
from app.ui.enrollment.enrollment_tab import EnrollmentTab
from tests import factories
from tests.exchange_helpers import office_for

JILIN = "jilin-2020-hospital-combo"


@pytest.fixture
def tab(qtbot, sessions: SessionFactory, clerk: Actor) -> EnrollmentTab:  # type: ignore[no-untyped-def]
    roster = RosterService(sessions, clerk)
    uid = roster.save_unit(
        UnitDraft(
            "JL01",
            "长春市第一汽车配件厂",
            "刘主席",
            "0431-8888",
            "陈经办",
            "139000",
            "长春市人民大街 1 号",
            4,
            4,
        )
    )
    for i, name in enumerate(("赵一", "钱二", "孙三", "李四")):
        factories.member(roster, uid, name, factories.id_number(dt.date(1980, 1, 1 + i)))
    factories.member(roster, uid, "退休周", factories.id_number(dt.date(1955, 1, 1)), employment="retired")
    widget = EnrollmentTab(sessions, clerk)
    widget.quiet = True
    qtbot.addWidget(widget)
    widget.select(JILIN, unit_id=uid)
    widget.as_of.setDate(QDate(2020, 2, 1))
    widget.effective.setDate(QDate(2020, 2, 1))
    assert (
        widget.create_period(
            {
                "number": 1,
                "start": dt.date(2020, 2, 1),
                "end": dt.date(2021, 1, 31),
                "collect_from": dt.date(2020, 1, 8),
                "collect_to": dt.date(2020, 2, 20),
                "fee": "110",
            }
        )
        is None
    )
    return widget


def finding_texts(tab: EnrollmentTab) -> list[str]:
    return [tab.findings.item(i).text() for i in range(tab.findings.count())]


def test_participation_finding_appears_and_disappears(tab: EnrollmentTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    ov = tab.overview_data
    assert ov is not None and ov.eligible_count == 4
    retired_row = next(r for r in range(tab.model.rowCount()) if tab.model.line(r).name == "退休周")
    assert tab.model.index(retired_row, 6).data().startswith("不符合")
    first_two = [
        tab.model.line(r).member_id
        for r in range(tab.model.rowCount())
        if tab.model.line(r).name in ("赵一", "钱二")
    ]
    for mid in first_two:
        tab.model.set_checked(mid, True)
    with qtbot.waitSignal(tab.sig_overview_changed):
        tab.enroll_checked.click()
    assert "单位 4 人，已参保 2 人：200 人以下单位须全员参保" in finding_texts(tab)
    with qtbot.waitSignal(tab.sig_overview_changed):
        tab.enroll_all.click()
    assert finding_texts(tab) == ["符合本计划的全部参保规定"]
    assert "已参保 4 人" in tab.summary.text() and "320.00" in tab.summary.text()
    mid = first_two[0]
    assert tab.cancel_enrollment(mid, "调离") is None
    assert any("已参保 3 人" in t for t in finding_texts(tab))


def test_payment_and_batch_export(tab: EnrollmentTab, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tab.enroll_members(None) is None
    assert "应缴 320.00 元，已缴 0.00 元，尚欠 320.00 元" in tab.payments.text()
    problem = tab.record_payment({"amount": "-1", "method": "cash", "paid_on": dt.date(2020, 2, 1)})
    assert problem and "金额" in problem
    assert (
        tab.record_payment(
            {
                "amount": "320",
                "method": "cheque_forward",
                "paid_on": dt.date(2020, 2, 1),
                "receipt_no": "0001234",
            }
        )
        is None
    )
    assert "尚欠 0.00 元" in tab.payments.text() and "支票（正送）" in tab.payments.text()

    office_for((tab._sessions, tab._actor), tmp_path / "office")
    with qtbot.waitSignal(tab.sig_export_finished, timeout=30000) as blocker:
        tab.export_batch(tmp_path, "口令2020")
    folder = blocker.args[0]
    assert isinstance(folder, Path) and verify_batch(folder) == []
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["members"] == 4 and all(
        f["encrypted"] for f in manifest["files"] if f["name"].endswith(".xlsx")
    )
    from app.io.batch import decrypt_office_file

    plain = tmp_path / "plain.xlsx"
    decrypt_office_file(folder / "人员手册.xlsx", "口令2020", plain)
    names = {c.value for row in load_workbook(plain).active.iter_rows() for c in row}
    assert {"赵一", "钱二", "孙三", "李四"} <= names and "退休周" not in names
    assert (
        tab.print_to("application", tmp_path / "a.pdf") is None and (tmp_path / "a.pdf").stat().st_size > 1000
    )


def test_auditor_sees_but_cannot_enroll(qtbot, sessions: SessionFactory, auditor: Actor) -> None:  # type: ignore[no-untyped-def]
    widget = EnrollmentTab(sessions, auditor)
    qtbot.addWidget(widget)
    assert not widget.enroll_all.isEnabled() and not widget.pay_button.isEnabled()
    assert widget.print_roster.isEnabled()


def test_the_effective_date_follows_the_chosen_period(tab: EnrollmentTab) -> None:
    """Issue 18 item 2: a period starting after the processing date is enrolled from its start."""
    assert tab.effective.date() == QDate(2020, 2, 1)
    assert (
        tab.create_period(
            {"number": 2, "start": dt.date(2021, 2, 1), "end": dt.date(2022, 1, 31), "fee": "110"}
        )
        is None
    )
    tab.period.setCurrentIndex(tab.period.count() - 1)
    assert tab.effective.date() == QDate(2021, 2, 1)  # not the processing date 2020-02-01
    tab.as_of.setDate(QDate(2021, 5, 6))
    tab.period.setCurrentIndex(0)  # a period already under way: the processing date, within it
    assert tab.effective.date() == QDate(2021, 1, 31)
    tab.period.setCurrentIndex(1)
    assert tab.effective.date() == QDate(2021, 5, 6)


def test_enrolling_everyone_eligible_asks_first_naming_whom_and_how_much(
    tab: EnrollmentTab, qtbot, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    def question(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    tab.quiet = False
    tab.enroll_all.click()
    assert asked == [
        "为“长春市第一汽车配件厂（JL01）”的 4 名符合条件、尚未参保的会员办理参保，生效日期 2020-02-01，"
        "缴费标准每人 110.00 元。确定办理吗？"
    ]
    assert tab.overview_data is not None and tab.overview_data.enrolled_count == 0  # 否: nothing done
    answer[0] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(tab.sig_overview_changed):
        tab.enroll_all.click()
    assert tab.overview_data.enrolled_count == 4


def test_a_wrong_payment_is_voided_in_the_window(tab: EnrollmentTab, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 18 item 7: a payment recorded wrongly could not be corrected or voided."""
    from PySide6.QtWidgets import QInputDialog

    tab.enroll_members(None)
    assert tab.record_payment({"amount": "3200", "method": "transfer", "paid_on": dt.date(2020, 2, 3),
                               "receipt_no": "R-9", "today": dt.date(2020, 2, 5)}) is None  # fmt: skip
    asked: list[str] = []

    def pick(_p, _t, label, items, *_a):  # type: ignore[no-untyped-def]
        asked.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("金额录错", True))
    tab._on_void_clicked()
    assert asked == ["2020-02-03 转账 3,200.00 元 R-9"]
    assert "（已作废：金额录错）" in tab.payments.text() and "已缴 0.00 元" in tab.payments.text()
