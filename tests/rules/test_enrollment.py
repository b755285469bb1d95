"""Enrollment checks: every finding at once, and the fee (seeds 001, 003, 004, 002)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.rules.enrollment import check_enrollment, member_eligibility
from app.rules.errors import CaseError
from app.rules.values import EnrollmentCase, MemberRecord, UnitFacts
from tests.rules.builders import ACCIDENT, JILIN, MEDICAL, RELIEF, WEIHAI, D, plan

FEB_2020 = D(2020, 2, 1)


def members(n: int, **kw) -> tuple[MemberRecord, ...]:  # type: ignore[no-untyped-def]
    return tuple(MemberRecord(f"m{i}", D(1980, 1, 1), **kw) for i in range(n))


def case(code: str, headcount: int, enrolled: int, *, as_of: dt.date = FEB_2020, **kw) -> EnrollmentCase:  # type: ignore[no-untyped-def]
    people = kw.pop("people", None) or members(enrolled)
    unit = kw.pop("unit", None) or UnitFacts(True, headcount)
    return EnrollmentCase("u1", code, as_of, unit, people, tuple(m.key for m in people[:enrolled]), **kw)


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in result.findings]


@pytest.mark.parametrize(
    ("headcount", "enrolled", "ok"),
    [
        (150, 150, True),
        (150, 149, False),
        (200, 200, True),
        (200, 199, False),
        (201, 161, True),
        (201, 160, False),
    ],
)
def test_jilin_all_up_to_200_then_80_percent(headcount: int, enrolled: int, ok: bool) -> None:
    result = check_enrollment(case(JILIN, headcount, enrolled), plan(JILIN))
    assert result.ok is ok
    assert codes(result) == ([] if ok else ["participation_below_required"])


def test_jilin_participation_message() -> None:
    result = check_enrollment(case(JILIN, 150, 149), plan(JILIN))
    assert result.findings[0].message == "单位 150 人，已参保 149 人：200 人以下单位须全员参保"
    assert result.findings[0].member is None


@pytest.mark.parametrize(("enrolled", "ok"), [(796, False), (800, True), (801, True)])
def test_jilin_ratio_boundary(enrolled: int, ok: bool) -> None:
    result = check_enrollment(case(JILIN, 1000, enrolled), plan(JILIN))
    assert result.ok is ok
    if not ok:
        assert "（79.6%）" in result.findings[0].message


def test_jilin_fee_subsidy_payable() -> None:
    fee = check_enrollment(case(JILIN, 10, 10), plan(JILIN)).fee
    assert (fee.per_person, fee.subsidy, fee.payable) == (
        Decimal("110.00"),
        Decimal("30.00"),
        Decimal("800.00"),
    )


@pytest.mark.parametrize(
    ("birth", "ok"),
    [
        (D(1960, 2, 2), True),  # turns 60 + 1 the day after as_of: still 60
        (D(1959, 2, 2), True),  # 61st birthday tomorrow
        (D(1959, 2, 1), False),  # 61st birthday today
        (D(2004, 2, 1), True),  # 16 today
        (D(2004, 2, 2), False),  # 16 tomorrow
    ],
)
def test_age_16_to_60_inclusive(birth: dt.date, ok: bool) -> None:
    person = MemberRecord("m0", birth)
    result = check_enrollment(case(JILIN, 1, 1, people=(person,)), plan(JILIN))
    assert result.ok is ok
    assert (codes(result) == ["member_age_out_of_range"]) is not ok


def test_all_findings_at_once() -> None:
    people = (
        MemberRecord(
            "old", D(1940, 1, 1), "retired", union_member=False, basic_medical_insurance=False, shares=2
        ),
        MemberRecord("ok", D(1980, 1, 1)),
    )
    result = check_enrollment(case(WEIHAI, 5, 1, people=people, as_of=D(2012, 6, 1)), plan(WEIHAI))
    assert codes(result) == [
        "participation_below_required",
        "outside_collection_window",
        "member_not_in_service",
        "member_not_union_member",
        "member_without_basic_medical_insurance",
        "shares_exceed_limit",
    ]
    assert all(f.member == "old" for f in result.findings[2:])
    assert "退休" in result.findings[2].message


def test_unit_without_union() -> None:
    result = check_enrollment(case(JILIN, 1, 1, unit=UnitFacts(False, 1)), plan(JILIN))
    assert codes(result) == ["unit_without_union"]


@pytest.mark.parametrize(("headcount", "enrolled", "ok"), [(19, 18, False), (19, 19, True), (20, 1, True)])
def test_weihai_fewer_than_20_all(headcount: int, enrolled: int, ok: bool) -> None:
    result = check_enrollment(case(WEIHAI, headcount, enrolled, as_of=D(2012, 3, 1)), plan(WEIHAI))
    assert result.ok is ok
    assert result.fee.payable == Decimal(36 * enrolled)


@pytest.mark.parametrize(
    ("as_of", "ok"), [(D(2012, 2, 29), False), (D(2012, 3, 1), True), (D(2012, 5, 12), True)]
)
def test_weihai_collection_window(as_of: dt.date, ok: bool) -> None:
    assert check_enrollment(case(WEIHAI, 20, 20, as_of=as_of), plan(WEIHAI)).ok is ok


def test_beijing_medical_free_for_jingka_in_remitting_unit() -> None:
    people = (MemberRecord("a", D(1980, 1, 1), jingka=True), MemberRecord("b", D(1980, 1, 1)))
    paying_unit = check_enrollment(case(MEDICAL, 2, 2, people=people), plan(MEDICAL))
    assert paying_unit.fee.payable == Decimal("120.00")
    remitting = case(MEDICAL, 2, 2, people=people, unit=UnitFacts(True, 2, remits_union_funds=True))
    assert check_enrollment(remitting, plan(MEDICAL)).fee.payable == Decimal("60.00")


def test_beijing_accident_fee_by_tier() -> None:
    result = check_enrollment(case(ACCIDENT, 3, 3, tier="50/62"), plan(ACCIDENT))
    assert result.fee.per_person == Decimal("50.00")
    assert result.fee.payable == Decimal("150.00")
    with pytest.raises(CaseError, match="tier"):
        check_enrollment(case(ACCIDENT, 3, 3), plan(ACCIDENT))


def test_plan_without_enrollment_rules() -> None:
    result = check_enrollment(case(RELIEF, 3, 1), plan(RELIEF))
    assert result.ok and result.fee.payable == Decimal("0.00")


def test_case_errors() -> None:
    bad = EnrollmentCase("u9", JILIN, D(2020, 2, 1), UnitFacts(True, 1), members(1), ("m0", "ghost"))
    with pytest.raises(CaseError, match="u9.*enrolled.*ghost"):
        check_enrollment(bad, plan(JILIN))
    with pytest.raises(CaseError, match="plan"):
        check_enrollment(case(WEIHAI, 1, 1), plan(JILIN))


def test_member_eligibility() -> None:
    good = member_eligibility(MemberRecord("m1", D(1980, 1, 1)), plan(JILIN), D(2020, 2, 1))
    assert good.eligible and not good.findings
    bad = member_eligibility(MemberRecord("m2", D(2010, 1, 1), "left"), plan(JILIN), D(2020, 2, 1))
    assert not bad.eligible
    assert [f.code for f in bad.findings] == ["member_age_out_of_range", "member_not_in_service"]
    assert "16 至 60 周岁" in bad.findings[0].message


def test_period_collection_window_replaces_the_plan_files() -> None:
    period_window = {"collection_start": dt.date(2013, 3, 1), "collection_end": dt.date(2013, 5, 12)}
    inside = case("weihai-2012-supplementary-medical", 10, 10, as_of=dt.date(2013, 4, 1), **period_window)
    assert "outside_collection_window" not in codes(
        check_enrollment(inside, plan("weihai-2012-supplementary-medical"))
    )
    outside = case("weihai-2012-supplementary-medical", 10, 10, as_of=dt.date(2013, 6, 1), **period_window)
    result = check_enrollment(outside, plan("weihai-2012-supplementary-medical"))
    assert "outside_collection_window" in codes(result)


@pytest.mark.parametrize(
    ("engagement", "months", "eligible"),
    [
        ("regular", None, True),
        ("contract", None, True),
        ("temporary", 13, True),  # 聘用期超过一年
        ("temporary", 12, False),  # one year is not more than one year
        ("temporary", 6, False),
        ("temporary", None, False),  # a temporary worker's engagement must be known
    ],
)
def test_jilin_takes_temporary_staff_only_with_an_engagement_over_a_year(
    engagement: str, months: int | None, eligible: bool
) -> None:
    """Seed 001: 含正式职工、合同制职工、聘用期超过一年的临时职工."""
    worker = MemberRecord("m0", D(1980, 1, 1), engagement=engagement, engagement_months=months)  # type: ignore[arg-type]
    found = codes(check_enrollment(case(JILIN, 1, 1, people=(worker,)), plan(JILIN)))
    assert ("member_temporary_engagement_too_short" not in found) is eligible
    # Plans whose text says nothing of temporary staff do not judge it.
    assert "member_temporary_engagement_too_short" not in codes(
        check_enrollment(case(WEIHAI, 1, 1, people=(worker,)), plan(WEIHAI))
    )


def test_the_temporary_engagement_message_names_the_months() -> None:
    worker = MemberRecord("张三", D(1980, 1, 1), engagement="temporary", engagement_months=6)
    result = check_enrollment(case(JILIN, 1, 1, people=(worker,)), plan(JILIN))
    messages = [f.message for f in result.findings if f.code == "member_temporary_engagement_too_short"]
    assert messages == ["张三：为临时职工，聘用期 6 个月；本计划只接受聘用期超过 12 个月的临时职工"]
