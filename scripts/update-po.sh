#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the translation catalogs from the sources (`make po`):
#   1. i18n/po/postkiosk.pot from every .c/.h under kiosk/ screens/ i18n/
#      printers/ (keywords _, N_ and ngettext; file references kept; every
#      message with a printf format gets xgettext's c-format flag);
#   2. each i18n/po/*.po merged with it (msgmerge: new messages appear
#      untranslated, changed ones fuzzy; entries follow the template's order)
#      and its obsolete entries dropped (msgattrib --no-obsolete).
# Files are rewritten only when their content changes; a template whose only
# change would be its POT-Creation-Date is left alone, so a second run
# changes nothing. Lines are not wrapped, as the pomerge git driver writes
# them (README: .po files merge by msgid).
#   scripts/update-po.sh [OUTDIR]   # OUTDIR: write there instead of i18n/po
# (tests/e2e/po_current.sh runs it into a temporary OUTDIR to check that the
# committed catalogs are what `make po` would make.)
set -eu
cd "$(dirname "$0")/.."
PO_DIR=i18n/po
OUT=${1:-$PO_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$OUT"

# $1 (new) replaces $2 when they differ
put() {
    cmp -s "$1" "$2" || cp "$1" "$2"
}

src=$(find kiosk screens i18n printers -name '*.[ch]' | LC_ALL=C sort)
# shellcheck disable=SC2086
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
    --sort-by-file --add-location=file --add-comments=TRANSLATORS: --no-wrap \
    --package-name=postkiosk --copyright-holder="the postkiosk authors" \
    --msgid-bugs-address="the postkiosk maintainers" -o "$tmp/new.pot" $src
sed -i -e '1s/.*/# Translation template for postkiosk./' -e 's/charset=CHARSET/charset=UTF-8/' "$tmp/new.pot"

pot="$PO_DIR/postkiosk.pot"
nodate() { grep -v '^"POT-Creation-Date: ' "$1"; }
if [ -f "$pot" ] && [ "$(nodate "$tmp/new.pot")" = "$(nodate "$pot")" ]; then
    cp "$pot" "$tmp/ref.pot"          # unchanged: keep its date
else
    cp "$tmp/new.pot" "$tmp/ref.pot"
fi
put "$tmp/ref.pot" "$OUT/postkiosk.pot"

for po in "$PO_DIR"/*.po; do
    [ -e "$po" ] || continue
    name=$(basename "$po")
    # a merge without the pomerge driver may have duplicated entries
    msguniq --use-first --no-wrap -o "$tmp/uniq.po" "$po"
    msgmerge --quiet --no-wrap -o "$tmp/merged.po" "$tmp/uniq.po" "$tmp/ref.pot"
    msgattrib --no-obsolete --no-wrap -o "$tmp/$name" "$tmp/merged.po"
    put "$tmp/$name" "$OUT/$name"
done
