"""The shared PostgreSQL server's own guard: roles, grants, checking functions and triggers.

Used by ``app.services.server_setup`` only (never on SQLite, never on a database set up the old
way with one login that owns the tables). The design and what it does not cover:
``docs/design-server-roles.md``.

- ``hzbz_owner`` owns every table and function; it cannot log in (NOLOGIN). It holds CREATEROLE
  so that the functions below, which run as it (SECURITY DEFINER), can keep each program user's
  login role in step with the ``users`` table.
- ``hzbz_admins``, ``hzbz_clerks``, ``hzbz_auditors``: one group role per program role; every
  program user is a login role (named by the user's ``name_key``) in exactly one of them.
- Grants give each group what its program role needs; ``audit_events`` and ``claim_steps`` are
  append-only for all of them, and nobody but the owner reads ``users.password_hash``.
- Triggers check the session's group role on every claim write (the transitions each role may
  make come from the services' own action table), that an audit entry or claim step names the
  session's own user, and turn every ``users`` change into the matching role change.
"""

from __future__ import annotations

OWNER = "hzbz_owner"
GROUPS = {"admin": "hzbz_admins", "clerk": "hzbz_clerks", "auditor": "hzbz_auditors"}
TRANSITIONS_TABLE = "hzbz_claim_transitions"

# Tables only administrators write (plans.manage, office.manage, users.manage).
ADMIN_TABLES = frozenset({"office_profile", "plan_versions", "app_settings"})
# The users columns every group reads (all but the hash) and those administrators change.
USER_READ_COLUMNS = (
    "id", "username", "name_key", "display_name", "role", "active",
    "must_change_password", "password_changed_at", "created_at",
)  # fmt: skip
USER_ADMIN_UPDATE_COLUMNS = (
    "display_name", "role", "active", "must_change_password", "password_changed_at", "password_hash",
)  # fmt: skip
# A claim's intake: what the clerk entered and what the rules made of it. It changes only while
# the claim is a draft or returned for more materials (and on the step that leaves those).
CLAIM_INTAKE_COLUMNS = (
    "claim_no", "member_id", "family_member_id", "relation", "unit_id", "enrollment_id", "plan_code",
    "plan_version", "plan_version_id", "benefit", "event_key", "event_date", "facts", "applied_on",
    "eligible", "amount_fen", "cap_fen", "decision", "materials", "submitted_by", "created_by",
)  # fmt: skip
CLAIM_DECISION_COLUMNS = ("approved_fen", "computed_on", "due_on")
CLAIM_PAYMENT_COLUMNS = ("paid_fen", "paid_on", "paid_account", "paid_reference")

_SAFE_PATH = "SET search_path = pg_catalog, public, pg_temp"
_FUNCTIONS = (
    "hzbz_set_password(text, text, text, boolean), hzbz_own_hash_salt(), hzbz_session_role(), "
    "hzbz_session_user_id()"
)


def _row(prefix: str, columns: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"{prefix}.{c}" for c in columns) + ")"


def functions_sql() -> list[str]:
    """Functions and triggers (idempotent: CREATE OR REPLACE), run as the owner."""
    admins, clerks, auditors = GROUPS["admin"], GROUPS["clerk"], GROUPS["auditor"]
    intake_changed = (
        f"{_row('NEW', CLAIM_INTAKE_COLUMNS)} IS DISTINCT FROM {_row('OLD', CLAIM_INTAKE_COLUMNS)}"
    )
    decision_changed = (
        f"{_row('NEW', CLAIM_DECISION_COLUMNS)} IS DISTINCT FROM {_row('OLD', CLAIM_DECISION_COLUMNS)}"
    )
    payment_changed = (
        f"{_row('NEW', CLAIM_PAYMENT_COLUMNS)} IS DISTINCT FROM {_row('OLD', CLAIM_PAYMENT_COLUMNS)}"
    )
    return [
        f"""
CREATE TABLE IF NOT EXISTS {TRANSITIONS_TABLE} (
    role text NOT NULL, from_status text NOT NULL, to_status text NOT NULL,
    PRIMARY KEY (role, from_status, to_status)
)""",
        # The session's program role, from its group membership (the login, not SET ROLE).
        f"""
CREATE OR REPLACE FUNCTION hzbz_session_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER {_SAFE_PATH} AS $$
    SELECT CASE
        WHEN session_user = '{OWNER}' OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
            THEN 'owner'
        WHEN pg_has_role(session_user, '{admins}', 'MEMBER') THEN 'admin'
        WHEN pg_has_role(session_user, '{auditors}', 'MEMBER') THEN 'auditor'
        WHEN pg_has_role(session_user, '{clerks}', 'MEMBER') THEN 'clerk'
        ELSE 'none'
    END
$$""",
        f"""
CREATE OR REPLACE FUNCTION hzbz_session_user_id() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER {_SAFE_PATH} AS $$
    SELECT id FROM public.users WHERE name_key = session_user::text AND active
$$""",
        # Audit entries and claim steps: appended only, and only in the session's own name.
        f"""
CREATE OR REPLACE FUNCTION hzbz_own_entry() RETURNS trigger
LANGUAGE plpgsql {_SAFE_PATH} AS $$
DECLARE r text := hzbz_session_role();
BEGIN
    IF r = 'owner' THEN RETURN NEW; END IF;
    IF r = 'none' THEN
        RAISE EXCEPTION '数据库用户 % 不是本程序的用户', session_user USING ERRCODE = '42501';
    END IF;
    IF NEW.user_id IS NULL AND NEW.username = 'system' AND TG_TABLE_NAME = 'audit_events' THEN
        RETURN NEW;  -- the program's own entries (a name locked after wrong passwords)
    END IF;
    IF NEW.user_id IS DISTINCT FROM hzbz_session_user_id()
       OR NEW.username IS DISTINCT FROM (SELECT username FROM public.users WHERE id = NEW.user_id) THEN
        RAISE EXCEPTION '只能以登录用户本人（%）的名义记录', session_user USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$""",
        # Claims: who may move a claim where, and which columns each step may touch.
        f"""
CREATE OR REPLACE FUNCTION hzbz_claims_guard() RETURNS trigger
LANGUAGE plpgsql {_SAFE_PATH} AS $$
DECLARE
    r text := hzbz_session_role();
    me integer := hzbz_session_user_id();
BEGIN
    IF r = 'owner' THEN RETURN NEW; END IF;
    IF TG_OP = 'INSERT' THEN
        IF r NOT IN ('clerk', 'admin') THEN
            RAISE EXCEPTION '只有经办员或管理员能受理理赔' USING ERRCODE = '42501';
        END IF;
        IF NEW.status NOT IN ('draft', 'submitted') OR NEW.approved_fen IS NOT NULL
           OR NEW.paid_fen IS NOT NULL THEN
            RAISE EXCEPTION '新理赔只能是草稿或已受理，且没有批准或支付金额' USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND r <> 'admin' AND NOT EXISTS (
        SELECT 1 FROM public.{TRANSITIONS_TABLE} t
        WHERE t.role = r AND t.from_status = OLD.status AND t.to_status = NEW.status
    ) THEN
        RAISE EXCEPTION '%（%）无权把理赔 % 从 % 改为 %', session_user, r, OLD.claim_no, OLD.status,
            NEW.status USING ERRCODE = '42501';
    END IF;
    IF NEW.status = 'approved' AND OLD.status IS DISTINCT FROM 'approved'
       AND NEW.submitted_by IS NOT DISTINCT FROM me THEN
        RAISE EXCEPTION '受理人不能批准自己受理的理赔 %', OLD.claim_no USING ERRCODE = '42501';
    END IF;
    IF {intake_changed} AND NOT (r IN ('clerk', 'admin') AND OLD.status IN ('draft', 'returned')) THEN
        RAISE EXCEPTION '理赔 % 已受理，事实和核定金额不能再改', OLD.claim_no USING ERRCODE = '42501';
    END IF;
    IF {decision_changed} AND r NOT IN ('auditor', 'admin') THEN
        RAISE EXCEPTION '只有审核员或管理员能改批准金额和核定日期' USING ERRCODE = '42501';
    END IF;
    IF {payment_changed} AND NOT (r IN ('clerk', 'admin')
       AND (r = 'admin' OR (OLD.status = 'approved' AND NEW.status = 'paid'))) THEN
        RAISE EXCEPTION '支付只能由经办员或管理员对已批准的理赔记录' USING ERRCODE = '42501';
    END IF;
    IF NEW.approved_fen IS NOT NULL AND NEW.approved_fen > NEW.amount_fen THEN
        RAISE EXCEPTION '批准金额不能超过核定金额' USING ERRCODE = '23514';
    END IF;
    IF NEW.paid_fen IS NOT NULL AND NEW.paid_fen > COALESCE(NEW.approved_fen, 0) THEN
        RAISE EXCEPTION '支付金额不能超过批准金额' USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$""",
        # users ↔ login roles: a new user is a new login role in its group; a role change moves
        # it between groups; disabling takes LOGIN away. Runs as the owner (CREATEROLE).
        f"""
CREATE OR REPLACE FUNCTION hzbz_users_sync() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {_SAFE_PATH} AS $$
DECLARE
    groups jsonb := '{{"admin": "{admins}", "clerk": "{clerks}", "auditor": "{auditors}"}}';
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '用户不能删除，只能停用' USING ERRCODE = '42501';
    END IF;
    IF NOT groups ? NEW.role THEN
        RAISE EXCEPTION '角色 % 无效', NEW.role USING ERRCODE = '23514';
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.name_key LIKE 'hzbz\\_%' OR NEW.name_key LIKE 'pg\\_%' OR octet_length(NEW.name_key) > 63 THEN
            RAISE EXCEPTION '用户名 % 不能用作数据库登录名', NEW.username USING ERRCODE = '22023';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = NEW.name_key) THEN
            RAISE EXCEPTION '服务器上已有名为 % 的数据库角色', NEW.name_key USING ERRCODE = '42710';
        END IF;
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT IN ROLE %I',
                       NEW.name_key, groups ->> NEW.role);
        IF NOT NEW.active THEN EXECUTE format('ALTER ROLE %I NOLOGIN', NEW.name_key); END IF;
        RETURN NEW;
    END IF;
    IF NEW.name_key IS DISTINCT FROM OLD.name_key THEN
        RAISE EXCEPTION '用户名不能修改' USING ERRCODE = '42501';
    END IF;
    IF NEW.role IS DISTINCT FROM OLD.role THEN
        EXECUTE format('REVOKE %I FROM %I', groups ->> OLD.role, NEW.name_key);
        EXECUTE format('GRANT %I TO %I', groups ->> NEW.role, NEW.name_key);
    END IF;
    IF NEW.active IS DISTINCT FROM OLD.active THEN
        EXECUTE format('ALTER ROLE %I %s', NEW.name_key,
                       CASE WHEN NEW.active THEN 'LOGIN' ELSE 'NOLOGIN' END);
        IF NOT NEW.active THEN  -- a disabled user's open connections end now
            PERFORM pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE usename = NEW.name_key AND pid <> pg_backend_pid();
        END IF;
    END IF;
    RETURN NEW;
END $$""",
        # A login's password, as a SCRAM verifier made on the client (never the password itself):
        # an administrator for anyone, everybody for themself.
        f"""
CREATE OR REPLACE FUNCTION hzbz_set_password(target text, verifier text, new_hash text, temporary boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER {_SAFE_PATH} AS $$
DECLARE
    r text := hzbz_session_role();
    own boolean := target = session_user::text;
BEGIN
    IF NOT own AND r NOT IN ('admin', 'owner') THEN
        RAISE EXCEPTION '只有管理员能设置别人的密码' USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM public.users WHERE name_key = target) THEN
        RAISE EXCEPTION '用户 % 不存在', target USING ERRCODE = '42704';
    END IF;
    IF verifier !~ '^SCRAM-SHA-256\\$' THEN
        RAISE EXCEPTION '密码须以 SCRAM 校验值传送' USING ERRCODE = '22023';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', target, verifier);
    UPDATE public.users
       SET password_hash = new_hash, must_change_password = temporary AND NOT own,
           password_changed_at = localtimestamp
     WHERE name_key = target;
END $$""",
        # The salt and cost of the session user's own stored hash (not the digest): the program
        # derives the same per-user key from the password as on SQLite.
        f"""
CREATE OR REPLACE FUNCTION hzbz_own_hash_salt() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER {_SAFE_PATH} AS $$
    SELECT array_to_string((string_to_array(password_hash, '$'))[1:5], '$')
      FROM public.users WHERE name_key = session_user::text
$$""",
        "DROP TRIGGER IF EXISTS hzbz_audit_own ON audit_events",
        "CREATE TRIGGER hzbz_audit_own BEFORE INSERT ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION hzbz_own_entry()",
        "DROP TRIGGER IF EXISTS hzbz_steps_own ON claim_steps",
        "CREATE TRIGGER hzbz_steps_own BEFORE INSERT ON claim_steps "
        "FOR EACH ROW EXECUTE FUNCTION hzbz_own_entry()",
        "DROP TRIGGER IF EXISTS hzbz_claims_guard ON claims",
        "CREATE TRIGGER hzbz_claims_guard BEFORE INSERT OR UPDATE ON claims "
        "FOR EACH ROW EXECUTE FUNCTION hzbz_claims_guard()",
        "DROP TRIGGER IF EXISTS hzbz_users_sync ON users",
        "CREATE TRIGGER hzbz_users_sync BEFORE INSERT OR UPDATE OR DELETE ON users "
        "FOR EACH ROW EXECUTE FUNCTION hzbz_users_sync()",
    ]


def grants_sql(tables: list[str], sequences: list[str]) -> list[str]:
    """Each group's rights on the tables there are now (run again after every upgrade)."""
    admins, clerks, auditors = GROUPS["admin"], GROUPS["clerk"], GROUPS["auditor"]
    everyone = f"{admins}, {clerks}, {auditors}"
    out = [
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"REVOKE ALL ON FUNCTION {_FUNCTIONS} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {_FUNCTIONS} TO {everyone}",
    ]
    for t in tables:
        out.append(f'REVOKE ALL ON TABLE "{t}" FROM PUBLIC, {everyone}')
        if t == "users":
            out.append(f"GRANT SELECT ({', '.join(USER_READ_COLUMNS)}) ON users TO {everyone}")
            out.append(f"GRANT INSERT ON users TO {admins}")
            out.append(f"GRANT UPDATE ({', '.join(USER_ADMIN_UPDATE_COLUMNS)}) ON users TO {admins}")
        elif t in ("audit_events", "claim_steps"):
            out.append(f'GRANT SELECT, INSERT ON TABLE "{t}" TO {everyone}')
        elif t == "claims":
            out.append(f"GRANT SELECT, UPDATE ON claims TO {everyone}")
            out.append(f"GRANT INSERT ON claims TO {admins}, {clerks}")
        elif t == "login_failures":  # counted under whoever's connection saw the wrong password
            out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON login_failures TO {everyone}")
        elif t == "alembic_version" or t.startswith("hzbz_"):
            out.append(f'GRANT SELECT ON TABLE "{t}" TO {everyone}')
        elif t in ADMIN_TABLES:
            out.append(f'GRANT SELECT ON TABLE "{t}" TO {everyone}')
            out.append(f'GRANT INSERT, UPDATE, DELETE ON TABLE "{t}" TO {admins}')
        else:  # the roster, enrollment, batches and keys: the clerks' daily work
            out.append(f'GRANT SELECT ON TABLE "{t}" TO {everyone}')
            out.append(f'GRANT INSERT, UPDATE, DELETE ON TABLE "{t}" TO {admins}, {clerks}')
    for q in sequences:
        out.append(f'GRANT USAGE, SELECT ON SEQUENCE "{q}" TO {everyone}')
    return out
