"""keys show | export | register | list: this installation's signing key and its partners' keys."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import actor_for, sessions_for


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("keys", help="签名密钥：本机密钥指纹、导出密钥文件、登记单位或办事处的密钥")
    keys = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    show = keys.add_parser("show", help="显示本机密钥指纹（印在团体申请表上，供对方核对）")
    show.set_defaults(func=_show)
    export = keys.add_parser("export", help="导出本机的公钥文件（交给办事处或单位登记）")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.set_defaults(func=_export)
    reg = keys.add_parser("register", help="登记对方的密钥文件（须输入对方纸质表上的指纹核对）")
    reg.add_argument("file", type=Path, metavar="FILE")
    reg.add_argument("--fingerprint", required=True, metavar="FP", help="对方盖章纸质表上印的密钥指纹")
    reg.add_argument("--name", help="对方名称（默认取密钥文件中的名称）")
    reg.add_argument(
        "--role", choices=["office", "unit"], help="office 上级办事处 / unit 下级单位（默认按双方级别判断）"
    )
    reg.set_defaults(func=_register)
    listing = keys.add_parser("list", help="列出已登记的密钥")
    listing.set_defaults(func=_list)


def _show(args: argparse.Namespace) -> int:
    from app.services.keys import KeyService

    me = KeyService(sessions_for(args)).identity()
    print(f"本机密钥指纹：{me.fingerprint}")
    print(f"本机：{me.name}（{me.level}），安装编号 {me.installation}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.services.keys import KeyService

    sessions = sessions_for(args)
    service = KeyService(sessions, actor_for(args, sessions))
    out = service.export_public(args.out)
    print(f"已导出本机密钥文件：{out}")
    print(f"密钥指纹：{service.identity().fingerprint}（对方登记时须核对此指纹）")
    return 0


def _register(args: argparse.Namespace) -> int:
    from app.services.keys import KeyService

    sessions = sessions_for(args)
    done = KeyService(sessions, actor_for(args, sessions)).register(
        args.file, args.fingerprint, args.name, args.role
    )
    p = done.partner
    verb = "已登记" if done.new else "已更新"
    print(f"{verb}{p.role_label}“{p.name}”的密钥，指纹 {p.fingerprint}")
    if p.units:
        print(f"  可上报的单位：{'、'.join(p.units)}")
    for code in done.moved_units:
        print(f"  注意：单位 {code} 原登记的是另一把密钥，今后只接受这把密钥签名的批次")
    return 0


def _list(args: argparse.Namespace) -> int:
    from app.services.keys import KeyService

    sessions = sessions_for(args)
    service = KeyService(sessions, actor_for(args, sessions))
    print(f"本机密钥指纹：{service.identity().fingerprint}")
    partners = service.partners()
    if not partners:
        print("尚未登记任何单位或办事处的密钥")
    for p in partners:
        units = f"，单位 {'、'.join(p.units)}" if p.units else ""
        print(f"{p.fingerprint}  {p.role_label}  {p.name}（登记于 {p.registered_at:%Y-%m-%d}{units}）")
    return 0
