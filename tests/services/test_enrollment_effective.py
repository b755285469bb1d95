"""Eligibility is judged once, on the enrollment's effective date (issue 12 item 4, seed 001:
按参保日期计算) — before enrolling, while enrolling and after, on the panel and in its rate."""

from __future__ import annotations

import pytest

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService
from app.services.errors import InputErrors
from app.services.periods import PeriodService
from app.services.roster import RosterService
from tests import factories
from tests.factories_claims import JILIN, D


def test_a_member_61_on_the_effective_date_is_not_enrolled(
    sessions: SessionFactory, clerk: Actor
) -> None:
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster, "U061", "单位061")
    young = [factories.member(roster, uid, f"会员{i}", factories.id_number(D(1980, 5, i))) for i in (1, 2, 3)]
    # Born 1959-02-15: 60 on the processing date 2020-01-20, 61 on the effective date 2020-03-01.
    old = factories.member(roster, uid, "老会员", factories.id_number(D(1959, 2, 15)))
    period = PeriodService(sessions, clerk).create(JILIN, 1, D(2020, 2, 1), D(2021, 1, 31), "110")
    service = EnrollmentService(sessions, clerk)
    before = service.overview(uid, period.id, D(2020, 1, 20), D(2020, 3, 1))
    line = next(m for m in before.members if m.member_id == old)
    assert not line.eligible and line.age == 61
    with pytest.raises(InputErrors, match="参保未办理"):
        service.enroll(uid, period.id, [old], D(2020, 3, 1), as_of=D(2020, 1, 20))
    assert service.enroll_all_eligible(uid, period.id, D(2020, 3, 1), as_of=D(2020, 1, 20)) == 3
    after = service.overview(uid, period.id, D(2020, 1, 20), D(2020, 3, 1))
    assert (after.eligible_count, after.enrolled_count) == (3, 3)
    assert after.ratio_text == "3/3 = 100.0%"
    assert {m.member_id for m in after.members if m.enrollment_id} == set(young)
    assert not [f for f in after.findings if f.member]  # 符合本计划的全部参保规定, truly
