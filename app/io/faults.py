"""Faults of the machine in a clerk's words: a full USB stick, a folder that is gone, a file
name that is a folder, a read-only disk. ``describe`` turns an OSError into one sentence."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

_MB = 1_000_000


def free_bytes(folder: Path) -> int | None:
    """Free space where ``folder`` (or its nearest existing parent) lives; None if unknown."""
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def mb(size: int) -> str:
    return f"{max(size, 0) / _MB:,.1f} MB" if size < 10 * _MB else f"{size / _MB:,.0f} MB"


def space_problem(folder: Path, needed: int) -> str | None:
    """"U 盘空间不足：需要约 12 MB，剩余 3 MB" when ``needed`` bytes will not fit, else None."""
    free = free_bytes(folder)
    if free is None or free >= needed + _MB:  # a megabyte to spare for the file system's own needs
        return None
    return f"“{folder}”空间不足（U 盘或磁盘已满）：需要约 {mb(needed)}，剩余 {mb(free)}"


def describe(exc: OSError) -> str:
    """One Chinese sentence for a failed read or write."""
    name = exc.filename if isinstance(exc.filename, str | os.PathLike) else None
    path = Path(name) if name is not None else None
    if path is None:
        text = str(exc)  # our own messages (atomic_write's "正被 Excel 打开") are Chinese already
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in text)
        return text if chinese else f"无法读写文件：{exc.strerror or exc}"
    code = exc.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        free = free_bytes(path.parent)
        left = f"，剩余 {mb(free)}" if free is not None else ""
        return f"“{path.parent}”空间不足（U 盘或磁盘已满）{left}：未写完的文件已删除，请腾出空间后重试"
    if code == errno.ENOENT and not path.parent.exists():
        return f"找不到文件夹“{path.parent}”（U 盘可能已拔出），请插好 U 盘或另选位置后重试"
    if code == errno.ENOENT:
        return f"找不到文件“{path}”"
    if code == errno.EISDIR or (path.is_dir() and code in (errno.EACCES, errno.EEXIST)):
        return f"“{path}”是一个文件夹，请给出文件名（例如 {path / '导出.xlsx'}）"
    if code == errno.ENOTDIR:
        return f"“{path.parent}”不是文件夹，请另选保存位置"
    if code == errno.EROFS:
        return f"“{path}”所在的磁盘为只读（U 盘可能开了写保护），请另选位置"
    if code in (errno.EACCES, errno.EPERM):
        return f"没有权限写入“{path}”：文件可能正被 Excel 等程序打开，或文件夹只读"
    return f"无法读写“{path}”：{exc.strerror or exc}"
