#!/usr/bin/env bash
# Start Debian's PostgreSQL server for the test suite and print a database URL for it, and on a
# second line a superuser's URL (role hzbz_superuser) for the tests of `server-setup`.
# Used by test.sh; prints nothing (and the suite runs on SQLite alone) where it cannot start one.
set -u
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo -n"
command -v pg_lsclusters >/dev/null 2>&1 || exit 0
read -r version cluster port _ < <(pg_lsclusters --no-header 2>/dev/null | head -n 1) || exit 0
[ -n "${version:-}" ] || exit 0
$SUDO pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  $SUDO runuser -u postgres -- pg_isready -q >/dev/null 2>&1 && break
  sleep 0.5
done
psql_admin() { $SUDO runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@" 2>/dev/null; }
psql_admin -c "SELECT 1" >/dev/null || exit 0
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'hzbz_test'")" != "1" ]; then
  psql_admin -c "CREATE ROLE hzbz_test LOGIN PASSWORD 'hzbz_test' CREATEDB" >/dev/null || exit 0
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'hzbz_test'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE hzbz_test OWNER hzbz_test" >/dev/null || exit 0
fi
# The tests' commits need not wait for the disk (a crash loses only the last test's data, never
# corrupts): set for the test roles alone, never for the server's other databases and users.
psql_admin -c "ALTER ROLE hzbz_test SET synchronous_commit = off" >/dev/null || true
echo "postgresql+psycopg://hzbz_test:hzbz_test@127.0.0.1:${port:-5432}/hzbz_test"
# The server set-up tests create their own database, the office's roles and logins with it.
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'hzbz_superuser'")" != "1" ]; then
  psql_admin -c "CREATE ROLE hzbz_superuser LOGIN SUPERUSER PASSWORD 'hzbz_superuser'" >/dev/null || exit 0
fi
psql_admin -c "ALTER ROLE hzbz_superuser SET synchronous_commit = off" >/dev/null || true
echo "postgresql+psycopg://hzbz_superuser:hzbz_superuser@127.0.0.1:${port:-5432}/hzbz_test_server"
