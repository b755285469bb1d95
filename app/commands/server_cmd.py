"""server-setup: an office's shared PostgreSQL database where the server itself enforces roles.

``--admin-url`` is a PostgreSQL superuser's URL naming the office's database (created when it is
missing); the first administrator ``admin`` gets the password from ``--password-file`` (first
line) or, with a terminal, a prompt asked twice. Afterwards every user connects as themself.
"""

from __future__ import annotations

import argparse

from app.commands.common import read_first_line
from app.models.office import OFFICE_LEVELS
from app.services.server_setup import ADMIN_NAME, set_up_server
from app.services.users import OfficeInfo


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "server-setup",
        help="设置办事处的 PostgreSQL 共享数据库：属主角色、角色组、权限、数据表和第一个管理员 admin",
    )
    p.add_argument("--admin-url", required=True, metavar="URL", help="PostgreSQL 超级用户的地址，含数据库名")
    p.add_argument("--office", help="办事处（工会）名称（首次设置必填）")
    p.add_argument("--level", choices=list(OFFICE_LEVELS), help="级别（首次设置必填）")
    p.add_argument("--region", default="")
    p.add_argument(
        "--password-file",
        dest="admin_password_file",
        metavar="FILE",
        help="从文件第一行读取管理员 admin 的密码（有终端时不给则提示输入两次）",
    )
    p.add_argument("--upgrade", action="store_true", help="程序升级后：更新数据库结构、函数和权限")
    p.set_defaults(func=_server_setup)
    q = sub.add_parser(
        "server-address",
        help="本机使用的共享数据库服务器地址（不含用户名和密码）；窗口登录时据此以各人身份连接",
    )
    q.add_argument("url", nargs="?", help="如 postgresql+psycopg://服务器地址/hzbz；不给则显示当前设置")
    q.add_argument("--clear", action="store_true", help="清除：本机改用自己的 SQLite 数据库")
    q.set_defaults(func=_server_address)


def _server_setup(args: argparse.Namespace) -> int:
    from app.commands.users_cmd import new_password
    from app.services.errors import ServiceError

    if args.upgrade:
        report = set_up_server(args.admin_url, None, None, upgrade=True)
        print(f"已更新数据库 {report.database} 的结构、函数和权限")
        return 0
    if not args.office or not args.level:
        raise ServiceError("首次设置须给出 --office 办事处名称 和 --level 级别")
    if args.admin_password_file:
        password = read_first_line(args.admin_password_file, "管理员密码")
    else:
        password = new_password(args, f"管理员 {ADMIN_NAME} ")
    office = OfficeInfo(args.office, args.level, args.region)
    report = set_up_server(args.admin_url, office, password)
    print(f"已设置服务器数据库 {report.database}：{args.office}（{args.level}），管理员 {ADMIN_NAME}")
    print(f"各用户以自己的用户名和密码连接：{report.user_url()}")
    return 0


def _server_address(args: argparse.Namespace) -> int:
    from app.io import local_settings
    from app.models.db import data_dir
    from app.services.server_logins import check_server_address

    if args.clear:
        local_settings.set_server_address(data_dir(), None)
        print("已清除服务器地址：本机使用自己的数据库")
    elif args.url:
        url = check_server_address(args.url)
        local_settings.set_server_address(data_dir(), url)
        print(f"本机的服务器地址：{url}（登录时输入自己的用户名和密码）")
    else:
        print(local_settings.server_address(data_dir()) or "未设置服务器地址：本机使用自己的数据库")
    return 0
