"""撤销 (Ctrl+Z) in the window (issue 18 item 3): the last roster edit, move, leaving, enrollment
and cancellation are taken back, the status bar says what was done and undone, and a step whose
record changed since is refused with the reason."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService
from app.services.periods import PeriodService
from app.services.roster import RosterService
from app.services.users import UserService
from app.ui.main_window import MainWindow
from tests import factories

JILIN = "jilin-2020-hospital-combo"
D = dt.date


def test_ctrl_z_takes_back_the_clerks_last_steps(
    qtbot,
    sessions: SessionFactory,
    clerk: Actor,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    roster = RosterService(sessions, clerk)
    home, other = factories.unit(roster, "U1", "一厂"), factories.unit(roster, "U2", "二厂")
    mid = factories.member(roster, home, "张三", factories.id_number(D(1980, 1, 1)))
    factories.member(roster, home, "李四", factories.id_number(D(1981, 1, 1)))
    period = PeriodService(sessions, clerk).create(JILIN, 1, D(2020, 2, 1), D(2021, 1, 31), "110")
    window = MainWindow(sessions, clerk, UserService(sessions).office(), "数据库：测试")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert not window.undo_action.isEnabled()
    tab = window.roster_tab
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))

    dialog = tab.open_edit_dialog(mid)  # an edit, through the member dialog
    qtbot.addWidget(dialog)
    dialog.name.setText("张叁")
    dialog.accept()
    assert roster.member(mid).draft.name == "张叁"
    assert window.undo_action.text() == "撤销：修改会员 张三 的资料(&U)"
    assert "已修改会员 张三 的资料" in window.statusBar().currentMessage()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert roster.member(mid).draft.name == "张三"
    assert window.statusBar().currentMessage() == "已撤销：修改会员 张三 的资料"
    assert not window.undo_action.isEnabled()

    assert tab.move_member(mid, other) is None
    assert tab.mark_left(mid, D(2024, 6, 30)) is None
    window.undo_action.trigger()  # the newest first: the leaving …
    assert warned == []
    assert roster.member(mid).draft.employment == "in_service" and roster.member(mid).unit_id == other
    window.undo_action.trigger()  # … then the move
    assert roster.member(mid).unit_id == home
    recent = window.recent.toolTip().splitlines()  # the status bar keeps the recent changes
    assert [line.split(" ", 1)[1] for line in recent[:4]] == [
        "撤销：调动 张三 的单位", "撤销：将 张三 标记为离职", "将 张三 标记为离职", "调动 张三 的单位",
    ]  # fmt: skip
    assert window.recent.text() == "最近：撤销：调动 张三 的单位"

    enrollment = window.enrollment_tab
    enrollment.quiet = True
    enrollment.select(JILIN, period.id, home)
    enrollment.as_of.setDate(QDate(2020, 2, 1))
    enrollment.effective.setDate(QDate(2020, 2, 1))
    assert enrollment.enroll_members(None) is None  # 全部符合条件者参保
    assert enrollment.overview_data is not None and enrollment.overview_data.enrolled_count == 2
    assert window.undo_action.text() == "撤销：为“一厂（U1）”办理 2 人参保(&U)"
    window.undo_action.trigger()
    assert EnrollmentService(sessions, clerk).overview(home, period.id, D(2020, 2, 1)).enrolled_count == 0
    assert enrollment.enroll_members(None) is None
    assert enrollment.cancel_enrollment(mid, "填错了") is None
    window.undo_action.trigger()
    assert EnrollmentService(sessions, clerk).overview(home, period.id, D(2020, 2, 1)).enrolled_count == 2

    assert tab.move_member(mid, other) is None
    moved = roster.member(mid)  # another clerk edits the record after the move
    roster.update_member(
        mid, dataclasses.replace(moved.draft, phone="13900000000"), moved.family, moved.version
    )
    assert tab.mark_left(mid, D(2024, 6, 30)) is None
    assert window.undo_last() is None  # the leaving: only employment comes back, the phone stays
    problem = window.undo_last()  # the move: still in 二厂, so it is taken back too
    assert problem is None and roster.member(mid).unit_id == home
    dialog = tab.open_edit_dialog(mid)
    qtbot.addWidget(dialog)
    dialog.name.setText("张叁")
    dialog.accept()
    edited = roster.member(mid)
    roster.update_member(
        mid, dataclasses.replace(edited.draft, phone="13700000000"), edited.family, edited.version
    )
    problem = window.undo_last()
    assert problem and warned == [f"无法撤销“修改会员 张三 的资料”：{problem}"]
    assert roster.member(mid).draft.name == "张叁"  # the later work stands
    window.close()
