"""What every headless command shares: opening the database and authenticating the acting user.

A command that acts as a user or reads personal data needs that user's password, from a prompt
when a terminal is attached, otherwise from ``--password-file FILE`` (before the command) or the
file named by ``HZBZ_PASSWORD_FILE`` (its first line). Without one, nothing is done (exit 2).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterable

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.models.db import SessionFactory, open_database
from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.passwords import normalize_username
from app.services.server_logins import chosen_url
from app.services.users import UserService

USER_ENV = "HZBZ_USER"
PASSWORD_FILE_ENV = "HZBZ_PASSWORD_FILE"
EXIT_BAD_INPUT = 2


def sessions_for(args: argparse.Namespace) -> SessionFactory:
    """The database of ``--db`` / HZBZ_DB. A PostgreSQL URL naming a user but no password is a
    per-user login on a shared server: the password comes as for every command."""
    url = chosen_url(args.db)
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.password is None:
        # This PC's server address names nobody: the acting user (--user) connects as themself.
        name = parsed.username or normalize_username(user_name(args))
        password = login_password(args, name)
        args.server_password = password  # the same password proves the acting user
        url = parsed.set(username=name, password=password).render_as_string(hide_password=False)
    try:
        _engine, sessions = open_database(url)
    except OperationalError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if "password authentication failed" in first or "not permitted to log in" in first:
            raise ServiceError("用户名或密码错误，或该用户已停用：服务器拒绝登录，未做任何操作") from exc
        raise ServiceError(f"无法连接数据库：{first}") from exc
    return sessions


def _url_user(args: argparse.Namespace) -> str | None:
    parsed = make_url(chosen_url(getattr(args, "db", None)))
    return parsed.username if parsed.get_backend_name() == "postgresql" else None


def add_login_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """--user and --password-file: on the main parser, and (suppress=True) after a subcommand too."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--user", metavar="NAME", default=default, help="操作用户名（也可设 HZBZ_USER）")
    parser.add_argument(
        "--password-file",
        dest="login_password_file",
        metavar="FILE",
        default=default,
        help="从文件第一行读取操作用户的密码（也可设 HZBZ_PASSWORD_FILE；有终端时不给则提示输入）",
    )


def read_first_line(path: str, what: str) -> str:
    """The first line of a password file, or a Chinese ServiceError naming the file."""
    try:
        with open(path, encoding="utf-8") as fh:
            line = fh.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ServiceError(f"无法读取{what}文件 {path}：{exc.__class__.__name__}") from exc
    if not line:
        raise ServiceError(f"{what}文件 {path} 的第一行是空的")
    return line


def login_password(args: argparse.Namespace, username: str) -> str:
    path = getattr(args, "login_password_file", None) or os.environ.get(PASSWORD_FILE_ENV)
    if path:
        return read_first_line(path, "密码")
    if sys.stdin.isatty():
        return getpass.getpass(f"用户 {username} 的密码：")
    raise ServiceError(
        f"须提供用户 {username} 的密码：--password-file 文件 或环境变量 HZBZ_PASSWORD_FILE，未做任何操作"
    )


def user_name(args: argparse.Namespace) -> str:
    """The acting user named by --user or HZBZ_USER (exit 2 without one)."""
    name = getattr(args, "user", None) or os.environ.get(USER_ENV) or _url_user(args)
    if not name or not name.strip():
        raise SystemExit(_usage("请用 --user 用户名 或环境变量 HZBZ_USER 指定操作用户，未做任何操作"))
    return str(name)


def actor_for(args: argparse.Namespace, sessions: SessionFactory) -> Actor:
    """The user named by --user or HZBZ_USER, authenticated by their password under the same
    guessing rules as the window (counted, slowed down, locked out; exit 2 with the reason)."""
    name = user_name(args)
    password = getattr(args, "server_password", None) or login_password(args, name)
    return UserService(sessions).authenticate(name, password)


def window_credentials(args: argparse.Namespace) -> tuple[str, str | None] | None:
    """For the window: the user named on the command line, and their password when a file
    gives it (otherwise the login dialog asks, with the name filled in)."""
    name = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not name:
        return None
    path = getattr(args, "login_password_file", None) or os.environ.get(PASSWORD_FILE_ENV)
    return str(name), read_first_line(path, "密码") if path else None


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


SHOWN_ERRORS = 200  # a file of a million duplicate rows prints 200 lines and the count, not a million


def print_errors(title: str, errors: Iterable[object]) -> int:
    print(title, file=sys.stderr)
    count = 0
    for count, e in enumerate(errors, 1):
        if count <= SHOWN_ERRORS:
            print(f"  {e}", file=sys.stderr)
    if count > SHOWN_ERRORS:
        print(f"  ……另有 {count - SHOWN_ERRORS:,} 处未列出（共 {count:,} 处）", file=sys.stderr)
    return EXIT_BAD_INPUT
