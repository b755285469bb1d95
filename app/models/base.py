"""Declarative base with a naming convention, so migrations name constraints the same on every backend."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: DateTime(timezone=False)}


def ordered_text(length: int) -> String:
    """Text that sorts by code point on every database: the "C" collation on PostgreSQL (its
    default collations order by locale rules SQLite does not know), SQLite's own BINARY elsewhere.
    For the columns the window's tables sort by, so a sorted page is the same on both."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def now() -> dt.datetime:
    """Local wall-clock time without tzinfo: the clerk's own time, as on the paper forms."""
    return dt.datetime.now().replace(microsecond=0)
