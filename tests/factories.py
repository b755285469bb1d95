"""Builders for tests: valid ID numbers, units and members with sensible defaults."""

from __future__ import annotations

import datetime as dt
import itertools

from app.models.db import SessionFactory
from app.rules.idnumber import check_char
from app.services.auth import Actor
from app.services.roster import FamilyDraft, RosterService, UnitDraft
from app.services.roster_types import MemberDraft

_seq = itertools.count(1)


def id_number(
    birth: dt.date = dt.date(1985, 6, 15), male: bool = True, area: str = "110105", seq: int | None = None
) -> str:
    """A valid 18-character ID number; each call gives a new one unless ``seq`` is fixed."""
    n = next(_seq) if seq is None else seq
    order = (n % 499) * 2 + (1 if male else 0)
    first17 = f"{area}{birth:%Y%m%d}{order:03d}"
    return first17 + check_char(first17)


def unit(roster: RosterService, code: str = "U001", name: str = "威海市第一机械厂", **kw: object) -> int:
    return roster.save_unit(UnitDraft(code=code, name=name, **kw))  # type: ignore[arg-type]


def member_draft(name: str = "张三", number: str | None = None, **kw: object) -> MemberDraft:
    return MemberDraft(name=name, id_number=number or id_number(), **kw)  # type: ignore[arg-type]


def member(
    roster: RosterService,
    unit_id: int,
    name: str = "张三",
    number: str | None = None,
    family: tuple[FamilyDraft, ...] = (),
    **kw: object,
) -> int:
    return roster.add_member(unit_id, member_draft(name, number, **kw), family)


def roster(sessions: SessionFactory, actor: Actor) -> RosterService:
    return RosterService(sessions, actor)


def enrolled_unit(sessions: SessionFactory, clerk: Actor):  # type: ignore[no-untyped-def]
    """Unit WH001 with three members enrolled in Weihai period 3 (2012) and the fee paid."""
    from app.services.contributions import ContributionService
    from app.services.enrollment import EnrollmentService
    from app.services.periods import PeriodService

    roster = RosterService(sessions, clerk)
    uid = roster.save_unit(
        UnitDraft(
            "WH001",
            "威海市第一机械厂",
            "张主席",
            "0631-5201234",
            "李经办",
            "13906311234",
            "威海市环翠区新威路 1 号",
            3,
            3,
        )
    )
    people = [("王芳", False), ("赵磊", True), ("=钱多多", True)]  # a formula-looking name stays text
    for i, (name, female) in enumerate(people):
        member(roster, uid, name, id_number(dt.date(1980, 3, 1 + i), male=female), medical_card=f"37100{i}88")
    period = PeriodService(sessions, clerk).create(
        "weihai-2012-supplementary-medical",
        3,
        dt.date(2012, 3, 12),
        dt.date(2013, 3, 11),
        "36",
        dt.date(2012, 3, 1),
        dt.date(2012, 5, 12),
    )
    EnrollmentService(sessions, clerk).enroll_all_eligible(
        uid, period.id, dt.date(2012, 3, 12), as_of=dt.date(2012, 3, 5)
    )
    ContributionService(sessions, clerk).record_payment(
        uid, period.id, "108", "现金", dt.date(2012, 3, 6), today=dt.date(2012, 3, 6)
    )
    return uid, period
