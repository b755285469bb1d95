"""What every headless command shares: opening the database and naming the acting user."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from app.models.db import SessionFactory, open_database
from app.services.auth import Actor
from app.services.users import UserService

USER_ENV = "HZBZ_USER"
EXIT_BAD_INPUT = 2


def sessions_for(args: argparse.Namespace) -> SessionFactory:
    _engine, sessions = open_database(args.db)
    return sessions


def actor_for(args: argparse.Namespace, sessions: SessionFactory) -> Actor:
    """The user named by --user or HZBZ_USER; the database file itself is owner-only."""
    name = args.user or os.environ.get(USER_ENV)
    if not name:
        raise SystemExit(_usage("请用 --user 用户名 或环境变量 HZBZ_USER 指定操作用户"))
    return UserService(sessions).actor_for(name)


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def print_errors(title: str, errors: Iterable[object]) -> int:
    print(title, file=sys.stderr)
    for e in errors:
        print(f"  {e}", file=sys.stderr)
    return EXIT_BAD_INPUT
