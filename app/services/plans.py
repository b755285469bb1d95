"""The plan catalogue as this office sees it: shipped plan files plus its own dated versions.

An administrator may change a figure (typically one marked 待确认). The change is stored as a
whole new version of the plan, effective from the day it is made, and recorded in the audit log;
decisions made earlier keep the version they were made under.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from app.models import PlanVersion
from app.models.db import SessionFactory
from app.rules import plans as rules_plans
from app.rules.errors import RulesError
from app.rules.money import parse_decimal
from app.rules.params import is_figure, unwrap
from app.rules.plans import Plan, PlanCatalogue
from app.services import audit
from app.services.auth import Actor
from app.services.errors import Conflict, NotFound, ServiceError
from app.services.plan_labels import VALUE_CODES, VALUE_LABELS, label_of

SKIP_KEYS = {"code", "version", "name", "description", "source"}


@dataclass(frozen=True)
class FigureRow:
    """One figure of a plan as the 保障计划 tab lists it."""

    path: str
    label: str
    value: Any
    confirmed: bool


def figure_rows(raw: Any, path: str = "") -> list[FigureRow]:
    """Every figure (leaf value) of a plan's data, in file order, with its confirmation state."""
    rows: list[FigureRow] = []
    if is_figure(raw):
        rows.append(
            FigureRow(
                path, str(raw.get("label", path)), raw["value"], raw.get("confirmed", True) is not False
            )
        )
    elif isinstance(raw, dict):
        for key, item in raw.items():
            if not path and key in SKIP_KEYS:
                continue
            rows.extend(figure_rows(item, f"{path}.{key}" if path else key))
    elif isinstance(raw, list) and raw and isinstance(raw[0], dict):
        for i, item in enumerate(raw):
            rows.extend(figure_rows(item, f"{path}[{i}]"))
    else:
        rows.append(FigureRow(path, path.rsplit(".", 1)[-1], raw, True))
    return rows


def format_value(value: Any) -> str:
    """A plan figure as the clerk reads it: 是/否, lists with 、, coded values by their Chinese names."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(format_value(v) for v in value)
    if isinstance(value, str):
        return VALUE_LABELS.get(value, value)
    return str(value)


def _code_of(text: str) -> str:
    return VALUE_CODES.get(text, text)


def _parse_like(old: Any, text: str, path: str) -> Any:
    """The new value, of the same type as the old one."""
    text = text.strip()
    try:
        if isinstance(old, bool):
            if text not in ("是", "否", "true", "false"):
                raise ValueError
            return text in ("是", "true")
        if isinstance(old, int):
            return int(text)
        if isinstance(old, Decimal | float):
            return parse_decimal(text, field=f"“{path}”的新值")
        if isinstance(old, list):
            parts = text.replace("，", "、").replace(",", "、").split("、")
            return [_code_of(p.strip()) for p in parts if p.strip()]
        if isinstance(old, dt.date):
            return dt.date.fromisoformat(text)
    except (ValueError, InvalidOperation) as exc:
        name = label_of(path, "")
        raise ServiceError(f"“{name}”的新值“{text}”格式不对（原值 {format_value(old)}）") from exc
    return _code_of(text) if isinstance(old, str) and old in VALUE_LABELS else text


def _locate(data: dict[str, Any], path: str) -> tuple[Any, str | int]:
    """The container holding ``path``'s last step, and that step (key or list index)."""
    node: Any = data
    steps: list[str | int] = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        steps.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            steps.append(int(index))
            rest = rest.lstrip("[")
    for step in steps[:-1]:
        node = node[step]
    return node, steps[-1]


@lru_cache(maxsize=1)
def _shipped_plans() -> PlanCatalogue:
    """The plan files shipped with the program: read once, they do not change while it runs."""
    return rules_plans.load_plans()


class PlanService:
    def __init__(self, sessions: SessionFactory, actor: Actor) -> None:
        self._sessions = sessions
        self.actor = actor

    def catalogue(self) -> PlanCatalogue:
        catalogue = _shipped_plans()
        with self._sessions() as s:
            for row in s.scalars(select(PlanVersion).order_by(PlanVersion.id)):
                catalogue = catalogue.with_plan(
                    rules_plans.plan_from_toml_text(row.body, f"办事处版本 {row.id}")
                )
        return catalogue

    def add_plan(self, text: str, source: str = "方案文件") -> Plan:
        """A plan file an office brings (a new plan, or a new version of one): checked as the
        shipped ones are, stored in the database (so backups and every PC of a server carry it),
        audited. A plan reuses the benefit kinds the rules know under its own codes."""
        self.actor.require("plans.manage")
        try:
            plan = rules_plans.plan_from_toml_text(text, source)
        except (RulesError, ValueError) as exc:
            raise ServiceError(f"{source}：{exc}") from exc
        known = self.catalogue().versions.get(plan.code, ())
        if any(v.version == plan.version for v in known):
            raise Conflict(f"方案 {plan.code} 的 {plan.version.isoformat()} 版已有，请改版本日期")
        with self._sessions.begin() as s:
            row = PlanVersion(
                plan_code=plan.code,
                version=plan.version.isoformat(),
                effective_from=plan.version,
                body=text,
                note=f"导入{source}",
                created_by=self.actor.user_id,
            )
            s.add(row)
            s.flush()
            audit.record(s, self.actor, "add_plan", "plan", plan.code, name=plan.name,
                         version=plan.version.isoformat(), source=source)  # fmt: skip
        return plan

    def office_versions(self, code: str) -> list[tuple[int, str, str, dt.datetime]]:
        """(id, version, note, created_at) of this office's versions of a plan, oldest first."""
        with self._sessions() as s:
            q = select(PlanVersion).where(PlanVersion.plan_code == code).order_by(PlanVersion.id)
            return [(r.id, r.version, r.note, r.created_at) for r in s.scalars(q)]

    def set_figure(
        self, code: str, path: str, text: str, note: str = "", today: dt.date | None = None
    ) -> Plan:
        """Change one figure; stores and returns the plan's new version, effective today."""
        self.actor.require("plans.manage")
        today = today or dt.date.today()
        current = self.catalogue().get(code)
        data = rules_plans.plan_to_dict(current)
        try:
            holder, step = _locate(data, path)
            old = holder[step]
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise NotFound(f"方案 {code} 中没有“{path}”") from exc
        if is_figure(old):
            new = {**old, "value": _parse_like(unwrap(old), text, path), "confirmed": True}
            label = str(old.get("label", path))
        else:
            new = _parse_like(old, text, path)
            label = path
        holder[step] = new
        data["version"] = today
        try:
            body = rules_plans.plan_to_toml_text(data)
            plan = rules_plans.plan_from_toml_text(body, f"{code} 新版本")
        except RulesError as exc:
            raise ServiceError(f"修改后的方案无效：{exc}") from exc
        with self._sessions.begin() as s:
            row = PlanVersion(
                plan_code=code,
                version=today.isoformat(),
                effective_from=today,
                body=body,
                note=note,
                created_by=self.actor.user_id,
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                self.actor,
                "set_figure",
                "plan",
                code,
                path=path,
                label=label,
                old=format_value(unwrap(old)),
                new=format_value(unwrap(new)),
                version=row.id,
                note=note,
            )
        return plan
