"""Reading a batch folder safely: only plain files directly in it, only those its manifest lists.

A batch comes on a stick anyone may have handled. So: a file name from the manifest is a bare
name (no ``..``, no path separators, no drive or absolute path); every entry of the folder must
be a regular file (a symlink, a subfolder or a device is refused, never followed); each file is
opened without following links and checked to be the entry that was examined; sizes are checked
before anything is read, and a file is hashed from the very bytes that are kept for parsing (the
copy in the private scratch folder), so a file swapped on the stick after hashing cannot slip in.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
FORMAT = "hzbz-batch"
MAX_MANIFEST = 256 << 20  # a 100k-member batch's manifest is ~18 MB
MAX_SIGNATURE = 4096
MAX_FILE = 2 << 30
_BAD_CHARS = frozenset('/\\:*?"<>|')
_BLOCK = 1 << 20


class FolderRefused(ValueError):
    """A batch folder that cannot be read as it is; ``reasons`` in Chinese."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("；".join(reasons))


def name_problem(name: object) -> str | None:
    """Why ``name`` cannot be a file of a batch (a bare, ordinary file name), or None."""
    if not isinstance(name, str) or not name.strip():
        return "清单中有空的文件名"
    shown = name if len(name) <= 80 else name[:80] + "…"
    if (
        name in (".", "..")
        or name.startswith(".")
        or any(ch in _BAD_CHARS or ord(ch) < 32 for ch in name)
        or os.path.isabs(name)
        or PureWindowsPath(name).drive
        or len(name.encode("utf-8")) > 200
    ):
        return f"清单中的文件名“{shown}”不是批次文件夹中的普通文件名（含路径、“..”或特殊字符），拒绝读取"
    return None


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """An fd of ``path`` if it is a regular file (never through a link); OSError/ValueError else."""
    seen = os.lstat(path)
    if stat.S_ISLNK(seen.st_mode):
        raise ValueError(f"“{path.name}”是链接，不予读取")
    if not stat.S_ISREG(seen.st_mode):
        raise ValueError(f"“{path.name}”不是普通文件，不予读取")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    opened = os.fstat(fd)
    if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (seen.st_dev, seen.st_ino):
        os.close(fd)
        raise ValueError(f"“{path.name}”在读取时被替换，不予读取")
    return fd, opened


def read_limited(path: Path, limit: int) -> bytes:
    """The whole of a small regular file, refusing one larger than ``limit`` before reading it."""
    fd, st = _open_regular(path)
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > limit:
            raise ValueError(f"“{path.name}”过大（{st.st_size} 字节），不是本程序的批次文件")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"“{path.name}”过大，不是本程序的批次文件")
    return data


@dataclass(frozen=True)
class Head:
    """A batch's manifest as read (the bytes that are hashed, verified and parsed) and its signature."""

    folder: Path
    raw: bytes
    sha256: str
    manifest: dict[str, Any]
    signer: str | None  # the key fingerprint manifest.sig names
    signature: bytes | None

    @property
    def text(self) -> str:
        text = self.raw.decode("utf-8")
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_head(folder: Path) -> Head:
    """The manifest and signature of a batch folder; FolderRefused when they cannot be read."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FolderRefused([f"“{folder}”不是批次文件夹"])
    try:
        raw = read_limited(folder / MANIFEST, MAX_MANIFEST)
    except FileNotFoundError as exc:
        raise FolderRefused([f"“{folder.name}”中没有 {MANIFEST}，不是完整的上报批次"]) from exc
    except (OSError, ValueError) as exc:
        raise FolderRefused([f"{MANIFEST}：{_reason(exc)}"]) from exc
    manifest = parse_manifest(raw)
    signer, signature = None, None
    try:
        sig = json.loads(read_limited(folder / SIGNATURE, MAX_SIGNATURE).decode("utf-8"))
        from app.io.signing import unb64

        signer, signature = str(sig["key"]), unb64(sig["signature"], 64)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise FolderRefused([f"{SIGNATURE} 已损坏，无法读取签名（{_reason(exc)}）"]) from exc
    return Head(folder, raw, hashlib.sha256(raw).hexdigest(), manifest, signer, signature)


def _number(text: str) -> int:
    """A JSON integer of the manifest: batch numbers, counts, sizes. Never Python's English about
    "Exceeds the limit (4300 digits)" for a 5000-digit one."""
    if len(text.lstrip("-")) > 18:
        shown = text[:12] + "…"
        raise FolderRefused([f"{MANIFEST} 中的数字“{shown}”有 {len(text):,} 位，不是有效的批次号、数量或大小"])  # noqa: E501
    return int(text)


def batch_number(value: object) -> int:
    """The manifest's batch number: digits, at most nine of them; a FolderRefused otherwise."""
    text = str(value)
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        shown = text if len(text) <= 12 else text[:12] + f"…（共 {len(text):,} 位）"
        raise FolderRefused([f"{MANIFEST} 中的批次号“{shown}”不是有效的批次号"])
    return int(text)


def parse_manifest(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw.decode("utf-8"), parse_int=_number)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FolderRefused([f"{MANIFEST} 已损坏，无法读取"]) from exc
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise FolderRefused([f"{MANIFEST} 不是本程序的上报批次清单"])
    files = body.get("files", [])
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        raise FolderRefused([f"{MANIFEST} 的文件清单格式不对"])
    return body


def _reason(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, ValueError) else (getattr(exc, "strerror", None) or type(exc).__name__)


def listed_names(manifest: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The manifest's file names and the problems with them (unsafe or repeated names)."""
    names: list[str] = []
    problems: list[str] = []
    for entry in manifest.get("files", []):
        name = entry.get("name")
        if (problem := name_problem(name)) is not None:
            problems.append(problem)
        elif name in names or name in (MANIFEST, SIGNATURE):
            problems.append(f"清单中的文件“{name}”重复")
        else:
            names.append(name)
    return names, problems


def folder_problems(folder: Path, names: list[str]) -> list[str]:
    """Entries of the folder that are not plain files the manifest lists."""
    allowed = {*names, MANIFEST, SIGNATURE}
    problems = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_symlink():
                problems.append(f"批次文件夹中的“{entry.name}”是链接，不予读取")
            elif entry.is_dir(follow_symlinks=False):
                problems.append(f"批次文件夹中有子文件夹“{entry.name}”，批次只能包含清单所列的文件")
            elif not entry.is_file(follow_symlinks=False):
                problems.append(f"批次文件夹中的“{entry.name}”不是普通文件")
            elif entry.name not in allowed:
                problems.append(f"清单中没有的文件“{entry.name}”")
    return problems


def check_files(
    folder: Path, manifest: Mapping[str, Any], copy_to: Path | None = None, keep: frozenset[str] = frozenset()
) -> tuple[dict[str, Path], list[str]]:
    """Hash every listed file against the manifest; copy those in ``keep`` into ``copy_to`` from the
    same bytes. Returns the copies and the problems (empty when the folder is whole)."""
    names, problems = listed_names(manifest)
    problems += folder_problems(folder, names)
    entries = {str(e.get("name")): e for e in manifest.get("files", [])}
    copies: dict[str, Path] = {}
    for name in names:
        entry = entries[name]
        want = entry.get("size")
        try:
            fd, st = _open_regular(folder / name)
        except FileNotFoundError:
            problems.append(f"缺少文件“{name}”")
            continue
        except (OSError, ValueError) as exc:
            problems.append(f"文件“{name}”：{_reason(exc)}")
            continue
        with os.fdopen(fd, "rb") as fh:
            if not isinstance(want, int) or st.st_size != want or want > MAX_FILE:
                problems.append(f"文件“{name}”与清单不符（已被改动或不完整）")
                continue
            target = copy_to / name if copy_to is not None and name in keep else None
            digest, size = _hash_copy(fh, target)
        if size != want or digest != entry.get("sha256"):
            problems.append(f"文件“{name}”与清单不符（已被改动或不完整）")
            if target is not None:
                target.unlink()
        elif target is not None:
            copies[name] = target
    return copies, problems


def _private_writer(path: Path) -> Any:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return open(os.open(path, flags, 0o600), "wb")


def _hash_copy(fh: Any, target: Path | None) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(_private_writer(target)) if target is not None else None
        while size <= MAX_FILE and (block := fh.read(_BLOCK)):
            h.update(block)
            size += len(block)
            if out is not None:
                out.write(block)
    return h.hexdigest(), size


def read_manifest(folder: Path) -> dict[str, Any]:
    return load_manifest(folder)[0]


def load_manifest(folder: Path) -> tuple[dict[str, Any], str, str]:
    """The manifest, its text and SHA-256 (one read of the file); ValueError (Chinese) otherwise."""
    try:
        head = read_head(folder)
    except FolderRefused as exc:
        raise ValueError(exc.reasons[0]) from exc
    return head.manifest, head.text, head.sha256


def verify_batch(folder: Path, body: Mapping[str, Any] | None = None) -> list[str]:
    """Every problem with a batch folder's files against its manifest, in Chinese; [] when whole."""
    if body is None:
        try:
            body = read_head(folder).manifest
        except FolderRefused as exc:
            return exc.reasons
    return check_files(Path(folder), body)[1]
