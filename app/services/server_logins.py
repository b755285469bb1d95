"""Per-user logins on a shared PostgreSQL server set up by ``server-setup``.

On such a server every program user is a PostgreSQL login role of the same name (the user's
``name_key``), and the server checks the password: the program proves a password by opening a
connection with it (``probe``), never by reading a hash, which no login may read. A password
change or reset is sent as a SCRAM verifier made on this PC by libpq, so the password itself
never reaches the server's logs, through ``hzbz_set_password`` which checks who may set whose.
The group role membership and LOGIN / NOLOGIN follow the ``users`` table by a trigger.
"""

from __future__ import annotations

import base64
import os
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.models.db import SessionFactory, open_database
from app.services.errors import ServiceError
from app.services.passwords import normalize_username, wrapping_key

if TYPE_CHECKING:
    from app.services.users import Login

_SERVER: dict[str, bool] = {}  # database identity → set up by server-setup


def _identity(bind: Any) -> str:
    url = bind.url if hasattr(bind, "url") else bind.engine.url
    return f"{url.host}:{url.port}/{url.database}"


def is_server(s: Session) -> bool:
    """Whether this database is guarded by ``server-setup``'s roles (PostgreSQL only)."""
    bind = s.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    key = _identity(bind)
    if key not in _SERVER:
        _SERVER[key] = bool(s.execute(text("SELECT to_regproc('hzbz_session_role') IS NOT NULL")).scalar())
    return _SERVER[key]


def session_role(s: Session) -> str:
    """owner (the set-up's superuser), admin, clerk, auditor, or none — as the server sees it."""
    return str(s.execute(text("SELECT hzbz_session_role()")).scalar())


def session_login(s: Session) -> str | None:
    """The program user's name_key this connection logged in as; None for the owner's set-up."""
    if not is_server(s) or session_role(s) == "owner":
        return None
    return str(s.execute(text("SELECT session_user")).scalar())


def probe(url: URL | str, name_key: str, password: str) -> str:
    """Try the password against the server: "ok", "wrong" (or no such login) or "disabled"."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    u = make_url(url) if isinstance(url, str) else url
    params: dict[str, Any] = {k: str(v) for k, v in u.query.items()}
    params.update(dbname=u.database, user=name_key, password=password, connect_timeout=15)
    if u.host:
        params["host"] = u.host
    if u.port:
        params["port"] = u.port
    try:
        conn = psycopg.connect(make_conninfo(**params))
    except psycopg.OperationalError as exc:
        message = str(exc)
        if getattr(exc, "sqlstate", None) == "28P01" or "password authentication failed" in message:
            return "wrong"
        if "not permitted to log in" in message:
            return "disabled"
        if getattr(exc, "sqlstate", None) == "28000" or "no password supplied" in message:
            return "wrong"
        raise ServiceError(f"无法连接数据库服务器 {u.host or ''}：{message.strip().splitlines()[0]}") from exc
    conn.close()
    return "ok"


def engine_url(s: Session) -> URL:
    bind = s.get_bind()
    return bind.url if isinstance(bind, Engine) else bind.engine.url


def verifier(s: Session, name_key: str, password: str) -> str:
    """libpq's SCRAM-SHA-256 verifier for this login's password (SASLprep as at login)."""
    raw = s.connection().connection.driver_connection
    assert raw is not None
    out = raw.pgconn.encrypt_password(password.encode(), name_key.encode(), b"scram-sha-256")
    return bytes(out).decode()


def set_password(s: Session, name_key: str, password: str, new_hash: str, *, temporary: bool) -> None:
    """The login role's password and the users row's hash, in the caller's transaction."""
    s.execute(
        text("SELECT hzbz_set_password(:t, :v, :h, :tmp)"),
        {"t": name_key, "v": verifier(s, name_key, password), "h": new_hash, "tmp": temporary},
    )


def own_key(s: Session, password: str) -> bytes:
    """The per-user wrapping key from the password and the own hash's salt (not its digest)."""
    prefix = s.execute(text("SELECT hzbz_own_hash_salt()")).scalar() or ""
    parts = str(prefix).split("$")
    try:
        salt = base64.b64decode(parts[4])
    except (IndexError, ValueError):
        salt = b"hzbz-server-login"
    return wrapping_key(password, salt)


# -- which database, and the window's login on a server ----------------------------------
def chosen_url(explicit: str | None = None) -> str:
    """--db, else HZBZ_DB, else this PC's server address (``server-address``), else SQLite."""
    from app.io import local_settings
    from app.models.db import DB_ENV, data_dir, default_url

    return explicit or os.environ.get(DB_ENV) or local_settings.server_address(data_dir()) or default_url()


def check_server_address(url: str) -> str:
    """A server address as stored on a PC: PostgreSQL, with a database, without credentials."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - any malformed URL is the same sentence
        raise ServiceError("服务器地址无效，应形如 postgresql+psycopg://服务器地址/hzbz") from exc
    if parsed.get_backend_name() != "postgresql" or not parsed.database or not parsed.host:
        raise ServiceError("服务器地址应形如 postgresql+psycopg://服务器地址/hzbz（PostgreSQL，含数据库名）")
    if parsed.password is not None or parsed.username:
        raise ServiceError("服务器地址里不要写用户名和密码：每个人登录时输入自己的")
    return parsed.render_as_string(hide_password=False)


def needs_server_login(url: str) -> bool:
    """A PostgreSQL URL without a password: each user logs in as themself."""
    parsed = make_url(url)
    return parsed.get_backend_name() == "postgresql" and parsed.password is None


class ServerConnector:
    """The window's login on a shared server: connect as the user with the password typed,
    then the usual login on that connection. Offers ``login`` like UserService, for the dialog."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.engine: Engine | None = None
        self.sessions: SessionFactory | None = None

    def login(self, username: str, password: str) -> Login:
        from app.services.users import AccountDisabled, LoginRefused, UserService, WrongPassword

        key = normalize_username(username)
        if not key:
            raise LoginRefused("请输入用户名")
        url = self.url.set(username=key, password=password).render_as_string(hide_password=False)
        try:
            engine, sessions = open_database(url)
        except OperationalError as exc:
            message = str(exc.orig) if exc.orig else str(exc)
            if "not permitted to log in" in message:
                raise AccountDisabled(username.strip()) from exc
            if "password authentication failed" in message or "no password supplied" in message:
                raise WrongPassword(0) from exc
            raise ServiceError(f"无法连接数据库服务器：{message.strip().splitlines()[0]}") from exc
        try:
            result = UserService(sessions).login(username, password)
        except Exception:
            engine.dispose()
            raise
        self.close()
        self.engine, self.sessions = engine, sessions
        return result

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()
        self.engine = self.sessions = None
