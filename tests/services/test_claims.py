from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import AuditEvent
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_decisions import ClaimDraft
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from app.services.errors import InputErrors, PermissionDenied, ServiceError
from tests.factories_claims import RELIEF, D, enrolled_member, hospital_stay, relief


def test_hospital_claim_from_intake_to_paid_with_two_users(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    preview = desk.preview(hospital_stay(mid))
    assert preview.decision.eligible and preview.decision.amount == Decimal("500.00")
    assert any("10 天 × 50" in line for line in preview.decision.trace)
    no = desk.create(hospital_stay(mid))
    assert no == "C2020-00001"
    assert desk.act(no, "submit") == "submitted"
    office = ClaimService(sessions, auditor)
    assert office.act(no, "review") == "unit_reviewed"
    assert office.act(no, "audit", today=D(2020, 5, 29)) == "office_audited"
    with pytest.raises(ServiceError, match="不超过核定金额 500.00"):
        office.act(no, "approve", amount="600")
    with pytest.raises(ServiceError, match="须填写原因"):
        office.act(no, "approve", amount="400")
    assert office.act(no, "approve", amount="500") == "approved"
    row = ClaimQueries(sessions).get(no).row
    assert row.due_on == D(2020, 6, 12)  # 10 working days after 2020-05-29, the Dragon Boat holiday skipped
    with pytest.raises(ServiceError, match="收款账号"):
        desk.act(no, "pay", amount="500", paid_on=D(2020, 6, 1), today=D(2020, 6, 1))
    assert (
        desk.act(
            no,
            "pay",
            amount="500",
            paid_on=D(2020, 6, 1),
            account="6222000011112222",
            reference="BANK-1",
            today=D(2020, 6, 1),
        )
        == "paid"
    )
    steps = desk.steps(no)
    assert [(st.action, st.username) for st in steps] == [
        ("create", "clerk1"),
        ("submit", "clerk1"),
        ("review", "auditor1"),
        ("audit", "auditor1"),
        ("approve", "auditor1"),
        ("pay", "clerk1"),
    ]
    assert steps[-1].amount == Decimal("500.00")
    with sessions() as s:
        logged = s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "claim")).all()
    assert logged == ["create", "submit", "review", "audit", "approve", "pay"]


def test_relief_claim_cap_and_the_submitter_cannot_approve(
    sessions: SessionFactory, admin: Actor, clerk: Actor, auditor: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk, RELIEF, D(2020, 1, 1))
    desk = ClaimService(sessions, admin)
    no = desk.create(relief(mid))
    full = ClaimQueries(sessions).get(no)
    assert full.row.amount == Decimal("70000.00") and full.row.eligible
    desk.act(no, "submit")
    ClaimService(sessions, clerk).act(no, "review")
    with pytest.raises(PermissionDenied, match="受理人不能办事处审核"):
        desk.act(no, "audit")
    ClaimService(sessions, auditor).act(no, "audit")
    with pytest.raises(PermissionDenied, match="受理人不能批准"):
        desk.act(no, "approve")
    assert ClaimQueries(sessions).get(no).row.status == "office_audited"


def test_missing_materials_block_submission_and_returned_claims_resubmit(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid, received=("会员身份证复印件",)))
    with pytest.raises(ServiceError, match="材料不全.*出院病情证明复印件"):
        desk.act(no, "submit")
    desk.update(no, hospital_stay(mid))
    desk.act(no, "submit")
    with pytest.raises(ServiceError, match="须填写原因"):
        ClaimService(sessions, auditor).act(no, "return")
    ClaimService(sessions, auditor).act(no, "return", reason="结算清单不清晰")
    assert desk.act(no, "submit") == "submitted"
    with pytest.raises(ServiceError, match="原因"):
        desk.act(no, "withdraw")
    assert desk.act(no, "withdraw", reason="会员放弃") == "withdrawn"


def test_duplicate_event_across_two_benefits_is_flagged(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    first = desk.create(hospital_stay(mid))
    desk.act(first, "submit")
    office = ClaimService(sessions, auditor)
    office.act(first, "review")
    office.act(first, "audit")
    office.act(first, "approve")
    # The same stay again, as an accident claim under the same event number: flagged and refused by the rules.
    again = desk.preview(hospital_stay(mid))
    assert any("同一事件已给付" in w for w in again.warnings)
    assert not again.decision.eligible and "already_paid_for_event" in again.decision.reason_codes
    # A Weihai medical claim over the same days is another plan: flagged as the same stay.
    from app.services.claim_decisions import ClaimDraft
    from tests.factories_claims import WEIHAI

    enrolled_member(sessions, clerk, WEIHAI, D(2020, 3, 12), name="李四")
    weihai = ClaimDraft(
        mid,
        WEIHAI,
        "medical",
        {
            "event_id": "医-1",
            "treatment_start": "2020-05-03",
            "treatment_end": "2020-05-09",
            "total_cost": "20000",
            "insurance_paid": "8000",
        },
        D(2020, 6, 1),
    )
    flagged = desk.preview(weihai)
    assert any("同一住院期间已在其他项目申请" in w for w in flagged.warnings)


def test_bad_facts_and_not_enrolled(sessions: SessionFactory, clerk: Actor) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    draft = hospital_stay(mid)
    bad = draft.__class__(
        **{**draft.__dict__, "facts": {**draft.facts, "hospital_grade": "五", "admission_date": ""}}
    )
    with pytest.raises(InputErrors) as info:
        desk.preview(bad)
    assert {e.column for e in info.value.errors} == {"入院日期", "医院等级"}
    # Relief needs no enrollment of its own: the member is in coverage of Jilin's fee-based plan.
    assert desk.preview(relief(mid)).decision.eligible
    facts = {"period": "2020-Q1", "self_pay_1": "3000"}
    other = ClaimDraft(mid, "beijing-inservice-medical", "outpatient", facts, D(2020, 4, 21))
    decision = desk.preview(other).decision  # not enrolled in the Beijing medical plan
    assert not decision.eligible and decision.reason_codes == ("member_not_eligible",)


def test_claim_numbers_count_per_year(sessions: SessionFactory, clerk: Actor) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    assert desk.create(hospital_stay(mid)) == "C2020-00001"
    assert desk.create(hospital_stay(mid, admission=D(2020, 8, 1))) == "C2020-00002"
    late = hospital_stay(mid, admission=D(2020, 12, 20))
    assert (
        desk.create(late.__class__(**{**late.__dict__, "applied_on": dt.date(2021, 1, 5)})) == "C2021-00001"
    )
    assert [r.claim_no for r in ClaimQueries(sessions).list(text="C2020")] == ["C2020-00002", "C2020-00001"]
