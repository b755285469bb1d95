"""Issue 18 item 2: the enrollment tab opens on the plan, period and unit the clerk last chose, per
user; the window opens maximized when it was closed maximized."""

from __future__ import annotations

import datetime as dt

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.periods import PeriodService
from app.services.roster import RosterService
from app.ui import view_state
from app.ui.enrollment.enrollment_tab import EnrollmentTab
from tests import factories
from tests.factories_claims import JILIN

D = dt.date


def test_the_enrollment_tab_reopens_where_the_clerk_left_it(
    qtbot, sessions: SessionFactory, clerk: Actor, admin: Actor  # type: ignore[no-untyped-def]
) -> None:
    roster = RosterService(sessions, clerk)
    first, second = factories.unit(roster), factories.unit(roster, "U002", "第二单位")
    periods = PeriodService(sessions, clerk)
    p1 = periods.create(JILIN, 1, D(2020, 2, 1), D(2021, 1, 31), "110")
    periods.create(JILIN, 2, D(2021, 2, 1), D(2022, 1, 31), "110")
    tab = EnrollmentTab(sessions, clerk)
    qtbot.addWidget(tab)
    tab.select(JILIN, p1.id, second)
    assert tab.current_ids() == (second, p1.id)
    again = EnrollmentTab(sessions, clerk)
    qtbot.addWidget(again)
    assert again.plan.currentData() == JILIN and again.current_ids() == (second, p1.id)
    # Another user on this PC starts from the defaults: the newest period, the first unit.
    other = EnrollmentTab(sessions, admin)
    qtbot.addWidget(other)
    assert other.current_ids() != (second, p1.id) and first in (other.unit.itemData(i) for i in range(2))


def test_the_window_state_is_kept_per_user() -> None:
    view_state.keep("clerk1", "window/maximized", "1")
    assert view_state.recall("clerk1", "window/maximized") == "1"
    assert view_state.recall("admin", "window/maximized") == ""
