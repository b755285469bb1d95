"""A small TOML writer for plan data (tomllib only reads).

Covers what plan files use: text, integers, Decimal (written as TOML floats, read back
with ``parse_float=Decimal`` so no digit is lost), booleans, dates, lists, tables, arrays
of tables, and figures (``{ value = …, confirmed = false }``) as inline tables.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from app.rules.errors import PlanError
from app.rules.params import is_figure

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping) and not is_figure(value)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_table(v) for v in value)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text if "." in text else text + ".0"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items()) + " }"
    raise PlanError(f"方案数据中的值 {value!r} 无法写成 TOML")


def _write(lines: list[str], path: list[str], table: Mapping[str, Any]) -> None:
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        if _is_table(value) or _is_table_array(value):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in nested:
        dotted = ".".join(_key(p) for p in [*path, key])
        if _is_table(value):
            lines.extend(["", f"[{dotted}]"])
            _write(lines, [*path, key], value)
        else:
            for item in value:
                lines.extend(["", f"[[{dotted}]]"])
                _write(lines, [*path, key], item)


def dumps(data: Mapping[str, Any]) -> str:
    lines: list[str] = []
    _write(lines, [], data)
    return "\n".join(lines).lstrip("\n") + "\n"
