"""The shared PostgreSQL server enforces the roles itself (``server-setup``), on the real server.

A clerk's own login with plain SQL cannot approve a claim, change a role, edit or delete audit
rows, or read password hashes; the program still works as that clerk for what a clerk may do.
Needs a superuser's URL (HZBZ_TEST_PG_ADMIN_URL, set by test.sh); skipped where no server runs.
The set-up's roles are cluster-wide, so the module holds an advisory lock while it runs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from app.models.db import SessionFactory, open_database
from app.services.audit import verify_chain
from app.services.auth import Actor
from app.services.claims import ClaimService
from app.services.errors import PermissionDenied
from app.services.server_logins import ServerConnector, chosen_url, needs_server_login
from app.services.server_setup import set_up_server
from app.services.user_admin import UserAdmin
from app.services.users import LoginRefused, OfficeInfo, UserService
from tests.cli_helpers import password_file, run
from tests.conftest import cheap_password_hashes
from tests.factories_claims import enrolled_member, hospital_stay

ADMIN_URL = os.environ.get("HZBZ_TEST_PG_ADMIN_URL")
pytestmark = pytest.mark.skipif(
    not ADMIN_URL, reason="没有 PostgreSQL 超级用户地址（HZBZ_TEST_PG_ADMIN_URL）"
)

PASSWORDS = {"admin": "Admin-pass-2026", "clerk1": "Clerk-pass-2026", "auditor1": "Audit-pass-2026"}
D = dt.date


@dataclass
class Server:
    admin_url: str
    database: str
    host: str
    port: int
    engines: list[Engine]

    def url(self, user: str, password: str | None = None) -> str:
        secret = password or PASSWORDS[user]
        return f"postgresql+psycopg://{user}:{secret}@{self.host}:{self.port}/{self.database}"

    def sessions(self, user: str, password: str | None = None) -> SessionFactory:
        engine, factory = open_database(self.url(user, password))
        self.engines.append(engine)
        return factory

    def sql(self, user: str, password: str | None = None) -> psycopg.Connection:
        return psycopg.connect(
            host=self.host,
            port=self.port,
            dbname=self.database,
            user=user,
            password=password or PASSWORDS[user],
            autocommit=True,
        )


def _clean_cluster(maintenance: psycopg.Connection, database: str) -> None:
    maintenance.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    logins = maintenance.execute(
        "SELECT DISTINCT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
        "JOIN pg_roles m ON m.oid = a.member "
        "WHERE g.rolname IN ('hzbz_admins', 'hzbz_clerks', 'hzbz_auditors') AND m.rolname <> 'hzbz_owner'"
    ).fetchall()
    for (name,) in logins:
        maintenance.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture(scope="module")
def server_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder for the module: the audit key made at set-up is needed by every test."""
    return tmp_path_factory.mktemp("server-data")


@pytest.fixture(autouse=True)
def _server_data_dir(server_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HZBZ_DATA_DIR", str(server_data))


@pytest.fixture(scope="module")
def server(server_data: Path) -> Iterator[Server]:
    assert ADMIN_URL
    url = make_url(ADMIN_URL)
    assert url.database
    maintenance = psycopg.connect(
        host=url.host, port=url.port, dbname="postgres", user=url.username, password=url.password,
        autocommit=True,
    )  # fmt: skip
    maintenance.execute("SELECT pg_advisory_lock(1713)")  # one set-up test run at a time per cluster
    _clean_cluster(maintenance, url.database)
    srv = Server(ADMIN_URL, url.database, url.host or "localhost", url.port or 5432, [])
    with pytest.MonkeyPatch.context() as mp:  # hashes made once per password, as in conftest
        cheap_password_hashes(mp)
        mp.setenv("HZBZ_DATA_DIR", str(server_data))
        set_up_server(ADMIN_URL, OfficeInfo("共享办事处", "办事处", "威海市"), PASSWORDS["admin"])
        admin_sessions = srv.sessions("admin")
        admin = UserService(admin_sessions).authenticate("admin", PASSWORDS["admin"])
        users = UserAdmin(admin_sessions, admin)
        users.create_user("clerk1", PASSWORDS["clerk1"], "clerk", "经办员甲", temporary=False)
        users.create_user("auditor1", PASSWORDS["auditor1"], "auditor", "审核员乙", temporary=False)
    yield srv
    for engine in srv.engines:
        engine.dispose()
    _clean_cluster(maintenance, url.database)
    maintenance.execute("SELECT pg_advisory_unlock(1713)")
    maintenance.close()


def _login(server: Server, user: str) -> tuple[SessionFactory, Actor]:
    sessions = server.sessions(user)
    return sessions, UserService(sessions).authenticate(user, PASSWORDS[user])


def _refused(conn: psycopg.Connection, statement: str, match: str = "") -> str:
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(statement)
    message = str(caught.value)
    assert match in message, message
    return message


@pytest.fixture(scope="module")
def claim_at_audit(server: Server, server_data: Path) -> Iterator[str]:
    """A claim taken in by clerk1 and audited by auditor1 (status office_audited)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HZBZ_DATA_DIR", str(server_data))
        yield _claim_at_audit(server)


def _claim_at_audit(server: Server) -> str:
    clerk_sessions, clerk = _login(server, "clerk1")
    _uid, mid = enrolled_member(clerk_sessions, clerk)
    desk = ClaimService(clerk_sessions, clerk)
    no = desk.create(hospital_stay(mid))
    assert desk.act(no, "submit") == "submitted"
    auditor_sessions, auditor = _login(server, "auditor1")
    office = ClaimService(auditor_sessions, auditor)
    assert office.act(no, "review") == "unit_reviewed"
    assert office.act(no, "audit", today=D(2020, 5, 29)) == "office_audited"
    return no


def test_tables_belong_to_an_owner_nobody_logs_in_as(server: Server) -> None:
    with server.sql("admin") as conn:
        owners = {
            r[0]
            for r in conn.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
        }
        assert owners == {"hzbz_owner"}
        can_login = conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'hzbz_owner'").fetchone()
        assert can_login == (False,)
        groups = conn.execute(
            "SELECT m.rolname, g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member "
            "WHERE m.rolname IN ('admin', 'clerk1', 'auditor1') ORDER BY 1"
        ).fetchall()
        assert groups == [("admin", "hzbz_admins"), ("auditor1", "hzbz_auditors"), ("clerk1", "hzbz_clerks")]
        _refused(conn, "SET ROLE hzbz_owner", "permission denied")


def test_a_clerk_with_plain_sql_cannot_approve_change_roles_touch_the_log_or_read_hashes(
    server: Server, claim_at_audit: str
) -> None:
    no = claim_at_audit
    with server.sql("clerk1") as conn:
        _refused(
            conn,
            f"UPDATE claims SET status = 'approved', approved_fen = amount_fen WHERE claim_no = '{no}'",
            "无权",
        )
        _refused(conn, f"UPDATE claims SET approved_fen = 1 WHERE claim_no = '{no}'", "批准金额")
        _refused(conn, f"UPDATE claims SET amount_fen = 99999999 WHERE claim_no = '{no}'", "已受理")
        forged = (
            "INSERT INTO claims (claim_no, member_id, relation, unit_id, plan_code, plan_version, benefit, "
            "event_key, event_date, facts, applied_on, status, eligible, amount_fen, cap_fen, decision, "
            "materials, approved_fen, paid_account, paid_reference, created_at, updated_at, version) "
            "SELECT 'X1', member_id, relation, unit_id, plan_code, plan_version, benefit, event_key || 'x', "
            "event_date, facts, applied_on, 'approved', eligible, amount_fen, cap_fen, decision, materials, "
            f"amount_fen, '', '', now(), now(), 1 FROM claims WHERE claim_no = '{no}'"
        )
        _refused(conn, forged, "新理赔")
        _refused(conn, "UPDATE users SET role = 'admin' WHERE name_key = 'clerk1'", "permission denied")
        _refused(conn, "INSERT INTO users (username, name_key, display_name, role, password_hash, active, "
                 "must_change_password, created_at) VALUES ('x', 'x', 'x', 'admin', '', true, false, now())",
                 "permission denied")  # fmt: skip
        _refused(conn, "GRANT hzbz_admins TO clerk1", "")
        _refused(conn, "ALTER ROLE clerk1 CREATEROLE", "permission denied")
        _refused(conn, "UPDATE audit_events SET action = 'x'", "permission denied")
        _refused(conn, "DELETE FROM audit_events", "permission denied")
        _refused(conn, "TRUNCATE audit_events", "permission denied")
        _refused(conn, "DELETE FROM claim_steps", "permission denied")
        _refused(conn, "ALTER TABLE claims DISABLE TRIGGER hzbz_claims_guard", "must be owner")
        _refused(conn, "SELECT password_hash FROM users", "permission denied")
        _refused(conn, "SELECT * FROM users", "permission denied")
        _refused(conn, "SELECT hzbz_set_password('admin', 'SCRAM-SHA-256$x', '', false)", "管理员")
        _refused(
            conn,
            "INSERT INTO audit_events (at, user_id, username, action, entity, entity_id, detail, prev_hash, "
            "hash) SELECT now(), id, username, 'approve', 'claim', 'x', '', '', '' FROM users "
            "WHERE name_key = 'auditor1'",
            "本人",
        )
        assert conn.execute(f"SELECT status FROM claims WHERE claim_no = '{no}'").fetchone() == (
            "office_audited",
        )
        assert conn.execute("SELECT role FROM users WHERE name_key = 'clerk1'").fetchone() == ("clerk",)
    with server.sql("auditor1") as conn:  # an auditor may decide, but not pay or write the rules' figures
        _refused(conn, f"UPDATE claims SET status = 'paid', paid_fen = 1 WHERE claim_no = '{no}'", "无权")
        _refused(conn, f"UPDATE claims SET amount_fen = amount_fen + 1 WHERE claim_no = '{no}'", "已受理")
        _refused(conn, "DELETE FROM audit_events", "permission denied")
        _refused(conn, "SELECT password_hash FROM users", "permission denied")
    with server.sql("admin") as conn:  # an administrator neither
        _refused(conn, "UPDATE audit_events SET action = 'x'", "permission denied")
        _refused(conn, "DELETE FROM audit_events", "permission denied")
        _refused(conn, "SELECT password_hash FROM users", "permission denied")


def test_the_program_works_as_the_clerk_for_what_a_clerk_may_do(server: Server, claim_at_audit: str) -> None:
    no = claim_at_audit
    clerk_sessions, clerk = _login(server, "clerk1")
    desk = ClaimService(clerk_sessions, clerk)
    with pytest.raises(PermissionDenied):
        desk.act(no, "approve", amount="500")
    auditor_sessions, auditor = _login(server, "auditor1")
    assert ClaimService(auditor_sessions, auditor).act(no, "approve", amount="500") == "approved"
    paid = desk.act(
        no, "pay", amount="500", paid_on=D(2020, 6, 1), account="6222000011112222", today=D(2020, 6, 1)
    )
    assert paid == "paid"
    with server.sql("clerk1") as conn:  # paid once: a second payment or a raised amount is refused
        _refused(conn, f"UPDATE claims SET paid_fen = paid_fen + 100 WHERE claim_no = '{no}'", "支付")
    with clerk_sessions() as s:
        assert verify_chain(s) == []


def test_user_management_creates_repasswords_disables_and_moves_login_roles(server: Server) -> None:
    # Passwords already hashed once in this run (each new one costs a full scrypt).
    first, own, reset = PASSWORDS["clerk1"], PASSWORDS["auditor1"], PASSWORDS["admin"]
    admin_sessions, admin = _login(server, "admin")
    users = UserAdmin(admin_sessions, admin)
    users.create_user("clerk2", first, "clerk", "经办员丙")  # temporary: changed at first login
    with server.sql("clerk2", first) as conn:
        assert conn.execute("SELECT hzbz_session_role()").fetchone() == ("clerk",)
    clerk2_sessions = server.sessions("clerk2", first)
    login = UserService(clerk2_sessions).login("clerk2", first)
    assert login.must_change
    UserAdmin(clerk2_sessions, login.actor).set_own_password(login, own, first)
    with pytest.raises(psycopg.OperationalError):
        server.sql("clerk2", first)
    with server.sql("clerk2", own) as conn:
        assert conn.execute(
            "SELECT must_change_password FROM users WHERE name_key = 'clerk2'"
        ).fetchone() == (False,)
    users.set_role("clerk2", "auditor")
    with server.sql("clerk2", own) as conn:
        assert conn.execute("SELECT hzbz_session_role()").fetchone() == ("auditor",)
    users.reset_password("clerk2", reset)
    with server.sql("clerk2", reset) as conn:
        assert conn.execute(
            "SELECT must_change_password FROM users WHERE name_key = 'clerk2'"
        ).fetchone() == (True,)
    users.set_active("clerk2", False)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        server.sql("clerk2", reset)
    users.set_active("clerk2", True)
    server.sql("clerk2", reset).close()
    with admin_sessions() as s:
        assert verify_chain(s) == []


def test_server_setup_runs_once_then_upgrades_and_users_connect_as_themselves(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ADMIN_URL
    pw = password_file(tmp_path, "admin", PASSWORDS["admin"])
    again = ["server-setup", "--admin-url", ADMIN_URL, "--office", "共享办事处", "--level", "办事处"]
    code, _out, err = run(capsys, *again, "--password-file", str(pw))
    assert code == 2 and "已经设置过" in err
    code, out, err = run(capsys, "server-setup", "--admin-url", ADMIN_URL, "--upgrade")
    assert code == 0, err
    own = f"postgresql+psycopg://clerk1@{server.host}:{server.port}/{server.database}"
    clerk_pw = password_file(tmp_path, "clerk1", PASSWORDS["clerk1"])
    code, out, err = run(capsys, "--db", own, "--password-file", str(clerk_pw), "user", "list")
    assert code == 2 and "无权管理用户" in err
    out_file = tmp_path / "roster.xlsx"
    code, out, err = run(
        capsys, "--db", own, "--password-file", str(clerk_pw), "export-roster", "--out", str(out_file)
    )
    assert code == 0 and out_file.is_file(), err
    wrong = password_file(tmp_path, "wrong", "Not-the-password-1")
    code, out, err = run(capsys, "--db", own, "--password-file", str(wrong), "user", "list")
    assert code == 2 and "服务器拒绝登录" in err
    as_other = ["--db", own, "--user", "auditor1", "--password-file", str(clerk_pw), "user", "list"]
    code, out, err = run(capsys, *as_other)
    assert code == 2 and "clerk1" in err


def test_the_window_asks_name_and_password_and_connects_as_that_user(
    server: Server,
    tmp_path: Path,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.ui.users.login_dialog import LoginDialog

    address = f"postgresql+psycopg://{server.host}:{server.port}/{server.database}"
    code, out, err = run(capsys, "server-address", address)
    assert code == 0, err
    assert chosen_url() == address and needs_server_login(address)
    code, _out, err = run(capsys, "server-address", f"postgresql+psycopg://clerk1:x@{server.host}/db")
    assert code == 2 and "不要写用户名和密码" in err
    connector = ServerConnector(chosen_url())
    dialog = LoginDialog(connector, server.host)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("Clerk1")  # names compare without case, as everywhere
    dialog.password.setText("Not-the-password-1")
    dialog.accept()
    assert dialog.actor is None and dialog.error.text() == "用户名或密码错误"
    dialog.password.setText(PASSWORDS["clerk1"])
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.username == "clerk1" and dialog.actor.role == "clerk"
    assert connector.sessions is not None
    with connector.sessions() as s:
        assert s.execute(text("SELECT session_user")).scalar() == "clerk1"
    # The lock's check on that connection takes the same user's password, and no other user.
    users = UserService(connector.sessions)
    assert users.login("clerk1", PASSWORDS["clerk1"]).actor.username == "clerk1"
    with pytest.raises(LoginRefused, match="重新登录"):
        users.login("auditor1", PASSWORDS["auditor1"])
    connector.close()
    # Headless on this PC: the stored address, the user named by --user.
    clerk_pw = password_file(tmp_path, "clerk1", PASSWORDS["clerk1"])
    out_file = tmp_path / "roster.xlsx"
    code, _out, err = run(
        capsys, "--user", "clerk1", "--password-file", str(clerk_pw), "export-roster", "--out", str(out_file)
    )
    assert code == 0 and out_file.is_file(), err
    code, out, _err = run(capsys, "server-address", "--clear")
    assert code == 0 and chosen_url().startswith("sqlite")
