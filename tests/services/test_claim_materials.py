"""A deceased member's relief claim and a minor child's family condolence need their own
materials (issue 12 item 9, seed 000 个性材料)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.models.db import SessionFactory
from app.rules.materials import required_materials
from app.rules.plans import load_plans
from app.services.auth import Actor
from app.services.claim_decisions import ClaimDraft
from app.services.claims import ClaimService
from app.services.errors import ServiceError
from app.services.roster import FamilyDraft, RosterService
from tests import factories
from tests.factories_claims import RELIEF, D, enrolled_member, materials, relief

DECEASED = ("受救助人身份证复印件", "会员与受救助人关系证明", "受救助人银行卡复印件")


def test_a_deceased_members_relief_needs_the_beneficiarys_papers(
    sessions: SessionFactory, clerk: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk, RELIEF, D(2020, 1, 1))
    desk = ClaimService(sessions, clerk)
    alive = desk.preview(relief(mid))
    assert alive.decision.eligible and not alive.missing_materials
    died = relief(mid)
    died = replace(died, facts={**died.facts, "member_deceased": True})
    a = desk.preview(died)
    assert a.missing_materials == list(DECEASED)
    assert not a.decision.eligible and a.decision.amount == Decimal("0.00")
    assert (
        a.decision.cap == Decimal("70000.00")
        and "缺少材料：受救助人身份证复印件" in a.decision.reasons[-1].message
    )
    no = desk.create(died)
    with pytest.raises(ServiceError, match="材料不全.*受救助人银行卡复印件"):
        desk.act(no, "submit")
    complete = replace(died, materials_received=(*materials(RELIEF, "relief"), *DECEASED))
    a = desk.update(no, complete)
    assert a.decision.eligible and a.decision.amount == Decimal("70000.00")
    assert desk.act(no, "submit") == "submitted"


def test_a_minor_child_is_paid_to_the_members_card(sessions: SessionFactory, clerk: Actor) -> None:
    plan = load_plans().get(RELIEF)
    adult = required_materials(plan, "family_condolence", {}, "child", D(1999, 1, 1), D(2021, 3, 1))
    minor = required_materials(plan, "family_condolence", {}, "child", D(2010, 1, 1), D(2021, 3, 1))
    assert "受救助人银行卡复印件" in adult and "会员银行卡复印件" not in adult
    assert "会员银行卡复印件" in minor and "受救助人银行卡复印件" not in minor
    assert required_materials(plan, "relief", {"member_deceased": False}) == plan.benefit("relief").materials

    _uid, mid = enrolled_member(sessions, clerk, RELIEF, D(2020, 1, 1))
    roster = RosterService(sessions, clerk)
    child_number = factories.id_number(D(2010, 5, 1))
    detail = roster.member(mid)
    roster.update_member(mid, detail.draft, (FamilyDraft("child", "张小宝", child_number),), detail.version)
    fid = next(f for f, rel, _n, _num in roster.family_of(mid) if rel == "child")
    facts = {
        "event_id": "病-子-1", "event_date": "2020-06-01", "cause": "long_term_illness",
        "self_pay_1": "150000", "self_pay_2": "30000", "out_of_pocket": "20000",
    }  # fmt: skip
    needed = required_materials(plan, "family_condolence", {}, "child", D(2010, 5, 1), D(2020, 9, 1))
    draft = ClaimDraft(mid, RELIEF, "family_condolence", facts, D(2020, 9, 1), "child", fid, needed)
    a = ClaimService(sessions, clerk).preview(draft)
    assert not a.missing_materials and a.decision.eligible, a.decision.reasons
    assert "会员银行卡复印件" in dict(a.materials)
