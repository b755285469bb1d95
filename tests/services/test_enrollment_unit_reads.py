"""Enrollment linear in the unit: enrolling a unit reads that unit's rows by index, never the whole
period's enrollments (which grow with the office), and still finds a member covered elsewhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text, update

from app.models import Member
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService
from app.services.errors import InputErrors
from app.services.periods import PeriodService
from app.services.roster import RosterService
from tests import factories

JILIN = "jilin-2020-hospital-combo"
D = dt.date
AS_OF = D(2020, 2, 1)


@contextmanager
def selects(sessions: SessionFactory) -> Iterator[list[tuple[str, Any]]]:
    """The SELECT statements (with their parameters) run while the block runs."""
    engine = sessions.kw["bind"]
    seen: list[tuple[str, Any]] = []

    def note(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _two_units(sessions: SessionFactory, clerk: Actor) -> tuple[int, list[int], int, list[int], int]:
    roster = RosterService(sessions, clerk)
    a = factories.unit(roster, "U001", "甲厂")
    b = factories.unit(roster, "U002", "乙厂")
    a_ids = [factories.member(roster, a, f"甲{i}", factories.id_number(D(1980, 1, 1 + i))) for i in range(3)]
    b_ids = [factories.member(roster, b, f"乙{i}", factories.id_number(D(1981, 2, 1 + i))) for i in range(8)]
    period = PeriodService(sessions, clerk).create(
        JILIN, 1, D(2020, 2, 1), D(2021, 1, 31), "110", D(2020, 1, 8), D(2020, 2, 20)
    )
    return a, a_ids, b, b_ids, period.id


def test_enrolling_a_unit_searches_its_rows_by_index(sessions: SessionFactory, clerk: Actor) -> None:
    a, a_ids, b, b_ids, period = _two_units(sessions, clerk)
    service = EnrollmentService(sessions, clerk)
    service.enroll(b, period, b_ids, D(2020, 2, 1), as_of=AS_OF)  # the rest of the office
    with selects(sessions) as seen:
        assert service.enroll(a, period, a_ids, D(2020, 2, 1), as_of=AS_OF) == 3
    engine = sessions.kw["bind"]
    with engine.connect() as conn:  # no statement reads the other unit's 8 enrollments
        for statement, parameters in seen:
            assert len(conn.exec_driver_sql(statement, parameters).all()) <= len(a_ids), statement
    if engine.dialect.name != "sqlite":
        return  # query plans are read on SQLite
    with engine.connect() as conn:
        for statement, parameters in seen:
            plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)]
            for step in plan:
                if " members" in step or " enrollments" in step:
                    assert step.startswith("SEARCH"), (statement, plan)


def test_a_member_covered_under_another_unit_is_refused(sessions: SessionFactory, clerk: Actor) -> None:
    a, a_ids, b, _b_ids, period = _two_units(sessions, clerk)
    service = EnrollmentService(sessions, clerk)
    service.enroll(a, period, a_ids[:1], D(2020, 2, 1), as_of=AS_OF)
    with sessions.begin() as s:  # the member moved to 乙厂 after being enrolled by 甲厂
        s.execute(update(Member).where(Member.id == a_ids[0]).values(unit_id=b))
    with pytest.raises(InputErrors) as refused:
        service.enroll(b, period, a_ids[:1], D(2020, 2, 1), as_of=AS_OF)
    assert [e.message for e in refused.value.errors] == ["本期已参保"]
    with sessions() as s:
        assert s.scalar(text("SELECT count(*) FROM enrollments")) == 1
