"""enrollments, contributions, batches: who is covered in which period, what units paid, what
was carried to or from the higher office.

An enrollment is never deleted: cancelling sets its status with a reason, and a partial unique
index keeps one active enrollment per member and period.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class Enrollment(Base):
    __tablename__ = "enrollments"
    # One active enrollment per member and period: a partial unique index, WHERE status = 'active'
    # on both databases (migration 0002 makes it). Only the SQLite form is named here: a
    # ``postgresql_where`` would load SQLAlchemy's PostgreSQL dialect in every start on SQLite.
    __table_args__ = (
        Index(
            "uq_enrollments_active_member_period",
            "member_id",
            "period_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
        ),
        Index("ix_enrollments_period_status_unit", "period_id", "status", "unit_id"),  # 统计's counts
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("coverage_periods.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    shares: Mapped[int] = mapped_column(default=1)
    effective_date: Mapped[dt.date]
    status: Mapped[str] = mapped_column(String(12), default="active")  # active | cancelled
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    cancelled_at: Mapped[dt.datetime | None]
    cancelled_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class Contribution(Base):
    """One payment by a unit for a period (a unit may pay in several parts)."""

    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("coverage_periods.id"), index=True)
    headcount: Mapped[int]
    fee_fen: Mapped[int]
    total_fen: Mapped[int]
    subsidy_fen: Mapped[int] = mapped_column(default=0)
    unit_part_fen: Mapped[int] = mapped_column(default=0)
    member_part_fen: Mapped[int] = mapped_column(default=0)
    amount_fen: Mapped[int]  # what this payment brought
    method: Mapped[str] = mapped_column(String(20))
    paid_on: Mapped[dt.date]
    receipt_no: Mapped[str] = mapped_column(String(60), default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    # A payment recorded wrongly is voided with a reason (it stays on record, no longer counted).
    voided_at: Mapped[dt.datetime | None]
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Batch(Base):
    """A batch folder exported to (or imported from) a USB stick; numbered per unit and kind."""

    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # enrollment | claims | results
    direction: Mapped[str] = mapped_column(String(10))  # export | import
    number: Mapped[int]
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    period_id: Mapped[int | None] = mapped_column(ForeignKey("coverage_periods.id"))
    folder: Mapped[str] = mapped_column(String(500))
    manifest: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
