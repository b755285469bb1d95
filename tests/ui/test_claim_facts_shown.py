"""Complete claim views (issue 18 items 4 and 7): coded facts such as 医院等级 are chosen by name at
intake, and the claim's detail shows every fact the decision used, as the clerk entered it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.ui.claims.claims_tab import ClaimsTab
from tests.factories_claims import JILIN, enrolled_member, hospital_stay
from tests.ui.test_claims_tab import intake


def test_hospital_grade_is_a_choice_that_must_be_made(
    qtbot, sessions: SessionFactory, clerk: Actor  # type: ignore[no-untyped-def]
) -> None:
    enrolled_member(sessions, clerk, name="王建国")
    stay = {"admission_date": "2020-05-01", "discharge_date": "2020-05-11"}
    dialog = intake(qtbot, sessions, clerk, "王建国", JILIN, "hospital_allowance", stay)
    grade = dialog._fields["hospital_grade"]
    assert isinstance(grade, QComboBox)
    assert [grade.itemText(i) for i in range(grade.count())] == ["", "一级", "二级", "三级"]
    assert "医院等级" in dialog.result.text() and "不能为空" in dialog.result.text()
    with qtbot.waitSignal(dialog.sig_assessed, timeout=5000):
        dialog.set_fact("hospital_grade", 2)  # the number, as a draft stores it
    assert grade.currentText() == "二级" and "不能为空" not in dialog.result.text()


def test_the_claim_detail_names_every_fact_the_decision_used(
    qtbot, sessions: SessionFactory, clerk: Actor  # type: ignore[no-untyped-def]
) -> None:
    _unit, mid = enrolled_member(sessions, clerk, name="孙八")
    no = ClaimService(sessions, clerk).create(hospital_stay(mid))
    tab = ClaimsTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    tab.select_claim(no)
    text = tab.detail.toPlainText()
    for line in ("入院日期：2020-05-01", "出院日期：2020-05-11", "本地住院：是", "医院等级：二级"):
        assert line in text
