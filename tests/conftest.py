"""Shared fixtures: a fresh SQLite database per test, migrated, with an office and three users."""

from __future__ import annotations

import os

# Before any QApplication exists (PITFALLS.md): tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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


def _fresh_postgres_schema(url: str) -> None:
    """Each test starts from an empty schema in the one test database (a new database is slower)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


# Pre-hashed credentials: a full-cost scrypt hash (N = 2^17, ~0.3 s) is made once per password
# per test session and reused with its salt, so that fixtures creating users stay fast. Only
# making hashes is shared: every login still verifies at full cost, as the shipped program does.
_HASHES: dict[str, tuple[str, bytes]] = {}
_real_hash_and_key = passwords.hash_and_key


def _prehashed(password: str) -> tuple[str, bytes]:
    if password not in _HASHES:
        _HASHES[password] = _real_hash_and_key(password)
    return _HASHES[password]


@pytest.fixture(autouse=True)
def _prehashed_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "hash_and_key", _prehashed)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user data folder or a database named in the environment."""
    monkeypatch.setenv("HZBZ_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("HZBZ_DB", raising=False)
    monkeypatch.delenv("HZBZ_USER", raising=False)


@pytest.fixture
def db_url(tmp_path: Path, backend: str) -> str:
    if backend == "postgresql":
        assert PG_URL
        _fresh_postgres_schema(PG_URL)
        return PG_URL
    return f"sqlite:///{tmp_path / 'test.db'}"


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
