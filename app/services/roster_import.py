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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.io import roster_stream, roster_xlsx
from app.io.roster_sheet import RosterSheet
from app.io.xlsx_stream import Written
from app.models import Member, Unit, search
from app.models.db import SessionFactory
from app.services import audit
from app.services.auth import Actor
from app.services.bulk_insert import indexes_built_after, roomy_cache
from app.services.errors import InputErrors, NotFound, ServiceError
from app.services.retry import run_retrying
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
    notices: tuple[str, ...] = ()  # what was read how, and what was skipped (hidden sheets, footers …)


def _resolve_unit(
    s: Session, sheet: RosterSheet, unit_code: str | None, actor: Actor
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


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, read before anything is written (the import dialog shows it)."""

    receiving: str  # the unit that receives the rows, as a sentence
    unit_code: str | None  # that unit's code when it exists (None: made from the title, or per row)
    columns: list[str]  # the header texts the program recognised, in file order
    rows: list[list[str]]  # the first rows as read
    rows_in_file: int  # the sheet's rows below the header (footers included)
    notices: list[str]  # hidden sheets skipped, the sheet read, …
    problems: list[str]  # why it cannot be imported at all (empty: it can be tried)

    @property
    def can_import(self) -> bool:
        return not self.problems


def preview_import(
    sessions: SessionFactory, path: Path, unit_code: str | None = None, shown: int = 8
) -> ImportPreview:
    """The receiving unit, the first ``shown`` rows and the row count of a roster file, read (in
    bounded memory) without writing: the clerk sees who goes where before 导入."""
    stream = roster_stream.stream_roster(Path(path), chunk=max(shown, 1), cell_checks=False)  # rows only
    head = stream.head
    fields = list(head.headers)
    first = next(stream.chunks, None) if not head.errors else None
    rows = [
        [_cell(values.get(f, "")) for f in fields] for _row, values in (first.rows[:shown] if first else [])
    ]
    with sessions() as s:
        receiving, code, ok = _receiving(s, head, unit_code)
    return ImportPreview(
        receiving=receiving,
        unit_code=code,
        columns=[head.headers[f] for f in fields],
        rows=rows,
        rows_in_file=max(stream.height - head.header_row, 0),
        notices=list(head.warnings),
        problems=[str(e) for e in head.errors] + ([] if ok else [receiving]),
    )


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _receiving(s: Session, sheet: RosterSheet, unit_code: str | None) -> tuple[str, str | None, bool]:
    """As ``_resolve_unit`` will decide, said in a sentence, nothing made: (sentence, the unit's
    code when it exists, whether the rows have somewhere to go)."""
    if unit_code:
        unit = s.scalars(select(Unit).where(Unit.code == unit_code)).first()
        if unit is None:
            return f"单位编码“{unit_code}”不存在", None, False
        return f"导入到所选单位：{unit.name}（{unit.code}）", unit.code, True
    for column, value in ((Unit.code, sheet.unit_code), (Unit.name, sheet.unit_name)):
        if value:
            unit = s.scalars(select(Unit).where(column == value)).first()
            if unit is not None:
                return f"导入到文件标题中的单位：{unit.name}（{unit.code}）", unit.code, True
    if sheet.unit_name:
        return f"按文件标题新建单位“{sheet.unit_name}”并导入", None, True
    if sheet.layout == "full" and "unit_code" in sheet.headers:
        return "按每行的单位编码导入到各单位", None, True
    return "文件标题中没有单位名称（也没有单位编码列）：请选择导入到哪个单位", None, False


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
        # Run again when another import took the same new unit code or registered some of the
        # same ID numbers meanwhile: the second run names those rows and where they went.
        return run_retrying(
            lambda: _import_roster(
                sessions, actor, Path(path), unit_code, good_rows_only, bad_rows_out, progress, cancel
            ),
            collisions=3,
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
    """Read, validate and insert the sheet a chunk at a time (bounded memory at any size), all in one
    transaction: any error found in any chunk rolls back what earlier chunks inserted (unless only
    the good rows are wanted), and every error of the file is still listed."""
    stream = roster_stream.stream_roster(Path(path), progress=progress, cancel=cancel)
    head = stream.head
    if head.errors:
        raise InputErrors(head.errors, "文件无法导入")
    errors: list[RowError] = []
    bad_rows: list[tuple[int, list[object], str]] = []
    inserted = 0
    with sessions.begin() as s:
        unit, created, unit_errors = _resolve_unit(s, head, unit_code, actor)
        if unit_errors:
            raise InputErrors(unit_errors, "文件无法导入")
        holders = _Holders(s, stream.height)
        codes = dict(s.execute(select(Unit.code, Unit.id)).tuples().all()) if unit is None else {}
        seen: dict[str, int] = {}  # ID number → its first row, across chunks
        incoming = max(stream.height - head.header_row, 0)
        conn = s.connection()
        with roomy_cache(s), indexes_built_after(s, "members", incoming, holders.total):
            before = search.bulk_begin(conn)  # the search index takes the rows once, after all chunks
            for chunk in stream.chunks:
                good, found = validate_table(chunk)
                found = list(found)
                if any(e.row == 0 for e in found):
                    raise InputErrors([e for e in found if e.row == 0], "文件无法导入")
                rows, targets = _placed(good, found, seen, holders, unit.id if unit else None, codes)
                errors += found
                if found and good_rows_only and bad_rows_out is not None:
                    bad_rows += roster_xlsx.bad_rows_of(chunk, found)
                if errors and not good_rows_only:
                    continue  # nothing will be kept: only look for the remaining errors
                inserted += insert_rows(s, targets, rows, None, cancel, search_index=False)
            search.bulk_end(conn, before)
        errors.sort(key=lambda e: e.row)
        bad_file = None
        if errors:
            if not good_rows_only:
                raise InputErrors(errors, "导入未进行，文件中有错误", notices=tuple(head.warnings))
            if bad_rows_out is not None:
                roster_xlsx.write_bad_rows(bad_rows_out, head.header, bad_rows)
                bad_file = bad_rows_out
        audit.record(
            s,
            actor,
            "import",
            "roster",
            unit.id if unit else "",
            file=Path(path).name,
            imported=inserted,
            rejected=len({e.row for e in errors}),
        )
        return ImportReport(
            unit.code if unit else "", unit.name if unit else "", inserted, errors, bad_file, created,
            tuple(head.warnings),
        )  # fmt: skip


class _Holders:
    """Which ID numbers of the file are members already: a set of the roster's numbers when the
    roster is small beside the file (one scan), else lookups by the chunk's numbers."""

    def __init__(self, s: Session, file_rows: int) -> None:
        self._s = s
        self.total = total = s.scalar(select(func.count(Member.id))) or 0
        self._empty = total == 0
        self._numbers = (
            set(s.scalars(select(Member.id_number))) if 0 < total <= min(4 * file_rows, 2_000_000) else None
        )

    def of(self, numbers: list[str]) -> dict[str, str]:
        if self._empty or not numbers:
            return {}
        if self._numbers is not None:
            numbers = [n for n in numbers if n in self._numbers]
        return existing_holders(self._s, numbers) if numbers else {}


def _placed(
    good: list[DraftRow],
    errors: list[RowError],
    seen: dict[str, int],
    holders: _Holders,
    unit_id: int | None,
    codes: dict[str, int],
) -> tuple[list[DraftRow], int | list[int]]:
    """The chunk's good rows that may go in, and their unit(s); the others become ``errors``."""
    fresh: list[DraftRow] = []
    for draft in good:
        row, number = draft[0], draft[2]
        first = seen.setdefault(number, row)
        if first != row:
            errors.append(RowError(row, "身份证号码", f"与第 {first} 行身份证号码重复"))
        else:
            fresh.append(draft)
    found = holders.of([d[2] for d in fresh])
    if not found and unit_id is not None and len(fresh) == len(good):
        return good, unit_id
    rows: list[DraftRow] = []
    targets: list[int] = []
    for draft in fresh:
        row, number = draft[0], draft[2]
        if number in found:
            errors.append(RowError(row, "身份证号码", f"已登记为会员 {found[number]}"))
            continue
        target = unit_id if unit_id is not None else codes.get(draft[14])
        if target is None:
            errors.append(RowError(row, "单位编码", f"单位编码“{draft[14]}”不存在"))
            continue
        rows.append(draft)
        targets.append(target)
    return rows, targets


def export_roster(
    sessions: SessionFactory,
    unit_code: str | None,
    layout: Layout,
    out: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write a unit's roster (or every unit's, ``unit_code`` None) in the 人员手册 layout or with
    every field; returns the row count. ``export_members`` also says how many sheets it took."""
    return export_members(sessions, unit_code, layout, out, progress=progress, cancel=cancel).rows


def export_members(
    sessions: SessionFactory,
    unit_code: str | None,
    layout: Layout,
    out: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Written:
    """Stream the members from the database cursor (server-side on PostgreSQL) into the file:
    memory stays flat whatever the roster's size. Past 1,048,576 rows a new file begins
    (名册（2）.xlsx …)."""
    if layout not in ("personnel", "full"):
        raise ServiceError(f"未知格式“{layout}”，应为 personnel 或 full")
    with sessions() as s, bulk_work():
        if unit_code is None:
            unit_id, unit_name = None, ALL_UNITS
        else:
            unit = s.scalars(select(Unit).where(Unit.code == unit_code)).first()
            if unit is None:
                raise NotFound(f"单位编码“{unit_code}”不存在")
            unit_id, unit_name = unit.id, unit.name
        where = [Member.unit_id == unit_id] if unit_id is not None else []
        total = int(s.scalar(select(func.count()).select_from(Member).where(*where)) or 0)
        order = (
            (Member.name_key, Member.id)
            if unit_id is not None
            else (Member.unit_id, Member.name_key, Member.id)
        )
        streamed = {"stream_results": True, "yield_per": 2000}
        if layout == "personnel":
            q = select(Member.name, Member.gender, Member.id_number, Member.medical_card).where(*where)
            rows = s.connection().execute(q.order_by(*order).execution_options(**streamed)).tuples()
            return roster_xlsx.write_personnel_sheets(
                out, title=PERSONNEL_TITLE, unit_name=unit_name, members=rows, progress=progress,
                cancel=cancel, total=total,
            )  # fmt: skip
        q = (
            select(Unit.code, Unit.name, *(getattr(Member, f) for f in FULL_FIELDS))
            .join(Unit, Member.unit_id == Unit.id)
            .where(*where)
            .order_by(*order)
        )
        full = (roster_xlsx.FullRow(*r) for r in s.connection().execute(q.execution_options(**streamed)))
        return roster_xlsx.write_full_sheets(
            out, unit_name=unit_name if unit_id is not None else None, members=full, progress=progress,
            cancel=cancel, total=total,
        )  # fmt: skip


ALL_UNITS = "全部单位"
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
    "engagement",
    "engagement_months",
)
