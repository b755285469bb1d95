"""Correcting a saved claim: a draft or a returned claim (待补件) has its facts edited and its
materials ticked as they arrive; every change is a step of the claim's history and an audit entry.

A returned claim whose materials are then complete goes back to 已受理 in the same transaction
(step ``submit``, 材料已补齐), so the office's review picks it up again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.models import Claim
from app.models.db import SessionFactory
from app.rules.money import from_fen, to_fen
from app.rules.plans import PlanCatalogue
from app.services import audit
from app.services.auth import Actor
from app.services.claim_decisions import Assessment, ClaimDraft, assess
from app.services.claim_fields import fields_for
from app.services.claims import STATUS_LABELS, _store, add_step, claim_by_no, draft_of
from app.services.errors import Conflict, ServiceError
from app.services.plans import PlanService

EDITABLE = ("draft", "returned")
RELATIONS = {"self": "本人", "spouse": "配偶", "child": "子女"}
ALL = "all"


@dataclass(frozen=True)
class EditResult:
    """What a correction did: the claim's status after it, the new decision and the changes."""

    claim_no: str
    status: str
    assessment: Assessment
    changes: tuple[str, ...]
    resubmitted: bool = False


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "（空）"
    return str(value)


class ClaimEditing:
    def __init__(
        self, sessions: SessionFactory, actor: Actor, catalogue: PlanCatalogue | None = None
    ) -> None:
        self._sessions, self.actor = sessions, actor
        self._catalogue = catalogue or PlanService(sessions, actor).catalogue()

    # -- reading ---------------------------------------------------------------------------
    def draft(self, claim_no: str) -> tuple[ClaimDraft, str, int]:
        """The claim as entered (to reopen it in the intake form), its status and version."""
        with self._sessions() as s:
            claim = claim_by_no(s, claim_no)
            return draft_of(claim), claim.status, claim.version

    def materials_of(self, claim_no: str) -> tuple[str, ...]:
        """The materials the claim needs as it stands (the names ``receive`` accepts)."""
        with self._sessions() as s:
            claim = claim_by_no(s, claim_no)
            return tuple(
                name for name, _ok in assess(s, self._catalogue, draft_of(claim), claim.id).materials
            )

    # -- writing ---------------------------------------------------------------------------
    def update(self, claim_no: str, draft: ClaimDraft, version: int | None = None) -> EditResult:
        """Replace the facts (and the materials received) of a draft or returned claim; the
        decision is recomputed. The member cannot change: that is a new claim."""
        self.actor.require("claims.write")
        try:
            with self._sessions.begin() as s:
                claim = claim_by_no(s, claim_no, version)
                self._editable(claim)
                if draft.member_id != claim.member_id:
                    raise ServiceError(f"理赔 {claim_no} 的会员不能修改；为另一会员请受理新理赔")
                return self._apply(s, claim, draft)
        except StaleDataError as exc:
            raise Conflict("该理赔已被其他用户修改，请重新打开") from exc

    def receive(self, claim_no: str, names: Sequence[str], version: int | None = None) -> EditResult:
        """Tick materials as received (``["all"]`` for every one); names not asked for are refused."""
        self.actor.require("claims.write")
        try:
            with self._sessions.begin() as s:
                claim = claim_by_no(s, claim_no, version)
                self._editable(claim)
                old = draft_of(claim)
                wanted = tuple(name for name, _ok in assess(s, self._catalogue, old, claim.id).materials)
                given = [n.strip() for n in names if n.strip()]
                if not given:
                    raise ServiceError("请用 --received 列出收到的材料名称，或 all 表示全部")
                if ALL in given:
                    given = list(wanted)
                unknown = [n for n in given if n not in wanted]
                if unknown:
                    raise ServiceError(
                        f"理赔 {claim_no} 不需要材料：{'、'.join(unknown)}。应提交的材料："
                        + ("、".join(wanted) or "无")
                    )
                received = tuple(m for m in wanted if m in old.materials_received or m in given)
                return self._apply(s, claim, replace(old, materials_received=received))
        except StaleDataError as exc:
            raise Conflict("该理赔已被其他用户修改，请重新打开") from exc

    # -- inside the transaction ------------------------------------------------------------
    def _apply(self, s: Session, claim: Claim, draft: ClaimDraft) -> EditResult:
        old, old_amount, old_facts = draft_of(claim), claim.amount_fen, json.loads(claim.facts)
        a = assess(s, self._catalogue, draft, claim.id)
        changes = self._changes(old, old_facts, draft, a, old_amount)
        # A returned claim whose materials were all ticked already (returned for a bad copy, say)
        # goes back on the clerk's word that the papers are now in order, with nothing changed.
        resubmitted = claim.status == "returned" and not a.missing_materials
        if not changes and not resubmitted:
            return EditResult(claim.claim_no, claim.status, a, ())
        if changes:
            self._record_changes(s, claim, draft, a, changes)
        if resubmitted:
            claim.status, claim.submitted_by = "submitted", self.actor.user_id
            s.flush()
            add_step(s, self.actor, claim, "submit", "returned", "submitted", "材料已补齐，重新受理")
            audit.record(
                s, self.actor, "submit", "claim", claim.claim_no, status="submitted", reason="材料已补齐"
            )
        return EditResult(claim.claim_no, claim.status, a, changes, resubmitted)

    def _record_changes(
        self, s: Session, claim: Claim, draft: ClaimDraft, a: Assessment, changes: tuple[str, ...]
    ) -> None:
        _store(claim, draft, a)
        s.flush()
        add_step(s, self.actor, claim, "update", claim.status, claim.status, "；".join(changes)[:500],
                 to_fen(a.decision.amount))  # fmt: skip
        audit.record(s, self.actor, "update", "claim", claim.claim_no, changes=list(changes),
                     amount=str(a.decision.amount))  # fmt: skip

    def _changes(
        self,
        old: ClaimDraft,
        old_facts: dict[str, Any],
        new: ClaimDraft,
        a: Assessment,
        old_amount: int,
    ) -> tuple[str, ...]:
        out: list[str] = []
        if (old.plan_code, old.benefit) != (new.plan_code, new.benefit):
            out.append(f"保障项目 {old.plan_code}/{old.benefit} → {new.plan_code}/{new.benefit}")
        if (old.relation, old.family_member_id) != (new.relation, new.family_member_id):
            before, after = (RELATIONS.get(r, r) for r in (old.relation, new.relation))
            out.append(f"受益人 {before} → {after}")
        if old.applied_on != new.applied_on:
            out.append(f"申请日期 {old.applied_on} → {new.applied_on}")
        labels = {f.name: f.label for f in fields_for(a.plan.benefit(new.benefit))}
        for key in sorted(set(old_facts) | set(a.facts)):
            old_value, new_value = old_facts.get(key), a.facts.get(key)
            if _text(old_value) != _text(new_value):
                out.append(f"{labels.get(key, key)} {_text(old_value)} → {_text(new_value)}")
        got = [m for m in new.materials_received if m not in old.materials_received]
        lost = [m for m in old.materials_received if m not in new.materials_received]
        if got:
            out.append("收到材料：" + "、".join(got))
        if lost:
            out.append("取消材料：" + "、".join(lost))
        new_amount = to_fen(a.decision.amount)
        if out and new_amount != old_amount:
            out.append(f"应付 {from_fen(old_amount)} → {from_fen(new_amount)} 元")
        return tuple(out)

    def _editable(self, claim: Claim) -> None:
        if claim.status not in EDITABLE:
            raise ServiceError(
                f"理赔 {claim.claim_no} 为“{STATUS_LABELS[claim.status]}”，只有草稿和待补件的理赔可以修改"
            )


def merged_draft(old: ClaimDraft, data: dict[str, Any], materials: Sequence[str]) -> ClaimDraft:
    """A correction file applied over the stored claim: ``event`` fields replace those named,
    ``applied_on`` and ``materials`` (a list or "all") replace the stored ones."""
    known = {"event", "applied_on", "materials", "plan", "benefit", "id_number", "beneficiary"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ServiceError(
            f"修改文件中有不认识的字段：{'、'.join(unknown)}（可改 event、applied_on、materials）"
        )
    for key in ("plan", "benefit"):
        if key in data and data[key] != getattr(old, f"{key}_code" if key == "plan" else key):
            raise ServiceError(f"字段 {key}：理赔的保障计划和项目不能修改；如有错误，请撤回后受理新理赔")
    event = data.get("event", {})
    if not isinstance(event, dict):
        raise ServiceError("字段 event 须为一个 JSON 对象")
    facts = {**old.facts, **event}
    applied = old.applied_on
    if "applied_on" in data:
        try:
            applied = dt.date.fromisoformat(str(data["applied_on"]))
        except ValueError as exc:
            raise ServiceError(f"字段 applied_on：{data['applied_on']} 不是 YYYY-MM-DD 日期") from exc
    received = old.materials_received
    if "materials" in data:
        given = data["materials"]
        if given == ALL:
            received = tuple(materials)
        elif isinstance(given, list) and all(isinstance(m, str) for m in given):
            unknown_m = [m for m in given if m not in materials]
            if unknown_m:
                raise ServiceError(
                    f"字段 materials：不需要材料 {'、'.join(unknown_m)}；"
                    f"应提交的材料：{'、'.join(materials) or '无'}"
                )
            received = tuple(m for m in materials if m in given)
        else:
            raise ServiceError('字段 materials 须为材料名称的列表，或 "all"')
    return replace(old, facts=facts, applied_on=applied, materials_received=received)
