"""``server-setup``: an office's shared PostgreSQL database where the server enforces the roles.

Run once with a superuser's URL naming the office's database (created when missing): the owner
role (NOLOGIN), the three group roles, the schema migrated as the owner, the guard's functions
and triggers (``app.models.server_sql``), the grants, then the office profile and the first
administrator ``admin`` as a login role with the given password. ``upgrade=True`` afterwards
brings the schema to this version's head (still as the owner) and renews functions and grants.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from app.models import server_sql
from app.models.db import make_session_factory, upgrade_on
from app.services.auth import PERMISSIONS
from app.services.claims import ACTIONS
from app.services.errors import Conflict, ServiceError
from app.services.users import OfficeInfo, UserService

ADMIN_NAME = "admin"


@dataclass(frozen=True)
class ServerReport:
    database: str
    host: str
    port: int
    upgraded: bool

    def user_url(self, user: str = "用户名") -> str:
        return f"postgresql+psycopg://{user}:密码@{self.host}:{self.port}/{self.database}"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def transitions() -> list[tuple[str, str, str]]:
    """(role, from, to) each non-administrator role may make, from the services' action table."""
    rows: set[tuple[str, str, str]] = set()
    for role in ("clerk", "auditor"):
        for starts, target, permission, _name in ACTIONS.values():
            if permission in PERMISSIONS[role]:
                rows.update((role, start, target) for start in starts)
    return sorted(rows)


def _roles(conn: Connection) -> None:
    existing = set(conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE 'hzbz\\_%'")).scalars())
    if server_sql.OWNER not in existing:
        conn.execute(text(f"CREATE ROLE {server_sql.OWNER} NOLOGIN CREATEROLE"))
    for group in server_sql.GROUPS.values():
        if group not in existing:
            conn.execute(text(f"CREATE ROLE {group} NOLOGIN"))
        # Needed from PostgreSQL 16 on to grant and revoke membership (harmless before).
        conn.execute(text(f"GRANT {group} TO {server_sql.OWNER} WITH ADMIN OPTION"))
    # To end a disabled user's open connections.
    conn.execute(text(f"GRANT pg_signal_backend TO {server_sql.OWNER}"))


def apply_guard(conn: Connection, database: str) -> None:
    """Functions, triggers, the transitions table and every grant, as the owner (idempotent)."""
    owner, groups = server_sql.OWNER, ", ".join(server_sql.GROUPS.values())
    conn.execute(text(f"REVOKE ALL ON DATABASE {_quote(database)} FROM PUBLIC"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {_quote(database)} TO {groups}"))
    conn.execute(text(f"SET LOCAL ROLE {owner}"))
    for statement in server_sql.functions_sql():
        conn.execute(text(statement))
    conn.execute(text(f"DELETE FROM {server_sql.TRANSITIONS_TABLE}"))
    conn.execute(
        text(f"INSERT INTO {server_sql.TRANSITIONS_TABLE} VALUES (:r, :f, :t)"),
        [{"r": r, "f": f, "t": t} for r, f, t in transitions()],
    )
    tables = list(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    sequences = list(
        conn.execute(text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")).scalars()
    )
    for statement in server_sql.grants_sql(sorted(tables), sorted(sequences)):
        conn.execute(text(statement))
    conn.execute(text("RESET ROLE"))


def set_up_server(
    admin_url: str, office: OfficeInfo | None, password: str | None, *, upgrade: bool = False
) -> ServerReport:
    """Set up (or, ``upgrade``, bring up to date) the office's database named in ``admin_url``."""
    try:
        url = make_url(admin_url)
    except Exception as exc:  # noqa: BLE001 - any malformed URL is the same sentence
        raise ServiceError("--admin-url 不是有效的数据库地址") from exc
    if url.get_backend_name() != "postgresql" or not url.database:
        raise ServiceError(
            "--admin-url 须是 PostgreSQL 超级用户的地址，并写明数据库名，如 postgresql+psycopg://postgres:密码@服务器/hzbz"
        )
    if not upgrade and (office is None or not password):
        raise ServiceError("首次设置须给出办事处名称、级别和管理员密码")
    if not upgrade:
        assert office is not None and password is not None
        UserService.check_office(office)
        from app.services.users import check_new_password

        check_new_password(ADMIN_NAME, password)
    database = url.database
    _prepare_cluster(url, database, upgrade)
    engine = create_engine(url, pool_pre_ping=True)
    try:
        with engine.begin() as conn:
            done = conn.execute(text("SELECT to_regclass('public.alembic_version') IS NOT NULL")).scalar()
            if done and not upgrade:
                raise Conflict("该数据库已经设置过；升级程序后请加 --upgrade 更新数据库结构和权限")
            if not done and upgrade:
                raise ServiceError("该数据库还没有设置过，请先不带 --upgrade 运行 server-setup")
            conn.execute(text(f"ALTER SCHEMA public OWNER TO {server_sql.OWNER}"))
            conn.execute(text(f"SET LOCAL ROLE {server_sql.OWNER}"))
            upgrade_on(conn)
            conn.execute(text("RESET ROLE"))
            apply_guard(conn, database)
        if not upgrade:
            assert office is not None and password is not None
            UserService(make_session_factory(engine)).set_up(office, ADMIN_NAME, password)
    finally:
        engine.dispose()
    return ServerReport(database, url.host or "localhost", url.port or 5432, upgrade)


def _prepare_cluster(url: URL, database: str, upgrade: bool) -> None:
    """Roles, and the database when missing, from the maintenance database (autocommit)."""
    maintenance = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with maintenance.connect() as conn:
            if not conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar():
                raise ServiceError("--admin-url 的用户须是 PostgreSQL 超级用户（如 postgres）")
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}
            ).scalar()
            if upgrade:
                if not exists:
                    raise ServiceError(f"服务器上没有数据库“{database}”")
                _roles(conn)
                return
            _roles(conn)
            if exists:
                conn.execute(text(f"ALTER DATABASE {_quote(database)} OWNER TO {server_sql.OWNER}"))
            else:
                conn.execute(
                    text(
                        f"CREATE DATABASE {_quote(database)} OWNER {server_sql.OWNER} "
                        "ENCODING 'UTF8' TEMPLATE template0"
                    )
                )
    except OperationalError as exc:
        raise ServiceError(
            f"无法以超级用户连接数据库服务器：{str(exc.orig).strip().splitlines()[0]}"
        ) from exc
    finally:
        maintenance.dispose()
