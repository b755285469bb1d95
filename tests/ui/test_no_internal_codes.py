"""No internal code reaches a clerk: from demo data (units, members, enrollments, payments, claims
at every stage, a member's details edited), every sheet, list, warning and audit-log text the
program shows or writes is scanned for plan codes, snake_case names and raw JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from python_calamine import CalamineWorkbook
from sqlalchemy import select

from app.io.stats_xlsx import write_table
from app.models import AuditEvent, Claim, CoveragePeriod, Member
from app.models.db import SessionFactory
from app.services import demo
from app.services.audit_text import AuditNames, describe
from app.services.auth import Actor
from app.services.claim_documents import ClaimDocuments, _claims_xlsx
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from app.services.code_labels import PlanNames
from app.services.plans import PlanService
from app.services.roster import RosterService
from app.services.statistics import StatisticsService
from app.ui.audit_tab import AuditTab
from app.ui.claims.claims_tab import ClaimsTab
from app.ui.plans.plans_tab import PlansTab

CODE_PATTERNS = {
    "plan code": re.compile(r"\b[a-z]+(?:-[a-z0-9]+){2,}\b"),
    "snake_case name": re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"),
    "raw JSON": re.compile(r"[{\[]\s*\""),
}


def codes_in(texts: list[str]) -> list[tuple[str, str]]:
    return [(kind, t) for t in texts for kind, rx in CODE_PATTERNS.items() if rx.search(t)]


def _sheet_texts(path: Path) -> list[str]:
    book = CalamineWorkbook.from_path(str(path))
    sheets = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
    return [str(v) for rows in sheets for row in rows for v in row]


def _model_texts(model) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            value = model.index(r, c).data()
            if value not in (None, ""):
                out.append(str(value))
    return out


def _office(sessions: SessionFactory, admin: Actor, auditor: Actor) -> None:
    demo.generate(sessions, admin, units=3, members=24, seed=5)
    today = dt.date.today()
    demo.activity(sessions, admin, today=today)
    with sessions() as s:
        audited = s.scalars(select(Claim.claim_no).where(Claim.status == "office_audited")).first()
        member_id = s.scalars(select(Member.id).order_by(Member.id)).first()
    assert audited and member_id
    ClaimService(sessions, auditor).act(audited, "approve")
    roster = RosterService(sessions, admin)
    detail = roster.member(member_id)
    draft = dataclasses.replace(detail.draft, phone="13912345678", employment="retired")
    roster.update_member(member_id, draft, detail.family, detail.version)


def test_no_internal_codes_in_what_a_clerk_sees(
    qtbot, tmp_path: Path, sessions: SessionFactory, admin: Actor, auditor: Actor
) -> None:  # type: ignore[no-untyped-def]
    _office(sessions, admin, auditor)
    texts: list[str] = []
    # The audit log: every entry's sentence and details, as the 审计日志 tab shows them.
    names = AuditNames(sessions)
    with sessions() as s:
        entries = list(s.execute(select(AuditEvent.at, AuditEvent.username, AuditEvent.action,
                                        AuditEvent.entity, AuditEvent.entity_id, AuditEvent.detail)))
    described = [describe(*e, names) for e in entries]  # type: ignore[arg-type]
    texts += [d.sentence for d in described] + [f"{k}：{v}" for d in described for k, v in d.details]
    edit = next(d.sentence for d in described if "电话从" in d.sentence)
    assert "在职状态从“在职”改为“退休”" in edit and "把会员“" in edit, edit
    tab = AuditTab(sessions, admin)
    qtbot.addWidget(tab)
    texts += _model_texts(tab.model)
    assert "：" in tab.show_details(0)
    # Sheets: the bank's payment list, the claims list, a statistics table.
    docs = ClaimDocuments(sessions, admin)
    assert docs.payment_list(tmp_path / "付款清单.xlsx") == 1
    queries = ClaimQueries(sessions)
    fulls = [queries.get(r.claim_no) for r in queries.list()]
    _claims_xlsx(tmp_path / "理赔清单.xlsx", fulls, {}, PlanNames(PlanService(sessions, admin).catalogue()))
    with sessions() as s:
        period_id = s.scalars(select(CoveragePeriod.id).order_by(CoveragePeriod.id)).first()
    header, rows = StatisticsService(sessions, admin).participation(period_id).table()
    write_table(tmp_path / "参保率.xlsx", "参保率", header, rows)
    for name in ("付款清单", "理赔清单", "参保率"):
        texts += _sheet_texts(tmp_path / f"{name}.xlsx")
    # Lists and warnings in the window: the claims table, each claim's warnings, the 保障计划 tab.
    claims = ClaimsTab(sessions, admin)
    claims.quiet = True
    qtbot.addWidget(claims)
    texts += _model_texts(claims.model)
    texts += [w for f in fulls for w in f.row.__dict__.get("warnings", ())]
    plans = PlansTab(sessions, admin)
    qtbot.addWidget(plans)
    for row in range(plans.plans.count()):
        texts.append(plans.plans.item(row).text())
        plans.plans.setCurrentRow(row)
        texts.append(plans.description.toPlainText())
        texts += [
            plans.figures.item(r, c).text()
            for r in range(plans.figures.rowCount())
            for c in range(plans.figures.columnCount())
            if plans.figures.item(r, c) is not None
        ]
    assert len(texts) > 200
    found = codes_in(texts)
    assert found == [], "\n".join(f"{k}: {t}" for k, t in found)
