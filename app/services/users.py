"""First start (office profile + administrator), logins and user management."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.models import OfficeProfile, User
from app.models.db import SessionFactory
from app.models.office import OFFICE_LEVELS
from app.services import audit
from app.services.auth import ROLE_LABELS, Actor, hash_password, verify_password
from app.services.errors import Conflict, NotFound, ServiceError

MIN_PASSWORD = 6


class WrongPassword(ServiceError):
    """Wrong user name or password; carries the failure count so the login dialog can slow down."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        super().__init__("用户名或密码错误")


@dataclass(frozen=True)
class OfficeInfo:
    name: str
    level: str
    region: str


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    active: bool


def _check_new_user(username: str, password: str, role: str) -> None:
    if not username.strip():
        raise ServiceError("用户名不能为空")
    if len(password) < MIN_PASSWORD:
        raise ServiceError(f"密码至少 {MIN_PASSWORD} 位")
    if role not in ROLE_LABELS:
        raise ServiceError(f"角色“{role}”无效，应为 {'、'.join(ROLE_LABELS.values())}")


class UserService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def is_initialised(self) -> bool:
        with self._sessions() as s:
            return s.scalar(select(func.count(OfficeProfile.id))) > 0

    def office(self) -> OfficeInfo | None:
        with self._sessions() as s:
            row = s.scalars(select(OfficeProfile).limit(1)).first()
            return OfficeInfo(row.name, row.level, row.region) if row else None

    def set_up(self, office: OfficeInfo, admin_username: str, admin_password: str) -> Actor:
        """First start: the office profile and its first administrator, in one transaction."""
        if not office.name.strip():
            raise ServiceError("办事处名称不能为空")
        if office.level not in OFFICE_LEVELS:
            raise ServiceError(f"级别应为 {'、'.join(OFFICE_LEVELS)} 之一")
        _check_new_user(admin_username, admin_password, "admin")
        with self._sessions.begin() as s:
            if s.scalar(select(func.count(OfficeProfile.id))):
                raise Conflict("本数据库已经初始化过")
            s.add(OfficeProfile(name=office.name.strip(), level=office.level, region=office.region.strip()))
            user = User(
                username=admin_username.strip(),
                display_name="管理员",
                role="admin",
                password_hash=hash_password(admin_password),
            )
            s.add(user)
            s.flush()
            actor = Actor(user.id, user.username, user.role)
            audit.record(s, actor, "setup", "office", 1, name=office.name, level=office.level)
            return actor

    def authenticate(self, username: str, password: str) -> Actor:
        with self._sessions.begin() as s:
            user = s.scalars(select(User).where(User.username == username.strip())).first()
            if user is None or not user.active:
                raise WrongPassword(0)
            ok = verify_password(password, user.password_hash)
            # The failure count must commit, so raise only after the transaction ends.
            user.failed_logins = 0 if ok else user.failed_logins + 1
            failures, actor = user.failed_logins, Actor(user.id, user.username, user.role)
        if not ok:
            raise WrongPassword(failures)
        return actor

    def actor_for(self, username: str) -> Actor:
        """The user named for a headless command, without a password (the OS login guards the file)."""
        with self._sessions() as s:
            user = s.scalars(select(User).where(User.username == username.strip())).first()
            if user is None or not user.active:
                raise NotFound(f"用户“{username}”不存在或已停用")
            return Actor(user.id, user.username, user.role)

    def create_user(
        self, actor: Actor, username: str, password: str, role: str, display_name: str = ""
    ) -> UserInfo:
        actor.require("users.manage")
        _check_new_user(username, password, role)
        with self._sessions.begin() as s:
            if s.scalars(select(User).where(User.username == username.strip())).first():
                raise Conflict(f"用户名“{username}”已存在")
            user = User(
                username=username.strip(),
                display_name=display_name or username,
                role=role,
                password_hash=hash_password(password),
            )
            s.add(user)
            s.flush()
            audit.record(s, actor, "create", "user", user.id, username=user.username, role=role)
            return UserInfo(user.id, user.username, user.display_name, user.role, user.active)

    def list_users(self) -> list[UserInfo]:
        with self._sessions() as s:
            return [
                UserInfo(u.id, u.username, u.display_name, u.role, u.active)
                for u in s.scalars(select(User).order_by(User.id))
            ]
