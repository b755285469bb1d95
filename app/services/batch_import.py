"""Taking a unit's USB batch in at the office: verify, read, preview, resolve conflicts, import.

Refused outright (nothing written): a file changed or missing against the manifest's SHA-256s,
counts that do not match the rows in the files, a wrong password, rows that fail the roster
rules. Conflicts (the same ID number in another unit, a member enrolled in the period
elsewhere, a claim already received) are listed with stable ids and block the import until the
clerk chooses for each. The import is one transaction; a batch already taken in (same manifest
SHA-256) changes nothing. The lines are planned and written by ``batch_lines`` (members and
enrollments) and ``batch_claim_lines`` (claims).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.io import batch as batch_io
from app.io import batch_read
from app.io.roster_xlsx import read_roster
from app.io.xlsx_safe import SheetRefused, load_grids
from app.models import Batch, BatchImport
from app.models.db import SessionFactory
from app.rules import idnumber
from app.rules.errors import InvalidIdNumber
from app.rules.money import parse_amount
from app.services import audit
from app.services.auth import Actor
from app.services.batch_seal import (  # noqa: F401 - BatchRefused is imported from here too
    BatchRefused,
    Opened,
    import_record,
    open_contents,
    open_sealed,
    replay_refusal,
)
from app.services.bulk_insert import roomy_cache_until_returned
from app.services.claim_documents import CLAIMS_HEADER
from app.services.errors import Conflict, ServiceError
from app.services.plans import PlanService
from app.services.roster_types import DraftRow
from app.services.roster_validation import validate_table
from app.services.tasks import bulk_work

if TYPE_CHECKING:  # they import this module
    from app.services.batch_claim_lines import ClaimsPlan
    from app.services.batch_lines import EnrollmentPlan

CHOICE_LABELS = {
    "skip": "跳过（不予办理）",
    "move_member": "转入本单位后办理",
    "update": "按本批次更新已有记录",
    "keep": "保留办事处记录",
}
ROSTER_FILE, APPLICATION_FILE, CLAIMS_FILE = "人员手册.xlsx", "团体申请表.xlsx", "理赔清单.xlsx"
_NEEDED = {"enrollment": (ROSTER_FILE, APPLICATION_FILE), "claims": (CLAIMS_FILE,)}


@dataclass(frozen=True)
class BatchConflict:
    id: str  # stable: code + the unit-side key (ID number or the unit's claim number)
    code: str  # member_other_unit | enrolled_elsewhere | member_not_eligible | claim_already_received | …
    message: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class BatchPreview:
    folder: Path
    kind: str = ""
    unit_code: str = ""
    unit_name: str = ""
    batch_no: int = 0
    sha256: str = ""
    refusals: tuple[str, ...] = ()
    already_imported: bool = False
    counts: Mapping[str, int] = field(default_factory=dict)  # Chinese label → how many
    conflicts: tuple[BatchConflict, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.refusals

    def unresolved(self, resolutions: Mapping[str, str] | None) -> list[BatchConflict]:
        chosen = resolutions or {}
        return [c for c in self.conflicts if chosen.get(c.id) not in c.choices]

    def lines(self) -> list[str]:
        """The preview as the clerk reads it (the command prints these)."""
        kinds = {"enrollment": "参保", "claims": "理赔"}
        kind = kinds.get(self.kind, self.kind)
        out = [
            f"批次：{self.folder.name}（{self.unit_name} {self.unit_code}，{kind}，第 {self.batch_no} 批）"
        ]
        if self.refusals:
            return out + ["拒收：", *(f"  {r}" for r in self.refusals)]
        if self.already_imported:
            return out + ["该批次已导入过，再次导入不会有任何改动"]
        out += [f"  {label}：{n}" for label, n in self.counts.items() if n]
        out += [f"  注意：{n}" for n in self.notes]
        for c in self.conflicts:
            opts = "、".join(f"{o}={CHOICE_LABELS[o]}" for o in c.choices)
            out.append(f"  冲突 {c.id}：{c.message}（可选：{opts}）")
        return out


@dataclass(frozen=True)
class ImportResult:
    preview: BatchPreview
    imported: bool  # False for a dry run or a batch taken in before
    batch_id: int | None = None


@dataclass(frozen=True)
class ClaimLine:
    """One claim of a unit's claims batch, from 理赔清单.xlsx checked against the manifest."""

    row: int
    claim_no: str  # the unit's own number
    id_number: str
    member_name: str
    status: str
    event_key: str
    plan: str
    benefit: str
    event_date: dt.date
    applied_on: dt.date
    amount: Decimal
    relation: str
    beneficiary: str
    facts: dict[str, Any] | None  # only when the manifest carries them
    materials: tuple[str, ...] = ()  # materials received, likewise


@dataclass
class Bundle:
    """A verified, read batch: the manifest and the rows of its files."""

    folder: Path
    manifest: dict[str, Any]
    sha256: str
    kind: str
    unit_code: str
    unit_name: str
    batch_no: int
    drafts: list[DraftRow] = field(default_factory=list)  # the 人员手册 rows, validated
    application: dict[str, str] = field(default_factory=dict)
    claims: list[ClaimLine] = field(default_factory=list)
    manifest_text: str = ""  # as stored in Batch.manifest
    opened: Opened | None = None  # who sent it, its batch id


def read_bundle(folder: Path, password: str | None = None, today: dt.date | None = None) -> Bundle:
    """The content checks of a batch folder alone (counts, rows, names against the manifest),
    without the exchange's trust checks; the importer runs both (``BatchImporter``)."""
    try:
        head = batch_read.read_head(Path(folder))
    except batch_read.FolderRefused as exc:
        raise BatchRefused(exc.reasons) from exc
    with open_contents(head, password, _NEEDED.get(str(head.manifest.get("kind")), ())) as opened:
        return bundle_of(opened, today)


def bundle_of(opened: Opened, today: dt.date | None = None) -> Bundle:
    """Read a checked batch's rows; raises BatchRefused with every reason found."""
    manifest = opened.manifest
    listed = {str(f.get("name")) for f in manifest.get("files", [])}
    missing = [n for n in _NEEDED.get(str(manifest.get("kind")), ()) if n not in listed]
    if missing:
        raise BatchRefused([f"批次不完整：清单中没有“{n}”" for n in missing])
    try:
        kind = str(manifest["kind"])
        unit = manifest["unit"]
        number = batch_read.batch_number(manifest["batch_no"])
        b = Bundle(opened.folder, manifest, opened.sha256, kind, str(unit["code"]), str(unit["name"]),
                   number, manifest_text=opened.text, opened=opened)  # fmt: skip
        if kind == "enrollment":
            problems = _read_enrollment(b, opened.plain, today or dt.date.today())
        elif kind == "claims":
            problems = _read_claims(b, opened.plain)
        else:
            problems = [f"批次类型“{kind}”不能在此导入（应为参保或理赔批次）"]
    except (SheetRefused, batch_read.FolderRefused) as exc:
        raise BatchRefused(getattr(exc, "reasons", None) or [str(exc)]) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BatchRefused([f"{batch_io.MANIFEST} 字段不全或格式不对（{exc}）"]) from exc
    if problems:
        raise BatchRefused(problems)
    return b


def _count_problem(label: str, said: object, listed: int, rows: int, file: str) -> list[str]:
    if said == listed == rows:
        return []
    return [
        f"清单称有 {said} {label}，但清单名单列出 {listed} {label}、“{file}”中有 {rows} 行："
        "批次不完整或被改动"
    ]


def _read_enrollment(b: Bundle, plain: Callable[[str], Path], today: dt.date) -> list[str]:
    m = b.manifest
    sheet = read_roster(plain(ROSTER_FILE))
    if sheet.errors:
        return [f"“{ROSTER_FILE}”：{e}" for e in sheet.errors]
    drafts, errors = validate_table(sheet, today=today)
    problems = [f"“{ROSTER_FILE}”{e}" for e in errors]
    listed = {str(x["id_number"]): str(x["name"]) for x in m["members"]}
    problems += _count_problem("人", m["counts"]["members"], len(m["members"]), len(sheet), ROSTER_FILE)
    if list(map(listed.get, map(itemgetter(2), drafts))) != list(map(itemgetter(1), drafts)):
        for d in drafts:
            if listed.get(d[2]) != d[1]:
                problems.append(f"“{ROSTER_FILE}”第 {d[0]} 行：{d[1]}（{idnumber.mask(d[2])}）与清单名单不符")
    grid = load_grids(plain(APPLICATION_FILE))[0]
    app = {str(r[0]).strip(): "" if r[1] is None else str(r[1]).strip() for r in grid if len(r) > 1 and r[0]}
    b.application = app
    expected = {
        "单位编码": b.unit_code,
        "期数": str(m["period"]),
        "缴费人数": str(m["counts"].get("payers", m["counts"]["members"])),  # free members do not pay
        "缴费金额": str(m["totals"]["amount"]),
    }
    for label, want in expected.items():
        if app.get(label) != want:
            problems.append(
                f"“{APPLICATION_FILE}”的“{label}”为“{app.get(label, '')}”，清单为“{want}”，两者不符"
            )
    b.drafts = drafts
    return problems


def _cell_text(value: object) -> str:
    """A list cell as text: date cells as ISO dates, money cells as their shortest decimal."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_claims(b: Bundle, plain: Callable[[str], Path]) -> list[str]:
    m = b.manifest
    grid = load_grids(plain(CLAIMS_FILE))[0]
    header = [str(v or "").strip() for v in grid[0]] if grid else []
    if header[: len(CLAIMS_HEADER)] != CLAIMS_HEADER:
        return [f"“{CLAIMS_FILE}”第 1 行不是理赔清单的表头"]
    body = [(i, r) for i, r in enumerate(grid[1:], start=2) if any(v not in (None, "") for v in r)]
    problems = _count_problem("笔", m["counts"]["claims"], len(m["claims"]), len(body), CLAIMS_FILE)
    listed = {str(c["claim_no"]): c for c in m["claims"]}
    total = Decimal(0)
    for row, cells in body:
        cell = dict(zip(CLAIMS_HEADER, (_cell_text(v) for v in cells), strict=False))
        where = f"“{CLAIMS_FILE}”第 {row} 行"
        entry = listed.get(cell["理赔编号"])
        if entry is None:
            problems.append(f"{where}：理赔编号“{cell['理赔编号']}”不在清单中")
            continue
        try:
            number = idnumber.validate(cell["身份证号码"])
            amount = parse_amount(cell["核定金额"] or "0", field="核定金额")
            event_date = dt.date.fromisoformat(cell["事件日期"])
            applied_on = dt.date.fromisoformat(cell["申请日期"])
        except (InvalidIdNumber, ValueError) as exc:
            problems.append(f"{where}：{exc}")
            continue
        if number != entry["id_number"]:  # plan and benefit (shown by name) come from the signed manifest
            problems.append(f"{where}：身份证号码与清单不符")
            continue
        total += amount
        who = cell["受益人"]
        relation = "spouse" if who.endswith("（配偶）") else "child" if who.endswith("（子女）") else "self"
        b.claims.append(
            ClaimLine(
                row,
                cell["理赔编号"],
                number,
                cell["会员"],
                str(entry["status"]),
                str(entry["event"]),
                str(entry["plan"]),
                str(entry["benefit"]),
                event_date,
                applied_on,
                amount,
                relation,
                who.split("（")[0],
                entry.get("facts"),
                tuple(entry.get("materials") or ()),
            )
        )
    if not problems and total != parse_amount(m["totals"]["amount"], field="核定金额合计"):
        problems.append(
            f"“{CLAIMS_FILE}”核定金额合计 {total} 元，清单为 {m['totals']['amount']} 元，两者不符"
        )
    return problems


class BatchImporter:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor

    def preview_batch(self, folder: Path, password: str | None = None) -> BatchPreview:
        """What importing would add, update and meet as conflicts; refusals instead of raising."""
        with bulk_work():
            try:
                b = self._read(folder, password)
            except BatchRefused as exc:
                return BatchPreview(Path(folder), refusals=tuple(exc.reasons))
            with self._sessions() as s:
                return self._plan(s, b).preview

    def import_batch(
        self,
        folder: Path,
        password: str | None = None,
        resolutions: Mapping[str, str] | None = None,
        dry_run: bool = False,
    ) -> ImportResult:
        """Import in one transaction; raises BatchRefused, or ServiceError for unresolved conflicts."""
        with bulk_work():
            b = self._read(folder, password)
            self.actor.require("enrollment.write" if b.kind == "enrollment" else "claims.write")
            resolutions = dict(resolutions or {})
            return self._import_read(b, resolutions, dry_run)

    def _read(self, folder: Path, password: str | None) -> Bundle:
        """Trust checks first (signature, sender, recipient, files), then the rows."""
        kinds = ("enrollment", "claims")
        parse = (ROSTER_FILE, APPLICATION_FILE, CLAIMS_FILE)
        with open_sealed(self._sessions, self.actor, Path(folder), password, kinds, parse) as opened:
            return bundle_of(opened)

    def _import_read(self, b: Bundle, resolutions: dict[str, str], dry_run: bool) -> ImportResult:
        try:
            return self._import(b, resolutions, dry_run)
        except IntegrityError as exc:  # another clerk took the same batch in at the same moment
            raise Conflict("该批次刚被其他用户导入，或其中的记录刚被修改，请重新预览后再导入") from exc

    def _import(self, b: Bundle, resolutions: dict[str, str], dry_run: bool) -> ImportResult:
        with self._sessions.begin() as s:
            plan = self._plan(s, b)
            preview = plan.preview
            if preview.already_imported:
                return ImportResult(preview, False)
            if preview.refusals:
                raise BatchRefused(list(preview.refusals))
            unknown = sorted(set(resolutions) - {c.id for c in preview.conflicts})
            pending = preview.unresolved(resolutions)
            if pending or unknown:
                lines = [f"冲突 {c.id}：{c.message}（可选：{'、'.join(c.choices)}）" for c in pending]
                lines += [f"没有编号为 {u} 的冲突" for u in unknown]
                raise ServiceError(f"有 {len(pending)} 处冲突未处理，批次未导入：\n" + "\n".join(lines))
            if dry_run:
                return ImportResult(preview, False)
            # The manifest (~18 MB for 100k members) goes in with the unit and period, in one write.
            batch = Batch(kind=b.kind, direction="import", number=b.batch_no, unit_id=None, period_id=None,
                          folder=str(b.folder), manifest="", created_by=self.actor.user_id)  # fmt: skip
            s.add(batch)
            s.flush()
            roomy_cache_until_returned(s)
            batch.unit_id, batch.period_id = plan.apply(batch.id, resolutions)
            batch.manifest = b.manifest_text
            assert b.opened is not None
            s.add(import_record(b.opened, batch.id, b.kind, b.unit_code, b.batch_no))
            counts = {k: v for k, v in preview.counts.items() if v}
            audit.record(s, self.actor, "import_batch", "unit", batch.unit_id, folder=b.folder.name,
                         kind=b.kind, batch=b.batch_no, sha256=b.sha256, resolutions=resolutions,
                         **counts)  # fmt: skip
            return ImportResult(preview, True, batch.id)

    def _plan(self, s: Session, b: Bundle) -> EnrollmentPlan | ClaimsPlan:
        from app.services.batch_claim_lines import ClaimsPlan
        from app.services.batch_lines import EnrollmentPlan

        done = s.scalar(select(BatchImport.id).where(BatchImport.manifest_sha256 == b.sha256))
        catalogue = PlanService(self._sessions, self.actor).catalogue()
        planner = EnrollmentPlan if b.kind == "enrollment" else ClaimsPlan
        plan = planner(s, self.actor, b, catalogue, already_imported=done is not None)
        if b.opened is not None and (replay := replay_refusal(s, b.opened)) is not None:
            plan.refusals.insert(0, replay)
        return plan
