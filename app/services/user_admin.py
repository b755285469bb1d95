"""User management: add, reset a password, disable/enable, change role, unlock; own password.

Administrators manage users (``users.manage``); everybody changes their own password, giving
the current one. A reset sets a temporary password the user must replace at the next login, so
that the administrator who typed it cannot go on acting as that user. The office always keeps
one active administrator. Every change is one transaction with its audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.models import LoginFailure, User
from app.models.db import SessionFactory
from app.services import audit, server_logins
from app.services.auth import ROLE_LABELS, Actor
from app.services.errors import Conflict, NotFound, PermissionDenied, ServiceError
from app.services.passwords import hash_password, normalize_username
from app.services.users import (
    LOCK_AFTER,
    Clock,
    Login,
    UserService,
    check_new_password,
    check_username,
    find_user,
)


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    must_change: bool = False
    failures: int = 0

    @property
    def locked(self) -> bool:
        return self.failures >= LOCK_AFTER

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


def _check_role(role: str) -> None:
    if role not in ROLE_LABELS:
        raise ServiceError(f"角色“{role}”无效，应为 {'、'.join(ROLE_LABELS.values())}")


class UserAdmin:
    def __init__(self, sessions: SessionFactory, actor: Actor, clock: Clock = dt.datetime.now) -> None:
        self._sessions = sessions
        self.actor = actor
        self._clock = clock

    # -- reading ---------------------------------------------------------------------------
    def list_users(self) -> list[UserInfo]:
        self.actor.require("users.manage")
        with self._sessions() as s:
            failures = dict(s.execute(select(LoginFailure.name_key, LoginFailure.failures)).tuples().all())
            return [
                UserInfo(
                    u.id,
                    u.username,
                    u.display_name,
                    u.role,
                    u.active,
                    u.must_change_password,
                    failures.get(u.name_key, 0),
                )
                for u in s.scalars(select(User).order_by(User.id))
            ]

    # -- administrators --------------------------------------------------------------------
    def create_user(
        self, username: str, password: str, role: str, display_name: str = "", *, temporary: bool = True
    ) -> UserInfo:
        """A new login; by default its first password is temporary (changed at the first login)."""
        self.actor.require("users.manage")
        name = check_username(username)
        _check_role(role)
        check_new_password(name, password)
        if len(display_name.strip()) > 50:
            raise ServiceError("姓名不能超过 50 个字符")
        password_hash = hash_password(password)
        with self._sessions.begin() as s:
            if find_user(s, name):
                raise Conflict(f"用户名“{name}”已存在（用户名不分大小写和全角半角）")
            user = User(
                username=name,
                name_key=normalize_username(name),
                display_name=display_name.strip() or name,
                role=role,
                password_hash=password_hash,
                must_change_password=temporary,
                password_changed_at=self._clock(),
            )
            s.add(user)
            s.flush()
            if server_logins.is_server(s):  # the login role (made by the trigger) gets the password
                server_logins.set_password(s, user.name_key, password, password_hash, temporary=temporary)
            # A name tried before it existed starts with a clean slate.
            s.execute(delete(LoginFailure).where(LoginFailure.name_key == user.name_key))
            audit.record(s, self.actor, "create", "user", user.id, username=user.username, role=role)
            return self._info(s, user)

    def reset_password(self, username: str, password: str) -> UserInfo:
        """A temporary password for a user who forgot theirs; also unlocks the name."""
        self.actor.require("users.manage")
        password_hash = self._new_hash(username, password)
        with self._sessions.begin() as s:
            user = self._user(s, username)
            if server_logins.is_server(s):
                server_logins.set_password(s, user.name_key, password, password_hash, temporary=True)
                s.refresh(user)
            else:
                user.password_hash = password_hash
                user.must_change_password = user.id != self.actor.user_id
                user.password_changed_at = self._clock()
            s.execute(delete(LoginFailure).where(LoginFailure.name_key == user.name_key))
            audit.record(s, self.actor, "reset_password", "user", user.id, username=user.username)
            return self._info(s, user)

    def set_active(self, username: str, active: bool) -> UserInfo:
        self.actor.require("users.manage")
        with self._sessions.begin() as s:
            user = self._user(s, username)
            if user.active == active:
                return self._info(s, user)
            if not active:
                self._keep_an_admin(s, user, "停用")
            user.active = active
            action = "enable" if active else "disable"
            audit.record(s, self.actor, action, "user", user.id, username=user.username, active=active)
            return self._info(s, user)

    def set_role(self, username: str, role: str) -> UserInfo:
        self.actor.require("users.manage")
        _check_role(role)
        with self._sessions.begin() as s:
            user = self._user(s, username)
            if user.role == role:
                return self._info(s, user)
            if role != "admin":
                self._keep_an_admin(s, user, "改为非管理员")
            before, user.role = user.role, role
            audit.record(
                s, self.actor, "set_role", "user", user.id, username=user.username, before=before, role=role
            )
            return self._info(s, user)

    def unlock(self, username: str) -> UserInfo:
        """Clear a name's wrong-password count (it was locked, or is waiting)."""
        self.actor.require("users.manage")
        with self._sessions.begin() as s:
            user = self._user(s, username)
            failure = s.get(LoginFailure, user.name_key)
            if failure is not None:
                s.delete(failure)
                audit.record(s, self.actor, "unlock", "user", user.id, username=user.username)
            return self._info(s, user)

    # -- everybody -------------------------------------------------------------------------
    def change_own_password(self, current: str, new: str) -> None:
        """The logged-in user's new password; the current one must be given (and is checked
        under the same guessing rules as a login)."""
        if self.actor.user_id is None:
            raise PermissionDenied("系统操作没有密码")
        check_new_password(self.actor.username, new)
        self.set_own_password(
            UserService(self._sessions, self._clock).login(self.actor.username, current), new, current
        )

    def set_own_password(self, login: Login, new: str, current: str | None = None) -> None:
        """A new password for the user who just proved the current one (``login``)."""
        if login.actor.user_id is None or login.actor.user_id != self.actor.user_id:
            raise PermissionDenied("只能修改自己的密码")
        if current is not None and current == new:
            raise ServiceError("新密码不能与当前密码相同")
        check_new_password(self.actor.username, new)
        password_hash = hash_password(new)
        with self._sessions.begin() as s:
            user = s.get(User, self.actor.user_id)
            if user is None:
                raise NotFound(f"用户“{self.actor.username}”不存在")
            if server_logins.is_server(s):
                server_logins.set_password(s, user.name_key, new, password_hash, temporary=False)
                audit.record(s, self.actor, "change_password", "user", user.id, username=user.username)
                return
            user.password_hash = password_hash
            user.must_change_password = False
            user.password_changed_at = self._clock()
            audit.record(s, self.actor, "change_password", "user", user.id, username=user.username)

    # -- helpers ---------------------------------------------------------------------------
    def _new_hash(self, username: str, password: str) -> str:
        with self._sessions() as s:
            name = self._user(s, username).username
        check_new_password(name, password)
        return hash_password(password)

    @staticmethod
    def _user(s: Session, username: str) -> User:
        user = find_user(s, username)
        if user is None:
            raise NotFound(f"用户“{username.strip()}”不存在")
        return user

    def _keep_an_admin(self, s: Session, user: User, what: str) -> None:
        if user.role != "admin" or not user.active:
            return
        others = s.scalar(
            select(func.count(User.id)).where(User.role == "admin", User.active.is_(True), User.id != user.id)
        )
        if not others:
            raise ServiceError(f"{user.username} 是唯一可用的管理员，不能{what}；请先让另一位用户成为管理员")

    @staticmethod
    def _info(s: Session, user: User) -> UserInfo:
        failure = s.get(LoginFailure, user.name_key)
        return UserInfo(
            user.id,
            user.username,
            user.display_name,
            user.role,
            user.active,
            user.must_change_password,
            failure.failures if failure else 0,
        )
