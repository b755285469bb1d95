"""plan_versions, coverage_periods: what an office changed of a plan, and the periods it runs.

Plans ship as files (resources/plans); an administrator's change of a figure is stored here as a
whole new dated version (the plan's TOML text), so a claim can keep the version it was decided
under. Rows are never changed: a second change on the same day adds a row that supersedes
the first for new decisions, while claims keep pointing at the row they used. Periods (期)
carry their own dates, collection window and fee standard.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class PlanVersion(Base):
    __tablename__ = "plan_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_code: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[str] = mapped_column(String(40))
    effective_from: Mapped[dt.date]
    body: Mapped[str] = mapped_column(Text)  # the whole plan as TOML text
    note: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)


class CoveragePeriod(Base):
    __tablename__ = "coverage_periods"
    __table_args__ = (UniqueConstraint("plan_code", "number", name="uq_coverage_periods_plan_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_code: Mapped[str] = mapped_column(String(80), index=True)
    number: Mapped[int]
    start: Mapped[dt.date]
    end: Mapped[dt.date]
    collect_from: Mapped[dt.date | None]
    collect_to: Mapped[dt.date | None]
    fee_fen: Mapped[int]
    subsidy_fen: Mapped[int | None]  # per person; None: the plan's subsidy
    tier: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
