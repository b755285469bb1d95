"""Roster use cases: units, members and their families — list, add, edit, move, mark as left."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.models import FamilyMember, Member, Unit
from app.models.db import SessionFactory
from app.rules import idnumber
from app.rules.collation import name_key
from app.rules.errors import InvalidIdNumber
from app.services import audit
from app.services.auth import Actor
from app.services.errors import Conflict, InputErrors, NotFound, ServiceError
from app.services.retry import waits_for_other_writers
from app.services.roster_types import (
    CATEGORY_LABELS,
    EMPLOYMENT_LABELS,
    ENGAGEMENT_LABELS,
    MAX_ENGAGEMENT_MONTHS,
    MemberDraft,
    RowError,
)

CHANGED_ELSEWHERE = "该记录已被其他用户修改，请关闭后重新打开再改"


@dataclass(frozen=True)
class UnitDraft:
    code: str
    name: str
    chair_name: str = ""
    chair_phone: str = ""
    handler_name: str = ""
    handler_phone: str = ""
    address: str = ""
    headcount: int = 0
    in_service_count: int = 0
    has_union: bool = True
    remits_union_funds: bool = True


@dataclass(frozen=True)
class UnitInfo:
    id: int
    draft: UnitDraft
    member_count: int
    version: int

    @property
    def code(self) -> str:
        return self.draft.code

    @property
    def name(self) -> str:
        return self.draft.name


@dataclass(frozen=True)
class FamilyDraft:
    relation: str  # spouse | child
    name: str
    id_number: str


@dataclass(frozen=True)
class MemberDetail:
    id: int
    unit_id: int
    draft: MemberDraft
    gender: str
    birth_date: dt.date
    left_on: dt.date | None
    version: int
    family: tuple[FamilyDraft, ...] = field(default_factory=tuple)


class MemberRow(NamedTuple):
    """One line of the roster table: light enough for 100k rows in memory."""

    id: int
    unit_id: int
    name: str
    name_key: str
    id_number: str
    gender: str
    phone: str
    medical_card: str
    social_security_card: str
    jingka_card: str
    bank_name: str
    bank_account: str
    employment: str
    is_model_worker: bool
    is_hardship: bool

    @property
    def birth_date(self) -> dt.date:
        # Derived from the ID number rather than loaded: parsing 100k date columns costs ~0.3 s.
        return idnumber.birth_date_of(self.id_number)


UNIT_FIELDS = tuple(UnitDraft.__dataclass_fields__)


def engagement_errors(engagement: str, months: int | None, row: int = 0) -> list[RowError]:
    """A kind of engagement seed 001 names, and a temporary worker's months (1 to 1200)."""
    if engagement not in ENGAGEMENT_LABELS:
        return [RowError(row, "用工形式", f"应为 {'、'.join(ENGAGEMENT_LABELS.values())}")]
    if engagement == "temporary" and months is None:
        return [RowError(row, "聘用期（月）", "临时职工须填写聘用期（月数）")]
    if months is not None and not 1 <= months <= MAX_ENGAGEMENT_MONTHS:
        return [RowError(row, "聘用期（月）", f"应为 1 至 {MAX_ENGAGEMENT_MONTHS} 的整数")]
    return []


def check_member_draft(draft: MemberDraft, row: int = 0) -> list[RowError]:
    """Every problem of one member form at once (the file importer has its own, row-based pass)."""
    errors: list[RowError] = []
    if not draft.name.strip():
        errors.append(RowError(row, "姓名", "姓名不能为空"))
    elif len(draft.name) > 50:
        errors.append(RowError(row, "姓名", "姓名过长（超过 50 字）"))
    try:
        idnumber.validate(draft.id_number)
    except InvalidIdNumber as exc:
        errors.append(RowError(row, "身份证号码", str(exc)))
    if draft.employment not in EMPLOYMENT_LABELS:
        errors.append(RowError(row, "在职状态", f"应为 {'、'.join(EMPLOYMENT_LABELS.values())}"))
    errors += engagement_errors(draft.engagement, draft.engagement_months, row)
    unknown = set(draft.categories) - set(CATEGORY_LABELS)
    if unknown:
        errors.append(RowError(row, "人员类别", f"未知类别 {'、'.join(sorted(unknown))}"))
    if draft.union_member_since and draft.union_member_since > dt.date.today():
        errors.append(RowError(row, "入会日期", "入会日期不能晚于今天"))
    for label, value in (("联系电话", draft.phone), ("银行账号", draft.bank_account)):
        if value and not value.replace("-", "").replace("+", "").isdigit():
            errors.append(RowError(row, label, f"“{value}”应只含数字"))
    return errors


def _member_columns(draft: MemberDraft) -> dict[str, object]:
    number = idnumber.validate(draft.id_number)
    return {
        "name": draft.name.strip(),  # name_key and name_initials follow (app.models.roster)
        "id_number": number,
        "gender": idnumber.gender_of(number),
        "birth_date": idnumber.birth_date_of(number),
        "phone": draft.phone,
        "medical_card": draft.medical_card,
        "social_security_card": draft.social_security_card,
        "jingka_card": draft.jingka_card,
        "bank_name": draft.bank_name,
        "bank_account": draft.bank_account,
        "employment": draft.employment,
        "union_member_since": draft.union_member_since,
        "is_model_worker": "model_worker" in draft.categories,
        "is_hardship": "hardship" in draft.categories,
        "basic_medical_insurance": draft.basic_medical_insurance,
        "engagement": draft.engagement,
        "engagement_months": draft.engagement_months if draft.engagement == "temporary" else None,
    }


def _draft_of(m: Member) -> MemberDraft:
    cats = {c for c, flag in (("model_worker", m.is_model_worker), ("hardship", m.is_hardship)) if flag}
    return MemberDraft(
        name=m.name,
        id_number=m.id_number,
        phone=m.phone,
        medical_card=m.medical_card,
        social_security_card=m.social_security_card,
        jingka_card=m.jingka_card,
        bank_name=m.bank_name,
        bank_account=m.bank_account,
        employment=m.employment,  # type: ignore[arg-type]
        union_member_since=m.union_member_since,
        categories=frozenset(cats),
        basic_medical_insurance=m.basic_medical_insurance,
        engagement=m.engagement,  # type: ignore[arg-type]
        engagement_months=m.engagement_months,
    )


def _check_family(family: tuple[FamilyDraft, ...], own_id: str) -> tuple[list[FamilyDraft], list[RowError]]:
    clean: list[FamilyDraft] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for i, f in enumerate(family, start=1):
        where = f"家属第 {i} 行"
        if f.relation not in ("spouse", "child"):
            errors.append(RowError(0, where, "关系应为 配偶 或 子女"))
        if not f.name.strip():
            errors.append(RowError(0, where, "家属姓名不能为空"))
        try:
            number = idnumber.validate(f.id_number)
        except InvalidIdNumber as exc:
            errors.append(RowError(0, where, str(exc)))
            continue
        if number == own_id:
            errors.append(RowError(0, where, "家属身份证号码不能与会员本人相同"))
        if number in seen:
            errors.append(RowError(0, where, "家属身份证号码重复"))
        seen.add(number)
        clean.append(replace(f, name=f.name.strip(), id_number=number))
    if sum(1 for f in clean if f.relation == "spouse") > 1:
        errors.append(RowError(0, "家属", "配偶只能登记一人"))
    return clean, errors


def describe_holder(s: Session, id_number: str) -> str | None:
    """'张三（某某公司）' when the ID number is already a member, else None."""
    row = s.execute(select(Member.name, Unit.name).join(Unit).where(Member.id_number == id_number)).first()
    return f"{row[0]}（{row[1]}）" if row else None


class RosterService:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor

    # -- units ---------------------------------------------------------------------------
    def list_units(self) -> list[UnitInfo]:
        with self._sessions() as s:
            counts = dict(
                s.execute(select(Member.unit_id, func.count()).group_by(Member.unit_id)).tuples().all()
            )
            units = s.scalars(select(Unit)).all()
            infos = [
                UnitInfo(
                    u.id, UnitDraft(**{f: getattr(u, f) for f in UNIT_FIELDS}), counts.get(u.id, 0), u.version
                )
                for u in units
            ]
        return sorted(infos, key=lambda u: name_key(u.name))

    def unit_by_code(self, code: str) -> UnitInfo:
        for u in self.list_units():
            if u.code == code:
                return u
        raise NotFound(f"单位编码“{code}”不存在")

    @waits_for_other_writers
    def save_unit(self, draft: UnitDraft, unit_id: int | None = None, version: int | None = None) -> int:
        self.actor.require("roster.write")
        errors = []
        if not draft.code.strip():
            errors.append(RowError(0, "单位编码", "单位编码不能为空"))
        if not draft.name.strip():
            errors.append(RowError(0, "单位名称", "单位名称不能为空"))
        if draft.headcount < 0 or draft.in_service_count < 0:
            errors.append(RowError(0, "人数", "人数不能为负数"))
        if draft.in_service_count > draft.headcount:
            errors.append(RowError(0, "在职人数", "在职人数不能多于总人数"))
        if errors:
            raise InputErrors(errors, "单位资料有误")
        draft = replace(draft, code=draft.code.strip(), name=draft.name.strip())
        try:
            with self._sessions.begin() as s:
                clash = s.scalars(select(Unit).where(Unit.code == draft.code)).first()
                if clash is not None and clash.id != unit_id:
                    raise Conflict(f"单位编码“{draft.code}”已被“{clash.name}”使用")
                if unit_id is None:
                    unit = Unit(**asdict(draft))
                    s.add(unit)
                    s.flush()
                    audit.record(s, self.actor, "create", "unit", unit.id, **asdict(draft))
                else:
                    unit = self._unit(s, unit_id, version)
                    for k, v in asdict(draft).items():
                        setattr(unit, k, v)
                    s.flush()
                    audit.record(s, self.actor, "update", "unit", unit.id, **asdict(draft))
                return unit.id
        except StaleDataError as exc:
            raise Conflict(CHANGED_ELSEWHERE) from exc

    @staticmethod
    def _unit(s: Session, unit_id: int, version: int | None = None) -> Unit:
        unit = s.get(Unit, unit_id)
        if unit is None:
            raise NotFound("单位不存在")
        if version is not None and unit.version != version:
            raise Conflict(CHANGED_ELSEWHERE)
        return unit

    # -- members -------------------------------------------------------------------------
    def member_rows(self, unit_id: int | None = None) -> list[MemberRow]:
        """Every member (of a unit), in Chinese name order — for scripts and tests. The window
        never holds a whole roster: its table pages through app.services.roster_pages."""
        q = select(*(getattr(Member, f) for f in MemberRow._fields)).order_by(Member.name_key, Member.id)
        if unit_id is not None:
            q = q.where(Member.unit_id == unit_id)
        with self._sessions() as s:
            return [MemberRow._make(r) for r in s.execute(q)]

    def search(self, text: str, limit: int = 50) -> list[MemberRow]:
        """Members the roster search finds for ``text`` (name, pinyin initials, 4+ digits of an ID,
        phone or card), in name order: the same indexed search as the roster tab, so picking a
        member at claim intake stays instant at a city's millions (a LIKE '%…%' scanned them all)."""
        from app.services.roster_pages import RosterPages, RosterView

        query, parsed = RosterPages(self._sessions).query(RosterView(None, text))
        if not parsed.active:
            return []
        return [MemberRow(*r) for r in query.page(limit=limit).rows]

    def by_id_number(self, number: str) -> MemberRow | None:
        """The member registered with this ID number (compacted), if any."""
        cols = [getattr(Member, f) for f in MemberRow._fields]
        with self._sessions() as s:
            row = s.execute(select(*cols).where(Member.id_number == idnumber.compact(number))).first()
        return MemberRow(*row) if row else None

    def family_of(self, member_id: int) -> list[tuple[int, str, str, str]]:
        """(id, relation, name, ID number) of a member's spouse and children."""
        q = select(FamilyMember.id, FamilyMember.relation, FamilyMember.name, FamilyMember.id_number).where(
            FamilyMember.member_id == member_id
        )
        with self._sessions() as s:
            return [tuple(r) for r in s.execute(q.order_by(FamilyMember.id))]

    def member(self, member_id: int) -> MemberDetail:
        with self._sessions() as s:
            m = s.get(Member, member_id)
            if m is None:
                raise NotFound("会员不存在")
            fam = tuple(FamilyDraft(f.relation, f.name, f.id_number) for f in m.family)
            return MemberDetail(
                m.id, m.unit_id, _draft_of(m), m.gender, m.birth_date, m.left_on, m.version, fam
            )

    @waits_for_other_writers
    def add_member(self, unit_id: int, draft: MemberDraft, family: tuple[FamilyDraft, ...] = ()) -> int:
        self.actor.require("roster.write")
        errors = check_member_draft(draft)
        number = idnumber.compact(draft.id_number)
        clean_family, fam_errors = _check_family(family, number)
        if errors or fam_errors:
            raise InputErrors(errors + fam_errors, "会员资料有误")
        with self._sessions.begin() as s:
            self._unit(s, unit_id)
            cols = _member_columns(draft)
            holder = describe_holder(s, cols["id_number"])  # type: ignore[arg-type]
            if holder:
                raise Conflict(f"身份证号码 {cols['id_number']} 已登记为会员 {holder}，不能重复登记")
            member = Member(unit_id=unit_id, **cols)
            member.family = [self._family_row(f) for f in clean_family]
            s.add(member)
            s.flush()
            audit.record(
                s,
                self.actor,
                "create",
                "member",
                member.id,
                unit_id=unit_id,
                name=member.name,
                id_number=idnumber.mask(member.id_number),
                family=len(clean_family),
            )
            return member.id

    @waits_for_other_writers
    def update_member(
        self, member_id: int, draft: MemberDraft, family: tuple[FamilyDraft, ...], version: int
    ) -> int:
        """Save the member's data and family; returns the record's new version (to undo it by)."""
        self.actor.require("roster.write")
        errors = check_member_draft(draft)
        clean_family, fam_errors = _check_family(family, idnumber.compact(draft.id_number))
        if errors or fam_errors:
            raise InputErrors(errors + fam_errors, "会员资料有误")
        try:
            with self._sessions.begin() as s:
                member = self._member(s, member_id, version)
                cols = _member_columns(draft)
                if cols["id_number"] != member.id_number:
                    holder = describe_holder(s, cols["id_number"])  # type: ignore[arg-type]
                    if holder:
                        raise Conflict(f"身份证号码 {cols['id_number']} 已登记为会员 {holder}，不能重复登记")
                changed = {k: v for k, v in cols.items() if getattr(member, k) != v}
                before = {k: getattr(member, k) for k in changed}  # the log says 从 … 改为 …
                for k, v in cols.items():
                    setattr(member, k, v)
                old_family = [(f.relation, f.name, f.id_number) for f in member.family]
                new_family = [(f.relation, f.name, f.id_number) for f in clean_family]
                if old_family != new_family:
                    member.family = [self._family_row(f) for f in clean_family]
                    changed["family"] = len(clean_family)
                s.flush()
                for key in ("id_number", "bank_account"):
                    if key in changed:
                        changed[key] = idnumber.mask(str(changed[key]))
                        before[key] = idnumber.mask(str(before[key] or ""))
                if before:
                    changed["before"] = before
                audit.record(s, self.actor, "update", "member", member.id, **changed)
                return member.version
        except StaleDataError as exc:
            raise Conflict(CHANGED_ELSEWHERE) from exc

    @waits_for_other_writers
    def move_member(self, member_id: int, unit_id: int, version: int) -> int:
        """Move to another unit; returns the record's new version."""
        self.actor.require("roster.write")
        try:
            with self._sessions.begin() as s:
                member = self._member(s, member_id, version)
                target = self._unit(s, unit_id)
                if member.unit_id == unit_id:
                    raise ServiceError("会员已在该单位")
                old = member.unit_id
                member.unit_id = target.id
                s.flush()
                audit.record(s, self.actor, "move", "member", member.id, from_unit=old, to_unit=target.id)
                return member.version
        except StaleDataError as exc:
            raise Conflict(CHANGED_ELSEWHERE) from exc

    @waits_for_other_writers
    def mark_left(self, member_id: int, on: dt.date, version: int) -> int:
        """离职 from ``on``; returns the record's new version."""
        self.actor.require("roster.write")
        if on > dt.date.today():
            raise ServiceError("离职日期不能晚于今天")
        try:
            with self._sessions.begin() as s:
                member = self._member(s, member_id, version)
                if member.employment == "left":
                    raise ServiceError(f"{member.name} 已是离职状态")
                was = member.employment
                member.employment = "left"
                member.left_on = on
                s.flush()
                audit.record(s, self.actor, "mark_left", "member", member.id, left_on=on, was=was)
                return member.version
        except StaleDataError as exc:
            raise Conflict(CHANGED_ELSEWHERE) from exc

    # -- 撤销: compensating changes, refused when the record is no longer as the step left it ----
    def undo_update(self, member_id: int, before: MemberDetail, after: MemberDraft) -> None:
        """Put back ``before`` if the member still reads ``after`` (nobody changed it since)."""
        now_ = self.member(member_id)
        if now_.draft != after:
            raise Conflict(f"{before.draft.name} 的资料在此之后又被修改，不能撤销")
        self.update_member(member_id, before.draft, before.family, now_.version)  # version-guarded

    def undo_move(self, member_id: int, from_unit: int, to_unit: int) -> None:
        now_ = self.member(member_id)
        if now_.unit_id != to_unit:
            raise Conflict(f"{now_.draft.name} 在此之后又调动了单位，不能撤销")
        self.move_member(member_id, from_unit, now_.version)

    @waits_for_other_writers
    def undo_mark_left(self, member_id: int, employment: str) -> None:
        """撤销离职: back to ``employment`` (what it was before), no leaving date; audited.
        Other fields changed since are kept: only the leaving is taken back."""
        self.actor.require("roster.write")
        if employment not in EMPLOYMENT_LABELS or employment == "left":
            raise ServiceError(f"用工状态 {employment} 无效")
        try:
            with self._sessions.begin() as s:
                member = self._member(s, member_id, None)
                if member.employment != "left":
                    raise Conflict(f"{member.name} 已不是离职状态，不能撤销")
                left_on, member.employment, member.left_on = member.left_on, employment, None
                s.flush()
                audit.record(
                    s,
                    self.actor,
                    "undo_mark_left",
                    "member",
                    member.id,
                    employment=employment,
                    left_on=left_on,
                )
        except StaleDataError as exc:
            raise Conflict(CHANGED_ELSEWHERE) from exc

    @staticmethod
    def _member(s: Session, member_id: int, version: int | None) -> Member:
        member = s.get(Member, member_id)
        if member is None:
            raise NotFound("会员不存在")
        if version is not None and member.version != version:
            raise Conflict(CHANGED_ELSEWHERE)
        return member

    @staticmethod
    def _family_row(f: FamilyDraft) -> FamilyMember:
        return FamilyMember(
            relation=f.relation,
            name=f.name,
            id_number=f.id_number,
            gender=idnumber.gender_of(f.id_number),
            birth_date=idnumber.birth_date_of(f.id_number),
        )
