"""Enrollment checks: every finding of a unit's enrollment at once, and the fee it owes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.rules.calc_common import EMPLOYMENT_NAMES, num
from app.rules.decision import EnrollmentResult, Fee, Finding, MemberEligibility
from app.rules.errors import CaseError
from app.rules.idnumber import age_on
from app.rules.money import ZERO, quantize
from app.rules.plans import EnrollmentRules, Plan
from app.rules.values import EnrollmentCase, MemberRecord, UnitFacts

# Conditions a plan may list under ``free_when``; all listed must hold for the fee to be free.
FREE_CONDITIONS = {
    "unit_remits_union_funds": lambda unit, member: unit.remits_union_funds,
    "member_has_jingka": lambda unit, member: member.jingka,
}


def member_findings(member: MemberRecord, rules: EnrollmentRules, as_of: dt.date) -> list[Finding]:
    found: list[Finding] = []
    key = member.key
    age = age_on(member.birth_date, as_of)
    low, high = rules.age_min, rules.age_max
    if (low is not None and age < low) or (high is not None and age > high):
        span = f"{low if low is not None else 0} 至 {high if high is not None else '不限'}"
        found.append(
            Finding(
                "member_age_out_of_range",
                f"{key}：{as_of.isoformat()} 时 {age} 岁，须在 {span} 周岁之间（含）",
                key,
            )
        )
    if rules.employment and member.employment not in rules.employment:
        allowed = "、".join(EMPLOYMENT_NAMES.get(e, e) for e in rules.employment)
        found.append(
            Finding(
                "member_not_in_service",
                f"{key}：为{EMPLOYMENT_NAMES[member.employment]}人员，本计划只接受{allowed}职工",
                key,
            )
        )
    over = rules.temporary_engagement_over_months
    if over is not None and member.engagement == "temporary" and (member.engagement_months or 0) <= over:
        months = f"聘用期 {member.engagement_months} 个月" if member.engagement_months else "聘用期未填写"
        found.append(
            Finding(
                "member_temporary_engagement_too_short",
                f"{key}：为临时职工，{months}；本计划只接受聘用期超过 {over} 个月的临时职工",
                key,
            )
        )
    if rules.union_member_required and not member.union_member:
        found.append(Finding("member_not_union_member", f"{key}：不是工会会员，本计划只接受工会会员", key))
    if rules.basic_medical_insurance_required and not member.basic_medical_insurance:
        found.append(
            Finding(
                "member_without_basic_medical_insurance",
                f"{key}：未参加基本医疗保险，本计划须已参加基本医疗保险",
                key,
            )
        )
    if rules.max_shares is not None and member.shares > rules.max_shares:
        found.append(
            Finding(
                "shares_exceed_limit", f"{key}：参保 {member.shares} 份，每人限参 {rules.max_shares} 份", key
            )
        )
    return found


def member_eligibility(member: MemberRecord, plan: Plan, as_of: dt.date) -> MemberEligibility:
    """One member's eligibility for ``plan`` on ``as_of``, with every reason against it."""
    found = tuple(member_findings(member, plan.enrollment, as_of))
    return MemberEligibility(member.key, not found, found)


def _participation(unit: UnitFacts, enrolled: int, rules: EnrollmentRules) -> Finding | None:
    rule = next(
        (r for r in rules.participation if r.max_headcount is None or unit.headcount <= r.max_headcount), None
    )
    if rule is None or Decimal(enrolled) >= rule.min_ratio * unit.headcount:
        return None
    if rule.min_ratio >= 1:
        message = f"单位 {unit.headcount} 人，已参保 {enrolled} 人：{rule.label}"
    else:
        share = quantize(Decimal(enrolled) * 100 / unit.headcount).quantize(Decimal("0.1"))
        message = f"单位 {unit.headcount} 人，已参保 {enrolled} 人（{num(share)}%）：{rule.label}"
    return Finding("participation_below_required", message)


def _fee(case: EnrollmentCase, plan: Plan, chosen: list[MemberRecord]) -> Fee:
    rules = plan.enrollment
    per_person = rules.fee_per_person
    if rules.fee_tiers:
        if case.tier is None or case.tier not in rules.fee_tiers:
            raise CaseError(case.id, "tier", f"须为 {'、'.join(rules.fee_tiers)} 之一")
        per_person = rules.fee_tiers[case.tier][rules.fee_tier_index]
    net = max(per_person - rules.subsidy, ZERO)
    payable = ZERO
    for member in chosen:
        free = bool(rules.free_when) and all(FREE_CONDITIONS[c](case.unit, member) for c in rules.free_when)
        if not free:
            payable += net * member.shares
    return Fee(quantize(per_person), quantize(rules.subsidy), quantize(payable))


def check_enrollment(case: EnrollmentCase, plan: Plan) -> EnrollmentResult:
    """All findings of a unit's enrollment in ``plan`` (unit, participation, window, each member)."""
    if case.plan != plan.code:
        raise CaseError(case.id, "plan", f"为 {case.plan}，与所用方案 {plan.code} 不符")
    by_key = {m.key: m for m in case.members}
    unknown = [k for k in case.enrolled if k not in by_key]
    if unknown:
        raise CaseError(case.id, "enrolled", f"中的 {'、'.join(unknown)} 不在 members 中")
    rules = plan.enrollment
    findings: list[Finding] = []
    if rules.unit_union_required and not case.unit.has_union:
        findings.append(Finding("unit_without_union", "单位未成立工会组织，不能参加本计划"))
    participation = _participation(case.unit, len(case.enrolled), rules)
    if participation:
        findings.append(participation)
    start = case.collection_start or rules.collection_start
    end = case.collection_end or rules.collection_end
    if (start and case.as_of < start) or (end and case.as_of > end):
        window = f"{start.isoformat() if start else '不限'} 至 {end.isoformat() if end else '不限'}"
        findings.append(
            Finding("outside_collection_window", f"办理日期 {case.as_of.isoformat()} 不在收缴期 {window} 内")
        )
    chosen = [by_key[k] for k in case.enrolled]
    for member in chosen:
        findings.extend(member_findings(member, rules, case.as_of))
    return EnrollmentResult(not findings, tuple(findings), _fee(case, plan, chosen))
