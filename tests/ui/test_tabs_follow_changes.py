"""No stale lists (issue 18 item 1): a write made anywhere — another tab, a dialog, a batch — shows
in every tab without 刷新: at once in the tab on screen, and when a hidden one is next shown."""

from __future__ import annotations

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.services.roster import RosterService
from app.services.users import UserService
from app.ui.main_window import MainWindow
from tests import factories
from tests.factories_claims import enrolled_member, hospital_stay


def _units_in_enrollment(window: MainWindow) -> list[str]:
    combo = window.enrollment_tab.unit
    return [combo.itemText(i) for i in range(combo.count())]


def _units_in_roster(window: MainWindow) -> list[str]:
    units = window.roster_tab.units
    return [units.item(i).text() for i in range(units.count())]


def test_a_write_anywhere_shows_in_every_tab_without_refresh(
    qtbot, sessions: SessionFactory, admin: Actor, clerk: Actor  # type: ignore[no-untyped-def]
) -> None:
    window = MainWindow(sessions, admin, UserService(sessions).office(), "数据库：测试")
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.enrollment_tab)
    roster = RosterService(sessions, clerk)  # another clerk's tab in this program, say

    uid = factories.unit(roster, "U300", "新建的第三单位")
    qtbot.waitUntil(lambda: any("新建的第三单位" in t for t in _units_in_enrollment(window)))
    assert not any("新建的第三单位" in t for t in _units_in_roster(window))  # hidden: no work yet
    window.tabs.setCurrentWidget(window.roster_tab)
    assert any("新建的第三单位（0 人）" == t for t in _units_in_roster(window))  # read when shown

    window.roster_tab.units.setCurrentRow(_units_in_roster(window).index("新建的第三单位（0 人）"))
    factories.member(roster, uid, "钱七")
    qtbot.waitUntil(lambda: window.roster_tab.model.count == 1)  # the shown list, in place
    assert "新建的第三单位（1 人）" in _units_in_roster(window)
    assert window.roster_tab.current_unit_id() == uid  # the clerk's choice is kept

    _unit, mid = enrolled_member(sessions, clerk, name="孙八")
    window.tabs.setCurrentWidget(window.claims_tab)
    claim_no = ClaimService(sessions, clerk).create(hospital_stay(mid))
    qtbot.waitUntil(lambda: window.claims_tab.model.count == 1)
    assert window.claims_tab.model.row_at(0).claim_no == claim_no

    window.tabs.setCurrentWidget(window.audit_tab)
    shown = window.audit_tab.model.count
    factories.member(roster, uid, "周九")
    qtbot.waitUntil(lambda: window.audit_tab.model.count == (shown or 0) + 1)
    window.close()
