"""Sealing a batch for its one recipient, and opening a sealed batch: the exchange's trust checks.

Every batch names its sender (installation, name, key fingerprint), its recipient, a random batch
id and the sender's audit-log head, and is signed over the manifest's bytes. Opening a batch
refuses, before anything is parsed or changed: a batch without a signature or signed by a key not
registered here, a signature that does not match, a sender whose registered role cannot send this
kind of batch (a unit cannot send results) or that signs for a unit not bound to its key, a batch
made for another recipient, and files that do not match the manifest. Replays are refused in the
importing transaction (``replay_refusal``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.io import batch as batch_io
from app.io import batch_read, signing
from app.io.batch_crypt import PAYLOAD, decrypt_payload
from app.io.scratch import private_scratch
from app.models import BatchImport
from app.models.db import SessionFactory
from app.services.audit_witness import audit_head
from app.services.auth import Actor
from app.services.errors import ServiceError
from app.services.keys import KeyService, Partner

_log = logging.getLogger(__name__)
KIND_LABELS = {"enrollment": "参保上报批次", "claims": "理赔上报批次", "results": "处理结果批次"}
PERSONAL_KEYS = ("members", "claims", "enrollments")  # the manifest lists that name people
_SENDER_ROLE = {"enrollment": "unit", "claims": "unit", "results": "office"}
_MAX_LISTED = 200
CLEAR_WARNING = (
    "注意：本批次未设批次密码，U 盘上的文件是明文——清单和 Excel、PDF 中的姓名、身份证号码、联系电话、"
    "银行账号和理赔资料，任何拿到 U 盘的人都能读取。请设批次密码后重新导出，或妥善保管并在交接后删除。"
)  # reasons shown in one refusal; the count says how many more


class BatchRefused(ServiceError):
    """The batch cannot be taken in at all (unsigned, forged, tampered, wrong recipient, bad rows)."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        shown = reasons[:_MAX_LISTED]
        more = f"\n……另有 {len(reasons) - len(shown)} 处" if len(reasons) > len(shown) else ""
        super().__init__("批次未导入，原因：\n" + "\n".join(shown) + more)


@dataclass(frozen=True)
class Opened:
    """A batch folder whose files match its manifest; ``plain`` gives a readable copy of a file."""

    folder: Path
    manifest: dict[str, Any]  # with the encrypted payload's lists put back
    text: str  # the manifest as received (kept in Batch.manifest)
    sha256: str
    plain: Callable[[str], Path]
    sender: Partner | None = None  # set once the signature is verified
    batch_id: str = ""


def past_orphans(out_dir: Path, number: int, name_of: Callable[[int], str]) -> int:
    """The first batch number from ``number`` whose folder is not on the stick yet.

    A folder there that the database does not know is an orphan: the program was stopped (killed,
    power lost) after the batch was renamed into place and before it was recorded. It is a whole,
    signed batch and keeps its number; the new batch takes the next one instead of failing on
    “已存在” at every export that day (issue 15 item 5).
    """
    while (Path(out_dir) / name_of(number)).exists():
        _log.warning("batch folder %s is not recorded (an interrupted export): numbered on", name_of(number))
        number += 1
    return number


def seal(
    sessions: SessionFactory,
    actor: Actor,
    out_dir: Path,
    folder_name: str,
    files: Mapping[str, batch_io.FileWriter],
    manifest: Mapping[str, Any],
    *,
    password: str | None = None,
    recipient: str | None = None,
) -> Path:
    """Write a signed batch for its recipient: the office (for a unit's batches; the only registered
    office key unless ``recipient`` names one) or, for results, the unit's registered key."""
    keys = KeyService(sessions, actor)
    me = keys.identity()
    kind = str(manifest["kind"])
    if kind == "results":
        to = keys.unit_key(str(manifest["unit"]["code"]))
    else:
        to = keys.office_for_export(recipient)
    pem = keys.private_key()  # before anything is written: a missing key stops the export here
    personal = {k: manifest[k] for k in PERSONAL_KEYS if k in manifest}
    envelope = {
        "batch_id": secrets.token_hex(16),
        "sender": {"installation": me.installation, "name": me.name, "level": me.level,
                   "fingerprint": me.fingerprint},
        "recipient": {"installation": to.installation, "name": to.name, "fingerprint": to.fingerprint},
        "audit_head": audit_head(sessions),  # a witness of our audit log the partner keeps
    }  # fmt: skip
    body = {k: v for k, v in manifest.items() if k not in personal}
    return batch_io.write_batch(
        Path(out_dir),
        folder_name,
        files,
        {**body, **envelope},
        personal=personal,
        password=password,
        signer=lambda raw: (me.fingerprint, signing.sign(pem, raw)),
    )


def kept_manifest(folder: Path, manifest: Mapping[str, Any]) -> str:
    """The sender's own record of a batch it sealed: the manifest as written, with the lists that name
    people put back where a password moved them into the payload (they are in this database anyway),
    so the sender can later tell which claims and members it sent."""
    text = (Path(folder) / batch_io.MANIFEST).read_text(encoding="utf-8")
    body = json.loads(text)
    if not body.get("encrypted"):
        return text
    body.update({k: manifest[k] for k in PERSONAL_KEYS if k in manifest})
    return json.dumps(body, ensure_ascii=False, indent=2)


def _refused(exc: batch_read.FolderRefused, folder: Path) -> BatchRefused:
    return BatchRefused([f"{folder.name}：{r}" for r in exc.reasons])


def _sender_refusals(keys: KeyService, head: batch_read.Head, kinds: Iterable[str]) -> tuple[list[str], Any]:
    m = head.manifest
    kind = str(m.get("kind", ""))
    if kind not in kinds:
        wanted = "、".join(KIND_LABELS[k] for k in kinds)
        what = KIND_LABELS.get(kind, "未知类型的批次")
        return [f"“{head.folder.name}”是{what}，这里只能导入{wanted}"], None
    if m.get("format_version") != batch_io.FORMAT_VERSION or head.signer is None:
        return [
            f"“{head.folder.name}”没有签名（旧版程序制作或签名文件 {batch_read.SIGNATURE} 缺失），"
            "无法确认由谁制作，拒收：请对方用新版程序重新导出"
        ], None
    sender = keys.partner(head.signer)
    said: dict[str, Any] = m["sender"] if isinstance(m.get("sender"), dict) else {}
    if sender is None:
        return [
            f"批次由未登记的密钥签名（指纹 {head.signer}，自称“{said.get('name', '')}”），拒收：请先在"
            "“文件 → 密钥管理”中登记对方的密钥文件，并核对盖章纸质表上的指纹"
        ], None
    if head.signature is None or not signing.verify(sender.public_key, head.signature, head.raw):
        return [
            f"签名不符：批次清单在签名后被改动，或不是“{sender.name}”（{sender.fingerprint}）制作的，拒收"
        ], None
    me = keys.identity()
    to: dict[str, Any] = m["recipient"] if isinstance(m.get("recipient"), dict) else {}
    problems = []
    if said.get("fingerprint") != sender.fingerprint:
        problems.append("清单中的发送方与签名的密钥不符，拒收")
    if to.get("installation") != me.installation:
        problems.append(
            f"该批次是发给“{to.get('name', '')}”（指纹 {to.get('fingerprint', '')}）的，"
            f"不是发给本机“{me.name}”（指纹 {me.fingerprint}）的，拒收"
        )
    if sender.role != _SENDER_ROLE[kind]:
        problems.append(f"“{sender.name}”登记为{sender.role_label}，不能发来{KIND_LABELS[kind]}，拒收")
    code = str((m.get("unit") or {}).get("code", "")) if isinstance(m.get("unit"), dict) else ""
    if kind != "results" and code not in sender.units:
        problems.append(
            f"单位“{code}”的批次须由该单位登记的密钥签名，签名的密钥“{sender.name}”未登记该单位，拒收"
            "（单位新增或更换了单位编码时，请让单位重新导出密钥文件再登记）"
        )
    if not isinstance(m.get("batch_id"), str) or not 16 <= len(m["batch_id"]) <= 32:
        problems.append("清单中没有批次编号，拒收")
    return problems, sender


@contextlib.contextmanager
def open_sealed(
    sessions: SessionFactory,
    actor: Actor,
    folder: Path,
    password: str | None,
    kinds: Iterable[str],
    parse: Iterable[str],
) -> Iterator[Opened]:
    """A batch whose signature, sender, recipient and files are checked; BatchRefused otherwise.
    ``parse`` names the files the caller will read (copied to the private scratch folder)."""
    folder = Path(folder)
    try:
        head = batch_read.read_head(folder)
    except batch_read.FolderRefused as exc:
        raise _refused(exc, folder) from exc
    kinds = tuple(kinds)
    refusals, sender = _sender_refusals(KeyService(sessions, actor), head, kinds)
    if refusals:
        raise BatchRefused(refusals)
    with open_contents(head, password, parse) as opened:
        yield Opened(opened.folder, opened.manifest, opened.text, opened.sha256, opened.plain, sender,
                     str(head.manifest["batch_id"]))  # fmt: skip


@contextlib.contextmanager
def open_contents(head: batch_read.Head, password: str | None, parse: Iterable[str]) -> Iterator[Opened]:
    """The files of a batch checked against its manifest (the content checks alone, no trust checks:
    the importers always come through ``open_sealed``), decrypted into the private scratch folder."""
    folder, manifest = head.folder, dict(head.manifest)
    encrypted = bool(manifest.get("encrypted"))
    keep = frozenset(parse) | ({PAYLOAD} if encrypted else frozenset())
    with private_scratch() as scratch:
        copies, problems = batch_read.check_files(folder, manifest, scratch, keep)
        if problems:
            raise BatchRefused([f"{folder.name}：{p}" for p in problems])
        if encrypted:
            if not password:
                raise BatchRefused([f"批次“{folder.name}”已加密，请提供批次密码"])
            if PAYLOAD not in copies:
                raise BatchRefused([f"批次“{folder.name}”已加密，但清单中没有“{PAYLOAD}”"])
            if copies[PAYLOAD].stat().st_size > batch_read.MAX_MANIFEST:  # the size before the read
                raise BatchRefused([f"批次“{folder.name}”的“{PAYLOAD}”过大，不是本程序的批次文件"])
            try:
                personal = decrypt_payload(copies[PAYLOAD].read_bytes(), password)
            except ValueError as exc:
                raise BatchRefused([str(exc)]) from exc
            manifest.update({k: v for k, v in personal.items() if k in PERSONAL_KEYS})
        if "content_digest" in manifest:
            personal = {k: manifest[k] for k in PERSONAL_KEYS if k in manifest}
            if batch_io.content_digest(personal) != manifest["content_digest"]:
                raise BatchRefused([f"批次“{folder.name}”的名单与清单的摘要不符：批次被改动或不完整"])

        def plain(name: str) -> Path:
            src = copies.get(name)
            if src is None:
                raise BatchRefused([f"批次不完整：清单中没有“{name}”"])
            if not name.endswith(".xlsx") or not batch_io.is_encrypted(src):
                return src
            if not password:
                raise BatchRefused([f"“{name}”已加密，请提供批次密码"])
            out = scratch / f"plain-{name}"
            if not out.exists():
                try:
                    batch_io.decrypt_office_file(src, password, out)
                except ValueError as exc:
                    raise BatchRefused([str(exc)]) from exc
            return out

        yield Opened(folder, manifest, head.text, head.sha256, plain)


def replay_refusal(s: Session, opened: Opened) -> str | None:
    """Why this batch is a replay (its batch id was taken in with other content), or None."""
    if not opened.batch_id:
        return None
    first = s.scalars(select(BatchImport).where(BatchImport.source_batch_id == opened.batch_id)).first()
    if first is None or first.manifest_sha256 == opened.sha256:
        return None
    return (
        f"批次编号 {opened.batch_id} 已于 {first.created_at:%Y-%m-%d %H:%M} 导入过，这份批次内容不同："
        "是重放或被改动的批次，拒收"
    )


def import_record(opened: Opened, batch_id: int, kind: str, unit_code: str, batch_no: int) -> BatchImport:
    return BatchImport(batch_id=batch_id, manifest_sha256=opened.sha256, kind=kind, unit_code=unit_code,
                       source_batch_no=batch_no, source_batch_id=opened.batch_id or None,
                       sender_fingerprint=opened.sender.fingerprint if opened.sender else None)  # fmt: skip
