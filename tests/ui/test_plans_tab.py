from __future__ import annotations

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.ui.plans.plans_tab import PENDING, PathRole, PlansTab


def _select(tab: PlansTab, code: str) -> None:
    tab.plans.setCurrentRow(next(i for i, p in enumerate(tab._plans) if p.code == code))


def test_pending_figures_are_marked_and_admin_confirms_one(
    qtbot, sessions: SessionFactory, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    tab = PlansTab(sessions, admin)
    tab.quiet = True
    qtbot.addWidget(tab)
    assert tab.plans.count() >= 5
    _select(tab, "beijing-inservice-medical")
    statuses = [tab.figures.item(r, 3).text() for r in range(tab.figures.rowCount())]
    assert statuses.count(PENDING) == 8  # 6 figures + 2 materials lists
    row = next(
        r
        for r in range(tab.figures.rowCount())
        if tab.figures.item(r, 2).data(PathRole) == "benefits.outpatient.deductible"
    )
    assert tab.figures.item(row, 1).text() == "门诊起付线（元/年）"
    with qtbot.waitSignal(tab.sig_plan_changed):
        assert tab.change_figure("benefits.outpatient.deductible", "2000", "测试依据") is None
    statuses = [tab.figures.item(r, 3).text() for r in range(tab.figures.rowCount())]
    assert statuses.count(PENDING) == 7
    assert "测试依据" in tab.history.text()
    tab.only_pending.setChecked(True)
    assert tab.figures.rowCount() == 7


def test_clerk_cannot_change_figures(qtbot, sessions: SessionFactory, clerk: Actor) -> None:  # type: ignore[no-untyped-def]
    tab = PlansTab(sessions, clerk)
    qtbot.addWidget(tab)
    assert not tab.change_button.isEnabled()
    assert "无权" in (tab.change_figure("benefits.outpatient.deductible", "1") or "")
