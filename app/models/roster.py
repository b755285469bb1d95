"""units, members, family_members: the roster of the units an office serves.

Gender and birth date are derived from the ID number when a member is written and stored
only so that lists and rules need not re-derive them; nobody types them. ``name_key`` is the
pinyin sort key, stored so a 100k roster sorts in Chinese order without recomputing.
``version`` guards against two clerks saving the same record (SQLAlchemy version counter).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, now

# Byte order on PostgreSQL too (its default collations ignore the key's control characters).
NAME_KEY_TYPE = String(400).with_variant(String(400, collation="C"), "postgresql")


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    chair_name: Mapped[str] = mapped_column(String(50), default="")
    chair_phone: Mapped[str] = mapped_column(String(30), default="")
    handler_name: Mapped[str] = mapped_column(String(50), default="")
    handler_phone: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    headcount: Mapped[int] = mapped_column(default=0)
    in_service_count: Mapped[int] = mapped_column(default=0)
    has_union: Mapped[bool] = mapped_column(default=True)
    remits_union_funds: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    version: Mapped[int] = mapped_column(default=1)

    members: Mapped[list[Member]] = relationship(back_populates="unit")

    __mapper_args__ = {"version_id_col": version}


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    name_key: Mapped[str] = mapped_column(NAME_KEY_TYPE, default="")
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date]
    phone: Mapped[str] = mapped_column(String(30), default="")
    medical_card: Mapped[str] = mapped_column(String(40), default="")
    social_security_card: Mapped[str] = mapped_column(String(40), default="")
    jingka_card: Mapped[str] = mapped_column(String(40), default="")
    bank_name: Mapped[str] = mapped_column(String(60), default="")
    bank_account: Mapped[str] = mapped_column(String(40), default="")
    employment: Mapped[str] = mapped_column(String(12), default="in_service")
    left_on: Mapped[dt.date | None]
    union_member_since: Mapped[dt.date | None]
    is_model_worker: Mapped[bool] = mapped_column(default=False)
    is_hardship: Mapped[bool] = mapped_column(default=False)
    basic_medical_insurance: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=now, onupdate=now)
    version: Mapped[int] = mapped_column(default=1)

    unit: Mapped[Unit] = relationship(back_populates="members")
    family: Mapped[list[FamilyMember]] = relationship(
        back_populates="member", cascade="all, delete-orphan", order_by="FamilyMember.id"
    )

    __mapper_args__ = {"version_id_col": version}


class FamilyMember(Base):
    """A member's spouse or child; the same person may be family of two members (both parents)."""

    __tablename__ = "family_members"
    __table_args__ = (UniqueConstraint("member_id", "id_number", name="uq_family_members_member_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    relation: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date]

    member: Mapped[Member] = relationship(back_populates="family")
