"""claims, claim_steps, claim_counters: claims, every step of their audit, and claim numbers.

A claim keeps the facts the clerk entered (``facts``, the event as in the headless JSON format),
the decision the rules made with its Chinese trace, the plan version it was decided under, and
its materials checklist. Nothing is deleted; a withdrawal is a status. Money is integer fen.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now, ordered_text


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_event_date", "event_date", "id"),)  # the claims table's sort

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_no: Mapped[str] = mapped_column(ordered_text(30), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    family_member_id: Mapped[int | None] = mapped_column(ForeignKey("family_members.id"))
    relation: Mapped[str] = mapped_column(ordered_text(10), default="self")  # self | spouse | child
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id"))
    plan_code: Mapped[str] = mapped_column(ordered_text(80), index=True)
    plan_version: Mapped[str] = mapped_column(String(40), default="")
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_versions.id"))
    benefit: Mapped[str] = mapped_column(ordered_text(40))
    event_key: Mapped[str] = mapped_column(String(120), index=True)  # same event, paid once
    event_date: Mapped[dt.date]
    facts: Mapped[str] = mapped_column(Text)  # JSON: the benefit's event fields
    applied_on: Mapped[dt.date]
    status: Mapped[str] = mapped_column(ordered_text(20), default="draft", index=True)
    eligible: Mapped[bool] = mapped_column(default=False)
    amount_fen: Mapped[int] = mapped_column(default=0)  # due now, as the rules computed it
    cap_fen: Mapped[int] = mapped_column(default=0)
    decision: Mapped[str] = mapped_column(Text, default="")  # JSON: reasons and trace
    materials: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [[name, received], …]
    approved_fen: Mapped[int | None]
    paid_fen: Mapped[int | None]
    paid_on: Mapped[dt.date | None]
    paid_account: Mapped[str] = mapped_column(String(60), default="")
    paid_reference: Mapped[str] = mapped_column(String(60), default="")
    computed_on: Mapped[dt.date | None]  # the office's computation date (payment due counts from it)
    due_on: Mapped[dt.date | None]  # payment due: computation date + 10 working days
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=now, onupdate=now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class ClaimStep(Base):
    """One step of a claim's workflow: who, when, from which status to which, and why."""

    __tablename__ = "claim_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(500), default="")
    amount_fen: Mapped[int | None]


class ClaimCounter(Base):
    """The last claim number used per year (numbers are per office and year)."""

    __tablename__ = "claim_counters"
    __table_args__ = (UniqueConstraint("year", name="uq_claim_counters_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    last: Mapped[int] = mapped_column(default=0)
