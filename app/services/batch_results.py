"""The round trip: the office's decisions for a unit as a results batch, and the unit taking them in.

The office answers line by line in the unit's own terms, from the exchange links its imports
left: each claim by the unit's claim number (status, approved and paid amounts, payment date,
the office's reason), each enrollment by ID number, plan and period (accepted or refused).
At the unit the decisions become claim steps whose reason names the office, and refused
enrollments are cancelled with the office's reason. A results batch taken in twice changes
nothing (its manifest SHA-256 is recorded); a claim never moves backwards.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
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
    Claim,
    ClaimStep,
    CoveragePeriod,
    Enrollment,
    ExchangeLink,
    OfficeProfile,
    Unit,
)
from app.models.db import SessionFactory
from app.rules.money import from_fen, parse_amount, to_fen
from app.services import audit
from app.services.auth import Actor
from app.services.batch_seal import BatchRefused, Opened, open_sealed, past_orphans, seal
from app.services.claims import STATUS_LABELS
from app.services.code_labels import PlanNames
from app.services.errors import NotFound, ServiceError
from app.services.plans import PlanService
from app.services.results_intake import ResultsPreview, apply_results, plan_results, refuse

RESULTS_FILE = "处理结果.xlsx"
CLAIM_HEADER = ["单位理赔编号", "办事处理赔编号", "状态", "批准金额", "支付金额", "支付日期", "原因"]
ENROLLMENT_HEADER = ["身份证号码", "方案", "期数", "结果", "原因"]
CLAIM_KINDS: tuple[Kind, ...] = ("code", "code", "text", "money", "money", "date", "text")
ENROLLMENT_KINDS: tuple[Kind, ...] = ("code", "text", "int", "text", "text")
OUTCOME_LABELS = {"accepted": "已接受", "refused": "不予参保"}


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
        def name_of(n: int) -> str:
            return f"{unit_code}_处理结果_{today:%Y%m%d}_批{n:03d}"

        number = past_orphans(Path(out_dir), number, name_of)
        manifest = {
            "kind": "results",
            "batch_no": number,
            "unit": {"code": unit_code, "name": unit_name},
            "office": {"name": office.name if office else "", "level": office.level if office else ""},
            "counts": {"claims": len(claims), "enrollments": len(enrollments)},
            "claims": claims,
            "enrollments": enrollments,
        }
        folder = name_of(number)
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
    def preview_results(self, folder: Path, password: str | None = None) -> ResultsPreview:
        """What taking the results batch in would change here (refusals listed, nothing raised)."""
        try:
            with self._opened(Path(folder), password) as opened, self._sessions() as s:
                return plan_results(s, opened)
        except BatchRefused as exc:
            return ResultsPreview(Path(folder), "", refusals=tuple(exc.reasons))

    def import_results(self, folder: Path, password: str | None = None) -> ResultsReport:
        """Apply the office's decisions to this unit's own claims and enrollments, in one transaction:
        exactly what ``preview_results`` lists, or nothing when any line is refused."""
        self.actor.require("claims.write")
        folder = Path(folder)
        with self._opened(folder, password) as opened, self._sessions.begin() as s:
            preview = plan_results(s, opened)
            if preview.refusals:
                raise refuse(preview)
            if preview.already_imported:
                return ResultsReport(folder, True)
            apply_results(s, self.actor, opened, preview)
            return ResultsReport(
                folder, False, len(preview.claims), len(preview.cancellations), preview.notes
            )

    @contextlib.contextmanager
    def _opened(self, folder: Path, password: str | None) -> Iterator[Opened]:
        """The sealed results batch, its counts checked against its workbook's rows."""
        sealed = open_sealed(self._sessions, self.actor, folder, password, ("results",), (RESULTS_FILE,))
        with sealed as opened:
            manifest = opened.manifest
            try:
                claims, enrollments = list(manifest["claims"]), list(manifest["enrollments"])
                grids = load_grids(opened.plain(RESULTS_FILE))
                counts = manifest["counts"]
                rows = [sum(1 for r in g[1:] if any(v not in (None, "") for v in r)) for g in grids[:2]]
                str(manifest["unit"]["code"]), int(manifest["batch_no"])
                if not all(isinstance(x, dict) for x in (*claims, *enrollments)):
                    raise TypeError("行不是对象")
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
            yield opened


def _results_xlsx(
    path: Path, claims: list[dict[str, Any]], enrollments: list[dict[str, Any]], names: PlanNames
) -> None:
    """Two sheets a clerk can read and sum: numbers as text cells (@), money as numbers, dates as dates."""

    def amount(text: str | None) -> Decimal | None:
        return parse_amount(text) if text else None

    claim_lines = [
        (
            c["claim_no"],
            c["office_claim_no"],
            STATUS_LABELS.get(c["status"], "未知状态"),
            amount(c["approved"]),
            amount(c["paid"]),
            dt.date.fromisoformat(c["paid_on"]) if c["paid_on"] else None,
            c["reason"],
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
