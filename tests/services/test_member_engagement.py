"""Seed 001 (issue 12 defect 4): 含正式职工、合同制职工、聘用期超过一年的临时职工 — a temporary worker
engaged for a year or less is not eligible for the Jilin plan, on the panel, when enrolling and in
the roster's files; the kind and the months are entered in the window, a file or the service."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.models.db import SessionFactory
from app.services import roster_import
from app.services.auth import Actor
from app.services.enrollment import EnrollmentService
from app.services.errors import InputErrors
from app.services.periods import PeriodService
from app.services.roster import RosterService
from tests import factories
from tests.factories_claims import JILIN
from tests.services.test_batch_import import make_site, office  # noqa: F401 - fixtures

D = dt.date


def test_a_short_temporary_engagement_is_not_eligible_and_cannot_be_enrolled(
    sessions: SessionFactory, clerk: Actor
) -> None:
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster)
    born = D(1985, 3, 3)
    regular = factories.member(roster, uid, "正式甲", factories.id_number(born))
    contract = factories.member(
        roster, uid, "合同乙", factories.id_number(born, male=False), engagement="contract"
    )
    temporary = {"engagement": "temporary"}
    long_temp = factories.member(
        roster, uid, "临时丙", factories.id_number(D(1986, 4, 4)), engagement_months=18, **temporary
    )
    short_temp = factories.member(
        roster, uid, "临时丁", factories.id_number(D(1987, 5, 5)), engagement_months=12, **temporary
    )
    period = PeriodService(sessions, clerk).create(JILIN, 1, D(2020, 2, 1), D(2021, 1, 31), "110")
    service = EnrollmentService(sessions, clerk)
    ov = service.overview(uid, period.id, D(2020, 2, 1))
    verdicts = {m.name: (m.eligible, m.reasons) for m in ov.members}
    assert verdicts["正式甲"][0] and verdicts["合同乙"][0] and verdicts["临时丙"][0]
    why = "为临时职工，聘用期 12 个月；本计划只接受聘用期超过 12 个月的临时职工"
    assert verdicts["临时丁"] == (False, (why,))
    assert ov.eligible_count == 3
    with pytest.raises(InputErrors, match="聘用期 12 个月"):
        service.enroll(uid, period.id, [short_temp], D(2020, 2, 1), as_of=D(2020, 2, 1))
    enrolled = service.enroll_all_eligible(uid, period.id, D(2020, 2, 1), as_of=D(2020, 2, 1))
    assert enrolled == 3 and short_temp not in {regular, contract, long_temp}
    assert service.overview(uid, period.id, D(2020, 2, 1)).enrolled_count == 3


def test_a_temporary_worker_needs_the_months_and_they_are_kept(
    sessions: SessionFactory, clerk: Actor
) -> None:
    roster = RosterService(sessions, clerk)
    uid = factories.unit(roster)
    with pytest.raises(InputErrors) as info:
        factories.member(roster, uid, "临时戊", engagement="temporary")
    errors = [(e.column, e.message) for e in info.value.errors]
    assert errors == [("聘用期（月）", "临时职工须填写聘用期（月数）")]
    mid = factories.member(roster, uid, "临时戊", engagement="temporary", engagement_months=24)
    draft = roster.member(mid).draft
    assert (draft.engagement, draft.engagement_months) == ("temporary", 24)


def _file(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["单位名称：吉林省某厅"])
    ws.append(["序号", "姓名", "身份证号码", "在职状态", "用工形式", "聘用期（月）"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_the_roster_file_carries_the_engagement_both_ways(
    tmp_path: Path, sessions: SessionFactory, clerk: Actor
) -> None:
    a, b, c = (factories.id_number(D(1980 + i, 1, 1)) for i in range(3))
    bad = _file(tmp_path / "bad.xlsx", [
        [1, "甲", a, "在职", "临时职工", None],
        [2, "乙", b, "在职", "短工", 6],
        [3, "丙", c, "在职", "临时工", "十个月"],
    ])  # fmt: skip
    with pytest.raises(InputErrors) as info:
        roster_import.import_roster(sessions, clerk, bad)
    assert [(e.row, e.column, e.message) for e in info.value.errors] == [
        (3, "用工形式", "临时职工须填写聘用期（月数）"),
        (4, "用工形式", "用工形式应为“正式职工”“合同制职工”或“临时职工”"),
        (5, "聘用期（月）", "聘用期应为 1 至 1200 的整数（月数）"),
    ]
    good = _file(tmp_path / "good.xlsx", [
        [1, "甲", a, "在职", "临时职工", 6],
        [2, "乙", b, "在职", "合同制职工", None],
        [3, "丙", c, "在职", "", "18个月"],
    ])  # fmt: skip
    report = roster_import.import_roster(sessions, clerk, good)
    assert report.imported == 3
    out = tmp_path / "full.xlsx"
    roster_import.export_roster(sessions, report.unit_code, "full", out)
    rows = [[cell.value for cell in r] for r in load_workbook(out).active.iter_rows()]
    head = next(i for i, r in enumerate(rows) if "用工形式" in r)
    col = {v: i for i, v in enumerate(rows[head])}
    got = {r[col["姓名"]]: (r[col["用工形式"]], r[col["聘用期（月）"]]) for r in rows[head + 1 :]}
    # A regular worker's months mean nothing and are not kept.
    assert got == {"甲": ("临时职工", 6), "乙": ("合同制职工", None), "丙": ("正式职工", None)}



def test_a_units_batch_carries_the_engagement_and_a_forged_one_is_refused(
    tmp_path: Path, make_site, office  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    from sqlalchemy import select

    from app.models import Member
    from app.services.batch_import import BatchImporter, BatchRefused
    from tests.exchange_helpers import resign
    from tests.services.test_batch_import import counts, export, unit_a

    unit = unit_a(make_site)
    folder = export(unit, tmp_path / "batch")
    forged = tmp_path / "forged"
    shutil.copytree(folder, forged)
    resign(forged, unit.sessions, lambda m: m["members"][0].update(engagement="boss"))
    before = counts(office.sessions)
    with pytest.raises(BatchRefused, match="用工形式或聘用期不可读"):
        BatchImporter(office.sessions, office.clerk).import_batch(forged)
    assert counts(office.sessions) == before
    temporary = {"engagement": "temporary", "engagement_months": 30}
    resign(folder, unit.sessions, lambda m: m["members"][0].update(temporary))
    assert BatchImporter(office.sessions, office.clerk).import_batch(folder).imported
    with office.sessions() as s:
        kinds = sorted(s.execute(select(Member.engagement, Member.engagement_months)).tuples())
    assert kinds == [("regular", None), ("regular", None), ("temporary", 30)]
