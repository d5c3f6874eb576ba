#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The rooms of the source tree and which may include which (README,
# "Developer notes"). Reads every #include in kiosk/ screens/ i18n/
# printers/ and prints "file:line: room X may not include Y (header.h)" for
# each broken rule:
#   base (kiosk/base, i18n) <- rules <- store <- printers (sync, notify, speech)
#     <- demo <- ui <- screens <- cli <- main
#   a room includes only itself and the rooms to its left; headers by
#   basename; kiosk/store_sync/ and kiosk/store_check/ are part of the store room (kiosk/store/ is
#   full); sqlite3.h only in kiosk/store/, kiosk/store_sync/ and kiosk/store_check/, the store's private headers
#   (store_internal.h, store_filter.h) only from kiosk/store/, curses only in kiosk/ui/term*.c;
#   the heavy libraries only in their room's module/ folder, a shared module the
#   program loads on first use (kiosk/base/module.h): libpq in kiosk/sync/module/,
#   curl in kiosk/notify/module/, espeak-ng in kiosk/speech/module/, cairo,
#   pango, libcups and libzint in printers/papers/module/.
# Then proves it can fail: on a copy of the tree, one deliberate bad
# include at a time must be refused with its message.
#   tests/e2e/layers.sh [--no-self-test] [ROOT]
set -u
self_test=1
if [ "${1:-}" = "--no-self-test" ]; then self_test=0; shift; fi
root=${1:-.}

# check ROOT: prints the broken rules, exit status 1 when there is one.
check() {
    (
    cd "$1" || exit 2
    files=$(find kiosk screens i18n printers -name '*.[ch]' | sort)
    # first input: header basename -> its path; then every source file
    # shellcheck disable=SC2086
    for f in $files; do case $f in *.h) echo "${f##*/} $f" ;; esac; done |
    awk '
    BEGIN {
        rank["base"] = 0; rank["rules"] = 1; rank["store"] = 2
        rank["printers"] = 3; rank["sync"] = 3; rank["notify"] = 3; rank["speech"] = 3
        rank["demo"] = 4; rank["ui"] = 5; rank["screens"] = 6; rank["cli"] = 7; rank["main"] = 8
        bad = 0
        for (i = 2; i < ARGC; i++) {
            file = ARGV[i]; line = 1
            if (room(file) == "") fail("in no room: add its folder to tests/e2e/layers.sh")
        }
    }
    function room(p,   a, n) {
        if (p == "kiosk/main.c") return "main"
        n = split(p, a, "/")
        if (a[1] == "kiosk" && (a[2] == "store_sync" || a[2] == "store_check") && n >= 3) return "store"
        if (a[1] == "kiosk") return n >= 3 && (a[2] in rank) ? a[2] : ""
        if (a[1] == "i18n") return "base"
        if (a[1] == "screens" || a[1] == "printers") return a[1]
        return ""
    }
    function fail(msg) { print file ":" line ": " msg; bad = 1 }
    function only(where, what, h, ok) {
        if (!ok) fail("room " src " may not include " what " (" h "): only " where " may")
    }
    FNR == NR { hdr[$1] = $2; next }
    FNR == 1 { file = FILENAME; src = room(file) }
    src != "" && /^[ \t]*#[ \t]*include/ {
        line = FNR
        if (match($0, /"[^"]*"/)) { name = substr($0, RSTART + 1, RLENGTH - 2); quoted = 1 }
        else if (match($0, /<[^>]*>/)) { name = substr($0, RSTART + 1, RLENGTH - 2); quoted = 0 }
        else next    # a macro (FT_FREETYPE_H): a library header
        if (quoted && index(name, "/")) { fail("include by basename, not by path (" name ")"); next }
        if (name in hdr) {
            to = room(hdr[name])
            if (name == "store_internal.h" || name == "store_filter.h")
                only("kiosk/store/", "the store'"'"'s private header", name, file ~ /^kiosk\/store(_sync|_check)?\//)
            else if (to != src && rank[to] >= rank[src])
                fail("room " src " may not include " to " (" name ")")
            next
        }
        if (name ~ /^sqlite3(ext)?\.h$/)
            only("kiosk/store/", "sqlite", name, file ~ /^kiosk\/store(_sync|_check)?\//)
        else if (name ~ /^(n?cursesw?\.h|ncursesw?\/.*|panel\.h|menu\.h|form\.h|term\.h)$/)
            only("kiosk/ui/term*.c", "curses", name, file ~ /^kiosk\/ui\/term[^\/]*\.c$/)
        else if (name ~ /^(postgresql\/)?libpq(-fe\.h|\/.*)$/)
            only("kiosk/sync/module/", "libpq", name, file ~ /^kiosk\/sync\/module\//)
        else if (name ~ /^curl\//)
            only("kiosk/notify/module/", "curl", name, file ~ /^kiosk\/notify\/module\//)
        else if (name ~ /^espeak(-ng)?\//)
            only("kiosk/speech/module/", "espeak-ng", name, file ~ /^kiosk\/speech\/module\//)
        else if (name ~ /^(cairo(-[a-z]+)?\.h|pango\/.*|cups\/.*|zint\.h)$/)
            only("printers/papers/module/", "cairo, pango, libcups or libzint", name,
                 file ~ /^printers\/papers\/module\//)
    }
    END { exit bad }' - $files
    )
}

check "$root" || exit 1
[ "$self_test" = 1 ] || exit 0

# ---- the check can fail: one bad include at a time on a copy ----------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$root/kiosk" "$root/screens" "$root/i18n" "$root/printers" "$tmp/"
if ! check "$tmp" >/dev/null; then echo "layers: self-test: the copy fails unchanged"; exit 1; fi
# expect FILE LINE MESSAGE: with LINE appended to FILE the check must fail
# and print FILE:<that line>: MESSAGE.
expect() {
    cp "$tmp/$1" "$tmp/saved"
    printf '%s\n' "$2" >>"$tmp/$1"
    n=$(wc -l <"$tmp/$1")
    out=$(check "$tmp")
    rc=$?
    mv "$tmp/saved" "$tmp/$1"
    if [ $rc -eq 0 ] || ! printf '%s\n' "$out" | grep -qxF "$1:$n: $3"; then
        echo "layers: self-test: \"$2\" in $1 should give \"$1:$n: $3\", got (status $rc):"
        printf '%s\n' "$out"
        exit 1
    fi
}
expect kiosk/rules/ids.c '#include "app.h"' 'room rules may not include ui (app.h)'
expect kiosk/rules/ids.c '#include "store.h"' 'room rules may not include store (store.h)'
expect kiosk/store/store.c '#include "citizen.h"' 'room store may not include screens (citizen.h)'
expect kiosk/store_sync/store_sync.c '#include "app.h"' 'room store may not include ui (app.h)'
expect kiosk/store_check/store_check.c '#include "app.h"' 'room store may not include ui (app.h)'
expect kiosk/ui/app.c '#include "clerk.h"' 'room ui may not include screens (clerk.h)'
expect printers/printer.c '#include "app.h"' 'room printers may not include ui (app.h)'
expect i18n/vnime.c '#include "dossier.h"' 'room base may not include rules (dossier.h)'
expect kiosk/base/util.c '#include <sqlite3.h>' 'room base may not include sqlite (sqlite3.h): only kiosk/store/ may'
expect printers/printer.c '# include "store_internal.h"' \
    "room printers may not include the store's private header (store_internal.h): only kiosk/store/ may"
expect screens/clerk/clerk_queue.c '#include "store_filter.h"' \
    "room screens may not include the store's private header (store_filter.h): only kiosk/store/ may"
expect kiosk/ui/term_private.h '#include <curses.h>' \
    'room ui may not include curses (curses.h): only kiosk/ui/term*.c may'
expect kiosk/ui/app.c '#include <curses.h>' 'room ui may not include curses (curses.h): only kiosk/ui/term*.c may'
expect kiosk/rules/auth.c '#include <ncursesw/curses.h>' \
    'room rules may not include curses (ncursesw/curses.h): only kiosk/ui/term*.c may'
expect kiosk/rules/auth.c '#include <libpq-fe.h>' 'room rules may not include libpq (libpq-fe.h): only kiosk/sync/module/ may'
expect kiosk/sync/pgc.c '#include <libpq-fe.h>' 'room sync may not include libpq (libpq-fe.h): only kiosk/sync/module/ may'
expect kiosk/base/util.c '#include <curl/curl.h>' 'room base may not include curl (curl/curl.h): only kiosk/notify/module/ may'
expect kiosk/notify/notify_run.c '#include <curl/curl.h>' \
    'room notify may not include curl (curl/curl.h): only kiosk/notify/module/ may'
expect kiosk/ui/app.c '#include <espeak-ng/espeak_ng.h>' \
    'room ui may not include espeak-ng (espeak-ng/espeak_ng.h): only kiosk/speech/module/ may'
expect kiosk/speech/speech.c '#include <espeak-ng/espeak_ng.h>' \
    'room speech may not include espeak-ng (espeak-ng/espeak_ng.h): only kiosk/speech/module/ may'
expect printers/papers/paper.c '#include <cairo.h>' \
    'room printers may not include cairo, pango, libcups or libzint (cairo.h): only printers/papers/module/ may'
expect kiosk/cli/network/cli_central_pdf.c '#include <pango/pangocairo.h>' \
    'room cli may not include cairo, pango, libcups or libzint (pango/pangocairo.h): only printers/papers/module/ may'
expect printers/papers/paper_thermal.c '#include <zint.h>' \
    'room printers may not include cairo, pango, libcups or libzint (zint.h): only printers/papers/module/ may'
expect printers/papers/paper_cups.h '#include <cups/cups.h>' \
    'room printers may not include cairo, pango, libcups or libzint (cups/cups.h): only printers/papers/module/ may'
expect kiosk/speech/speech.c '#include "app.h"' 'room speech may not include ui (app.h)'
expect screens/help.c '#include "../kiosk/base/util.h"' 'include by basename, not by path (../kiosk/base/util.h)'
mkdir "$tmp/kiosk/attic"
: >"$tmp/kiosk/attic/old.c"
expect kiosk/attic/old.c '' 'in no room: add its folder to tests/e2e/layers.sh'
mv "$tmp/kiosk/attic/old.c" "$tmp/kiosk/attic/old.h"
expect kiosk/attic/old.h '' 'in no room: add its folder to tests/e2e/layers.sh'
exit 0
