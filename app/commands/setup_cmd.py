"""unit add, period add, plan add, enrollment show: setting up a period's work headless, and reading a unit's
enrollment figures (the same as the 参保缴费 panel and the 团体申请表) as JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.commands.common import actor_for, sessions_for
from app.commands.enrollment_cmd import _date
from app.services.errors import ServiceError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("unit", help="单位：add 新增参保单位")
    p.add_argument("action", choices=["add"])
    p.add_argument("--code", required=True, help="单位编码")
    p.add_argument("--name", required=True, help="单位名称")
    p.add_argument("--chair", default="", help="工会主席姓名")
    p.add_argument("--handler", default="", help="经办人姓名")
    p.add_argument("--phone", default="", help="经办人联系电话")
    p.add_argument("--address", default="", help="单位地址")
    p.add_argument("--headcount", type=int, default=0, help="职工总数")
    p.add_argument("--in-service", type=int, default=0, help="在职人数")
    p.add_argument("--remits-union-funds", action="store_true", help="单位按规定上缴工会经费")
    p.set_defaults(func=_unit_add)

    p = sub.add_parser("period", help="保障期：add 新增一期")
    p.add_argument("action", choices=["add"])
    p.add_argument("--plan", required=True)
    p.add_argument("--number", type=int, required=True, help="期数")
    p.add_argument("--start", type=_date, required=True)
    p.add_argument("--end", type=_date, required=True)
    p.add_argument("--fee", required=True, help="缴费标准（元/人·期）")
    p.add_argument("--collect-from", type=_date, help="收缴期开始")
    p.add_argument("--collect-to", type=_date, help="收缴期截止")
    p.add_argument("--subsidy", help="每人补助（元；默认按方案）")
    p.add_argument("--tier", help="档次（分档缴费的方案）")
    p.set_defaults(func=_period_add)

    p = sub.add_parser("plan", help="保障计划：add 导入办事处的方案文件（TOML，管理员）")
    p.add_argument("action", choices=["add"])
    p.add_argument("file", type=Path, help="方案文件（.toml）")
    p.set_defaults(func=_plan_add)

    p = sub.add_parser("enrollment", help="参保情况：show 单位某期的人数、两种参保率和费用")
    p.add_argument("action", choices=["show"])
    p.add_argument("--plan", required=True)
    p.add_argument("--period", type=int, required=True)
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--as-of", type=_date, help="判断日期（默认今天）")
    p.add_argument("--json", action="store_true", help="以一个 JSON 对象输出")
    p.set_defaults(func=_enrollment_show)


def _plan_add(args: argparse.Namespace) -> int:
    from app.io.plan_file import NotAPlanFile, read_plan_file
    from app.services.plans import PlanService

    try:
        text = read_plan_file(args.file)
    except NotAPlanFile as exc:
        raise ServiceError(str(exc)) from exc
    sessions = sessions_for(args)
    plan = PlanService(sessions, actor_for(args, sessions)).add_plan(text, args.file.name)
    version = plan.version.isoformat()
    print(f"已导入方案 {plan.name}（{plan.code}，{version} 版），共 {len(plan.benefits)} 个项目")
    return 0


def _unit_add(args: argparse.Namespace) -> int:
    from app.services.roster import RosterService, UnitDraft

    sessions = sessions_for(args)
    draft = UnitDraft(
        code=args.code,
        name=args.name,
        chair_name=args.chair,
        handler_name=args.handler,
        handler_phone=args.phone,
        address=args.address,
        headcount=args.headcount,
        in_service_count=args.in_service,
        remits_union_funds=args.remits_union_funds,
    )
    RosterService(sessions, actor_for(args, sessions)).save_unit(draft)
    print(f"已新增单位 {args.code.strip()} {args.name.strip()}")
    return 0


def _period_add(args: argparse.Namespace) -> int:
    from app.services.periods import PeriodService

    if (args.collect_from is None) != (args.collect_to is None):
        raise ServiceError("收缴期须同时给出 --collect-from 和 --collect-to")
    from app.services.plans import PlanService

    sessions = sessions_for(args)
    actor = actor_for(args, sessions)
    codes = [p.code for p in PlanService(sessions, actor).catalogue().plans()]
    if args.plan not in codes:  # a typo is named, nothing is written
        raise ServiceError(f"方案“{args.plan}”不存在；可用：{'、'.join(codes)}")
    period = PeriodService(sessions, actor).create(
        args.plan,
        args.number,
        args.start,
        args.end,
        args.fee,
        args.collect_from,
        args.collect_to,
        args.tier,
        subsidy=args.subsidy,
    )
    subsidy = f"，每人补助 {period.subsidy} 元" if period.subsidy is not None else ""
    print(f"已新增 {args.plan} {period.label}，缴费标准 {period.fee} 元{subsidy}")
    return 0


def _enrollment_show(args: argparse.Namespace) -> int:
    from app.services.enrollment_figures import enrollment_figures
    from app.services.periods import PeriodService
    from app.services.roster import RosterService

    sessions = sessions_for(args)
    actor = actor_for(args, sessions)
    unit = RosterService(sessions, actor).unit_by_code(args.unit)
    period = PeriodService(sessions, actor).find(args.plan, args.period)
    fig = enrollment_figures(sessions, actor, unit.id, period.id, args.as_of)
    if args.json:
        print(json.dumps(fig.as_json(), ensure_ascii=False))
        return 0
    fee = fig.fee
    print(f"{unit.name} {args.plan} 第 {period.number} 期（{fig.period_start} 至 {fig.period_end}）")
    print(f"  会员 {fig.members} 人，符合条件 {fig.eligible} 人，已参保 {fig.enrolled} 人")
    print(f"  {fig.rule_rate_label}")
    print(f"  参加活动的人数占会员总数比例：{fig.member_rate_label}")
    print(
        f"  缴费标准 {fee.per_person} 元，补助 {fee.subsidy} 元/人，每人缴 {fee.member_pays} 元 × "
        f"缴费 {fee.payers} 人 = {fee.payable} 元（免缴 {fee.free} 人）"
    )
    for f in fig.findings:
        print(f"  注意：{f.message}")
    return 0
