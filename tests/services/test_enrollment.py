from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.contributions import ContributionService
from app.services.enrollment import EnrollmentService
from app.services.errors import Conflict, InputErrors, PermissionDenied, ServiceError
from app.services.periods import PeriodService
from app.services.roster import RosterService
from tests import factories

JILIN = "jilin-2020-hospital-combo"
D = dt.date
AS_OF = D(2020, 2, 1)


@pytest.fixture
def setup(sessions: SessionFactory, clerk: Actor):  # type: ignore[no-untyped-def]
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster)
    ids = [
        factories.member(roster, uid, f"职工{i}", factories.id_number(D(1980, 1, 1 + i))) for i in range(5)
    ]
    ids.append(
        factories.member(roster, uid, "老王", factories.id_number(D(1950, 1, 1)), employment="retired")
    )
    periods = PeriodService(sessions, clerk)
    p1 = periods.create(JILIN, 1, D(2020, 2, 1), D(2021, 1, 31), "110", D(2020, 1, 8), D(2020, 2, 20))
    p2 = periods.create(JILIN, 2, D(2021, 2, 1), D(2022, 1, 31), "110")
    return uid, ids, p1, p2


def codes(ov) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in ov.findings]


def test_overview_lists_eligibility_and_participation(sessions: SessionFactory, clerk: Actor, setup) -> None:  # type: ignore[no-untyped-def]
    uid, ids, p1, _ = setup
    service = EnrollmentService(sessions, clerk)
    ov = service.overview(uid, p1.id, AS_OF)
    assert ov.eligible_count == 5 and ov.enrolled_count == 0
    retired = next(m for m in ov.members if m.name == "老王")
    assert not retired.eligible and any("退休" in r for r in retired.reasons)
    service.enroll(uid, p1.id, ids[:4], D(2020, 2, 1), as_of=AS_OF)
    ov = service.overview(uid, p1.id, AS_OF)
    assert codes(ov) == ["participation_below_required"]
    assert "单位 5 人，已参保 4 人：200 人以下单位须全员参保" in ov.findings[0].message
    assert ov.fee.payable == Decimal("320.00")  # 4 × (110 − 30)
    service.enroll(uid, p1.id, ids[4:5], D(2020, 2, 1), as_of=AS_OF)
    ov = service.overview(uid, p1.id, AS_OF)
    assert codes(ov) == [] and ov.ratio_text == "5/5 = 100.0%"


def test_ineligible_or_repeated_enrollment_changes_nothing(
    sessions: SessionFactory, clerk: Actor, setup
) -> None:  # type: ignore[no-untyped-def]
    uid, ids, p1, _ = setup
    service = EnrollmentService(sessions, clerk)
    with pytest.raises(InputErrors, match="老王"):
        service.enroll(uid, p1.id, ids, D(2020, 2, 1), as_of=AS_OF)
    assert service.overview(uid, p1.id, AS_OF).enrolled_count == 0
    assert service.enroll_all_eligible(uid, p1.id, D(2020, 2, 1), as_of=AS_OF) == 5
    with pytest.raises(InputErrors, match="本期已参保"):
        service.enroll(uid, p1.id, ids[:1], D(2020, 2, 1), as_of=AS_OF)
    with pytest.raises(ServiceError, match="不在保障期"):
        service.enroll(uid, p1.id, ids[:1], D(2022, 2, 1), as_of=AS_OF)


def test_cancel_keeps_history_and_renew_carries_over(sessions: SessionFactory, clerk: Actor, setup) -> None:  # type: ignore[no-untyped-def]
    uid, ids, p1, p2 = setup
    service = EnrollmentService(sessions, clerk)
    service.enroll_all_eligible(uid, p1.id, D(2020, 2, 1), as_of=AS_OF)
    first = next(m for m in service.overview(uid, p1.id, AS_OF).members if m.enrollment_id)
    with pytest.raises(ServiceError, match="原因"):
        service.cancel(first.enrollment_id, " ")
    service.cancel(first.enrollment_id, "调离本单位")
    with pytest.raises(Conflict):
        service.cancel(first.enrollment_id, "再次")
    assert service.history(first.member_id) == [(JILIN, 1, "cancelled", "调离本单位")]
    renewed, skipped = service.renew(uid, p1.id, p2.id, D(2021, 2, 1), as_of=D(2021, 2, 1))
    assert (renewed, skipped) == (4, [])
    assert service.overview(uid, p2.id, D(2021, 2, 1)).enrolled_count == 4


def test_payments_owed_and_overdue(sessions: SessionFactory, clerk: Actor, setup) -> None:  # type: ignore[no-untyped-def]
    uid, _ids, p1, _ = setup
    EnrollmentService(sessions, clerk).enroll_all_eligible(uid, p1.id, D(2020, 2, 1), as_of=AS_OF)
    money = ContributionService(sessions, clerk)
    due = money.due(uid, p1.id, today=D(2020, 2, 10))
    assert (due.enrolled, due.total, due.subsidy, due.payable, due.owed) == (
        5,
        Decimal("550.00"),
        Decimal("150.00"),
        Decimal("400.00"),
        Decimal("400.00"),
    )
    assert not due.overdue
    assert money.due(uid, p1.id, today=D(2020, 3, 1)).overdue
    with pytest.raises(InputErrors) as info:
        money.record_payment(uid, p1.id, "-5", "支票", D(2020, 2, 10), today=D(2020, 2, 10))
    assert {e.column for e in info.value.errors} == {"金额", "缴费方式"}
    with pytest.raises(InputErrors) as info:  # an empty amount is named, not a crash
        money.record_payment(uid, p1.id, "  ", "现金", D(2020, 2, 10), today=D(2020, 2, 10))
    assert [(e.column, e.message) for e in info.value.errors] == [("金额", "请填写缴费金额")]
    with pytest.raises(InputErrors, match="两位小数"):
        money.record_payment(uid, p1.id, "1.005", "现金", D(2020, 2, 10), today=D(2020, 2, 10))
    money.record_payment(
        uid, p1.id, "300", "支票（倒送）", D(2020, 2, 10), "NO.001", "200", "100", today=D(2020, 2, 10)
    )
    due = money.due(uid, p1.id, today=D(2020, 3, 1))
    assert (due.paid, due.owed, due.overdue) == (Decimal("300.00"), Decimal("100.00"), True)
    assert due.payments[0].method == "cheque_reverse"
    assert [d.unit_code for d in money.standing(p1.id, today=D(2020, 3, 1))] == ["U001"]


def test_auditor_cannot_enroll(sessions: SessionFactory, auditor: Actor, setup) -> None:  # type: ignore[no-untyped-def]
    uid, ids, p1, _ = setup
    with pytest.raises(PermissionDenied):
        EnrollmentService(sessions, auditor).enroll(uid, p1.id, ids[:1], D(2020, 2, 1), as_of=AS_OF)
    with pytest.raises(PermissionDenied):
        ContributionService(sessions, auditor).record_payment(uid, p1.id, "1", "现金", D(2020, 2, 1))


def test_an_enrolled_member_is_judged_on_the_enrollment_date(sessions: SessionFactory, clerk: Actor) -> None:
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster, "U009", "老厂")
    mid = factories.member(roster, uid, "老周", factories.id_number(D(1959, 6, 1)))
    period = PeriodService(sessions, clerk).create(JILIN, 9, D(2020, 2, 1), D(2021, 1, 31), "110")
    service = EnrollmentService(sessions, clerk)
    service.enroll(uid, period.id, [mid], D(2020, 2, 1), as_of=D(2020, 2, 1))  # 60 then
    later = service.overview(uid, period.id, D(2020, 7, 1))  # 61 now
    assert later.members[0].eligible and later.findings == () and later.ratio_text == "1/1 = 100.0%"


def test_the_periods_own_fee_and_subsidy_are_what_the_unit_pays(
    sessions: SessionFactory, clerk: Actor, setup  # type: ignore[no-untyped-def]
) -> None:
    """A period added at 90 元 with a 20 元 subsidy (the plan file says 110 and 30): 4 × 70 = 280."""
    uid, ids, _p1, _p2 = setup
    periods = PeriodService(sessions, clerk)
    cheaper = periods.create(JILIN, 3, D(2022, 2, 1), D(2023, 1, 31), "90", subsidy="20")
    service = EnrollmentService(sessions, clerk)
    service.enroll(uid, cheaper.id, ids[:4], D(2022, 2, 1), as_of=D(2022, 2, 1))
    fee = service.overview(uid, cheaper.id, D(2022, 2, 1)).fee
    assert (fee.per_person, fee.subsidy) == (Decimal("90.00"), Decimal("20.00"))
    assert fee.payable == Decimal("280.00")
