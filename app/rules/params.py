"""Typed access to the parameters of a plan file, with Chinese errors naming the place.

A figure is written either plainly (``local_daily = 50``) or, when no source confirms it,
as ``{ value = 1800, confirmed = false, label = "门诊起付线" }``; the getters unwrap both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from app.rules.errors import PlanError

_MISSING: Any = object()


class Figure(NamedTuple):
    """An unconfirmed figure, as the UI lists it under 待确认."""

    path: str
    label: str
    value: Any


def unwrap(value: Any) -> Any:
    if isinstance(value, Mapping) and "value" in value:
        return value["value"]
    return value


def is_figure(value: Any) -> bool:
    return isinstance(value, Mapping) and "value" in value


def unconfirmed_figures(data: Any, path: str = "") -> list[Figure]:
    """Every ``{value = …, confirmed = false}`` in ``data``, depth first, in file order."""
    found: list[Figure] = []
    if is_figure(data):
        if data.get("confirmed", True) is False:
            found.append(Figure(path, str(data.get("label", path)), data["value"]))
    elif isinstance(data, Mapping):
        for key, item in data.items():
            found.extend(unconfirmed_figures(item, f"{path}.{key}" if path else str(key)))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            found.extend(unconfirmed_figures(item, f"{path}[{i}]"))
    return found


class Params:
    """A read-only view of one table of a plan file; ``where`` names it in errors."""

    __slots__ = ("data", "where")

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def _error(self, key: str, problem: str) -> PlanError:
        return PlanError(f"{self.where}：参数 {key} {problem}")

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        if key not in self.data:
            if default is _MISSING:
                raise self._error(key, "缺失")
            return default
        return unwrap(self.data[key])

    def money(self, key: str, default: Any = _MISSING) -> Decimal:
        return self._decimal(key, self.raw(key, default))

    def ratio(self, key: str, default: Any = _MISSING) -> Decimal:
        value = self._decimal(key, self.raw(key, default))
        if value > 1:
            raise self._error(key, "须为 0 到 1 之间的比例")
        return value

    def _decimal(self, key: str, value: Any) -> Decimal:
        if isinstance(value, bool) or isinstance(value, float):
            raise self._error(key, "须为整数或小数（不用浮点）")
        try:
            result = Decimal(str(value))
        except InvalidOperation as exc:
            raise self._error(key, f"“{value}”不是数字") from exc
        if not result.is_finite() or result < 0:
            raise self._error(key, f"“{value}”须为非负数")
        return result

    def integer(self, key: str, default: Any = _MISSING) -> int:
        value = self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self._error(key, f"“{value}”须为非负整数")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self.raw(key, None) is None else self.integer(key)

    def boolean(self, key: str, default: Any = _MISSING) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self._error(key, "须为 true 或 false")
        return value

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self.raw(key, default)
        if not isinstance(value, str):
            raise self._error(key, "须为文本")
        return value

    def texts(self, key: str, default: Any = _MISSING) -> tuple[str, ...]:
        value = self.raw(key, default)
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise self._error(key, "须为文本列表")
        return tuple(value)

    def choice(self, key: str, allowed: Mapping[str, str], default: Any = _MISSING) -> str:
        """One of ``allowed`` (code → Chinese name); an unknown value is refused naming the choices."""
        value = self.text(key, default)
        if value not in allowed:
            raise self._error(key, f"“{value}”不可用，须为 {_options(allowed)} 之一")
        return value

    def choices(self, key: str, allowed: Mapping[str, str], default: Any = _MISSING) -> tuple[str, ...]:
        """A list of codes from ``allowed``; every unknown one is named."""
        values = self.texts(key, default)
        unknown = [v for v in values if v not in allowed]
        if unknown:
            bad = "、".join(f"“{v}”" for v in unknown)
            raise self._error(key, f"中的 {bad} 不可用，只能包含 {_options(allowed)}")
        return values

    def moneys(self, key: str) -> tuple[Decimal, ...]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise self._error(key, "须为数字列表")
        return tuple(self._decimal(key, v) for v in value)

    def date(self, key: str, default: Any = _MISSING) -> dt.date | None:
        value = self.raw(key, default)
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self._error(key, f"“{value}”须为日期 YYYY-MM-DD")

    def table(self, key: str) -> Params:
        value = self.raw(key)
        if not isinstance(value, Mapping):
            raise self._error(key, "须为表")
        return Params(value, f"{self.where}.{key}")

    def tables(self, key: str) -> list[Params]:
        value = self.raw(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self._error(key, "须为表的数组")
        return [Params(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(value)]


def _options(allowed: Mapping[str, str]) -> str:
    return "、".join(f"{code}（{name}）" for code, name in allowed.items())
