"""The verification code printed on the stamped paper, bound to the batch that carries the same data.

Each printed 团体申请表, 人员手册 and 申请审核表 carries a 12-character code in three groups of
four (Crockford base 32, no I/L/O/U), and the same code with the form's key figures in a QR code:

- group 1 binds the form to the batch: it is derived from the form kind and the digest of the
  names the signed manifest carries (``content_digest`` of the members for the enrollment forms;
  for a claim form the digest of the claim's own manifest entry: number, ID, plan, benefit, event);
- group 2 binds the unit and the period (or the claim number) under that digest;
- group 3 binds the figures: headcount and amount (10 bits each), or a claim's amount (20 bits).

So the office, holding the imported batch, finds the batch from group 1 and tells from groups 2
and 3 which of the figures on the paper differ. The code is no signature (anyone may compute it
from the data); it proves that the paper and the file were made from the same data. What proves
who made the file is the batch's signature (see README, 数据安全).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = {"O": "0", "I": "1", "L": "1", "U": "V"}
KIND_LABELS = {"GA": "团体申请表", "PR": "人员手册", "CF": "申请审核表"}
PREFIX = "HZBZ1"


@dataclass(frozen=True)
class PaperFigures:
    """What a printed form states and its code binds: ``ref`` is the period (``plan:number``) or the
    claim number; ``count`` the headcount ("" on a claim form); ``amount`` money text ("" for none)."""

    kind: str
    digest: str
    unit: str
    ref: str
    count: str = ""
    amount: str = ""


@dataclass(frozen=True)
class PaperMark:
    """What is printed: the code and the QR code's text."""

    code: str
    payload: str
    label: str
    fingerprint: str = ""  # the signing key's fingerprint, printed for the partner's registration


def _bits(n: int, *parts: str) -> int:
    h = hashlib.sha256("\x1f".join((PREFIX, *parts)).encode("utf-8")).digest()
    return int.from_bytes(h[:4], "big") >> (32 - n)


def _chars(value: int) -> str:
    return "".join(ALPHABET[(value >> shift) & 31] for shift in (15, 10, 5, 0))


def groups(f: PaperFigures) -> tuple[int, int, int]:
    g1 = _bits(20, "batch", f.kind, f.digest)
    g2 = _bits(20, "unit", f.kind, f.digest, f.unit, f.ref)
    if f.kind == "CF":
        g3 = _bits(20, "amount", f.kind, f.digest, f.amount)
    else:
        g3 = (_bits(10, "count", f.kind, f.digest, f.count) << 10) | _bits(
            10, "amount", f.kind, f.digest, f.amount
        )
    return g1, g2, g3


def code_of(f: PaperFigures) -> str:
    return "-".join(_chars(g) for g in groups(f))


def mark_of(f: PaperFigures) -> PaperMark:
    code = code_of(f)
    fields = "|".join(quote(v, safe="") for v in (f.unit, f.ref, f.count, f.amount))
    return PaperMark(code, f"{PREFIX}|{f.kind}|{code}|{fields}", KIND_LABELS[f.kind])


def enrollment_figures(kind: str, digest: str, unit: str, plan: str, period: object, count: int,
                       amount: str) -> PaperFigures:  # fmt: skip
    return PaperFigures(kind, digest, unit, f"{plan}:{period}", str(count), amount if kind == "GA" else "")


def claim_digest(claim_no: str, id_number: str, plan: str, benefit: str, event: str) -> str:
    body = {"claim_no": claim_no, "id_number": id_number, "plan": plan, "benefit": benefit, "event": event}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()


def claim_figures(unit: str, claim_no: str, id_number: str, plan: str, benefit: str, event: str,
                  amount: str) -> PaperFigures:  # fmt: skip
    return PaperFigures(
        "CF", claim_digest(claim_no, id_number, plan, benefit, event), unit, claim_no, "", amount
    )


@dataclass(frozen=True)
class PaperInput:
    """What the clerk typed or the scanner sent: the code, and the paper's figures when scanned."""

    code: str
    kind: str | None = None
    figures: Mapping[str, str] | None = None  # unit, ref, count, amount as printed


def parse_input(text: str) -> PaperInput:
    """A typed code (spaces, dashes, lower case and O/I/L read as 0/1 allowed) or a scanned QR text;
    ValueError (Chinese) when it is neither."""
    text = text.strip()
    if text.upper().startswith(PREFIX + "|"):
        parts = text.split("|")
        if len(parts) != 7 or parts[1].upper() not in KIND_LABELS:
            raise ValueError("扫描到的二维码不是本程序打印的核验码")
        code = normal_code(parts[2])
        values = [unquote(p) for p in parts[3:]]
        return PaperInput(
            code, parts[1].upper(), dict(zip(("unit", "ref", "count", "amount"), values, strict=True))
        )
    return PaperInput(normal_code(text))


def normal_code(text: str) -> str:
    raw = "".join(ch for ch in text.upper() if ch not in " -_\t")
    raw = "".join(_READ_AS.get(ch, ch) for ch in raw)
    if len(raw) != 12 or any(ch not in ALPHABET for ch in raw):
        raise ValueError(f"“{text}”不是核验码：核验码为 12 位字母数字，每 4 位一组，如 7K3M-Q9XA-2BCD")
    return "-".join(raw[i : i + 4] for i in (0, 4, 8))


def code_groups(code: str) -> tuple[int, int, int]:
    raw = code.replace("-", "")
    values = []
    for i in (0, 4, 8):
        v = 0
        for ch in raw[i : i + 4]:
            v = v * 32 + ALPHABET.index(ch)
        values.append(v)
    return values[0], values[1], values[2]
