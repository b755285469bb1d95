"""create-user: add a login (administrators only)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.commands.common import actor_for, sessions_for
from app.services.auth import ROLE_LABELS
from app.services.users import UserService

PASSWORD_ENV = "HZBZ_NEW_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    register_init(sub)
    p = sub.add_parser("create-user", help="新建用户（需管理员）")
    p.add_argument("username")
    p.add_argument(
        "--role",
        choices=sorted(ROLE_LABELS),
        required=True,
        help="admin 管理员 / clerk 经办员 / auditor 审核员",
    )
    p.add_argument("--display-name", default="")
    p.add_argument("--password-file", help="从文件第一行读取新用户的密码（也可设 HZBZ_NEW_PASSWORD）")
    p.set_defaults(func=_create_user)


def _create_user(args: argparse.Namespace) -> int:
    sessions = sessions_for(args)
    actor = actor_for(args, sessions)
    password = _read_password(args)
    info = UserService(sessions).create_user(actor, args.username, password, args.role, args.display_name)
    print(f"已创建用户 {info.username}（{ROLE_LABELS[info.role]}）")
    return 0


def register_init(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="初始化新数据库：办事处资料和第一个管理员")
    p.add_argument("--office", required=True, help="办事处（工会）名称")
    p.add_argument("--level", required=True, choices=["基层工会", "代办处", "办事处"])
    p.add_argument("--region", default="")
    p.add_argument("--admin", default="admin", help="管理员用户名（默认 admin）")
    p.add_argument("--password-file", help="从文件第一行读取管理员密码（也可设 HZBZ_NEW_PASSWORD）")
    p.set_defaults(func=_init)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_file:
        with open(args.password_file, encoding="utf-8") as fh:
            return fh.readline().rstrip("\r\n")
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if sys.stdin.isatty():
        return getpass.getpass("密码：")
    return sys.stdin.readline().rstrip("\r\n")


def _init(args: argparse.Namespace) -> int:
    from app.services.users import OfficeInfo

    sessions = sessions_for(args)
    UserService(sessions).set_up(
        OfficeInfo(args.office, args.level, args.region), args.admin, _read_password(args)
    )
    print(f"已初始化：{args.office}（{args.level}），管理员 {args.admin}")
    return 0
