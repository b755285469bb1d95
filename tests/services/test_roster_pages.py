"""The roster's paged views give the rows, counts and order of a plain query, on both databases.

Pages are small here (and the walks short) so that every path of app/services/paging.py runs on
a few hundred members: the first walk that fills a page, the walk that goes on, the fall-back to
the search index (chosen by the estimate, or forced by either cost), keyset pages both ways,
jumps by offset, counts and positions.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Member
from app.models.db import SessionFactory
from app.services import demo, member_search, paging
from app.services.auth import Actor
from app.services.roster import MemberRow
from app.services.roster_pages import MEMBER_SORTS, RosterPages, RosterView
from tests import factories

PAGE = 7
SEARCHED = ("name", "name_initials", "id_number", "phone", "medical_card", "social_security_card",
            "jingka_card", "bank_account")  # fmt: skip


@pytest.fixture
def roster(sessions: SessionFactory, clerk: Actor, monkeypatch: pytest.MonkeyPatch) -> SessionFactory:
    monkeypatch.setattr(paging, "WALK", 40)
    monkeypatch.setattr(paging, "FIRST_WALK", 10)
    monkeypatch.setattr(paging, "MAX_WALK", 150)
    demo.generate(sessions, clerk, units=3, members=400, seed=3)
    r = factories.roster(sessions, clerk)
    uid = factories.unit(r, "T001", "测试单位")
    for name in ("单田芳", "王建国", "李建国", "曾小贤", "张伟", "张伟国"):
        factories.member(r, uid, name, phone="13912345678", medical_card="a-1234")
    return sessions


def _everything(sessions: SessionFactory) -> list[dict[str, object]]:
    cols = [*MemberRow._fields, "name_initials", "birth_date"]
    q = select(*(getattr(Member, c) for c in cols))
    with sessions() as s:
        return [dict(zip(cols, r, strict=True)) for r in s.execute(q)]


def _matches(m: dict[str, object], text: str) -> bool:
    query = member_search.parse(text)
    if not query.active:
        return True
    doc = "|" + "|".join(str(m[f]) for f in SEARCHED) + "|"
    return any(n in doc for n in query.needles)


def _expected(sessions: SessionFactory, view: RosterView, sort: str, descending: bool) -> list[int]:
    """The plain answer, worked out in Python: filter every member, sort by the sort key's columns."""
    keys = [c.key for c in MEMBER_SORTS[sort]]
    rows = [
        m
        for m in _everything(sessions)
        if (view.unit_id is None or m["unit_id"] == view.unit_id) and _matches(m, view.text)
    ]
    rows.sort(key=lambda m: tuple(m[k] for k in keys), reverse=descending)
    return [int(m["id"]) for m in rows]  # type: ignore[call-overload]


def _walk_forward(query: paging.PagedQuery) -> list[int]:
    ids: list[int] = []
    page = query.page(limit=PAGE)
    while page.rows:
        ids += [r[0] for r in page.rows]
        page = query.page(after=page.keys[-1], limit=PAGE)
    return ids


def _walk_backward(query: paging.PagedQuery, last_key: paging.Key) -> list[int]:
    ids: list[int] = []
    page = query.page(before=last_key, limit=PAGE)
    while page.rows:
        ids = [r[0] for r in page.rows] + ids
        page = query.page(before=page.keys[0], limit=PAGE)
    return ids


TEXTS = ("", "张", "张伟", "建国", "张伟国", "单", "zw", "ZX", "1390", "3912", "A-12", "110", "0101", "x")


# The index's cost against the walk's: the measured one, an index that costs nothing (every sparse
# first walk asks it), and one that costs too much (the walk goes on to MAX_WALK).
COSTS = {"measured": paging.INDEX_COST, "index": {"sqlite": 0.0, "postgresql": 0.0},
         "walk": {"sqlite": 1e9, "postgresql": 1e9}}  # fmt: skip


@pytest.mark.parametrize("cost", sorted(COSTS))
@pytest.mark.parametrize("text", TEXTS)
def test_search_pages_equal_a_plain_query(
    roster: SessionFactory, text: str, cost: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "INDEX_COST", COSTS[cost])
    pages = RosterPages(roster)
    for unit_id in (None, 1):
        view = RosterView(unit_id, text)
        query, _parsed = pages.query(view)
        expected = _expected(roster, view, "name", False)
        assert _walk_forward(query) == expected
        assert query.count() == len(expected)
        if expected:
            last = query.page_at(len(expected) - 1, limit=1)
            assert [r[0] for r in last.rows] == expected[-1:]
            assert _walk_backward(query, last.keys[0]) == expected[:-1]
            for offset in (0, len(expected) // 3, len(expected) - 2):
                for dense in (True, False):
                    jumped = query.page_at(max(offset, 0), limit=PAGE, dense=dense)
                    assert [r[0] for r in jumped.rows] == expected[max(offset, 0) : max(offset, 0) + PAGE]
            middle = expected[len(expected) // 2]
            assert query.position(middle) == len(expected) // 2


@pytest.mark.parametrize("sort", sorted(MEMBER_SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_every_column_sorts_in_sql_as_in_python(roster: SessionFactory, sort: str, descending: bool) -> None:
    pages = RosterPages(roster)
    for text in ("", "1390", "张"):
        view = RosterView(None, text)
        query, _parsed = pages.query(view, sort, descending)
        expected = _expected(roster, view, sort, descending)
        assert _walk_forward(query) == expected, (sort, descending, text)
        if len(expected) > PAGE:
            jumped = query.page_at(PAGE + 1, limit=PAGE)
            assert [r[0] for r in jumped.rows] == expected[PAGE + 1 : 2 * PAGE + 1]


def test_search_rules(roster: SessionFactory) -> None:
    pages = RosterPages(roster)

    def names(text: str) -> set[str]:
        query, _parsed = pages.query(RosterView(None, text))
        return {r[2] for r in query.page(limit=1000).rows}

    assert {"王建国", "李建国"} <= names("建国")  # two characters: the end of a name too
    assert "张伟国" in names("张伟") and "张伟国" in names("伟国") and "张伟" in names("张伟")
    assert names("单田芳") == {"单田芳"} and "单田芳" in names("stf")  # the surname reading shàn
    assert "曾小贤" in names("zxx")
    assert "单田芳" in names("a-1234".upper()) and "单田芳" in names("Ａ－１２３４")  # full width, any case
    for short in ("139", "z"):
        query, parsed = pages.query(RosterView(None, short))
        assert parsed.too_short and query.search is None


def test_search_index_follows_edits(roster: SessionFactory, clerk: Actor) -> None:
    """The SQLite triggers (or the PostgreSQL index) see an edit and a new member at once."""
    r = factories.roster(roster, clerk)
    pages = RosterPages(roster)
    mid = next(m.id for m in r.member_rows() if m.name == "王建国")
    detail = r.member(mid)
    from dataclasses import replace

    r.update_member(mid, replace(detail.draft, name="欧阳修", phone="13700009999"), (), detail.version)

    def found(text: str) -> list[int]:
        return [row[0] for row in pages.query(RosterView(None, text))[0].page(limit=50).rows]

    assert mid in found("欧阳修") and mid in found("oyx") and mid in found("0009999")
    assert mid not in found("王建国")
