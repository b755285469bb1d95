"""Enrollment commands: enroll, record-payment, void-payment, print (group-application | personnel-roster),
export-batch — the same services as the 参保缴费 tab."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.commands.batch_cmd import warn_if_clear
from app.commands.common import actor_for, sessions_for
from app.services.errors import ServiceError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from exc


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("enroll", help="为单位会员办理参保（全部符合条件者，或逐个身份证号）")
    p.add_argument("--plan", required=True)
    p.add_argument("--period", type=int, required=True, help="期数")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--all-eligible", action="store_true", help="本单位全部符合条件者参保")
    p.add_argument("--id-number", action="append", default=[], help="参保人身份证号码（可重复）")
    p.add_argument("--effective", type=_date, help="生效日期（默认保障期开始日）")
    p.add_argument("--as-of", type=_date, help="办理日期（默认今天）")
    p.set_defaults(func=_enroll)

    p = sub.add_parser("record-payment", help="登记单位缴费")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--plan", required=True)
    p.add_argument("--period", type=int, required=True)
    p.add_argument("--amount", required=True)
    p.add_argument(
        "--method",
        required=True,
        help="cheque_forward 支票正送 / cheque_reverse 支票倒送 / cash 现金 / transfer 转账",
    )
    p.add_argument("--date", type=_date, required=True)
    p.add_argument("--receipt", default="")
    p.set_defaults(func=_pay)

    p = sub.add_parser("void-payment", help="作废登记错的缴费（保留记录和原因；更正即作废后重新登记）")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--plan", required=True)
    p.add_argument("--period", type=int, required=True)
    p.add_argument("--amount", required=True, help="那笔缴费的金额")
    p.add_argument("--date", type=_date, required=True, help="那笔缴费的缴款日期")
    p.add_argument("--receipt", help="那笔缴费的收据号（同日同额有几笔时用来区分）")
    p.add_argument("--reason", required=True, help="作废原因")
    p.set_defaults(func=_void)

    p = sub.add_parser(
        "print",
        help="打印为 PDF：group-application 团体申请表 / personnel-roster 人员手册 / "
        "claim-form 理赔申请审核表",
    )
    p.add_argument("form", choices=["group-application", "personnel-roster", "claim-form"])
    p.add_argument("--unit", metavar="CODE")
    p.add_argument("--plan")
    p.add_argument("--period", type=int)
    p.add_argument("--claim", action="append", default=[], help="理赔编号（claim-form，可重复）")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=_print)

    p = sub.add_parser(
        "export-batch", help="生成参保上报批次（人员手册、团体申请表的 Excel 和 PDF，清单带校验码）"
    )
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--plan", required=True)
    p.add_argument("--period", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--password-file", type=Path, help="从文件第一行读取批次密码（加密清单、Excel 和 PDF）")
    p.set_defaults(func=_export)


def _context(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.services.periods import PeriodService
    from app.services.roster import RosterService

    sessions = sessions_for(args)
    actor = actor_for(args, sessions)
    unit = RosterService(sessions, actor).unit_by_code(args.unit)
    period = PeriodService(sessions, actor).find(args.plan, args.period)
    return sessions, actor, unit, period


def _enroll(args: argparse.Namespace) -> int:
    from app.services.enrollment import EnrollmentService

    sessions, actor, unit, period = _context(args)
    service = EnrollmentService(sessions, actor)
    effective = args.effective or period.start
    as_of = args.as_of or dt.date.today()
    if args.all_eligible:
        n = service.enroll_all_eligible(unit.id, period.id, effective, as_of=as_of)
    else:
        if not args.id_number:
            raise ServiceError("请用 --all-eligible 或 --id-number 指定参保人")
        from app.rules.idnumber import compact

        wanted = {compact(x) for x in args.id_number}
        lines = service.overview(unit.id, period.id, as_of, effective).members
        ids = [m.member_id for m in lines if m.id_number in wanted]
        missing = wanted - {m.id_number for m in lines}
        if missing:
            raise ServiceError("不是本单位会员：" + "、".join(sorted(missing)))
        n = service.enroll(unit.id, period.id, ids, effective, as_of=as_of)
    ov = service.overview(unit.id, period.id, as_of, effective)
    print(
        f"已参保 {n} 人；{unit.name} 第 {period.number} 期共参保 {ov.enrolled_count} 人，"
        f"参保率 {ov.ratio_text}"
    )
    for f in ov.findings:
        print(f"  注意：{f.message}")
    return 0


def _pay(args: argparse.Namespace) -> int:
    from app.services.contributions import ContributionService

    sessions, actor, unit, period = _context(args)
    money = ContributionService(sessions, actor)
    money.record_payment(unit.id, period.id, args.amount, args.method, args.date, args.receipt)
    due = money.due(unit.id, period.id)
    print(
        f"已登记 {unit.name} 缴费 {args.amount} 元；"
        f"应缴 {due.payable} 元，已缴 {due.paid} 元，尚欠 {due.owed} 元"
    )
    return 0


def _void(args: argparse.Namespace) -> int:
    from app.rules.money import parse_amount
    from app.services.contributions import ContributionService

    sessions, actor, unit, period = _context(args)
    money = ContributionService(sessions, actor)
    amount = parse_amount(args.amount, field="--amount")
    found = [
        p for p in money.due(unit.id, period.id).payments
        if not p.voided and p.paid_on == args.date and p.amount == amount
        and (args.receipt is None or p.receipt_no == args.receipt)
    ]  # fmt: skip
    if len(found) != 1:
        which = f"{args.date} {amount} 元" + (f" 收据 {args.receipt}" if args.receipt else "")
        raise ServiceError(
            f"{unit.name} 本期没有未作废的缴费 {which}" if not found
            else f"{unit.name} 本期有 {len(found)} 笔缴费 {which}，请加 --receipt 区分"
        )
    money.void_payment(found[0].id, args.reason)
    due = money.due(unit.id, period.id)
    print(f"已作废 {unit.name} {args.date} 缴费 {amount} 元；已缴 {due.paid} 元，尚欠 {due.owed} 元")
    return 0


def _print(args: argparse.Namespace) -> int:
    if args.form == "claim-form":
        from app.services.claim_documents import ClaimDocuments

        if not args.claim:
            raise ServiceError("请用 --claim 指定理赔编号")
        sessions = sessions_for(args)
        warnings = ClaimDocuments(sessions, actor_for(args, sessions)).print_forms(args.claim, args.out)
    else:
        from app.services.enrollment_documents import EnrollmentDocuments

        if not (args.unit and args.plan and args.period):
            raise ServiceError("请指定 --unit、--plan 和 --period")
        sessions, actor, unit, period = _context(args)
        docs = EnrollmentDocuments(sessions, actor)
        warnings = docs.printing_warnings(unit.id, period.id)
        if args.form == "group-application":
            docs.print_group_application(unit.id, period.id, args.out)
        else:
            docs.print_personnel_roster(unit.id, period.id, args.out)
    for w in warnings:
        print(f"  注意：{w}")
    print(f"已生成 {args.out}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.services.enrollment_documents import EnrollmentDocuments

    sessions, actor, unit, period = _context(args)
    password = None
    if args.password_file:
        password = (
            args.password_file.read_text(encoding="utf-8").splitlines()[0]
            if args.password_file.exists()
            else ""
        )
        if not password:
            raise ServiceError(f"密码文件 {args.password_file} 不存在或为空")
    folder = EnrollmentDocuments(sessions, actor).export_batch(unit.id, period.id, args.out, password)
    print(f"已生成上报批次：{folder}")
    warn_if_clear(password)
    return 0
