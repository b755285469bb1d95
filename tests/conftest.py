"""Shared fixtures: a fresh SQLite database per test, migrated, with an office and three users."""

from __future__ import annotations

import os

# Before any QApplication exists (PITFALLS.md): tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.models.db import SessionFactory, open_database  # noqa: E402
from app.services import passwords  # noqa: E402
from app.services.auth import Actor  # noqa: E402
from app.services.user_admin import UserAdmin  # noqa: E402
from app.services.users import OfficeInfo, UserService  # noqa: E402

ADMIN_PASSWORD = "admin-pass"
CLERK_PASSWORD = "clerk-pass"
AUDITOR_PASSWORD = "auditor-pass"
# The database and service tests run on SQLite and, where test.sh started one, a real PostgreSQL.
PG_URL = os.environ.get("HZBZ_TEST_PG_URL")
# test.sh runs the suite in two pytest-xdist workers (gw0, gw1): each has its own database beside
# the given one (hzbz_test_gw0 …), made on first use; its schema is emptied per test as below.
_BASE_PG_URL = PG_URL
if PG_URL and os.environ.get("PYTEST_XDIST_WORKER"):
    _name, _sep, _query = PG_URL.partition("?")
    PG_URL = f"{_name}_{os.environ['PYTEST_XDIST_WORKER']}{_sep}{_query}"
BOTH_BACKENDS = (
    "tests/services/",
    "tests/models/",
    "tests/test_concurrency",
    "tests/test_races",  # issue 15 item 4
    "tests/test_bad_input",  # issue 15 item 9: the corpus on both databases
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        path = str(metafunc.definition.path).replace("\\", "/")
        dual = PG_URL and any(part in path for part in BOTH_BACKENDS)
        metafunc.parametrize("backend", ["sqlite", "postgresql"] if dual else ["sqlite"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


# A test's database starts migrated and empty. Migrating costs 0.3 s on SQLite and 0.7 s on
# PostgreSQL per test, so SQLite tests copy one migrated file and PostgreSQL tests empty the
# tables of the one test database — when its schema is exactly as the migrations left it (same
# tables, columns, grants, triggers, functions, policies and revision); otherwise it is dropped
# and migrated again.
_PG_SHAPE = """
SELECT (SELECT string_agg(c.relname || ':' || c.relkind::text || ':' || coalesce(c.relacl::text, ''), ','
                          ORDER BY c.relname)
          FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace),
       (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid
         WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped),
       (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON t.tgrelid = c.oid
         WHERE c.relnamespace = 'public'::regnamespace),
       (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace),
       (SELECT count(*) FROM pg_policy p JOIN pg_class c ON p.polrelid = c.oid
         WHERE c.relnamespace = 'public'::regnamespace),
       (SELECT nspacl::text FROM pg_namespace WHERE nspname = 'public')
"""
_pg_migrated_shape: list[tuple[object, ...]] = []


def _worker_database(url: str) -> None:
    """Create this worker's own database on the server of the given one, once."""
    from sqlalchemy import create_engine, make_url, text

    name = make_url(url).database
    if _pg_migrated_shape or url == _BASE_PG_URL or not _BASE_PG_URL:
        return
    engine = create_engine(_BASE_PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def _fresh_postgres_schema(url: str) -> None:
    """Each test starts from an empty, migrated schema in the worker's test database."""
    from sqlalchemy import create_engine, text

    from app.models.db import SCHEMA_HEAD

    _worker_database(url)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            shape = tuple(conn.execute(text(_PG_SHAPE)).one())
            revision = None
            if _pg_migrated_shape and shape == _pg_migrated_shape[0]:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if revision == SCHEMA_HEAD:
                tables = conn.execute(
                    text(
                        "SELECT tablename FROM pg_tables"
                        " WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                    )
                ).scalars()
                names = ", ".join(f'public."{t}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
                for seq in conn.execute(
                    text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
                ).scalars():
                    conn.execute(text(f'ALTER SEQUENCE public."{seq}" RESTART'))
                return
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    migrated, _factory = open_database(url)
    migrated.dispose()
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        _pg_migrated_shape[:] = [tuple(conn.execute(text(_PG_SHAPE)).one())]
    engine.dispose()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    engine, _factory = open_database(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


# Cheap password hashes: the shipped cost (scrypt N = 2^17, ~0.3 s and 128 MiB a hash) would
# make every test login, and every command a test runs, wait. Hashes made in a test are at
# N = 2^12 and carry it, as every stored hash carries its parameters, so the very code that
# verifies and renews shipped hashes verifies these; tests marked ``full_cost_passwords`` check
# the shipped cost itself. A program started by a test in its own process verifies these cheap
# hashes as it would an old one, and renews them at the shipped cost.
_TEST_SCRYPT_N = 2**12


def cheap_password_hashes(mp: pytest.MonkeyPatch) -> None:
    """Hashes made and checked at the tests' cost (module fixtures that make users call it too)."""
    mp.setattr(passwords, "SCRYPT_N", _TEST_SCRYPT_N)
    mp.setattr(passwords, "_DUMMY", passwords._DUMMY.replace(f"${2**17}$", f"${_TEST_SCRYPT_N}$", 1))


@pytest.fixture(autouse=True)
def _cheap_password_hashes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if not request.node.get_closest_marker("full_cost_passwords"):
        cheap_password_hashes(monkeypatch)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user data folder or a database named in the environment."""
    monkeypatch.setenv("HZBZ_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("HZBZ_DB", raising=False)
    monkeypatch.delenv("HZBZ_USER", raising=False)


@pytest.fixture
def db_url(tmp_path: Path, backend: str, _sqlite_template: Path) -> str:
    if backend == "postgresql":
        assert PG_URL
        _fresh_postgres_schema(PG_URL)
        return PG_URL
    path = tmp_path / "test.db"
    shutil.copyfile(_sqlite_template, path)
    path.chmod(0o600)  # as the program makes it: owner-only
    return f"sqlite:///{path}"


@pytest.fixture
def sessions(db_url: str) -> SessionFactory:
    engine, factory = open_database(db_url)
    yield factory
    engine.dispose()


@pytest.fixture
def admin(sessions: SessionFactory) -> Actor:
    return UserService(sessions).set_up(OfficeInfo("测试办事处", "办事处", "威海市"), "admin", ADMIN_PASSWORD)


@pytest.fixture
def clerk(sessions: SessionFactory, admin: Actor) -> Actor:
    info = UserAdmin(sessions, admin).create_user(
        "clerk1", CLERK_PASSWORD, "clerk", "经办员甲", temporary=False
    )
    return Actor(info.id, info.username, info.role)


@pytest.fixture
def auditor(sessions: SessionFactory, admin: Actor) -> Actor:
    info = UserAdmin(sessions, admin).create_user(
        "auditor1", AUDITOR_PASSWORD, "auditor", "审核员乙", temporary=False
    )
    return Actor(info.id, info.username, info.role)
