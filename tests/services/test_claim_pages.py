"""The claims list pages (filters, search, every sort) give the rows and order of a plain query."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Member
from app.services import member_search, paging
from app.services.claim_pages import CLAIM_SORTS, COLUMNS, ClaimPages, ClaimView
from app.services.roster_pages import MEMBER_SORTS  # noqa: F401 - same search document

PAGE = 6
DOC_FIELDS = ("name", "name_initials", "id_number", "phone", "medical_card", "social_security_card",
              "jingka_card", "bank_account")  # fmt: skip


@pytest.fixture
def claims(db_url: str, monkeypatch: pytest.MonkeyPatch) -> ClaimPages:
    from app.models.db import open_database
    from benchmarks.scale_data import build

    monkeypatch.setattr(paging, "WALK", 15)
    build(db_url, 3000, say=lambda _t: None)  # 30 claims at every stage
    _engine, sessions = open_database(db_url)
    return ClaimPages(sessions)


def _plain(pages: ClaimPages, view: ClaimView, sort: str, descending: bool) -> list[int]:
    keys = CLAIM_SORTS[sort]
    doc = select(Member.id, *(getattr(Member, f) for f in DOC_FIELDS))
    with pages.source.sessions() as s:
        docs = {r[0]: "|" + "|".join(r[1:]) + "|" for r in s.execute(doc)}
        rows = s.execute(select(*COLUMNS, *keys).select_from(pages.source.joins)).all()
    parsed = member_search.parse(view.text)
    number = member_search.normalise_query(view.text)

    def keep(r: tuple) -> bool:  # type: ignore[type-arg]
        if view.statuses and r[14] not in view.statuses:
            return False
        if parsed.active:
            return any(n in docs[r[2]] for n in parsed.needles) or number in r[1]
        return True

    n = len(COLUMNS)
    found = sorted((r for r in rows if keep(r)), key=lambda r: tuple(r[n:]), reverse=descending)
    return [r[0] for r in found]


def _all(query: paging.PagedQuery) -> list[int]:
    ids: list[int] = []
    page = query.page(limit=PAGE)
    while page.rows:
        ids += [r[0] for r in page.rows]
        page = query.page(after=page.keys[-1], limit=PAGE)
    return ids


@pytest.mark.parametrize("sort", sorted(CLAIM_SORTS))
def test_claim_pages_sort_like_a_plain_query(claims: ClaimPages, sort: str) -> None:
    for descending in (False, True):
        for view in (ClaimView(), ClaimView(("approved", "paid"))):
            query, _short = claims.query(view, sort, descending)
            expected = _plain(claims, view, sort, descending)
            assert _all(query) == expected, (sort, descending, view)
            assert query.count() == len(expected)
            if len(expected) > PAGE + 2:
                jumped = query.page_at(PAGE + 1, limit=PAGE)
                assert [r[0] for r in jumped.rows] == expected[PAGE + 1 : 2 * PAGE + 1]


def test_claim_search_by_member_or_number(claims: ClaimPages) -> None:
    with claims.source.sessions() as s:
        no, member_id = s.execute(select(COLUMNS[1], COLUMNS[2]).order_by(COLUMNS[0]).limit(1)).one()
        name, id_number = s.execute(select(Member.name, Member.id_number).where(Member.id == member_id)).one()
    for text in (no, no[-5:], id_number[-6:], name, name[:1], "0000001"):
        view = ClaimView(text=text)
        query, _short = claims.query(view)
        expected = _plain(claims, view, "claim_no", True)
        assert _all(query) == expected and expected, text
        assert query.count() == len(expected)
    assert claims.query(ClaimView(text="12"))[1]  # too short: the tab says so, nothing filtered
