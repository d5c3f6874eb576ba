#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `postkiosk staff-pin set` (issue 11 item 9): stored hashed, the clerk PIN
# policy, and once a supervisor exists only with --as SUPERVISOR and the
# right supervisor PIN; every change audited, never the PIN.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/data" LANG=C.UTF-8
fail() { echo "staff_pin.sh: $*" >&2; exit 1; }
db="$T/home/postkiosk.db"
q() { sqlite3 "$db" "$1"; }

printf '12345\n' | "$P" staff-pin set 2>/dev/null && fail "a 5-digit PIN was accepted"
printf '135790\n' | "$P" staff-pin set >/dev/null || fail "install-time set failed"
first=$(q "SELECT value FROM settings WHERE key = 'staff_pin_hash'")
echo "$first" | grep -q '^\$argon2id\$' || fail "not stored hashed: $first"
"$P" staff-pin 2>/dev/null; [ $? -eq 2 ] || fail "usage"

# a supervisor exists: now only a supervisor may change it
printf '480215\n' | "$P" clerk add sup1 --role supervisor >/dev/null || fail "clerk add"
printf '802461\n' | "$P" staff-pin set 2>/dev/null && fail "changed without a supervisor"
printf '111112\n802461\n' | "$P" staff-pin set --as sup1 2>/dev/null &&
    fail "changed with a wrong supervisor PIN"
[ "$(q "SELECT value FROM settings WHERE key = 'staff_pin_hash'")" = "$first" ] ||
    fail "a refused change changed the PIN"
printf '480215\n802461\n' | "$P" staff-pin set --as sup1 >/dev/null || fail "supervisor set failed"
[ "$(q "SELECT value FROM settings WHERE key = 'staff_pin_hash'")" != "$first" ] ||
    fail "the PIN did not change"
[ "$(q "SELECT count(*) FROM audit WHERE action = 'staff_pin_set'")" = 2 ] || fail "not audited"
[ "$(q "SELECT actor FROM audit WHERE action = 'staff_pin_set' ORDER BY seq DESC LIMIT 1")" = sup1 ] ||
    fail "the supervisor is not the actor"
[ "$(q "SELECT count(*) FROM audit WHERE detail LIKE '%802461%' OR detail LIKE '%135790%'")" = 0 ] ||
    fail "a PIN in the audit log"
exit 0
