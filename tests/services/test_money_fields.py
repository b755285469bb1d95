"""Issue 15 item 2: every money field goes through the one strict parser and names itself."""

from __future__ import annotations

import pytest

from app.models.db import SessionFactory
from app.rules.errors import InvalidAmount
from app.services.auth import Actor
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from tests.factories_claims import D, enrolled_member, hospital_stay

BAD = ("44,80", "50,00", "6,00", "1_000", "\u0665\u0660\u0660", "1e400", "1234567890123456789", "五百")


def test_approval_and_payment_amounts_are_read_strictly(
    sessions: SessionFactory, clerk: Actor, auditor: Actor
) -> None:
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid))
    desk.act(no, "submit")
    office = ClaimService(sessions, auditor)
    office.act(no, "review")
    office.act(no, "audit", today=D(2020, 5, 29))
    for text in BAD:
        with pytest.raises(InvalidAmount, match="^批准金额"):
            office.act(no, "approve", amount=text, reason="扣减")
    assert ClaimQueries(sessions).get(no).row.status == "office_audited"
    assert office.act(no, "approve", amount="４５０.００", reason="扣除不合规票据") == "approved"
    for text in BAD:
        with pytest.raises(InvalidAmount, match="^支付金额"):
            desk.act(no, "pay", amount=text, paid_on=D(2020, 6, 1), account="6222000011112222",
                     today=D(2020, 6, 1))  # fmt: skip
    row = ClaimQueries(sessions).get(no).row
    assert row.status == "approved" and str(row.approved) == "450.00"
