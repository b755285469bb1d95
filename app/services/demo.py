"""Demo data: realistic units, members and families with valid ID numbers, deterministic by seed.

A newcomer's first start offers it, and the benchmarks build their 100k-member databases with it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Member, Unit
from app.models.db import SessionFactory
from app.rules import idnumber
from app.services import audit
from app.services.auth import Actor
from app.services.roster_bulk import existing_holders, insert_family, insert_members
from app.services.roster_types import Employment, MemberDraft

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红梅玉兰志强海燕文斌晓东春雨佳怡子涵浩然"
    "欣怡梓轩雨桐一诺宇航思远俊杰婷婷欢鹏飞凯丹瑶琳晨曦立新爱民卫东淑珍秀兰凤英德胜永福金凤宏伟嘉怡博文"
)
RARE = "䶮堃喆赟"  # real name characters some fonts lack: demo data should exercise them
AREAS = ("110101", "110105", "110108", "220102", "220104", "371002", "371082", "330110", "440305", "510107")
UNIT_KINDS = (
    "机械制造有限公司",
    "商贸有限公司",
    "建筑工程有限公司",
    "中学",
    "人民医院",
    "街道办事处",
    "物业管理有限公司",
    "食品有限公司",
    "电子科技有限公司",
    "交通运输集团",
)
PLACES = ("长春", "吉林", "威海", "文登", "荣成", "朝阳", "海淀", "东城", "西城", "丰台", "通州", "顺义")
BANKS = ("中国银行", "中国农业银行", "中国建设银行", "中国工商银行", "北京银行")
_EMPLOYMENTS: tuple[Employment, ...] = ("in_service", "retired", "left")  # weighted 90:7:3 below


@dataclass(frozen=True)
class DemoSummary:
    units: int
    members: int
    family: int


def _id_number(rng: random.Random, born: dt.date, male: bool, taken: set[str]) -> str:
    while True:
        seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
        first17 = f"{rng.choice(AREAS)}{born:%Y%m%d}{seq:03d}"
        number = first17 + idnumber.check_char(first17)
        if number not in taken:
            taken.add(number)
            return number


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) if rng.random() < 0.3 else rng.choice(GIVEN) + rng.choice(GIVEN)
    if rng.random() < 0.002:
        given = given[:1] + rng.choice(RARE)
    return rng.choice(SURNAMES) + given


def _birth(rng: random.Random, lo: int, hi: int) -> dt.date:
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randrange(10 ** (n - 1), 10**n))


def generate(
    sessions: SessionFactory,
    actor: Actor,
    units: int,
    members: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Add ``units`` units holding ``members`` members in all (with spouses and children)."""
    actor.require("roster.write")
    rng = random.Random(seed)
    with sessions.begin() as s:
        start = s.scalar(select(func.count(Unit.id))) or 0
        made: list[Unit] = []
        unit_ids: list[int] = []
        for i in range(units):
            n = start + i + 1
            unit = Unit(
                code=f"D{n:04d}",
                name=f"{rng.choice(PLACES)}{rng.choice('东南西北新华宏远')}{rng.choice(UNIT_KINDS)}",
                chair_name=_name(rng),
                chair_phone="13" + _digits(rng, 9),
                handler_name=_name(rng),
                handler_phone="0631-" + _digits(rng, 7),
                address=f"{rng.choice(PLACES)}市人民路{rng.randint(1, 300)}号",
                has_union=rng.random() > 0.05,
                remits_union_funds=rng.random() > 0.1,
            )
            s.add(unit)
            s.flush()
            made.append(unit)
            unit_ids.append(unit.id)
        taken: set[str] = set()
        rows: list[tuple[int, MemberDraft]] = []
        family: list[tuple[str, str, str, str]] = []
        today = dt.date.today()
        for k in range(members):
            male = rng.random() < 0.55
            born = _birth(rng, today.year - 62, today.year - 20)
            number = _id_number(rng, born, male, taken)
            status = rng.choices(_EMPLOYMENTS, (90, 7, 3))[0]
            cats = frozenset(c for c, p in (("model_worker", 0.01), ("hardship", 0.02)) if rng.random() < p)
            draft = MemberDraft(
                name=_name(rng),
                id_number=number,
                phone="1" + rng.choice("3589") + _digits(rng, 9),
                medical_card=_digits(rng, 12),
                social_security_card=_digits(rng, 12),
                jingka_card="6" + _digits(rng, 15) if rng.random() < 0.6 else "",
                bank_name=rng.choice(BANKS),
                bank_account="62" + _digits(rng, 17),
                employment=status,
                union_member_since=_birth(
                    rng, min(max(born.year + 18, today.year - 30), today.year - 1), today.year - 1
                ),
                categories=cats,
                basic_medical_insurance=rng.random() > 0.03,
            )
            rows.append((unit_ids[k % len(unit_ids)] if unit_ids else 0, draft))
            if rng.random() < 0.3:
                spouse_born = _birth(rng, born.year - 3, min(born.year + 3, today.year - 20))
                family.append((number, "spouse", _name(rng), _id_number(rng, spouse_born, not male, taken)))
            if rng.random() < 0.25 and born.year + 24 < today.year:
                child_born = _birth(rng, born.year + 22, min(born.year + 35, today.year - 1))
                family.append(
                    (number, "child", _name(rng), _id_number(rng, child_born, rng.random() < 0.5, taken))
                )
        clash = existing_holders(s, [d.id_number for _, d in rows])
        rows = [(u, d) for u, d in rows if d.id_number not in clash]
        keep = {d.id_number for _, d in rows}
        family = [f for f in family if f[0] in keep]
        insert_members(s, rows, progress)
        insert_family(s, family)
        _set_headcounts(s, made)
        audit.record(s, actor, "demo_data", "roster", "", units=units, members=len(rows), seed=seed)
    return DemoSummary(units, len(rows), len(family))


def _set_headcounts(s: Session, units: list[Unit]) -> None:
    """A demo unit's headcount is its roster size; in-service count those 在职."""
    unit_ids = [u.id for u in units]
    counts = dict(
        s.execute(
            select(Member.unit_id, func.count()).where(Member.unit_id.in_(unit_ids)).group_by(Member.unit_id)
        )
        .tuples()
        .all()
    )
    active = dict(
        s.execute(
            select(Member.unit_id, func.count())
            .where(Member.unit_id.in_(unit_ids), Member.employment == "in_service")
            .group_by(Member.unit_id)
        )
        .tuples()
        .all()
    )
    for unit in units:
        unit.headcount = counts.get(unit.id, 0)
        unit.in_service_count = active.get(unit.id, 0)


def activity(sessions: SessionFactory, actor: Actor, today: dt.date | None = None) -> dict[str, int]:
    """Demo enrollments, payments and claims at every stage, so a newcomer sees the work flowing.

    Last year's period of the Jilin plan with the first units enrolled and paid, this year's period
    renewed, and a handful of hospital-allowance claims from draft to paid.
    """
    from app.services.claim_decisions import ClaimDraft
    from app.services.claims import ClaimService
    from app.services.contributions import ContributionService
    from app.services.enrollment import EnrollmentService
    from app.services.periods import PeriodService

    today = today or dt.date.today()
    plan = "jilin-2020-hospital-combo"
    last, this = today.year - 1, today.year
    periods = PeriodService(sessions, actor)
    p1 = periods.create(
        plan,
        1,
        dt.date(last, 1, 1),
        dt.date(last, 12, 31),
        "110",
        dt.date(last - 1, 12, 1),
        dt.date(last, 1, 31),
    )
    p2 = periods.create(
        plan, 2, dt.date(this, 1, 1), dt.date(this, 12, 31), "110", dt.date(last, 12, 1), dt.date(this, 1, 31)
    )
    with sessions() as s:
        unit_ids = list(s.scalars(select(Unit.id).order_by(Unit.id)))[:3]
    enrollment = EnrollmentService(sessions, actor)
    money = ContributionService(sessions, actor)
    enrolled = 0
    for i, uid in enumerate(unit_ids):
        enrolled += enrollment.enroll_all_eligible(uid, p1.id, dt.date(last, 1, 1), as_of=dt.date(last, 1, 1))
        due = money.due(uid, p1.id, dt.date(last, 1, 20))
        if i < 2 and due.payable > 0:
            amount = due.payable if i == 0 else (due.payable / 2).quantize(due.payable)
            money.record_payment(
                uid,
                p1.id,
                amount,
                "transfer" if i == 0 else "cheque_forward",
                dt.date(last, 1, 20),
                f"DEMO-{i + 1:03d}",
                today=dt.date(last, 1, 20),
            )
        if i == 0:
            enrollment.renew(uid, p1.id, p2.id, dt.date(this, 1, 1), as_of=dt.date(this, 1, 1))
    # The demo's claims are taken in by a named demo intake, not by the user who asked for demo data:
    # a submitter may not review or audit their own claim, and the newcomer should be able to go on.
    intake = ClaimService(sessions, Actor(None, "示例数据", "clerk"))
    claims = ClaimService(sessions, actor)
    made = 0
    with sessions() as s:
        from app.models import Enrollment

        member_ids = list(
            s.scalars(
                select(Enrollment.member_id)
                .where(Enrollment.period_id == p1.id)
                .order_by(Enrollment.id)
                .limit(6)
            )
        )
    stages = (("draft",), ("submit",), ("submit", "review"), ("submit", "review", "audit"))
    for k, mid in enumerate(member_ids[: len(stages)]):
        admission = dt.date(last, 3 + k, 2 + k)
        materials = claims.catalogue.get(plan).benefit("hospital_allowance").materials
        draft = ClaimDraft(
            mid,
            plan,
            "hospital_allowance",
            {
                "admission_date": admission,
                "discharge_date": admission + dt.timedelta(days=6 + 3 * k),
                "local": k % 2 == 0,
                "hospital_grade": "2" if k % 3 else "3",
            },
            admission + dt.timedelta(days=20),
            materials_received=materials[: 4 if k else 2],
        )
        no = intake.create(draft)
        made += 1
        for action in stages[k]:
            if action != "draft":
                by = intake if action == "submit" else claims
                by.act(no, action, today=admission + dt.timedelta(days=25))
    return {"enrolled": enrolled, "claims": made}
