#!/usr/bin/env bash
# Set up everything the program needs on a fresh Debian/Ubuntu machine: the system libraries
# Qt needs, a CJK font, a virtual environment in .venv with the locked dependencies.
# Usage: scripts/setup.sh [--dev]   (--dev adds the test and benchmark tools)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt offscreen and xcb (a real window) — see shared PITFALLS.md
  libegl1 libgl1 libx11-6 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libx11-xcb1 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-sync1
  libxcb-xkb1 libxcb-shm0 libxcb-render0 libxrender1 libsm6 libice6
  # CJK font with rare name characters, embedded in PDFs (TrueType glyf outlines)
  fonts-wqy-zenhei
  python3-venv
)
# LibreOffice edits exported files in the round-trip tests and makes the import corpus (python3-uno
# drives it); CUPS with a CUPS-PDF queue receives the print tests' jobs (scripts/test_cups.sh).
DEV_APT_PACKAGES=(poppler-utils xvfb postgresql libreoffice-calc python3-uno cups cups-client cups-bsd
                  printer-driver-cups-pdf)

dev=0
[ "${1:-}" = "--dev" ] && dev=1

missing=()
for p in "${APT_PACKAGES[@]}" $([ $dev = 1 ] && echo "${DEV_APT_PACKAGES[@]}"); do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "安装系统组件：${missing[*]}"
  $SUDO apt-get update -qq
  # CUPS_SERVER: a package's set-up that adds a printer talks to cupsd on its socket, where root
  # needs no password (over localhost:631 lpadmin would ask for one and wait forever).
  $SUDO env CUPS_SERVER=/run/cups/cups.sock DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null </dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
"$PY" -c 'import sys; assert sys.version_info[:2] == (3, 11), "需要 Python 3.11"' 

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
lock=requirements.lock
[ $dev = 1 ] && lock=requirements-dev.lock
stamp=".venv/.installed-$(sha256sum "$lock" pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$lock"
  .venv/bin/python -m pip install -q --no-deps -e .
  touch "$stamp"
fi
# Compile the program's own modules now, as pip does for libraries and PyInstaller for the build:
# a start that compiles ~200 modules first is ~0.3 s slower (and with PYTHONDONTWRITEBYTECODE set,
# as on some machines, every start would be).
.venv/bin/python -m compileall -q app >/dev/null
