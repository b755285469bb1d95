"""The 参保缴费 grid's pages give the overview's lines, in every order the grid sorts by."""

from __future__ import annotations

import datetime as dt

import pytest

from app.models.db import SessionFactory
from app.services import paging
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService
from app.services.enrollment_pages import ENROLLMENT_SORTS, EnrollmentPages, line
from app.services.periods import PeriodService
from app.services.plans import PlanService
from app.services.roster import RosterService
from tests import factories

JILIN = "jilin-2020-hospital-combo"
D = dt.date
AS_OF = D(2020, 2, 1)
PAGE = 4


@pytest.fixture
def unit(sessions: SessionFactory, clerk: Actor, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(paging, "WALK", 5)
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster)
    other = factories.unit(roster, "U002", "别的单位")
    names = ("赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七", "王八", "冯九", "陈十", "褚十一")
    ids = [
        factories.member(roster, uid, n, factories.id_number(D(1960 + 3 * i, 1, 1 + i), male=i % 2 == 0))
        for i, n in enumerate(names)
    ]
    ids.append(
        factories.member(roster, uid, "老王", factories.id_number(D(1950, 1, 1)), employment="retired")
    )
    factories.member(roster, other, "外人", factories.id_number(D(1980, 1, 1)))
    period = PeriodService(sessions, clerk).create(JILIN, 1, D(2020, 2, 1), D(2021, 1, 31), "110")
    EnrollmentService(sessions, clerk).enroll(uid, period.id, ids[:5:2], D(2020, 2, 1), as_of=AS_OF)
    return uid, period


def _lines(query: paging.PagedQuery, plan, limit: int = PAGE) -> list:  # type: ignore[no-untyped-def, type-arg]
    out = []
    page = query.page(limit=limit)
    while page.rows:
        out += [line(r, plan, AS_OF) for r in page.rows]
        page = query.page(after=page.keys[-1], limit=limit)
    return out


def test_grid_pages_are_the_overview_lines(sessions: SessionFactory, clerk: Actor, unit) -> None:  # type: ignore[no-untyped-def]
    uid, period = unit
    ov = EnrollmentService(sessions, clerk).overview(uid, period.id, AS_OF)
    plan = PlanService(sessions, clerk).catalogue().get(JILIN, period.start)
    pages = EnrollmentPages(sessions)
    assert _lines(pages.query(uid, period.id), plan) == list(ov.members)
    assert pages.query(uid, period.id).count() == len(ov.members) == 12


@pytest.mark.parametrize("sort", sorted(ENROLLMENT_SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_grid_sorts_as_python_would(
    sessions: SessionFactory, clerk: Actor, unit, sort: str, descending: bool
) -> None:  # type: ignore[no-untyped-def]
    uid, period = unit
    ov = EnrollmentService(sessions, clerk).overview(uid, period.id, AS_OF)
    plan = PlanService(sessions, clerk).catalogue().get(JILIN, period.start)
    from app.rules.collation import name_key
    from app.rules.idnumber import birth_date_of

    keys = {
        "name": lambda m: (name_key(m.name), m.member_id),
        "id_number": lambda m: (m.id_number,),
        "gender": lambda m: (m.gender, name_key(m.name), m.member_id),
        "age": lambda m: (birth_date_of(m.id_number), m.member_id),
        "employment": lambda m: (m.employment, name_key(m.name), m.member_id),
        "enrolled": lambda m: (m.enrollment_id is None, name_key(m.name), m.member_id),
    }
    expected = sorted(ov.members, key=keys[sort], reverse=descending)
    query = EnrollmentPages(sessions).query(uid, period.id, sort, descending)
    assert _lines(query, plan) == expected
    jumped = query.page_at(5, limit=PAGE)
    assert [line(r, plan, AS_OF) for r in jumped.rows] == expected[5 : 5 + PAGE]
