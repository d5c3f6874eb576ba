#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What the Debian package ships, checked fast (the package build itself is
# `make deb-check`): the man pages are lint-clean (mandoc -Tlint) and name
# every command, option and configuration key; the commented
# /etc/postkiosk/postkiosk.ini lists every key under its section and, all
# uncommented, loads; the systemd units pass `systemd-analyze verify` and
# stay under an exposure level (`systemd-analyze security`); the sysusers
# file makes the system user; the console glyph table is the shipped
# font's; scripts/install-deps.sh installs every Build-Depends.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
bad=0
fail() { echo "shipping.sh: $*" >&2; bad=1; }
for tool in mandoc systemd-analyze systemd-sysusers; do
    command -v "$tool" >/dev/null 2>&1 || { echo "shipping.sh: $tool missing (scripts/install-deps.sh)" >&2; exit 1; }
done

# -- man pages
for m in man/postkiosk.1 man/postkiosk.ini.5; do
    mandoc -Tlint -Wstyle "$m" || fail "$m: mandoc -Tlint"
done
mandoc -Tascii man/postkiosk.1 | col -b >"$T/man1"
mandoc -Tascii man/postkiosk.ini.5 | col -b >"$T/man5"
# the commands of kiosk/main.c's table and its global options
sed -n 's/^    {"\([a-z-]*\)", cli_[a-z_]*,.*/\1/p' kiosk/main.c >"$T/commands"
[ "$(wc -l <"$T/commands")" -ge 10 ] || fail "could not read the command table of kiosk/main.c"
while read -r c; do
    grep -Eq "^       $c( |$)" "$T/man1" || fail "postkiosk.1: command \"$c\" not described"
done <"$T/commands"
for o in $(grep -o '"--[a-z-]*"' kiosk/main.c | tr -d '"' | sort -u); do
    grep -Eq "^       $o( |,|$)" "$T/man1" || fail "postkiosk.1: option $o not described"
done
# every key of kiosk/base/config.c: IS("section", "key") and the [paths] table
{ grep -o 'IS("[a-z]*", "[a-z0-9_]*")' kiosk/base/config.c | sed 's/IS("\([a-z]*\)", "\([a-z0-9_]*\)")/\1 \2/'
  sed -n '/struct { const char \*key;/,/};/s/^ *{"\([a-z_]*\)",.*/paths \1/p' kiosk/base/config.c
} >"$T/keys"
[ "$(wc -l <"$T/keys")" -ge 20 ] || fail "could not read the keys of kiosk/base/config.c"
# the shipped file as section<TAB>key for each commented key
awk '/^\[/ { sec = substr($0, 2, index($0, "]") - 2) }
     /^;[a-z0-9_]+ =/ { k = substr($1, 2); print sec " " k }' etc/postkiosk.ini >"$T/shipped"
while read -r sec key; do
    grep -qx "$sec $key" "$T/shipped" || fail "etc/postkiosk.ini: [$sec] $key missing"
    grep -Eq "^       $key( |$)" "$T/man5" || fail "postkiosk.ini.5: key $key not described"
done <"$T/keys"
grep -Eq '^[a-z0-9_]+ *=' etc/postkiosk.ini && fail "etc/postkiosk.ini sets a key (all must stay commented)"
# uncommented (the retired staff_pin left out), the defaults load
sed -e 's/^;\([a-z0-9_]* =\)/\1/' -e '/^staff_pin =/d' etc/postkiosk.ini >"$T/all.ini"
out=$(POSTKIOSK_HOME="$T/home" "$P" --config "$T/all.ini" ime telex </dev/null 2>&1) ||
    fail "the shipped defaults do not load: $out"
# and a wrong value in it is refused, naming the line: the load was real
sed 's/^idle_timeout = 90/idle_timeout = 9/' "$T/all.ini" >"$T/bad.ini"
out=$(POSTKIOSK_HOME="$T/home" "$P" --config "$T/bad.ini" ime telex </dev/null 2>&1) &&
    fail "idle_timeout = 9 was accepted"
echo "$out" | grep -q "bad.ini:[0-9]*: idle_timeout" || fail "no file:line for a bad value: $out"

# -- systemd units: the binary at its build path, man pages not looked up
mkdir "$T/units"
for u in systemd/*.service systemd/*.timer; do
    sed "s|/usr/bin/postkiosk|$P|" "$u" >"$T/units/${u##*/}"
done
systemd-analyze verify --man=no "$T"/units/* || fail "systemd-analyze verify"
# exposure levels (x10): the kiosk 1.6, the backup 0.7, X 3.5 when written
for u in postkiosk.service:20 postkiosk-backup.service:10 postkiosk-x11.service:40 postkiosk-notify.service:20 postkiosk-sync.service:20; do
    systemd-analyze security --offline=yes --threshold="${u#*:}" "$T/units/${u%%:*}" >/dev/null 2>&1 ||
        fail "${u%%:*}: exposure above ${u#*:} (systemd-analyze security --offline=yes)"
done
grep -q '^Restart=always' systemd/postkiosk.service && grep -q '^StartLimitIntervalSec=0' systemd/postkiosk.service &&
    grep -q '^TTYVTDisallocate=yes' systemd/postkiosk.service && grep -q '^Conflicts=getty@tty1.service' systemd/postkiosk.service ||
    fail "postkiosk.service: restart for ever on tty1 (RELIABILITY.md §4.3)"
mkdir -p "$T/root/etc"
systemd-sysusers --root="$T/root" "$PWD/systemd/postkiosk.sysusers" >/dev/null 2>&1 || fail "systemd-sysusers"
grep -q '^postkiosk:x:[0-9]*:[0-9]*:[^:]*:/var/lib/postkiosk:/usr/sbin/nologin$' "$T/root/etc/passwd" ||
    fail "sysusers: no postkiosk system user"

# -- the console glyph table is the shipped font's
if [ -f "$BUILD/console/postkiosk-vn.psf.gz" ]; then
    scripts/console-glyphs.py "$BUILD/console/postkiosk-vn.psf.gz" >"$T/table.h" &&
        cmp -s "$T/table.h" kiosk/ui/consolefont_table.h ||
        fail "kiosk/ui/consolefont_table.h is not the font's table (scripts/console-glyphs.py)"
else
    fail "$BUILD/console/postkiosk-vn.psf.gz not built (make check builds it)"
fi

# -- the build dependencies are the ones scripts/install-deps.sh installs
sed -n '/^Build-Depends:/,/^[A-Z]/p' debian/control | sed '$d' | sed 's/^Build-Depends://' |
    tr ',' '\n' | sed 's/<[^>]*>//; s/([^)]*)//; s/ //g' | grep -v '^$' | grep -v '^debhelper-compat$' >"$T/bdeps"
for d in $(cat "$T/bdeps") debhelper lintian; do
    grep -Eq "(^| )$d( |$)" scripts/install-deps.sh || fail "scripts/install-deps.sh lacks $d (debian/control)"
done
exit $bad
