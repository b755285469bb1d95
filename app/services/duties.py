"""Separation of duties on a claim: no one takes a claim from intake to payment alone.

- whoever took in (submitted) a claim may not review, audit or approve it;
- whoever approved a claim may not record its payment — unless the office (a one-person office)
  has relaxed this second rule in 设置 (``approver_may_pay``; administrators, audited).

The claim service refuses in its write transaction (``check``); the window asks ``refusal``
before it enables a button, so it disables exactly what the service would refuse, saying why.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AppSetting, Claim, ClaimStep
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.errors import NotFound, PermissionDenied

APPROVER_MAY_PAY_KEY = "duties.approver_may_pay"
# Steps the person who took a claim in may not take on it.
SUBMITTER_MAY_NOT = {"review": "单位审核", "audit": "办事处审核", "approve": "批准"}


def approver_may_pay(s: Session) -> bool:
    row = s.get(AppSetting, APPROVER_MAY_PAY_KEY)
    return row is not None and row.value == "1"


def _last_user(s: Session, claim_id: int, action: str) -> tuple[int | None, str] | None:
    row = s.execute(
        select(ClaimStep.user_id, ClaimStep.username)
        .where(ClaimStep.claim_id == claim_id, ClaimStep.action == action)
        .order_by(ClaimStep.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def _same(actor: Actor, user_id: int | None) -> bool:
    return actor.user_id is not None and user_id == actor.user_id


def refusal_in(s: Session, claim: Claim, action: str, actor: Actor) -> str | None:
    """Why ``actor`` may not take ``action`` on ``claim`` under the duty rules; None if they may."""
    if action in SUBMITTER_MAY_NOT and _same(actor, claim.submitted_by):
        step = SUBMITTER_MAY_NOT[action]
        return f"理赔 {claim.claim_no} 由 {actor.username} 受理，受理人不能{step}自己受理的理赔"
    if action == "pay":
        approver = _last_user(s, claim.id, "approve")
        if approver is not None and _same(actor, approver[0]) and not approver_may_pay(s):
            return (
                f"理赔 {claim.claim_no} 由 {actor.username} 批准，批准人不能登记本理赔的支付"
                "（一人办事处可由管理员在“设置”中放宽此规定）"
            )
    return None


def check(s: Session, claim: Claim, action: str, actor: Actor) -> None:
    """Raise PermissionDenied (nothing written) when the duty rules refuse the step."""
    why = refusal_in(s, claim, action, actor)
    if why:
        raise PermissionDenied(why)


class Duties:
    """The window's question: may this user take this step on this claim, and if not, why?"""

    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor

    def refusal(self, claim_no: str, action: str) -> str | None:
        return self.refusals(claim_no, (action,))[action]

    def refusals(self, claim_no: str, actions: tuple[str, ...]) -> dict[str, str | None]:
        """For each action, why the duty rules refuse it to this user (None: they allow it)."""
        with self._sessions() as s:
            claim = s.scalars(select(Claim).where(Claim.claim_no == claim_no.strip())).first()
            if claim is None:
                raise NotFound(f"理赔编号 {claim_no} 不存在")
            return {a: refusal_in(s, claim, a, self.actor) for a in actions}
