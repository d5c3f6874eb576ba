#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Tracking anywhere (issue 12 item 3) on a real PostgreSQL (tests/pg.sh):
# kiosk DD01 registers and accepts a dossier, its sync outbox reaches the
# central server as DD01's login; at kiosk LS01, holding DD01's receipt key
# from the province, the Track screen and the clerk's scanner show the
# dossier's status from the server and from when; with the server stopped
# they say plainly that they cannot check now. The screens are driven
# headless by tests/ui/test_track_remote.c.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
R="$PWD/$BUILD/test-runner"
fail() { echo "track_anywhere.sh: $*" >&2; exit 1; }
. tests/pg.sh
pg_start
T="$PG_DIR/t"
mkdir "$T"
export TZ=Asia/Ho_Chi_Minh PK_TRACK_DIR="$T"
printf '[kiosk]\nlanguage = en\n' >"$T/en.ini"
pk() { "$P" --config "$T/en.ini" "$@"; }
run() {   # run STEP: the suite at that step, its failures shown
    PK_TRACK_STEP=$1 "$R" track_remote >"$T/$1.log" 2>&1 || { cat "$T/$1.log" >&2; fail "$1 failed"; }
    grep -q "tests *3 *3 *3 *0" "$T/$1.log" || fail "$1 did not run: $(tail -5 "$T/$1.log")"
}

pk central init --conninfo "$PG_ADMIN" >/dev/null || fail "central init"
pk central add-kiosk DD01 --password-file "$T/dd01.pw" --conninfo "$PG_ADMIN" >/dev/null || fail "add DD01"
pk central add-kiosk LS01 --password-file "$T/ls01.pw" --conninfo "$PG_ADMIN" >/dev/null || fail "add LS01"

run register
# DD01's outbox to the server as DD01's login, every column as queued
cols="kiosk_code, seq, kind, at, ref, s10, proc_code, proc_name, agency, unit_id, unit_name, form,
      from_status, status, created_at, created_day, expected_date, accepted_at, completed_day,
      closed_day, incident, fee_post, fee_collected, key_version, detail, audit_seq, audit_hash"
pgcols=$(echo "$cols" | sed 's/kiosk_code/kiosk/' | tr -d '\n')
# (row-level security allows INSERT, not COPY)
sqlite3 -cmd ".mode insert outbox_row" "$T/a.db" "SELECT $cols FROM sync_outbox ORDER BY seq" |
    sed "s/^INSERT INTO outbox_row VALUES/INSERT INTO pk.events($pgcols) VALUES/" >"$T/outbox.sql"
[ "$(grep -c '^INSERT' "$T/outbox.sql")" -ge 3 ] || fail "DD01 queued: $(cat "$T/outbox.sql")"
PGPASSWORD=$(cat "$T/dd01.pw") "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$PG_CONN user=kiosk_dd01" \
    -f "$T/outbox.sql" || fail "DD01's outbox refused by the server"
[ "$(pg_sql "SELECT status FROM pk.dossiers WHERE ref = 'DD01-000001'")" = accepted ] ||
    fail "central dossier: $(pg_sql "SELECT * FROM pk.dossiers")"

export PK_TRACK_CONNINFO="$PG_CONN user=kiosk_ls01" PK_TRACK_PWFILE="$T/ls01.pw"
run online
pg_stop
run offline
exit 0
