"""The 统计 figures on a small office built through the services: enrollments (one cancelled, one
member who left), claims moved to paid by two users, payments due and late."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from app.models import Enrollment
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.services.enrollment import EnrollmentService
from app.services.periods import PeriodService
from app.services.roster import RosterService
from app.services.statistics import ChartData, StatisticsService, readable, week_of
from tests.factories_claims import JILIN, RELIEF, D, enrolled_member, hospital_stay, relief

JILIN_NAME = "在职职工住院津贴综合互助保障计划"
RELIEF_NAME = "日常互助互济救助慰问活动"
TODAY = D(2020, 6, 15)  # a Monday: c4 (due 06-12) is 3 days late, c5 falls due today, c6 next week


def _through(desk: ClaimService, office: ClaimService, no: str, audited: dt.date, **approve: object) -> None:
    desk.act(no, "submit")
    office.act(no, "review")
    office.act(no, "audit", today=audited)
    office.act(no, "approve", **approve)  # type: ignore[arg-type]


def build_office(sessions: SessionFactory, clerk: Actor, auditor: Actor) -> dict[str, int]:
    """Two units, Jilin periods starting 2020 and 2021, a relief period 2020, eight claims."""
    ids: dict[str, int] = {}
    for key, unit, name in (
        ("m1", "U001", "张三"), ("m2", "U001", "李四"), ("m3", "U002", "赵六"), ("m6", "U002", "钱七"),
        ("m7", "U001", "周九"), ("m8", "U001", "吴十"),
    ):  # fmt: skip
        ids["u" + unit[-1]], ids[key] = enrolled_member(sessions, clerk, unit_code=unit, name=name)
    _uid, ids["m4"] = enrolled_member(sessions, clerk, RELIEF, D(2020, 1, 1), name="王五")
    _uid, ids["m5"] = enrolled_member(sessions, clerk, start=D(2021, 2, 1), unit_code="U002", name="孙八")
    with sessions() as s:
        cancelled = s.scalar(select(Enrollment.id).where(Enrollment.member_id == ids["m2"]))
    EnrollmentService(sessions, clerk).cancel(cancelled, "重复参保")

    desk, office = ClaimService(sessions, clerk), ClaimService(sessions, auditor)
    c1 = desk.create(hospital_stay(ids["m1"]))  # 500.00, paid 2020
    _through(desk, office, c1, D(2020, 5, 20))
    desk.act(c1, "pay", paid_on=D(2020, 6, 1), account="6222", today=D(2020, 6, 1))
    c2 = desk.create(hospital_stay(ids["m3"], D(2020, 7, 1)))  # 400.00 of 500 approved, paid 2021
    _through(desk, office, c2, D(2020, 7, 20), amount="400", reason="票据不全")
    desk.act(c2, "pay", paid_on=D(2021, 1, 5), account="6222", today=D(2021, 1, 5))
    c3 = desk.create(relief(ids["m4"]))  # 60,000 of 70,000 approved, paid 2020
    _through(desk, office, c3, D(2020, 9, 10), amount="60000", reason="自费部分有不合规票据")
    desk.act(c3, "pay", paid_on=D(2020, 10, 1), account="6222", today=D(2020, 10, 1))
    c4 = desk.create(hospital_stay(ids["m6"]))
    _through(desk, office, c4, D(2020, 5, 29))  # due 2020-06-12
    c5 = desk.create(hospital_stay(ids["m7"], D(2020, 5, 5)))
    _through(desk, office, c5, D(2020, 6, 1))  # due 2020-06-15
    c6 = desk.create(hospital_stay(ids["m8"], D(2020, 5, 10)))
    _through(desk, office, c6, D(2020, 6, 8))  # due 2020-06-22: next week
    desk.act(desk.create(hospital_stay(ids["m6"], D(2020, 9, 1))), "submit")
    desk.create(hospital_stay(ids["m7"], D(2020, 9, 1)))  # stays a draft
    roster = RosterService(sessions, clerk)  # after his claim: a member who left cannot claim
    roster.mark_left(ids["m8"], D(2020, 12, 31), roster.member(ids["m8"]).version)
    return ids


def test_enrolled_and_paid_per_plan_and_year(sessions: SessionFactory, clerk: Actor, auditor: Actor) -> None:
    build_office(sessions, clerk, auditor)
    stats = StatisticsService(sessions, clerk)
    enrolled = stats.enrolled_by_plan_and_year()
    assert enrolled.categories == ("2020", "2021")
    # Catalogue order; the cancelled enrollment is not counted, the member who left still is.
    assert enrolled.series == ((RELIEF_NAME, (1, 0)), (JILIN_NAME, (5, 1)))
    paid = stats.paid_by_plan_and_year()
    assert paid.categories == ("2020", "2021")
    assert paid.series == (
        (RELIEF_NAME, (Decimal("60000.00"), Decimal("0.00"))),
        (JILIN_NAME, (Decimal("500.00"), Decimal("400.00"))),
    )
    assert all(isinstance(v, Decimal) for _, values in paid.series for v in values)
    header, rows = paid.table("元")
    assert header == ("年度", f"{RELIEF_NAME}(元)", f"{JILIN_NAME}(元)")
    assert rows == [
        ("2020", Decimal("60000.00"), Decimal("500.00")),
        ("2021", Decimal("0.00"), Decimal("400.00")),
    ]


def test_claims_by_status_in_workflow_order(sessions: SessionFactory, clerk: Actor, auditor: Actor) -> None:
    build_office(sessions, clerk, auditor)
    by_status = StatisticsService(sessions, clerk).claims_by_status()
    assert by_status.categories == ("草稿", "已受理", "已批准", "已支付")
    assert by_status.series == (("理赔笔数", (1, 1, 3, 3)),)


def test_payments_due_this_week_and_late(sessions: SessionFactory, clerk: Actor, auditor: Actor) -> None:
    build_office(sessions, clerk, auditor)
    assert week_of(TODAY) == (D(2020, 6, 15), D(2020, 6, 21))
    assert week_of(D(2020, 6, 21)) == (D(2020, 6, 15), D(2020, 6, 21))
    due = StatisticsService(sessions, clerk).payments_due(TODAY)
    assert [(r.claim_no, r.member_name, r.due_on, r.days_late, r.overdue) for r in due] == [
        ("C2020-00004", "钱七", D(2020, 6, 12), 3, True),
        ("C2020-00005", "周九", D(2020, 6, 15), 0, False),
    ]
    assert due[0].approved == Decimal("500.00") and due[0].plan_name == JILIN_NAME
    later = StatisticsService(sessions, clerk).payments_due(D(2020, 6, 22))
    assert [(r.claim_no, r.days_late) for r in later] == [
        ("C2020-00004", 10),
        ("C2020-00005", 7),
        ("C2020-00006", 0),
    ]


def test_participation_per_unit(sessions: SessionFactory, clerk: Actor, auditor: Actor) -> None:
    ids = build_office(sessions, clerk, auditor)
    stats = StatisticsService(sessions, clerk)
    assert stats.plans_with_periods() == [(RELIEF, RELIEF_NAME), (JILIN, JILIN_NAME)]
    periods = PeriodService(sessions, clerk)
    latest = stats.latest_period(JILIN)
    assert latest == periods.find(JILIN, 2).id and stats.latest_period("no-such-plan") is None
    # 2021: only 孙八 of U002. U001's base is its 4 members in service (吴十 left, not enrolled here).
    late = stats.participation(latest)
    assert late.period_label == f"{JILIN_NAME} 第 2 期"
    assert [(u.unit_code, u.enrolled, u.base, u.percent) for u in late.units] == [
        ("U001", 0, 4, Decimal("0.0")),
        ("U002", 1, 3, Decimal("33.3")),
    ]
    # 2020: U001 has 张三, 周九 and 吴十 enrolled (李四 cancelled); 吴十 has left but stays in the base.
    early = stats.participation(periods.find(JILIN, 1).id)
    assert [(u.unit_code, u.enrolled, u.base, u.percent) for u in early.units] == [
        ("U001", 3, 5, Decimal("60.0")),
        ("U002", 2, 3, Decimal("66.7")),
    ]
    chart = early.chart(limit=1)
    assert chart.categories == ("单位U001",) and chart.series == (("占会员总数比例", (Decimal("60.0"),)),)
    assert "最低的 1 个单位" in chart.title
    header, rows = early.table()
    assert header[-1] == "占会员总数比例(%)" and rows[1] == ("U002", "单位U002", 2, 3, Decimal("66.7"))
    assert ids["u1"] != ids["u2"]


def test_a_member_who_moved_counts_where_he_was_enrolled(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    """张三, enrolled by U001 in period 1, moves to U002: U001 keeps him as enrolled and in its
    base (3 in service + 吴十 who left + 张三 who moved = 5); U002 gains a member it did not enroll."""
    ids = build_office(sessions, clerk, auditor)
    roster = RosterService(sessions, clerk)
    roster.move_member(ids["m1"], ids["u2"], roster.member(ids["m1"]).version)
    period = PeriodService(sessions, clerk).find(JILIN, 1).id
    units = StatisticsService(sessions, clerk).participation(period).units
    assert [(u.unit_code, u.enrolled, u.base, u.percent) for u in units] == [
        ("U002", 2, 4, Decimal("50.0")),
        ("U001", 3, 5, Decimal("60.0")),
    ]


def test_empty_database_gives_empty_charts(sessions: SessionFactory, clerk: Actor) -> None:
    stats = StatisticsService(sessions, clerk)
    for data in (stats.enrolled_by_plan_and_year(), stats.paid_by_plan_and_year(), stats.claims_by_status()):
        assert data.empty and data.table()[1] == []
    assert stats.payments_due(TODAY) == [] and stats.plans_with_periods() == []


def test_readable_switches_to_ten_thousands_only_for_large_figures() -> None:
    small = ChartData("t", "参保人次", "年度", ("2020",), (("甲", (9999,)),))
    assert readable(small, "人次").y_label == "参保人次(人次)"
    assert readable(small, "人次").series == (("甲", (9999,)),)
    big = ChartData("t", "互助金额", "年度", ("2020", "2021"), (("甲", (Decimal("60500.00"), 12345)),))
    shown = readable(big, "元")
    assert shown.y_label == "互助金额(万元)"
    assert shown.series == (("甲", (Decimal("6.05"), Decimal("1.23"))),)
