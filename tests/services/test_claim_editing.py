"""Correcting a saved claim (issue 12 item 12): drafts and returned claims are edited, materials are
ticked as they arrive, every change is a step, and a returned claim complete again is resubmitted."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import AuditEvent
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_editing import ClaimEditing, merged_draft
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from app.services.errors import Conflict, ServiceError
from tests.factories_claims import D, enrolled_member, hospital_stay


def test_a_draft_is_corrected_and_each_change_is_a_step(sessions: SessionFactory, clerk: Actor) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid, days=10))
    editing = ClaimEditing(sessions, clerk)
    draft, status, version = editing.draft(no)
    assert status == "draft" and len(draft.materials_received) == 4
    longer = replace(draft, facts={**draft.facts, "discharge_date": "2020-05-13"})
    result = editing.update(no, longer, version)
    assert result.status == "draft" and result.assessment.decision.amount == Decimal("600.00")
    assert "出院日期 2020-05-11 → 2020-05-13" in result.changes
    assert "应付 500.00 → 600.00 元" in result.changes
    with pytest.raises(Conflict):  # the version read before the change is stale now
        editing.update(no, longer, version)
    again = editing.update(no, longer)
    assert again.changes == ()  # nothing changed: no step
    fewer = replace(longer, materials_received=("会员身份证复印件",))
    result = editing.update(no, fewer)
    assert "取消材料：出院病情证明复印件、住院费用结算清单复印件、银行卡复印件" in result.changes
    assert "应付 600.00 → 0.00 元" in result.changes  # nothing is due while materials are missing
    result = editing.receive(no, ["出院病情证明复印件"])
    assert result.changes == ("收到材料：出院病情证明复印件",) and result.status == "draft"
    assert len(result.assessment.missing_materials) == 2
    steps = desk.steps(no)
    assert [(st.action, st.from_status, st.to_status) for st in steps] == [
        ("create", "", "draft"),
        ("update", "draft", "draft"),
        ("update", "draft", "draft"),
        ("update", "draft", "draft"),
    ]
    assert "出院日期" in steps[1].reason and steps[1].amount == Decimal("600.00")
    with sessions() as s:
        logged = s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == no)).all()
    assert logged == ["create", "update", "update", "update"]


def test_a_returned_claim_goes_back_to_submitted_when_its_materials_are_complete(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid))
    desk.act(no, "submit")
    ClaimService(sessions, auditor).act(no, "review")
    editing = ClaimEditing(sessions, clerk)
    with pytest.raises(ServiceError, match="只有草稿和待补件的理赔可以修改"):
        editing.receive(no, ["all"])
    # the office returns it; the clerk takes a ticked material back, then the late ones arrive
    ClaimService(sessions, auditor).act(no, "return", reason="结算清单不清晰，请补原件复印件")
    draft, _s, _v = editing.draft(no)
    lacking = replace(draft, materials_received=("会员身份证复印件", "银行卡复印件"))
    result = editing.update(no, lacking)
    assert result.status == "returned" and not result.resubmitted
    with pytest.raises(ServiceError, match="不需要材料：户口本"):
        editing.receive(no, ["户口本"])
    assert ClaimQueries(sessions).get(no).row.status == "returned"  # nothing changed by the refusal
    result = editing.receive(no, ["出院病情证明复印件"])
    assert result.status == "returned"
    result = editing.receive(no, ["住院费用结算清单复印件"])
    assert result.resubmitted and result.status == "submitted"
    steps = desk.steps(no)
    assert [st.action for st in steps][-4:] == ["update", "update", "update", "submit"]
    assert steps[-1].reason == "材料已补齐，重新受理" and steps[-1].username == "clerk1"
    assert ClaimService(sessions, auditor).act(no, "review") == "unit_reviewed"


def test_the_member_and_plan_cannot_change_and_a_file_merges_over_the_claim(
    sessions: SessionFactory, clerk: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    _uid2, other = enrolled_member(sessions, clerk, name="李四")
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid, received=()))
    editing = ClaimEditing(sessions, clerk)
    draft, _s, _v = editing.draft(no)
    with pytest.raises(ServiceError, match="会员不能修改"):
        editing.update(no, replace(draft, member_id=other))
    materials = editing.materials_of(no)
    merged = merged_draft(draft, {"event": {"hospital_grade": 3}, "materials": "all"}, materials)
    assert merged.facts["admission_date"] == draft.facts["admission_date"]
    assert merged.facts["hospital_grade"] == 3 and merged.materials_received == materials
    with pytest.raises(ServiceError, match="不能修改"):
        merged_draft(draft, {"benefit": "accident"}, materials)
    with pytest.raises(ServiceError, match="不认识的字段：colour"):
        merged_draft(draft, {"colour": "red"}, materials)
    with pytest.raises(ServiceError, match="applied_on"):
        merged_draft(draft, {"applied_on": "2020-13-01"}, materials)
    result = editing.update(no, merged)
    assert "医院等级 2 → 3" in result.changes and result.assessment.decision.amount == Decimal("500.00")
    assert ClaimQueries(sessions).get(no).row.applied_on == D(2020, 5, 16)

def test_a_returned_claim_with_every_material_ticked_is_resubmitted_by_receiving_all(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    """Returned for a bad copy, not a missing one: `claim materials NO --received all` sends it back."""
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid))
    desk.act(no, "submit")
    ClaimService(sessions, auditor).act(no, "return", reason="银行卡复印件看不清，请重新复印")
    result = ClaimEditing(sessions, clerk).receive(no, ["all"])
    assert result.resubmitted and result.status == "submitted" and result.changes == ()
    assert [st.action for st in desk.steps(no)][-2:] == ["return", "submit"]
    # A draft with nothing changed stays as it was, with no step.
    other = desk.create(hospital_stay(mid, days=3))
    assert ClaimEditing(sessions, clerk).receive(other, ["all"]).changes == ()
    assert [st.action for st in desk.steps(other)] == ["create"]
