"""Correcting claims in the window (issue 12 item 12): the intake dialog's second 保存并受理 saves
what is on screen, and a returned claim is reopened (编辑, double-click, Enter), its late materials
ticked and resubmitted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from app.ui.claims.claims_tab import ClaimsTab
from app.ui.claims.intake_dialog import IntakeDialog
from tests.factories_claims import JILIN, enrolled_member
from tests.ui.test_claims_tab import intake

LATE = "住院费用结算清单复印件"
STAY = {"admission_date": "2020-05-01", "discharge_date": "2020-05-11", "hospital_grade": "2"}


def _tick(dialog: IntakeDialog, name: str, on: bool) -> None:
    for i in range(dialog.materials_layout.count()):
        box = dialog.materials_layout.itemAt(i).widget()
        if isinstance(box, QCheckBox) and box.text() == name:
            box.setChecked(on)


def test_the_second_save_and_submit_saves_the_fields_on_screen(
    qtbot,  # type: ignore[no-untyped-def]
    sessions: SessionFactory,
    clerk: Actor,
) -> None:
    enrolled_member(sessions, clerk, name="王建国")
    dialog = intake(qtbot, sessions, clerk, "王建国", JILIN, "hospital_allowance", STAY)
    _tick(dialog, LATE, False)
    with qtbot.waitSignal(dialog.sig_assessed, timeout=5000):
        pass
    dialog.save(submit=True)
    assert dialog.claim_no == "C2020-00001" and "材料不全" in dialog.error.text()
    _tick(dialog, LATE, True)
    dialog.set_fact("discharge_date", "2020-05-13")
    dialog.save(submit=True)
    accepted = IntakeDialog.DialogCode.Accepted.value
    assert QDialog.result(dialog) == accepted, dialog.error.text()
    full = ClaimQueries(sessions).get("C2020-00001")
    assert full.row.status == "submitted" and full.facts["discharge_date"] == "2020-05-13"
    assert full.row.amount.to_eng_string() == "600.00"


def test_a_returned_claim_is_edited_in_the_window_and_resubmitted(
    qtbot,  # type: ignore[no-untyped-def]
    sessions: SessionFactory,
    clerk: Actor,
    auditor: Actor,
) -> None:
    enrolled_member(sessions, clerk, name="王建国")
    dialog = intake(qtbot, sessions, clerk, "王建国", JILIN, "hospital_allowance", STAY)
    dialog.save(submit=True)
    no = dialog.claim_no
    assert no is not None and dialog.error.text() == ""
    ClaimService(sessions, auditor).act(no, "return", reason="结算清单不清晰，请补交")

    tab = ClaimsTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    tab.show()
    tab.select_claim(no)
    assert tab.edit_button.isEnabled()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # Enter on the row opens the claim
    editor = tab.editor
    assert editor is not None and no in editor.windowTitle() and "待补件" in editor.windowTitle()
    assert not editor.member.isEnabled() and editor.draft() is not None
    with qtbot.waitSignal(editor.sig_assessed, timeout=5000):
        pass
    assert "应付 500.00 元" in editor.result.text()  # the stored facts, as entered
    _tick(editor, LATE, False)  # the unreadable list is taken back until a new one arrives
    with qtbot.waitSignal(editor.sig_assessed, timeout=5000):
        pass
    assert LATE in editor.warnings.text()
    editor.save(submit=False)
    assert tab.editor is None and ClaimQueries(sessions).get(no).row.status == "returned"

    index = tab.table.selectionModel().selectedRows()[0].siblingAtColumn(1)
    rect = tab.table.visualRect(index)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = tab.editor
    assert editor is not None
    _tick(editor, LATE, True)  # the late material arrives
    editor.save(submit=True)
    assert editor.error.text() == "" and tab.editor is None
    assert ClaimQueries(sessions).get(no).row.status == "submitted"
    assert not tab.edit_button.isEnabled()  # 已受理: no longer editable
    actions = [(st.action, st.to_status) for st in ClaimService(sessions, clerk).steps(no)]
    assert actions == [
        ("create", "draft"),
        ("submit", "submitted"),
        ("return", "returned"),
        ("update", "returned"),
        ("update", "returned"),
        ("submit", "submitted"),
    ]
    assert "收到材料：" + LATE in ClaimService(sessions, clerk).steps(no)[4].reason


def test_esc_and_cancel_ask_before_typed_work_is_thrown_away(
    qtbot, sessions: SessionFactory, clerk: Actor, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    """Issue 18 item 3: Esc threw away a half-filled claim."""
    from PySide6.QtWidgets import QMessageBox

    from app.services.enrollment import EnrollmentService
    from app.services.roster import RosterService

    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    claims, roster = ClaimService(sessions, clerk), RosterService(sessions, clerk)
    empty = IntakeDialog(claims, roster, EnrollmentService(sessions, clerk))
    qtbot.addWidget(empty)
    empty.show()
    qtbot.keyClick(empty, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert asked == [] and not empty.isVisible()
    enrolled_member(sessions, clerk, name="王建国")
    dialog = intake(qtbot, sessions, clerk, "王建国", JILIN, "hospital_allowance", STAY)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["已填写的内容尚未保存，确定放弃吗？"] and dialog.isVisible()  # 否: still there
    answer[0] = QMessageBox.StandardButton.Yes
    dialog.cancel()
    assert not dialog.isVisible() and dialog.claim_no is None
