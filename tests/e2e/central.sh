#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The central PostgreSQL schema (issue 12 item 2), on a real server started
# here (tests/pg.sh): `postkiosk central init` creates, then finds it up to
# date, and refuses a schema newer than it knows; `central add-kiosk`
# gives each kiosk a login whose password lands in a 0400 file; row-level
# security lets a kiosk write only its own rows and read back only its own
# events, plus what tracking needs; a province login reads everything.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
fail() { echo "central.sh: $*" >&2; exit 1; }
. tests/pg.sh
pg_start
T="$PG_DIR/t"
mkdir "$T"
printf '[kiosk]\nlanguage = en\n' >"$T/en.ini"
pk() { "$P" --config "$T/en.ini" "$@"; }
# as(ROLE, PASSWORD FILE, SQL): psql as a kiosk or province login
as() {
    PGPASSWORD=$(cat "$2") "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$PG_CONN user=$1" -c "$3" 2>&1
}

# ---- init: create, then up to date ---------------------------------------
out=$(pk central init --conninfo "$PG_ADMIN") || fail "central init: $out"
[ "$out" = "central schema: version 0 -> 4" ] || fail "init said: $out"
out=$(pk central init --conninfo "$PG_ADMIN") || fail "central init again: $out"
[ "$out" = "central schema: version 4, up to date" ] || fail "second init said: $out"
# from [central] conninfo too
printf '[kiosk]\nlanguage = en\n[central]\nconninfo = %s\n' "$PG_ADMIN" >"$T/central.ini"
out=$("$P" --config "$T/central.ini" central init) || fail "init from [central]: $out"

# ---- a password in the connection string is refused ----------------------
out=$(pk central init --conninfo "$PG_ADMIN password=secret" 2>&1) && fail "a password was accepted"
echo "$out" | grep -q 'holds a password' || fail "password message: $out"
printf '[kiosk]\nlanguage = en\n[central]\nconninfo = %s password=x\n' "$PG_ADMIN" >"$T/bad.ini"
out=$("$P" --config "$T/bad.ini" central init 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q 'bad.ini:4: .*holds a password' || fail "config password ($rc): $out"

# ---- kiosks and a province user -------------------------------------------
out=$(pk central add-kiosk LS01 --password-file "$T/ls01.pw" --conninfo "$PG_ADMIN") || fail "add LS01: $out"
echo "$out" | grep -q '^kiosk LS01: login kiosk_ls01, key version 1;' || fail "add LS01 said: $out"
[ "$(stat -c %a "$T/ls01.pw")" = 400 ] || fail "password file mode $(stat -c %a "$T/ls01.pw")"
[ "$(wc -c <"$T/ls01.pw")" -eq 25 ] || fail "password file: $(wc -c <"$T/ls01.pw") bytes"
grep -q "$(cat "$T/ls01.pw")" "$PG_DIR/server.log" && fail "the password reached the server log"
umask 077; echo 'mat-khau-LS02-tram' >"$T/ls02.pw"; umask 022
pk central add-kiosk LS02 --password-file "$T/ls02.pw" --key-version 3 --province 'Lạng Sơn' \
    --conninfo "$PG_ADMIN" >/dev/null || fail "add LS02"
[ "$(pg_sql "SELECT key_version || province FROM pk.kiosks WHERE code = 'LS02'")" = "3Lạng Sơn" ] ||
    fail "LS02 row: $(pg_sql "SELECT * FROM pk.kiosks")"
out=$(pk central add-kiosk ls1 --password-file "$T/x.pw" --conninfo "$PG_ADMIN" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q 'capital letters' || fail "bad code ($rc): $out"
[ -e "$T/x.pw" ] && fail "a password file was left for a refused kiosk"
chmod 644 "$T/ls02.pw"
out=$(pk central add-kiosk LS02 --password-file "$T/ls02.pw" --conninfo "$PG_ADMIN" 2>&1) &&
    fail "a readable password file was used"
echo "$out" | grep -q 'others may read it' || fail "readable file message: $out"
chmod 400 "$T/ls02.pw"
out=$(pk central add-user tinh_ls --password-file "$T/prov.pw" --conninfo "$PG_ADMIN") || fail "add-user: $out"

# ---- row-level security ----------------------------------------------------
ins() {   # ins KIOSK SEQ KIND REF [STATUS]
    echo "INSERT INTO pk.events(kiosk, seq, kind, at, ref, status, created_day, audit_seq, audit_hash)
          VALUES ('$1', $2, '$3', 1767225600, '$4', '${5:-registered}', '2026-01-01',
          $( [ "$3" = audit ] && echo "7, '$(printf 'ab%.0s' $(seq 32))'" || echo "0, ''"))"
}
out=$(as kiosk_ls01 "$T/ls01.pw" "$(ins LS01 1 dossier LS01-2601-000001)") || fail "own insert: $out"
out=$(as kiosk_ls01 "$T/ls01.pw" "$(ins LS02 1 dossier LS02-2601-000001)") && fail "LS01 wrote LS02's row"
echo "$out" | grep -q 'row-level security' || fail "RLS message: $out"
[ "$(pg_sql "SELECT count(*) FROM pk.events WHERE kiosk = 'LS02'")" = 0 ] || fail "LS02 row stored"
out=$(as kiosk_ls02 "$T/ls02.pw" "$(ins LS02 1 dossier LS02-2601-000001)") || fail "LS02 insert: $out"
out=$(as kiosk_ls02 "$T/ls02.pw" "$(ins LS02 2 event LS02-2601-000001 accepted)") || fail "LS02 event: $out"
out=$(as kiosk_ls02 "$T/ls02.pw" "$(ins LS02 3 audit '')") || fail "LS02 audit: $out"
# reads: own events only; every dossier's tracking columns; nothing else
[ "$(as kiosk_ls01 "$T/ls01.pw" "SELECT count(*) FROM pk.events")" = 1 ] || fail "LS01 sees others' events"
[ "$(as kiosk_ls01 "$T/ls01.pw" "SELECT status FROM pk.dossiers WHERE ref = 'LS02-2601-000001'")" = accepted ] ||
    fail "tracking: $(as kiosk_ls01 "$T/ls01.pw" "SELECT status FROM pk.dossiers")"
as kiosk_ls01 "$T/ls01.pw" "SELECT proc_name FROM pk.dossiers" | grep -q 'permission denied' ||
    fail "a kiosk read more than tracking needs"
as kiosk_ls01 "$T/ls01.pw" "SELECT role FROM pk.kiosks" | grep -q 'permission denied' || fail "kiosk read roles"
[ "$(as kiosk_ls01 "$T/ls01.pw" "SELECT key_version FROM pk.kiosks WHERE code = 'LS02'")" = 3 ] ||
    fail "key versions not readable"
as kiosk_ls01 "$T/ls01.pw" "UPDATE pk.events SET status = 'lost'" | grep -q 'permission denied' ||
    fail "a kiosk may update events"
as kiosk_ls02 "$T/ls02.pw" "DELETE FROM pk.audit_heads" | grep -q 'permission denied' ||
    fail "a kiosk may delete heads"
out=$(as kiosk_ls01 "$T/ls01.pw" "INSERT INTO pk.audit_heads VALUES ('LS02', 9, '$(printf 'cd%.0s' $(seq 32))')") &&
    fail "LS01 wrote LS02's audit head"
as kiosk_ls01 "$T/ls01.pw" "SELECT count(*) FROM pk.audit_heads" | grep -qx 0 || fail "LS01 sees LS02's heads"
# the trigger keeps dossiers and audit heads
[ "$(pg_sql "SELECT audit_seq FROM pk.audit_heads WHERE kiosk = 'LS02'")" = 7 ] || fail "audit head not kept"
# a duplicate (kiosk, seq) is refused; ON CONFLICT DO NOTHING keeps the first
as kiosk_ls01 "$T/ls01.pw" "$(ins LS01 1 dossier LS01-X)" | grep -q 'duplicate key' || fail "duplicate accepted"
out=$(as kiosk_ls01 "$T/ls01.pw" "$(ins LS01 1 dossier LS01-X) ON CONFLICT DO NOTHING") || fail "DO NOTHING: $out"
[ "$(pg_sql "SELECT ref FROM pk.events WHERE kiosk = 'LS01'")" = LS01-2601-000001 ] || fail "first row replaced"
# the province reads everything
[ "$(as tinh_ls "$T/prov.pw" "SELECT count(*) FROM pk.events")" = 4 ] || fail "province does not read all"
as tinh_ls "$T/prov.pw" "$(ins LS01 9 dossier LS01-Y)" | grep -q 'permission denied' || fail "province may write"
# every row's kiosk is a registered one (checked once per statement, not
# by a per-row foreign key), even for the administrator, who bypasses RLS;
# a kiosk with rows cannot be removed or renamed
out=$(pg_sql "$(ins ZZ99 1 dossier ZZ99-2601-000001)" 2>&1) && fail "an unregistered kiosk's row was stored"
echo "$out" | grep -q 'kiosk ZZ99 is not registered' || fail "unregistered kiosk: $out"
out=$(pg_sql "INSERT INTO pk.events(kiosk, seq, kind, at) SELECT k, 5, 'event', 1 FROM
    unnest(ARRAY['LS01', 'ZZ98']) k" 2>&1) && fail "a batch with an unregistered kiosk was stored"
echo "$out" | grep -q 'kiosk ZZ98 is not registered' || fail "unregistered kiosk in a batch: $out"
[ "$(pg_sql "SELECT count(*) FROM pk.events WHERE seq = 5 OR kiosk LIKE 'ZZ%'")" = 0 ] ||
    fail "part of a refused batch was stored"
out=$(pg_sql "DELETE FROM pk.kiosks WHERE code = 'LS02'" 2>&1) && fail "a kiosk with rows was removed"
echo "$out" | grep -q 'kiosk LS02 has rows' || fail "kiosk removal: $out"
out=$(pg_sql "UPDATE pk.kiosks SET code = 'LS09' WHERE code = 'LS01'" 2>&1) && fail "a kiosk with rows was renamed"
pg_sql "UPDATE pk.kiosks SET province = 'Lạng Sơn' WHERE code = 'LS01'" || fail "a kiosk's province cannot change"
pg_sql "INSERT INTO pk.kiosks(code, role) VALUES ('ZZ97', 'kiosk_zz97')" &&
    pg_sql "DELETE FROM pk.kiosks WHERE code = 'ZZ97'" || fail "a kiosk without rows cannot be removed"
# no password: refused
out=$("$PG_BIN/psql" -X -w "$PG_CONN user=kiosk_ls01" -c 'SELECT 1' 2>&1 </dev/null) && fail "no password accepted"

# ---- a schema newer than this program --------------------------------------
pg_sql "UPDATE pk.central_meta SET version = 99"
out=$(pk central init --conninfo "$PG_ADMIN" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "newer schema: status $rc"
echo "$out" | grep -q 'schema version 99, newer than this program knows (4): upgrade postkiosk' ||
    fail "newer schema message: $out"
[ "$(pg_sql "SELECT version FROM pk.central_meta")" = 99 ] || fail "newer schema changed"
out=$(pk central add-kiosk LS03 --password-file "$T/ls03.pw" --conninfo "$PG_ADMIN" 2>&1) && fail "add on newer schema"
echo "$out" | grep -q 'newer than this program' || fail "add on newer schema: $out"

# ---- unreachable --------------------------------------------------------------
out=$(pk central init --conninfo "host=$T/nowhere dbname=central" 2>&1) && fail "init without a server"
echo "$out" | grep -q 'central server cannot be reached' || fail "unreachable message: $out"
exit 0
