"""Paying from what is on file (issue 12 item 13): the proposal, the record in the claim and the
audit log, and the bank's lists before and after payment."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models import AuditEvent, Claim, FamilyMember, Member
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from app.services.errors import ServiceError
from app.services.payments import Payments, payee_of
from tests.factories_claims import D, enrolled_member, hospital_stay


def _approved(sessions: SessionFactory, clerk: Actor, auditor: Actor, **member: object) -> str:
    _uid, mid = enrolled_member(sessions, clerk, **member)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid))
    desk.act(no, "submit")
    office = ClaimService(sessions, auditor)
    office.act(no, "review")
    office.act(no, "audit", today=D(2020, 5, 29))
    office.act(no, "approve", amount="450", reason="按结算清单核减")
    return no


def _num(value: object) -> Decimal:
    return Decimal(str(value))


def _cells(path: Path) -> list[list[object]]:
    return [[c.value for c in r] for r in load_workbook(path).active.iter_rows()]


def test_payment_proposed_from_the_roster_recorded_and_listed(
    sessions: SessionFactory, clerk: Actor, auditor: Actor, tmp_path: Path
) -> None:
    no = _approved(sessions, clerk, auditor, bank_name="工商银行威海分行", bank_account="6222020200001111")
    payments = Payments(sessions, clerk)
    today = dt.date.today()
    proposal = payments.propose(no)
    assert (proposal.account, proposal.bank_name, proposal.amount, proposal.paid_on) == (
        "6222020200001111", "工商银行威海分行", Decimal("450.00"), today,
    )  # fmt: skip
    assert payments.export_due(tmp_path / "due.xlsx") == 1  # before payment: what is approved, unpaid
    due = _cells(tmp_path / "due.xlsx")
    assert due[1][1] == no and due[1][5] == "6222020200001111" and _num(due[1][6]) == Decimal("450")
    assert due[-1][0] == "合计" and _num(due[-1][6]) == Decimal("450")
    with pytest.raises(ServiceError, match="不超过批准金额 450.00"):
        payments.record(no, account=proposal.account, reference="HD-1", paid_on=today, amount="500")
    status = payments.record(
        no, account=proposal.account, reference="HD-20200601-7", paid_on=today, amount="450"
    )
    assert status == "paid"
    full = ClaimQueries(sessions).get(no)
    assert (full.paid_account, full.paid_reference, full.row.paid_on, full.row.paid) == (
        "6222020200001111", "HD-20200601-7", today, Decimal("450.00"),
    )  # fmt: skip
    with sessions() as s:
        detail = s.scalars(
            select(AuditEvent.detail).where(AuditEvent.entity_id == no, AuditEvent.action == "pay")
        ).one()
    logged = json.loads(detail)
    assert logged["account"] == "6222020200001111" and logged["reference"] == "HD-20200601-7"
    assert logged["paid_on"] == today.isoformat() and logged["amount"] == "450.00"
    with pytest.raises(ServiceError, match="尚未批准或已支付"):
        payments.propose(no)
    assert payments.export_due(tmp_path / "due2.xlsx") == 0
    assert payments.export_paid(tmp_path / "day.xlsx", today) == 1  # after payment: the day's list
    day = _cells(tmp_path / "day.xlsx")
    assert day[0][4:8] == ["收款账号", "金额（元）", "支付日期", "凭证号"]
    assert (
        day[1][1:3] == [no, "张三"] and day[1][4] == "6222020200001111" and _num(day[1][5]) == Decimal("450")
    )
    assert str(day[1][6])[:10] == today.isoformat() and day[1][7] == "HD-20200601-7"
    assert payments.export_paid(tmp_path / "other.xlsx", today - dt.timedelta(days=1)) == 0


def test_whose_account_is_proposed() -> None:
    m = Member(
        name="王芳", id_number="370102198005010022", bank_name="建设银行", bank_account="6217000012345678"
    )
    claim = Claim(plan_code="beijing-relief", relation="self")
    assert payee_of(claim, m, None, D(2021, 3, 1))[2:4] == ("建设银行", "6217000012345678")
    child = FamilyMember(
        name="王小明", id_number="370102201005010011", relation="child", birth_date=D(2010, 5, 1)
    )
    claim = Claim(plan_code="beijing-relief", relation="child")
    name, _n, _bank, account, note = payee_of(claim, m, child, D(2021, 3, 1))
    assert (name, account) == ("王小明", "6217000012345678") and "未成年" in note  # the member's card
    adult = FamilyMember(
        name="王大明", id_number="370102199905010011", relation="child", birth_date=D(1999, 5, 1)
    )
    _name, _n, _bank, account, note = payee_of(claim, m, adult, D(2021, 3, 1))
    assert account == "" and "王大明本人的银行卡号" in note  # not in the roster: typed in
    jingka = Member(name="李", id_number="x", bank_name="", bank_account="", jingka_card="6214830100001234")
    claim = Claim(plan_code="beijing-inservice-medical", relation="self")
    assert payee_of(claim, jingka, None, D(2021, 3, 1))[2:4] == ("京卡·互助服务卡", "6214830100001234")
    # One rule whatever the plan's code (issue 18 item 9): the bank card on file, else the Jingka card.
    for code in ("beijing-inservice-medical", "testcity-2027", "weihai-2012-supplementary-medical"):
        claim = Claim(plan_code=code, relation="self")
        assert payee_of(claim, jingka, None, D(2021, 3, 1))[2:4] == ("京卡·互助服务卡", "6214830100001234")
        both = Member(name="李", id_number="x", bank_name="建设银行", bank_account="6217", jingka_card="6214")
        assert payee_of(claim, both, None, D(2021, 3, 1))[2:4] == ("建设银行", "6217")
