#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The committed catalogs are what `make po` makes: i18n/po/postkiosk.pot
# holds every message of the sources (with its references and flags), and
# no .po has an entry that msgmerge would add, move, change or drop. The
# catalogs are regenerated into a temporary directory and compared, the
# POT-Creation-Date line aside. Fix: run `make po`, translate, commit.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! scripts/update-po.sh "$tmp/po" 2>"$tmp/err"; then
    cat "$tmp/err" >&2
    echo "po_current: scripts/update-po.sh failed" >&2
    exit 1
fi
fail=0
for f in i18n/po/postkiosk.pot i18n/po/*.po; do
    new="$tmp/po/$(basename "$f")"
    grep -v '^"POT-Creation-Date: ' "$f" >"$tmp/old"
    grep -v '^"POT-Creation-Date: ' "$new" >"$tmp/new"
    if ! diff -u --label "$f (committed)" --label "$f (make po)" "$tmp/old" "$tmp/new" >"$tmp/diff"; then
        echo "po_current: $f is not what make po makes (run make po):" >&2
        head -n 40 "$tmp/diff" >&2
        fail=1
    fi
done
exit $fail
