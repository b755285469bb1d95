"""The papers of an enrollment: 团体申请表 and 人员手册 as PDF and .xlsx, and the USB batch."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.io import batch as batch_io
from app.io import roster_xlsx
from app.models import Batch, CoveragePeriod, Enrollment, Member, Unit
from app.models.db import SessionFactory
from app.services import audit
from app.services.auth import Actor
from app.services.batch_seal import past_orphans, seal
from app.services.contributions import ContributionService
from app.services.enrollment import EnrollmentService
from app.services.enrollment_figures import figures_of
from app.services.errors import NotFound, ServiceError
from app.services.keys import KeyService
from app.services.paper_marks import enrollment_mark
from app.services.plans import PlanService
from app.services.settings import SettingsService

if TYPE_CHECKING:
    from app.io import pdf_enrollment

ROSTER_COPIES = 3  # "此表一式三份" (seed 004)


@dataclass(frozen=True)
class BatchInfo:
    id: int
    number: int
    folder: str
    created_at: dt.datetime
    members: int


class EnrollmentDocuments:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor

    def _plan_title(self, period: CoveragePeriod) -> str:
        return PlanService(self._sessions, self.actor).catalogue().get(period.plan_code, period.start).name

    def group_application(
        self, unit_id: int, period_id: int, today: dt.date | None = None
    ) -> pdf_enrollment.GroupApplication:
        today = today or dt.date.today()
        ov = EnrollmentService(self._sessions, self.actor).overview(unit_id, period_id, today)
        due = ContributionService(self._sessions, self.actor).due(unit_id, period_id, today, ov)
        members = self._manifest_members(unit_id, period_id)  # what the paper code binds
        fingerprint = KeyService(self._sessions).identity().fingerprint
        fig = figures_of(self._sessions, ov)
        with self._sessions() as s:
            unit = s.get(Unit, unit_id)
            period = s.get(CoveragePeriod, period_id)
            if unit is None or period is None:
                raise NotFound("单位或保障期不存在")
            in_service = unit.in_service_count or s.scalar(
                select(func.count(Member.id)).where(
                    Member.unit_id == unit_id, Member.employment == "in_service"
                )
            )
            title = self._plan_title(period)
            from app.io import pdf_enrollment  # reportlab loads when a paper is made, not at start

            return pdf_enrollment.GroupApplication(
                plan_title=title,
                period_no=period.number,
                unit_name=unit.name,
                unit_code=unit.code,
                payment_date=next((p.paid_on for p in reversed(due.payments) if not p.voided), None),
                chair_name=unit.chair_name,
                chair_contact=unit.chair_phone,
                handler_name=unit.handler_name,
                handler_contact=unit.handler_phone,
                address=unit.address,
                fee_standard=fig.fee.per_person,
                payer_count=fig.fee.payers,
                amount=fig.fee.payable,
                participation_ratio=f"{fig.enrolled}/{fig.members} = {fig.member_rate}",
                in_service=int(in_service or 0),
                paper=enrollment_mark(
                    "GA",
                    members,
                    unit.code,
                    period.plan_code,
                    period.number,
                    due.enrolled,
                    due.payable,
                    fingerprint,
                ),  # fmt: skip
                subsidy=fig.fee.subsidy,
                member_pays=fig.fee.member_pays,
                enrolled=fig.enrolled,
                free_count=fig.fee.free,
                period_start=period.start,
                period_end=period.end,
            )

    def personnel_roster(self, unit_id: int, period_id: int) -> pdf_enrollment.PersonnelRoster:
        with self._sessions() as s:
            unit = s.get(Unit, unit_id)
            period = s.get(CoveragePeriod, period_id)
            if unit is None or period is None:
                raise NotFound("单位或保障期不存在")
            rows = s.execute(
                select(Member.name, Member.gender, Member.id_number, Member.medical_card)
                .join(Enrollment, Enrollment.member_id == Member.id)
                .where(
                    Enrollment.unit_id == unit_id,
                    Enrollment.period_id == period_id,
                    Enrollment.status == "active",
                )
                .order_by(Member.name_key)
            ).all()
            from app.io import pdf_enrollment  # reportlab loads when a paper is made, not at start

            lines = [pdf_enrollment.RosterLine(i, *r) for i, r in enumerate(rows, start=1)]
            mark = enrollment_mark("PR", self._manifest_members(unit_id, period_id), unit.code,
                                   period.plan_code, period.number, len(lines), None)  # fmt: skip
            return pdf_enrollment.PersonnelRoster(self._plan_title(period), unit.name, lines, mark)

    def _manifest_members(self, unit_id: int, period_id: int) -> list[dict[str, object]]:
        """Each enrolled member as the office's importer checks it again (same rules as at the unit)."""
        with self._sessions() as s:
            rows = s.execute(
                select(Member.id_number, Member.name, Enrollment.effective_date, Enrollment.shares,
                       Member.employment, Member.basic_medical_insurance, Member.engagement,
                       Member.engagement_months)
                .join(Enrollment, Enrollment.member_id == Member.id)
                .where(Enrollment.unit_id == unit_id, Enrollment.period_id == period_id,
                       Enrollment.status == "active")
                .order_by(Member.name_key)
            ).all()  # fmt: skip
        return [
            {"id_number": number, "name": name, "effective_date": effective.isoformat(), "shares": shares,
             "employment": employment, "basic_medical_insurance": bool(insured), "engagement": engagement,
             "engagement_months": months}
            for number, name, effective, shares, employment, insured, engagement, months in rows
        ]  # fmt: skip

    def printing_warnings(self, unit_id: int, period_id: int) -> list[str]:
        """Names with characters the embedded font lacks (they would print blank)."""
        from app.io import pdf_enrollment  # reportlab loads when a paper is made, not at start

        return pdf_enrollment.check_printable(
            line.name for line in self.personnel_roster(unit_id, period_id).rows
        )

    def print_group_application(
        self, unit_id: int, period_id: int, out: Path, copies: int | None = None
    ) -> None:
        """The office's own print: copies from the settings unless given, the seal on its copy."""
        settings = SettingsService(self._sessions)
        printing = settings.load().printing
        application = self.group_application(unit_id, period_id)
        copies = copies or printing.application_copies
        from app.io import pdf_enrollment  # reportlab loads when a paper is made, not at start

        pdf_enrollment.write_group_application(out, application, copies, seal=settings.seal_print(printing))

    def print_personnel_roster(
        self,
        unit_id: int,
        period_id: int,
        out: Path,
        copies: int | None = None,
        progress: pdf_enrollment.Progress | None = None,
        cancel: pdf_enrollment.CancelCheck | None = None,
    ) -> int:
        roster = self.personnel_roster(unit_id, period_id)
        if not roster.rows:
            raise ServiceError("本期该单位还没有人参保，无可打印的人员手册")
        settings = SettingsService(self._sessions)
        printing = settings.load().printing
        from app.io import pdf_enrollment  # reportlab loads when a paper is made, not at start

        pdf_enrollment.write_personnel_roster(
            out,
            roster,
            copies or printing.roster_copies,
            progress=progress,
            cancel=cancel,
            seal=settings.seal_print(printing),
        )
        return len(roster.rows)

    # -- USB batch -------------------------------------------------------------------------
    def batches(self, unit_id: int) -> list[BatchInfo]:
        with self._sessions() as s:
            rows = s.scalars(
                select(Batch)
                .where(Batch.unit_id == unit_id, Batch.kind == "enrollment", Batch.direction == "export")
                .order_by(Batch.number)
            )
            return [
                BatchInfo(b.id, b.number, b.folder, b.created_at, json.loads(b.manifest)["counts"]["members"])
                for b in rows
            ]

    def export_batch(
        self,
        unit_id: int,
        period_id: int,
        out_dir: Path,
        password: str | None = None,
        today: dt.date | None = None,
    ) -> Path:
        """One numbered batch folder: 人员手册 and 团体申请表 as .xlsx and PDF, and the manifest."""
        self.actor.require("enrollment.write")
        today = today or dt.date.today()
        roster = self.personnel_roster(unit_id, period_id)
        if not roster.rows:
            raise ServiceError("本期该单位还没有人参保，不能生成上报批次")
        application = self.group_application(unit_id, period_id, today)
        with self._sessions() as s:
            period = s.get(CoveragePeriod, period_id)
            assert period is not None
            number = 1 + (
                s.scalar(
                    select(func.max(Batch.number)).where(
                        Batch.unit_id == unit_id, Batch.kind == "enrollment", Batch.direction == "export"
                    )
                )
                or 0
            )

        def name_of(n: int) -> str:
            return f"{application.unit_code}_第{period.number}期_{today:%Y%m%d}_批{n:03d}"

        number = past_orphans(Path(out_dir), number, name_of)
        folder = name_of(number)
        from app.io import pdf_enrollment  # reportlab and openpyxl load when a batch is made
        from app.io.group_application_xlsx import write_group_application_xlsx

        xlsx_rows = [
            roster_xlsx.PersonnelRow(r.name, r.gender, r.id_number, r.medical_card) for r in roster.rows
        ]
        files: dict[str, batch_io.FileWriter] = {
            "人员手册.xlsx": lambda p: roster_xlsx.write_personnel_roster(
                p, title=roster.plan_title, unit_name=roster.unit_name, members=xlsx_rows
            ),
            "团体申请表.xlsx": lambda p: write_group_application_xlsx(p, application),
            "人员手册.pdf": lambda p: pdf_enrollment.write_personnel_roster(p, roster, ROSTER_COPIES),
            "团体申请表.pdf": lambda p: pdf_enrollment.write_group_application(p, application),
        }
        manifest = {
            "kind": "enrollment",
            "batch_no": number,
            "unit": {"code": application.unit_code, "name": application.unit_name},
            "plan": period.plan_code,
            "period": period.number,
            "counts": {"members": len(roster.rows), "payers": application.payer_count},
            "totals": {
                "fee_standard": f"{application.fee_standard:.2f}",
                "amount": f"{application.amount:.2f}",
            },
            "period_info": {
                "start": period.start.isoformat(), "end": period.end.isoformat(),
                "collect_from": period.collect_from.isoformat() if period.collect_from else None,
                "collect_to": period.collect_to.isoformat() if period.collect_to else None,
                "fee_standard": f"{application.fee_standard:.2f}", "tier": period.tier,
            },
            "members": self._manifest_members(unit_id, period_id),
        }  # fmt: skip
        path = seal(self._sessions, self.actor, Path(out_dir), folder, files, manifest, password=password)
        with self._sessions.begin() as s:
            row = Batch(
                kind="enrollment",
                direction="export",
                number=number,
                unit_id=unit_id,
                period_id=period_id,
                folder=str(path),
                manifest=(path / batch_io.MANIFEST).read_text(encoding="utf-8"),
                created_by=self.actor.user_id,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.actor,
                "export_batch",
                "unit",
                unit_id,
                batch=number,
                folder=path.name,
                members=len(roster.rows),
                encrypted=bool(password),
            )
        return path
