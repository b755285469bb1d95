"""A unit's enrollment figures for a period, as the panel, the 团体申请表 and `enrollment show`
print them: counts, the two rates (each named), and a fee that multiplies out.

The participation rule's rate is enrolled ÷ eligible (the ≤ 200 all / > 200 80 % / < 20 all
rules judge it); the form's 参加活动的人数占会员总数比例 is enrolled ÷ the unit's union members
(the roster's members who have not left). The fee: the standard, the subsidy per person, what each
paying person pays, how many pay and how many are free (Beijing: Jingka holders of a unit that
remits union funds), and the payable — member_pays × payers = payable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from app.models import CoveragePeriod, Member
from app.models.db import SessionFactory
from app.rules.decision import Finding
from app.rules.money import ZERO
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService, Overview
from app.services.errors import NotFound

ONE_DECIMAL = Decimal("0.1")


def rate_text(part: int, whole: int) -> str:
    """ "80.0%"; "—" when there is nothing to divide by."""
    if whole <= 0:
        return "—"
    return f"{(Decimal(part * 100) / whole).quantize(ONE_DECIMAL)}%"


@dataclass(frozen=True)
class FeeFigures:
    per_person: Decimal  # the fee standard (元/人·期)
    subsidy: Decimal  # per person
    member_pays: Decimal  # per paying person: standard − subsidy
    payers: int
    free: int
    payable: Decimal  # member_pays × payers

    def as_json(self) -> dict[str, object]:
        return {
            "per_person": f"{self.per_person:.2f}",
            "subsidy": f"{self.subsidy:.2f}",
            "member_pays": f"{self.member_pays:.2f}",
            "payers": self.payers,
            "free": self.free,
            "payable": f"{self.payable:.2f}",
        }


@dataclass(frozen=True)
class EnrollmentFigures:
    members: int  # the unit's union members (roster, not left)
    eligible: int
    enrolled: int
    fee: FeeFigures
    period_start: dt.date
    period_end: dt.date
    findings: tuple[Finding, ...]

    @property
    def rule_rate(self) -> str:
        """参保率（参加人数 ÷ 符合条件人数）: what the participation rule judges."""
        return rate_text(self.enrolled, self.eligible)

    @property
    def member_rate(self) -> str:
        """参加活动的人数占会员总数比例（参加人数 ÷ 会员总数）: the form's rate."""
        return rate_text(self.enrolled, self.members)

    @property
    def rule_rate_label(self) -> str:
        return f"参保率（参加 {self.enrolled} 人 ÷ 符合条件 {self.eligible} 人）= {self.rule_rate}"

    @property
    def member_rate_label(self) -> str:
        return f"参加 {self.enrolled} 人 ÷ 会员 {self.members} 人 = {self.member_rate}"

    def as_json(self) -> dict[str, object]:
        return {
            "members": self.members,
            "eligible": self.eligible,
            "enrolled": self.enrolled,
            "rule_rate": self.rule_rate,
            "member_rate": self.member_rate,
            "period": {"start": self.period_start.isoformat(), "end": self.period_end.isoformat()},
            "fee": self.fee.as_json(),
            "findings": [{"code": f.code, "message": f.message} for f in self.findings],
        }


def fee_figures(ov: Overview) -> FeeFigures:
    """The rules' fee, broken down so that it multiplies out (payers counted in shares)."""
    per_person, subsidy, payable = ov.fee.per_person, ov.fee.subsidy, ov.fee.payable
    member_pays = max(per_person - subsidy, ZERO)
    shares = sum(line.shares for line in ov.members if line.enrollment_id is not None)
    payers = int(payable / member_pays) if member_pays > 0 else shares
    return FeeFigures(per_person, subsidy, member_pays, payers, max(shares - payers, 0), payable)


def figures_of(sessions: SessionFactory, ov: Overview) -> EnrollmentFigures:
    with sessions() as s:
        period = s.get(CoveragePeriod, ov.period_id)
        if period is None:
            raise NotFound("保障期不存在")
        members = s.scalar(
            select(func.count(Member.id)).where(Member.unit_id == ov.unit_id, Member.left_on.is_(None))
        )
        start, end = period.start, period.end
    return EnrollmentFigures(
        int(members or 0), ov.eligible_count, ov.enrolled_count, fee_figures(ov), start, end, ov.findings
    )


def enrollment_figures(
    sessions: SessionFactory, actor: Actor, unit_id: int, period_id: int, as_of: dt.date | None = None
) -> EnrollmentFigures:
    ov = EnrollmentService(sessions, actor).overview(unit_id, period_id, as_of)
    return figures_of(sessions, ov)
