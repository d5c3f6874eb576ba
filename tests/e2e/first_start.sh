#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 11 item 3: only a first start (no database and no keys yet)
# creates a database. A deleted or empty database, or --db at a new path,
# is refused with a message naming the file and the way out, and nothing
# is created; the folder of --db is never created. Restoring the file
# brings the kiosk back. Two first starts at once make one database.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog"
unset POSTKIOSK_IDLE POSTKIOSK_CLOCK
fail() { echo "first_start.sh: $*" >&2; exit 1; }
printf '[kiosk]\nlanguage = en\n' > "$T/en.ini"
p() { "$P" --config "$T/en.ini" "$@"; }
listing() { (cd "$1" && find . -printf '%p %s\n' | sort); }
refused() {   # refused WHAT FILE COMMAND...: non-zero, names FILE and the way out
    what=$1 file=$2
    shift 2
    err=$(p "$@" 2>&1 </dev/null >/dev/null) && fail "$what: accepted"
    echo "$err" | grep -qF "$file" || fail "$what: the message does not name $file: $err"
    return 0
}

# a first start: home, a seeded database, then the keys; no temporary file
# left, not even one of an earlier first start that crashed (its process gone)
mkdir -p "$T/home"
sh -c 'exit 0' &
gone=$!
wait $gone
printf 'half' > "$T/home/postkiosk.db.new-$gone"
p dossier list >/dev/null || fail "first start"
[ -s "$T/home/postkiosk.db" ] || fail "first start: no database"
[ -s "$T/home/keys/receipt.key" ] && [ -s "$T/home/keys/pin.pepper" ] || fail "first start: no keys"
ls -A "$T/home" | grep -q 'new-' && fail "first start left a temporary database"
[ "$(p catalog search '' | wc -l)" -eq 3 ] || fail "first start: not seeded"

# the database deleted: refused by commands and by the kiosk, nothing created
mv "$T/home/postkiosk.db" "$T/saved.db"
before=$(listing "$T/home")
refused "deleted database" "$T/home/postkiosk.db" dossier list
echo "$err" | grep -q "backup" || fail "deleted database: no way out given: $err"
refused "deleted database (kiosk)" "$T/home/postkiosk.db"
refused "deleted database (clerk)" "$T/home/postkiosk.db" clerk
[ "$(listing "$T/home")" = "$before" ] || fail "deleted database: something was created"
p check >/dev/null 2>&1
[ $? -eq 2 ] || fail "check: a deleted database is not the database bit"
[ -e "$T/home/postkiosk.db" ] && fail "check created the database"

# the practice sandbox is still made on purpose: a tour runs, and the
# missing live database stays missing
env -u POSTKIOSK_DATADIR "$P" --config "$T/en.ini" --tour data/tours/01-criminal-record.tour \
    --speed max >/dev/null 2>"$T/err" || fail "a tour without the live database: $(cat "$T/err")"
[ -e "$T/home/postkiosk.db" ] && fail "the tour created the live database"
[ -e "$T/home/practice.db" ] && fail "the tour left its sandbox"

# an empty (0 bytes) database: refused, left as it is
: > "$T/home/postkiosk.db"
before=$(listing "$T/home")
refused "empty database" "$T/home/postkiosk.db" dossier list
echo "$err" | grep -q "empty (0 bytes)" || fail "empty database: the message does not say so: $err"
refused "empty database (kiosk)" "$T/home/postkiosk.db"
[ "$(listing "$T/home")" = "$before" ] || fail "empty database: something was written"

# --db at a new path, or in a folder that does not exist: refused, nothing made
refused "--db at a new path" "$T/other.db" --db "$T/other.db" dossier list
[ -e "$T/other.db" ] && fail "--db at a new path: created"
refused "--db in a missing folder" "$T/nowhere/x.db" --db "$T/nowhere/x.db" dossier list
[ -e "$T/nowhere" ] && fail "--db: the missing folder was created"

# restoring the backup brings the kiosk back, with its dossiers' numbering
mv "$T/saved.db" "$T/home/postkiosk.db"
p dossier list >/dev/null || fail "the restored database is not used"

# even a first start never makes the folder of --db ...
POSTKIOSK_HOME="$T/fresh" p --db "$T/missing/dir/k.db" dossier list 2>"$T/err" >/dev/null &&
    fail "first start: --db in a missing folder accepted"
grep -qF "$T/missing/dir" "$T/err" || fail "first start: the folder is not named: $(cat "$T/err")"
[ -e "$T/missing" ] && fail "first start: the folder of --db was created"
[ -e "$T/fresh/keys" ] && fail "first start refused, but keys were made"
# ... but uses an existing one
mkdir "$T/dbdir"
POSTKIOSK_HOME="$T/fresh" p --db "$T/dbdir/k.db" dossier list >/dev/null || fail "first start with --db"
[ -s "$T/dbdir/k.db" ] || fail "first start with --db: no database"

# two first starts at once: both work, on one database
POSTKIOSK_HOME="$T/twin" p catalog search '' >"$T/a" 2>"$T/a.err" &
a=$!
POSTKIOSK_HOME="$T/twin" p catalog search '' >"$T/b" 2>"$T/b.err" &
b=$!
wait $a || fail "twin first start A: $(cat "$T/a.err")"
wait $b || fail "twin first start B: $(cat "$T/b.err")"
[ "$(wc -l < "$T/a")" -eq 3 ] && [ "$(wc -l < "$T/b")" -eq 3 ] || fail "twin first starts: catalog"
[ "$(ls -A "$T/twin" | grep -c 'new-')" -eq 0 ] || fail "twin first starts left a temporary file"
exit 0
