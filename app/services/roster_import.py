"""Roster import and export (.xlsx): all-or-nothing by default, or the good rows only.

Import: read (io) → validate every row (pure) → check ID numbers against the database →
insert everything in one transaction. Every bad row is reported at once; nothing is written
unless the clerk chose to import only the good rows, and then the bad rows come back as an
.xlsx with a reason column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.io import roster_xlsx
from app.models import Member, Unit
from app.models.db import SessionFactory
from app.services import audit
from app.services.auth import Actor
from app.services.bulk_insert import roomy_cache
from app.services.errors import InputErrors, NotFound, ServiceError
from app.services.roster_bulk import existing_holders, insert_rows
from app.services.roster_types import DraftRow, RowError
from app.services.roster_validation import validate_table
from app.services.tasks import CancelCheck, Progress, bulk_work

Layout = Literal["personnel", "full"]
PERSONNEL_TITLE = "职工互助保障"


@dataclass(frozen=True)
class ImportReport:
    unit_code: str
    unit_name: str
    imported: int
    errors: list[RowError] = field(default_factory=list)
    bad_rows_file: Path | None = None
    unit_created: bool = False


def _resolve_unit(
    s: Session, sheet: roster_xlsx.RosterSheet, unit_code: str | None, actor: Actor
) -> tuple[Unit | None, bool, list[RowError]]:
    """The target unit: --unit, else the file's 单位编码 / 单位名称 (created when new)."""
    if unit_code:
        unit = s.scalars(select(Unit).where(Unit.code == unit_code)).first()
        if unit is None:
            raise NotFound(f"单位编码“{unit_code}”不存在")
        return unit, False, []
    if sheet.unit_code:
        unit = s.scalars(select(Unit).where(Unit.code == sheet.unit_code)).first()
        if unit is not None:
            return unit, False, []
    if sheet.unit_name:
        unit = s.scalars(select(Unit).where(Unit.name == sheet.unit_name)).first()
        if unit is not None:
            return unit, False, []
        code = sheet.unit_code or _next_code(s)
        unit = Unit(code=code, name=sheet.unit_name)
        s.add(unit)
        s.flush()
        audit.record(s, actor, "create", "unit", unit.id, code=code, name=unit.name, source="import")
        return unit, True, []
    if sheet.layout == "full":
        return None, False, []  # each row names its unit by 单位编码
    return None, False, [RowError(0, "单位名称", "文件标题中没有“单位名称：…”，请用 --unit 指定单位")]


def _next_code(s: Session) -> str:
    codes = set(s.scalars(select(Unit.code)))
    n = len(codes) + 1
    while f"U{n:04d}" in codes:
        n += 1
    return f"U{n:04d}"


def import_roster(
    sessions: SessionFactory,
    actor: Actor,
    path: Path,
    unit_code: str | None = None,
    *,
    good_rows_only: bool = False,
    bad_rows_out: Path | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ImportReport:
    actor.require("roster.write")
    with bulk_work():
        return _import_roster(
            sessions, actor, Path(path), unit_code, good_rows_only, bad_rows_out, progress, cancel
        )


def _import_roster(
    sessions: SessionFactory,
    actor: Actor,
    path: Path,
    unit_code: str | None,
    good_rows_only: bool,
    bad_rows_out: Path | None,
    progress: Progress | None,
    cancel: CancelCheck | None,
) -> ImportReport:
    sheet = roster_xlsx.read_roster(Path(path), progress=progress, cancel=cancel)
    if sheet.errors:
        raise InputErrors(sheet.errors, "文件无法导入")
    good, errors = validate_table(sheet)
    errors = list(errors)
    with sessions.begin() as s:
        unit, created, unit_errors = _resolve_unit(s, sheet, unit_code, actor)
        if unit_errors:
            raise InputErrors(unit_errors, "文件无法导入")
        holders = existing_holders(s, [row[2] for row in good])
        rows: list[DraftRow] = good
        targets: int | list[int] = unit.id if unit is not None else []
        if holders or unit is None:  # row by row only when some rows must go
            codes = dict(s.execute(select(Unit.code, Unit.id)).all())
            rows, targets = [], []
            for draft in good:
                row, number = draft[0], draft[2]
                if number in holders:
                    errors.append(RowError(row, "身份证号码", f"已登记为会员 {holders[number]}"))
                    continue
                target = unit.id if unit is not None else codes.get(draft[14])
                if target is None:
                    errors.append(RowError(row, "单位编码", f"单位编码“{draft[14]}”不存在"))
                    continue
                rows.append(draft)
                targets.append(target)
        errors.sort(key=lambda e: e.row)
        bad_file = None
        if errors:
            if not good_rows_only:
                raise InputErrors(errors, "导入未进行，文件中有错误")
            if bad_rows_out is not None:
                bad_file = _write_bad_rows(sheet, errors, bad_rows_out)
        with roomy_cache(s):
            insert_rows(s, targets, rows, progress, cancel)
        audit.record(
            s,
            actor,
            "import",
            "roster",
            unit.id if unit else "",
            file=Path(path).name,
            imported=len(rows),
            rejected=len({e.row for e in errors}),
        )
        return ImportReport(
            unit.code if unit else "", unit.name if unit else "", len(rows), errors, bad_file, created
        )


def _write_bad_rows(sheet: roster_xlsx.RosterSheet, errors: list[RowError], out: Path) -> Path:
    roster_xlsx.write_bad_rows(out, sheet.header, roster_xlsx.bad_rows_of(sheet, errors))
    return out


def export_roster(
    sessions: SessionFactory,
    unit_code: str,
    layout: Layout,
    out: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write a unit's roster in the 人员手册 layout or with every field; returns the row count."""
    if layout not in ("personnel", "full"):
        raise ServiceError(f"未知格式“{layout}”，应为 personnel 或 full")
    with sessions() as s, bulk_work():
        unit = s.scalars(select(Unit).where(Unit.code == unit_code)).first()
        if unit is None:
            raise NotFound(f"单位编码“{unit_code}”不存在")
        unit_name = unit.name
        if layout == "personnel":
            q = select(Member.name, Member.gender, Member.id_number, Member.medical_card)
            rows = s.connection().execute(_in_unit(q, unit.id)).tuples().all()  # Core: no ORM per row
        else:
            q = select(*(getattr(Member, f) for f in FULL_FIELDS))
            full = [roster_xlsx.FullRow(unit_code, unit_name, *r) for r in s.execute(_in_unit(q, unit.id))]
    with bulk_work():
        if layout == "personnel":
            return roster_xlsx.write_personnel_roster(
                out, title=PERSONNEL_TITLE, unit_name=unit_name, members=rows, progress=progress,
                cancel=cancel,
            )  # fmt: skip
        return roster_xlsx.write_full_roster(
            out, unit_name=unit_name, members=full, progress=progress, cancel=cancel
        )


FULL_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "medical_card",
    "social_security_card",
    "jingka_card",
    "bank_name",
    "bank_account",
    "employment",
    "union_member_since",
    "is_model_worker",
    "is_hardship",
    "basic_medical_insurance",
)


def _in_unit(q: Select, unit_id: int) -> Select:  # type: ignore[type-arg]
    return q.where(Member.unit_id == unit_id).order_by(Member.name_key)
