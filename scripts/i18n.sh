#!/usr/bin/env bash
# Refresh the English translation: extract the UI's tr() texts into one .ts file per area
# (existing translations are kept), then compile every .ts into resources/i18n/hzbz_en.qm.
# Translate by editing the <translation> elements (or with pyside6-linguist), then run again.
set -euo pipefail
cd "$(dirname "$0")/.."
# The tests point these elsewhere to check that the committed files are complete and current.
BIN=${HZBZ_QT_BIN:-.venv/bin}
TS_DIR=${HZBZ_TS_DIR:-resources/i18n/en}
QM=${HZBZ_QM:-resources/i18n/hzbz_en.qm}
mkdir -p "$TS_DIR"

update() {  # update AREA FILE...
    local area=$1; shift
    "$BIN/pyside6-lupdate" "$@" -ts "$TS_DIR/$area.ts" -no-obsolete -locations none \
        -source-language zh_CN -target-language en >/dev/null
}

# Areas: "main" is app/ui/*.py, every other is a folder app/ui/AREA/. Arguments pick areas.
areas=("$@")
if [ ${#areas[@]} -eq 0 ]; then
    areas=(main)
    for dir in app/ui/*/; do
        area=$(basename "$dir")
        [ "$area" != "__pycache__" ] && areas+=("$area")
    done
fi
for area in "${areas[@]}"; do
    if [ "$area" = main ]; then update main app/ui/*.py; else update "$area" app/ui/"$area"/*.py; fi
done
"$BIN/pyside6-lrelease" -silent "$TS_DIR"/*.ts -qm "$QM"
# Qt's own dialog texts that qtbase_zh_CN.qm leaves in English (loaded by app/ui/i18n.py).
"$BIN/pyside6-lrelease" -silent resources/i18n/qt/hzbz_qt_zh_CN.ts -qm resources/i18n/qt/hzbz_qt_zh_CN.qm
echo "已更新 $TS_DIR/*.ts 与 $QM"
