"""backup and restore: copies of the SQLite database, checked before anything is replaced."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from app.commands.common import actor_for, print_errors, sessions_for
from app.models.db import default_url
from app.services import backup
from app.services.auth import SYSTEM
from app.services.errors import ServiceError
from app.services.users import UserService


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("backup", help="备份数据库（默认存入用户数据目录的 backups 文件夹）")
    p.add_argument("--out", metavar="FOLDER", help="备份到此文件夹，如 U 盘")
    p.add_argument("--password-file", help="加密备份：从文件第一行读取密码")
    p.set_defaults(func=_backup)

    p = sub.add_parser("restore", help="从备份恢复数据库（需管理员；先检查备份文件，恢复前自动备份现有数据）")
    p.add_argument("file", help="备份文件（.db 或加密的 .db.enc）")
    p.add_argument("--password-file", help="加密的备份：从文件第一行读取密码")
    p.add_argument(
        "--accept-broken-log",
        action="store_true",
        help="备份中的审计日志未通过校验时仍然恢复（管理员确认；问题记入恢复的审计记录）",
    )
    p.set_defaults(func=_restore)


def _backup(args: argparse.Namespace) -> int:
    url = args.db or default_url()
    if backup.sqlite_path(url) is None:
        raise ServiceError(backup.PG_BACKUP_HINT)  # before connecting: the server may be the problem
    db_file = backup.sqlite_path(url)
    if db_file is not None and db_file.exists():  # (a missing file is refused by backup_now)
        sessions = sessions_for(args)
        if UserService(sessions).is_initialised():
            actor_for(args, sessions)  # a backup holds every member's data: only a logged-in user takes one
        sessions.kw["bind"].dispose()
    folder = Path(args.out) if args.out else backup.automatic_folder()
    path = backup.backup_now(url, folder, password=_password(args), label="manual")
    print(f"已备份到 {path}{'（已加密）' if path.suffix == '.enc' else ''}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    url = args.db or default_url()
    if backup.sqlite_path(url) is None:
        raise ServiceError(backup.PG_RESTORE_HINT)  # before connecting: the server may be the problem
    path = Path(args.file)
    password = _password(args)
    if password is None and path.is_file() and backup.is_encrypted(path) and sys.stdin.isatty():
        password = getpass.getpass("备份文件的密码：")
    sessions = sessions_for(args)
    # A database not yet set up (a new computer) has no administrator and nothing to lose.
    actor = actor_for(args, sessions) if UserService(sessions).is_initialised() else SYSTEM
    sessions.kw["bind"].dispose()  # no connection of ours may hold the file being replaced
    try:
        safety = backup.restore(actor, path, url, password, accept_broken_log=args.accept_broken_log)
    except backup.AuditLogBroken as exc:
        problems = [*exc.problems, "确认仍要恢复时请加 --accept-broken-log（问题将记入审计日志）"]
        return print_errors("备份中的审计日志未通过校验，未做任何修改：", problems)
    except backup.BackupRefused as exc:
        return print_errors("备份文件不能恢复，未做任何修改：", exc.problems)
    print(f"已从 {path.name} 恢复数据库。")
    if safety != backup.sqlite_path(url):
        print(f"恢复前的数据已另存为 {safety}")
    print("如程序窗口正在运行，请关闭后重新启动。")
    return 0


def _password(args: argparse.Namespace) -> str | None:
    if not args.password_file:
        return None
    try:
        with open(args.password_file, encoding="utf-8") as fh:
            password = fh.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ServiceError(f"无法读取密码文件 {args.password_file}：{exc}") from exc
    if not password:
        raise ServiceError(f"密码文件 {args.password_file} 的第一行是空的")
    return password
