#!/usr/bin/env bash
# One command: set up the test tools (first time only) and run the whole test suite offscreen.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh --dev
export QT_QPA_PLATFORM=offscreen
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ $status -eq 5 ]; then
  echo "pytest 没有收集到任何测试（退出码 5）：测试目录或参数有误" >&2
  exit 1
fi
exit $status
