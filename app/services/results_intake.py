"""A results batch taken in at the unit: checked line by line, shown as a preview, then applied.

Nothing in a results batch changes money by itself. Before anything is written every claim line
is checked against the unit's own record: the claim must be one this unit sent to the office in
a claims batch (never a draft or a withdrawn claim), the status must be a decision the office
makes, amounts are money in their domain (not negative, paid not above approved, approved not
above the cap this unit's rules computed), and a payment has its date. One line that fails refuses
the whole batch with the reason, and nothing changes. What would change is listed first
(``preview``); ``apply`` writes exactly those changes in one transaction, each audited with the
batch it came from.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Batch, BatchImport, Claim, ClaimStep, CoveragePeriod, Enrollment, Member, Unit
from app.models.base import now
from app.rules.errors import InvalidAmount
from app.rules.money import from_fen, parse_amount, to_fen
from app.services import audit
from app.services.auth import Actor
from app.services.batch_seal import BatchRefused, Opened, import_record, replay_refusal
from app.services.claims import STATUS_LABELS

# The office's statuses a unit takes over; "submitted"/"unit_reviewed" mean no decision yet.
ACTION_OF = {"office_audited": "audit", "approved": "approve", "rejected": "reject", "returned": "return",
             "paid": "pay"}  # fmt: skip
_RANK = {"submitted": 1, "returned": 1, "unit_reviewed": 2, "office_audited": 3, "approved": 4,
         "rejected": 4, "paid": 5}  # fmt: skip
_UNDECIDED = ("submitted", "unit_reviewed")


@dataclass(frozen=True)
class ClaimChange:
    claim_no: str
    member: str
    from_status: str
    to_status: str
    approved_fen: int | None
    paid_fen: int | None
    paid_on: dt.date | None
    dates: dict[str, dt.date]
    reason: str

    def line(self) -> str:
        money = ""
        if self.approved_fen is not None:
            money += f"，批准 {from_fen(self.approved_fen):.2f} 元"
        if self.paid_fen is not None:
            money += f"，支付 {from_fen(self.paid_fen):.2f} 元（{self.paid_on}）"
        return (
            f"理赔 {self.claim_no}（{self.member}）：{STATUS_LABELS[self.from_status]} → "
            f"{STATUS_LABELS[self.to_status]}{money}"
        )


@dataclass(frozen=True)
class ResultsPreview:
    folder: Path
    office: str
    already_imported: bool = False
    claims: tuple[ClaimChange, ...] = ()
    cancellations: tuple[tuple[int, str, str], ...] = ()  # enrollment id, who, reason
    notes: tuple[str, ...] = ()
    refusals: tuple[str, ...] = field(default_factory=tuple)

    def lines(self) -> list[str]:
        out = [f"处理结果批次：{self.folder.name}（{self.office}）"]
        if self.refusals:
            return out + ["拒收，未做任何修改：", *(f"  {r}" for r in self.refusals)]
        if self.already_imported:
            return out + ["该处理结果已导入过，再次导入不会有任何改动"]
        out += [f"  {c.line()}" for c in self.claims]
        out += [f"  不予参保：{who}（{reason}）" for _id, who, reason in self.cancellations]
        out += [f"  注意：{n}" for n in self.notes]
        if not self.claims and not self.cancellations:
            out.append("  没有需要更新的理赔或参保")
        return out


def _fen(where: str, label: str, text: object) -> int | None:
    if text in (None, ""):
        return None
    try:
        fen = to_fen(parse_amount(text, field=label))
    except (InvalidAmount, ValueError, TypeError) as exc:
        raise _LineRefused(f"{where}的{label}“{text}”不是金额（{exc}）") from exc
    if fen < 0:
        raise _LineRefused(f"{where}的{label}为负数（{text}）")
    return fen


class _LineRefused(ValueError):
    pass


def _sent_claims(s: Session, unit_id: int) -> set[str]:
    """The claim numbers this unit sent to the office in its claims batches."""
    sent: set[str] = set()
    q = select(Batch.manifest).where(Batch.unit_id == unit_id, Batch.kind == "claims",
                                     Batch.direction == "export")  # fmt: skip
    for text in s.scalars(q):
        try:
            sent.update(str(c["claim_no"]) for c in json.loads(text).get("claims", ()))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return sent


def plan_results(s: Session, opened: Opened) -> ResultsPreview:
    """What taking ``opened`` in would change at this unit, or the refusals; writes nothing."""
    m, folder = opened.manifest, opened.folder
    office = str((m.get("office") or {}).get("name") or "办事处")
    if s.scalar(select(BatchImport.id).where(BatchImport.manifest_sha256 == opened.sha256)) is not None:
        return ResultsPreview(folder, office, already_imported=True)
    if (replay := replay_refusal(s, opened)) is not None:
        return ResultsPreview(folder, office, refusals=(replay,))
    code = str(m["unit"]["code"])
    unit = s.scalars(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        return ResultsPreview(
            folder, office, refusals=(f"本数据库中没有单位“{code}”，该处理结果不是给本单位的",)
        )
    sent = _sent_claims(s, unit.id)
    changes: list[ClaimChange] = []
    notes: list[str] = []
    refusals: list[str] = []
    for i, e in enumerate(m["claims"], start=1):
        try:
            change = _claim_change(s, unit.id, e, sent, f"第 {i} 笔理赔结果", office, notes)
        except _LineRefused as exc:
            refusals.append(str(exc))
            continue
        if change is not None:
            changes.append(change)
    cancellations = []
    for i, e in enumerate(m["enrollments"], start=1):
        if e.get("outcome") not in ("accepted", "refused"):
            refusals.append(f"第 {i} 条参保结果的结果“{e.get('outcome')}”不是办事处的审核结果")
        elif e.get("outcome") == "refused" and (hit := _active_enrollment(s, unit.id, e)) is not None:
            cancellations.append(
                (hit[0], hit[1], f"{office}不予参保：{e.get('reason') or '未说明原因'}"[:200])
            )
    return ResultsPreview(folder, office, False, tuple(changes), tuple(cancellations), tuple(notes),
                          tuple(refusals))  # fmt: skip


def _claim_change(
    s: Session, unit_id: int, e: dict[str, Any], sent: set[str], where: str, office: str, notes: list[str]
) -> ClaimChange | None:
    no, target = str(e.get("claim_no", "")), str(e.get("status", ""))
    claim = s.scalars(select(Claim).where(Claim.claim_no == no, Claim.unit_id == unit_id)).first()
    if claim is None:
        notes.append(f"本单位没有理赔 {no}，已忽略")
        return None
    where = f"{where}（理赔 {no}）"
    if target not in ACTION_OF and target not in _UNDECIDED:
        raise _LineRefused(f"{where}的状态“{target}”不是办事处能作出的决定")
    if claim.status in ("draft", "withdrawn") or no not in sent:
        raise _LineRefused(
            f"{where}：该理赔在本单位为“{STATUS_LABELS.get(claim.status, claim.status)}”，"
            "从未随理赔上报批次报送办事处，办事处不可能对它作出决定"
        )
    approved, paid = _fen(where, "批准金额", e.get("approved")), _fen(where, "支付金额", e.get("paid"))
    if target in ("approved", "paid") and approved is None:
        raise _LineRefused(f"{where}为“{STATUS_LABELS[target]}”却没有批准金额")
    if target in ("rejected", "returned", "office_audited", *_UNDECIDED) and (approved or paid):
        raise _LineRefused(f"{where}为“{STATUS_LABELS[target]}”却带有金额")
    if approved is not None and approved > claim.cap_fen:
        raise _LineRefused(
            f"{where}的批准金额 {from_fen(approved):.2f} 元超过本单位按方案计算的上限 "
            f"{from_fen(claim.cap_fen):.2f} 元"
        )
    dates = {}
    for key in ("paid_on", "computed_on", "due_on"):
        if e.get(key):
            try:
                dates[key] = dt.date.fromisoformat(str(e[key]))
            except ValueError as exc:
                raise _LineRefused(f"{where}的日期“{e[key]}”不对") from exc
    if target == "paid":
        if paid is None or "paid_on" not in dates:
            raise _LineRefused(f"{where}为“已支付”却没有支付金额或支付日期")
        if approved is not None and paid > approved:
            raise _LineRefused(
                f"{where}的支付金额 {from_fen(paid):.2f} 元超过批准金额 {from_fen(approved):.2f} 元"
            )
    elif paid is not None:
        raise _LineRefused(f"{where}未支付却带有支付金额")
    if target not in ACTION_OF or claim.status not in _RANK:
        return None  # undecided at the office
    if _RANK[claim.status] > _RANK[target] or (
        claim.status == target and (claim.approved_fen, claim.paid_fen) == (approved, paid)
    ):
        return None  # already known, or an older answer than what the unit holds
    reason = f"{office}意见：{e.get('reason') or STATUS_LABELS[target]}"
    if e.get("office_claim_no"):
        reason += f"（办事处理赔编号 {e['office_claim_no']}）"
    member = s.scalar(select(Member.name).where(Member.id == claim.member_id)) or ""
    return ClaimChange(no, member, claim.status, target, approved, paid, dates.get("paid_on"), dates,
                       str(reason)[:500])  # fmt: skip


def _active_enrollment(s: Session, unit_id: int, e: dict[str, Any]) -> tuple[int, str] | None:
    try:
        period = int(e["period"])
    except (KeyError, TypeError, ValueError):
        return None
    q = (
        select(Enrollment.id, Member.name)
        .join(Member, Enrollment.member_id == Member.id)
        .join(CoveragePeriod, Enrollment.period_id == CoveragePeriod.id)
        .where(
            Member.id_number == str(e.get("id_number", "")),
            CoveragePeriod.plan_code == str(e.get("plan", "")),
            CoveragePeriod.number == period,
            Enrollment.unit_id == unit_id,
            Enrollment.status == "active",
        )
    )
    row = s.execute(q).first()
    return (row[0], row[1]) if row else None


def apply_results(s: Session, actor: Actor, opened: Opened, preview: ResultsPreview) -> None:
    """Write exactly the previewed changes, each audited as coming from this batch."""
    m = opened.manifest
    unit = s.scalars(select(Unit).where(Unit.code == str(m["unit"]["code"]))).one()
    batch = Batch(kind="results", direction="import", number=int(m["batch_no"]), unit_id=unit.id,
                  period_id=None, folder=str(opened.folder), manifest=opened.text,
                  created_by=actor.user_id)  # fmt: skip
    s.add(batch)
    s.flush()
    source = {"batch": batch.number, "batch_id": opened.batch_id, "folder": opened.folder.name,
              "sha256": opened.sha256}  # fmt: skip
    for c in preview.claims:
        claim = s.scalars(select(Claim).where(Claim.claim_no == c.claim_no, Claim.unit_id == unit.id)).one()
        before = (claim.status, claim.approved_fen, claim.paid_fen)
        path = [(c.to_status, c.paid_fen if c.to_status == "paid" else c.approved_fen)]
        if c.to_status == "paid" and claim.status != "approved":
            path.insert(0, ("approved", c.approved_fen))  # the unit sees the approval before the payment
        for status, amount in path:
            s.add(ClaimStep(claim_id=claim.id, user_id=actor.user_id, username=actor.username,
                            action=ACTION_OF[status], from_status=claim.status, to_status=status,
                            reason=c.reason, amount_fen=amount))  # fmt: skip
            claim.status = status
        claim.approved_fen = c.approved_fen if c.approved_fen is not None else claim.approved_fen
        claim.paid_fen = c.paid_fen if c.paid_fen is not None else claim.paid_fen
        for key, day in c.dates.items():
            setattr(claim, key, day)
        s.flush()
        audit.record(s, actor, "office_result", "claim", c.claim_no, office=preview.office,
                     status=[before[0], c.to_status], approved=[_text(before[1]), _text(c.approved_fen)],
                     paid=[_text(before[2]), _text(c.paid_fen)], **source)  # fmt: skip
    for enrollment_id, _who, reason in preview.cancellations:
        enrollment = s.get(Enrollment, enrollment_id)
        assert enrollment is not None
        enrollment.status, enrollment.cancelled_at, enrollment.cancelled_by = (
            "cancelled",
            now(),
            actor.user_id,
        )
        enrollment.cancel_reason = reason
        s.flush()
        audit.record(s, actor, "cancel", "enrollment", enrollment.id, reason=reason, source="results",
                     **source)  # fmt: skip
    s.add(import_record(opened, batch.id, "results", unit.code, batch.number))
    audit.record(s, actor, "import_results", "unit", unit.id, office=preview.office,
                 claims=len(preview.claims), enrollments_refused=len(preview.cancellations),
                 **source)  # fmt: skip


def _text(fen: int | None) -> str | None:
    return f"{Decimal(fen) / 100:.2f}" if fen is not None else None


def refuse(preview: ResultsPreview) -> BatchRefused:
    return BatchRefused(list(preview.refusals))
