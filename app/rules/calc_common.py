"""What every benefit calculator shares: the gate checks, history sums and number formats."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TypeVar

from app.rules.decision import Audit, ClaimDecision
from app.rules.errors import CaseError
from app.rules.money import ZERO
from app.rules.values import ClaimCase, HistoryEntry

if TYPE_CHECKING:
    from app.rules.plans import Benefit, Plan

RELATION_NAMES = {"self": "会员本人", "spouse": "配偶", "child": "子女"}
EMPLOYMENT_NAMES = {"in_service": "在职", "retired": "退休", "left": "离职"}
CATEGORY_NAMES = {"model_worker": "劳模", "hardship": "特困"}


class Calculator(Protocol):
    def decide(self, case: ClaimCase, benefit: Benefit, plan: Plan) -> ClaimDecision: ...


E = TypeVar("E")


def expect(case: ClaimCase, kind: type[E]) -> E:
    """The case's event, which must be of the kind the calculator reads."""
    event = case.event
    if not isinstance(event, kind):
        raise CaseError(case.id, "event", f"的内容与项目 {case.benefit} 不符")
    return event


def num(value: Decimal) -> str:
    """50 → '50', 0.20 → '0.2': figures as a clerk writes them in a sentence."""
    return format(value.normalize(), "f")


def pct(value: Decimal) -> str:
    return num(value * 100) + "%"


def in_period(entry: HistoryEntry, case: ClaimCase) -> bool:
    return case.coverage.period_start <= entry.date <= case.coverage.period_end


def paid_entries(case: ClaimCase, benefits: Iterable[str], *, period: bool = False) -> list[HistoryEntry]:
    """Earlier payments (paid > 0) for the given benefits, optionally within the coverage period."""
    wanted = set(benefits)
    return [
        e
        for e in case.history
        if e.benefit in wanted and e.paid > ZERO and (not period or in_period(e, case))
    ]


def gate(case: ClaimCase, benefit: Benefit, plan: Plan, audit: Audit, *, check_event: bool = True) -> None:
    """Checks common to all benefits; each failure adds a reason, all are listed at once."""
    event = case.event
    event_date = event.event_date
    audit.note(f"{plan.name} · {benefit.name}")
    if case.relation not in benefit.relations:
        allowed = "、".join(RELATION_NAMES[r] for r in benefit.relations)
        audit.reason(
            "member_not_eligible",
            f"受益人为{RELATION_NAMES[case.relation]}，本项目只给付{allowed}",
        )
    if plan.claim_employment and case.member.employment not in plan.claim_employment:
        allowed = "、".join(EMPLOYMENT_NAMES.get(e, e) for e in plan.claim_employment)
        audit.reason(
            "member_not_eligible",
            f"会员为{EMPLOYMENT_NAMES[case.member.employment]}人员，本方案只保障{allowed}人员",
        )
    cov = case.coverage
    start = max(cov.period_start, cov.effective_date)
    if not start <= event_date <= cov.period_end:
        audit.reason(
            "outside_coverage_period",
            f"事件日期 {event_date.isoformat()} 不在保障期 {start.isoformat()} 至 "
            f"{cov.period_end.isoformat()} 内",
        )
    else:
        audit.note(
            f"事件日期 {event_date.isoformat()} 在保障期 {start.isoformat()} 至 "
            f"{cov.period_end.isoformat()} 内"
        )
    years = benefit.apply_within_years
    if years is not None and case.applied_on.year > event_date.year + years:
        audit.reason(
            "application_deadline_passed",
            f"事件发生于 {event_date.year} 年，须在 {event_date.year + years} 年底前申请，"
            f"申请日期为 {case.applied_on.isoformat()}",
        )
    event_id = event.event_id
    if check_event and event_id is not None:
        # One event once per benefit; across the plan's benefits only where the plan says so.
        for entry in paid_entries(case, plan.benefits if plan.one_benefit_per_event else (benefit.code,)):
            if entry.event_id == event_id:
                audit.reason(
                    "already_paid_for_event",
                    f"同一事件 {event_id} 已于 {entry.date.isoformat()} "
                    f"领取{plan.benefits[entry.benefit].name} {entry.paid:.2f} 元，同一事件只给付一次",
                )
                break


def refuse_if_any(audit: Audit, cap: Decimal = ZERO) -> ClaimDecision | None:
    return audit.refuse(cap) if audit.reasons else None
