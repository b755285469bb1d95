#!/usr/bin/env bash
# One command: set up the test tools (first time only) and run the whole test suite offscreen.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh --dev
export QT_QPA_PLATFORM=offscreen
# A real PostgreSQL server for the database and service tests (skipped where none can start).
# Line 1: the test database; line 2: a superuser's URL for the server set-up tests.
if [ -z "${HZBZ_TEST_PG_URL:-}" ]; then
  mapfile -t pg_urls < <(bash scripts/test_postgres.sh || true)
  HZBZ_TEST_PG_URL=${pg_urls[0]:-}
  HZBZ_TEST_PG_ADMIN_URL=${HZBZ_TEST_PG_ADMIN_URL:-${pg_urls[1]:-}}
  export HZBZ_TEST_PG_URL HZBZ_TEST_PG_ADMIN_URL
fi
if [ -n "$HZBZ_TEST_PG_URL" ]; then
  echo "数据库与业务测试同时在 SQLite 和 PostgreSQL 上运行"
else
  echo "未能启动 PostgreSQL：数据库与业务测试只在 SQLite 上运行" >&2
fi
# A print spooler with a PDF queue for the print tests (skipped, saying so, where none can start).
if [ -z "${HZBZ_TEST_PRINTER:-}" ]; then
  HZBZ_TEST_PRINTER=$(bash scripts/test_cups.sh || true)
  export HZBZ_TEST_PRINTER
fi
[ -z "$HZBZ_TEST_PRINTER" ] && echo "未能启动打印队列：打印测试跳过" >&2
set +e
# Two workers (one per core of the usual office PC and CI machine), each test file on one worker so
# that a module's shared fixture is built once; HZBZ_TEST_WORKERS=0 runs in this process.
workers=${HZBZ_TEST_WORKERS:-2}
if [ "$workers" = 0 ]; then
  .venv/bin/python -m pytest "$@"
else
  .venv/bin/python -m pytest -n "$workers" --dist loadfile "$@"
fi
status=$?
set -e
if [ $status -eq 5 ]; then
  echo "pytest 没有收集到任何测试（退出码 5）：测试目录或参数有误" >&2
  exit 1
fi
exit $status
