"""Taking units' batches in at the office: refusals write nothing, conflicts block until resolved,
a batch taken in twice changes nothing. Each unit and the office has its own database."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import (
    AuditEvent,
    Batch,
    BatchImport,
    Claim,
    CoveragePeriod,
    Enrollment,
    ExchangeLink,
    Member,
    Unit,
)
from app.models.db import SessionFactory, open_database
from app.services.auth import Actor
from app.services.batch_import import BatchImporter, BatchRefused
from app.services.contributions import ContributionService
from app.services.enrollment import EnrollmentService
from app.services.enrollment_documents import EnrollmentDocuments
from app.services.errors import ServiceError
from app.services.periods import PeriodService
from app.services.roster import RosterService, UnitDraft
from app.services.users import OfficeInfo, UserService
from tests import factories
from tests.exchange_helpers import pair, resign

D = dt.date
WEIHAI = "weihai-2012-supplementary-medical"
SHARED_ID = factories.id_number(D(1979, 4, 2), male=False, seq=901)  # one woman on two units' rosters
TABLES = (AuditEvent, Batch, BatchImport, Claim, CoveragePeriod, Enrollment, ExchangeLink, Member, Unit)


@dataclass
class Site:
    """One copy of the program: a unit's union or the office, with its own database."""

    sessions: SessionFactory
    admin: Actor
    clerk: Actor
    unit_id: int = 0
    period_id: int = 0


def weihai_period(sessions: SessionFactory, actor: Actor) -> int:
    return (
        PeriodService(sessions, actor)
        .create(WEIHAI, 3, D(2012, 3, 12), D(2013, 3, 11), "36", D(2012, 3, 1), D(2012, 5, 12))
        .id
    )


@pytest.fixture
def make_site(tmp_path: Path, sessions: SessionFactory, admin: Actor) -> Iterator:  # type: ignore[type-arg]
    """A unit's installation; its key and the office's (the ``sessions`` database) registered both ways
    unless ``pair_with`` names another office or None."""
    engines = []
    office_db = (sessions, admin)

    def make(name: str, code: str, people: list[tuple[str, str]], pair_with: object = office_db) -> Site:
        engine, unit_db = open_database(f"sqlite:///{tmp_path / name}.db")
        engines.append(engine)
        users = UserService(unit_db)
        unit_admin = users.set_up(OfficeInfo(f"{name}工会", "基层工会", "威海市"), "admin", "admin-pass")
        info = users.create_user(unit_admin, "clerk", "clerk-pass", "clerk", "经办员")
        site = Site(unit_db, unit_admin, Actor(info.id, info.username, info.role))
        roster = RosterService(unit_db, site.clerk)
        site.unit_id = roster.save_unit(
            UnitDraft(
                code,
                f"威海市{name}",
                "张主席",
                "0631-5201234",
                "李经办",
                "13906311234",
                "新威路 1 号",
                len(people),
                len(people),
            )
        )
        for person, number in people:
            factories.member(roster, site.unit_id, person, number, medical_card="3710088")
        site.period_id = weihai_period(unit_db, site.clerk)
        EnrollmentService(unit_db, site.clerk).enroll_all_eligible(
            site.unit_id, site.period_id, D(2012, 3, 12), as_of=D(2012, 3, 5)
        )
        ContributionService(unit_db, site.clerk).record_payment(
            site.unit_id, site.period_id, f"{36 * len(people)}", "现金", D(2012, 3, 6), today=D(2012, 3, 6)
        )
        if pair_with is not None:
            pair((unit_db, site.clerk), pair_with, tmp_path / "keys")  # type: ignore[arg-type]
        return site

    yield make
    for engine in engines:
        engine.dispose()


def export(site: Site, out: Path, password: str | None = None) -> Path:
    docs = EnrollmentDocuments(site.sessions, site.clerk)
    return docs.export_batch(site.unit_id, site.period_id, out, password, today=D(2012, 3, 8))


def unit_a(make_site, **kw) -> Site:  # type: ignore[no-untyped-def]
    people = [
        ("王芳", factories.id_number(D(1980, 3, 1), male=False)),
        ("赵磊", factories.id_number(D(1981, 5, 2))),
        ("孙丽", SHARED_ID),
    ]
    return make_site("第一机械厂", "WH001", people, **kw)


def unit_b(make_site, **kw) -> Site:  # type: ignore[no-untyped-def]
    return make_site(
        "第二纺织厂", "WH002", [("李强", factories.id_number(D(1975, 1, 9))), ("孙丽", SHARED_ID)], **kw
    )


def counts(sessions: SessionFactory) -> dict[str, int]:
    with sessions() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES}


@pytest.fixture
def office(sessions: SessionFactory, admin: Actor, clerk: Actor) -> Site:
    """The office database (also on PostgreSQL where the suite has one), with period 3 set up."""
    return Site(sessions, admin, clerk, 0, weihai_period(sessions, admin))


def test_two_units_imported_with_a_conflict_resolved_and_a_second_import_changes_nothing(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    a, b = unit_a(make_site), unit_b(make_site)
    folder_a, folder_b = export(a, tmp_path / "usb-a"), export(b, tmp_path / "usb-b")
    importer = BatchImporter(office.sessions, office.clerk)

    preview = importer.preview_batch(folder_a)
    assert preview.ok and not preview.conflicts
    assert preview.counts == {"新建单位": 1, "新增会员": 3, "新增参保": 3}
    assert importer.import_batch(folder_a).imported

    preview = importer.preview_batch(folder_b)
    assert [c.id for c in preview.conflicts] == [f"enrolled_elsewhere:{SHARED_ID}"]
    assert "威海市第一机械厂" in preview.conflicts[0].message and "第 " in preview.conflicts[0].message
    before = counts(office.sessions)
    with pytest.raises(ServiceError, match="冲突未处理"):
        importer.import_batch(folder_b)
    with pytest.raises(ServiceError, match="冲突未处理"):  # a choice the conflict does not offer
        importer.import_batch(folder_b, resolutions={f"enrolled_elsewhere:{SHARED_ID}": "update"})
    assert counts(office.sessions) == before
    resolution = {f"enrolled_elsewhere:{SHARED_ID}": "skip"}
    assert not importer.import_batch(folder_b, resolutions=resolution, dry_run=True).imported
    assert counts(office.sessions) == before
    assert importer.import_batch(folder_b, resolutions=resolution).imported

    with office.sessions() as s:
        units = dict(s.execute(select(Unit.code, Unit.id)).all())
        assert s.get(Unit, units["WH001"]).chair_name == "张主席"  # from the 团体申请表
        shared = s.scalars(select(Member).where(Member.id_number == SHARED_ID)).one()
        assert shared.unit_id == units["WH001"]
        active = s.execute(
            select(Unit.code, func.count(Enrollment.id))
            .join(Unit, Enrollment.unit_id == Unit.id)
            .where(Enrollment.status == "active")
            .group_by(Unit.code)
        ).all()
        assert dict(active) == {"WH001": 3, "WH002": 1}
        refused = s.scalars(select(ExchangeLink).where(ExchangeLink.outcome == "refused")).one()
        assert refused.unit_ref == SHARED_ID and refused.unit_id == units["WH002"]
        assert s.scalar(select(func.count(Batch.id)).where(Batch.direction == "import")) == 2
        assert {e.action for e in s.scalars(select(AuditEvent))} >= {"import_batch", "enroll"}

    settled = counts(office.sessions)
    again = importer.import_batch(folder_a)
    assert not again.imported and again.preview.already_imported
    assert importer.preview_batch(folder_b).already_imported
    assert counts(office.sessions) == settled


def test_links_follow_the_lines_and_the_manifest_is_kept_as_received(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    """A new unit's batch (written by INSERT … SELECT) and one meeting a conflict (row by row) agree."""
    a, b = unit_a(make_site), unit_b(make_site)
    folder_a, folder_b = export(a, tmp_path / "a"), export(b, tmp_path / "b")
    importer = BatchImporter(office.sessions, office.clerk)
    first = importer.import_batch(folder_a)
    second = importer.import_batch(folder_b, resolutions={f"enrolled_elsewhere:{SHARED_ID}": "skip"})
    with office.sessions() as s:
        for result, folder in ((first, folder_a), (second, folder_b)):
            text = (folder / "manifest.json").read_text("utf-8")
            assert s.get(Batch, result.batch_id).manifest == text
            listed = [str(m["id_number"]) for m in json.loads(text)["members"]]
            links = s.scalars(
                select(ExchangeLink).where(ExchangeLink.batch_id == result.batch_id).order_by(ExchangeLink.id)
            ).all()
            assert [x.unit_ref for x in links] == listed
            for x in links:
                assert x.kind == "enrollment" and x.claim_id is None and x.period_id == office.period_id
                if x.outcome == "refused":
                    assert x.enrollment_id is None and "参保" in x.reason
                    continue
                assert x.reason == "" and x.outcome == "accepted"
                enrollment = s.get(Enrollment, x.enrollment_id)
                member = s.get(Member, x.member_id)
                assert member.id_number == x.unit_ref and member.unit_id == x.unit_id
                assert (enrollment.member_id, enrollment.unit_id, enrollment.status) == (
                    member.id,
                    x.unit_id,
                    "active",
                )
                assert (enrollment.shares, enrollment.effective_date) == (1, D(2012, 3, 12))
                assert enrollment.created_by == office.clerk.user_id and enrollment.version == 1
        assert [x.outcome for x in s.scalars(select(ExchangeLink).order_by(ExchangeLink.id))] == [
            "accepted",
            "accepted",
            "accepted",
            "accepted",
            "refused",
        ]


def test_move_member_moves_the_shared_member_and_enrolls_her_in_the_new_unit(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    a, b = unit_a(make_site), unit_b(make_site)
    importer = BatchImporter(office.sessions, office.clerk)
    importer.import_batch(export(a, tmp_path / "a"))
    importer.import_batch(
        export(b, tmp_path / "b"), resolutions={f"enrolled_elsewhere:{SHARED_ID}": "move_member"}
    )
    with office.sessions() as s:
        shared = s.scalars(select(Member).where(Member.id_number == SHARED_ID)).one()
        assert s.get(Unit, shared.unit_id).code == "WH002"
        rows = s.execute(
            select(Enrollment.status, Unit.code)
            .join(Unit, Enrollment.unit_id == Unit.id)
            .where(Enrollment.member_id == shared.id)
        ).all()
        assert sorted(rows) == [("active", "WH002"), ("cancelled", "WH001")]


def test_one_changed_byte_refuses_the_batch_and_writes_nothing(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    folder = export(unit_a(make_site), tmp_path / "usb")
    path = folder / "人员手册.xlsx"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    before = counts(office.sessions)
    importer = BatchImporter(office.sessions, office.clerk)
    preview = importer.preview_batch(folder)
    assert not preview.ok and any("人员手册.xlsx" in r and "改动" in r for r in preview.refusals)
    with pytest.raises(BatchRefused, match="人员手册.xlsx"):
        importer.import_batch(folder)
    assert counts(office.sessions) == before


def _edit_manifest(folder: Path, change, site: Site) -> None:  # type: ignore[no-untyped-def]
    """The sender's own program (its key) wrote such a manifest."""
    resign(folder, site.sessions, change)


def test_a_manifest_that_lies_about_counts_or_names_is_refused(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    a = unit_a(make_site)
    importer = BatchImporter(office.sessions, office.clerk)
    before = counts(office.sessions)

    lying = export(a, tmp_path / "one")
    _edit_manifest(lying, lambda m: m["counts"].update(members=4), a)
    with pytest.raises(BatchRefused, match="清单称有 4 人"):
        importer.import_batch(lying)

    short = export(a, tmp_path / "two")
    _edit_manifest(short, lambda m: m.update(members=m["members"][:2], counts={"members": 2}), a)
    reasons = importer.preview_batch(short).refusals
    assert any("人员手册.xlsx”中有 3 行" in r for r in reasons)
    assert any("与清单名单不符" in r and "第 " in r for r in reasons)
    assert any("团体申请表.xlsx”的“缴费人数”" in r for r in reasons)
    assert counts(office.sessions) == before


def test_encrypted_batch_needs_the_right_password(
    tmp_path: Path,
    make_site,
    office: Site,  # type: ignore[no-untyped-def]
) -> None:
    folder = export(unit_a(make_site), tmp_path / "usb", password="usb-secret")
    importer = BatchImporter(office.sessions, office.clerk)
    before = counts(office.sessions)
    assert any("已加密" in r for r in importer.preview_batch(folder).refusals)
    with pytest.raises(BatchRefused, match="密码不正确"):
        importer.import_batch(folder, "wrong")
    assert counts(office.sessions) == before
    assert importer.import_batch(folder, "usb-secret").imported


def test_a_period_the_office_lacks_is_refused_unless_the_manifest_gives_its_dates(
    tmp_path: Path,
    make_site,
    sessions: SessionFactory,
    clerk: Actor,  # type: ignore[no-untyped-def]
) -> None:
    a = unit_a(make_site)
    folder = export(a, tmp_path / "usb")
    _edit_manifest(folder, lambda m: m.pop("period_info", None), a)  # as an older program wrote it
    importer = BatchImporter(sessions, clerk)
    assert any("尚未建立" in r and "第 3 期" in r for r in importer.preview_batch(folder).refusals)
    info = {
        "start": "2012-03-12",
        "end": "2013-03-11",
        "collect_from": "2012-03-01",
        "collect_to": "2012-05-12",
    }
    _edit_manifest(folder, lambda m: m.update(period_info=info), a)
    assert importer.preview_batch(folder).counts["新建保障期"] == 1
    assert importer.import_batch(folder).imported
    period = PeriodService(sessions, clerk).find(WEIHAI, 3)
    assert (period.start, period.end, str(period.fee)) == (D(2012, 3, 12), D(2013, 3, 11), "36.00")
