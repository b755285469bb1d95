"""Claim commands: claim new FILE.json, claim ACTION CLAIM_NO, export-claims, payment-list."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.commands.batch_cmd import warn_if_clear
from app.commands.common import actor_for, add_login_options, sessions_for
from app.commands.enrollment_cmd import _date
from app.services.claims import ACTIONS
from app.services.errors import ServiceError

EDIT_ACTIONS = ("update", "materials")  # app.commands.claim_edit_cmd


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "claim",
        help="理赔：new 受理新理赔；show 查看；submit/review/audit/approve/reject/return/pay/withdraw 办理",
    )
    p.add_argument("action", choices=["new", "show", *ACTIONS, *EDIT_ACTIONS])
    p.add_argument("target", help="new：理赔案件 JSON 文件（- 为标准输入）；其他：理赔编号")
    p.add_argument(
        "extra",
        nargs="*",
        help="update：修改文件 JSON（- 为标准输入）；materials：all 表示全部材料已收到",
    )
    p.add_argument("--received", nargs="+", default=[], metavar="NAME", help="materials：收到的材料名称")
    p.add_argument("--json", action="store_true", help="show：以 JSON 输出")
    p.add_argument("--amount")
    p.add_argument("--reason", default="")
    p.add_argument("--account", default="", help="支付时的收款账号")
    p.add_argument("--reference", default="", help="支付凭证号")
    p.add_argument("--date", type=_date, help="支付日期（默认今天）")
    add_login_options(p, suppress=True)
    p.set_defaults(func=_claim)

    p = sub.add_parser(
        "export-claims", help="生成理赔上报批次（理赔清单 Excel、申请审核表 PDF，清单带校验码）"
    )
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--from", dest="date_from", type=_date, required=True)
    p.add_argument("--to", dest="date_to", type=_date, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--password-file", type=Path)
    p.set_defaults(func=_export)

    p = sub.add_parser(
        "payment-list", help="导出银行付款清单 .xlsx：已批准未支付的理赔，或 --paid-on 某日已登记的支付"
    )
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--paid-on", type=_date, metavar="DATE", help="导出该日已登记支付的清单（支付之后核对用）")
    p.set_defaults(func=_payments)


def _read_case(target: str) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if target == "-" else Path(target).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ServiceError(f"无法读取理赔案件 {target}：{exc}") from exc
    if not isinstance(data, dict):
        raise ServiceError("理赔案件须为一个 JSON 对象")
    return data


def _new(args: argparse.Namespace) -> int:
    from app.rules.idnumber import compact
    from app.services.claim_decisions import ClaimDraft
    from app.services.claims import ClaimService
    from app.services.roster import RosterService

    data = _read_case(args.target)
    sessions = sessions_for(args)
    actor = actor_for(args, sessions)
    missing = [k for k in ("id_number", "plan", "benefit", "event") if k not in data]
    if missing:
        raise ServiceError(f"理赔案件缺少字段：{'、'.join(missing)}")
    number = compact(str(data["id_number"]))
    roster = RosterService(sessions, actor)
    member = roster.by_id_number(number)
    if member is None:
        raise ServiceError(f"字段 id_number：{number} 不是已登记的会员")
    beneficiary = data.get("beneficiary") or {}
    relation = beneficiary.get("relation", "self")
    family_id = None
    if relation != "self":
        wanted = compact(str(beneficiary.get("id_number", "")))
        family_id = next(
            (
                fid
                for fid, rel, _n, num in roster.family_of(member.id)
                if rel == relation and (num == wanted or not wanted)
            ),
            None,
        )
    service = ClaimService(sessions, actor)
    materials = data.get("materials", [])
    every = materials == "all"  # every one this case needs (a deceased member's, a minor child's too)
    if every:
        materials = list(service.catalogue.get(data["plan"]).benefit(data["benefit"]).materials)
    applied = dt.date.fromisoformat(data["applied_on"]) if data.get("applied_on") else dt.date.today()
    draft = ClaimDraft(
        member.id,
        data["plan"],
        data["benefit"],
        dict(data["event"]),
        applied,
        relation,
        family_id,
        tuple(materials),
    )
    a = service.preview(draft)  # before creating: the new claim must not flag itself
    if every and a.missing_materials:
        draft = replace(draft, materials_received=tuple(name for name, _ok in a.materials))
        a = service.preview(draft)
    claim_no = service.create(draft)
    print(claim_no)
    verdict = "应付" if a.decision.eligible else "不予给付，计算额"
    print(f"  {verdict} {a.decision.amount} 元（上限 {a.decision.cap} 元）", file=sys.stderr)
    for w in a.warnings:
        print(f"  注意：{w}", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    from app.services.claim_period import claim_summary
    from app.services.plans import PlanService

    sessions = sessions_for(args)
    actor = actor_for(args, sessions)
    catalogue = PlanService(sessions, actor).catalogue()
    with sessions() as s:
        summary = claim_summary(s, args.target, catalogue)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(f"{summary['claim_no']}：{summary['status_label']}")
    approved, paid = summary["approved"] or "—", summary["paid"] or "—"
    print(f"  核定 {summary['computed']} 元；批准 {approved}；已付 {paid}")
    if summary["self_borne"] is not None:
        print(f"  本次自负 {summary['self_borne']} 元")
    print(f"  本期第 {summary['slot']} 次申请，本期互助金额累计 {summary['period_total']} 元")
    for reason in summary["reasons"]:  # type: ignore[attr-defined]
        print(f"  原因：{reason['message']}")
    for line in summary["trace"]:  # type: ignore[attr-defined]
        print(f"  {line}")
    return 0


def _claim(args: argparse.Namespace) -> int:
    if args.action == "new":
        return _new(args)
    if args.action in EDIT_ACTIONS:
        from app.commands.claim_edit_cmd import run_edit

        return run_edit(args)
    if args.extra or args.received:
        extra = " ".join(args.extra + args.received)
        raise ServiceError(f"claim {args.action} 只接受理赔编号，多余的参数：{extra}")
    if args.action == "show":
        return _show(args)
    from app.services.claims import STATUS_LABELS, ClaimService

    sessions = sessions_for(args)
    service = ClaimService(sessions, actor_for(args, sessions))
    status = service.act(
        args.target,
        args.action,
        reason=args.reason,
        amount=args.amount,
        paid_on=args.date,
        account=args.account,
        reference=args.reference,
    )
    print(f"{args.target}：{STATUS_LABELS[status]}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.services.claim_documents import ClaimDocuments

    sessions = sessions_for(args)
    password = args.password_file.read_text(encoding="utf-8").splitlines()[0] if args.password_file else None
    folder = ClaimDocuments(sessions, actor_for(args, sessions)).export_claims(
        args.unit, args.date_from, args.date_to, args.out, password
    )
    print(f"已生成理赔上报批次：{folder}")
    warn_if_clear(password)
    return 0


def _payments(args: argparse.Namespace) -> int:
    from app.services.payments import Payments

    sessions = sessions_for(args)
    payments = Payments(sessions, actor_for(args, sessions))
    if args.paid_on is None:
        n = payments.export_due(args.out)
        print(f"已导出 {n} 笔待支付理赔到 {args.out}")
    else:
        n = payments.export_paid(args.out, args.paid_on)
        print(f"已导出 {args.paid_on} 支付的 {n} 笔理赔到 {args.out}")
    return 0
