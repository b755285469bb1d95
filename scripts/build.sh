#!/usr/bin/env bash
# Build the one-folder program with PyInstaller and run the frozen program's self-test offscreen.
# Usage: scripts/build.sh   → dist/hzbz/ (run dist/hzbz/hzbz; copy the folder to ship it)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
rm -rf build dist
.venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
echo "构建完成：dist/hzbz（$(du -sh dist/hzbz | cut -f1)）"
QT_QPA_PLATFORM=offscreen dist/hzbz/hzbz --self-test
