"""Ed25519 keys of an installation: making, storing, fingerprinting, signing and verifying.

Each copy of the program (a unit's or an office's) has one key pair. The private key is a PEM
file in the data folder, owner-only; the public key travels as a small JSON key file and is
checked against a short fingerprint a person can read off paper: 16 Crockford base32 characters
in groups of 4 (80 bits of SHA-256 over the key, so forging a key with the same fingerprint
costs about 2^80 tries).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_FILE_FORMAT = "hzbz-public-key"
KEY_FILE_SUFFIX = ".hzbzkey"
MAX_KEY_FILE = 64 * 1024  # a key file is a few hundred bytes, plus the units it serves
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_DOMAIN = b"hzbz-signature-v1\x00"  # a signature of ours can never be taken for another protocol's


def base32(data: bytes, chars: int) -> str:
    """The first ``chars`` Crockford base32 characters of ``data`` (5 bits each)."""
    number = int.from_bytes(data, "big")
    bits = len(data) * 8
    return "".join(_CROCKFORD[(number >> (bits - 5 * (i + 1))) & 31] for i in range(chars))


def grouped(text: str, size: int = 4) -> str:
    return "-".join(text[i : i + size] for i in range(0, len(text), size))


def compact(text: str) -> str:
    """A code as typed or scanned: spaces and dashes dropped, upper case, O/I/L read as 0/1/1."""
    return "".join(ch for ch in text.upper() if ch.isalnum()).translate(_CONFUSABLE)


def fingerprint(public_raw: bytes) -> str:
    """The short fingerprint printed on paper, e.g. ``7K3M-Q9XD-2HFT-0C8R``."""
    return grouped(base32(hashlib.sha256(b"hzbz-key-v1\x00" + public_raw).digest()[:10], 16))


def normalize_fingerprint(text: str) -> str | None:
    """The fingerprint in its printed form, or None when it cannot be one (length, characters)."""
    code = compact(text)
    if len(code) != 16 or any(ch not in _CROCKFORD for ch in code):
        return None
    return grouped(code)


def new_private_key() -> bytes:
    """A fresh Ed25519 private key as PKCS#8 PEM."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _private(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("密钥文件不是 Ed25519 私钥")
    return key


def public_of(pem: bytes) -> bytes:
    """The raw 32-byte public key of a PEM private key."""
    return _private(pem).public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def sign(pem: bytes, data: bytes) -> bytes:
    return _private(pem).sign(_DOMAIN + data)


def verify(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, _DOMAIN + data)
    except (InvalidSignature, ValueError):
        return False
    return True


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, size: int | None = None) -> bytes:
    """Strict base64 of an expected length; ValueError otherwise."""
    if not isinstance(text, str):
        raise ValueError("不是 base64 文本")
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if size is not None and len(raw) != size:
        raise ValueError("长度不对")
    return raw


def write_private_key(path: Path, pem: bytes) -> None:
    """Write a private key owner-only (the folder too), never replacing an existing one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())


def read_private_key(path: Path) -> bytes:
    pem = path.read_bytes()
    _private(pem)  # a damaged file fails here, not half-way through an export
    return pem


@dataclass(frozen=True)
class PublicKeyFile:
    """What a partner's key file says: who they are, their key, the units they report for."""

    installation: str
    name: str
    level: str
    public_key: bytes
    units: tuple[tuple[str, str], ...]  # (code, name)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def key_file_text(info: PublicKeyFile) -> str:
    body = {
        "format": KEY_FILE_FORMAT,
        "format_version": 1,
        "installation": info.installation,
        "name": info.name,
        "level": info.level,
        "public_key": b64(info.public_key),
        "fingerprint": info.fingerprint,  # for the eye only: always recomputed from the key
        "units": [{"code": c, "name": n} for c, n in info.units],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def read_key_file(path: Path) -> PublicKeyFile:
    """A partner's key file, checked; ValueError with a Chinese reason otherwise."""
    try:
        if not path.is_file() or path.is_symlink():
            raise ValueError(f"“{path.name}”不是密钥文件")
        if path.stat().st_size > MAX_KEY_FILE:
            raise ValueError(f"“{path.name}”过大，不是本程序的密钥文件")
        body: Any = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"无法读取密钥文件“{path.name}”（{type(exc).__name__}）") from exc
    if not isinstance(body, dict) or body.get("format") != KEY_FILE_FORMAT:
        raise ValueError(f"“{path.name}”不是本程序导出的密钥文件")
    try:
        units = tuple((str(u["code"]), str(u.get("name", ""))) for u in body.get("units") or ())
        info = PublicKeyFile(
            str(body["installation"]),
            str(body.get("name", "")),
            str(body.get("level", "")),
            unb64(body["public_key"], 32),
            units,
        )
        Ed25519PublicKey.from_public_bytes(info.public_key)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"密钥文件“{path.name}”内容不全或已损坏") from exc
    if not info.installation or len(info.installation) > 40:
        raise ValueError(f"密钥文件“{path.name}”内容不全或已损坏")
    return info
