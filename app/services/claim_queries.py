"""Reading claims: the list with filters, one claim in full, a member's history, payments due."""

from __future__ import annotations

import builtins
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Select, or_, select

from app.models import Claim, FamilyMember, Member, Unit
from app.models.db import SessionFactory
from app.rules.money import ZERO, from_fen
from app.services.claims import STATUS_LABELS
from app.services.errors import NotFound

RELATION_LABELS = {"self": "本人", "spouse": "配偶", "child": "子女"}


@dataclass(frozen=True)
class ClaimRow:
    id: int
    claim_no: str
    member_id: int
    member_name: str
    id_number: str
    unit_id: int
    unit_name: str
    beneficiary: str
    plan_code: str
    benefit: str
    event_key: str
    event_date: dt.date
    applied_on: dt.date
    status: str
    amount: Decimal
    cap: Decimal
    approved: Decimal | None
    paid: Decimal | None
    paid_on: dt.date | None
    due_on: dt.date | None
    eligible: bool
    version: int

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def overdue(self, today: dt.date) -> bool:
        return self.status == "approved" and self.due_on is not None and today > self.due_on


@dataclass(frozen=True)
class ClaimFull:
    row: ClaimRow
    facts: dict[str, object]
    reasons: tuple[tuple[str, str], ...]
    trace: tuple[str, ...]
    materials: tuple[tuple[str, bool], ...]
    plan_version: str
    relation: str
    family_member_id: int | None
    paid_account: str
    paid_reference: str
    computed_on: dt.date | None
    submitted_by: int | None


@dataclass(frozen=True)
class MemberHistory:
    claims: tuple[ClaimRow, ...]
    paid_this_period: Decimal
    paid_this_year: Decimal
    same_event: tuple[ClaimRow, ...]


def _money(fen: int | None) -> Decimal | None:
    return from_fen(fen) if fen is not None else None


def _row(c: Claim, member: Member, unit_name: str, family: FamilyMember | None) -> ClaimRow:
    beneficiary = f"{family.name}（{RELATION_LABELS[c.relation]}）" if family else "本人"
    return ClaimRow(
        c.id,
        c.claim_no,
        member.id,
        member.name,
        member.id_number,
        c.unit_id,
        unit_name,
        beneficiary,
        c.plan_code,
        c.benefit,
        c.event_key,
        c.event_date,
        c.applied_on,
        c.status,
        from_fen(c.amount_fen),
        from_fen(c.cap_fen),
        _money(c.approved_fen),
        _money(c.paid_fen),
        c.paid_on,
        c.due_on,
        c.eligible,
        c.version,
    )


class ClaimQueries:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def _select(self) -> Select[tuple[Claim, Member, str, FamilyMember]]:
        """Each claim with its member, its unit's name and its family beneficiary — None for the
        member's own claims (an outer join, which SQLAlchemy's row typing does not show)."""
        return (
            select(Claim, Member, Unit.name, FamilyMember)
            .join(Member, Claim.member_id == Member.id)
            .join(Unit, Claim.unit_id == Unit.id)
            .outerjoin(FamilyMember, Claim.family_member_id == FamilyMember.id)
        )

    def list(
        self,
        statuses: tuple[str, ...] = (),
        text: str = "",
        unit_id: int | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[ClaimRow]:
        """Claims, newest first, by status, by member name / ID number / claim number, unit, dates."""
        q = self._select().order_by(Claim.id.desc())
        if statuses:
            q = q.where(Claim.status.in_(statuses))
        if unit_id is not None:
            q = q.where(Claim.unit_id == unit_id)
        if date_from:
            q = q.where(Claim.applied_on >= date_from)
        if date_to:
            q = q.where(Claim.applied_on <= date_to)
        needle = text.strip().upper()
        if needle:
            like = f"%{needle}%"
            q = q.where(
                or_(
                    Member.name.like(f"%{text.strip()}%"),
                    Member.id_number.like(like),
                    Claim.claim_no.like(like),
                )
            )
        with self._sessions() as s:
            return [_row(c, m, unit, fam) for c, m, unit, fam in s.execute(q)]

    def get(self, claim_no: str) -> ClaimFull:
        with self._sessions() as s:
            found = s.execute(self._select().where(Claim.claim_no == claim_no.strip())).first()
            if found is None:
                raise NotFound(f"理赔编号 {claim_no} 不存在")
            c, m, unit, fam = found
            decision = json.loads(c.decision or "{}")
            return ClaimFull(
                _row(c, m, unit, fam),
                json.loads(c.facts),
                tuple(tuple(r) for r in decision.get("reasons", [])),
                tuple(decision.get("trace", [])),
                tuple((n, bool(ok)) for n, ok in json.loads(c.materials)),
                c.plan_version,
                c.relation,
                c.family_member_id,
                c.paid_account,
                c.paid_reference,
                c.computed_on,
                c.submitted_by,
            )

    def history(
        self,
        member_id: int,
        plan_code: str | None = None,
        event_key: str | None = None,
        period: tuple[dt.date, dt.date] | None = None,
        year: int | None = None,
    ) -> MemberHistory:
        """A member's claims; what was paid in the period and the year; claims for the same event."""
        q = self._select().where(Claim.member_id == member_id).order_by(Claim.id.desc())
        with self._sessions() as s:
            rows = [_row(c, m, unit, fam) for c, m, unit, fam in s.execute(q)]
        paid = [r for r in rows if r.paid is not None and (plan_code is None or r.plan_code == plan_code)]
        in_period = sum(
            (
                r.paid
                for r in paid
                if period and period[0] <= r.event_date <= period[1] and r.paid is not None
            ),
            ZERO,
        )
        year = year or dt.date.today().year
        in_year = sum(
            (r.paid for r in paid if r.paid_on and r.paid_on.year == year and r.paid is not None), ZERO
        )
        same = tuple(r for r in rows if event_key and r.event_key == event_key)
        return MemberHistory(tuple(rows), in_period, in_year, same)

    def payments_due(self, today: dt.date | None = None) -> builtins.list[ClaimRow]:  # list: the method
        """Approved and not yet paid, earliest due first (overdue ones are highlighted by the window)."""
        rows = self.list(("approved",))
        return sorted(rows, key=lambda r: (r.due_on or dt.date.max, r.claim_no))
