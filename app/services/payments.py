"""Paying approved claims from what is on file (issue 12 item 13).

登记支付 proposes the payee's account from the roster (the member's bank card or Jingka; for a
minor child the member's card, seed 000; a spouse or adult child's own card is not in the roster
and is typed in), the approved amount and today's date. The bank's list is exported before
payment (approved, unpaid) or after (a day's payments, as recorded).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.io.xlsx_table import Kind, Table, columns, write_tables
from app.models import Claim, FamilyMember, Member
from app.models.db import SessionFactory
from app.rules.idnumber import age_on
from app.rules.money import from_fen
from app.services.auth import Actor
from app.services.claim_queries import ClaimQueries, ClaimRow
from app.services.claims import ClaimService
from app.services.code_labels import PlanNames
from app.services.errors import ServiceError
from app.services.plans import PlanService

ADULT_AGE = 18
PAYMENT_HEADER = [
    "序号", "理赔编号", "收款人", "身份证号码", "开户银行", "收款账号", "金额（元）", "用途", "应付日期",
]  # fmt: skip
PAID_HEADER = [
    "序号", "理赔编号", "收款人", "身份证号码", "收款账号", "金额（元）", "支付日期", "凭证号", "用途",
]  # fmt: skip
PAYMENT_KINDS: tuple[Kind, ...] = ("int", "code", "text", "code", "text", "code", "money", "text", "date")
PAID_KINDS: tuple[Kind, ...] = ("int", "code", "text", "code", "code", "money", "date", "code", "text")


@dataclass(frozen=True)
class PaymentProposal:
    """What 登记支付 fills in: the payee, the account on file, the approved amount, today."""

    claim_no: str
    payee: str
    id_number: str
    bank_name: str
    account: str  # empty when the roster holds no account for this payee
    amount: Decimal
    paid_on: dt.date
    note: str = ""  # why the account is the member's, or why none is proposed


@dataclass(frozen=True)
class PaymentLine:
    claim_no: str
    payee: str
    id_number: str
    bank_name: str
    account: str
    amount: Decimal
    due_on: dt.date | None
    paid_on: dt.date | None
    reference: str
    purpose: str


def _member_account(m: Member) -> tuple[str, str]:
    """(bank, account) of the member, whatever the plan: the bank card on file, else the Jingka card
    (seed 003 pays 打入京卡·互助服务卡或相应银行账户; the printed forms show the same account)."""
    if m.bank_account:
        return m.bank_name, m.bank_account
    return ("京卡·互助服务卡", m.jingka_card) if m.jingka_card else (m.bank_name, "")


def payee_of(c: Claim, m: Member, fam: FamilyMember | None, on: dt.date) -> tuple[str, str, str, str, str]:
    """(name, id number, bank, account, note) of whom a claim is paid to, from the roster."""
    bank, account = _member_account(m)
    if fam is None or c.relation == "self":
        return m.name, m.id_number, bank, account, "" if account else "名册中没有该会员的收款账号，请填写"
    if c.relation == "child" and age_on(fam.birth_date, on) < ADULT_AGE:
        return fam.name, fam.id_number, bank, account, f"受益人{fam.name}为未成年子女：付到会员{m.name}的账户"
    return fam.name, fam.id_number, "", "", f"请填写受益人{fam.name}本人的银行卡号（名册中没有）"


class Payments:
    def __init__(self, sessions: SessionFactory, actor: Actor, claims: ClaimService | None = None) -> None:
        self._sessions, self.actor = sessions, actor
        self._claims = claims
        self._queries = ClaimQueries(sessions)

    def propose(self, claim_no: str, today: dt.date | None = None) -> PaymentProposal:
        today = today or dt.date.today()
        with self._sessions() as s:
            c = s.scalars(select(Claim).where(Claim.claim_no == claim_no.strip())).first()
            if c is None:
                raise ServiceError(f"理赔编号 {claim_no} 不存在")
            if c.status != "approved":
                raise ServiceError(f"理赔 {claim_no} 尚未批准或已支付，不能登记支付")
            m = s.get(Member, c.member_id)
            assert m is not None
            fam = s.get(FamilyMember, c.family_member_id) if c.family_member_id else None
            name, number, bank, account, note = payee_of(c, m, fam, today)
            amount = from_fen(c.approved_fen or 0)
            return PaymentProposal(c.claim_no, name, number, bank, account, amount, today, note)

    def record(
        self,
        claim_no: str,
        *,
        account: str,
        reference: str,
        paid_on: dt.date,
        amount: Decimal | str,
        version: int | None = None,
    ) -> str:
        """Record the payment (the claim's pay step: account, voucher number, date, amount)."""
        claims = self._claims or ClaimService(self._sessions, self.actor)
        return claims.act(
            claim_no,
            "pay",
            amount=amount,
            paid_on=paid_on,
            account=account,
            reference=reference,
            version=version,
        )

    # -- the bank's lists --------------------------------------------------------------------
    def due_lines(self, rows: Sequence[ClaimRow] | None = None) -> list[PaymentLine]:
        """Approved, unpaid claims with the accounts on file (before payment)."""
        rows = list(rows) if rows is not None else self._queries.payments_due()
        return self._lines([r.claim_no for r in rows], paid=False)

    def paid_lines(self, day: dt.date) -> list[PaymentLine]:
        """The payments recorded for ``day``, with the account and voucher as recorded."""
        with self._sessions() as s:
            nos = list(
                s.scalars(
                    select(Claim.claim_no)
                    .where(Claim.status == "paid", Claim.paid_on == day)
                    .order_by(Claim.claim_no)
                )
            )
        return self._lines(nos, paid=True)

    def _lines(self, claim_nos: Sequence[str], paid: bool) -> list[PaymentLine]:
        out: list[PaymentLine] = []
        today = dt.date.today()
        names = PlanNames(PlanService(self._sessions, self.actor).catalogue())
        with self._sessions() as s:
            for no in claim_nos:
                c = s.scalars(select(Claim).where(Claim.claim_no == no)).one()
                m = s.get(Member, c.member_id)
                assert m is not None
                fam = s.get(FamilyMember, c.family_member_id) if c.family_member_id else None
                name, number, bank, account, _note = payee_of(c, m, fam, c.paid_on or today)
                if paid:
                    account, amount = c.paid_account, from_fen(c.paid_fen or 0)
                else:
                    amount = from_fen(c.approved_fen if c.approved_fen is not None else c.amount_fen)
                out.append(
                    PaymentLine(
                        c.claim_no,
                        name,
                        number,
                        bank,
                        account,
                        amount,
                        c.due_on,
                        c.paid_on,
                        c.paid_reference,
                        f"互助金 {names.benefit(c.plan_code, c.benefit)}",
                    )  # fmt: skip
                )
        return out

    def export_due(self, out: Path, rows: Sequence[ClaimRow] | None = None) -> int:
        lines = self.due_lines(rows)
        _write(out, "付款清单", PAYMENT_HEADER, PAYMENT_KINDS, [
            (ln.claim_no, ln.payee, ln.id_number, ln.bank_name, ln.account, ln.amount, ln.purpose, ln.due_on)
            for ln in lines
        ], amount_column=6)  # fmt: skip
        return len(lines)

    def export_paid(self, out: Path, day: dt.date) -> int:
        lines = self.paid_lines(day)
        _write(out, f"{day.isoformat()} 支付清单", PAID_HEADER, PAID_KINDS, [
            (ln.claim_no, ln.payee, ln.id_number, ln.account, ln.amount, ln.paid_on, ln.reference, ln.purpose)
            for ln in lines
        ], amount_column=5)  # fmt: skip
        return len(lines)


def _write(
    out: Path,
    title: str,
    header: list[str],
    kinds: tuple[Kind, ...],
    rows: list[tuple[object, ...]],
    amount_column: int,
) -> None:
    """IDs and accounts as text (@), amounts numeric with 0.00 and a numeric 合计, dates as dates."""
    lines = [(i, *values) for i, values in enumerate(rows, start=1)]
    footer: list[object] = [""] * len(header)
    footer[0] = "合计"
    footer[amount_column] = sum((Decimal(v[amount_column - 1]) for v in rows), Decimal(0))  # type: ignore[arg-type]
    write_tables(out, [Table(title[:31], columns(header, kinds), lines, total=footer)])
