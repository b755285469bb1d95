"""The compensating changes behind 撤销 (issue 18 item 3): each puts the record back as it was,
is audited, and is refused when the record changed since (later work is never overwritten)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.models.db import SessionFactory
from app.services.audit_queries import AuditQueries
from app.services.auth import Actor
from app.services.enrollment import UNDO_REASON, EnrollmentService
from app.services.errors import Conflict, ServiceError
from app.services.periods import PeriodService
from app.services.roster import RosterService
from tests import factories

JILIN = "jilin-2020-hospital-combo"
D = dt.date


def _actions(sessions: SessionFactory, _admin: Actor) -> list[str]:
    return [e.action for e in AuditQueries(sessions).events(limit=5)]


def test_a_member_edit_a_move_and_a_leaving_are_taken_back(
    sessions: SessionFactory, clerk: Actor, admin: Actor
) -> None:
    roster = RosterService(sessions, clerk)
    home, other = factories.unit(roster, "U1", "一厂"), factories.unit(roster, "U2", "二厂")
    mid = factories.member(roster, home, "张三", phone="13800000000")
    before = roster.member(mid)

    renamed = dataclasses.replace(before.draft, name="张叁")
    roster.update_member(mid, renamed, before.family, before.version)
    roster.undo_update(mid, before, renamed)
    assert roster.member(mid).draft == before.draft
    roster.update_member(mid, renamed, before.family, roster.member(mid).version)
    now_ = roster.member(mid)
    roster.update_member(mid, dataclasses.replace(renamed, phone="13900000000"), now_.family, now_.version)
    with pytest.raises(Conflict):  # edited again since: the undo would overwrite that
        roster.undo_update(mid, before, renamed)
    assert roster.member(mid).draft.phone == "13900000000"

    roster.move_member(mid, other, roster.member(mid).version)
    roster.mark_left(mid, D(2024, 6, 30), roster.member(mid).version)
    latest = roster.member(mid)  # another clerk edits a phone after the leaving: that is kept
    roster.update_member(
        mid, dataclasses.replace(latest.draft, phone="13700000000"), latest.family, latest.version
    )
    roster.undo_mark_left(mid, "in_service")  # newest first …
    roster.undo_move(mid, home, other)  # … then the move before it
    back = roster.member(mid)
    assert (back.unit_id, back.draft.employment, back.left_on) == (home, "in_service", None)
    assert back.draft.phone == "13700000000"
    assert _actions(sessions, admin)[:3] == ["move", "undo_mark_left", "update"]
    with pytest.raises(Conflict):  # not left any more, not in that unit any more
        roster.undo_mark_left(mid, "in_service")
    with pytest.raises(Conflict):
        roster.undo_move(mid, home, other)
    with pytest.raises(ServiceError):
        roster.undo_mark_left(mid, "left")


def test_an_enrollment_and_a_cancellation_are_taken_back(
    sessions: SessionFactory, clerk: Actor, admin: Actor
) -> None:
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster, "U1", "一厂")
    ids = [
        factories.member(roster, uid, n, factories.id_number(D(1980, 1, i + 1)))
        for i, n in enumerate("甲乙丙")
    ]
    period = PeriodService(sessions, clerk).create(JILIN, 1, D(2020, 2, 1), D(2021, 1, 31), "110")
    service = EnrollmentService(sessions, clerk)
    assert service.enroll(uid, period.id, ids[:2], D(2020, 2, 1), as_of=D(2020, 2, 1)) == 2

    assert service.undo_enroll(uid, period.id, ids[:2]) == 2
    ov = service.overview(uid, period.id, D(2020, 2, 1), D(2020, 2, 1))
    assert ov.enrolled_count == 0
    assert _actions(sessions, admin)[0] == "undo_enroll"
    with pytest.raises(Conflict):  # already taken back: nothing active to cancel
        service.undo_enroll(uid, period.id, ids[:2])

    service.enroll(uid, period.id, ids, D(2020, 2, 1), as_of=D(2020, 2, 1))
    line = next(m for m in service.overview(uid, period.id, D(2020, 2, 1)).members if m.member_id == ids[0])
    assert line.enrollment_id is not None
    service.cancel(line.enrollment_id, "误操作")
    service.reinstate(line.enrollment_id)
    assert service.overview(uid, period.id, D(2020, 2, 1)).enrolled_count == 3
    with pytest.raises(Conflict):
        service.reinstate(line.enrollment_id)  # active: nothing to take back
    assert UNDO_REASON  # the reason a taken-back enrollment keeps
