"""Enrollment at a large unit: enroll 20,000 members with one action and export the USB batch.

Baselines measured in the same run: a bare SQL insert of the same 20,000 enrollment rows (the
floor for writing them), and a bare openpyxl write_only of the roster's cells (the floor for the
batch's largest file).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, data_dir_in, pair, print_table


def main(members: int = 20_000) -> list[Figure]:
    from openpyxl import Workbook
    from sqlalchemy import select

    from app.models import Member
    from app.models.db import open_database
    from app.services import demo
    from app.services.enrollment import EnrollmentService
    from app.services.enrollment_documents import EnrollmentDocuments
    from app.services.periods import PeriodService
    from app.services.users import OfficeInfo, UserService

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp_name, data_dir_in(Path(tmp_name)):
        tmp = Path(tmp_name)
        engine, sessions = open_database(f"sqlite:///{tmp / 'e.db'}")
        admin = UserService(sessions).set_up(OfficeInfo("基准", "办事处", ""), "admin", "bench-pass")
        e2, office = open_database(f"sqlite:///{tmp / 'office.db'}")
        office_admin = UserService(office).set_up(OfficeInfo("市办事处", "办事处", ""), "admin", "bench-pass")
        demo.generate(sessions, admin, units=1, members=members, seed=11)
        period = PeriodService(sessions, admin).create(
            "weihai-2012-supplementary-medical",
            1,
            dt.date(2012, 3, 12),
            dt.date(2013, 3, 11),
            "36",
            dt.date(2012, 3, 1),
            dt.date(2012, 5, 12),
        )
        service = EnrollmentService(sessions, admin)
        with sessions() as s:
            ids = list(s.scalars(select(Member.id)))
        t = time.perf_counter()
        n = service.enroll_all_eligible(1, period.id, dt.date(2012, 3, 12), as_of=dt.date(2012, 3, 5))
        enroll = time.perf_counter() - t
        # Baseline: the same number of enrollment rows through one executemany, nothing checked.
        with engine.begin() as conn:
            t = time.perf_counter()
            conn.exec_driver_sql(
                "INSERT INTO enrollments (member_id, period_id, unit_id, shares, effective_date, status, "
                "cancel_reason, created_at, version) VALUES (?, ?, 1, 1, '2012-03-12', 'cancelled', '', "
                "'2012-03-05 00:00:00', 1)",
                [(mid, period.id) for mid in ids[:n]],
            )
            raw = time.perf_counter() - t
        figures.append(
            Figure(
                f"enroll all eligible ({n} of {members})",
                enroll,
                "s",
                "bare executemany of the same rows",
                raw,
                "informative",
            )
        )
        pair((sessions, admin), (office, office_admin), tmp / "keys")
        e2.dispose()
        docs = EnrollmentDocuments(sessions, admin)
        t = time.perf_counter()
        folder = docs.export_batch(1, period.id, tmp / "usb", today=dt.date(2012, 3, 20))
        export = time.perf_counter() - t
        roster = docs.personnel_roster(1, period.id)
        t = time.perf_counter()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("x")
        for r in roster.rows:
            ws.append([r.seq, r.name, r.gender, r.id_number, r.medical_card])
        wb.save(tmp / "bare.xlsx")
        bare = time.perf_counter() - t
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        figures.append(
            Figure(
                f"export batch (xlsx×2 + PDF×2, {size:.1f} MB)",
                export,
                "s",
                "bare write_only of the roster cells",
                bare,
                "informative",
            )
        )
        engine.dispose()
    print_table(f"enrollment benchmark ({members} members in one unit)", figures)
    return figures
