"""First start (office profile + administrator) and logins that resist guessing.

The same rules hold for the window's login, the idle lock and every headless command, because
they all come here: wrong passwords are counted per user name in the database (so they count
across restarts and across the PCs of a shared office); from the third one each next attempt
must wait longer (``login_delay``), an attempt inside the wait is refused without looking at the
password; the tenth locks the name until an administrator unlocks it. An unknown name costs the
same scrypt time as a known one and is counted and locked the same way. User management (add,
reset, disable, roles) is in ``user_admin``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.models import LoginFailure, OfficeProfile, User
from app.models.db import SessionFactory, is_read_only
from app.models.office import OFFICE_LEVELS
from app.services import audit, server_logins
from app.services.auth import ROLE_LABELS, SYSTEM, Actor
from app.services.errors import Conflict, NotFound, ServiceError
from app.services.passwords import (
    MIN_LENGTH,
    check_password,
    hash_password,
    normalize_username,
    policy_problems,
)

if TYPE_CHECKING:
    from app.services.user_admin import UserInfo

MIN_PASSWORD = MIN_LENGTH
LOCK_AFTER = 10  # consecutive wrong passwords that lock a name until an administrator unlocks it
MAX_DELAY = 30  # seconds
RESERVED_NAMES = frozenset({"system"})
Clock = Callable[[], dt.datetime]


def login_delay(failures: int) -> int:
    """Seconds to wait after ``failures`` consecutive wrong passwords: 0, 0, 1, 2, 4 … 30."""
    return 0 if failures < 3 else min(2 ** (failures - 3), MAX_DELAY)


class LoginRefused(ServiceError):
    """A login that did not happen; ``wait`` > 0: how many seconds before the next try is heard."""

    wait: int = 0


class WrongPassword(LoginRefused):
    """Wrong user name or password; carries the failure count and the wait it brought."""

    def __init__(self, failures: int, wait: int = 0) -> None:
        self.failures, self.wait = failures, wait
        if failures >= LOCK_AFTER:
            message = f"用户名或密码错误。已连续 {failures} 次错误，该用户名已锁定，请管理员解锁"
        elif wait:
            message = f"用户名或密码错误，请 {wait} 秒后再试（再错 {LOCK_AFTER - failures} 次将锁定）"
        else:
            message = "用户名或密码错误"
        super().__init__(message)


class LoginDelayed(LoginRefused):
    """An attempt inside the wait after wrong passwords: refused unheard, not counted."""

    def __init__(self, wait: int) -> None:
        self.wait = wait
        super().__init__(f"密码错误次数过多，请 {wait} 秒后再试")


class AccountLocked(LoginRefused):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"用户“{username}”已锁定（连续 {LOCK_AFTER} 次密码错误），请管理员在“用户管理”中解锁"
        )


class AccountDisabled(LoginRefused):
    def __init__(self, username: str) -> None:
        super().__init__(f"用户“{username}”已停用，请联系管理员")


class PasswordChangeRequired(LoginRefused):
    """The password was right but is a temporary one: a new one first (``user passwd``)."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        super().__init__(
            f"用户 {actor.username} 须先修改密码（管理员设置的临时密码或初始密码）："
            "在窗口登录后按提示修改，或运行 python -m app user passwd"
        )


@dataclass(frozen=True)
class OfficeInfo:
    name: str
    level: str
    region: str


@dataclass(frozen=True)
class Login:
    """A good login: who, and whether they must choose a new password before anything else."""

    actor: Actor
    must_change: bool
    key: bytes  # the password's wrapping key (see passwords.Verified)


def check_username(username: str) -> str:
    """The name as it will be stored (trimmed), or a Chinese ServiceError."""
    name = username.strip()
    if not name:
        raise ServiceError("用户名不能为空")
    if len(name) > 30:
        raise ServiceError("用户名不能超过 30 个字符")
    if any(not ch.isprintable() or ch.isspace() for ch in name) or any(ch in name for ch in "\"'\\/@:$"):
        raise ServiceError("用户名不能含空格、引号、斜杠或 @ : $ 等符号")
    if normalize_username(name) in RESERVED_NAMES or normalize_username(name).startswith("hzbz_"):
        raise ServiceError(f"“{name}”是程序保留的名称，请换一个用户名")
    return name


def check_new_password(username: str, password: str) -> None:
    problems = policy_problems(username, password)
    if problems:
        raise ServiceError("；".join(problems))


def find_user(s: Session, username: str) -> User | None:
    return s.scalars(select(User).where(User.name_key == normalize_username(username))).first()


class UserService:
    def __init__(self, sessions: SessionFactory, clock: Clock = dt.datetime.now) -> None:
        self._sessions = sessions
        self._clock = clock

    def is_initialised(self) -> bool:
        with self._sessions() as s:
            return (s.scalar(select(func.count(OfficeProfile.id))) or 0) > 0

    def office(self) -> OfficeInfo | None:
        with self._sessions() as s:
            row = s.scalars(select(OfficeProfile).limit(1)).first()
            return OfficeInfo(row.name, row.level, row.region) if row else None

    def set_up(
        self,
        office: OfficeInfo,
        admin_username: str,
        admin_password: str,
        *,
        must_change: bool = False,
        check_policy: bool = True,
    ) -> Actor:
        """First start: the office profile and its first administrator, in one transaction.

        ``check_policy=False, must_change=True`` only for demo data's published password, which
        the administrator has to replace at the first login.
        """
        self.check_office(office)
        name = check_username(admin_username)
        if check_policy:
            check_new_password(name, admin_password)
        password_hash = hash_password(admin_password)  # slow: before the transaction
        with self._sessions.begin() as s:
            if s.scalar(select(func.count(OfficeProfile.id))):
                raise Conflict("本数据库已经初始化过")
            s.add(OfficeProfile(name=office.name.strip(), level=office.level, region=office.region.strip()))
            user = User(
                username=name,
                name_key=normalize_username(name),
                display_name="管理员",
                role="admin",
                password_hash=password_hash,
                must_change_password=must_change,
                password_changed_at=self._clock(),
            )
            s.add(user)
            s.flush()
            if server_logins.is_server(s):  # the administrator's login role (made by the trigger)
                server_logins.set_password(
                    s, user.name_key, admin_password, password_hash, temporary=must_change
                )
            actor = Actor(user.id, user.username, user.role)
            audit.record(s, actor, "setup", "office", 1, name=office.name, level=office.level)
            audit.record(s, actor, "create", "user", user.id, username=user.username, role="admin")
            return actor

    @staticmethod
    def check_office(office: OfficeInfo) -> None:
        if not office.name.strip():
            raise ServiceError("办事处名称不能为空")
        if office.level not in OFFICE_LEVELS:
            raise ServiceError(f"级别应为 {'、'.join(OFFICE_LEVELS)} 之一")

    # -- logging in --------------------------------------------------------------------------
    def login(self, username: str, password: str) -> Login:
        """Check a user's password under the guessing rules; a LoginRefused says why not."""
        key = normalize_username(username)
        if not key:
            raise LoginRefused("请输入用户名")
        with self._sessions() as s:
            failure = s.get(LoginFailure, key)
            if failure is not None:
                if failure.failures >= LOCK_AFTER:
                    raise AccountLocked(username.strip())
                wait = self._wait_left(failure)
                if wait:
                    raise LoginDelayed(wait)
            user = s.scalars(select(User).where(User.name_key == key)).first()
            server = server_logins.is_server(s)
            if server:
                return self._server_login(s, key, username, password, user)
            stored = user.password_hash if user is not None else None
        verdict = check_password(password, stored)  # the same scrypt work for an unknown name
        if verdict is None or user is None:
            failures = self._count_failure(key, username.strip())
            raise WrongPassword(failures, login_delay(failures))
        if not user.active:
            raise AccountDisabled(user.username)
        new_hash = hash_password(password) if verdict.rehash else None  # today's cost, transparently
        bind = self._sessions.kw.get("bind")
        read_only = bind is not None and is_read_only(bind)  # viewing a read-only copy: no bookkeeping
        if (failure is not None or new_hash is not None) and not read_only:
            with self._sessions.begin() as s:
                s.execute(delete(LoginFailure).where(LoginFailure.name_key == key))
                if new_hash is not None:
                    row = s.get(User, user.id)
                    if row is not None and row.password_hash == stored:
                        row.password_hash = new_hash
        return Login(Actor(user.id, user.username, user.role), user.must_change_password, verdict.key)

    def _server_login(self, s: Session, key: str, typed: str, password: str, user: User | None) -> Login:
        """On a shared server the server checks the password (a connection made with it)."""
        connected = server_logins.session_login(s)
        if connected is not None and connected != key:
            raise LoginRefused(
                f"本程序以用户“{connected}”连接服务器；要以其他用户工作，请退出后以该用户的用户名和密码重新登录"
            )
        verdict = server_logins.probe(server_logins.engine_url(s), key, password)
        if verdict == "disabled" and user is not None:
            raise AccountDisabled(user.username)
        if verdict != "ok" or user is None:
            failures = self._count_failure(key, typed.strip())
            raise WrongPassword(failures, login_delay(failures))
        if not user.active:
            raise AccountDisabled(user.username)
        with self._sessions.begin() as w:
            w.execute(delete(LoginFailure).where(LoginFailure.name_key == key))
        # No wrapping key is derived here (a second slow scrypt at every login): whoever needs
        # one on a server derives it with server_logins.own_key from the password.
        return Login(Actor(user.id, user.username, user.role), user.must_change_password, b"")

    def authenticate(self, username: str, password: str) -> Actor:
        """``login`` for work: a temporary password must be changed first."""
        result = self.login(username, password)
        if result.must_change:
            raise PasswordChangeRequired(result.actor)
        return result.actor

    def _wait_left(self, failure: LoginFailure) -> int:
        allowed = failure.last_failure_at + dt.timedelta(seconds=login_delay(failure.failures))
        left = (allowed - self._clock()).total_seconds()
        return max(0, math.ceil(left))

    def _count_failure(self, key: str, typed: str) -> int:
        """One more wrong password for ``key``, counted atomically; the new count."""
        at = self._clock()
        with self._sessions.begin() as s:
            dialect = s.get_bind().dialect.name
            if dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert
            else:
                from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
            stmt = insert(LoginFailure).values(name_key=key, failures=1, last_failure_at=at)
            stmt = stmt.on_conflict_do_update(
                index_elements=[LoginFailure.name_key],
                set_={"failures": LoginFailure.failures + 1, "last_failure_at": at},
            )
            s.execute(stmt)
            failures = int(s.scalar(select(LoginFailure.failures).where(LoginFailure.name_key == key)) or 0)
            if failures == LOCK_AFTER:
                audit.record(s, SYSTEM, "lock", "login", key, username=typed, failures=failures)
        return failures

    def failures(self, username: str) -> int:
        """Consecutive wrong passwords for this name (0 when none)."""
        with self._sessions() as s:
            row = s.get(LoginFailure, normalize_username(username))
            return row.failures if row else 0

    def actor_for(self, username: str) -> Actor:
        """The named active user, without a password: for code that already knows who acts
        (demo data just after creating the database, scripts building windows). Never reached
        from the command line or the window without a login."""
        with self._sessions() as s:
            user = find_user(s, username)
            if user is None or not user.active:
                raise NotFound(f"用户“{username}”不存在或已停用")
            return Actor(user.id, user.username, user.role)

    def role_label(self, role: str) -> str:
        return ROLE_LABELS.get(role, role)

    # Kept for callers that create users through this class (the work is in UserAdmin).
    def create_user(
        self,
        actor: Actor,
        username: str,
        password: str,
        role: str,
        display_name: str = "",
        *,
        temporary: bool = True,
    ) -> UserInfo:
        from app.services.user_admin import UserAdmin

        return UserAdmin(self._sessions, actor, self._clock).create_user(
            username, password, role, display_name, temporary=temporary
        )

    def list_users(self) -> list[UserInfo]:
        from app.services.user_admin import UserAdmin

        return UserAdmin(self._sessions, SYSTEM, self._clock).list_users()
