"""Batch folders carried on a USB stick: files, a manifest with counts, totals and SHA-256s.

A batch is built in a hidden folder beside its final place and renamed into place only when
every file and the manifest are written and synced, so a pulled stick leaves either a whole
batch or an obviously unfinished ``.partial-…`` folder, never a half file under a real name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
FORMAT = "hzbz-batch"
FORMAT_VERSION = 1

FileWriter = Callable[[Path], None]


@dataclass(frozen=True)
class BatchFile:
    name: str
    sha256: str
    size: int
    encrypted: bool


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def encrypt_office_file(path: Path, password: str) -> None:
    """Encrypt an .xlsx in place with a password (ECMA-376 agile), readable by Excel and WPS."""
    import msoffcrypto

    tmp = path.with_name(path.name + ".enc")
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        msoffcrypto.OfficeFile(src).encrypt(password, dst)
    os.replace(tmp, path)


def decrypt_office_file(path: Path, password: str, out: Path) -> None:
    """Write the decrypted copy of an encrypted .xlsx; a wrong password raises ValueError (Chinese)."""
    import msoffcrypto
    from msoffcrypto.exceptions import InvalidKeyError

    with open(path, "rb") as src:
        office = msoffcrypto.OfficeFile(src)
        try:
            office.load_key(password=password)
            with open(out, "wb") as dst:
                office.decrypt(dst)
        except InvalidKeyError as exc:
            raise ValueError(f"“{path.name}”的密码不正确") from exc


_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as fh:
        if fh.read(len(_OLE_MAGIC)) != _OLE_MAGIC:  # an encrypted workbook is an OLE compound file;
            return False  # a plain one is a zip (and msoffcrypto, ~30 ms to load, is not needed)
        fh.seek(0)
        import msoffcrypto

        try:
            return bool(msoffcrypto.OfficeFile(fh).is_encrypted())
        except Exception:  # not an OLE/OOXML file at all: certainly not an encrypted workbook
            return False


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def write_batch(
    out_dir: Path,
    folder_name: str,
    files: Mapping[str, FileWriter],
    manifest: Mapping[str, Any],
    *,
    password: str | None = None,
) -> Path:
    """Write ``files`` (name → writer of that path) and the manifest into ``out_dir/folder_name``.

    With a password, every .xlsx is encrypted. Refuses to overwrite an existing batch folder.
    """
    final = out_dir / folder_name
    if final.exists():
        raise FileExistsError(f"“{final}”已存在，不会覆盖")
    out_dir.mkdir(parents=True, exist_ok=True)
    partial = out_dir / f".partial-{folder_name}"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir()
    try:
        entries: list[BatchFile] = []
        for name, writer in files.items():
            path = partial / name
            writer(path)
            encrypted = bool(password) and name.endswith(".xlsx")
            if encrypted:
                encrypt_office_file(path, password or "")
            _fsync_file(path)
            entries.append(BatchFile(name, sha256_of(path), path.stat().st_size, encrypted))
        body = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": dt.datetime.now().replace(microsecond=0).isoformat(),
            **manifest,
            "files": [e.__dict__ for e in entries],
        }
        manifest_path = partial / MANIFEST
        manifest_path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
        _fsync_file(manifest_path)
        os.replace(partial, final)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(partial)
        raise
    return final


def read_manifest(folder: Path) -> dict[str, Any]:
    return load_manifest(folder)[0]


def load_manifest(folder: Path) -> tuple[dict[str, Any], str, str]:
    """The manifest, its text (newlines as ``read_text`` gives them) and the file's SHA-256, from one
    read of the file (a 100k batch's is ~18 MB)."""
    path = folder / MANIFEST
    if not path.is_file():
        raise ValueError(f"“{folder.name}”中没有 {MANIFEST}，不是完整的上报批次")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        body = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{MANIFEST} 已损坏，无法读取") from exc
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ValueError(f"{MANIFEST} 不是本程序的上报批次清单")
    return body, text, hashlib.sha256(raw).hexdigest()


def verify_batch(folder: Path, body: Mapping[str, Any] | None = None) -> list[str]:
    """Every problem with a batch folder's files against its manifest, in Chinese; [] when whole.

    ``body`` is the manifest when the caller has read it already (a 100k batch's is ~18 MB).
    """
    if body is None:
        try:
            body = read_manifest(folder)
        except ValueError as exc:
            return [str(exc)]
    problems: list[str] = []
    listed = set()
    for entry in body.get("files", []):
        name = str(entry.get("name", ""))
        listed.add(name)
        path = folder / name
        if not path.is_file():
            problems.append(f"缺少文件“{name}”")
        elif path.stat().st_size != entry.get("size") or sha256_of(path) != entry.get("sha256"):
            problems.append(f"文件“{name}”与清单不符（已被改动或不完整）")
    extra = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name not in listed | {MANIFEST})
    problems.extend(f"清单中没有的文件“{name}”" for name in extra)
    return problems
