#!/bin/sh
# The CLI end to end: first run seeds the database, search, import errors
# change nothing, dossier listing, `check` exit bits, bad options.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog"
fail() { echo "cli.sh: $*" >&2; exit 1; }

"$P" --version | grep -q '^postkiosk [0-9]' || fail "--version"
"$P" --help | grep -q 'catalog import' || fail "--help lists the commands"

# first run: created and seeded, no set-up
out=$("$P" catalog search dang ky) || fail "search failed"
[ -f "$T/home/postkiosk.db" ] || fail "database not created in POSTKIOSK_HOME"
[ -f "$T/home/keys/receipt.key" ] || fail "receipt key not created"
echo "$out" | head -1 | grep -q "^1.000894	Đăng ký kết hôn	" || fail "search order: $out"
"$P" catalog search "ĐĂNG KÝ KHAI SINH" | grep -q '^1.001193	' || fail "folded search"
"$P" catalog search zzzz >/dev/null 2>&1 && fail "no result must exit non-zero"

# a bad import says file:line and imports nothing
err=$("$P" catalog import tests/fixtures/procs_dup.csv 2>&1 >/dev/null) && fail "bad import succeeded"
echo "$err" | grep -q 'procs_dup.csv:6: duplicate code' || fail "import message: $err"
[ "$("$P" catalog search '' | wc -l)" -eq 3 ] || fail "catalog changed after a failed import"
"$P" catalog import tests/fixtures/procs_nfd.csv | grep -q '3' || fail "good import"
"$P" catalog import --units tests/fixtures/units_unknown.csv 2>/dev/null && fail "unknown unit accepted"
"$P" catalog import --bogus x 2>/dev/null; [ $? -eq 2 ] || fail "unknown import option"

# dossiers
"$P" dossier list >/dev/null || fail "empty list"
"$P" dossier list --status nonsense 2>/dev/null; [ $? -eq 2 ] || fail "bad status is a usage error"
"$P" dossier show LS01-000001 2>/dev/null && fail "show of a missing dossier"

# check: exit bits
"$P" check >/dev/null || fail "check on a fresh install"
"$P" --printer tcp:127.0.0.1:1 check >/dev/null; [ $? -eq 4 ] || fail "printer bit"
printf '[kiosk]\ncode = x\n' > "$T/bad.ini"
"$P" --config "$T/bad.ini" check >/dev/null; [ $? -eq 1 ] || fail "config bit"
"$P" --config "$T/bad.ini" dossier list 2>/dev/null; [ $? -eq 2 ] || fail "bad config refuses commands"
"$P" --db "$T/bad.ini/x.db" check >/dev/null 2>&1; [ $? -eq 2 ] || fail "database bit"
"$P" --nonsense 2>/dev/null; [ $? -eq 2 ] || fail "unknown option"
"$P" bogus 2>/dev/null; [ $? -eq 2 ] || fail "unknown command"
exit 0
