"""The lines of a unit's batch at the office: members and enrollments, or claims — planned, then written.

A plan reads what it needs with set lookups (a 100k-member batch must not cost a query per
row), lists every conflict with a stable id, and writes nothing until ``apply``, which runs in
the importer's transaction. Every line leaves an ExchangeLink: which office record it became,
or why the office refused it — the results batch answers the unit from these.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from app.models import CoveragePeriod, Enrollment, ExchangeLink, Member, Unit
from app.models.base import now
from app.rules import idnumber
from app.rules.collation import name_key
from app.rules.enrollment import member_eligibility
from app.rules.errors import RulesError
from app.rules.money import parse_amount, to_fen
from app.rules.plans import PlanCatalogue
from app.rules.values import Employment, Engagement, MemberRecord
from app.services import audit
from app.services.auth import Actor
from app.services.batch_import import (
    ROSTER_FILE,
    BatchConflict,
    BatchPreview,
    Bundle,
)
from app.services.batch_lines_sql import ENROLLMENTS, LINKS, MEMBERS, insert_new_unit_lines
from app.services.bulk_insert import Each, insert_columns
from app.services.errors import ServiceError
from app.services.roster_bulk import insert_rows
from app.services.roster_types import EMPLOYMENT_LABELS, ENGAGEMENT_LABELS, MAX_ENGAGEMENT_MONTHS, DraftRow

_CHUNK = 900  # below SQLite's bound-parameter limit
_MEMBER_COLS = (
    Member.id_number,
    Member.id,
    Member.unit_id,
    Member.name,
    Member.medical_card,
    Member.employment,
    Member.basic_medical_insurance,
    Member.engagement,
    Member.engagement_months,
)
# An enrollment line's payload: (Excel row, the draft as the batch gives it, effective date, shares,
# already enrolled in this unit for the period).
EnrollmentPayload = tuple[int, DraftRow, dt.date, int, bool]


def chunks(values: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


def existing_members(s: Session, numbers: Iterable[str]) -> dict[str, Any]:
    """ID number → member row, for those already in the office's roster."""
    wanted = set(numbers)
    if not wanted:
        return {}
    if (s.scalar(select(func.count(Member.id))) or 0) <= 4 * len(wanted):  # one scan beats many INs
        return {r.id_number: r for r in s.execute(select(*_MEMBER_COLS)) if r.id_number in wanted}
    return {
        r.id_number: r
        for part in chunks(sorted(wanted))
        for r in s.execute(select(*_MEMBER_COLS).where(Member.id_number.in_(part)))
    }


def _day_or_none(text: str | None, default: dt.date) -> dt.date | None:
    """A line's effective date from its ISO text (``default`` when empty); None when unreadable."""
    if not text:
        return default
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def who(name: str, number: str) -> str:
    return f"{name}（{idnumber.mask(number)}）"


@dataclasses.dataclass(slots=True)
class Line:
    key: str  # ID number (enrollment) or the unit's claim number
    existing: Any
    conflict: BatchConflict | None = None
    payload: Any = None  # (row, MemberDraft, effective, shares, enrolled_here) or a ClaimLine


class LinePlan:
    def __init__(
        self, s: Session, actor: Actor, b: Bundle, catalogue: PlanCatalogue, already_imported: bool
    ) -> None:
        self.s, self.actor, self.b, self.catalogue = s, actor, b, catalogue
        self.counts: dict[str, int] = {}
        self.conflicts: dict[str, BatchConflict] = {}
        self.notes: list[str] = []
        self.refusals: list[str] = []
        self.lines: list[Line] = []
        self.unit = s.scalars(select(Unit).where(Unit.code == b.unit_code)).first()
        self.uid = self.unit.id if self.unit else None
        self.unit_names = dict(s.execute(select(Unit.id, Unit.name)).tuples().all())
        self.already_imported = already_imported
        if not already_imported:
            self._plan()

    def _plan(self) -> None:
        raise NotImplementedError

    @property
    def preview(self) -> BatchPreview:
        b = self.b
        return BatchPreview(
            b.folder,
            b.kind,
            b.unit_code,
            b.unit_name,
            b.batch_no,
            b.sha256,
            tuple(self.refusals),
            self.already_imported,
            dict(self.counts),
            tuple(self.conflicts.values()),
            tuple(self.notes),
        )

    def _bump(self, label: str, n: int = 1) -> None:
        self.counts[label] = self.counts.get(label, 0) + n

    def _conflict(self, code: str, key: str, message: str, choices: tuple[str, ...]) -> BatchConflict:
        return self.conflicts.setdefault(
            f"{code}:{key}", BatchConflict(f"{code}:{key}", code, message, choices)
        )

    def _unit_conflict(self, key: str, where: str, ex: Any) -> BatchConflict:
        msg = (
            f"{where}：{who(ex.name, ex.id_number)} 已是“{self.unit_names[ex.unit_id]}”的会员"
            "（同一身份证号码在两个单位）"
        )
        return self._conflict("member_other_unit", key, msg, ("skip", "move_member"))

    def _ensure_unit(self, fields: Mapping[str, Any]) -> Unit:
        if self.unit is None:
            self.unit = Unit(code=self.b.unit_code, **fields)
            self.s.add(self.unit)
            self.s.flush()
            audit.record(
                self.s, self.actor, "create", "unit", self.unit.id, code=self.unit.code, source="batch"
            )
        else:
            changed = {k: v for k, v in fields.items() if v and getattr(self.unit, k) != v}
            for k, v in changed.items():
                setattr(self.unit, k, v)
            if changed:
                self.s.flush()
                audit.record(self.s, self.actor, "update", "unit", self.unit.id, source="batch", **changed)
        return self.unit

    def _move(self, member_ids: list[int], unit: Unit) -> None:
        """Members the clerk chose to move here: their other unit's enrollments stay as history."""
        for mid in member_ids:
            self.s.execute(
                update(Member)
                .where(Member.id == mid)
                .values(unit_id=unit.id, version=Member.version + 1, updated_at=now())
            )
            audit.record(self.s, self.actor, "move", "member", mid, to_unit=unit.id, source="batch")

    def _links(self, kind: str, period_id: int | None) -> dict[str, ExchangeLink]:
        q = select(ExchangeLink).where(ExchangeLink.unit_id == self.uid, ExchangeLink.kind == kind)
        if period_id is not None:
            q = q.where(ExchangeLink.period_id == period_id)
        return {x.unit_ref: x for x in self.s.scalars(q)} if self.uid else {}

    def _link(
        self, found: dict[str, ExchangeLink], batch_id: int, kind: str, key: str, **values: Any
    ) -> None:
        link = found.get(key)
        if link is None:
            link = ExchangeLink(batch_id=batch_id, unit_id=self.uid, kind=kind, unit_ref=key)
            self.s.add(link)
            found[key] = link
        for k, v in values.items():
            setattr(link, k, v)


class EnrollmentPlan(LinePlan):
    def _plan(self) -> None:
        s, b, m = self.s, self.b, self.b.manifest
        period_no = int(m["period"])
        try:
            plan = self.catalogue.get(str(m["plan"]))
        except RulesError:
            self.refusals.append(f"本办事处没有方案“{m['plan']}”，不能办理该批次")
            return
        self.period = s.scalars(
            select(CoveragePeriod).where(
                CoveragePeriod.plan_code == plan.code, CoveragePeriod.number == period_no
            )
        ).first()
        self.info = m.get("period_info") or {}
        if self.period is None and not self.info.get("start"):
            # Periods carry the dates coverage and claims depend on: never guessed.
            self.refusals.append(
                f"办事处尚未建立“{plan.name}”第 {period_no} 期，批次清单也未注明该期的起止日期："
                "请先在“保障计划”中建立该期，再导入本批次"
            )
            return
        if self.period is None:
            self._bump("新建保障期")
        start = self.period.start if self.period else dt.date.fromisoformat(self.info["start"])
        self.plan = plan = self.catalogue.get(plan.code, start)
        app = b.application
        self.unit_fields = {
            "name": b.unit_name,
            "chair_name": app.get("工会主席姓名", ""),
            "chair_phone": app.get("联系方式", ""),
            "handler_name": app.get("经办人姓名", ""),
            "handler_phone": app.get("经办人联系方式", ""),
            "address": app.get("申请单位地址", ""),
            "in_service_count": int(app.get("在职（人）") or 0),
        }
        if self.unit is None:
            self._bump("新建单位")
        elif any(v and getattr(self.unit, k) != v for k, v in self.unit_fields.items()):
            self._bump("更新单位资料")
        extras = {str(x["id_number"]): x for x in m["members"]}
        existing = existing_members(s, (d[2] for d in b.drafts))
        active: dict[int, int] = {}  # member id → unit id of the active enrollment in this period
        if self.period is not None:
            for part in chunks([r.id for r in existing.values()]):
                active.update(
                    s.execute(
                        select(Enrollment.member_id, Enrollment.unit_id).where(
                            Enrollment.period_id == self.period.id,
                            Enrollment.status == "active",
                            Enrollment.member_id.in_(part),
                        )
                    )
                    .tuples()
                    .all()
                )
        # Eligibility depends on the birth date, not on who: one rules call per distinct case,
        # and the member's own call only to word the reasons of a refusal (100k lines).
        eligible: dict[tuple[Any, ...], bool] = {}
        days: dict[Any, dt.date] = {}
        counts = self.counts
        no_extras: dict[str, Any] = {}
        for d in b.drafts:
            row, name, number = d[0], d[1], d[2]
            x, ex = extras.get(number, no_extras), existing.get(number)
            employment = x.get("employment") or (ex.employment if ex else d[9])
            insured = x.get("basic_medical_insurance", ex.basic_medical_insurance if ex else True)
            engagement = x.get("engagement") or (ex.engagement if ex else d[15])
            months = x.get("engagement_months", ex.engagement_months if ex else d[16])
            if (  # the class first: a list or dict here would raise in the ``in`` test
                employment.__class__ is not str
                or employment not in EMPLOYMENT_LABELS
                or engagement.__class__ is not str
                or engagement not in ENGAGEMENT_LABELS
                or insured.__class__ is not bool
                or not (months is None or (months.__class__ is int and 1 <= months <= MAX_ENGAGEMENT_MONTHS))
            ):
                self.refusals.append(
                    f"清单名单中{who(name, number)}的在职状态、基本医保、用工形式或聘用期不可读："
                    "批次被改动或不是本程序制作的"
                )
                continue
            draft = (
                d
                if employment == d[9] and insured is d[13] and (engagement, months) == (d[15], d[16])
                else (*d[:9], employment, *d[10:13], insured, d[14], engagement, months)
            )
            day = x.get("effective_date")
            if day is not None and day.__class__ is not str:
                day = "?"  # not a date's text: refused below like a malformed one
            if (effective := days.get(day)) is None:
                effective = _day_or_none(day, start)
                if effective is None:
                    self.refusals.append(
                        f"清单名单中{who(name, number)}的生效日期“{day}”不可读：批次被改动或不是本程序制作的"
                    )
                    continue
                days[day] = effective
            if (shares := x.get("shares", 1)).__class__ is not int or shares < 1:
                self.refusals.append(
                    f"清单名单中{who(name, number)}的参保份数“{shares}”不是正整数："
                    "批次被改动或不是本程序制作的"
                )
                continue
            case = (number[6:14], employment, insured, shares, bool(d[6]), effective, engagement, months)
            ok = eligible.get(case)
            findings = None
            if not ok:
                born = idnumber.birth_date_of(number)
                record = MemberRecord(  # both are labels' keys: checked above
                    number, born, cast(Employment, employment), True, insured, shares, bool(d[6]),
                    cast(Engagement, engagement), months,
                )  # fmt: skip
                findings = member_eligibility(record, plan, effective).findings
                ok = eligible[case] = not findings
            other = active.get(ex.id) if ex else None
            here = other is not None and other == self.uid
            line = Line(number, ex, None, (row, draft, effective, shares, here))
            if not ok:
                why = "；".join(f.message.split("：", 1)[-1] for f in findings or ())
                line.conflict = self._conflict(
                    "member_not_eligible",
                    number,
                    f"“{ROSTER_FILE}”第 {row} 行：{who(name, number)} 不符合参保条件（{why}）",
                    ("skip",),
                )
            elif other is not None and other != self.uid:
                line.conflict = self._conflict(
                    "enrolled_elsewhere",
                    number,
                    f"“{ROSTER_FILE}”第 {row} 行：{who(name, number)} 本期已在“{self.unit_names[other]}”参保",
                    ("skip", "move_member"),
                )
            elif ex is not None and ex.unit_id != self.uid:
                line.conflict = self._unit_conflict(number, f"“{ROSTER_FILE}”第 {row} 行", ex)
            else:
                if ex is None:
                    counts["新增会员"] = counts.get("新增会员", 0) + 1
                elif (ex.name, ex.medical_card) != (name, d[4]):
                    line.conflict = self._changed_conflict(row, ex, name, d[4])
                label = "已参保（不变）" if here else "新增参保"
                counts[label] = counts.get(label, 0) + 1
            self.lines.append(line)

    def _changed_conflict(self, row: int, ex: Any, name: str, card: str) -> BatchConflict:
        """The office's record of a member differs from the batch: the clerk accepts or keeps it."""
        diffs = [f"{label}“{old}”→“{new}”" for label, old, new in
                 (("姓名", ex.name, name), ("医保卡号", ex.medical_card, card)) if old != new]  # fmt: skip
        msg = (
            f"“{ROSTER_FILE}”第 {row} 行：{who(ex.name, ex.id_number)} 的资料与办事处记录不同："
            + "，".join(diffs)
        )
        return self._conflict("member_changed", ex.id_number, msg, ("keep", "update"))

    def apply(self, batch_id: int, resolutions: Mapping[str, str]) -> tuple[int, int]:
        s, actor = self.s, self.actor
        unit = self._ensure_unit(self.unit_fields)
        self.uid = unit.id
        period = self.period or self._create_period()
        chosen = [(ln, resolutions.get(ln.conflict.id) if ln.conflict else None) for ln in self.lines]
        taken = [ln for ln, c in chosen if c != "skip"]
        moved = [ln.existing.id for ln, c in chosen if c == "move_member"]
        self._move(moved, unit)
        for part in chunks(moved):  # the enrollment elsewhere in this period gives way to this one
            s.execute(
                update(Enrollment)
                .where(
                    Enrollment.member_id.in_(part),
                    Enrollment.period_id == period.id,
                    Enrollment.status == "active",
                    Enrollment.unit_id != unit.id,
                )
                .values(
                    status="cancelled",
                    cancel_reason=f"转入{unit.name}（批次导入）"[:200],
                    cancelled_at=now(),
                    cancelled_by=actor.user_id,
                    version=Enrollment.version + 1,
                )
            )
        insert_rows(s, unit.id, [ln.payload[1] for ln in taken if ln.existing is None])
        changed = [
            {"mid": ex.id, "n": d[1], "k": name_key(d[1]), "c": d[4]}
            for ln, c in chosen
            if c == "update" and ln.conflict is not None and ln.conflict.code == "member_changed"
            and (ex := ln.existing) is not None and (d := ln.payload[1]) is not None
        ]  # fmt: skip
        for ln, c in chosen:
            if ln.conflict is not None and ln.conflict.code == "member_changed" and c in ("update", "keep"):
                ex, d = ln.existing, ln.payload[1]
                audit.record(s, actor, "update" if c == "update" else "keep", "member", ex.id,
                             source="batch", batch=self.b.batch_no, choice=c,
                             name=[ex.name, d[1]], medical_card=[ex.medical_card, d[4]])  # fmt: skip
        if changed:
            s.connection().execute(
                MEMBERS.update()
                .where(MEMBERS.c.id == bindparam("mid"))
                .values(
                    name=bindparam("n"),
                    name_key=bindparam("k"),
                    medical_card=bindparam("c"),
                    version=MEMBERS.c.version + 1,
                ),
                changed,
            )
        stamp = now()
        fresh: list[EnrollmentPayload] = [ln.payload for ln in taken if not ln.payload[4]]
        found = self._links("enrollment", period.id)
        if found or not insert_new_unit_lines(
            s, unit.id, period.id, batch_id, chosen, fresh, actor.user_id, stamp
        ):
            self._write_lines(batch_id, unit, period, chosen, fresh, found, stamp)
        s.flush()
        refused = sum(1 for _, c in chosen if c == "skip")
        audit.record(s, actor, "enroll", "unit", unit.id, period=period.id, plan=period.plan_code,
                     members=len(fresh), source="batch", refused=refused)  # fmt: skip
        return unit.id, period.id

    def _write_lines(
        self,
        batch_id: int,
        unit: Unit,
        period: CoveragePeriod,
        chosen: list[tuple[Line, str | None]],
        fresh: list[EnrollmentPayload],
        found: dict[str, ExchangeLink],
        stamp: dt.datetime,
    ) -> None:
        """The enrollments and exchange links of any batch, through the members' and enrollments' ids."""
        s, actor = self.s, self.actor
        conn = s.connection()  # Core selects: ORM row handling cost ~0.1 s per 100k
        ids = dict(
            conn.execute(select(Member.id_number, Member.id).where(Member.unit_id == unit.id)).tuples().all()
        )
        insert_columns(s, ENROLLMENTS, {
            "member_id": Each(map(ids.__getitem__, map(itemgetter(2), map(itemgetter(1), fresh)))),
            "period_id": period.id, "unit_id": unit.id, "shares": Each(map(itemgetter(3), fresh)),
            "effective_date": Each(map(itemgetter(2), fresh)), "status": "active", "cancel_reason": "",
            "created_by": actor.user_id, "created_at": stamp, "version": 1,
        })  # fmt: skip
        enrolled = dict(
            conn.execute(
                select(Enrollment.member_id, Enrollment.id).where(
                    Enrollment.period_id == period.id,
                    Enrollment.unit_id == unit.id,
                    Enrollment.status == "active",
                )
            )
            .tuples()
            .all()
        )
        keys = Each(ln.key for ln, _ in chosen)
        if not found and all(c != "skip" for _, c in chosen):  # every line accepted, none linked before
            members = Each(map(ids.get, keys))
            new_links = {"unit_ref": keys, "member_id": members, "outcome": "accepted", "reason": "",
                         "enrollment_id": Each(map(enrolled.get, members))}  # fmt: skip
        else:
            rows: list[tuple[str, int | None, int | None, str, str]] = []  # (key, member, enrollment, …)
            for ln, choice in chosen:
                refused = choice == "skip"
                mid = (ln.existing.id if ln.existing else None) if refused else ids.get(ln.key)
                values = (
                    None if refused or mid is None else enrolled.get(mid),  # keyed by member ids, never None
                    "refused" if refused else "accepted",
                    ln.conflict.message if refused and ln.conflict else "",
                )
                link = found.get(ln.key)
                if link is None:
                    rows.append((ln.key, mid, *values))
                else:
                    link.period_id, link.member_id = period.id, mid
                    link.enrollment_id, link.outcome, link.reason = values
            names = ("unit_ref", "member_id", "enrollment_id", "outcome", "reason")
            new_links = dict(zip(names, map(Each, zip(*rows, strict=True)), strict=True)) if rows else {}
        if new_links:
            insert_columns(s, LINKS, {
                "batch_id": batch_id, "unit_id": self.uid, "kind": "enrollment", "claim_id": None,
                "created_at": stamp, "period_id": period.id, **new_links,
            })  # fmt: skip

    def _create_period(self) -> CoveragePeriod:
        info, m = self.info, self.b.manifest

        def day(key: str) -> dt.date | None:
            return dt.date.fromisoformat(info[key]) if info.get(key) else None

        fee = parse_amount(info.get("fee_standard") or m["totals"]["fee_standard"], field="缴费标准")
        p = CoveragePeriod(plan_code=self.plan.code, number=int(m["period"]), start=day("start"),
                           end=day("end"), collect_from=day("collect_from"), collect_to=day("collect_to"),
                           fee_fen=to_fen(fee), tier=info.get("tier"))  # fmt: skip
        if p.end is None or p.end < p.start:
            raise ServiceError(f"批次清单中第 {p.number} 期的起止日期不对，不能建立保障期")
        self.s.add(p)
        self.s.flush()
        audit.record(self.s, self.actor, "create", "period", p.id, plan=p.plan_code, number=p.number,
                     start=p.start, end=p.end, fee=str(fee), source="batch")  # fmt: skip
        return p
