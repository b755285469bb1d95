"""Columns as the clerk wants them (issue 18 items 2 and 6): fitted to their content, chosen by the
header's menu, and remembered per user with their widths, order and sort."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.roster import RosterService
from app.ui.claims.claims_tab import ClaimsTab
from app.ui.roster.roster_tab import RosterTab
from app.ui.table_columns import MAX_WIDTH, MIN_WIDTH
from tests import factories


def _claims_tab(qtbot, sessions: SessionFactory, clerk: Actor) -> ClaimsTab:  # type: ignore[no-untyped-def]
    tab = ClaimsTab(sessions, clerk)
    tab.quiet = True
    qtbot.addWidget(tab)
    return tab


def test_the_claims_columns_are_chosen_and_remembered(
    qtbot,
    sessions: SessionFactory,
    clerk: Actor,  # type: ignore[no-untyped-def]
) -> None:
    tab = _claims_tab(qtbot, sessions, clerk)
    columns = tab.columns
    assert columns.hidden() == {
        "id_number",
        "beneficiary",
        "plan",
        "approved",
        "paid",
    }  # 状态, 核定金额 in view
    columns.set_shown("plan", True)
    columns.set_shown("status", False)
    columns.header.resizeSection(columns._sections()["unit"], 201)
    columns.save()
    again = _claims_tab(qtbot, sessions, clerk).columns  # the next start
    assert again.hidden() == {"id_number", "beneficiary", "approved", "paid", "status"}
    assert again.header.sectionSize(again._sections()["unit"]) == 201
    for key in list(again._sections()):
        again.set_shown(key, False)
    assert len(again._sections()) - len(again.hidden()) == 1  # the last column stays
    again.reset()
    assert again.hidden() == {"id_number", "beneficiary", "plan", "approved", "paid"}
    other = ClaimsTab(sessions, Actor(clerk.user_id + 100, "another", "clerk"))  # per user
    qtbot.addWidget(other)
    assert other.columns.hidden() == {"id_number", "beneficiary", "plan", "approved", "paid"}


def test_roster_columns_fit_their_content_and_the_sort_is_kept(
    qtbot,
    sessions: SessionFactory,
    clerk: Actor,  # type: ignore[no-untyped-def]
) -> None:
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster, "U1", "吉林西电子科技有限公司第二分公司")
    for name in ("张三", "李四"):
        factories.member(roster, uid, name, bank_name="中国建设银行", bank_account="6217000010001234567")
    tab = RosterTab(sessions, clerk)
    qtbot.addWidget(tab)
    tab.show()
    columns = tab.columns
    qtbot.waitUntil(lambda: columns._fitted)
    qtbot.waitUntil(lambda: columns.header.sectionSize(columns._sections()["bank_account"]) > 100)
    metrics = tab.table.fontMetrics()
    for key, section in columns._sections().items():
        width = columns.header.sectionSize(section)
        assert MIN_WIDTH <= width <= max(MAX_WIDTH, MIN_WIDTH), key
    account = tab.model.index(0, columns._sections()["bank_account"]).data()
    assert columns.header.sectionSize(columns._sections()["bank_account"]) >= metrics.horizontalAdvance(
        account
    )
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    columns.save()
    again = RosterTab(sessions, clerk)
    qtbot.addWidget(again)
    assert [again.model.member_at(r).name for r in range(2)] == ["张三", "李四"]  # the kept sort
