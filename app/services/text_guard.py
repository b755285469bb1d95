"""Text that would corrupt or crash a database is refused before any write, the same on both.

SQLite stores a NUL or a 5,000-character name without a word (C tools then cut the name at the
NUL); PostgreSQL refuses both with an exception and a traceback. So every ORM flush checks
every text value it is about to write: no control characters (tab and line breaks only where a
column holds free text), no lone surrogates, and no more characters than the column holds.
The refusal names the field in Chinese and its limit; the transaction rolls back, so nothing
is written. Bulk imports (Core inserts) validate their rows before inserting (roster_validation).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import String, Text, event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from app.services.errors import InputErrors
from app.services.roster_types import RowError

# (table, column) → what the clerk calls it; a column not listed is named by its table's label.
LABELS: dict[tuple[str, str], str] = {
    ("units", "name"): "单位名称",
    ("units", "code"): "单位编码",
    ("units", "chair_name"): "工会主席",
    ("units", "chair_phone"): "工会主席电话",
    ("units", "handler_name"): "经办人",
    ("units", "handler_phone"): "经办人电话",
    ("units", "address"): "地址",
    ("members", "name"): "姓名",
    ("members", "phone"): "联系电话",
    ("members", "medical_card"): "医保卡号",
    ("members", "social_security_card"): "社保卡号",
    ("members", "jingka_card"): "京卡号",
    ("members", "bank_name"): "开户银行",
    ("members", "bank_account"): "银行账号",
    ("family_members", "name"): "家属姓名",
    ("claims", "paid_account"): "收款账号",
    ("claims", "paid_reference"): "支付凭证号",
    ("claims", "facts"): "理赔事实",
    ("claim_steps", "reason"): "原因",
    ("enrollments", "cancel_reason"): "退保原因",
    ("contributions", "receipt_no"): "收据号",
    ("contributions", "method"): "缴费方式",
    ("office_profile", "name"): "办事处名称",
    ("office_profile", "region"): "地区",
    ("plan_versions", "note"): "说明",
    ("users", "username"): "用户名",
    ("users", "display_name"): "姓名",
    ("partner_keys", "name"): "对方名称",
    ("partner_units", "unit_name"): "单位名称",
    ("batch_imports", "unit_code"): "单位编码",
    ("exchange_links", "reason"): "原因",
}
TABLES = {"units": "单位", "members": "会员", "family_members": "家属", "claims": "理赔",
          "claim_steps": "理赔步骤", "enrollments": "参保", "contributions": "缴费", "batches": "批次",
          "users": "用户"}  # fmt: skip
# Free text where a line break or tab is the clerk's own: only these may hold them.
MULTILINE = {("units", "address"), ("claim_steps", "reason"), ("enrollments", "cancel_reason"),
             ("plan_versions", "note"), ("exchange_links", "reason"), ("claims", "facts"),
             ("claims", "decision"), ("claims", "materials")}  # fmt: skip
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_CONTROLS_OR_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def label_of(table: str, column: str) -> str:
    return LABELS.get((table, column)) or f"{TABLES.get(table, table)}的“{column}”"


def text_problem(value: str, limit: int | None, multiline: bool) -> str | None:
    """Why ``value`` cannot be stored (control characters, surrogates, length), or None."""
    found = (_CONTROLS if multiline else _CONTROLS_OR_BREAKS).search(value)
    if found:
        ch = found.group()
        nul = "，即 NUL" if ch == "\x00" else ""
        return f"含有不可见的控制字符（U+{ord(ch):04X}{nul}），请删除后重试"
    if limit is not None and len(value) > limit:
        return f"过长：最多 {limit} 个字符，现有 {len(value):,} 个"
    return None


def _check(obj: Any) -> list[RowError]:
    errors: list[RowError] = []
    state = inspect(obj)
    table = getattr(obj, "__tablename__", "")
    for attr in state.mapper.column_attrs:
        column = attr.columns[0]
        if not isinstance(column.type, String | Text):
            continue
        if attr.key in state.unloaded:  # never loaded (a deferred column), so not changed here
            continue
        value = getattr(obj, attr.key, None)
        if not isinstance(value, str):
            continue
        if state.persistent and not state.attrs[attr.key].history.has_changes():
            continue
        limit = column.type.length if not isinstance(column.type, Text) else None
        free = limit is None or (table, column.name) in MULTILINE  # Text: JSON, plan files, notes
        problem = text_problem(value, limit, free)
        if problem:
            errors.append(RowError(0, label_of(table, column.name), problem))
    return errors


def _before_flush(session: Session, _tx: UOWTransaction, _instances: object) -> None:
    errors: list[RowError] = []
    for obj in list(session.new) + list(session.dirty):
        errors += _check(obj)
    if errors:
        raise InputErrors(errors, "内容无法保存，未做任何修改")


def install() -> None:
    """Check every ORM flush of every session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)


install()
