"""Reading a plan file an office brings (TOML text): hostile until checked, so its size and
encoding are checked before the rules parse it."""

from __future__ import annotations

from pathlib import Path

LIMIT = 1024 * 1024  # a plan is a few kilobytes; a megabyte is no plan


class NotAPlanFile(ValueError):
    """The file cannot be a plan file; the message is the clerk's sentence."""


def read_plan_file(path: Path) -> str:
    if path.stat().st_size > LIMIT:
        raise NotAPlanFile(f"{path.name} 超过 1 MB，不是方案文件")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotAPlanFile(f"{path.name} 不是 UTF-8 编码的方案文件（TOML）") from exc
