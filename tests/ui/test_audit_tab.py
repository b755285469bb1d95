from __future__ import annotations

from sqlalchemy import update

from app.models import AuditEvent
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.roster import RosterService
from app.ui.audit_tab import AuditTab
from tests import factories


def test_filter_and_verify_then_detect_an_edit(
    qtbot, sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:  # type: ignore[no-untyped-def]
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster)
    factories.member(roster, uid, "张三")
    tab = AuditTab(sessions, admin)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 5  # setup, create admin, create clerk1, create unit, create member
    tab.user.setCurrentIndex(tab.user.findData("clerk1"))
    tab.reload()
    assert tab.model.rowCount() == 2 and tab.model.index(0, 2).data() == "新建"
    tab.record.setText("member")
    tab.reload()
    assert tab.model.rowCount() == 1
    with qtbot.waitSignal(tab.sig_verified) as blocker:
        tab.verify()
    assert blocker.args == [True] and "逐条校验通过" in tab.result.text()
    with sessions.begin() as s:
        s.execute(update(AuditEvent).where(AuditEvent.id == 3).values(username="someone"))
    assert not tab.verify() and "第 3 条日志内容被改动" in tab.result.text()
