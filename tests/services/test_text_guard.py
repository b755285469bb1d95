"""Issue 15 item 3: NUL, control characters and over-long text are refused in the services, the
same on SQLite and PostgreSQL, naming the field and its limit; nothing is written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Claim, ClaimStep, Unit
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.services.errors import InputErrors
from app.services.roster import RosterService, UnitDraft
from app.services.text_guard import text_problem
from tests import factories
from tests.factories_claims import enrolled_member, hospital_stay


def _count(sessions: SessionFactory, model: type) -> int:
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("第一\x00机械厂", "NUL"),
        ("机械\x1b厂", "U+001B"),
        ("厂" * 101, "最多 100 个字符"),
        ("机械\ud800厂", "U+D800"),
    ],
)
def test_unit_names_that_would_corrupt_are_refused(
    sessions: SessionFactory, clerk: Actor, name: str, words: str
) -> None:
    roster = RosterService(sessions, clerk)
    before = _count(sessions, Unit)
    with pytest.raises(InputErrors) as info:
        roster.save_unit(UnitDraft(code="U009", name=name))
    assert "单位名称" in str(info.value) and words in str(info.value)
    assert _count(sessions, Unit) == before
    assert roster.save_unit(UnitDraft(code="U009", name="厂" * 100))  # at the limit: stored


def test_member_name_with_nul_is_refused(sessions: SessionFactory, clerk: Actor) -> None:
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster)
    with pytest.raises(Exception) as info:  # roster validation or the flush guard: either names it
        factories.member(roster, uid, "张\x00三")
    assert "姓名" in str(info.value)


def test_claim_reasons_and_references(sessions: SessionFactory, clerk: Actor, auditor: Actor) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid))
    desk.act(no, "submit")
    steps = _count(sessions, ClaimStep)
    for reason, words in (("材料\x00不全", "NUL"), ("很长" * 300, "最多 500 个字符")):
        with pytest.raises(InputErrors) as info:
            ClaimService(sessions, auditor).act(no, "return", reason=reason)
        assert "原因" in str(info.value) and words in str(info.value)
    assert _count(sessions, ClaimStep) == steps
    with sessions() as s:
        assert s.scalar(select(Claim.status).where(Claim.claim_no == no)) == "submitted"
    assert ClaimService(sessions, auditor).act(no, "return", reason="材料不全\n请补交") == "returned"


def test_text_problem_rules() -> None:
    assert text_problem("第一行\n第二行", 100, multiline=True) is None
    assert "U+000A" in (text_problem("第一行\n第二行", 100, multiline=False) or "")
    assert text_problem("张三", 2, multiline=False) is None
    assert "最多 1 个字符" in (text_problem("张三", 1, multiline=False) or "")
