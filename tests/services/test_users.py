from __future__ import annotations

import base64
import datetime as dt
import hashlib

import pytest
from sqlalchemy import select, update

from app.models import LoginFailure, User
from app.models.db import SessionFactory
from app.services import passwords
from app.services.auth import Actor
from app.services.errors import Conflict, PermissionDenied, ServiceError
from app.services.passwords import check_password, normalize_username, policy_problems, verify_password
from app.services.user_admin import UserAdmin
from app.services.users import (
    LOCK_AFTER,
    AccountDisabled,
    AccountLocked,
    LoginDelayed,
    OfficeInfo,
    PasswordChangeRequired,
    UserService,
    WrongPassword,
    login_delay,
)
from tests.conftest import ADMIN_PASSWORD, CLERK_PASSWORD


class Clock:
    """A clock the test moves by hand (the service waits by comparing times, never sleeps)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 9, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.mark.full_cost_passwords
def test_password_hash_is_full_cost_scrypt_salted_and_verifies() -> None:
    a, b = passwords.hash_and_key("秘密123abc")[0], passwords.hash_and_key("秘密123abc")[0]
    assert a.startswith("scrypt$131072$8$1$") and a != b
    assert verify_password("秘密123abc", a)
    assert not verify_password("秘密124abc", a)
    assert not verify_password("x", "md5$abc")
    assert not verify_password("x", "scrypt$4294967296$8$1$AAAA$AAAA")  # not computed: refused
    ok = check_password("秘密123abc", a)
    assert ok is not None and not ok.rehash and len(ok.key) == 32


def test_user_names_compare_without_case_or_width(sessions: SessionFactory, admin: Actor) -> None:
    assert normalize_username(" ＡｄＭｉｎ ") == "admin"
    users = UserService(sessions)
    for typed in ("Admin", "ＡＤＭＩＮ", " admin"):
        assert users.authenticate(typed, ADMIN_PASSWORD).username == "admin"
    with pytest.raises(Conflict, match="已存在"):
        UserAdmin(sessions, admin).create_user("ａｄｍｉｎ", "another-pass-9", "clerk")


@pytest.mark.parametrize(
    ("name", "password", "problem"),
    [
        ("clerk1", "short7!", "至少 8 个字符"),
        ("clerk1", "aaaaaaaaaa", "同一个字符"),
        ("clerk1", "Password1", "过于常见"),
        ("clerk1", "12345678", "过于常见"),
        ("clerk1", "abcdefghij", "过于常见"),
        ("wangfang", "WangFang", "用户名"),
        ("wangfang", "wangfang2026", "用户名"),
    ],
)
def test_password_policy(name: str, password: str, problem: str) -> None:
    assert any(problem in p for p in policy_problems(name, password))


def test_policy_accepts_a_reasonable_password() -> None:
    assert policy_problems("clerk1", "绿树村边合2026") == []


def test_first_start_sets_up_office_and_admin(sessions: SessionFactory) -> None:
    users = UserService(sessions)
    assert not users.is_initialised()
    actor = users.set_up(OfficeInfo("文登区总工会", "基层工会", "威海"), "boss", "long-pass-1")
    assert users.is_initialised()
    assert actor.role == "admin"
    assert users.office() == OfficeInfo("文登区总工会", "基层工会", "威海")
    with pytest.raises(Conflict):
        users.set_up(OfficeInfo("又一个", "办事处", ""), "boss2", "long-pass-1")


@pytest.mark.parametrize(
    ("office", "name", "password", "message"),
    [
        (OfficeInfo("", "办事处", ""), "admin", "long-pass-1", "名称"),
        (OfficeInfo("甲", "省总", ""), "admin", "long-pass-1", "级别"),
        (OfficeInfo("甲", "办事处", ""), "admin", "123", "至少 8"),
        (OfficeInfo("甲", "办事处", ""), "system", "long-pass-1", "保留"),
        (OfficeInfo("甲", "办事处", ""), "a b", "long-pass-1", "空格"),
    ],
)
def test_set_up_refuses_bad_input(
    sessions: SessionFactory, office: OfficeInfo, name: str, password: str, message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        UserService(sessions).set_up(office, name, password)
    assert not UserService(sessions).is_initialised()


def test_failures_slow_down_then_lock_and_survive_a_restart(sessions: SessionFactory, admin: Actor) -> None:
    clock = Clock()
    users = UserService(sessions, clock)
    waits = []
    for expected in range(1, LOCK_AFTER + 1):
        with pytest.raises(WrongPassword) as info:
            users.authenticate("admin", "wrong-guess")
        assert info.value.failures == expected
        waits.append(info.value.wait)
        if info.value.wait and expected < LOCK_AFTER:
            # Inside the wait even the right password is not heard, nor counted.
            with pytest.raises(LoginDelayed, match=f"{info.value.wait} 秒后再试"):
                users.authenticate("ADMIN", ADMIN_PASSWORD)
            clock.advance(info.value.wait - 0.5)
            with pytest.raises(LoginDelayed, match="1 秒后再试"):
                users.authenticate("admin", ADMIN_PASSWORD)
            clock.advance(0.5)
    assert waits == [login_delay(n) for n in range(1, LOCK_AFTER + 1)] == [0, 0, 1, 2, 4, 8, 16, 30, 30, 30]
    assert "已锁定" in str(info.value)
    # A new service (another PC, or after a restart) reads the same count from the database.
    clock.advance(3600)
    with pytest.raises(AccountLocked, match="请管理员"):
        UserService(sessions, clock).authenticate("admin", ADMIN_PASSWORD)


def test_an_administrator_unlocks_and_a_good_login_resets(
    sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:
    clock = Clock()
    users = UserService(sessions, clock)
    for _ in range(LOCK_AFTER):
        with pytest.raises(WrongPassword):
            users.authenticate("clerk1", "wrong-guess")
        clock.advance(60)
    with pytest.raises(AccountLocked):
        users.authenticate("clerk1", CLERK_PASSWORD)
    listed = {u.username: u for u in UserAdmin(sessions, admin).list_users()}
    assert listed["clerk1"].locked
    with pytest.raises(PermissionDenied):
        UserAdmin(sessions, clerk).unlock("clerk1")
    UserAdmin(sessions, admin).unlock("clerk1")
    with pytest.raises(WrongPassword) as info:
        users.authenticate("clerk1", "wrong-again")
    assert info.value.failures == 1
    assert users.authenticate("clerk1", CLERK_PASSWORD).username == "clerk1"
    assert users.failures("clerk1") == 0


def test_unknown_names_are_counted_and_locked_like_real_ones(sessions: SessionFactory, admin: Actor) -> None:
    clock = Clock()
    users = UserService(sessions, clock)
    for expected in range(1, LOCK_AFTER + 1):
        with pytest.raises(WrongPassword) as info:
            users.authenticate("nobody", "wrong-guess")
        assert info.value.failures == expected and str(info.value).startswith("用户名或密码错误")
        clock.advance(60)
    with pytest.raises(AccountLocked):
        users.authenticate("Nobody", "anything")
    # Creating that name later starts it with a clean slate.
    UserAdmin(sessions, admin).create_user("nobody", "fresh-pass-77", "clerk")
    with pytest.raises(PasswordChangeRequired):
        users.authenticate("nobody", "fresh-pass-77")


@pytest.mark.full_cost_passwords
def test_an_unknown_name_costs_the_same_scrypt_work(monkeypatch: pytest.MonkeyPatch) -> None:
    # Not a timing test: both paths run exactly one scrypt at today's parameters.
    calls: list[tuple[int, int, int]] = []
    real = hashlib.scrypt

    def counting(password: bytes, *, salt: bytes, n: int, r: int, p: int, dklen: int, maxmem: int) -> bytes:
        calls.append((n, r, p))
        return real(password, salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=maxmem)

    stored = passwords.hash_password("right-pass-1")
    monkeypatch.setattr(hashlib, "scrypt", counting)
    assert check_password("x", None) is None
    assert check_password("x", stored) is None
    assert calls == [(2**17, 8, 1), (2**17, 8, 1)]


@pytest.mark.full_cost_passwords
def test_a_cheap_old_hash_is_rehashed_at_the_next_good_login(sessions: SessionFactory, admin: Actor) -> None:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"old-style-pass", salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    with sessions.begin() as s:
        s.execute(update(User).where(User.username == "admin").values(password_hash=old))
    UserService(sessions).authenticate("admin", "old-style-pass")
    with sessions() as s:
        renewed = s.scalar(select(User.password_hash).where(User.username == "admin"))
    assert renewed.startswith("scrypt$131072$8$1$") and verify_password("old-style-pass", renewed)


def test_temporary_passwords_must_be_changed_before_work(
    sessions: SessionFactory, admin: Actor, clerk: Actor
) -> None:
    UserAdmin(sessions, admin).reset_password("clerk1", "temporary-9")
    users = UserService(sessions)
    with pytest.raises(PasswordChangeRequired, match="须先修改密码"):
        users.authenticate("clerk1", "temporary-9")
    login = users.login("clerk1", "temporary-9")
    assert login.must_change
    with pytest.raises(ServiceError, match="相同"):
        UserAdmin(sessions, login.actor).set_own_password(login, "temporary-9", "temporary-9")
    UserAdmin(sessions, login.actor).set_own_password(login, "my-own-secret", "temporary-9")
    assert users.authenticate("clerk1", "my-own-secret").username == "clerk1"
    with pytest.raises(WrongPassword):
        users.authenticate("clerk1", "temporary-9")


def test_change_own_password_checks_the_current_one(sessions: SessionFactory, clerk: Actor) -> None:
    mine = UserAdmin(sessions, clerk)
    with pytest.raises(WrongPassword):
        mine.change_own_password("not-my-pass", "new-secret-1")
    with pytest.raises(ServiceError, match="常见"):
        mine.change_own_password(CLERK_PASSWORD, "password1")
    mine.change_own_password(CLERK_PASSWORD, "new-secret-1")
    assert UserService(sessions).authenticate("clerk1", "new-secret-1").role == "clerk"


def test_disable_enable_and_roles(sessions: SessionFactory, admin: Actor, clerk: Actor) -> None:
    manage = UserAdmin(sessions, admin)
    manage.set_active("clerk1", False)
    with pytest.raises(AccountDisabled, match="已停用"):
        UserService(sessions).authenticate("clerk1", CLERK_PASSWORD)
    with pytest.raises(WrongPassword):  # a wrong password says no more than for anyone
        UserService(sessions).authenticate("clerk1", "wrong-guess")
    manage.set_active("clerk1", True)
    assert manage.set_role("clerk1", "auditor").role == "auditor"
    assert UserService(sessions).authenticate("clerk1", CLERK_PASSWORD).role == "auditor"
    with pytest.raises(ServiceError, match="唯一可用的管理员"):
        manage.set_active("admin", False)
    with pytest.raises(ServiceError, match="唯一可用的管理员"):
        manage.set_role("admin", "clerk")
    with pytest.raises(ServiceError, match="角色"):
        manage.set_role("clerk1", "boss")
    for call in (
        lambda m: m.set_active("admin", False),
        lambda m: m.set_role("clerk1", "admin"),
        lambda m: m.reset_password("admin", "taken-over-1"),
        lambda m: m.create_user("x1", "fine-pass-1", "clerk"),
    ):
        with pytest.raises(PermissionDenied, match="无权管理用户"):
            call(UserAdmin(sessions, clerk))


def test_only_admin_creates_users(sessions: SessionFactory, admin: Actor, clerk: Actor) -> None:
    users = UserService(sessions)
    with pytest.raises(PermissionDenied, match="无权管理用户"):
        users.create_user(clerk, "x1", "fine-pass-1", "clerk")
    with pytest.raises(Conflict, match="已存在"):
        users.create_user(admin, "Clerk1", "fine-pass-1", "clerk")
    with pytest.raises(ServiceError, match="角色"):
        users.create_user(admin, "x2", "fine-pass-1", "boss")
    assert [u.username for u in users.list_users()] == ["admin", "clerk1"]
    assert users.actor_for("CLERK1").role == "clerk"


def test_failure_rows_are_per_name(sessions: SessionFactory, admin: Actor) -> None:
    users = UserService(sessions)
    with pytest.raises(WrongPassword):
        users.authenticate("Ａdmin", "wrong-guess")
    with sessions() as s:
        assert [(r.name_key, r.failures) for r in s.scalars(select(LoginFailure))] == [("admin", 1)]
    assert users.authenticate("admin", ADMIN_PASSWORD)
    assert users.failures("admin") == 0
