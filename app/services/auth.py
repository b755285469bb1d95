"""Who is acting: the logged-in user, roles and permission checks (hashes: ``passwords``)."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.errors import PermissionDenied
from app.services.passwords import hash_password, verify_password

__all__ = ["PERMISSIONS", "ROLE_LABELS", "SYSTEM", "Actor", "hash_password", "verify_password"]

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
            "audit.read",
            "keys.manage",
        }
    ),  # fmt: skip
    "clerk": frozenset({"roster.write", "enrollment.write", "claims.write", "claims.review", "keys.manage"}),
    "auditor": frozenset({"claims.review", "claims.audit", "audit.read"}),
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
    "audit.read": "查看审计日志",
    "keys.manage": "登记单位或办事处的密钥",
}


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
