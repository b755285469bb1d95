from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app.models import AppSetting, AuditEvent
from app.models.db import SessionFactory
from app.services.auth import Actor
from app.services.claim_queries import ClaimQueries
from app.services.claims import ClaimService
from app.services.enrollment_documents import EnrollmentDocuments
from app.services.errors import PermissionDenied, ServiceError
from app.services.periods import PeriodService
from app.services.settings import PrintDefaults, Settings, SettingsService
from app.services.users import OfficeInfo, UserService
from tests import factories
from tests.factories_claims import D, enrolled_member, hospital_stay


def seal_png(size: int = 200) -> bytes:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    for x in range(size):  # a red ring, transparent elsewhere
        for y in range(size):
            r = ((x - size / 2) ** 2 + (y - size / 2) ** 2) ** 0.5
            if size * 0.4 < r < size * 0.48:
                image.putpixel((x, y), (220, 0, 0, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_defaults_when_nothing_is_saved(sessions: SessionFactory, admin: Actor) -> None:
    settings = SettingsService(sessions).load()
    assert settings == Settings()
    assert settings.printing.roster_copies == 3 and settings.language == "zh_CN"
    assert SettingsService(sessions).seal_print() is None


def test_save_round_trips_and_is_audited(sessions: SessionFactory, admin: Actor, tmp_path: Path) -> None:
    period = PeriodService(sessions, admin).create("beijing-relief", 1, D(2020, 1, 1), D(2020, 12, 31), "10")
    wanted = Settings(
        language="en",
        default_plan="beijing-relief",
        default_period_id=period.id,
        holidays="2027-01-04 元旦补休\n2027-01-09 上班\n",
        backup_folder=str(tmp_path),
        printing=PrintDefaults(application_copies=2, roster_copies=4, own_copy=2, seal_on_own_copy=True),
    )
    service = SettingsService(sessions, admin)
    service.save(wanted)
    assert SettingsService(sessions).load() == wanted
    assert SettingsService(sessions).backup_folder() == tmp_path
    holidays, workdays = SettingsService(sessions).working_calendar()
    assert holidays == {D(2027, 1, 4)} and workdays == {D(2027, 1, 9)}
    with sessions() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "settings")).all()
    assert len(events) == 1 and "print.roster_copies" in events[0].detail
    service.save(wanted)  # nothing changed: nothing logged
    with sessions() as s:
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.entity == "settings")).all()) == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"holidays": "2027-01-04\n2027-13-01 错日期"}, "第 2 行"),
        ({"language": "fr"}, "界面语言"),
        ({"backup_folder": "/no/such/folder"}, "备份文件夹"),
        ({"printing": PrintDefaults(roster_copies=0)}, "人员手册份数"),
        ({"printing": PrintDefaults(own_copy=12)}, "本处留存联"),
        ({"default_plan": "jilin-2020-hospital-combo", "default_period_id": 999}, "默认期数"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(
    sessions: SessionFactory, admin: Actor, change: dict[str, object], message: str
) -> None:
    bad = dataclasses.replace(Settings(), **change)  # type: ignore[arg-type]
    with pytest.raises(ServiceError, match=message):
        SettingsService(sessions, admin).save(bad)
    with sessions() as s:
        # (the audit log's key marker is the log's, not a setting)
        assert s.scalars(select(AppSetting).where(AppSetting.key != "audit.key")).all() == []


def test_only_an_administrator_changes_settings(sessions: SessionFactory, clerk: Actor) -> None:
    with pytest.raises(PermissionDenied):
        SettingsService(sessions, clerk).save(Settings(language="en"))
    with pytest.raises(ServiceError):
        SettingsService(sessions).set_seal_image(seal_png())
    assert SettingsService(sessions).load().language == "zh_CN"


def test_office_profile_is_edited_and_checked(sessions: SessionFactory, admin: Actor) -> None:
    service = SettingsService(sessions, admin)
    service.update_office(OfficeInfo(" 威海市总工会办事处 ", "办事处", "威海市"))
    assert UserService(sessions).office() == OfficeInfo("威海市总工会办事处", "办事处", "威海市")
    with pytest.raises(ServiceError, match="级别"):
        service.update_office(OfficeInfo("某处", "总部", ""))
    with pytest.raises(ServiceError, match="名称"):
        service.update_office(OfficeInfo("  ", "办事处", ""))
    assert UserService(sessions).office().name == "威海市总工会办事处"  # type: ignore[union-attr]


def test_seal_image_is_checked_and_goes_where_the_office_stamps(
    sessions: SessionFactory, admin: Actor
) -> None:
    service = SettingsService(sessions, admin)
    for bad, message in ((b"not an image", "无法读取"), (seal_png(40), "模糊")):
        with pytest.raises(ServiceError, match=message):
            service.set_seal_image(bad)
    assert service.seal_image() is None
    image = seal_png()
    service.set_seal_image(image)
    assert service.seal_image() == image
    assert service.seal_print() is None  # stored, but not switched on
    service.save(Settings(printing=PrintDefaults(own_copy=2, seal_on_own_copy=True)))
    seal = service.seal_print()
    assert seal is not None and seal.place == "office" and seal.copy_no == 2 and seal.image == image
    service.update_office(OfficeInfo("威海市第一机械厂工会", "基层工会", ""))
    assert service.seal_print().place == "unit"  # type: ignore[union-attr]
    service.set_seal_image(None)
    assert service.seal_image() is None and service.seal_print() is None


def test_the_holiday_list_moves_the_payment_due_date(
    sessions: SessionFactory, clerk: Actor, auditor: Actor, admin: Actor
) -> None:
    # 2020-05-29 + 10 working days is 2020-06-12 (Dragon Boat skipped); one more office holiday → 06-15.
    SettingsService(sessions, admin).save(Settings(holidays="2020-06-03 本地放假\n"))
    _uid, mid = enrolled_member(sessions, clerk)
    desk = ClaimService(sessions, clerk)
    no = desk.create(hospital_stay(mid))
    desk.act(no, "submit")
    office = ClaimService(sessions, auditor)
    office.act(no, "review")
    office.act(no, "audit", today=D(2020, 5, 29))
    assert ClaimQueries(sessions).get(no).row.due_on == D(2020, 6, 15)


def _images_per_page(pdf: Path) -> list[int]:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    per_page = [0] * count
    for line in listing.stdout.splitlines()[2:]:
        fields = line.split()
        if fields[2] == "image":  # "smask" rows are the transparency of the image above them
            per_page[int(fields[0]) - 1] += 1
    return per_page


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler-utils not installed")
def test_printed_forms_carry_the_seal_on_the_own_copy_only(
    sessions: SessionFactory, admin: Actor, clerk: Actor, tmp_path: Path
) -> None:
    uid, period = factories.enrolled_unit(sessions, clerk)
    service = SettingsService(sessions, admin)
    service.set_seal_image(seal_png())
    service.save(Settings(printing=PrintDefaults(application_copies=3, own_copy=2, seal_on_own_copy=True)))
    docs = EnrollmentDocuments(sessions, clerk)
    application = tmp_path / "app.pdf"
    docs.print_group_application(uid, period.id, application)
    assert _images_per_page(application) == [0, 1, 0]  # 办事处: the office's opinion, copy 2
    service.update_office(OfficeInfo("威海市第一机械厂工会", "基层工会", ""))
    roster = tmp_path / "roster.pdf"
    docs.print_personnel_roster(uid, period.id, roster)
    assert _images_per_page(roster) == [0, 1, 0]  # one page per copy; the unit's stamp on copy 2
    service.save(Settings(printing=PrintDefaults(seal_on_own_copy=False)))
    docs.print_group_application(uid, period.id, application)
    assert _images_per_page(application) == [0]
