"""The audit log as a clerk reads it: one Chinese sentence per entry and a details list.

An entry is stored as codes (action ``update``, entity ``member``, id 17, detail JSON with English
keys). Shown, it reads 王静 在 2026-12-02 09:15 把会员“张三”的电话从“138…”改为“139…”: the
member, unit, claim or user by name, fields by their Chinese names, values such as plan codes,
statuses, employment and yes/no in Chinese. Nothing here changes the log; it only reads it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.models import Claim, CoveragePeriod, Member, Unit, User
from app.models.db import SessionFactory
from app.services.audit_queries import ACTION_LABELS
from app.services.auth import ROLE_LABELS
from app.services.claims import STATUS_LABELS
from app.services.code_labels import PlanNames
from app.services.roster_types import CATEGORY_LABELS, EMPLOYMENT_LABELS, RELATION_LABELS

MORE_ACTIONS = {
    "lock": "锁定", "unlock": "解除锁定", "change_password": "修改密码", "reset_password": "重置密码",
    "disable": "停用", "enable": "启用", "create_key": "生成密钥", "export_key": "导出密钥",
    "register_key": "登记对方密钥", "delete": "删除", "restore": "恢复", "import_batch": "导入批次",
    "export_results": "导出处理结果", "import_results": "导入处理结果", "renew": "续保", "login": "登录",
    "logout": "注销", "role": "更改角色", "undo_mark_left": "撤销离职", "undo_enroll": "撤销参保",
    "reinstate": "撤销取消参保", "void_payment": "作废缴费", "add_plan": "导入方案文件",
    "office_result": "办事处处理结果", "keep": "保留", "export_claims": "导出理赔批次",
}  # fmt: skip
ENTITY_LABELS = {
    "member": "会员", "claim": "理赔", "unit": "单位", "user": "用户", "period": "参保期",
    "enrollment": "参保记录", "settings": "设置", "office_profile": "办事处信息", "office": "办事处",
    "installation": "本机密钥", "partner_key": "对方密钥", "login": "登录", "roster": "会员名册",
    "database": "数据库", "plan": "保障方案", "payment": "缴费", "batch": "批次", "contribution": "缴费",
}  # fmt: skip
FIELD_LABELS = {
    "name": "姓名", "id_number": "身份证号码", "gender": "性别", "birth_date": "出生日期", "phone": "电话",
    "medical_card": "医保卡号", "social_security_card": "社保卡号", "jingka_card": "京卡号",
    "bank_name": "开户银行", "bank_account": "银行账号", "employment": "在职状态",
    "union_member_since": "入会日期", "is_model_worker": "劳模", "is_hardship": "特困",
    "basic_medical_insurance": "参加基本医疗保险", "family": "家属人数", "unit_id": "单位", "unit": "单位",
    "code": "编码", "level": "级别", "username": "用户名", "role": "角色", "active": "启用",
    "failures": "失败次数", "fingerprint": "指纹", "file": "文件", "folder": "文件夹", "batch": "批次号",
    "claims": "理赔笔数", "members": "人数", "units": "单位数", "seed": "随机种子", "source": "来源",
    "plan": "方案", "period": "参保期", "number": "期数", "start": "起始日期", "end": "截止日期",
    "fee": "会费（元）", "amount": "金额（元）", "status": "状态", "reason": "原因", "member": "会员",
    "left_on": "离职日期", "from_unit": "原单位", "to_unit": "新单位", "value": "数值", "path": "项目",
    "new": "新值", "key": "名称", "bytes": "字节数", "safety_backup": "恢复前备份", "refused": "拒绝",
    "resolutions": "冲突处理", "moved_units": "调动单位数", "unit_claim": "单位理赔编号", "kind": "类别",
    "data": "数据", "installation": "安装编号", "relation": "关系", "contact": "联系方式",
    "address": "地址", "chair_name": "工会主席", "handler_name": "经办人", "enrolled": "参保人数",
    "paid_on": "支付日期", "benefit": "项目", "account": "账号", "reference": "凭证号", "method": "方式",
    "typed": "输入的用户名", "effective": "生效日期", "receipt": "收据号", "imported": "导入人数",
    "rejected": "未导入行数", "version": "版本", "note": "说明", "old": "原值",
    "office_claim_no": "办事处理赔编号",
}  # fmt: skip
SOURCE_LABELS = {"import": "名册导入", "batch": "批次导入", "results": "处理结果", "window": "窗口"}
PAYMENT_METHODS = {"transfer": "转账", "cash": "现金", "cheque_forward": "支票"}


@dataclass(frozen=True)
class AuditText:
    sentence: str
    details: tuple[tuple[str, str], ...]


class AuditNames:
    """Names of the records entries point at, looked up once each (a page shows ~50 entries)."""

    def __init__(self, sessions: SessionFactory, plan_names: PlanNames | None = None) -> None:
        self._sessions = sessions
        self._cache: dict[tuple[str, str], str] = {}
        self._plans = plan_names

    def plans(self) -> PlanNames:
        if self._plans is None:
            from app.services.auth import SYSTEM
            from app.services.plans import PlanService

            self._plans = PlanNames(PlanService(self._sessions, SYSTEM).catalogue())
        return self._plans

    def of(self, entity: str, entity_id: object) -> str:
        key = (entity, str(entity_id))
        if key not in self._cache:
            self._cache[key] = self._look_up(*key)
        return self._cache[key]

    def _look_up(self, entity: str, eid: str) -> str:
        with self._sessions() as s:
            if entity == "claim":
                claim = s.scalars(select(Claim).where(Claim.claim_no == eid)).first()
                who = s.get(Member, claim.member_id) if claim is not None else None
                return f"{eid}（{who.name}）" if who is not None else eid
            if not eid.isdigit():
                return eid
            number = int(eid)
            if entity == "member" and (m := s.get(Member, number)) is not None:
                return m.name
            if entity == "unit" and (u := s.get(Unit, number)) is not None:
                return f"{u.name}（{u.code}）"
            if entity == "user" and (user := s.get(User, number)) is not None:
                return user.username
            if entity == "period" and (p := s.get(CoveragePeriod, number)) is not None:
                return f"{self.plans().plan(p.plan_code)} 第{p.number}期"
        return f"#{eid}"


def _value(key: str, value: Any, names: AuditNames) -> str:
    if value is None or value == "":
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(_value(key, v, names) for v in value) or "无"
    if isinstance(value, dict):
        return "；".join(f"{FIELD_LABELS.get(k, '其他')}：{_value(k, v, names)}" for k, v in value.items())
    text = str(value)
    if key == "employment":
        return EMPLOYMENT_LABELS.get(text, text)
    if key == "status" or key == "to_status":
        return STATUS_LABELS.get(text, text)
    if key == "role":
        return ROLE_LABELS.get(text, text)
    if key == "plan":
        return names.plans().plan(text)
    if key == "relation":
        return RELATION_LABELS.get(text, text)
    if key == "category":
        return CATEGORY_LABELS.get(text, text)
    if key == "source":
        return SOURCE_LABELS.get(text, text)
    if key == "method":
        return PAYMENT_METHODS.get(text, text)
    if key in ("member", "unit_id", "from_unit", "to_unit", "period"):
        entity = {"member": "member", "period": "period"}.get(key, "unit")
        return names.of(entity, text)
    return text


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action) or MORE_ACTIONS.get(action) or "其他操作"


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, "记录")


def describe(
    at: dt.datetime, username: str, action: str, entity: str, entity_id: str, detail: str, names: AuditNames
) -> AuditText:
    """The entry as a sentence, and every recorded value as (Chinese field, Chinese value)."""
    try:
        data = json.loads(detail) if detail else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    before = data.pop("before", None)
    after = data.pop("after", None)
    data.pop("state", None)  # the record's state as witnessed for `audit verify`, not a change to tell
    what = entity_label(entity)
    target = names.of(entity, entity_id) if entity_id else ""
    subject = f"{what}“{target}”" if target else what
    when = f"{at:%Y-%m-%d %H:%M}"
    details: list[tuple[str, str]] = [("时间", f"{at:%Y-%m-%d %H:%M:%S}"), ("用户", username),
                                      ("操作", action_label(action)), ("对象", subject)]  # fmt: skip
    if isinstance(before, dict) and isinstance(after, dict):
        data = {**{k: v for k, v in after.items()}, **data}
    if action == "update" and data:
        changes = []
        for key, new in data.items():
            field = FIELD_LABELS.get(key, "其他")
            if isinstance(before, dict) and key in before:
                old = _value(key, before[key], names)
                changes.append(f"{field}从“{old}”改为“{_value(key, new, names)}”")
                details.append((field, f"{old} → {_value(key, new, names)}"))
            else:
                changes.append(f"{field}改为“{_value(key, new, names)}”")
                details.append((field, _value(key, new, names)))
        return AuditText(f"{username} 在 {when} 把{subject}的" + "，".join(changes), tuple(details))
    for key, value in data.items():
        benefit = key == "benefit"
        shown = names.plans().benefit(data.get("plan"), value) if benefit else _value(key, value, names)
        details.append((FIELD_LABELS.get(key, "其他"), shown))
    summary = "，".join(f"{label}：{value}" for label, value in details[4:7])
    sentence = f"{username} 在 {when} {action_label(action)}{subject}" + (f"（{summary}）" if summary else "")
    return AuditText(sentence, tuple(details))
