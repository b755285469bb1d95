"""Coverage periods (期) of each plan: dates, collection window, fee standard, tier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.models import CoveragePeriod
from app.models.db import SessionFactory
from app.rules.money import from_fen, parse_amount, to_fen
from app.services import audit
from app.services.auth import Actor
from app.services.errors import Conflict, InputErrors, NotFound
from app.services.retry import waits_for_other_writers
from app.services.roster_types import RowError


@dataclass(frozen=True)
class PeriodInfo:
    id: int
    plan_code: str
    number: int
    start: dt.date
    end: dt.date
    collect_from: dt.date | None
    collect_to: dt.date | None
    fee: Decimal
    tier: str | None
    subsidy: Decimal | None = None  # None: the plan's

    @property
    def label(self) -> str:
        return f"第 {self.number} 期（{self.start.isoformat()} 至 {self.end.isoformat()}）"


def _info(p: CoveragePeriod) -> PeriodInfo:
    return PeriodInfo(
        p.id, p.plan_code, p.number, p.start, p.end, p.collect_from, p.collect_to, from_fen(p.fee_fen),
        p.tier, from_fen(p.subsidy_fen) if p.subsidy_fen is not None else None,
    )  # fmt: skip


class PeriodService:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor

    def list(self, plan_code: str | None = None) -> list[PeriodInfo]:
        q = select(CoveragePeriod).order_by(CoveragePeriod.plan_code, CoveragePeriod.number)
        if plan_code:
            q = q.where(CoveragePeriod.plan_code == plan_code)
        with self._sessions() as s:
            return [_info(p) for p in s.scalars(q)]

    def get(self, period_id: int) -> PeriodInfo:
        with self._sessions() as s:
            p = s.get(CoveragePeriod, period_id)
            if p is None:
                raise NotFound("保障期不存在")
            return _info(p)

    def find(self, plan_code: str, number: int) -> PeriodInfo:
        for p in self.list(plan_code):
            if p.number == number:
                return p
        raise NotFound(f"方案 {plan_code} 没有第 {number} 期")

    @waits_for_other_writers
    def create(
        self,
        plan_code: str,
        number: int,
        start: dt.date,
        end: dt.date,
        fee: Decimal | str,
        collect_from: dt.date | None = None,
        collect_to: dt.date | None = None,
        tier: str | None = None,
        subsidy: Decimal | str | None = None,
    ) -> PeriodInfo:
        self.actor.require("enrollment.write")
        errors: list[RowError] = []
        if number < 1:
            errors.append(RowError(0, "期数", "期数须为正整数"))
        if end < start:
            errors.append(RowError(0, "保障期", "结束日期不能早于开始日期"))
        if collect_from and collect_to and collect_to < collect_from:
            errors.append(RowError(0, "收缴期", "收缴截止日期不能早于起始日期"))
        try:
            fee_value = parse_amount(fee, field="缴费标准")
        except ValueError as exc:
            errors.append(RowError(0, "缴费标准", str(exc)))
            fee_value = Decimal(0)
        subsidy_value: Decimal | None = None
        if subsidy is not None:
            try:
                subsidy_value = parse_amount(subsidy)
            except ValueError as exc:
                errors.append(RowError(0, "补助", str(exc)))
            else:
                if subsidy_value > fee_value:
                    message = f"每人补助 {subsidy_value} 元不能高于缴费标准 {fee_value} 元"
                    errors.append(RowError(0, "补助", message))
        if errors:
            raise InputErrors(errors, "保障期资料有误")
        with self._sessions.begin() as s:
            clash = s.scalars(
                select(CoveragePeriod).where(
                    CoveragePeriod.plan_code == plan_code, CoveragePeriod.number == number
                )
            ).first()
            if clash:
                raise Conflict(f"方案 {plan_code} 已有第 {number} 期")
            row = CoveragePeriod(
                plan_code=plan_code,
                number=number,
                start=start,
                end=end,
                collect_from=collect_from,
                collect_to=collect_to,
                fee_fen=to_fen(fee_value),
                subsidy_fen=to_fen(subsidy_value) if subsidy_value is not None else None,
                tier=tier,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.actor,
                "create",
                "period",
                row.id,
                plan=plan_code,
                number=number,
                start=start,
                end=end,
                fee=str(fee_value),
                subsidy=str(subsidy_value) if subsidy_value is not None else None,
            )
            return _info(row)
