"""The member dialog's 用工形式 and 聘用期 (seed 001; issue 12 defect 4)."""

from __future__ import annotations

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.roster import RosterService
from app.ui.roster.member_dialog import MemberDialog
from tests import factories


def test_the_member_dialog_takes_the_kind_and_the_months(
    qtbot, sessions: SessionFactory, clerk: Actor  # type: ignore[no-untyped-def]
) -> None:
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster)
    mid = factories.member(roster, uid, "临时己", engagement="temporary", engagement_months=9)
    dialog = MemberDialog(None, lambda _d, _f: None, roster.member(mid))
    qtbot.addWidget(dialog)
    assert dialog.engagement.currentData() == "temporary" and dialog.engagement_months.value() == 9
    assert dialog.engagement_months.isEnabled()
    dialog.engagement_months.setValue(14)
    assert (dialog.values()[0].engagement, dialog.values()[0].engagement_months) == ("temporary", 14)
    dialog.engagement.setCurrentIndex(dialog.engagement.findData("contract"))
    assert not dialog.engagement_months.isEnabled()  # months only for a temporary worker
    assert (dialog.values()[0].engagement, dialog.values()[0].engagement_months) == ("contract", None)
