"""init and user add|passwd|disable|enable|role|unlock|list: the office's logins.

The acting user logs in as for every command (``--user`` and ``--password-file`` before the
command). A new password — for a new user, a reset, or one's own — comes from
``--new-password-file FILE`` (first line), the environment variable HZBZ_NEW_PASSWORD_FILE
naming such a file, or a prompt asked twice when a terminal is attached.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.commands.common import actor_for, login_password, read_first_line, sessions_for, user_name
from app.services.auth import ROLE_LABELS
from app.services.errors import ServiceError
from app.services.user_admin import UserAdmin, UserInfo
from app.services.users import OfficeInfo, UserService

NEW_PASSWORD_FILE_ENV = "HZBZ_NEW_PASSWORD_FILE"
ROLE_HELP = "admin 管理员 / clerk 经办员 / auditor 审核员"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    register_init(sub)
    p = sub.add_parser(
        "user",
        help="用户管理：add 新建、passwd 改密码或重设、disable 停用、enable 启用、"
        "role 改角色、unlock 解锁、list 列出",
    )
    actions = p.add_subparsers(dest="user_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="新建用户（管理员）；首次登录须改密码")
    add.add_argument("username")
    add.add_argument("--role", choices=sorted(ROLE_LABELS), required=True, help=ROLE_HELP)
    add.add_argument("--display-name", default="", help="姓名（显示用）")
    _new_password_option(add)
    add.set_defaults(func=_add)
    passwd = actions.add_parser(
        "passwd", help="不带用户名：修改自己的密码；带用户名：管理员重设其密码（临时密码）"
    )
    passwd.add_argument("username", nargs="?")
    _new_password_option(passwd)
    passwd.set_defaults(func=_passwd)
    for name, text in (
        ("disable", "停用用户（管理员）"),
        ("enable", "重新启用用户（管理员）"),
        ("unlock", "解除因密码错误造成的锁定（管理员）"),
    ):
        q = actions.add_parser(name, help=text)
        q.add_argument("username")
        q.set_defaults(func=_simple, verb=name)
    role = actions.add_parser("role", help="改变用户的角色（管理员）")
    role.add_argument("username")
    role.add_argument("role", choices=sorted(ROLE_LABELS), help=ROLE_HELP)
    role.set_defaults(func=_role)
    listing = actions.add_parser("list", help="列出用户、角色和状态")
    listing.set_defaults(func=_list)


def _new_password_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--new-password-file",
        metavar="FILE",
        help="从文件第一行读取新密码（也可设 HZBZ_NEW_PASSWORD_FILE；有终端时不给则提示输入两次）",
    )


def new_password(args: argparse.Namespace, whose: str) -> str:
    path = getattr(args, "new_password_file", None) or os.environ.get(NEW_PASSWORD_FILE_ENV)
    if path:
        return read_first_line(path, "新密码")
    if sys.stdin.isatty():
        first = getpass.getpass(f"{whose}的新密码：")
        if getpass.getpass("再次输入新密码：") != first:
            raise ServiceError("两次输入的密码不一致，未做任何修改")
        return first
    raise ServiceError(f"须提供{whose}的新密码：--new-password-file 文件 或环境变量 HZBZ_NEW_PASSWORD_FILE")


def _describe(info: UserInfo) -> str:
    state = "已停用" if not info.active else "已锁定" if info.locked else "正常"
    extra = "，须改密码" if info.must_change and info.active else ""
    return f"{info.username}（{info.display_name}，{info.role_label}，{state}{extra}）"


def _add(args: argparse.Namespace) -> int:
    sessions = sessions_for(args)
    actor = actor_for(args, sessions)
    password = new_password(args, f"用户 {args.username} ")
    info = UserAdmin(sessions, actor).create_user(args.username, password, args.role, args.display_name)
    print(f"已创建用户 {_describe(info)}；首次登录时须修改密码")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    sessions = sessions_for(args)
    if args.username:  # an administrator resets someone's password
        actor = actor_for(args, sessions)
        info = UserAdmin(sessions, actor).reset_password(
            args.username, new_password(args, f"用户 {args.username} ")
        )
        print(f"已重设 {info.username} 的密码（临时密码，下次登录时须修改）")
        return 0
    name = user_name(args)  # one's own: the current password may be a temporary one
    current = login_password(args, name)
    login = UserService(sessions).login(name, current)
    UserAdmin(sessions, login.actor).set_own_password(login, new_password(args, "你"), current)
    print(f"已修改 {login.actor.username} 的密码")
    return 0


def _simple(args: argparse.Namespace) -> int:
    sessions = sessions_for(args)
    admin = UserAdmin(sessions, actor_for(args, sessions))
    if args.verb == "unlock":
        info = admin.unlock(args.username)
        print(f"已解锁 {_describe(info)}")
    else:
        info = admin.set_active(args.username, args.verb == "enable")
        print(f"{'已启用' if info.active else '已停用'} {_describe(info)}")
    return 0


def _role(args: argparse.Namespace) -> int:
    sessions = sessions_for(args)
    info = UserAdmin(sessions, actor_for(args, sessions)).set_role(args.username, args.role)
    print(f"已改为 {_describe(info)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    sessions = sessions_for(args)
    actor = actor_for(args, sessions)
    actor.require("users.manage")
    for info in UserAdmin(sessions, actor).list_users():
        print(_describe(info))
    return 0


def register_init(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="初始化新数据库：办事处资料和第一个管理员")
    p.add_argument("--office", required=True, help="办事处（工会）名称")
    p.add_argument("--level", required=True, choices=["基层工会", "代办处", "办事处"])
    p.add_argument("--region", default="")
    p.add_argument("--admin", default="admin", help="管理员用户名（默认 admin）")
    p.add_argument(
        "--password-file",
        help="从文件第一行读取管理员密码（也可设 HZBZ_NEW_PASSWORD_FILE；有终端时提示输入）",
    )
    p.set_defaults(func=_init)


def _init(args: argparse.Namespace) -> int:
    from app.services.keys import KeyService

    sessions = sessions_for(args)
    if args.password_file:
        password = read_first_line(args.password_file, "管理员密码")
    else:
        password = new_password(args, f"管理员 {args.admin} ")
    admin = UserService(sessions).set_up(
        OfficeInfo(args.office, args.level, args.region), args.admin, password
    )
    print(f"已初始化：{args.office}（{args.level}），管理员 {args.admin}")
    print(f"本机密钥指纹：{KeyService(sessions, admin).identity().fingerprint}")
    return 0
