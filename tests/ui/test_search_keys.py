"""Keyboard flow from a search to its result (issue 18 item 4): Ctrl+F, type, Enter or Down to the
first match (a single match is chosen at once), Enter opens it, Up goes back; a search that finds
nobody says so, and says which unit has the person when it is not the one chosen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.services.roster import RosterService
from app.ui.claims.claims_tab import ClaimsTab
from app.ui.roster.roster_tab import RosterTab
from tests import factories
from tests.factories_claims import enrolled_member, hospital_stay


def test_from_the_roster_search_to_the_member_by_keyboard(
    qtbot,
    sessions: SessionFactory,
    clerk: Actor,  # type: ignore[no-untyped-def]
) -> None:
    roster = RosterService(sessions, clerk)
    first, second = factories.unit(roster, "U1", "一厂"), factories.unit(roster, "U2", "二厂")
    for i, name in enumerate(("张三", "张三丰", "李四")):
        factories.member(roster, first, name, factories.id_number(dt.date(1980, 1, 1 + i)))
    far = factories.member(roster, second, "王五", factories.id_number(dt.date(1985, 1, 1)))
    tab = RosterTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    opened: list[int] = []

    class Dialog:
        def __init__(self, mid: int) -> None:
            opened.append(mid)

        def exec(self) -> int:
            return 0

    tab.open_edit_dialog = Dialog  # type: ignore[method-assign,assignment]
    rows = {tab.units.item(r).data(Qt.ItemDataRole.UserRole): r for r in range(tab.units.count())}
    tab.units.setCurrentRow(rows[first])
    qtbot.keyClick(tab, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    tab.search.setText("王五")  # Chinese goes in by setText (PITFALLS.md)
    assert tab.status.text() == "没有找到“王五”：本单位没有，二厂 有符合的会员（选择“全部单位”可查看）"
    tab.search.setText("赵六")
    assert tab.status.text() == "没有找到“赵六”"
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # nothing to go to: stays in the field
    assert tab.search.hasFocus()

    tab.search.setText("张三")  # two match: none chosen yet
    assert tab.model.rowCount() == 2 and tab.selected_member_id() is None
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.table.hasFocus() and tab.model.member_at(0).name == "张三"
    assert tab.selected_member_id() == tab.model.member_at(0).id
    qtbot.keyClick(tab.table, Qt.Key.Key_Up)  # the first row: back to the field
    assert tab.search.hasFocus()

    tab.units.setCurrentRow(0)  # 全部单位
    tab.search.setFocus()
    tab.search.setText("王五")
    assert tab.selected_member_id() == far  # the single match is chosen at once
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert tab.table.hasFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened == [far]


def test_the_claims_search_leads_to_the_claim(qtbot, sessions: SessionFactory, clerk: Actor) -> None:  # type: ignore[no-untyped-def]
    _u, mid = enrolled_member(sessions, clerk, name="孙八")
    _u2, other = enrolled_member(sessions, clerk, unit_code="U002", name="周九")
    service = ClaimService(sessions, clerk)
    wanted = service.create(hospital_stay(mid))
    service.create(hospital_stay(other))
    tab = ClaimsTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.search.setText("孙八")
    assert tab.selected_claim_no() == wanted
    tab.search.setText("")
    tab.search.setFocus()
    qtbot.keyClick(tab.search, Qt.Key.Key_Enter)
    assert tab.table.hasFocus() and tab.selected_claim_no() is not None
