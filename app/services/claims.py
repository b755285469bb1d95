"""Claims: intake, the rules' decision, and the audit workflow with every step recorded.

draft → submitted (受理) → unit_reviewed (单位审核) → office_audited (办事处审核) → approved /
closed_no_payment (已核定·无给付) / rejected / returned (补件) → paid. The duty rules (``duties``: the
submitter neither reviews, audits nor approves; the approver does not pay) are enforced here, in the
write transaction. A claim due 0.00 only because a running figure is still below the deductible or
band (or a cap is reached) is approved as closed_no_payment: its cost then counts toward the
period's running figures (RULES.md, "Across a period"); an ineligible one is rejected.
Nothing is deleted; a withdrawal is a status.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.models import Claim, ClaimCounter, ClaimStep
from app.models.db import SessionFactory
from app.rules.money import from_fen, parse_amount, to_fen
from app.rules.plans import PlanCatalogue
from app.rules.workdays import add_working_days
from app.services import audit, duties
from app.services.auth import Actor
from app.services.claim_decisions import Assessment, ClaimDraft, assess
from app.services.errors import Conflict, NotFound, ServiceError
from app.services.plans import PlanService
from app.services.retry import run_retrying
from app.services.settings import SettingsService

STATUS_LABELS = {
    "draft": "草稿", "submitted": "已受理", "unit_reviewed": "单位已审", "office_audited": "办事处已审",
    "approved": "已批准", "closed_no_payment": "已核定·无给付", "rejected": "已拒绝", "returned": "待补件",
    "paid": "已支付", "withdrawn": "已撤回",
}  # fmt: skip
# action → (statuses it starts from, status it leads to, permission, Chinese name)
ACTIONS: dict[str, tuple[frozenset[str], str, str, str]] = {
    "submit": (frozenset({"draft", "returned"}), "submitted", "claims.write", "受理"),
    "review": (frozenset({"submitted"}), "unit_reviewed", "claims.review", "单位审核"),
    "audit": (frozenset({"unit_reviewed"}), "office_audited", "claims.audit", "办事处审核"),
    "approve": (frozenset({"office_audited"}), "approved", "claims.audit", "批准"),
    "reject": (
        frozenset({"submitted", "unit_reviewed", "office_audited"}),
        "rejected",
        "claims.audit",
        "拒绝",
    ),
    "return": (
        frozenset({"submitted", "unit_reviewed", "office_audited"}),
        "returned",
        "claims.review",
        "退回补件",
    ),
    "pay": (frozenset({"approved"}), "paid", "claims.write", "支付"),
    "withdraw": (frozenset({"draft", "submitted", "returned"}), "withdrawn", "claims.write", "撤回"),
}
# Reasons that leave a claim due 0.00 yet audited: its cost counts, so it is closed, not rejected.
NO_PAYMENT_REASONS = frozenset({"below_threshold", "period_amount_limit", "annual_cap"})
PAYMENT_WORKING_DAYS = 10  # RULES.md: payment within 10 working days of the office's computation


@dataclass(frozen=True)
class StepInfo:
    at: dt.datetime
    username: str
    action: str
    from_status: str
    to_status: str
    reason: str
    amount: Decimal | None


def _next_number(s: Session, year: int) -> str:
    counter = s.scalars(select(ClaimCounter).where(ClaimCounter.year == year).with_for_update()).first()
    if counter is None:
        counter = ClaimCounter(year=year, last=0)
        s.add(counter)
    counter.last += 1
    s.flush()
    return f"C{year}-{counter.last:05d}"


def _store(claim: Claim, draft: ClaimDraft, a: Assessment) -> None:
    claim.member_id = draft.member_id
    claim.relation = draft.relation
    claim.family_member_id = draft.family_member_id if draft.relation != "self" else None
    claim.plan_code, claim.benefit = draft.plan_code, draft.benefit
    claim.plan_version, claim.plan_version_id = a.plan.version.isoformat(), a.plan_version_id
    claim.enrollment_id = a.enrollment_id
    claim.event_key, claim.event_date = a.event_key, a.event_date
    claim.facts = json.dumps(a.facts, ensure_ascii=False, sort_keys=True)
    claim.applied_on = draft.applied_on
    claim.eligible = a.decision.eligible
    claim.amount_fen, claim.cap_fen = to_fen(a.decision.amount), to_fen(a.decision.cap)
    claim.decision = json.dumps(
        {"reasons": [[r.code, r.message] for r in a.decision.reasons], "trace": list(a.decision.trace)},
        ensure_ascii=False,
    )
    claim.materials = json.dumps([list(m) for m in a.materials], ensure_ascii=False)


def _payment_detail(claim: Claim) -> dict[str, str]:
    """What the audit log keeps of a payment besides the amount: account, voucher number, date."""
    paid_on = claim.paid_on.isoformat() if claim.paid_on else ""
    return {"account": claim.paid_account, "reference": claim.paid_reference, "paid_on": paid_on}


def _fen_of(field: str, amount: Decimal | str) -> int:
    """An amount typed by the clerk, in fen; the one parser's refusal (InvalidAmount) names the field."""
    return to_fen(parse_amount(amount, field=field))


def add_step(
    s: Session,
    actor: Actor,
    claim: Claim,
    action: str,
    previous: str,
    target: str,
    reason: str,
    fen: int | None = None,
) -> None:
    """One line of the claim's step history, in the acting user's name."""
    s.add(
        ClaimStep(
            claim_id=claim.id,
            user_id=actor.user_id,
            username=actor.username,
            action=action,
            from_status=previous,
            to_status=target,
            reason=reason,
            amount_fen=fen,
        )
    )


def claim_by_no(s: Session, claim_no: str, version: int | None = None) -> Claim:
    """The claim numbered ``claim_no``; with ``version``, refused if someone changed it meanwhile."""
    claim = s.scalars(select(Claim).where(Claim.claim_no == claim_no.strip())).first()
    if claim is None:
        raise NotFound(f"理赔编号 {claim_no} 不存在")
    if version is not None and claim.version != version:
        raise Conflict("该理赔已被其他用户修改，请刷新后重试")
    return claim


def draft_of(claim: Claim) -> ClaimDraft:
    received = tuple(name for name, ok in json.loads(claim.materials) if ok)
    return ClaimDraft(
        claim.member_id,
        claim.plan_code,
        claim.benefit,
        json.loads(claim.facts),
        claim.applied_on,
        claim.relation,
        claim.family_member_id,
        received,
    )


class ClaimService:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor
        self._catalogue = PlanService(sessions, actor).catalogue()

    @property
    def catalogue(self) -> PlanCatalogue:
        return self._catalogue

    @property
    def sessions(self) -> SessionFactory:
        return self._sessions

    # -- intake ----------------------------------------------------------------------------
    def preview(self, draft: ClaimDraft, claim_id: int | None = None) -> Assessment:
        """The decision as the facts stand now (nothing is written): the intake screen's live view."""
        with self._sessions() as s:
            return assess(s, self._catalogue, draft, claim_id)

    def create(self, draft: ClaimDraft) -> str:
        """A new claim (草稿) with its number; returns the claim number."""
        self.actor.require("claims.write")
        # Two clerks creating the first claim of a year both insert its counter: the loser runs
        # again and takes the next number; a busy database is waited for (app/services/retry.py).
        return run_retrying(lambda: self._create(draft))

    def _create(self, draft: ClaimDraft) -> str:
        with self._sessions.begin() as s:
            a = assess(s, self._catalogue, draft)
            from app.models import Member

            member = s.get(Member, draft.member_id)
            assert member is not None
            claim = Claim(
                claim_no=_next_number(s, draft.applied_on.year),
                unit_id=member.unit_id,
                status="draft",
                created_by=self.actor.user_id,
            )
            _store(claim, draft, a)
            s.add(claim)
            s.flush()
            add_step(s, self.actor, claim, "create", "", "draft", "")
            audit.record(
                s,
                self.actor,
                "create",
                "claim",
                claim.claim_no,
                member=member.id,
                plan=draft.plan_code,
                benefit=draft.benefit,
                amount=str(a.decision.amount),
            )
            return claim.claim_no

    def update(self, claim_no: str, draft: ClaimDraft, version: int | None = None) -> Assessment:
        """Change the facts or materials of a draft or returned claim (app.services.claim_editing:
        the change is a step of the claim; a returned claim complete again is resubmitted)."""
        from app.services.claim_editing import ClaimEditing

        editing = ClaimEditing(self._sessions, self.actor, self._catalogue)
        return editing.update(claim_no, draft, version).assessment

    # -- workflow --------------------------------------------------------------------------
    def act(
        self,
        claim_no: str,
        action: str,
        *,
        reason: str = "",
        amount: Decimal | str | None = None,
        paid_on: dt.date | None = None,
        account: str = "",
        reference: str = "",
        today: dt.date | None = None,
        version: int | None = None,
    ) -> str:
        """Move a claim one step; returns its new status. Every refusal is a Chinese ServiceError."""
        if action not in ACTIONS:
            raise ServiceError(f"未知操作“{action}”，可用：{'、'.join(ACTIONS)}")
        starts, target, permission, name = ACTIONS[action]
        self.actor.require(permission)
        today = today or dt.date.today()
        reason = reason.strip()
        # The office's holiday list (设置) before the write transaction: it opens its own session.
        calendar = SettingsService(self._sessions).working_calendar() if action == "audit" else None

        def once() -> str:
            with self._sessions.begin() as s:
                claim = claim_by_no(s, claim_no, version)
                if claim.status not in starts:
                    raise ServiceError(f"理赔 {claim_no} 当前为“{STATUS_LABELS[claim.status]}”，不能{name}")
                duties.check(s, claim, action, self.actor)
                if action in ("audit", "approve"):
                    # The office computes on the claims audited by now (an earlier claim of the
                    # period may have been approved or closed since intake).
                    _store(claim, draft_of(claim), assess(s, self._catalogue, draft_of(claim), claim.id))
                value = self._check(s, claim, action, reason, amount, paid_on, today, account)
                to = "closed_no_payment" if action == "approve" and value == 0 else target
                previous = claim.status
                claim.status = to
                if action == "submit":
                    claim.submitted_by = self.actor.user_id
                elif action == "audit":
                    claim.computed_on = today
                    assert calendar is not None
                    claim.due_on = add_working_days(today, PAYMENT_WORKING_DAYS, *calendar)
                elif action == "approve":
                    claim.approved_fen = value
                elif action == "pay":
                    claim.paid_fen, claim.paid_on = value, paid_on or today
                    claim.paid_account, claim.paid_reference = account.strip(), reference.strip()
                s.flush()
                add_step(s, self.actor, claim, action, previous, to, reason, value)
                audit.record(
                    s,
                    self.actor,
                    action,
                    "claim",
                    claim_no,
                    status=to,
                    reason=reason,
                    amount=str(from_fen(value)) if value is not None else None,
                    **_payment_detail(claim) if action == "pay" else {},
                )
                return to

        try:
            return run_retrying(once, collisions=0)  # waits while another writer holds the database
        except StaleDataError as exc:
            raise Conflict("该理赔已被其他用户修改，请刷新后重试") from exc

    def _check(
        self,
        s: Session,
        claim: Claim,
        action: str,
        reason: str,
        amount: Decimal | str | None,
        paid_on: dt.date | None,
        today: dt.date,
        account: str,
    ) -> int | None:
        """The action's own conditions; returns the amount in fen where the action carries one."""
        if action in ("reject", "return", "withdraw") and not reason:
            raise ServiceError(f"{ACTIONS[action][3]}须填写原因")
        if action == "submit":
            a = assess(s, self._catalogue, draft_of(claim), claim.id)
            _store(claim, draft_of(claim), a)
            if a.missing_materials:
                raise ServiceError("材料不全，不能受理。缺少：" + "、".join(a.missing_materials))
        if action == "approve":
            if claim.amount_fen <= 0:
                return self._no_payment(claim, amount)
            value = _fen_of("批准金额", amount if amount is not None else from_fen(claim.amount_fen))
            if value <= 0 or value > claim.amount_fen:
                raise ServiceError(f"批准金额须大于 0 且不超过核定金额 {from_fen(claim.amount_fen)} 元")
            if value < claim.amount_fen and not reason:
                raise ServiceError("批准金额低于核定金额，须填写原因")
            return value
        if action == "pay":
            approved = claim.approved_fen or 0
            value = _fen_of("支付金额", amount if amount is not None else from_fen(approved))
            if value <= 0 or value > approved:
                raise ServiceError(f"支付金额须大于 0 且不超过批准金额 {from_fen(approved)} 元")
            if paid_on and paid_on > today:
                raise ServiceError("支付日期不能晚于今天")
            if not account.strip():
                raise ServiceError("须填写收款账号（京卡或银行账号）")
            return value
        return None

    @staticmethod
    def _no_payment(claim: Claim, amount: Decimal | str | None) -> int:
        """Approving a claim due 0.00: closed with its cost recorded, or refused if ineligible."""
        codes = {code for code, _message in json.loads(claim.decision or "{}").get("reasons", [])}
        if not codes or not codes <= NO_PAYMENT_REASONS:
            raise ServiceError("规则判定本理赔不符合给付条件（应付 0.00 元），不能批准，请拒绝或退回")
        if amount is not None and str(amount).strip() and parse_amount(amount) != 0:
            raise ServiceError("本理赔应付 0.00 元，批准即核定为“已核定·无给付”，不能填写批准金额")
        return 0

    def steps(self, claim_no: str) -> list[StepInfo]:
        with self._sessions() as s:
            claim = claim_by_no(s, claim_no)
            rows = s.scalars(select(ClaimStep).where(ClaimStep.claim_id == claim.id).order_by(ClaimStep.id))
            return [
                StepInfo(
                    r.at,
                    r.username,
                    r.action,
                    r.from_status,
                    r.to_status,
                    r.reason,
                    from_fen(r.amount_fen) if r.amount_fen is not None else None,
                )
                for r in rows
            ]
