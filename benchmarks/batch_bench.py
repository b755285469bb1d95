"""The office imports a 100,000-member enrollment batch; target ≤ 2 × the roster import (#2) of
the same people, both measured in this run."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, data_dir_in, pair, print_table

PLAN = "weihai-2012-supplementary-medical"


def main(members: int = 100_000) -> list[Figure]:
    from app.models.db import open_database
    from app.services import demo, roster_import
    from app.services.batch_import import BatchImporter
    from app.services.enrollment import EnrollmentService
    from app.services.enrollment_documents import EnrollmentDocuments
    from app.services.periods import PeriodService
    from app.services.roster import RosterService, UnitDraft
    from app.services.users import OfficeInfo, UserService

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp_name, data_dir_in(Path(tmp_name)):
        tmp = Path(tmp_name)
        e2, office = open_database(f"sqlite:///{tmp / 'office.db'}")
        a2 = UserService(office).set_up(OfficeInfo("办事处", "办事处", ""), "admin", "bench-pass")
        engine, unit_side = open_database(f"sqlite:///{tmp / 'unit.db'}")
        admin = UserService(unit_side).set_up(OfficeInfo("基层工会", "基层工会", ""), "admin", "bench-pass")
        demo.generate(unit_side, admin, units=1, members=members, seed=21)
        period = PeriodService(unit_side, admin).create(
            PLAN,
            1,
            dt.date(2012, 3, 12),
            dt.date(2013, 3, 11),
            "36",
            dt.date(2012, 3, 1),
            dt.date(2012, 5, 12),
        )
        EnrollmentService(unit_side, admin).enroll_all_eligible(
            1, period.id, dt.date(2012, 3, 12), as_of=dt.date(2012, 3, 5)
        )
        pair((unit_side, admin), (office, a2), tmp / "keys")
        t = time.perf_counter()
        folder = EnrollmentDocuments(unit_side, admin).export_batch(
            1, period.id, tmp / "usb", today=dt.date(2012, 3, 20)
        )
        print(f"exported the batch in {time.perf_counter() - t:.1f} s")
        engine.dispose()

        # Baseline: the roster import of #2 of the same 人员手册.xlsx into an empty office database.
        e1, base = open_database(f"sqlite:///{tmp / 'base.db'}")
        a1 = UserService(base).set_up(OfficeInfo("办事处", "办事处", ""), "admin", "bench-pass")
        RosterService(base, a1).save_unit(UnitDraft("B1", "基准"))
        t = time.perf_counter()
        report = roster_import.import_roster(base, a1, folder / "人员手册.xlsx", "B1")
        roster = time.perf_counter() - t
        e1.dispose()

        t = time.perf_counter()
        result = BatchImporter(office, a2).import_batch(folder)
        imported = time.perf_counter() - t
        e2.dispose()
        figures.append(
            Figure(
                f"import a {report.imported}-member enrollment batch",
                imported,
                "s",
                "roster import of the same 人员手册.xlsx",
                roster,
                "≤ 2 × baseline",
                imported <= 2 * roster,
            )
        )
        assert result.imported
    print_table(f"batch import benchmark ({members} members)", figures)
    return figures
