#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Puts the licence identifier at the top of every source file: as the first
# line of each .c/.h, right after the shebang (or first) of each .sh/.py.
# Idempotent: a file that already has the line is left as it is.
#   scripts/spdx.sh [--check] [ROOT]
# --check changes nothing, names each file without the line and exits 1.
# The files are those git knows (tracked or new, not ignored) under ROOT.
# The whole script is one function, read before it runs: it may rewrite
# itself (sh reads a script as it goes), so it exits on the line that calls it.
main() {
set -eu
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
root=${1:-.}
cd "$root"
ID="SPDX-License-Identifier: GPL-3.0-or-later"
C_LINE="/* $ID */"
SH_LINE="# $ID"

files() {
    if git rev-parse --git-dir >/dev/null 2>&1; then
        git ls-files --cached --others --exclude-standard -- '*.c' '*.h' '*.sh' '*.py'
    else
        find . -type f \( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -name '*.py' \) | sed 's|^\./||'
    fi
}

missing=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in $(files | sort -u); do
    [ -f "$f" ] || continue
    case $f in
        *.c|*.h) line=$C_LINE; want=1 ;;
        *) line=$SH_LINE
           if head -n 1 "$f" | grep -q '^#!'; then want=2; else want=1; fi ;;
    esac
    [ "$(sed -n "${want}p" "$f")" = "$line" ] && continue
    if [ "$check" -eq 1 ]; then
        echo "$f: no \"$line\" on line $want" >&2
        missing=$((missing + 1))
        continue
    fi
    if [ "$want" -eq 2 ]; then
        { head -n 1 "$f"; echo "$line"; tail -n +2 "$f"; } >"$tmp"
    else
        { echo "$line"; cat "$f"; } >"$tmp"
    fi
    cat "$tmp" >"$f"     # keeps the file's mode (scripts stay executable)
done
if [ "$missing" -gt 0 ]; then
    echo "spdx: $missing file(s) without the licence line; run scripts/spdx.sh" >&2
    exit 1
fi
}
main "$@"; exit
