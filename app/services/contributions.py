"""Contributions (缴费): what each unit owes for a period, what it paid, and who has not paid."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from app.models import Contribution, CoveragePeriod, Enrollment, Unit
from app.models.base import now
from app.models.db import SessionFactory
from app.rules.money import ZERO, from_fen, parse_amount, to_fen
from app.services import audit
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService, Overview
from app.services.errors import Conflict, InputErrors, NotFound
from app.services.retry import waits_for_other_writers
from app.services.roster_types import RowError

METHODS = {
    "cheque_forward": "支票（正送）",
    "cheque_reverse": "支票（倒送）",
    "cash": "现金",
    "transfer": "转账",
}
METHOD_BY_LABEL = {v: k for k, v in METHODS.items()} | {
    "支票正送": "cheque_forward",
    "支票倒送": "cheque_reverse",
}


@dataclass(frozen=True)
class Payment:
    id: int
    amount: Decimal
    method: str
    paid_on: dt.date
    receipt_no: str
    unit_part: Decimal
    member_part: Decimal
    void_reason: str = ""  # voided: why (it no longer counts toward what was paid)
    voided: bool = False


@dataclass(frozen=True)
class UnitDue:
    """A unit's standing for a period: enrolled, what it owes after subsidy, paid, still owed."""

    unit_id: int
    unit_code: str
    unit_name: str
    enrolled: int
    fee_standard: Decimal
    total: Decimal  # enrolled × fee standard
    subsidy: Decimal
    payable: Decimal  # what the unit must pay (after subsidy and free members)
    paid: Decimal
    owed: Decimal
    overdue: bool  # collection window over and still owing
    payments: tuple[Payment, ...]


class ContributionService:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor

    def due(
        self, unit_id: int, period_id: int, today: dt.date | None = None, overview: Overview | None = None
    ) -> UnitDue:
        """``overview``: the unit's enrollment overview when the caller has it already (it is the
        costly part: every member checked against the plan)."""
        today = today or dt.date.today()
        ov = overview or EnrollmentService(self._sessions, self.actor).overview(unit_id, period_id, today)
        with self._sessions() as s:
            unit = s.get(Unit, unit_id)
            period = s.get(CoveragePeriod, period_id)
            if unit is None or period is None:
                raise NotFound("单位或保障期不存在")
            payments = tuple(
                Payment(
                    c.id,
                    from_fen(c.amount_fen),
                    c.method,
                    c.paid_on,
                    c.receipt_no,
                    from_fen(c.unit_part_fen),
                    from_fen(c.member_part_fen),
                    c.void_reason,
                    c.voided_at is not None,
                )
                for c in s.scalars(
                    select(Contribution)
                    .where(Contribution.unit_id == unit_id, Contribution.period_id == period_id)
                    .order_by(Contribution.paid_on, Contribution.id)
                )
            )
            fee_standard = from_fen(period.fee_fen) if period.fee_fen else ov.fee.per_person
            window_over = period.collect_to is not None and today > period.collect_to
        enrolled = ov.enrolled_count
        paid = sum((p.amount for p in payments if not p.voided), ZERO)
        owed = max(ov.fee.payable - paid, ZERO)
        return UnitDue(
            unit_id,
            unit.code,
            unit.name,
            enrolled,
            fee_standard,
            fee_standard * enrolled,
            ov.fee.subsidy * enrolled,
            ov.fee.payable,
            paid,
            owed,
            window_over and owed > 0,
            payments,
        )

    @waits_for_other_writers
    def record_payment(
        self,
        unit_id: int,
        period_id: int,
        amount: Decimal | str,
        method: str,
        paid_on: dt.date,
        receipt_no: str = "",
        unit_part: Decimal | str | None = None,
        member_part: Decimal | str | None = None,
        today: dt.date | None = None,
    ) -> int:
        """Record one payment; every bad field is reported at once and nothing is written."""
        self.actor.require("enrollment.write")
        today = today or dt.date.today()
        errors: list[RowError] = []
        values: dict[str, Decimal] = {}
        for label, key, raw in (
            ("金额", "amount", amount),
            ("单位负担", "unit", unit_part),
            ("个人负担", "member", member_part),
        ):
            if raw is None or str(raw).strip() == "":
                continue
            try:
                values[key] = parse_amount(raw, field=label)
            except ValueError as exc:
                errors.append(RowError(0, label, str(exc)))
        if amount is None or str(amount).strip() == "":
            errors.append(RowError(0, "金额", "请填写缴费金额"))
        if "amount" in values and values["amount"] <= 0:
            errors.append(RowError(0, "金额", "缴费金额须大于 0"))
        code = METHOD_BY_LABEL.get(method, method)
        if code not in METHODS:
            errors.append(RowError(0, "缴费方式", f"应为 {'、'.join(METHODS.values())} 之一"))
        if paid_on > today:
            errors.append(RowError(0, "缴款日期", "缴款日期不能晚于今天"))
        if (
            "unit" in values
            and "member" in values
            and "amount" in values
            and values["unit"] + values["member"] != values["amount"]
        ):
            errors.append(RowError(0, "单位负担", "单位负担与个人负担之和应等于缴费金额"))
        if errors:
            raise InputErrors(errors, "缴费登记有误")
        due = self.due(unit_id, period_id, today)
        with self._sessions.begin() as s:
            row = Contribution(
                unit_id=unit_id,
                period_id=period_id,
                headcount=due.enrolled,
                fee_fen=to_fen(due.fee_standard),
                total_fen=to_fen(due.total),
                subsidy_fen=to_fen(due.subsidy),
                unit_part_fen=to_fen(values.get("unit", ZERO)),
                member_part_fen=to_fen(values.get("member", ZERO)),
                amount_fen=to_fen(values["amount"]),
                method=code,
                paid_on=paid_on,
                receipt_no=receipt_no.strip(),
                recorded_by=self.actor.user_id,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.actor,
                "payment",
                "contribution",
                row.id,
                unit=unit_id,
                period=period_id,
                amount=str(values["amount"]),
                method=code,
                paid_on=paid_on,
                receipt=receipt_no.strip(),
            )
            return row.id

    @waits_for_other_writers
    def void_payment(self, payment_id: int, reason: str) -> None:
        """作废缴费: a payment recorded wrongly stops counting; it stays on record with the reason
        (a correction is a void and a new payment)."""
        self.actor.require("enrollment.write")
        reason = reason.strip()
        if not reason:
            raise InputErrors([RowError(0, "作废原因", "请填写作废原因")], "缴费未作废")
        with self._sessions.begin() as s:
            row = s.get(Contribution, payment_id)
            if row is None:
                raise NotFound("缴费记录不存在")
            if row.voided_at is not None:
                raise Conflict("该笔缴费已作废")
            row.voided_at, row.voided_by, row.void_reason = now(), self.actor.user_id, reason
            s.flush()
            amount = str(from_fen(row.amount_fen))
            audit.record(
                s, self.actor, "void_payment", "contribution", row.id,
                unit=row.unit_id, period=row.period_id, amount=amount, reason=reason,
            )  # fmt: skip

    def standing(self, period_id: int, today: dt.date | None = None) -> list[UnitDue]:
        """Every unit with enrollments in the period, owing ones first."""
        with self._sessions() as s:
            unit_ids = list(
                s.scalars(
                    select(Enrollment.unit_id)
                    .where(Enrollment.period_id == period_id, Enrollment.status == "active")
                    .group_by(Enrollment.unit_id)
                    .order_by(func.min(Enrollment.id))
                )
            )
        dues = [self.due(uid, period_id, today) for uid in unit_ids]
        return sorted(dues, key=lambda d: (not d.overdue, d.owed == 0, d.unit_code))
