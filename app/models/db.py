"""Engine and session factory; the database URL; migrations applied at start.

Default: a SQLite file (WAL) in the user's data folder. ``--db URL`` or ``HZBZ_DB`` selects
another, e.g. ``postgresql+psycopg://clerk@server/hzbz`` for an office that shares one.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DB_ENV = "HZBZ_DB"
DATA_DIR_ENV = "HZBZ_DATA_DIR"

SessionFactory = sessionmaker[Session]

# The newest migration; a test keeps it equal to Alembic's head. When the database is already
# there, start-up skips importing Alembic at all (it costs ~0.3 s of a 1.5 s start budget).
SCHEMA_HEAD = "0013"


def data_dir() -> Path:
    """The user's data folder (``HZBZ_DATA_DIR`` overrides, for tests and portable installs)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("hzbz", appauthor=False))


def default_url() -> str:
    return os.environ.get(DB_ENV) or f"sqlite:///{data_dir() / 'hzbz.db'}"


BUSY_TIMEOUT_MS = 5000  # SQLite waits this long for another writer; then the services retry, saying so


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cur.close()


READ_ONLY_NOTICE = "数据库为只读，只能查看和导出"


class ReadOnlyDatabase(RuntimeError):
    """A write was asked of a database opened read-only; the message is the clerk's sentence."""


def _on_sqlite_read_only_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def sqlite_read_only(path: Path) -> str | None:
    """``ro`` for a file we may not write (immutable, read-only file), ``immutable`` for a folder
    we may not write either (a read-only mount: SQLite cannot make its -wal/-shm beside it),
    None for a writable or missing file. Tried, not judged from the mode bits (root ignores them)."""
    if not path.is_file():
        return None
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        writable_file = False
    else:
        os.close(fd)
        writable_file = True
    writable_folder = os.access(path.parent, os.W_OK)
    if writable_file and writable_folder:
        return None
    wal = Path(f"{path}-wal")
    unfinished = wal.exists() and wal.stat().st_size > 0  # immutable would not read what it holds
    return "ro" if writable_folder or unfinished else "immutable"


def is_read_only(engine: Engine) -> bool:
    return engine.url.get_backend_name() == "sqlite" and engine.url.query.get("mode") == "ro"


def make_engine(url: str | None = None) -> Engine:
    url = url or default_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        db_path = parsed.database
        mode = sqlite_read_only(Path(db_path)) if db_path and db_path != ":memory:" else None
        if mode is not None:
            assert db_path is not None
            # Opened for viewing and exporting only: no journal_mode change, no migration, no write.
            extra = "&immutable=1" if mode == "immutable" else ""
            engine = create_engine(
                f"sqlite:///file:{Path(db_path).resolve().as_posix()}?mode=ro{extra}&uri=true",
                hide_parameters=True,
            )
            event.listen(engine, "connect", _on_sqlite_read_only_connect)
            return engine
        if db_path and db_path != ":memory:":
            path = Path(db_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                # Owner-only from the first byte: the file holds ID numbers and bank accounts.
                path.touch(mode=stat.S_IRUSR | stat.S_IWUSR)
        engine = create_engine(url, hide_parameters=True)  # no ID numbers in error texts or logs
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def make_session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(engine, expire_on_commit=False)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (done at every start)."""
    if current_revision(engine) == SCHEMA_HEAD:
        return
    if is_read_only(engine):
        raise ReadOnlyDatabase(
            f"{READ_ONLY_NOTICE}，但它来自旧版本的程序、需要升级才能打开：请复制到可写的位置后再打开"
        )
    with engine.begin() as conn:
        upgrade_on(conn)


def upgrade_on(conn: Connection) -> None:
    """Alembic's upgrade to head on this connection, in its transaction (``server-setup`` runs
    it after ``SET ROLE`` to the tables' owner)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except Exception:  # no table yet: a new database
            conn.rollback()
            return None


def open_database(url: str | None = None) -> tuple[Engine, SessionFactory]:
    engine = make_engine(url)
    migrate(engine)
    return engine, make_session_factory(engine)
