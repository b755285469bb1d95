"""The round trip: the office's decisions for a unit as a results batch, and the unit taking them in.

The office answers line by line in the unit's own terms, from the exchange links its imports
left: each claim by the unit's claim number (status, approved and paid amounts, payment date,
the office's reason), each enrollment by ID number, plan and period (accepted or refused).
At the unit the decisions become claim steps whose reason names the office, and refused
enrollments are cancelled with the office's reason. A results batch taken in twice changes
nothing (its manifest SHA-256 is recorded); a claim never moves backwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.io import batch as batch_io
from app.io.xlsx_safe import load_grids
from app.io.xlsx_table import Kind, Table, columns, write_tables
from app.models import (
    Batch,
    BatchImport,
    Claim,
    ClaimStep,
    CoveragePeriod,
    Enrollment,
    ExchangeLink,
    Member,
    OfficeProfile,
    Unit,
)
from app.models.base import now
from app.models.db import SessionFactory
from app.rules.money import from_fen, parse_amount, to_fen
from app.services import audit
from app.services.auth import Actor
from app.services.batch_seal import BatchRefused, import_record, open_sealed, replay_refusal, seal
from app.services.claims import STATUS_LABELS
from app.services.code_labels import PlanNames
from app.services.errors import NotFound, ServiceError
from app.services.plans import PlanService

RESULTS_FILE = "处理结果.xlsx"
CLAIM_HEADER = ["单位理赔编号", "办事处理赔编号", "状态", "批准金额", "支付金额", "支付日期", "原因"]
ENROLLMENT_HEADER = ["身份证号码", "方案", "期数", "结果", "原因"]
CLAIM_KINDS: tuple[Kind, ...] = ("code", "code", "text", "money", "money", "date", "text")
ENROLLMENT_KINDS: tuple[Kind, ...] = ("code", "text", "int", "text", "text")
OUTCOME_LABELS = {"accepted": "已接受", "refused": "不予参保"}
# The office's statuses a unit takes over; "submitted"/"unit_reviewed" mean no decision yet.
_ACTION_OF = {"office_audited": "audit", "approved": "approve", "rejected": "reject", "returned": "return",
              "paid": "pay"}  # fmt: skip
_RANK = {"draft": 0, "submitted": 1, "returned": 1, "unit_reviewed": 2, "office_audited": 3, "approved": 4,
         "rejected": 4, "paid": 5}  # fmt: skip


@dataclass(frozen=True)
class ResultsReport:
    folder: Path
    already_imported: bool
    claims_changed: int = 0
    enrollments_changed: int = 0
    notes: tuple[str, ...] = ()


def _money(fen: int | None) -> str | None:
    return f"{from_fen(fen):.2f}" if fen is not None else None


def _fen(text: object) -> int | None:
    return to_fen(parse_amount(text)) if text not in (None, "") else None


class BatchResults:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor

    # -- at the office ---------------------------------------------------------------------
    def export_results(
        self, unit_code: str, out_dir: Path, password: str | None = None, today: dt.date | None = None
    ) -> Path:
        """One results batch with every decision on the lines this unit's batches brought."""
        self.actor.require("claims.write")
        today = today or dt.date.today()
        with self._sessions() as s:
            unit = s.scalars(select(Unit).where(Unit.code == unit_code)).first()
            if unit is None:
                raise NotFound(f"单位编码“{unit_code}”不存在")
            office = s.scalars(select(OfficeProfile).limit(1)).first()
            claims, enrollments = self._claim_results(s, unit.id), self._enrollment_results(s, unit.id)
            number = 1 + (
                s.scalar(
                    select(func.max(Batch.number)).where(
                        Batch.unit_id == unit.id, Batch.kind == "results", Batch.direction == "export"
                    )
                )
                or 0
            )
            unit_id, unit_name = unit.id, unit.name
        if not claims and not enrollments:
            raise ServiceError(f"{unit_name} 没有经批次导入的参保或理赔，无处理结果可导出")
        manifest = {
            "kind": "results",
            "batch_no": number,
            "unit": {"code": unit_code, "name": unit_name},
            "office": {"name": office.name if office else "", "level": office.level if office else ""},
            "counts": {"claims": len(claims), "enrollments": len(enrollments)},
            "claims": claims,
            "enrollments": enrollments,
        }
        folder = f"{unit_code}_处理结果_{today:%Y%m%d}_批{number:03d}"
        names = PlanNames(PlanService(self._sessions, self.actor).catalogue())
        files = {RESULTS_FILE: lambda p: _results_xlsx(p, claims, enrollments, names)}
        path = seal(self._sessions, self.actor, Path(out_dir), folder, files, manifest, password=password)
        with self._sessions.begin() as s:
            s.add(
                Batch(
                    kind="results",
                    direction="export",
                    number=number,
                    unit_id=unit_id,
                    period_id=None,
                    folder=str(path),
                    manifest=(path / batch_io.MANIFEST).read_text(encoding="utf-8"),
                    created_by=self.actor.user_id,
                )
            )
            audit.record(
                s,
                self.actor,
                "export_results",
                "unit",
                unit_id,
                batch=number,
                claims=len(claims),
                enrollments=len(enrollments),
                encrypted=bool(password),
            )
        return path

    @staticmethod
    def _claim_results(s: Session, unit_id: int) -> list[dict[str, Any]]:
        q = (
            select(ExchangeLink, Claim)
            .outerjoin(Claim, ExchangeLink.claim_id == Claim.id)
            .where(ExchangeLink.unit_id == unit_id, ExchangeLink.kind == "claim")
            .order_by(ExchangeLink.id)
        )
        out = []
        for link, c in s.execute(q):
            if c is None:  # refused when the batch came in
                out.append(
                    {
                        "claim_no": link.unit_ref,
                        "office_claim_no": "",
                        "status": "rejected",
                        "approved": None,
                        "paid": None,
                        "paid_on": None,
                        "reason": link.reason,
                    }
                )
                continue
            reason = s.scalar(
                select(ClaimStep.reason)
                .where(ClaimStep.claim_id == c.id, ClaimStep.to_status == c.status)
                .order_by(ClaimStep.id.desc())
                .limit(1)
            )
            out.append(
                {
                    "claim_no": link.unit_ref,
                    "office_claim_no": c.claim_no,
                    "status": c.status,
                    "approved": _money(c.approved_fen),
                    "paid": _money(c.paid_fen),
                    "paid_on": c.paid_on.isoformat() if c.paid_on else None,
                    "computed_on": c.computed_on.isoformat() if c.computed_on else None,
                    "due_on": c.due_on.isoformat() if c.due_on else None,
                    "reason": reason or "",
                }
            )
        return out

    @staticmethod
    def _enrollment_results(s: Session, unit_id: int) -> list[dict[str, Any]]:
        q = (
            select(ExchangeLink, CoveragePeriod, Enrollment)
            .join(CoveragePeriod, ExchangeLink.period_id == CoveragePeriod.id)
            .outerjoin(Enrollment, ExchangeLink.enrollment_id == Enrollment.id)
            .where(ExchangeLink.unit_id == unit_id, ExchangeLink.kind == "enrollment")
            .order_by(ExchangeLink.id)
        )
        out = []
        for link, p, e in s.execute(q):
            cancelled = e is not None and e.status != "active"
            refused = link.outcome == "refused" or e is None or cancelled
            out.append(
                {
                    "id_number": link.unit_ref,
                    "plan": p.plan_code,
                    "period": p.number,
                    "outcome": "refused" if refused else "accepted",
                    "reason": (e.cancel_reason if cancelled and e else link.reason) if refused else "",
                }
            )
        return out

    # -- at the unit -----------------------------------------------------------------------
    def import_results(self, folder: Path, password: str | None = None) -> ResultsReport:
        """Apply the office's decisions to this unit's own claims and enrollments, in one transaction."""
        self.actor.require("claims.write")
        folder = Path(folder)
        sealed = open_sealed(self._sessions, self.actor, folder, password, ("results",), (RESULTS_FILE,))
        with sealed as opened:
            manifest, sha = opened.manifest, opened.sha256
            try:
                claims, enrollments = list(manifest["claims"]), list(manifest["enrollments"])
                grids = load_grids(opened.plain(RESULTS_FILE))
                counts = manifest["counts"]
                rows = [sum(1 for r in g[1:] if any(v not in (None, "") for v in r)) for g in grids[:2]]
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                raise BatchRefused([f"处理结果批次不完整或格式不对（{exc}）"]) from exc
            wanted = [counts.get("claims"), counts.get("enrollments")]
            if len(rows) < 2 or wanted != [len(claims), len(enrollments)] or wanted != rows:
                raise BatchRefused(
                    [
                        f"清单称有理赔 {wanted[0]} 笔、参保 {wanted[1]} 人，与“{RESULTS_FILE}”"
                        f"中的行数 {rows} 不符：批次不完整或被改动"
                    ]
                )
        office = str(manifest.get("office", {}).get("name") or "办事处")
        with self._sessions.begin() as s:
            if s.scalar(select(BatchImport.id).where(BatchImport.manifest_sha256 == sha)) is not None:
                return ResultsReport(folder, True)
            if (replay := replay_refusal(s, opened)) is not None:
                raise BatchRefused([replay])
            code = str(manifest["unit"]["code"])
            unit = s.scalars(select(Unit).where(Unit.code == code)).first()
            if unit is None:
                raise BatchRefused([f"本数据库中没有单位“{code}”，该处理结果不是给本单位的"])
            notes: list[str] = []
            changed = sum(self._apply_claim(s, unit.id, e, office, notes) for e in claims)
            cancelled = sum(self._apply_enrollment(s, unit.id, e, office, notes) for e in enrollments)
            batch = Batch(
                kind="results",
                direction="import",
                number=int(manifest["batch_no"]),
                unit_id=unit.id,
                period_id=None,
                folder=str(folder),
                manifest=opened.text,
                created_by=self.actor.user_id,
            )
            s.add(batch)
            s.flush()
            s.add(import_record(opened, batch.id, "results", code, batch.number))
            audit.record(
                s,
                self.actor,
                "import_results",
                "unit",
                unit.id,
                folder=folder.name,
                office=office,
                claims=changed,
                enrollments_refused=cancelled,
                sha256=sha,
            )
            return ResultsReport(folder, False, changed, cancelled, tuple(notes))

    def _apply_claim(
        self, s: Session, unit_id: int, e: dict[str, Any], office: str, notes: list[str]
    ) -> bool:
        no, target = str(e["claim_no"]), str(e["status"])
        claim = s.scalars(select(Claim).where(Claim.claim_no == no, Claim.unit_id == unit_id)).first()
        if claim is None:
            notes.append(f"本单位没有理赔 {no}，已忽略")
            return False
        approved, paid = _fen(e.get("approved")), _fen(e.get("paid"))
        if target not in _ACTION_OF or claim.status not in _RANK:  # undecided, or withdrawn here
            return False
        if _RANK[claim.status] > _RANK[target] or (
            claim.status == target and (claim.approved_fen, claim.paid_fen) == (approved, paid)
        ):
            return False  # already known, or an older answer than what the unit holds
        reason = f"{office}意见：{e.get('reason') or STATUS_LABELS[target]}"
        if e.get("office_claim_no"):
            reason += f"（办事处理赔编号 {e['office_claim_no']}）"
        path = [(target, paid if target == "paid" else approved)]
        if target == "paid" and claim.status != "approved":
            path.insert(0, ("approved", approved))  # the unit sees the approval before the payment
        for status, amount in path:
            s.add(
                ClaimStep(
                    claim_id=claim.id,
                    user_id=self.actor.user_id,
                    username=self.actor.username,
                    action=_ACTION_OF[status],
                    from_status=claim.status,
                    to_status=status,
                    reason=reason[:500],
                    amount_fen=amount,
                )
            )
            claim.status = status
        claim.approved_fen = approved if approved is not None else claim.approved_fen
        claim.paid_fen = paid if paid is not None else claim.paid_fen
        for key in ("paid_on", "computed_on", "due_on"):
            if e.get(key):
                setattr(claim, key, dt.date.fromisoformat(e[key]))
        s.flush()
        audit.record(
            s,
            self.actor,
            "office_result",
            "claim",
            no,
            status=target,
            office=office,
            approved=e.get("approved"),
            paid=e.get("paid"),
        )
        return True

    def _apply_enrollment(
        self, s: Session, unit_id: int, e: dict[str, Any], office: str, notes: list[str]
    ) -> bool:
        if e.get("outcome") != "refused":
            return False
        q = (
            select(Enrollment)
            .join(Member, Enrollment.member_id == Member.id)
            .join(CoveragePeriod, Enrollment.period_id == CoveragePeriod.id)
            .where(
                Member.id_number == e["id_number"],
                CoveragePeriod.plan_code == e["plan"],
                CoveragePeriod.number == int(e["period"]),
                Enrollment.unit_id == unit_id,
                Enrollment.status == "active",
            )
        )
        enrollment = s.scalars(q).first()
        if enrollment is None:
            return False  # never enrolled here, or already cancelled
        enrollment.status, enrollment.cancelled_at, enrollment.cancelled_by = (
            "cancelled",
            now(),
            self.actor.user_id,
        )
        enrollment.cancel_reason = f"{office}不予参保：{e.get('reason') or '未说明原因'}"[:200]
        s.flush()
        audit.record(
            s,
            self.actor,
            "cancel",
            "enrollment",
            enrollment.id,
            reason=enrollment.cancel_reason,
            source="results",
        )
        return True


def _results_xlsx(
    path: Path, claims: list[dict[str, Any]], enrollments: list[dict[str, Any]], names: PlanNames
) -> None:
    """Two sheets a clerk can read and sum: numbers as text cells (@), money as numbers, dates as dates."""

    def amount(text: str | None) -> Decimal | None:
        return parse_amount(text) if text else None

    claim_lines = [
        (
            c["claim_no"], c["office_claim_no"], STATUS_LABELS.get(c["status"], "未知状态"),
            amount(c["approved"]), amount(c["paid"]),
            dt.date.fromisoformat(c["paid_on"]) if c["paid_on"] else None, c["reason"],
        )  # fmt: skip
        for c in claims
    ]
    enrollment_lines = [
        (e["id_number"], names.plan(e["plan"]), e["period"], OUTCOME_LABELS[e["outcome"]], e["reason"])
        for e in enrollments
    ]
    write_tables(
        path,
        [
            Table("理赔处理结果", columns(CLAIM_HEADER, CLAIM_KINDS), claim_lines),
            Table("参保审核结果", columns(ENROLLMENT_HEADER, ENROLLMENT_KINDS), enrollment_lines),
        ],
    )
