#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 17 item 7, the restore drill: dossiers stored the kiosk's way, a
# backup taken while a clerk workstation has the database open (checked:
# integrity, audit chain), only the last [backup] keep kept; the database
# lost, restored: every dossier and the audit chain are back. A restore is
# refused while a workstation holds the run lock, and a corrupt or foreign
# file is refused with the database unchanged. The old database is kept.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
for tool in tmux sqlite3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "backup_restore.sh: $tool missing" >&2; exit 1; }
done
T=$(mktemp -d)
SOCK="pkbr$$"
S="clerk"
H="$T/home"
B="$T/backups"
mkdir -p "$H"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT INT TERM
export POSTKIOSK_HOME="$H" LANG=C.UTF-8 LC_ALL=C.UTF-8 POSTKIOSK_DATADIR="$PWD/data"
unset POSTKIOSK_CLOCK POSTKIOSK_IDLE POSTKIOSK_TEST POSTKIOSK_LOG
. "$(dirname "$0")/../tmux_helpers.sh"
DB="$H/postkiosk.db"
sql() { sqlite3 "$DB" "$1"; }
printf '[kiosk]\nlanguage = en\n[backup]\nkeep = 2\ndir = %s\n' "$B" > "$T/kiosk.ini"
p() { "$P" --config "$T/kiosk.ini" "$@"; }

p dossier list >/dev/null || fail "first start"
PK_FIXTURE_DB="$DB" PK_FIXTURE_AUDIT_KEY="$H/keys/audit.key" \
    "$PWD/$BUILD/test-runner" e2e_fixture >"$T/fixture.log" 2>&1 || fail "fixture: $(cat "$T/fixture.log")"
want=$(sql "SELECT group_concat(ref || ':' || name || ':' || status, ',') FROM dossiers")
[ "$want" = "LS01-000001:Nguyễn Văn An:registered,LS01-000002:Trần Thị Bích:registered" ] ||
    fail "fixture dossiers: $want"
head=$(p audit anchor) || fail "audit anchor"

# a workstation has the database open (and the run lock) during the backup
tmux -L "$SOCK" -f /dev/null new-session -d -s "$S" -x 100 -y 30 \
    "TERM=tmux-256color '$P' --config '$T/kiosk.ini' clerk 2>'$T/err'; sleep 30"
wait_for "Clerk sign-in"
out=$(p backup 2>&1) || fail "backup while the workstation runs: $out"
echo "$out" | grep -q "2 dossiers, audit chain intact, head $head" || fail "backup output: $out"
n=$(ls "$B" | grep -c '^postkiosk-[0-9]\{8\}-[0-9]\{6\}-[0-9][0-9]\.db$')
[ "$n" = 1 ] || fail "backups in $B: $(ls -a "$B")"
ls -a "$B" | grep -q tmp && fail "a temporary file was left: $(ls -a "$B")"
first=$(ls "$B" | head -1)
[ "$(stat -c %a "$B/$first")" = 600 ] || fail "the backup is not 0600"
[ ! -e "$B/$first-wal" ] || fail "the backup has a -wal beside it"

# restore refused while the workstation runs; nothing changed
before=$(md5sum < "$DB")
out=$(p restore "$B/$first" 2>&1) && fail "restore accepted while a workstation runs"
echo "$out" | grep -q "Stop it first" || fail "restore refusal: $out"
[ "$(md5sum < "$DB")" = "$before" ] || fail "the refused restore changed the database"
tmux -L "$SOCK" send-keys -t "$S" Escape
wait_for "Quit the clerk workstation?"
tmux -L "$SOCK" send-keys -t "$S" 1
wait_gone "Clerk sign-in"
tmux -L "$SOCK" kill-server 2>/dev/null

# keep = 2: a third backup removes the oldest
p backup >/dev/null || fail "second backup"
p backup >/dev/null || fail "third backup"
[ "$(ls "$B" | grep -c '^postkiosk-')" = 2 ] || fail "keep = 2 not honoured: $(ls "$B")"
[ -e "$B/$first" ] && fail "the oldest backup was kept"
last=$(ls "$B" | grep '^postkiosk-' | tail -1)

# a corrupt backup and a file that is no database: refused, nothing changed
cp "$B/$last" "$T/corrupt.db"
size=$(stat -c %s "$T/corrupt.db")
# the first half of a page in the middle (4096-byte pages, none free): its
# header is garbage, whichever table it holds (the second half of a page may
# be unused space, which integrity_check rightly ignores)
dd if=/dev/urandom of="$T/corrupt.db" bs=1024 seek=$((size / 4096 / 2 * 4)) count=2 conv=notrunc 2>/dev/null
echo "not a database" > "$T/text.db"
sql "UPDATE dossiers SET status = 'cancelled' WHERE ref = 'LS01-000002'" # tampered behind the store
cp "$B/$last" "$T/tampered.db"
sqlite3 "$T/tampered.db" "UPDATE dossiers SET name = 'X' WHERE ref = 'LS01-000001'"
sql "UPDATE dossiers SET status = 'registered' WHERE ref = 'LS01-000002'"
before=$(md5sum < "$DB")
for bad in corrupt text tampered missing; do
    out=$(p restore "$T/$bad.db" 2>&1) && fail "the $bad file was restored"
    echo "$out" | grep -q "restore refused: " || fail "$bad: $out"
    echo "$out" | grep -q "The database was not changed" || fail "$bad: $out"
    [ "$(md5sum < "$DB")" = "$before" ] || fail "the refused $bad restore changed the database"
done
ls "$H" | grep -q "restore-" && fail "a temporary restore file was left: $(ls "$H")"

# the drill: the database is lost, then restored from the last backup
rm -f "$DB" "$DB-wal" "$DB-shm"
p dossier list >/dev/null 2>&1 && fail "the kiosk started without its database"
out=$(p restore "$B/$last" 2>&1) || fail "restore: $out"
echo "$out" | grep -q "restored from" || fail "restore output: $out"
[ "$(sql "SELECT group_concat(ref || ':' || name || ':' || status, ',') FROM dossiers")" = "$want" ] ||
    fail "dossiers after the restore: $(sql "SELECT ref, status FROM dossiers")"
p audit verify --expect-head "$head" >/dev/null || fail "the audit chain after the restore"
[ "$(stat -c %a "$DB")" = 600 ] || fail "the restored database is not 0600"

# restoring over a live database keeps the old one, with what its WAL held
printf '480215\n' | p clerk add sup1 --role supervisor >/dev/null || fail "a change after the restore"
out=$(p restore "$B/$last" 2>&1) || fail "second restore: $out"
kept=$(ls "$H" | grep '^postkiosk.db.before-restore-' | grep -v -- '-wal$' | head -1)
[ -n "$kept" ] || fail "the old database was not kept: $(ls "$H")"
[ "$(sqlite3 "$H/$kept" "SELECT count(*) FROM clerks")" = 1 ] || fail "the kept database lost its last change"
[ "$(sql "SELECT count(*) FROM clerks")" = 0 ] || fail "the restored database is not the backup"
p audit verify >/dev/null || fail "audit after the second restore"
[ ! -e "$DB-shm" ] || [ "$(stat -c %U "$DB-shm")" = "$(id -un)" ] || fail "a stale -shm"
exit 0
