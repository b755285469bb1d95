"""Batch folders carried on a USB stick: files, a signed manifest with counts, totals and SHA-256s.

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

from app.io.batch_crypt import PAYLOAD, encrypt_payload, encrypt_pdf, owner_only
from app.io.batch_read import FORMAT as FORMAT  # the reading side, re-exported: "X as X" says so
from app.io.batch_read import MANIFEST as MANIFEST
from app.io.batch_read import SIGNATURE as SIGNATURE
from app.io.batch_read import load_manifest as load_manifest
from app.io.batch_read import read_manifest as read_manifest
from app.io.batch_read import verify_batch as verify_batch
from app.io.scratch import private_scratch
from app.io.signing import b64

FORMAT_VERSION = 2  # 2: signed, with sender, recipient, batch id and an encrypted payload

# Writes the file at the path; what it returns (warnings, a count) is not used.
FileWriter = Callable[[Path], object]


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


def canonical(body: object) -> bytes:
    """The one byte form of a JSON value that digests are taken over."""
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_digest(personal: Mapping[str, Any]) -> str:
    """SHA-256 of the per-member and per-claim lists: what the paper codes are derived from."""
    return hashlib.sha256(canonical(dict(personal))).hexdigest()


Signer = Callable[[bytes], tuple[str, bytes]]  # manifest bytes → (key fingerprint, signature)


def write_batch(
    out_dir: Path,
    folder_name: str,
    files: Mapping[str, FileWriter],
    manifest: Mapping[str, Any],
    *,
    personal: Mapping[str, Any] | None = None,
    password: str | None = None,
    signer: Signer | None = None,
) -> Path:
    """Write ``files`` (name → writer of that path) and the manifest into ``out_dir/folder_name``.

    ``personal`` holds the lists that name people (members, claims): in the manifest without a
    password; with one, in the encrypted ``payload.enc`` instead, and every file is encrypted
    (workbooks as Excel does, PDFs with AES-256) after being written in the private scratch
    folder, so no plaintext ever reaches the stick. ``signer`` signs the manifest's bytes into
    ``manifest.sig``. Refuses to overwrite an existing batch folder.
    """
    final = out_dir / folder_name
    if final.exists():
        raise FileExistsError(f"“{final}”已存在，不会覆盖")
    if password:
        unknown = [n for n in files if not n.endswith((".xlsx", ".pdf"))]
        if unknown:
            raise ValueError(f"不能加密“{unknown[0]}”：加密批次只能包含 Excel 和 PDF 文件")
    personal = dict(personal or {})
    out_dir.mkdir(parents=True, exist_ok=True)
    partial = out_dir / f".partial-{folder_name}"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(mode=0o700)
    try:
        with private_scratch() as scratch:
            entries = [_write_file(partial, scratch, n, writer, password) for n, writer in files.items()]
            if password:
                path = partial / PAYLOAD
                path.write_bytes(encrypt_payload(personal, password))
                owner_only(path)
                _fsync_file(path)
                entries.append(BatchFile(PAYLOAD, sha256_of(path), path.stat().st_size, True))
        body = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": dt.datetime.now().replace(microsecond=0).isoformat(),
            **manifest,
            "encrypted": bool(password),
            "content_digest": content_digest(personal),
            **({"payload": PAYLOAD} if password else personal),
            "files": [e.__dict__ for e in entries],
        }
        raw = json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")
        _put(partial / MANIFEST, raw)
        if signer is not None:
            key, signature = signer(raw)
            _put(partial / SIGNATURE, signature_text(key, signature).encode("utf-8"))
        os.replace(partial, final)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(partial)
        raise
    return final


def _write_file(
    partial: Path, scratch: Path, name: str, writer: FileWriter, password: str | None
) -> BatchFile:
    path = partial / name
    if not password:
        writer(path)
    else:  # the plaintext stays in the owner-only scratch folder; only the ciphertext goes out
        plain = scratch / name
        writer(plain)
        if name.endswith(".xlsx"):
            encrypt_office_file(plain, password)
            shutil.copyfile(plain, path)
        else:
            encrypt_pdf(plain, path, password)
        plain.unlink()
    owner_only(path)
    _fsync_file(path)
    return BatchFile(name, sha256_of(path), path.stat().st_size, bool(password))


def _put(path: Path, data: bytes) -> None:
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    owner_only(path)


def signature_text(key: str, signature: bytes) -> str:
    body = {"format": "hzbz-signature", "algorithm": "ed25519", "key": key, "signature": b64(signature)}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
