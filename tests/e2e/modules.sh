#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The program maps no heavy library of its own (issue 18: peak memory of
# the kiosk to its first frame): libpq, libcurl, cairo, pango, glib,
# libcups, libzint, espeak-ng and what they bring (TLS, Kerberos, X11,
# the sound system) live in the shared modules of kiosk/base/module.h,
# loaded on first use. Checks the whole list of libraries the dynamic
# linker maps for $BUILD/postkiosk (ldd), that each module links its own
# library, and that the check refuses a file that does link one.
set -u
BUILD=${BUILD:-build}
fail() { echo "modules.sh: $*" >&2; exit 1; }
HEAVY='libpq|libcurl|libcairo|libpango|libglib|libgobject|libgio|libharfbuzz|libfontconfig|libpixman|libX11|libxcb|libcups|libzint|libespeak|libpulse|libasound|libsndfile|libgnutls|libssl|libcrypto|libkrb5|libgssapi|libldap|libsystemd|libdbus|libavahi'

# heavy FILE: the heavy libraries FILE maps, one a line ("" when none)
heavy() {
    ldd "$1" | awk '{print $1}' | grep -E "^($HEAVY)[-.]" | sort -u
}

[ -x "$BUILD/postkiosk" ] || fail "$BUILD/postkiosk missing (make all)"
found=$(heavy "$BUILD/postkiosk")
[ -z "$found" ] || fail "$BUILD/postkiosk maps $(echo $found): load them through a module (kiosk/base/module.h)"

# each module is there and links the library it exists for
for m in "sync libpq" "notify libcurl" "papers libpangocairo" "papers libcups" "papers libzint" \
         "speech libespeak-ng"; do
    so="$BUILD/modules/pk-${m% *}.so"
    [ -f "$so" ] || fail "$so missing (make all)"
    readelf -d "$so" | grep -q "NEEDED.*\[${m#* }[-.]" || fail "$so does not link ${m#* }"
    # a module exports its table and nothing else
    syms=$(nm -D --defined-only "$so" | awk '{print $3}')
    [ "$syms" = "pk_module_${m% *}" ] || fail "$so exports more than its table: $(echo $syms)"
done

# the check can fail: a module does map them
[ -n "$(heavy "$BUILD/modules/pk-sync.so")" ] || fail "self-test: the check finds nothing in pk-sync.so"

# installed (the layout of make install and the package): PREFIX/bin/postkiosk
# finds PREFIX/lib/postkiosk/pk-notify.so; without it, it says where it
# looked. make install puts every module there (its recipe, not run: a
# make here would rebuild the tree with other flags).
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
make --no-print-directory -n install BUILD="$BUILD" DESTDIR=/D PREFIX=/usr >"$T/install.txt" 2>&1
line=$(grep "^install -m 0644 .* /D/usr/lib/postkiosk/$" "$T/install.txt")
for m in sync notify papers speech; do
    echo "$line" | grep -q "$BUILD/modules/pk-$m.so " ||
        fail "make install does not put pk-$m.so in PREFIX/lib/postkiosk: $(grep lib/postkiosk "$T/install.txt")"
done
mkdir -p "$T/root/usr/bin" "$T/root/usr/lib/postkiosk"
cp "$BUILD/postkiosk" "$T/root/usr/bin/"
cp "$BUILD"/modules/pk-*.so "$T/root/usr/lib/postkiosk/"
printf '[kiosk]\nlanguage = en\n[notify]\nsmtp_url = smtp://127.0.0.1:9\nfrom = buudien@example.vn\n' > "$T/n.ini"
run() {
    POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/data" POSTKIOSK_LOCALEDIR="$PWD/$BUILD/locale" \
        "$T/root/usr/bin/postkiosk" --config "$T/n.ini" notify --once
}
out=$(run 2>&1) || fail "the installed program did not find its notify module: $out"
rm "$T/root/usr/lib/postkiosk/pk-notify.so"
out=$(run 2>&1) && fail "the installed program ran notify without its module: $out"
echo "$out" | grep -q "cannot be loaded (.*/usr/bin/../lib/postkiosk/pk-notify.so: " ||
    fail "without the installed module: $out"
exit 0
