"""Figures for the 统计 tab: what was enrolled and paid per plan and year, claims by status,
payments due this week, and participation per unit in a period.

Every aggregate is one GROUP BY in SQL (``extract('year', …)`` compiles to strftime on SQLite
and EXTRACT on PostgreSQL), so the result sets stay small whatever the size of the office.
Money is summed as integer fen and handed out as Decimal yuan; nothing here is float.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import extract, func, or_, select, text

from app.models import Claim, CoveragePeriod, Enrollment, Member, Unit
from app.models.db import SessionFactory
from app.rules.money import from_fen
from app.services.auth import Actor
from app.services.claims import STATUS_LABELS
from app.services.plans import PlanService

Number = Decimal | int
TEN_THOUSAND = 10_000
PARTICIPATION_CHART_UNITS = 15  # more bars than this are unreadable; the table keeps them all


@dataclass(frozen=True)
class ChartData:
    """Categories (x axis) × named series, in base units (元, 人次, 笔, %), ready to draw and to tabulate."""

    title: str
    y_label: str
    category_label: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[Number, ...]], ...]

    @property
    def empty(self) -> bool:
        return not self.categories or not self.series

    def table(self, unit: str = "") -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
        """Header and one row per category: the chart as a table (the 导出数据 sheet).

        ``unit`` goes after each series name, so a sheet of plan columns still says 元 or 人次.
        """
        suffix = f"({unit})" if unit else ""
        header = (self.category_label, *(f"{name}{suffix}" for name, _ in self.series))
        rows: list[tuple[object, ...]] = [
            (cat, *(values[i] for _, values in self.series)) for i, cat in enumerate(self.categories)
        ]
        return header, rows


def readable(data: ChartData, unit: str) -> ChartData:
    """The same chart in 万<unit> when the largest value reaches ten thousand, so ticks stay short.

    ``y_label`` of ``data`` is a bare quantity name (互助金额); the unit goes in brackets.
    """
    top = max((abs(Decimal(v)) for _, values in data.series for v in values), default=Decimal(0))
    if top < TEN_THOUSAND:
        return replace(data, y_label=f"{data.y_label}({unit})")
    step = Decimal("0.01")
    scaled = tuple(
        (name, tuple((Decimal(v) / TEN_THOUSAND).quantize(step, ROUND_HALF_UP) for v in values))
        for name, values in data.series
    )
    return replace(data, y_label=f"{data.y_label}(万{unit})", series=scaled)


@dataclass(frozen=True)
class DueRow:
    """An approved claim not yet paid whose payment falls due this week or is already late."""

    claim_no: str
    member_name: str
    unit_name: str
    plan_name: str
    approved: Decimal
    due_on: dt.date
    days_late: int  # 0 when not yet due

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


DUE_HEADER = ("理赔编号", "会员", "单位", "方案", "批准金额(元)", "应付日期", "状态")


def due_table(rows: list[DueRow]) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    return DUE_HEADER, [
        (
            r.claim_no, r.member_name, r.unit_name, r.plan_name, r.approved, r.due_on.isoformat(),
            f"逾期 {r.days_late} 天" if r.overdue else "本周到期",
        )
        for r in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class UnitParticipation:
    unit_code: str
    unit_name: str
    enrolled: int
    base: int  # the unit's union members (not left), plus enrolled members who have since left

    @property
    def percent(self) -> Decimal:
        if not self.base:
            return Decimal("0.0")
        return (Decimal(self.enrolled * 100) / self.base).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Participation:
    period_label: str
    units: tuple[UnitParticipation, ...]  # lowest participation first: the units to call

    def chart(self, limit: int = PARTICIPATION_CHART_UNITS) -> ChartData:
        shown = self.units[:limit]
        more = f"（比例最低的 {limit} 个单位）" if len(self.units) > limit else ""
        return ChartData(
            f"各单位参加人数占会员总数比例 {self.period_label}{more}",
            "占会员总数比例(%)",
            "单位",
            tuple(u.unit_name for u in shown),
            (("占会员总数比例", tuple(u.percent for u in shown)),),
        )

    def table(self) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
        header = ("单位编码", "单位名称", "参保人数", "会员总数", "占会员总数比例(%)")
        return header, [(u.unit_code, u.unit_name, u.enrolled, u.base, u.percent) for u in self.units]


@dataclass(frozen=True)
class StatsSnapshot:
    """Every figure of the 统计 tab, read in one go (off the UI thread) and drawn after."""

    today: dt.date
    benefits: ChartData
    enrollments: ChartData
    claims: ChartData
    due: list[DueRow]
    plans: list[tuple[str, str]]  # (code, name) of the plans with a period
    plan_code: str | None  # the plan whose latest period ``participation`` shows
    participation: Participation | None


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


class StatisticsService:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor
        catalogue = PlanService(sessions, actor).catalogue()
        self._names = {p.code: p.name for p in catalogue.plans()}

    def plan_name(self, code: str) -> str:
        return self._names.get(code, code)

    def _by_plan_and_year(
        self, rows: list[tuple[str, int, int]], title: str, y_label: str, money: bool
    ) -> ChartData:
        """(plan, year, value) rows → years as categories, one series per plan in catalogue order.

        Callers make year and value int: EXTRACT gives Decimal on PostgreSQL, SUM gives None on no rows.
        """
        years = sorted({y for _, y, _ in rows})
        order = list(self._names)
        plans = sorted(
            {p for p, _, _ in rows}, key=lambda c: (order.index(c) if c in order else len(order), c)
        )
        cells = {(p, y): v for p, y, v in rows}
        series = tuple(
            (
                self.plan_name(p),
                tuple(from_fen(cells.get((p, y), 0)) if money else cells.get((p, y), 0) for y in years),
            )
            for p in plans
        )
        return ChartData(title, y_label, "年度", tuple(str(y) for y in years), series)

    def enrolled_by_plan_and_year(self) -> ChartData:
        """参保人次: active enrollments per plan, by the year their period starts.

        Counted per period from a covering index, then summed per plan and year over the few
        periods: the join to the periods before grouping read every enrollment row.
        """
        per_period = (
            select(Enrollment.period_id, func.count())
            .where(Enrollment.status == "active")
            .group_by(Enrollment.period_id)
        )
        with self._sessions() as s:
            counts = dict(s.execute(per_period).tuples().all())
            periods = s.execute(
                select(CoveragePeriod.id, CoveragePeriod.plan_code, CoveragePeriod.start)
            ).all()
        cells: dict[tuple[str, int], int] = {}
        for pid, plan, start in periods:
            if counts.get(pid):
                cells[(plan, start.year)] = cells.get((plan, start.year), 0) + int(counts[pid])
        rows = [(plan, year, n) for (plan, year), n in cells.items()]
        return self._by_plan_and_year(rows, "各方案参保人次", "参保人次", money=False)

    def paid_by_plan_and_year(self) -> ChartData:
        """互助金额: what was paid on claims per plan, by the year of payment."""
        year = extract("year", Claim.paid_on)
        q = (
            select(Claim.plan_code, year, func.sum(Claim.paid_fen))
            .where(Claim.status == "paid", Claim.paid_on.is_not(None))
            .group_by(Claim.plan_code, year)
        )
        with self._sessions() as s:
            rows = [(plan, int(y), int(fen or 0)) for plan, y, fen in s.execute(q)]
        return self._by_plan_and_year(rows, "各方案互助金额", "互助金额", money=True)

    def claims_by_status(self) -> ChartData:
        """Claims per status in workflow order; statuses no claim is in are left out."""
        q = select(Claim.status, func.count(Claim.id)).group_by(Claim.status)
        with self._sessions() as s:
            counts = {status: int(n) for status, n in s.execute(q)}
        shown = [code for code in STATUS_LABELS if counts.get(code)]
        shown += sorted(code for code in counts if code not in STATUS_LABELS)  # never hide a claim
        return ChartData(
            "理赔按状态",
            "理赔(笔)",
            "状态",
            tuple(STATUS_LABELS.get(c, c) for c in shown),
            (("理赔笔数", tuple(counts[c] for c in shown)),) if shown else (),
        )

    def payments_due(self, today: dt.date | None = None) -> list[DueRow]:
        """Approved, unpaid claims due by Sunday of this week (late ones included), earliest first."""
        today = today or dt.date.today()
        _monday, sunday = week_of(today)
        q = (
            select(Claim.claim_no, Member.name, Unit.name, Claim.plan_code, Claim.approved_fen, Claim.due_on)
            .join(Member, Claim.member_id == Member.id)
            .join(Unit, Claim.unit_id == Unit.id)
            .where(Claim.status == "approved", Claim.due_on <= sunday)
            .order_by(Claim.due_on, Claim.claim_no)
        )
        with self._sessions() as s:
            found = s.execute(q).all()
        return [
            DueRow(
                no, member, unit, self.plan_name(plan), from_fen(fen or 0), due, max((today - due).days, 0)
            )
            for no, member, unit, plan, fen, due in found
        ]

    def snapshot(self, today: dt.date, plan_code: str | None = None) -> StatsSnapshot:
        """All the tab's figures; participation for ``plan_code`` (else the first plan with a period)."""
        plans = self.plans_with_periods()
        codes = [code for code, _ in plans]
        chosen = plan_code if plan_code in codes else (codes[0] if codes else None)
        period = self.latest_period(chosen) if chosen else None
        return StatsSnapshot(
            today,
            self.paid_by_plan_and_year(),
            self.enrolled_by_plan_and_year(),
            self.claims_by_status(),
            self.payments_due(today),
            plans,
            chosen,
            self.participation(period) if period is not None else None,
        )

    def plans_with_periods(self) -> list[tuple[str, str]]:
        """(code, Chinese name) of the plans that have at least one period, in catalogue order."""
        with self._sessions() as s:
            codes = set(s.scalars(select(CoveragePeriod.plan_code).distinct()))
        order = list(self._names)
        ranked = sorted(codes, key=lambda c: (order.index(c) if c in order else len(order), c))
        return [(c, self.plan_name(c)) for c in ranked]

    def latest_period(self, plan_code: str) -> int | None:
        q = (
            select(CoveragePeriod.id)
            .where(CoveragePeriod.plan_code == plan_code)
            .order_by(CoveragePeriod.start.desc(), CoveragePeriod.number.desc())
            .limit(1)
        )
        with self._sessions() as s:
            return s.scalar(q)

    def participation(self, period_id: int) -> Participation:
        """Enrolled / base per unit in one period.

        Enrolled counts each active enrollment under the unit that enrolled the member (its
        团体申请表 listed them); the base is that unit's union members in service, plus its enrolled
        members who have since left or moved to another unit, so no unit shows more than 100 %:
        the member rate, enrolled ÷ union members, as the 团体申请表's 参加活动的人数占会员总数比例
        and `enrollment show`'s member_rate. The participation rule's rate (enrolled ÷ eligible)
        needs every member judged by the rules; the 参保缴费 panel shows both.

        Three grouped counts read covering indexes only (migration 0013), never the wide member
        rows: at a million members this is a fraction of a second, where one join grouped by
        unit took five.
        """
        in_service = (
            select(Member.unit_id, func.count()).where(Member.left_on.is_(None)).group_by(Member.unit_id)
        )
        enrolled = (
            select(Enrollment.unit_id, func.count())
            .where(Enrollment.period_id == period_id, Enrollment.status == "active")
            .group_by(Enrollment.unit_id)
        )
        with self._sessions() as s:
            period = s.get(CoveragePeriod, period_id)
            base = {u: int(n) for u, n in s.execute(in_service)}
            counts = {u: int(n) for u, n in s.execute(enrolled)}
            for u, n in s.execute(*_gone_enrolled(s.get_bind().dialect.name, period_id)):
                base[u] = base.get(u, 0) + int(n)
            units = {u.id: (u.code, u.name) for u in s.execute(select(Unit.id, Unit.code, Unit.name))}
        label = f"{self.plan_name(period.plan_code)} 第 {period.number} 期" if period else ""
        shown = [
            UnitParticipation(*units[uid], counts.get(uid, 0), n) for uid, n in base.items() if uid in units
        ]
        shown.sort(key=lambda u: (u.percent, u.unit_code))
        return Participation(label, tuple(shown))


def _gone_enrolled(dialect: str, period_id: int) -> tuple[Any, dict[str, int]]:
    """Per enrolling unit, its members enrolled in the period who have since left or moved away.

    On SQLite the join walks the enrollments in member order and reads each member's unit and
    leaving date from a covering index (0.3 s at a million; the planner's own choice, a row
    lookup per enrollment in period order, takes 1.8 s). PostgreSQL's planner hashes the join.
    """
    if dialect == "sqlite":
        return (
            text(
                "SELECT e.unit_id, count(*) FROM enrollments e "
                "INDEXED BY uq_enrollments_active_member_period "
                "CROSS JOIN members m INDEXED BY ix_members_id_unit_left ON m.id = e.member_id "
                "WHERE e.period_id = :period AND e.status = 'active' "
                "AND (m.unit_id != e.unit_id OR m.left_on IS NOT NULL) GROUP BY e.unit_id"
            ),
            {"period": period_id},
        )
    q = (
        select(Enrollment.unit_id, func.count())
        .join(Member, Member.id == Enrollment.member_id)
        .where(
            Enrollment.period_id == period_id,
            Enrollment.status == "active",
            or_(Member.unit_id != Enrollment.unit_id, Member.left_on.is_not(None)),
        )
        .group_by(Enrollment.unit_id)
    )
    return q, {}
