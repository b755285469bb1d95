"""The business state the audit log records with each entry, and reads back to check the tables.

Every entry about a claim, a user or a contribution payment carries the record's state after the
change (``state`` in its detail, covered by the MAC): a claim's status and amounts and payment
account, a user's role and whether the login is active, a payment's amount and date. ``audit
verify`` compares each record's current state with its last audited one, so a change made with
SQL and no audit entry shows up by record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, any_, bindparam, select
from sqlalchemy.orm import Session

from app.models import Claim, Contribution, User

# entity → (table's record key column, the columns recorded, Chinese name of the record)
TRACKED: dict[str, tuple[Any, tuple[Any, ...], str]] = {
    "claim": (
        Claim.claim_no,
        (Claim.status, Claim.amount_fen, Claim.approved_fen, Claim.paid_fen, Claim.paid_account),
        "理赔",
    ),
    "user": (User.id, (User.username, User.role, User.active), "用户"),
    "contribution": (
        Contribution.id,
        (
            Contribution.unit_id,
            Contribution.period_id,
            Contribution.amount_fen,
            Contribution.paid_on,
            Contribution.voided_at,
        ),  # fmt: skip
        "缴费记录",
    ),
}
FIELD_LABELS = {
    "status": "状态",
    "amount_fen": "金额",
    "approved_fen": "批准金额",
    "paid_fen": "支付金额",
    "paid_account": "收款账号",
    "username": "用户名",
    "role": "角色",
    "active": "启用",
    "unit_id": "单位",
    "period_id": "期数",
    "paid_on": "缴费日期",
    "voided_at": "作废时间",
}
CREATED_AT = {"claim": Claim.created_at, "user": User.created_at, "contribution": Contribution.created_at}


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def among(conn: Session | Connection, column: Any, values: list[Any]) -> Any:
    """``column IN values``; on PostgreSQL ``= ANY(array)``, one parameter: thousands of bound
    values cost more to render and parse than the query takes (``audit verify``'s record check)."""
    dialect = conn.get_bind().dialect if isinstance(conn, Session) else conn.dialect
    if dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def states(conn: Session | Connection, entity: str, keys: Iterable[str]) -> dict[str, dict[str, object]]:
    """The current state of the records ``keys`` (as the audit log names them: text)."""
    key_col, cols, _label = TRACKED[entity]
    wanted = [k for k in keys]
    if key_col.type.python_type is int:
        wanted_keys: list[object] = [int(k) for k in wanted if k.isdigit()]
    else:
        wanted_keys = list(wanted)
    if not wanted_keys:
        return {}
    rows = conn.execute(select(key_col, *cols).where(among(conn, key_col, wanted_keys)))
    return {str(r[0]): {c.key: _plain(v) for c, v in zip(cols, r[1:], strict=True)} for r in rows}


def snapshot(s: Session, entity: str, entity_id: str) -> dict[str, object] | None:
    """The state an entry about ``entity`` records (None for entities the log does not track)."""
    if entity not in TRACKED:
        return None
    return states(s, entity, [entity_id]).get(entity_id)


def differences(entity: str, logged: dict[str, Any], current: dict[str, object]) -> list[str]:
    """The fields whose value now differs from the logged one, in Chinese."""
    out = []
    for name, now in current.items():
        if name in logged and logged[name] != now:
            before, after = logged[name], now
            if name.endswith("_fen"):  # money is shown in yuan
                before, after = _yuan(before), _yuan(after)
            out.append(f"{FIELD_LABELS.get(name, name)}现为 {_shown(after)}，日志记为 {_shown(before)}")
    return out


def _yuan(fen: object) -> object:
    from app.rules.money import from_fen

    return f"{from_fen(fen)} 元" if isinstance(fen, int) and not isinstance(fen, bool) else fen


def _shown(value: object) -> str:
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
