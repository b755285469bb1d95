"""units, members, family_members: the roster of the units an office serves.

Gender and birth date are derived from the ID number when a member is written and stored
only so that lists and rules need not re-derive them; nobody types them. ``name_key`` is the
pinyin sort key, stored so a 100k roster sorts in Chinese order without recomputing.
``version`` guards against two clerks saving the same record (SQLAlchemy version counter).

The roster's table sorts on every column in SQL: each sortable column has an index ending in the
primary key (the keyset tiebreaker), declared in ``MEMBER_SORT_INDEXES`` and built by migration
0006; ``name_initials`` (pinyin initials) and the search index (app/models/search.py) serve the
search box. Sortable text columns use the "C" collation on PostgreSQL (``ordered_text``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, now, ordered_text
from app.rules.collation import NUMBER_FIELDS, ascii_upper, name_initials, name_key

# Byte order on PostgreSQL too (its default collations ignore the key's control characters).
NAME_KEY_TYPE = ordered_text(400)
C = ordered_text


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(NAME_KEY_TYPE, default="")  # pinyin order, as members
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
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))  # indexed with name_key below
    name: Mapped[str] = mapped_column(String(50))
    name_key: Mapped[str] = mapped_column(NAME_KEY_TYPE, default="")
    name_initials: Mapped[str] = mapped_column(String(50), default="")
    id_number: Mapped[str] = mapped_column(C(18), unique=True)
    gender: Mapped[str] = mapped_column(C(1))
    birth_date: Mapped[dt.date]
    phone: Mapped[str] = mapped_column(C(30), default="")
    medical_card: Mapped[str] = mapped_column(C(40), default="")
    social_security_card: Mapped[str] = mapped_column(C(40), default="")
    jingka_card: Mapped[str] = mapped_column(C(40), default="")
    bank_name: Mapped[str] = mapped_column(C(60), default="")
    bank_account: Mapped[str] = mapped_column(C(40), default="")
    employment: Mapped[str] = mapped_column(C(12), default="in_service")
    engagement: Mapped[str] = mapped_column(String(10), default="regular", server_default="regular")
    engagement_months: Mapped[int | None]  # a temporary worker's engagement (seed 001)
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


# index name → columns; every list ends with the primary key so a keyset page is one index range.
MEMBER_SORT_INDEXES: dict[str, tuple[str, ...]] = {
    "ix_members_unit_name": ("unit_id", "name_key", "id"),
    "ix_members_name_key": ("name_key", "id"),
    "ix_members_gender": ("gender", "name_key", "id"),
    "ix_members_birth_date": ("birth_date", "id"),
    "ix_members_phone": ("phone", "id"),
    "ix_members_medical_card": ("medical_card", "id"),
    "ix_members_social_security_card": ("social_security_card", "id"),
    "ix_members_jingka_card": ("jingka_card", "id"),
    "ix_members_bank_name": ("bank_name", "name_key", "id"),
    "ix_members_bank_account": ("bank_account", "id"),
    "ix_members_employment": ("employment", "name_key", "id"),
    "ix_members_categories": ("is_model_worker", "is_hardship", "name_key", "id"),
}
# Covering indexes the 统计 tab counts from (migration 0013), not sorts.
COUNT_INDEXES: dict[str, tuple[str, ...]] = {
    "ix_members_unit_left": ("unit_id", "left_on"),
    "ix_members_id_unit_left": ("id", "unit_id", "left_on"),
}
for _name, _cols in {**MEMBER_SORT_INDEXES, **COUNT_INDEXES}.items():
    Index(_name, *(Member.__table__.c[c] for c in _cols))


@event.listens_for(Unit, "before_insert")
@event.listens_for(Unit, "before_update")
def _unit_keys(_mapper: Any, _conn: Any, unit: Unit) -> None:
    unit.name_key = name_key(unit.name)


@event.listens_for(Member, "before_insert")
@event.listens_for(Member, "before_update")
def _member_keys(_mapper: Any, _conn: Any, member: Member) -> None:
    # Every ORM write derives the keys from the name and keeps card letters upper case (what the
    # search index expects, app/models/search.py); bulk inserts (roster_bulk) do the same.
    member.name_key = name_key(member.name)
    member.name_initials = name_initials(member.name)
    for field in NUMBER_FIELDS:
        value = getattr(member, field)
        if value:
            setattr(member, field, ascii_upper(value))


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
