"""Password hashes, the password policy and how user names compare — pure functions, no database.

Hashes are scrypt at N = 2^17, r = 8, p = 1 (128 MiB and ~0.3 s per attempt, the cost that
OWASP advises), salted, stored as ``scrypt$N$r$p$salt$digest``. The parameters travel with the
hash, so a stored hash made at a lower cost still verifies and is replaced on the next good
login (``needs_rehash``). scrypt's output is PBKDF2 blocks: its first 32 bytes are the digest
that is stored, the next 32 a key that only the password gives (``Verified.key``), used to wrap
the audit key for that user without a second slow derivation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_MAX_N = 2**20  # a stored hash asking for more is not ours: refused, not computed
_DIGEST = 32
MIN_LENGTH = 8
MAX_LENGTH = 128
# A short list of the passwords guessed first (from published leak statistics, Chinese sites
# included); compared without case. Not a dictionary: length and the other rules do the rest.
COMMON_PASSWORDS = frozenset(
    {
        "password", "password1", "password123", "passw0rd", "p@ssw0rd", "admin123", "admin888",
        "administrator", "root1234", "qwerty12", "qwerty123", "qwertyui", "qwer1234", "1q2w3e4r",
        "1qaz2wsx", "zaq12wsx", "asdfghjk", "asdf1234", "zxcvbnm1", "zxcvbnm123", "abc12345",
        "abcd1234", "a1234567", "a12345678", "aa123456", "aa12345678", "qq123456", "iloveyou",
        "woaini1314", "woaini520", "5201314a", "letmein1", "welcome1", "12345678", "123456789",
        "1234567890", "0123456789", "87654321", "987654321", "12341234", "123123123", "11223344",
        "12344321", "147258369", "123456abc", "123qweasd", "qweasdzxc", "11111111", "00000000",
        "88888888", "66666666", "1314520", "13145200", "5201314", "520131400", "changeme",
        "sunshine", "football", "baseball", "superman", "trustno1", "dragon12", "computer",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Verified:
    """A password that matched: whether its hash should be renewed, and its wrapping key."""

    rehash: bool
    key: bytes


def normalize_username(name: str) -> str:
    """The form user names are compared in: Admin, ａｄｍｉｎ and " admin " are all admin."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=2 * _DIGEST, maxmem=256 * r * n + 2**20
    )


def hash_and_key(password: str) -> tuple[str, bytes]:
    """A new hash of ``password`` at today's cost, and the wrapping key that goes with it."""
    salt = secrets.token_bytes(16)
    out = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    enc = base64.b64encode
    stored = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${enc(salt).decode()}${enc(out[:_DIGEST]).decode()}"
    return stored, out[_DIGEST:]


def hash_password(password: str) -> str:
    return hash_and_key(password)[0]


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return None
        parsed = int(n), int(r), int(p), base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except ValueError:
        return None
    n_, r_, p_, _salt, digest = parsed
    if not (2 <= n_ <= _MAX_N and n_ & (n_ - 1) == 0 and 1 <= r_ <= 32 and 1 <= p_ <= 4 and digest):
        return None
    return parsed


# Verified against when the name is unknown (or the stored hash unreadable), so that a wrong
# name costs exactly the time of a wrong password: same parameters, a digest nothing matches.
_DUMMY = "scrypt${n}${r}${p}${salt}${digest}".format(
    n=SCRYPT_N,
    r=SCRYPT_R,
    p=SCRYPT_P,
    salt=base64.b64encode(b"hzbz-unknown-usr").decode(),
    digest=base64.b64encode(bytes(_DIGEST)).decode(),
)


def check_password(password: str, stored: str | None) -> Verified | None:
    """The verdict on ``password`` against ``stored`` (None: an unknown user, still computed)."""
    parsed = _parse(stored) if stored else None
    real = parsed is not None
    n, r, p, salt, expected = parsed if parsed else _parse(_DUMMY)  # type: ignore[misc]
    out = _derive(password, salt, n, r, p)
    ok = hmac.compare_digest(out[: len(expected)], expected) and real
    if not ok:
        return None
    return Verified(n < SCRYPT_N or r < SCRYPT_R or p < SCRYPT_P, out[_DIGEST:])


def verify_password(password: str, stored: str) -> bool:
    return check_password(password, stored) is not None


def wrapping_key(password: str, salt: bytes) -> bytes:
    """The key that wraps a secret under ``password`` where no stored hash holds it (server roles)."""
    return _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)[_DIGEST:]


def policy_problems(username: str, password: str) -> list[str]:
    """Why ``password`` may not be chosen, in Chinese; empty when it may."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"密码至少 {MIN_LENGTH} 个字符")
    if len(password) > MAX_LENGTH:
        problems.append(f"密码不能超过 {MAX_LENGTH} 个字符")
    if password and len(set(password)) == 1:
        problems.append("密码不能是同一个字符的重复")
    folded = normalize_username(password)
    if folded in COMMON_PASSWORDS or _is_run(folded):
        problems.append("密码过于常见，容易被猜到，请换一个")
    name = normalize_username(username)
    if name and (folded == name or folded.rstrip("0123456789") == name or folded == name[::-1]):
        problems.append("密码不能与用户名相同")
    return problems


def _is_run(text: str) -> bool:
    """12345678, 87654321, abcdefgh: one step up or down all the way."""
    if len(text) < 4:
        return False
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return steps in ({1}, {-1})
