"""Claims: 1,000 claim forms into one PDF (target ≤ 5 s) and deciding 100,000 stored claims.

Deciding stored claims reads each claim's facts back from the database, rebuilds the rules case
and decides it; the baseline is the rules engine alone on the same cases held in memory.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, print_table


def _seed_claims(sessions, admin, count: int) -> None:  # type: ignore[no-untyped-def]
    """Stored hospital-allowance claims, inserted in bulk (intake speed is not what is measured)."""
    from sqlalchemy import insert, select

    from app.models import Claim, Enrollment, Member

    with sessions.begin() as s:
        pairs = s.execute(
            select(Enrollment.member_id, Member.unit_id, Enrollment.id).join(
                Member, Enrollment.member_id == Member.id
            )
        ).all()
        rows = []
        for i in range(count):
            member_id, unit_id, enrollment_id = pairs[i % len(pairs)]
            admission = dt.date(2020, 2, 3) + dt.timedelta(days=i % 300)
            facts = {
                "admission_date": admission.isoformat(),
                "discharge_date": (admission + dt.timedelta(days=2 + i % 20)).isoformat(),
                "local": bool(i % 2),
                "hospital_grade": 2 + i % 2,
            }
            rows.append(
                {
                    "claim_no": f"C2020-{i + 1:06d}",
                    "member_id": member_id,
                    "relation": "self",
                    "unit_id": unit_id,
                    "enrollment_id": enrollment_id,
                    "plan_code": "jilin-2020-hospital-combo",
                    "plan_version": "2020-01-08",
                    "benefit": "hospital_allowance",
                    "event_key": f"stay-{i}",
                    "event_date": admission,
                    "facts": json.dumps(facts),
                    "applied_on": admission + dt.timedelta(days=30),
                    "status": "submitted",
                    "eligible": True,
                    "amount_fen": 0,
                    "cap_fen": 0,
                    "decision": "",
                    "materials": "[]",
                    "paid_account": "",
                    "paid_reference": "",
                    "version": 1,
                }
            )
        for k in range(0, len(rows), 5000):
            s.execute(insert(Claim), rows[k : k + 5000])


def main(stored: int = 100_000, forms: int = 1_000) -> list[Figure]:
    from app.io import pdf_claims
    from app.models.db import open_database
    from app.rules.case_json import parse_claim_case
    from app.rules.claims import evaluate_claim
    from app.rules.plans import load_plans
    from app.services import demo
    from app.services.claim_documents import ClaimDocuments
    from app.services.users import OfficeInfo, UserService

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        engine, sessions = open_database(f"sqlite:///{tmp / 'c.db'}")
        admin = UserService(sessions).set_up(OfficeInfo("基准", "办事处", ""), "admin", "bench-pass")
        demo.generate(sessions, admin, units=3, members=600, seed=5)
        from app.services.enrollment import EnrollmentService
        from app.services.periods import PeriodService

        period = PeriodService(sessions, admin).create(
            "jilin-2020-hospital-combo", 1, dt.date(2020, 2, 1), dt.date(2021, 1, 31), "110"
        )
        for uid in (1, 2, 3):
            EnrollmentService(sessions, admin).enroll_all_eligible(
                uid, period.id, dt.date(2020, 2, 1), as_of=dt.date(2020, 2, 1)
            )
        _seed_claims(sessions, admin, stored)

        # 1,000 forms into one PDF, from stored claims, against the bare PDF writer on ready forms.
        docs = ClaimDocuments(sessions, admin)
        numbers = [f"C2020-{i + 1:06d}" for i in range(forms)]
        t = time.perf_counter()
        built = [docs.form(no) for no in numbers]
        gather = time.perf_counter() - t
        t = time.perf_counter()
        pdf_claims.write_claim_forms(tmp / "forms.pdf", built)
        write = time.perf_counter() - t
        whole = gather + write
        figures.append(
            Figure(
                f"{forms} claim forms into one PDF (gather + write)",
                whole,
                "s",
                target="≤ 5 s",
                ok=whole <= 5,
            )
        )
        figures.append(Figure("  of which writing the PDF", write, "s", target="informative"))

        # Deciding all stored claims: read, rebuild cases, decide — vs the rules alone in memory.
        catalogue = load_plans()
        plan = catalogue.get("jilin-2020-hospital-combo")
        t = time.perf_counter()
        from sqlalchemy import select

        from app.models import Claim, Member

        with sessions() as s:
            stored_rows = s.execute(
                select(Claim.claim_no, Claim.facts, Claim.applied_on, Member.birth_date).join(
                    Member, Claim.member_id == Member.id
                )
            ).all()
        parsed = []
        for claim_no, facts_text, applied, born in stored_rows:
            facts = json.loads(facts_text)
            case = {
                "id": claim_no,
                "plan": plan.code,
                "benefit": "hospital_allowance",
                "applied_on": applied.isoformat(),
                "member": {"birth_date": born.isoformat(), "employment": "in_service", "categories": []},
                "coverage": {
                    "period_start": "2020-02-01",
                    "period_end": "2021-01-31",
                    "effective_date": "2020-02-01",
                },
                "event": facts,
            }
            parsed.append(parse_claim_case(case, catalogue))
        decided = [evaluate_claim(c, plan) for c in parsed]
        total = time.perf_counter() - t
        t = time.perf_counter()
        for c in parsed:
            evaluate_claim(c, plan)
        alone = time.perf_counter() - t
        assert len(decided) == stored
        figures.append(
            Figure(
                f"decide {stored} stored claims (read + rebuild + decide)",
                total,
                "s",
                "rules engine alone on the same cases",
                alone,
                f"{stored / total:,.0f} claims/s",
            )
        )
        engine.dispose()
    print_table(f"claims benchmark ({stored} stored claims, {forms} forms)", figures)
    return figures
