"""Who is acting: the logged-in user, roles, permission checks and password hashing.

Passwords are hashed with scrypt (memory-hard: 16 MiB per attempt), salted, with the
parameters kept in the hash so they can be raised later without breaking old logins.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from app.services.errors import PermissionDenied

ROLE_LABELS = {"admin": "管理员", "clerk": "经办员", "auditor": "审核员"}

# What each role may do; services check these, the window only hides what is refused anyway.
PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {
            "roster.write",
            "enrollment.write",
            "claims.write",
            "claims.review",
            "claims.audit",
            "users.manage",
            "plans.manage",
            "office.manage",
        }
    ),  # fmt: skip
    "clerk": frozenset({"roster.write", "enrollment.write", "claims.write", "claims.review"}),
    "auditor": frozenset({"claims.review", "claims.audit"}),
}
PERMISSION_LABELS = {
    "roster.write": "修改会员名册",
    "enrollment.write": "办理参保缴费",
    "claims.write": "受理理赔",
    "claims.review": "审核理赔（单位审核）",
    "claims.audit": "审核、批准理赔（办事处审核）",
    "users.manage": "管理用户",
    "plans.manage": "管理保障计划",
    "office.manage": "修改办事处资料",
}

_N, _R, _P = 2**14, 8, 1


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service acts (recorded in the audit log)."""

    user_id: int | None
    username: str
    role: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())

    def require(self, permission: str) -> None:
        if not self.can(permission):
            what = PERMISSION_LABELS.get(permission, permission)
            raise PermissionDenied(f"用户 {self.username}（{self.role_label}）无权{what}")


SYSTEM = Actor(None, "system", "admin")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    enc = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${enc(salt).decode()}${enc(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    salt = base64.b64decode(salt_b64)
    expected = base64.b64decode(digest_b64)
    actual = hashlib.scrypt(
        password.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected), maxmem=2**26
    )
    return hmac.compare_digest(actual, expected)
