"""batch_imports, exchange_links, installation, partner_keys, partner_units: the USB exchange.

A batch is recognised by its manifest's SHA-256, so taking the same folder in twice changes
nothing, and by the sender's batch id, so a re-signed replay of it is refused. A link ties a line
of a unit's batch (a member's enrollment by ID number, a claim by the unit's own claim number) to
the office-side record made from it, with the office's outcome, so the results batch can answer
the unit line by line in the unit's own terms.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
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
    # The signing sender and the batch id its manifest names (NULL for batches before signatures).
    sender_fingerprint: Mapped[str | None] = mapped_column(String(19))
    source_batch_id: Mapped[str | None] = mapped_column(String(32), unique=True)
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


class Installation(Base):
    """This copy of the program: its id and public key (the private key is a file in the data folder)."""

    __tablename__ = "installation"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw Ed25519 key
    fingerprint: Mapped[str] = mapped_column(String(19))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)


class PartnerKey(Base):
    """A partner's public key, registered after checking its fingerprint against stamped paper.

    ``role`` is ``office`` for the office this installation reports to (results come from it) and
    ``unit`` for a unit reporting here (its batches come in, for the unit codes bound to it).
    """

    __tablename__ = "partner_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(19), unique=True)
    public_key: Mapped[str] = mapped_column(String(64))
    installation: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10), default="")
    role: Mapped[str] = mapped_column(String(10))  # office | unit
    note: Mapped[str] = mapped_column(Text, default="")
    registered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    registered_at: Mapped[dt.datetime] = mapped_column(default=now)


class PartnerUnit(Base):
    """A unit code whose batches the office takes in only when signed by this key."""

    __tablename__ = "partner_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_key_id: Mapped[int] = mapped_column(ForeignKey("partner_keys.id"), index=True)
    unit_code: Mapped[str] = mapped_column(String(30), unique=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
