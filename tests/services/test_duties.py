"""Separation of duties (issue 13 item 4): nobody takes a claim from intake to payment alone.

The insider of the issue: one clerk took a claim from intake to paid at an account of their
choice. Now the submitter cannot review, audit or approve it, and the approver cannot record
its payment unless an administrator relaxed that second rule for a one-person office (audited).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models import AuditEvent
from app.models.db import SessionFactory
from app.rules.errors import InvalidAmount
from app.services.auth import Actor
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from app.services.duties import Duties
from app.services.errors import PermissionDenied
from app.services.settings import SettingsService
from app.services.user_admin import UserAdmin
from tests.factories_claims import D, enrolled_member, hospital_stay


def _audited_claim(sessions: SessionFactory, taker: Actor, auditor: Actor) -> str:
    _uid, mid = enrolled_member(sessions, taker)
    no = ClaimService(sessions, taker).create(hospital_stay(mid))
    ClaimService(sessions, taker).act(no, "submit")
    return no


def test_one_admin_cannot_take_a_claim_from_intake_to_paid(
    sessions: SessionFactory, admin: Actor, clerk: Actor, auditor: Actor
) -> None:
    no = _audited_claim(sessions, admin, auditor)
    alone = ClaimService(sessions, admin)
    for action in ("review", "audit", "approve"):
        assert "受理人不能" in (Duties(sessions, admin).refusal(no, action) or "")
    with pytest.raises(PermissionDenied, match="受理人不能单位审核"):
        alone.act(no, "review")
    ClaimService(sessions, clerk).act(no, "review")
    with pytest.raises(PermissionDenied, match="受理人不能办事处审核"):
        alone.act(no, "audit")
    ClaimService(sessions, auditor).act(no, "audit")
    with pytest.raises(PermissionDenied, match="受理人不能批准"):
        alone.act(no, "approve", amount="500")
    assert ClaimQueries(sessions).get(no).row.status == "office_audited"
    ClaimService(sessions, auditor).act(no, "approve", amount="500")
    # The submitter may record the payment (a different person approved it).
    assert alone.act(no, "pay", account="6222000011112222", today=D(2020, 6, 1)) == "paid"


def test_the_approver_cannot_record_the_payment_unless_a_one_person_office_says_so(
    sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:
    info = UserAdmin(sessions, admin).create_user(
        "chief", "chief-pass-2020", "admin", "主任", temporary=False
    )
    chief = Actor(info.id, info.username, info.role)
    no = _audited_claim(sessions, clerk, chief)
    office = ClaimService(sessions, chief)
    office.act(no, "review")
    office.act(no, "audit")
    office.act(no, "approve", amount="500")
    assert "批准人不能登记" in (Duties(sessions, chief).refusal(no, "pay") or "")
    with pytest.raises(PermissionDenied, match="批准人不能登记本理赔的支付"):
        office.act(no, "pay", account="6222000011112222")
    assert ClaimQueries(sessions).get(no).row.paid is None
    # A clerk cannot relax the rule; an administrator can, and it is in the audit log.
    with pytest.raises(PermissionDenied):
        SettingsService(sessions, clerk).save(SettingsService(sessions).load())
    settings = SettingsService(sessions, admin)
    from dataclasses import replace

    settings.save(replace(settings.load(), approver_may_pay=True))
    assert SettingsService(sessions).load().approver_may_pay
    with sessions() as s:
        details = s.scalars(select(AuditEvent.detail).where(AuditEvent.entity == "settings")).all()
    assert any('"duties.approver_may_pay": "1"' in d for d in details)
    assert Duties(sessions, chief).refusal(no, "pay") is None
    assert office.act(no, "pay", account="6222000011112222") == "paid"


def test_an_amount_that_is_not_a_number_is_named(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    no = _audited_claim(sessions, clerk, auditor)
    office = ClaimService(sessions, auditor)
    office.act(no, "review")
    office.act(no, "audit")
    with pytest.raises(InvalidAmount, match="批准金额“五百”不是有效金额"):
        office.act(no, "approve", amount="五百")
    assert office.act(no, "approve", amount="500") == "approved"
    assert ClaimQueries(sessions).get(no).row.approved == Decimal("500.00")
