#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Extracts every tr() string of the GUI into the Russian translation source, keeping the translations already made.
#
# Usage:
#   packaging/translations/update-translations.sh            # updates resources/translations/patroni-lab_ru.ts
#   packaging/translations/update-translations.sh --ts FILE  # updates FILE instead (tst_translations uses this)
#   cmake --build BUILD_DIR --target update_translations     # the same, with the build's own lupdate
#
# Workflow after adding or changing user-visible strings in src/gui or ui/:
#   1. run this script;
#   2. translate the new strings (marked unfinished) with
#        /usr/lib/qt6/bin/linguist resources/translations/patroni-lab_ru.ts
#      or by editing the .ts: fill <translation> and delete its type="unfinished";
#   3. rebuild and run tst_translations: it fails, listing them, while any string is left untranslated.
#
# Every .cpp, .h and .ui file below src/gui and ui/ is read, whether or not it is listed in CMake yet, so new GUI
# files need no change here. Source locations are not written (-locations none), and strings that no longer exist
# are dropped (-no-obsolete): moving code around does not touch the .ts, and its diffs show only real changes.
#
# lupdate: $LUPDATE if set, else the Qt 6 one from qtpaths6, else /usr/lib/qt6/bin/lupdate.
# (/usr/bin/lupdate is Debian's qtchooser wrapper, which runs the Qt 5 tool when installed, so it is not used.)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ts_file="$root/resources/translations/patroni-lab_ru.ts"
# labcore marks the texts the window shows with QCoreApplication::translate (the CLI installs no translator, so
# it stays English); main.cpp has the command-line errors.
scanned_dirs=(src/gui ui src/core src/app)

while [[ $# -gt 0 ]]; do
    case "$1" in
        --ts) ts_file=$(realpath -m "$2"); shift 2 ;;
        -h|--help) sed -n '4,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "update-translations.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

lupdate=${LUPDATE:-}
if [[ -z "$lupdate" ]] && command -v qtpaths6 >/dev/null 2>&1; then
    candidate="$(qtpaths6 --query QT_HOST_BINS 2>/dev/null)/lupdate"
    [[ -x "$candidate" ]] && lupdate=$candidate
fi
[[ -z "$lupdate" && -x /usr/lib/qt6/bin/lupdate ]] && lupdate=/usr/lib/qt6/bin/lupdate
if [[ -z "$lupdate" ]] || ! "$lupdate" -version 2>/dev/null | grep -q 'version 6\.'; then
    echo "update-translations.sh: no Qt 6 lupdate found (install qt6-l10n-tools, or set LUPDATE=/path/to/lupdate)" >&2
    exit 1
fi

mkdir -p "$(dirname "$ts_file")"
# Relative directories from the repository root: what lupdate prints and stores never depends on the checkout path.
cd "$root"
"$lupdate" -recursive -extensions cpp,h,ui -locations none -no-obsolete -no-ui-lines \
    -source-language en -target-language ru "${scanned_dirs[@]}" -ts "$ts_file"

unfinished=$(grep -c 'type="unfinished"' "$ts_file" || true)
if [[ "$unfinished" -gt 0 ]]; then
    echo "$unfinished string(s) in $ts_file still need a Russian translation (marked unfinished):" \
         "translate them with linguist or by editing the .ts."
fi
