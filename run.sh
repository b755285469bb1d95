#!/usr/bin/env bash
# One command: set up (first time only) and open the program.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec .venv/bin/python -m app "$@"
