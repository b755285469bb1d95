"""Rows and columns of a roster that are not members' data: footers and empty duplicate columns.

A roster's usual footer (合计 | 5人, 制表人：王静 … 审核人：刘志刚, 填表日期：…) is skipped with a
notice instead of being refused as bad member rows; a header given twice where one column is
empty (often hidden, left over from an older template) reads the column that has data.
"""

from __future__ import annotations

import re


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# A roster's footer: 合计 | 5人, 制表人：王静 … 审核人：刘志刚, 填表日期：…
_FOOTER_RE = re.compile(
    r"^\s*(?:合\s*计|小\s*计|总\s*计|共\s*计|制\s*表|审\s*核|填表|负责人|单位负责人|盖章|日期)"
)
_COUNT_RE = re.compile(r"^\s*(?:共|计|合计)?\s*\d+\s*(?:人|名|户)?\s*$")
_DUP_SCAN_ROWS = 200  # rows under the header looked at to tell an empty duplicate column


def footer_text(cells: list[object], name_col: int, id_col: int) -> str | None:
    """The text of a footer row (合计, 小计, 制表人, 审核人, 填表日期, a count under blank names),
    or None for a row that may be a member's. A row with an ID-like number is never a footer."""
    number = cells[id_col]
    if not isinstance(number, str) or sum(ch.isdigit() for ch in number) >= 15:
        if not _is_blank(number):
            return None
    texts = [str(v).strip() for v in cells if not _is_blank(v)]
    if not texts:
        return None
    name = cells[name_col]
    if any(_FOOTER_RE.match(t) for t in texts[:3]) or (
        (_is_blank(name) or _COUNT_RE.match(str(name))) and all(_COUNT_RE.match(t) for t in texts)
    ):
        return " | ".join(t if len(t) <= 20 else t[:20] + "…" for t in texts)
    return None


def skip_footers(
    body: list[list[object]], kept: list[int], name_col: int, id_col: int, first: int
) -> list[tuple[int, str]]:
    """(Excel row, text) of the kept rows that are footers; only rows without an ID-like cell are
    looked at, so a million member rows cost one cheap pass."""
    found = []
    for k in kept:
        number = body[k][id_col]
        if number.__class__ is str and len(number) >= 15:
            continue
        if (text := footer_text(body[k], name_col, id_col)) is not None:
            found.append((first + k, text))
    return found


def footer_notice(found: list[tuple[int, str]]) -> str:
    listed = "；".join(f"第 {row} 行（{text}）" for row, text in found[:10])
    more = f" 等 {len(found)} 行" if len(found) > 10 else ""
    return f"已跳过表尾的合计、签名等行：{listed}{more}"


def drop_empty_duplicates(
    grid: list[list[object]], header_idx: int, fields: list[str | None], header: list[str],
    warnings: list[str],
) -> set[int]:  # fmt: skip
    """A field's header twice, one column empty (often hidden, left from an older template): read the
    column with data and say the empty one was ignored. ``fields`` is changed in place; returns the
    ignored columns."""
    body = grid[header_idx + 1 : header_idx + 1 + _DUP_SCAN_ROWS]
    ignored: set[int] = set()
    for fname in sorted({f for f in fields if f is not None and fields.count(f) > 1}):
        cols = [i for i, f in enumerate(fields) if f == fname]
        filled = [i for i in cols if any(i < len(r) and not _is_blank(r[i]) for r in body)]
        if filled and len(filled) < len(cols):
            for i in cols:
                if i not in filled:
                    fields[i] = None
                    ignored.add(i)
                    warnings.append(f"忽略空列“{header[i]}”（第 {i + 1} 列），读取第 {filled[0] + 1} 列")
    return ignored
