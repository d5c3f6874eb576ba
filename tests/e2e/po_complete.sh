#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Translations are complete: after merging with the sources (what `make po`
# does, into a temporary directory: keywords _, N_ and ngettext), every
# entry of i18n/po/vi.po and i18n/po/en.po is translated (each plural form)
# and not fuzzy, and every committed .po passes `msgfmt --check` (formats
# that match their msgid, plural forms that match the header, no duplicate
# entry). Prints each offending msgid and exits 1.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! scripts/update-po.sh "$tmp" 2>"$tmp/err"; then
    cat "$tmp/err" >&2
    echo "po_complete: scripts/update-po.sh failed" >&2
    exit 1
fi

fail=0
for po in i18n/po/*.po; do
    if ! msgfmt --check -o /dev/null "$po"; then
        echo "po_complete: $po fails msgfmt --check (duplicates: run make po)" >&2
        fail=1
    fi
done

# msgids (one per line, as in the .po) of the entries in $1 selected by
# msgattrib option $2
ids() {
    msgattrib "$2" --no-obsolete --no-wrap "$1" 2>/dev/null | awk '
        /^msgid "/ { id = substr($0, 8, length($0) - 8); inid = 1; next }
        inid && /^"/ { id = id substr($0, 2, length($0) - 2); next }
        inid { if (id != "") print id; inid = 0 }'
}

# plural entries with an empty form (msgattrib counts them as translated)
empty_plural() {
    awk '
        /^msgid "/ { id = substr($0, 8, length($0) - 8) }
        /^msgstr\[[0-9]+\] ""$/ { getline nxt; if (nxt !~ /^"/) print id }' "$1"
}

for lang in vi en; do
    po=i18n/po/$lang.po
    if [ ! -f "$po" ]; then
        echo "po_complete: $po is missing" >&2
        fail=1
        continue
    fi
    for opt in --untranslated --only-fuzzy; do
        { ids "$tmp/$lang.po" $opt; [ $opt = --untranslated ] && empty_plural "$tmp/$lang.po"; } |
            sort -u >"$tmp/bad"
        if [ -s "$tmp/bad" ]; then
            what="missing or untranslated"
            [ "$opt" = --only-fuzzy ] && what="fuzzy"
            while IFS= read -r id; do
                printf "po_complete: %s: %s: \"%s\"\n" "$po" "$what" "$id" >&2
            done <"$tmp/bad"
            fail=1
        fi
    done
done
exit $fail
