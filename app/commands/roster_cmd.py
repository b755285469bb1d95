"""Roster commands: import-roster, export-roster, demo-data — the same services as the window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands.common import actor_for, print_errors, read_first_line, sessions_for
from app.services.users import OfficeInfo, UserService

DEMO_ADMIN, DEMO_PASSWORD = "admin", "admin123"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import-roster", help="从 .xlsx 导入会员名册（全部成功或全部不导入）")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--unit", metavar="CODE", help="单位编码；不指定时按文件标题中的单位名称（新单位自动建立）"
    )
    p.add_argument("--good-rows-only", action="store_true", help="只导入正确的行，错误行另存")
    p.add_argument("--bad-rows-out", type=Path, help="错误行另存为 .xlsx（带错误原因列）")
    p.set_defaults(func=_import)

    p = sub.add_parser("export-roster", help="导出单位（或全部单位）的会员名册为 .xlsx")
    p.add_argument("--unit", metavar="CODE", help="单位编码；不指定时导出全部单位")
    p.add_argument(
        "--layout",
        choices=["personnel", "full"],
        default="personnel",
        help="personnel 人员手册格式 / full 全部字段",
    )
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=_export)

    p = sub.add_parser("demo-data", help="生成示例数据（单位、会员、家属；同一 --seed 结果相同）")
    p.add_argument("--units", type=int, default=5)
    p.add_argument("--members", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--with-activity", action="store_true", help="同时生成示例的保障期、参保、缴费和理赔")
    p.add_argument(
        "--admin-password-file",
        metavar="FILE",
        help=f"新数据库的管理员密码（文件第一行）；不给时为 {DEMO_PASSWORD}，首次登录须修改",
    )
    p.set_defaults(func=_demo)


def _import(args: argparse.Namespace) -> int:
    from app.services import roster_import

    sessions = sessions_for(args)
    actor = actor_for(args, sessions)
    report = roster_import.import_roster(
        sessions,
        actor,
        args.file,
        args.unit,
        good_rows_only=args.good_rows_only,
        bad_rows_out=args.bad_rows_out,
    )
    made = "（新建单位）" if report.unit_created else ""
    for notice in report.notices:
        print(f"提示：{notice}")
    print(f"已导入 {report.imported} 人到 {report.unit_name}{made}")
    if report.errors:
        print_errors(f"另有 {len({e.row for e in report.errors})} 行有误未导入：", report.errors)
        if report.bad_rows_file:
            print(f"错误行已另存为 {report.bad_rows_file}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.services import roster_import

    sessions = sessions_for(args)
    actor_for(args, sessions)  # the roster is personal data: only a logged-in user reads it
    done = roster_import.export_members(sessions, args.unit, args.layout, args.out)
    print(f"已导出 {done.rows} 人到 {args.out}")
    if done.sheets > 1:
        names = "、".join(p.name for p in done.files)
        print(f"人数超过 Excel 每个工作表 1,048,576 行的上限，已分为 {done.sheets} 个文件：{names}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from app.services import demo

    if args.units < 1 or args.members < 0:
        return print_errors("参数有误：", ["--units 至少为 1，--members 不能为负数"])
    sessions = sessions_for(args)
    users = UserService(sessions)
    if not users.is_initialised():
        office = OfficeInfo("示范区职工互助保障办事处", "办事处", "示范区")
        if args.admin_password_file:
            password = read_first_line(args.admin_password_file, "管理员密码")
            users.set_up(office, DEMO_ADMIN, password)
            print(f"新数据库已初始化：管理员 {DEMO_ADMIN}")
        else:  # the published demo password works once: the first login must replace it
            users.set_up(office, DEMO_ADMIN, DEMO_PASSWORD, must_change=True, check_policy=False)
            print(f"新数据库已初始化：管理员 {DEMO_ADMIN}，初始密码 {DEMO_PASSWORD}（首次登录时须修改）")
        actor = users.actor_for(DEMO_ADMIN)
    else:
        actor = actor_for(args, sessions)
    summary = demo.generate(sessions, actor, args.units, args.members, args.seed)
    print(f"已生成示例数据：{summary.units} 个单位，{summary.members} 名会员，{summary.family} 名家属")
    if args.with_activity:
        made = demo.activity(sessions, actor)
        print(f"示例业务：参保 {made['enrolled']} 人次，理赔 {made['claims']} 件")
    return 0
