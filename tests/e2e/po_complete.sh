#!/bin/sh
# Translations are complete: every msgid used in the sources (extracted with
# xgettext, keywords _ and N_) is in i18n/po/vi.po and i18n/po/en.po,
# translated and not fuzzy; every .po passes `msgfmt --check`. Prints each
# offending msgid and exits 1.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

src=$(ls kiosk/*.[ch] screens/*.[ch] i18n/*.[ch] printers/*.[ch] 2>/dev/null | sort)
if ! xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --no-wrap \
        --omit-header -o "$tmp/src.pot" $src; then
    echo "po_complete: xgettext failed" >&2
    exit 1
fi
[ -e "$tmp/src.pot" ] || : >"$tmp/src.pot"

fail=0
for po in i18n/po/*.po; do
    if ! msgfmt --check -o /dev/null "$po"; then
        echo "po_complete: $po fails msgfmt --check" >&2
        fail=1
    fi
done

# msgids (one per line) of the entries in $1 selected by msgattrib option $2
ids() {
    msgattrib "$2" --no-obsolete --no-wrap "$1" 2>/dev/null |
        sed -n 's/^msgid "\(.*\)"$/\1/p' | grep -v '^$'
}

for lang in vi en; do
    po=i18n/po/$lang.po
    if [ ! -f "$po" ]; then
        echo "po_complete: $po is missing" >&2
        fail=1
        continue
    fi
    # every source msgid, with the translation the .po has for it (if any)
    if ! msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/$lang.po" "$po" "$tmp/src.pot"; then
        echo "po_complete: msgmerge failed on $po" >&2
        fail=1
        continue
    fi
    for opt in --untranslated --only-fuzzy; do
        { ids "$tmp/$lang.po" $opt; ids "$po" $opt; } | sort -u >"$tmp/bad"
        if [ -s "$tmp/bad" ]; then
            what="missing or untranslated"
            [ "$opt" = --only-fuzzy ] && what="fuzzy"
            while IFS= read -r id; do
                echo "po_complete: $po: $what: \"$id\"" >&2
            done <"$tmp/bad"
            fail=1
        fi
    done
done
exit $fail
