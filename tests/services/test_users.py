from __future__ import annotations

import pytest

from app.models.db import SessionFactory
from app.services.auth import Actor, hash_password, verify_password
from app.services.errors import Conflict, PermissionDenied, ServiceError
from app.services.users import OfficeInfo, UserService, WrongPassword
from tests.conftest import ADMIN_PASSWORD


def test_password_hash_is_scrypt_salted_and_verifies() -> None:
    a, b = hash_password("秘密123"), hash_password("秘密123")
    assert a.startswith("scrypt$16384$8$1$") and a != b
    assert verify_password("秘密123", a)
    assert not verify_password("秘密124", a)
    assert not verify_password("x", "md5$abc")


def test_first_start_sets_up_office_and_admin(sessions: SessionFactory) -> None:
    users = UserService(sessions)
    assert not users.is_initialised()
    actor = users.set_up(OfficeInfo("文登区总工会", "基层工会", "威海"), "boss", "longpass")
    assert users.is_initialised()
    assert actor.role == "admin"
    assert users.office() == OfficeInfo("文登区总工会", "基层工会", "威海")
    with pytest.raises(Conflict):
        users.set_up(OfficeInfo("又一个", "办事处", ""), "boss2", "longpass")


@pytest.mark.parametrize(
    ("office", "password", "message"),
    [
        (OfficeInfo("", "办事处", ""), "longpass", "名称"),
        (OfficeInfo("甲", "省总", ""), "longpass", "级别"),
        (OfficeInfo("甲", "办事处", ""), "123", "密码至少"),
    ],
)
def test_set_up_refuses_bad_input(
    sessions: SessionFactory, office: OfficeInfo, password: str, message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        UserService(sessions).set_up(office, "admin", password)
    assert not UserService(sessions).is_initialised()


def test_login_counts_failures_and_resets(sessions: SessionFactory, admin: Actor) -> None:
    users = UserService(sessions)
    for expected in (1, 2, 3):
        with pytest.raises(WrongPassword) as info:
            users.authenticate("admin", "wrong")
        assert info.value.failures == expected
    assert users.authenticate("admin", ADMIN_PASSWORD).username == "admin"
    with pytest.raises(WrongPassword) as info:
        users.authenticate("admin", "wrong")
    assert info.value.failures == 1
    with pytest.raises(WrongPassword):
        users.authenticate("nobody", "x")


def test_only_admin_creates_users(sessions: SessionFactory, admin: Actor, clerk: Actor) -> None:
    users = UserService(sessions)
    with pytest.raises(PermissionDenied, match="无权管理用户"):
        users.create_user(clerk, "x1", "password", "clerk")
    with pytest.raises(Conflict, match="已存在"):
        users.create_user(admin, "clerk1", "password", "clerk")
    with pytest.raises(ServiceError, match="角色"):
        users.create_user(admin, "x2", "password", "boss")
    assert [u.username for u in users.list_users()] == ["admin", "clerk1"]
    assert users.actor_for("clerk1").role == "clerk"
