"""The papers of claims: application/audit forms (many into one PDF), the 补件通知, the bank's
payment list, and the claims batch for the higher office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.io.xlsx_table import Kind, Table, columns, write_tables
from app.models import Batch, Claim, ClaimStep, Member, Unit, User
from app.models.db import SessionFactory
from app.rules.idnumber import age_on
from app.rules.money import parse_amount
from app.rules.plans import PlanCatalogue
from app.services import audit
from app.services.auth import Actor
from app.services.batch_seal import kept_manifest, past_orphans, seal
from app.services.claim_period import period_figures
from app.services.claim_queries import ClaimFull, ClaimQueries, ClaimRow
from app.services.code_labels import PlanNames
from app.services.errors import NotFound, ServiceError
from app.services.paper_marks import claim_mark
from app.services.plans import PlanService
from app.services.users import OfficeInfo, UserService

if TYPE_CHECKING:  # reportlab and openpyxl load when a paper is made, not when the window starts
    from app.io import pdf_claims

CLAIMS_HEADER = [
    "理赔编号",
    "会员",
    "身份证号码",
    "单位",
    "受益人",
    "方案",
    "项目",
    "事件日期",
    "申请日期",
    "状态",
    "核定金额",
    "批准金额",
    "已付金额",
    "支付日期",
]  # what a claims batch's reader requires; the list written also carries the approval's reason
CLAIMS_WRITTEN = [*CLAIMS_HEADER, "批准原因"]
CLAIMS_KINDS: tuple[Kind, ...] = (
    "code", "text", "code", "text", "text", "text", "text", "date", "date", "text",
    "money", "money", "money", "date", "text",
)  # fmt: skip


class ClaimDocuments:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor
        self._queries = ClaimQueries(sessions)
        self._catalogue_cache: PlanCatalogue | None = None
        self._office_cache: tuple[OfficeInfo | None] | None = None

    def _catalogue(self) -> PlanCatalogue:
        if self._catalogue_cache is None:
            self._catalogue_cache = PlanService(self._sessions, self.actor).catalogue()
        return self._catalogue_cache

    def _names(self) -> PlanNames:
        return PlanNames(self._catalogue())

    def _office(self) -> OfficeInfo | None:
        if self._office_cache is None:
            self._office_cache = (UserService(self._sessions).office(),)
        return self._office_cache[0]

    def form(self, claim_no: str) -> pdf_claims.ClaimForm:
        full = self._queries.get(claim_no)
        r = full.row
        catalogue = self._catalogue()
        plan = catalogue.get(r.plan_code, r.event_date)
        benefit = plan.benefits.get(r.benefit)
        facts = full.facts
        with self._sessions() as s:
            m = s.get(Member, r.member_id)
            if m is None:
                raise NotFound("会员不存在")
            slots = self._slots(s, r) if plan.form == "weihai" else ()  # the form's four claim slots
            office = self._office()
            from app.io import pdf_claims

            return pdf_claims.ClaimForm(
                claim_no=r.claim_no,
                plan_code=r.plan_code,
                plan_name=plan.name,
                layout=plan.form,
                benefit_name=benefit.name if benefit else r.benefit,
                applicant_name=m.name,
                gender=m.gender,
                age=age_on(m.birth_date, r.applied_on),
                id_number=m.id_number,
                phone=m.phone,
                unit_name=r.unit_name,
                in_basic_insurance=m.basic_medical_insurance,
                amount_due=r.amount,
                cap=r.cap,
                beneficiary_name="" if full.relation == "self" else r.beneficiary.split("（")[0],
                relation=full.relation,
                event_date=r.event_date,
                treatment_start=_date(facts.get("treatment_start") or facts.get("admission_date")),
                treatment_end=_date(facts.get("treatment_end") or facts.get("discharge_date")),
                total_cost=_money(facts.get("total_cost")),
                insurance_paid=_money(facts.get("insurance_paid")),
                trace=full.trace,
                reasons=tuple(msg for _code, msg in full.reasons),
                materials=full.materials,
                bank_name=m.bank_name,
                bank_account=m.bank_account,
                jingka_card=m.jingka_card,
                claim_type=benefit.claim_type if benefit else None,
                # seed 003: the Jingka holders' form only for a holder whose unit remits union funds
                paying_member=not (bool(m.jingka_card) and _remits(s, r.unit_id)),
                self_pay_1=_money(facts.get("self_pay_1")),
                claim_period=str(facts.get("period") or ""),
                slots=slots,
                status_label=r.status_label,
                office_name=office.name if office else "",
                social_security_card=m.social_security_card,
                approved=r.approved,
                approval_reason=approval_reason(s, r.id) if r.approved is not None else "",
                paper=claim_mark(s.get(Unit, r.unit_id).code, r),  # type: ignore[union-attr]
                signers=_signers(s, r.id),
            )

    def _slots(self, s: Session, r: ClaimRow) -> tuple[Decimal, ...]:
        """The Weihai form's claims 1–4: this member's applications in the coverage period, up to
        this one (never the calendar year); a 5th is refused by the rules, never dropped here."""
        claim = s.get(Claim, r.id)
        assert claim is not None
        slots = period_figures(s, claim, self._catalogue()).slots
        from app.io.pdf_claims_weihai import MAX_SLOTS

        if len(slots) > MAX_SLOTS:
            raise ServiceError(
                f"理赔 {r.claim_no} 是本保障期第 {len(slots)} 次申请，每个保障期最多申请 {MAX_SLOTS} 次，"
                "申请审核表只有 4 栏"
            )
        return slots

    def print_forms(self, claim_nos: Sequence[str], out: Path, progress=None, cancel=None) -> list[str]:  # type: ignore[no-untyped-def]
        if not claim_nos:
            raise ServiceError("没有选择理赔")
        from app.io import pdf_claims

        forms = [self.form(no) for no in claim_nos]
        return pdf_claims.write_claim_forms(out, forms, progress=progress, cancel=cancel)

    def print_notice(self, claim_no: str, out: Path, deadline: dt.date | None = None) -> list[str]:
        form = self.form(claim_no)
        if not form.missing_materials:
            raise ServiceError(f"理赔 {claim_no} 材料齐全，无需补件通知")
        from app.io import pdf_claims

        return pdf_claims.write_missing_materials_notice(
            out, form, deadline=deadline, issued_on=dt.date.today()
        )

    def payment_list(self, out: Path, rows: Sequence[ClaimRow] | None = None) -> int:
        """The bank's list of approved, unpaid claims: payee, account, amount (IDs and accounts as text)."""
        from app.services.payments import Payments

        return Payments(self._sessions, self.actor).export_due(out, rows)

    def export_claims(
        self,
        unit_code: str,
        date_from: dt.date,
        date_to: dt.date,
        out_dir: Path,
        password: str | None = None,
        today: dt.date | None = None,
    ) -> Path:
        """A claims batch in the batch format: the list as .xlsx, the forms as one PDF, the manifest."""
        self.actor.require("claims.write")
        today = today or dt.date.today()
        with self._sessions() as s:
            unit = s.query(Unit).filter(Unit.code == unit_code).first()
            if unit is None:
                raise NotFound(f"单位编码“{unit_code}”不存在")
            unit_id, unit_name = unit.id, unit.name
            number = 1 + max(
                (
                    b.number
                    for b in s.query(Batch).filter(
                        Batch.unit_id == unit_id, Batch.kind == "claims", Batch.direction == "export"
                    )
                ),
                default=0,
            )
        rows = [
            r
            for r in self._queries.list(unit_id=unit_id, date_from=date_from, date_to=date_to)
            if r.status != "draft"
        ][::-1]
        if not rows:
            raise ServiceError(f"{unit_name} 在 {date_from} 至 {date_to} 没有已受理的理赔")
        fulls = [self._queries.get(r.claim_no) for r in rows]
        with self._sessions() as s:
            reasons = {r.claim_no: approval_reason(s, r.id) for r in rows if r.approved is not None}
        def name_of(n: int) -> str:
            return f"{unit_code}_理赔_{date_from:%Y%m%d}-{date_to:%Y%m%d}_{today:%Y%m%d}_批{n:03d}"

        number = past_orphans(Path(out_dir), number, name_of)
        folder = name_of(number)
        def forms_pdf(p: Path) -> None:
            self.print_forms([r.claim_no for r in rows], p)

        files = {
            "理赔清单.xlsx": lambda p: _claims_xlsx(p, fulls, reasons, self._names()),
            "申请审核表.pdf": forms_pdf,
        }
        manifest = {
            "kind": "claims",
            "batch_no": number,
            "unit": {"code": unit_code, "name": unit_name},
            "range": [date_from.isoformat(), date_to.isoformat()],
            "counts": {"claims": len(rows)},
            "totals": {
                "amount": f"{sum((r.amount for r in rows), Decimal(0)):.2f}",
                "approved": f"{sum((r.approved or Decimal(0) for r in rows), Decimal(0)):.2f}",
                "paid": f"{sum((r.paid or Decimal(0) for r in rows), Decimal(0)):.2f}",
            },
            "claims": [
                {
                    "claim_no": f.row.claim_no,
                    "id_number": f.row.id_number,
                    "status": f.row.status,
                    "event": f.row.event_key,
                    "plan": f.row.plan_code,
                    "benefit": f.row.benefit,
                    "facts": f.facts,
                    "materials": [name for name, received in f.materials if received],
                }
                for f in fulls
            ],
        }
        path = seal(self._sessions, self.actor, Path(out_dir), folder, files, manifest, password=password)
        with self._sessions.begin() as s:
            s.add(
                Batch(
                    kind="claims",
                    direction="export",
                    number=number,
                    unit_id=unit_id,
                    period_id=None,
                    folder=str(path),
                    manifest=kept_manifest(path, manifest),
                    created_by=self.actor.user_id,
                )
            )
            audit.record(s, self.actor, "export_claims", "unit", unit_id, batch=number, claims=len(rows))
        return path


def approval_reason(s: Session, claim_id: int) -> str:
    """The reason given when the claim was approved (why below the computed amount), if any."""
    reason = s.scalar(
        select(ClaimStep.reason)
        .where(ClaimStep.claim_id == claim_id, ClaimStep.action == "approve")
        .order_by(ClaimStep.id.desc())
        .limit(1)
    )
    return reason or ""


def _claims_xlsx(path: Path, fulls: Sequence[ClaimFull], reasons: dict[str, str], names: PlanNames) -> None:
    lines = [
        (
            r.claim_no,
            r.member_name,
            r.id_number,
            r.unit_name,
            r.beneficiary,
            names.plan(r.plan_code),
            names.benefit(r.plan_code, r.benefit),
            r.event_date,
            r.applied_on,
            r.status_label,
            r.amount,
            r.approved,
            r.paid,
            r.paid_on,
            reasons.get(r.claim_no, ""),
        )  # fmt: skip
        for r in (f.row for f in fulls)
    ]
    write_tables(path, [Table("理赔清单", columns(CLAIMS_WRITTEN, CLAIMS_KINDS), lines)])


def _remits(s: Session, unit_id: int) -> bool:
    unit = s.get(Unit, unit_id)
    return bool(unit and unit.remits_union_funds)


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _money(value: object) -> Decimal | None:
    return parse_amount(str(value), field="费用") if value not in (None, "") else None


def _signers(s: Session, claim_id: int) -> tuple[tuple[str, str], ...]:
    """(step, name) of the claim's workflow steps, the latest of each: the forms' 经办人 and 审核人
    lines carry who did them (the user's display name, else the login name)."""
    rows = s.execute(
        select(ClaimStep.action, ClaimStep.username, User.display_name)
        .outerjoin(User, User.id == ClaimStep.user_id)
        .where(ClaimStep.claim_id == claim_id)
        .order_by(ClaimStep.id)
    )
    names = {action: (shown or username) for action, username, shown in rows}
    return tuple(names.items())
