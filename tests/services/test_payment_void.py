"""A payment recorded wrongly is voided with a reason, or corrected by a void and a new payment
(issue 18 item 7): it stays on record and in the audit log, stops counting toward what was paid,
and a change made with SQL instead shows in ``audit verify``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import update

from app.models import Contribution
from app.models.db import SessionFactory
from app.services.audit_queries import AuditQueries
from app.services.auth import Actor
from app.services.contributions import ContributionService
from app.services.errors import Conflict, InputErrors
from tests.factories_claims import enrolled_member

D = dt.date


def test_a_wrong_payment_is_voided_and_corrected(sessions: SessionFactory, clerk: Actor) -> None:
    uid, _mid = enrolled_member(sessions, clerk)
    period = 1  # the one period enrolled_member made
    money = ContributionService(sessions, clerk)
    due = money.due(uid, period, D(2020, 2, 5))
    assert due.payable == Decimal("80.00")  # 110 less the 30 subsidy, one member
    wrong = money.record_payment(uid, period, "800", "转账", D(2020, 2, 3), "R-1", today=D(2020, 2, 5))
    assert money.due(uid, period, D(2020, 2, 5)).paid == Decimal("800.00")
    with pytest.raises(InputErrors):
        money.void_payment(wrong, "  ")  # a reason is required
    money.void_payment(wrong, "金额多录了一个 0")
    money.record_payment(uid, period, "80", "转账", D(2020, 2, 3), "R-1", today=D(2020, 2, 5))
    due = money.due(uid, period, D(2020, 2, 5))
    assert (due.paid, due.owed) == (Decimal("80.00"), Decimal("0.00"))
    assert [(p.amount, p.voided, p.void_reason) for p in due.payments] == [
        (Decimal("800.00"), True, "金额多录了一个 0"), (Decimal("80.00"), False, ""),
    ]  # fmt: skip
    with pytest.raises(Conflict):
        money.void_payment(wrong, "again")
    assert AuditQueries(sessions).verify()[1] == []


def test_a_void_made_with_sql_shows_in_audit_verify(sessions: SessionFactory, clerk: Actor) -> None:
    uid, _mid = enrolled_member(sessions, clerk)
    money = ContributionService(sessions, clerk)
    paid = money.record_payment(uid, 1, "80", "现金", D(2020, 2, 3), today=D(2020, 2, 5))
    with sessions.begin() as s:
        s.execute(
            update(Contribution).where(Contribution.id == paid).values(voided_at=dt.datetime(2020, 3, 1))
        )
    problems = AuditQueries(sessions).verify()[1]
    assert any("缴费记录" in p and "作废时间" in p for p in problems)
