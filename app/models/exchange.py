"""batch_imports, exchange_links: which USB batches were taken in, and what became of each line.

A batch is recognised by its manifest's SHA-256, so taking the same folder in twice changes
nothing. A link ties a line of a unit's batch (a member's enrollment by ID number, a claim by
the unit's own claim number) to the office-side record made from it, with the office's
outcome, so the results batch can answer the unit line by line in the unit's own terms.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class BatchImport(Base):
    __tablename__ = "batch_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    manifest_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # enrollment | claims | results
    unit_code: Mapped[str] = mapped_column(String(30))
    source_batch_no: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=now)


class ExchangeLink(Base):
    """One line of a unit's batch and the office-side record it became (or why it was refused)."""

    __tablename__ = "exchange_links"
    __table_args__ = (Index("ix_exchange_links_unit_kind_ref", "unit_id", "kind", "unit_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(12))  # enrollment | claim
    unit_ref: Mapped[str] = mapped_column(String(40))  # ID number, or the unit's claim number
    period_id: Mapped[int | None] = mapped_column(ForeignKey("coverage_periods.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id"))
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    outcome: Mapped[str] = mapped_column(String(12))  # accepted | refused
    reason: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
