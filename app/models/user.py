"""users and login_failures: logins with roles and password hashes; failed attempts per name."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now

ROLES = {"admin": "管理员", "clerk": "经办员", "auditor": "审核员"}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)  # as the administrator typed it
    # NFKC + casefold: the form names are looked up in, so Admin and ａｄｍｉｎ are admin.
    name_key: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50), default="")
    role: Mapped[str] = mapped_column(String(10))
    # Loaded only where a login is checked: on a shared server no login may read it.
    password_hash: Mapped[str] = mapped_column(String(200), deferred=True)
    active: Mapped[bool] = mapped_column(default=True)
    # Set by an administrator's reset (and on the demo administrator): no work before a new one.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    password_changed_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=now)


class LoginFailure(Base):
    """Consecutive wrong passwords given for one user name (known or not), across every PC.

    Keyed by the normalised name whether or not such a user exists, so that an unknown name is
    slowed down and locked out exactly like a real one. A good login deletes the row; an
    administrator's unlock too.
    """

    __tablename__ = "login_failures"

    name_key: Mapped[str] = mapped_column(String(50), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[dt.datetime]
