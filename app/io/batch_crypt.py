"""Encryption of a password-protected batch: the personal payload, the PDFs and the workbooks.

- ``payload.enc`` holds the manifest's per-member and per-claim lists: ``b"HZBZPAY1"``, scrypt's
  log2(N), r, p (15, 8, 1), a 16-byte salt, a 12-byte nonce, then AES-256-GCM of the JSON with
  the header as associated data. The key is scrypt(password, salt); a wrong password or a changed
  byte fails the tag.
- PDFs are encrypted with AES-256 (PDF 2.0 standard security handler, revision 6) by pypdf, so
  Acrobat, WPS, Foxit, pdf.js and poppler open them with the password.
- Workbooks are encrypted as Excel does (ECMA-376 agile, msoffcrypto), as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PAYLOAD = "payload.enc"
_MAGIC = b"HZBZPAY1"
_LOG2_N, _R, _P = 15, 8, 1
_HEADER = len(_MAGIC) + 3 + 16 + 12


def _key(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    if not 10 <= log2_n <= 20 or not 1 <= r <= 16 or not 1 <= p <= 4:  # a forged header's cost
        raise ValueError("批次加密数据已损坏")
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=1 << log2_n, r=r, p=p, maxmem=256 << 20, dklen=32
    )


def encrypt_payload(body: dict[str, Any], password: str) -> bytes:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    header = _MAGIC + bytes((_LOG2_N, _R, _P)) + salt + nonce
    plain = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return header + AESGCM(_key(password, salt, _LOG2_N, _R, _P)).encrypt(nonce, plain, header)


def decrypt_payload(data: bytes, password: str) -> dict[str, Any]:
    """The payload's lists; ValueError (Chinese) for a wrong password or a damaged file."""
    if len(data) < _HEADER + 16 or not data.startswith(_MAGIC):
        raise ValueError(f"“{PAYLOAD}”不是本程序的加密数据")
    header = data[:_HEADER]
    log2_n, r, p = header[8], header[9], header[10]
    salt, nonce = header[11:27], header[27:39]
    try:
        plain = AESGCM(_key(password, salt, log2_n, r, p)).decrypt(nonce, data[_HEADER:], header)
    except InvalidTag as exc:
        raise ValueError("批次密码不正确（或加密数据被改动）") from exc
    try:
        body = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"“{PAYLOAD}”内容已损坏") from exc
    if not isinstance(body, dict):
        raise ValueError(f"“{PAYLOAD}”内容已损坏")
    return body


def encrypt_pdf(src: Path, dst: Path, password: str) -> None:
    """``dst``: ``src`` encrypted with AES-256; printing allowed, the password opens it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    with open(dst, "xb") as fh:
        writer.write(fh)


def owner_only(path: Path) -> None:
    """Files on the stick readable by their owner only (where the file system keeps modes)."""
    try:
        os.chmod(path, 0o600)
    except OSError:  # FAT/exFAT sticks keep no modes: nothing to do there
        pass
