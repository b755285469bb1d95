"""The office's settings: language, default plan and period, holidays, backup folder, printing, seal.

Stored in the database (``app_settings``), so a restored backup brings them back and every PC
of a PostgreSQL office shares them. Reading needs no permission (the window reads them at
start); changing them needs ``office.manage`` and is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.io.stamps import SealPrint
from app.models import AppSetting, CoveragePeriod, OfficeProfile
from app.models.db import SessionFactory
from app.models.office import OFFICE_LEVELS
from app.rules.errors import ValidationError
from app.rules.workdays import parse_holiday_list
from app.services import audit
from app.services.auth import Actor
from app.services.duties import APPROVER_MAY_PAY_KEY
from app.services.errors import ServiceError
from app.services.users import OfficeInfo

LANGUAGE_CODES = ("zh_CN", "en")
MAX_COPIES = 9
_SEAL_KEY = "seal_image"


@dataclass(frozen=True)
class PrintDefaults:
    """How the printed forms come out unless the clerk says otherwise when printing."""

    application_copies: int = 1  # 团体申请表
    roster_copies: int = 3  # 人员手册: "此表一式三份" (seed 004)
    own_copy: int = 1  # the copy (联) this office keeps: the one the seal image goes on
    seal_on_own_copy: bool = False
    open_after_print: bool = True
    output_folder: str = ""  # empty: the file dialog starts in the user's documents


@dataclass(frozen=True)
class Settings:
    language: str = "zh_CN"
    default_plan: str = ""  # plan code; empty: the first plan
    default_period_id: int | None = None  # None: the plan's latest period
    holidays: str = ""  # the office's holiday list, one date a line (rules.workdays format)
    backup_folder: str = ""  # empty: the data folder's backups/
    # A one-person office: whoever approved a claim may also record its payment (app.services.duties).
    approver_may_pay: bool = False
    printing: PrintDefaults = field(default_factory=PrintDefaults)


_TEXT_KEYS = ("language", "default_plan", "holidays", "backup_folder")


class _Keep:
    """Marker: leave the stored seal image as it is."""


KEEP = _Keep()


def _checked_office(office: OfficeInfo) -> OfficeInfo:
    name = office.name.strip()
    if not name:
        raise ServiceError("办事处名称不能为空")
    if office.level not in OFFICE_LEVELS:
        raise ServiceError(f"级别应为 {'、'.join(OFFICE_LEVELS)} 之一")
    return OfficeInfo(name, office.level, office.region.strip())


def _check_seal(data: bytes) -> None:
    from app.io.seal_image import check_seal_image  # Pillow loads only when a seal is chosen

    try:
        check_seal_image(data)
    except ValidationError as exc:
        raise ServiceError(str(exc)) from exc


class SettingsService:
    def __init__(self, sessions: SessionFactory, actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = actor

    # ---------------------------------------------------------------- reading

    def load(self) -> Settings:
        with self._sessions() as s:
            stored = {row.key: row.value for row in s.scalars(select(AppSetting))}
        values: dict[str, object] = {k: stored[k] for k in _TEXT_KEYS if k in stored}
        values["approver_may_pay"] = stored.get(APPROVER_MAY_PAY_KEY) == "1"
        if stored.get("default_period_id", "").isdigit():
            values["default_period_id"] = int(stored["default_period_id"])
        printing: dict[str, object] = {}
        for f in fields(PrintDefaults):
            raw = stored.get(f"print.{f.name}")
            if raw is None:
                continue
            if f.type == "int" and raw.isdigit():
                printing[f.name] = int(raw)
            elif f.type == "bool":
                printing[f.name] = raw == "1"
            elif f.type == "str":
                printing[f.name] = raw
        settings = Settings(**values)  # type: ignore[arg-type]
        return replace(settings, printing=PrintDefaults(**printing))  # type: ignore[arg-type]

    def seal_image(self) -> bytes | None:
        with self._sessions() as s:
            row = s.get(AppSetting, _SEAL_KEY)
            return row.data if row is not None else None

    def seal_print(self, printing: PrintDefaults | None = None) -> SealPrint | None:
        """The seal for the office's own copy, when the clerk turned it on and chose an image.

        A grassroots union's seal is the unit's (单位盖章); an agency or branch office stamps
        its opinion (办事处意见盖章).
        """
        printing = printing or self.load().printing
        image = self.seal_image() if printing.seal_on_own_copy else None
        if not image:
            return None
        with self._sessions() as s:
            level = s.scalar(select(OfficeProfile.level).limit(1))
        return SealPrint(image, "unit" if level == "基层工会" else "office", printing.own_copy)

    def working_calendar(self) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
        """The office's extra (holidays, make-up working days) for working-day arithmetic."""
        try:
            return parse_holiday_list(self.load().holidays.splitlines())
        except ValidationError:  # saved lists are checked; an old bad one must not stop a claim
            return frozenset(), frozenset()

    def backup_folder(self) -> Path | None:
        folder = self.load().backup_folder.strip()
        return Path(folder).expanduser() if folder else None

    # ---------------------------------------------------------------- changing

    def save(self, settings: Settings) -> None:
        self.save_all(settings=settings)

    def set_seal_image(self, data: bytes | None) -> None:
        """Store (or with None remove) the seal image printed on the office's own copies."""
        self.save_all(seal=data)

    def update_office(self, office: OfficeInfo) -> None:
        self.save_all(office=office)

    def save_all(
        self,
        settings: Settings | None = None,
        office: OfficeInfo | None = None,
        seal: bytes | None | _Keep = KEEP,
    ) -> None:
        """Check every value given, then store them all in one transaction (nothing on error).

        ``seal``: new image bytes, None to remove the image, KEEP to leave it as it is.
        """
        actor = self._require()
        if settings is not None:
            self._check(settings)
        if office is not None:
            office = _checked_office(office)
        if isinstance(seal, bytes):
            _check_seal(seal)
        with self._sessions.begin() as s:
            if settings is not None:
                self._store_settings(s, actor, settings)
            if office is not None:
                self._store_office(s, actor, office)
            if not isinstance(seal, _Keep):
                self._store_seal(s, actor, seal)

    @staticmethod
    def _store_settings(s: Session, actor: Actor, settings: Settings) -> None:
        values = {k: str(getattr(settings, k)) for k in _TEXT_KEYS}
        period_id = settings.default_period_id
        values["default_period_id"] = "" if period_id is None else str(period_id)
        values[APPROVER_MAY_PAY_KEY] = "1" if settings.approver_may_pay else "0"
        for name, value in asdict(settings.printing).items():
            values[f"print.{name}"] = ("1" if value else "0") if isinstance(value, bool) else str(value)
        if period_id is not None:
            period = s.get(CoveragePeriod, period_id)
            if period is None or period.plan_code != settings.default_plan:
                raise ServiceError("默认期数不属于所选的默认保障计划，请重新选择")
        stored = {row.key: row for row in s.scalars(select(AppSetting))}
        changed = {}
        for key, value in values.items():
            row = stored.get(key)
            if row is None:
                s.add(AppSetting(key=key, value=value))
            elif row.value != value:
                row.value = value
            else:
                continue
            changed[key] = value if key != "holidays" else f"{len(value.splitlines())} 行"
        if changed:
            audit.record(s, actor, "update", "settings", "", **changed)

    @staticmethod
    def _store_seal(s: Session, actor: Actor, data: bytes | None) -> None:
        row = s.get(AppSetting, _SEAL_KEY)
        if data is None:
            if row is not None:
                s.delete(row)
                audit.record(s, actor, "delete", "settings", _SEAL_KEY)
            return
        if row is None:
            s.add(AppSetting(key=_SEAL_KEY, value="", data=data))
        elif row.data == data:
            return
        else:
            row.data = data
        audit.record(s, actor, "update", "settings", _SEAL_KEY, bytes=len(data))

    @staticmethod
    def _store_office(s: Session, actor: Actor, office: OfficeInfo) -> None:
        row = s.scalars(select(OfficeProfile).limit(1)).first()
        if row is None:
            raise ServiceError("尚未设置办事处资料")
        before = {"name": row.name, "level": row.level, "region": row.region}
        row.name, row.level, row.region = office.name, office.level, office.region
        after = {"name": row.name, "level": row.level, "region": row.region}
        if after != before:
            audit.record(s, actor, "update", "office_profile", row.id, before=before, after=after)

    def _require(self) -> Actor:
        if self._actor is None:
            raise ServiceError("修改设置需要登录用户")
        self._actor.require("office.manage")
        return self._actor

    @staticmethod
    def _check(settings: Settings) -> None:
        if settings.language not in LANGUAGE_CODES:
            raise ServiceError(f"界面语言“{settings.language}”无效")
        try:
            parse_holiday_list(settings.holidays.splitlines())
        except ValidationError as exc:
            raise ServiceError(str(exc)) from exc
        p = settings.printing
        for label, copies in (("团体申请表份数", p.application_copies), ("人员手册份数", p.roster_copies)):
            if not 1 <= copies <= MAX_COPIES:
                raise ServiceError(f"{label}应为 1 到 {MAX_COPIES} 份（现为 {copies}）")
        if not 1 <= p.own_copy <= MAX_COPIES:
            raise ServiceError(f"本处留存联应为第 1 到第 {MAX_COPIES} 联（现为第 {p.own_copy} 联）")
        for label, folder in (("备份文件夹", settings.backup_folder), ("打印输出文件夹", p.output_folder)):
            if folder.strip() and not Path(folder.strip()).expanduser().is_dir():
                raise ServiceError(f"{label}“{folder}”不存在，请选择一个已有的文件夹")
