#!/bin/sh
# Translations are complete: every msgid used in the sources (extracted with
# xgettext, keywords _ and N_) is in i18n/po/vi.po and i18n/po/en.po,
# translated and not fuzzy; every .po passes `msgfmt --check` (after msguniq,
# as the build does: union merges may duplicate an entry, a warning). Prints each
# offending msgid and exits 1.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

src=$(find kiosk screens i18n printers -name '*.[ch]' | sort)
if ! xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --no-wrap \
        -o "$tmp/src.pot" $src 2>"$tmp/xgettext.err"; then
    cat "$tmp/xgettext.err" >&2
    echo "po_complete: xgettext failed" >&2
    exit 1
fi
if [ -e "$tmp/src.pot" ]; then
    sed -i 's/charset=CHARSET/charset=UTF-8/' "$tmp/src.pot"
else
    printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n' >"$tmp/src.pot"
fi

fail=0
for po in i18n/po/*.po; do
    # the build keeps the first of duplicated entries (union merges)
    if ! msguniq --use-first -o "$tmp/uniq.po" "$po" || ! msgfmt --check -o /dev/null "$tmp/uniq.po"; then
        echo "po_complete: $po fails msgfmt --check" >&2
        fail=1
    fi
    dups=$(msguniq --repeated --no-wrap "$po" 2>/dev/null | sed -n 's/^msgid "\(..*\)"$/\1/p')
    [ -z "$dups" ] || printf '%s\n' "$dups" | while IFS= read -r id; do
        printf 'po_complete: %s: warning: duplicate entry (the first is used): "%s"\n' "$po" "$id" >&2
    done
done

# msgids (one per line, as in the .po) of the entries in $1 selected by
# msgattrib option $2
ids() {
    msgattrib "$2" --no-obsolete --no-wrap "$1" 2>/dev/null | awk '
        /^msgid "/ { id = substr($0, 8, length($0) - 8); inid = 1; next }
        inid && /^"/ { id = id substr($0, 2, length($0) - 2); next }
        inid { if (id != "") print id; inid = 0 }'
}

for lang in vi en; do
    po=i18n/po/$lang.po
    if [ ! -f "$po" ]; then
        echo "po_complete: $po is missing" >&2
        fail=1
        continue
    fi
    if ! msguniq --use-first -o "$tmp/$lang.uniq.po" "$po"; then
        echo "po_complete: msguniq failed on $po" >&2
        fail=1
        continue
    fi
    # every source msgid, with the translation the .po has for it (if any)
    if ! msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/$lang.po" "$tmp/$lang.uniq.po" "$tmp/src.pot"; then
        echo "po_complete: msgmerge failed on $po" >&2
        fail=1
        continue
    fi
    for opt in --untranslated --only-fuzzy; do
        { ids "$tmp/$lang.po" $opt; ids "$tmp/$lang.uniq.po" $opt; } | sort -u >"$tmp/bad"
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
