"""The 会员名册 tab driven as a clerk would: add, edit, search, sort, move, mark as left."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.roster import RosterService
from app.ui.roster.roster_tab import RosterTab
from tests import factories


@pytest.fixture
def tab(qtbot, sessions: SessionFactory, clerk: Actor) -> RosterTab:  # type: ignore[no-untyped-def]
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster)
    for name in ("张三", "李四", "王五", "阿明"):
        factories.member(roster, uid, name, phone=f"1390000{len(name)}{ord(name[0]) % 1000:03d}")
    widget = RosterTab(sessions, clerk)
    widget.quiet = True
    qtbot.addWidget(widget)
    widget.units.setCurrentRow(1)
    return widget


def names(tab: RosterTab) -> list[str]:
    return [tab.model.member_at(r).name for r in range(tab.model.rowCount())]


def test_names_sort_in_pinyin_order_and_ids_are_masked(tab: RosterTab) -> None:
    assert names(tab) == ["阿明", "李四", "王五", "张三"]
    shown = tab.model.index(0, 3).data()
    assert len(shown) == 18 and shown[6:14] == "********"
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert names(tab) == ["张三", "王五", "李四", "阿明"]


def test_search_as_you_type_by_name_and_id_part(tab: RosterTab) -> None:
    tab.search.setText("李")  # Chinese goes in by setText: keyClicks aborts on non-ASCII (PITFALLS.md)
    assert names(tab) == ["李四"]
    tab.search.clear()
    number = RosterService(tab._sessions, tab._service.actor).member_rows()[0].id_number
    tab.search.setFocus()
    from pytestqt.qtbot import QtBot  # noqa: F401 - typing only

    for ch in number[10:16]:
        tab.search.insert(ch)
    assert number in [tab.model.member_at(r).id_number for r in range(tab.model.rowCount())]
    assert tab.status.text().startswith("共 4 人")


def test_add_member_by_keyboard_shows_derived_fields(tab: RosterTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = tab.open_add_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setText("赵敏")
    number = factories.id_number(dt.date(1992, 3, 4), male=False)
    qtbot.keyClicks(dialog.id_number, number.lower())
    assert dialog.derived.text().startswith("女　1992-03-04")
    qtbot.keyClicks(dialog.phone, "13912345678")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)  # Enter saves
    assert dialog.error.text() == ""
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "赵敏" in names(tab)
    row = RosterService(tab._sessions, tab._service.actor).member_rows()
    saved = next(r for r in row if r.name == "赵敏")
    assert (saved.id_number, saved.gender, saved.birth_date) == (number, "女", dt.date(1992, 3, 4))


def test_bad_input_keeps_the_dialog_open_with_reasons(tab: RosterTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = tab.open_add_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    existing = RosterService(tab._sessions, tab._service.actor).member_rows()[0]
    dialog.name.setText("重复者")
    dialog.id_number.setText(existing.id_number)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert f"已登记为会员 {existing.name}" in dialog.error.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels
    assert len(names(tab)) == 4


def test_edit_member_shows_full_id_and_saves(tab: RosterTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = next(r for r in range(tab.model.rowCount()) if tab.model.member_at(r).name == "王五")
    member = tab.model.member_at(row)
    dialog = tab.open_edit_dialog(member.id)
    qtbot.addWidget(dialog)
    assert dialog.id_number.text() == member.id_number  # full in the dialog
    dialog.name.setText("王小五")
    dialog.model_worker.setChecked(True)
    dialog.accept()
    assert "王小五" in names(tab)
    saved = RosterService(tab._sessions, tab._service.actor).member(member.id)
    assert saved.draft.categories == frozenset({"model_worker"})


def test_move_and_mark_left(tab: RosterTab, sessions: SessionFactory, clerk: Actor) -> None:
    other = factories.unit(RosterService(sessions, clerk), "U002", "荣成市水产公司")
    tab.reload_units()
    member = tab.model.member_at(0)
    assert tab.move_member(member.id, other) is None
    assert member.name not in names(tab)
    second = tab.model.member_at(0)
    assert tab.mark_left(second.id, dt.date(2026, 5, 1)) is None
    row = tab.model.row_of_member(second.id)
    assert row is not None and tab.model.index(row, 10).data() == "离职"


def test_auditor_sees_the_roster_read_only(
    qtbot, sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:  # type: ignore[no-untyped-def]
    factories.unit(RosterService(sessions, clerk))
    tab = RosterTab(sessions, auditor)
    qtbot.addWidget(tab)
    assert not tab.add_button.isEnabled() and not tab.import_button.isEnabled()
    assert tab.export_button.isEnabled()


def test_none_refcount_is_stable_across_qt_calls(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12 drops a reference to None on every void call and aborts (PITFALLS.md)."""
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(1000):
        label.setText(str(i))
    assert sys.getrefcount(None) >= before - 10


def test_import_with_errors_changes_nothing_then_good_rows_only(tab: RosterTab, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    from app.services.errors import InputErrors

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号码", "医保卡号"])
    ws.append(["孙悟空", factories.id_number(dt.date(1990, 1, 1)), "A1"])
    bad = factories.id_number()
    ws.append(["猪八戒", bad[:17] + ("0" if bad[17] != "0" else "1"), "A2"])
    ws.append(["沙僧", 110105198001010011.0, "A3"])
    path = tmp_path / "in.xlsx"
    wb.save(path)
    with qtbot.waitSignal(tab.sig_import_finished, timeout=20000) as blocker:
        tab.import_file(path)
    assert isinstance(blocker.args[0], InputErrors)
    assert sorted({e.row for e in blocker.args[0].errors}) == [3, 4]
    assert len(names(tab)) == 4
    out = tmp_path / "bad.xlsx"
    with qtbot.waitSignal(tab.sig_import_finished, timeout=20000) as blocker:
        tab.import_file(path, good_rows_only=True, bad_rows_out=out)
    assert blocker.args[0].imported == 1 and out.exists()
    assert "孙悟空" in names(tab)


def test_export_from_the_tab_writes_the_unit(tab: RosterTab, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    with qtbot.waitSignal(tab.sig_export_finished, timeout=20000) as blocker:
        tab.export_file(out, "personnel")
    assert blocker.args[0] == 4
    values = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert {"阿明", "李四", "王五", "张三"} <= set(values)


def test_mark_as_left_names_the_member_before_it_changes_anything(
    tab: RosterTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from app.rules import idnumber

    asked: list[str] = []
    reply = [("", False)]

    def get_text(_parent, _title, label, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(label)
        return reply[0]

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    tab.table.selectRow(names(tab).index("李四"))
    member = tab.model.member_at(names(tab).index("李四"))
    tab.left_button.click()  # Esc (cancelled): nothing changes
    assert asked == [f"标记 李四（身份证 {idnumber.mask(member.id_number)}）离职，离职日期："]
    assert tab._service.member(member.id).left_on is None
    reply[0] = ("2026-11-30", True)
    tab.left_button.click()
    assert tab._service.member(member.id).left_on == dt.date(2026, 11, 30)
