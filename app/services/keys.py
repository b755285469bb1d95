"""This installation's signing key and the partners' keys it trusts.

Every copy of the program has one Ed25519 key pair, made at ``init`` (or, for a database made
before signatures, on first use). The private key is ``keys/<installation id>.pem`` in the data
folder, owner-only, and goes into every backup of the database (``key_backup``); the database
holds the installation's id and public key. A partner's key is registered from the key file it
brings, only when the fingerprint typed from its stamped paper matches the file's key: a unit's
key then signs batches for the unit codes it lists, an office's key signs the results it sends.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.io import signing
from app.io.xlsx_safe import atomic_write
from app.models import Installation, OfficeProfile, PartnerKey, PartnerUnit, Unit
from app.models.db import SessionFactory, data_dir
from app.models.office import OFFICE_LEVELS
from app.services import audit
from app.services.auth import SYSTEM, Actor
from app.services.errors import NotFound, ServiceError

ROLE_LABELS = {"office": "上级办事处", "unit": "下级单位"}


class KeyRefused(ServiceError):
    """A key file or fingerprint that cannot be registered; nothing was changed."""


@dataclass(frozen=True)
class Identity:
    installation: str
    name: str
    level: str
    fingerprint: str
    public_key: bytes


@dataclass(frozen=True)
class Partner:
    id: int
    fingerprint: str
    name: str
    level: str
    role: str  # office | unit
    installation: str
    units: tuple[str, ...]
    registered_at: dt.datetime
    public_key: bytes

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class Registered:
    partner: Partner
    new: bool
    moved_units: tuple[str, ...]  # unit codes that were bound to another key before


def key_path(installation: str) -> Path:
    return data_dir() / "keys" / f"{installation}.pem"


def _rank(level: str) -> int:
    return OFFICE_LEVELS.index(level) if level in OFFICE_LEVELS else -1


def ensure_identity(s: Session, actor: Actor = SYSTEM) -> Installation:
    """This installation's row, making the key pair on first use (in the caller's transaction)."""
    row = s.get(Installation, 1)
    if row is not None:
        return row
    uuid = secrets.token_hex(16)
    pem = signing.new_private_key()
    public = signing.public_of(pem)
    signing.write_private_key(key_path(uuid), pem)
    row = Installation(
        id=1, uuid=uuid, public_key=signing.b64(public), fingerprint=signing.fingerprint(public)
    )
    s.add(row)
    s.flush()
    audit.record(s, actor, "create_key", "installation", uuid, fingerprint=row.fingerprint)
    return row


def _partner(s: Session, key: PartnerKey) -> Partner:
    units = tuple(s.scalars(select(PartnerUnit.unit_code).where(PartnerUnit.partner_key_id == key.id)))
    return Partner(key.id, key.fingerprint, key.name, key.level, key.role, key.installation,
                   tuple(sorted(units)), key.registered_at, signing.unb64(key.public_key, 32))  # fmt: skip


class KeyService:
    def __init__(self, sessions: SessionFactory, actor: Actor | None = None) -> None:
        self._sessions = sessions
        self.actor = actor

    # -- this installation -----------------------------------------------------------------
    def identity(self) -> Identity:
        for attempt in range(2):
            try:
                with self._sessions.begin() as s:
                    row = ensure_identity(s, self.actor or SYSTEM)
                    office = s.scalars(select(OfficeProfile).limit(1)).first()
                    return Identity(row.uuid, office.name if office else "", office.level if office else "",
                                    row.fingerprint, signing.unb64(row.public_key, 32))  # fmt: skip
            except IntegrityError:  # another process made it at the same moment: use theirs
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def private_key(self) -> bytes:
        """The PEM private key, checked against the database's public key."""
        me = self.identity()
        path = key_path(me.installation)
        try:
            pem = signing.read_private_key(path)
        except FileNotFoundError as exc:
            raise ServiceError(
                f"本机数据目录中没有本数据库的签名密钥（{path}），不能签名：请在制作该密钥的电脑上导出批次，"
                "或从含有密钥的备份恢复"
            ) from exc
        except (OSError, ValueError) as exc:
            raise ServiceError(f"签名密钥文件 {path} 无法读取或已损坏") from exc
        if signing.public_of(pem) != me.public_key:
            raise ServiceError(f"签名密钥文件 {path} 与本数据库登记的密钥不符，不能签名")
        return pem

    def sign(self, data: bytes) -> tuple[str, bytes]:
        return self.identity().fingerprint, signing.sign(self.private_key(), data)

    def export_public(self, out: Path) -> Path:
        """Write this installation's key file (public key, name, the units it reports for)."""
        me = self.identity()
        with self._sessions() as s:
            units = tuple((c, n) for c, n in s.execute(select(Unit.code, Unit.name).order_by(Unit.code)))
        info = signing.PublicKeyFile(me.installation, me.name, me.level, me.public_key, units)
        out = Path(out)
        if out.is_dir():
            out = out / f"{me.name or '本单位'}{signing.KEY_FILE_SUFFIX}"
        try:
            with atomic_write(out) as tmp:
                tmp.write_text(signing.key_file_text(info), encoding="utf-8")
        except OSError as exc:
            raise ServiceError(f"无法写入密钥文件 {out}：{exc.strerror or exc}") from exc
        if self.actor is not None:
            with self._sessions.begin() as s:
                audit.record(s, self.actor, "export_key", "installation", me.installation, file=out.name)
        return out

    # -- partners ---------------------------------------------------------------------------
    def register(self, key_file: Path, typed_fingerprint: str, name: str | None = None,
                 role: str | None = None) -> Registered:  # fmt: skip
        """Register a partner's key once the fingerprint typed from paper matches it."""
        if self.actor is None:
            raise ServiceError("登记密钥需要登录用户")
        self.actor.require("keys.manage")
        try:
            info = signing.read_key_file(Path(key_file))
        except ValueError as exc:
            raise KeyRefused(str(exc)) from exc
        typed = signing.normalize_fingerprint(typed_fingerprint)
        if typed is None:
            raise KeyRefused(f"指纹“{typed_fingerprint}”格式不对：应为 16 位字母数字，如 7K3M-Q9XD-2HFT-0C8R")
        if typed != info.fingerprint:
            raise KeyRefused(
                f"输入的指纹 {typed} 与密钥文件的指纹 {info.fingerprint} 不符：密钥文件不是盖章纸质表上"
                "那一把，未登记。请核对纸质表，或向对方索取正确的密钥文件"
            )
        me = self.identity()
        if info.public_key == me.public_key:
            raise KeyRefused("这是本机自己的密钥，不需要登记")
        if role is None:
            role = "office" if _rank(info.level) > _rank(me.level) else "unit"
        if role not in ROLE_LABELS:
            raise KeyRefused(f"身份应为 office（上级办事处）或 unit（下级单位），不能是“{role}”")
        label = (name or info.name).strip()[:100] or info.fingerprint
        with self._sessions.begin() as s:
            key = s.scalars(select(PartnerKey).where(PartnerKey.fingerprint == info.fingerprint)).first()
            new = key is None
            if key is None:
                key = PartnerKey(
                    fingerprint=info.fingerprint,
                    public_key=signing.b64(info.public_key),
                    registered_by=self.actor.user_id,
                    installation=info.installation,
                )
                s.add(key)
            key.name, key.level, key.role = label, info.level[:10], role
            s.flush()
            moved = self._bind_units(s, key, info.units if role == "unit" else ())
            audit.record(s, self.actor, "register_key", "partner_key", info.fingerprint, name=label,
                         role=role, installation=info.installation, units=[c for c, _ in info.units],
                         moved_units=list(moved), new=new)  # fmt: skip
            return Registered(_partner(s, key), new, moved)

    @staticmethod
    def _bind_units(s: Session, key: PartnerKey, units: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
        """Bind the key file's unit codes to this key; a code bound to another key moves here (the
        new key was confirmed against stamped paper). Codes the file no longer lists are unbound."""
        codes = {c for c, _ in units}
        found = s.scalars(select(PartnerUnit).where(PartnerUnit.unit_code.in_(codes)))
        bound = {u.unit_code: u for u in found}
        moved = tuple(sorted(c for c, u in bound.items() if u.partner_key_id != key.id))
        s.execute(
            delete(PartnerUnit).where(
                PartnerUnit.partner_key_id == key.id, PartnerUnit.unit_code.not_in(codes)
            )
        )
        for code, unit_name in units:
            row = bound.get(code) or PartnerUnit(unit_code=code)
            row.partner_key_id, row.unit_name = key.id, unit_name[:100]
            s.add(row)
        s.flush()
        return moved

    def partners(self) -> list[Partner]:
        with self._sessions() as s:
            return [_partner(s, k) for k in s.scalars(select(PartnerKey).order_by(PartnerKey.id))]

    def partner(self, fingerprint: str) -> Partner | None:
        fp = signing.normalize_fingerprint(fingerprint)
        with self._sessions() as s:
            key = s.scalars(select(PartnerKey).where(PartnerKey.fingerprint == fp)).first() if fp else None
            return _partner(s, key) if key else None

    def office_for_export(self, fingerprint: str | None = None) -> Partner:
        """The office a unit's batch goes to: the one named, or the only registered office key."""
        if fingerprint:
            found = self.partner(fingerprint)
            if found is None:
                raise NotFound(f"没有登记指纹为 {fingerprint} 的密钥")
            return found
        offices = [p for p in self.partners() if p.role == "office"]
        if not offices:
            raise ServiceError(
                "尚未登记上级办事处的密钥，不能生成上报批次：请在“文件 → 密钥管理”中登记办事处的密钥文件"
                "（核对办事处提供的指纹）"
            )
        if len(offices) > 1:
            names = "、".join(f"{p.name}（{p.fingerprint}）" for p in offices)
            raise ServiceError(f"登记了多个上级办事处的密钥（{names}），请指定发给哪一个")
        return offices[0]

    def unit_key(self, unit_code: str) -> Partner:
        """The key a unit's batches must be signed with (and its results batch is sent to)."""
        with self._sessions() as s:
            key = s.scalars(
                select(PartnerKey).join(PartnerUnit).where(PartnerUnit.unit_code == unit_code)
            ).first()
            if key is None:
                raise ServiceError(
                    f"单位“{unit_code}”的密钥尚未登记：请在“文件 → 密钥管理”中登记该单位的密钥文件"
                    "（核对盖章的团体申请表上的密钥指纹）"
                )
            return _partner(s, key)
