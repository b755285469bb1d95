"""Backups of the SQLite database and restores from them, checked before anything is replaced.

A backup is a one-file SQLite database made with SQLite's online backup API: a consistent snapshot
even while the program has the database open and is writing (WAL). It is checked (integrity_check,
our tables, alembic_version) before it is renamed into place as ``hzbz-YYYYMMDD-HHMMSS-LABEL.db``,
owner-only like the database. PostgreSQL: ``pg_dump`` and ``pg_restore`` instead (README).

An encrypted backup (``.db.enc``, for a USB stick that may be lost) is: ``b"HZBZBAK1"``; three
bytes log2(N), r, p of scrypt (15, 8, 1: 32 MiB, ~0.1 s); a 16-byte random salt; the plaintext
chunk size, 4 bytes big-endian (1 MiB); 32 check bytes, scrypt output 32..63, which tell a wrong
password from a damaged file; then each chunk in AES-256-GCM with its 16-byte tag. The key is
scrypt output 0..31. Chunk i's nonce is i in 11 big-endian bytes plus a byte that is 1 only on
the last chunk (the one shorter than the chunk size, empty if need be); the header is associated
data. So chunks cannot be reordered, dropped or cut off unnoticed, and with a key unique to each
file (random salt) counter nonces never repeat under a key.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import itertools
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url

from app.io import faults
from app.models import User
from app.models.db import SCHEMA_HEAD, data_dir, open_database
from app.services import audit, audit_backup, key_backup
from app.services.auth import Actor
from app.services.errors import ServiceError

log = logging.getLogger("hzbz")

MAGIC = b"HZBZBAK1"
_LOG2_N, _R, _P, _CHUNK = 15, 8, 1, 1 << 20  # scrypt cost and chunk size of new encrypted backups
_HEADER_LEN = len(MAGIC) + 3 + 16 + 4 + 32
# Tables every version of our schema has had since the first migration.
REQUIRED_TABLES = ("alembic_version", "office_profile", "users", "audit_events", "units", "members")
AUTOMATIC_LABELS = ("start", "exit")
LABELS = {"start": "启动时自动", "exit": "退出时自动", "manual": "手动", "before-restore": "恢复前自动"}
# Labels are letters and dashes; a number after them tells apart two backups of the same second.
_NAME = re.compile(r"^hzbz-(\d{8}-\d{6})-([a-z-]+?)(?:-\d+)?\.db(\.enc)?$")
PG_BACKUP_HINT = "PostgreSQL 数据库请在服务器上用 pg_dump 备份（见 README“数据安全”）"
PG_RESTORE_HINT = "PostgreSQL 数据库请在服务器上用 pg_restore 恢复（见 README“数据安全”）"


class BackupRefused(ServiceError):
    """The file cannot be restored (or a new backup failed its check); nothing was changed."""

    def __init__(self, problems: list[str], title: str = "备份文件不能恢复，未做任何修改") -> None:
        self.problems = problems
        super().__init__(f"{title}：\n" + "\n".join(problems))


@dataclass(frozen=True)
class BackupInfo:
    """One backup file; ``label`` is a key of LABELS (or another name a clerk's copy carries)."""

    path: Path
    created: dt.datetime
    size: int
    encrypted: bool
    label: str


def automatic_folder() -> Path:
    return data_dir() / "backups"


def sqlite_path(engine_or_url: Engine | str) -> Path | None:
    """The database file of a SQLite URL; None for PostgreSQL (or an in-memory database)."""
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


# -- taking a backup -------------------------------------------------------------------------
def backup_now(
    engine_or_url: Engine | str, folder: Path | str, *, password: str | None = None, label: str = "manual"
) -> Path:
    """Copy the live database into ``folder``; checked, optionally encrypted; the new file's path."""
    source = sqlite_path(engine_or_url)
    if source is None:
        raise ServiceError(PG_BACKUP_HINT)
    if not source.is_file():
        raise ServiceError(f"找不到数据库文件：{source}")
    if password is not None and not password:
        raise ServiceError("密码不能为空")
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ServiceError(f"无法使用备份文件夹 {folder}：{exc.strerror or exc}") from exc
    remove_stale_parts(folder, source.parent)  # a killed earlier backup's copies, plaintext included
    wal = Path(f"{source}-wal")
    needed = source.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    if problem := faults.space_problem(folder, needed):  # before writing: "需要约 12 MB，剩余 3 MB"
        raise ServiceError(problem)
    # An encrypted backup's plain copy stays beside the database, never on the USB stick.
    with _temp_file(source.parent if password else folder, ".hzbz-backup-") as plain:
        try:
            with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(plain)) as dst:
                src.backup(dst)  # one step: a consistent snapshot; WAL writers are not blocked
                key_backup.embed(dst)  # the signing key goes with the data it signs for
                audit_backup.embed(dst)  # the audit log's key and head: a witness outside the database
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        except sqlite3.DatabaseError as exc:
            raise ServiceError(f"无法备份数据库 {source}：{exc}") from exc
        problems = _check_plain(plain)
        if problems:
            raise BackupRefused(problems, "备份未通过检查，未保存")
        if not password:
            return _put_in_place(plain, folder, label, encrypted=False)
        with _temp_file(folder, ".hzbz-backup-") as out:
            _encrypt(plain, out, password)
            return _put_in_place(out, folder, label, encrypted=True)


def automatic_backup(url: str, reason: str, *, folder: Path | None = None, keep: int = 10) -> Path | None:
    """The start/exit backup into ``data_dir()/backups``, pruned; None for PostgreSQL or no file.

    Never raises (a failed backup must not stop the clerk starting or leaving; it is logged).
    When the database has not changed since the newest automatic backup, that one is returned.
    """
    source = sqlite_path(url)
    if source is None or not source.is_file():
        return None
    folder = folder or automatic_folder()
    try:
        remove_stale_parts(folder, automatic_folder(), source.parent, data_dir())
        latest = next((b for b in list_backups(folder) if b.label in AUTOMATIC_LABELS), None)
        # The last write before the snapshot; an empty -wal only means a connection is open.
        wal = Path(f"{source}-wal")
        wal_time = wal.stat().st_mtime_ns if wal.exists() and wal.stat().st_size else 0
        changed = max(source.stat().st_mtime_ns, wal_time)
        if latest is not None and latest.path.stat().st_mtime_ns >= changed:
            return latest.path
        path = backup_now(url, folder, label=reason)
        os.utime(path, ns=(changed, changed))  # a backup's time is its data's, for the test above
        with contextlib.suppress(OSError):
            folder.chmod(0o700)
        prune(folder, keep_last=keep)
        return path
    except Exception as exc:  # logged for the office; the window goes on
        log.warning("automatic backup (%s) failed: %s", reason, exc)
        return None


def prune(
    folder: Path, *, keep_last: int = 10, daily_days: int = 30, now: dt.datetime | None = None
) -> list[Path]:
    """Delete automatic backups but the newest ``keep_last`` and each recent day's newest one.

    Manual and before-restore backups are the clerk's own and are never pruned.
    """
    now = now or dt.datetime.now()
    auto = [b for b in list_backups(folder) if b.label in AUTOMATIC_LABELS]  # newest first
    keep = {b.path for b in auto[:keep_last]}
    days: set[dt.date] = set()
    for b in auto:
        if (now - b.created).days < daily_days and b.created.date() not in days:
            days.add(b.created.date())
            keep.add(b.path)
    removed = [b.path for b in auto if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def list_backups(folder: Path | str) -> list[BackupInfo]:
    """Backups in ``folder`` named as this program names them, newest first."""
    found = []
    for path in Path(folder).iterdir() if Path(folder).is_dir() else ():
        m = _NAME.match(path.name)
        if m and path.is_file():
            created = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
            st = path.stat()  # within one second the file's time orders them
            info = BackupInfo(path, created, st.st_size, bool(m.group(3)), m.group(2))
            found.append((created, st.st_mtime_ns, path.name, info))
    return [f[-1] for f in sorted(found, reverse=True)]


def is_encrypted(path: Path | str) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


# -- checking and restoring ------------------------------------------------------------------
def check_backup(path: Path | str, password: str | None = None) -> list[str]:
    """Why this file cannot be restored, in Chinese; empty when it can."""
    with _temp_file(data_dir(), ".hzbz-check-") as plain:  # owner-only, not a shared /tmp
        return _unpack(Path(path), plain, password) or _check_plain(plain)


class AuditLogBroken(BackupRefused):
    """The backup's own audit log does not verify: refused unless an administrator confirms."""


def restore(
    actor: Actor,
    backup_path: Path | str,
    target_url: str,
    password: str | None = None,
    *,
    accept_broken_log: bool = False,
) -> Path:
    """Replace the database at ``target_url`` with the backup; the safety backup's path.

    Administrators only. The file is checked first and refused with every reason, changing
    nothing; so is a backup whose own audit log does not verify (chain, head, business tables),
    unless ``accept_broken_log`` (an administrator confirmed): then the restore's audit entry
    carries the problems as a warning. The current database is backed up (before-restore) first.
    The restored copy is migrated and gets its audit entry *before* the one atomic rename, so a
    failure at any step leaves the old database as it was. Dispose of open engines first; then
    restart the program.
    """
    actor.require("office.manage")
    target = sqlite_path(target_url)
    if target is None:
        raise ServiceError(PG_RESTORE_HINT)
    backup_path = Path(backup_path)
    with _temp_file(target.parent, ".hzbz-restore-") as plain:
        problems = _unpack(backup_path, plain, password) or _check_plain(plain)
        if problems:
            raise BackupRefused(problems)
        audit_key_found, audit_head_found = audit_backup.take_out(plain)  # its own two tables
        _migrate_and_check(plain)  # every refusal before the safety backup and the rename
        log_problems = audit_backup.check_copy(plain, audit_key_found, audit_head_found)
        if log_problems and not accept_broken_log:
            raise AuditLogBroken(
                log_problems, "备份中的审计日志未通过校验，未做任何修改（管理员确认后可仍然恢复）"
            )
        safety = _safety_backup(target_url, target) if target.exists() else None
        audit_backup.set_aside_checkpoints(_key_id(plain), dt.datetime.now().strftime("%Y%m%d-%H%M%S"))
        _finish_restored_copy(plain, actor, backup_path, safety, log_problems)
        _fsync(plain)
        if target.exists():  # an empty -wal: nothing stale can be replayed over the new file
            with contextlib.suppress(sqlite3.DatabaseError), closing(sqlite3.connect(target)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        os.replace(plain, target)
        for suffix in ("-wal", "-shm", "-journal"):  # the old file's; the -wal was emptied above
            with contextlib.suppress(OSError):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        _fsync_dir(target.parent)
    return safety or target


def _safety_backup(target_url: str, target: Path) -> Path:
    try:
        return backup_now(target_url, automatic_folder(), label="before-restore")
    except ServiceError:  # the current file is damaged (likely why we restore): keep its bytes as they are
        final = _unused_name(automatic_folder(), "before-restore", encrypted=False)
        shutil.copyfile(target, final)
        _fsync(final)
        return final


def _migrate_and_check(plain: Path) -> None:
    """Bring an older backup to our schema, then insist on exactly our tables."""
    try:
        engine, _sessions = open_database(f"sqlite:///{plain}")
    except Exception as exc:  # a table missing under a migration, a damaged schema
        reason = f"备份无法升级到本程序的数据库结构（{type(exc).__name__}），文件不完整或被改动"
        raise BackupRefused([reason]) from exc
    engine.dispose()
    if problems := _migrated_table_problems(plain):
        raise BackupRefused(problems)


def _key_id(copy: Path) -> str:
    from app.services.audit_key import MARKER, parse_marker

    with closing(sqlite3.connect(copy)) as conn:
        row = conn.execute("SELECT value FROM app_settings WHERE key = ?", (MARKER,)).fetchone()
    parsed = parse_marker(row[0] if row else None)
    return parsed[0] if parsed else ""


def _finish_restored_copy(
    plain: Path, actor: Actor, backup_path: Path, safety: Path | None, log_problems: list[str]
) -> None:
    key_backup.extract(plain)  # back to the data folder; the live database never holds it
    engine, sessions = open_database(f"sqlite:///{plain}")  # at our schema already (_migrate_and_check)
    try:
        with sessions.begin() as session:
            # The restored database may not know this user (created after the backup was taken).
            uid = session.execute(select(User.id).where(User.username == actor.username)).scalar()
            who = Actor(uid, actor.username, actor.role)
            safety_name = safety.name if safety else ""
            warning = {"audit_log_problems": log_problems[:20]} if log_problems else {}
            audit.record(
                session, who, "restore", "database", backup_path.name, safety_backup=safety_name, **warning
            )
    finally:
        engine.dispose()


def _unpack(path: Path, out: Path, password: str | None) -> list[str]:
    """Decrypt or copy the backup into ``out``; problems in Chinese."""
    if not path.is_file():
        return [f"找不到备份文件：{path}"]
    try:
        if not is_encrypted(path):
            shutil.copyfile(path, out)
        elif not password:
            return ["备份文件已加密，请输入密码"]
        else:
            _decrypt(path, out, password)
    except _Unreadable as exc:
        return [str(exc)]
    except OSError as exc:
        return [f"无法读取备份文件：{exc.strerror or exc}"]
    return []


def _check_plain(path: Path) -> list[str]:
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            return ["不是数据库文件：可能不是本程序的备份，或文件已损坏"]
    try:  # a damaged file raises on any statement, the first included
        with closing(sqlite3.connect(path)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                return ["数据库完整性检查未通过，文件已损坏：" + "；".join(rows[:5])]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = [t for t in REQUIRED_TABLES if t not in tables]
            if missing:
                return ["不是本程序的数据库：缺少数据表 " + "、".join(missing)]
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        return [f"数据库文件已损坏，无法读取（{exc}）"]
    version = row[0] if row else None
    if not (isinstance(version, str) and version.isdigit()):
        return [f"不是本程序的数据库：无法识别的数据库版本 {version!r}"]
    if int(version) > int(SCHEMA_HEAD):
        return [f"备份来自更新版本的程序（数据库版本 {version}，本程序只认识到 {SCHEMA_HEAD}），请先升级程序"]
    # An older backup gains its later tables by migrating; the restore checks it again after that.
    return table_problems(tables) if version == SCHEMA_HEAD else []


def expected_tables() -> set[str]:
    from app.models.base import Base

    return set(Base.metadata.tables) | {"alembic_version", key_backup.TABLE, *audit_backup.TABLES}


def table_problems(tables: set[str]) -> list[str]:
    """A backup must hold exactly our schema's tables (SQLite's own and the search index aside)."""
    tables = {t for t in tables if not t.startswith(("sqlite_", "member_search"))}
    expected = expected_tables()
    problems = []
    if missing := sorted(expected - tables - {key_backup.TABLE, *audit_backup.TABLES}):
        problems.append("备份缺少数据表：" + "、".join(missing) + "（文件不完整或被改动）")
    if extra := sorted(tables - expected):
        shown = "、".join(extra[:10]) + ("等" if len(extra) > 10 else "")
        problems.append(f"备份中有本程序不认识的数据表：{shown}（可能不是本程序的备份，或被改动）")
    return problems


def _migrated_table_problems(plain: Path) -> list[str]:
    with closing(sqlite3.connect(plain)) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return table_problems({r[0] for r in rows})


# -- encryption ------------------------------------------------------------------------------
class _Unreadable(Exception):
    """An encrypted backup that cannot be decrypted; the message says why, in Chinese."""


_DAMAGED = "加密的备份文件已损坏或不完整，无法解密"


def _derive(password: str, salt: bytes, log2_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    out = Scrypt(salt=salt, length=64, n=2**log2_n, r=r, p=p).derive(password.encode())
    return out[:32], out[32:]


def _encrypt(plain: Path, out: Path, password: str) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = os.urandom(16)
    key, check = _derive(password, salt, _LOG2_N, _R, _P)
    header = MAGIC + bytes((_LOG2_N, _R, _P)) + salt + _CHUNK.to_bytes(4, "big") + check
    aead = AESGCM(key)
    with open(plain, "rb") as src, open(out, "wb") as dst:
        dst.write(header)
        for i in itertools.count():
            chunk = src.read(_CHUNK)
            last = len(chunk) < _CHUNK
            dst.write(aead.encrypt(i.to_bytes(11, "big") + bytes([last]), chunk, header))
            if last:
                return


def _decrypt(path: Path, out: Path, password: str) -> None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with open(path, "rb") as src, open(out, "wb") as dst:
        header = src.read(_HEADER_LEN)
        log2_n, r, p = header[8:11].ljust(3, b"\0")
        salt, chunk_size, check = header[11:27], int.from_bytes(header[27:31], "big"), header[31:]
        sane = 10 <= log2_n <= 20 and 1 <= r <= 16 and 1 <= p <= 4 and 1024 <= chunk_size <= 1 << 26
        if len(header) < _HEADER_LEN or not sane:
            raise _Unreadable(_DAMAGED)
        key, expected = _derive(password, salt, log2_n, r, p)
        if not hmac.compare_digest(check, expected):
            raise _Unreadable("密码错误，无法解密备份文件")
        aead = AESGCM(key)
        for i in itertools.count():
            block = src.read(chunk_size + 16)
            last = len(block) < chunk_size + 16
            try:
                dst.write(aead.decrypt(i.to_bytes(11, "big") + bytes([last]), block, header))
            except (InvalidTag, ValueError) as exc:
                raise _Unreadable(_DAMAGED) from exc
            if last:
                return


# -- files -----------------------------------------------------------------------------------
@contextlib.contextmanager
def _temp_file(folder: Path, prefix: str) -> Iterator[Path]:
    """An owner-only temporary file in ``folder``, removed (with SQLite's side files) on the way out."""
    folder.mkdir(parents=True, exist_ok=True)
    # The process id in the name: the next start knows a killed run's copy (remove_stale_parts).
    fd, name = tempfile.mkstemp(dir=folder, prefix=f"{prefix}{os.getpid()}-", suffix=".part")
    os.close(fd)
    try:
        yield Path(name)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(name + suffix)


_PART = re.compile(r"^\.hzbz-(?:backup|check|restore)-(?:(\d+)-)?.*\.part(?:-wal|-shm|-journal)?$")
_OLD_PART_AGE = 3600.0  # copies named before the process id was in the name: an hour old is a dead run's


def remove_stale_parts(*folders: Path | None) -> int:
    """Delete the hidden full-size copies (.part) a killed backup, check or restore left in
    ``folders`` (the data folder, the backup folder on the USB stick, the database's folder):
    the plaintext of an encrypted backup among them. Copies of running processes are kept."""
    from app.io.scratch import _alive

    removed = 0
    for folder in {f for f in folders if f is not None}:
        try:
            entries = list(Path(folder).iterdir())
        except OSError:  # a missing or unplugged folder
            continue
        for entry in entries:
            match = _PART.match(entry.name)
            if match is None or entry.is_symlink() or not entry.is_file():
                continue
            pid = match.group(1)
            with contextlib.suppress(OSError):
                stale = not _alive(int(pid)) if pid else time.time() - entry.stat().st_mtime > _OLD_PART_AGE
                if stale:
                    entry.unlink()
                    removed += 1
    if removed:
        log.info("removed %d unfinished backup or restore copy(ies) of an earlier run", removed)
    return removed


def _put_in_place(temp: Path, folder: Path, label: str, *, encrypted: bool) -> Path:
    _fsync(temp)
    final = _unused_name(folder, label, encrypted=encrypted)
    os.replace(temp, final)
    _fsync_dir(folder)
    return final


def _unused_name(folder: Path, label: str, *, encrypted: bool) -> Path:
    label = re.sub(r"[^a-z-]+", "-", label.lower()).strip("-") or "manual"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    ext = ".db.enc" if encrypted else ".db"
    path, n = folder / f"hzbz-{stamp}-{label}{ext}", 2
    while path.exists():  # two backups in one second
        path, n = folder / f"hzbz-{stamp}-{label}-{n}{ext}", n + 1
    return path


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # a no-op on FAT USB sticks
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":  # Windows cannot open a folder for fsync; NTFS journals its renames
        fd = os.open(folder, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
