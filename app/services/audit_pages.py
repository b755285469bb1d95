"""The audit log's rows, a page at a time: by user, dates and record, newest first or by any column."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from app.models import AuditEvent, User
from app.models.db import SessionFactory
from app.services.paging import PagedQuery, PageSource

E = AuditEvent
COLUMNS = (E.id, E.at, E.username, E.action, E.entity, E.entity_id, E.detail)
# Sort key per column of the 审计日志 table; the detail text (JSON of what changed) is not sorted.
AUDIT_SORTS: dict[str, tuple[Any, ...]] = {
    "at": (E.id,),  # entries are appended in time order: the id is the time order, and unique
    "username": (E.username, E.id),
    "action": (E.action, E.id),
    "entity": (E.entity, E.entity_id, E.id),
    "entity_id": (E.entity_id, E.id),
}


@dataclass(frozen=True)
class AuditView:
    username: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    record: str = ""  # an entity name or id, e.g. "claim", "C2026-00001"


class AuditPages:
    def __init__(self, sessions: SessionFactory) -> None:
        self.source = PageSource(sessions, COLUMNS, AUDIT_SORTS, row_id=E.id)

    def query(self, view: AuditView, sort: str = "at", descending: bool = True) -> PagedQuery:
        where: list[ColumnElement[bool]] = []
        if view.username.strip():
            where.append(E.username == view.username.strip())
        if view.date_from:
            where.append(E.at >= dt.datetime.combine(view.date_from, dt.time.min))
        if view.date_to:
            where.append(E.at <= dt.datetime.combine(view.date_to, dt.time.max))
        if view.record.strip():
            needle = view.record.strip()
            where.append(or_(E.entity == needle, E.entity_id == needle))
        return self.source.query(sort, descending, where)

    def users(self) -> list[str]:
        """The logins that may appear in the log (from the users table: a DISTINCT over millions
        of entries would read them all)."""
        with self.source.sessions() as s:
            return sorted(s.scalars(select(User.username)))
