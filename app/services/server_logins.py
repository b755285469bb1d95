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
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from app.services.errors import ServiceError
from app.services.passwords import wrapping_key

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
