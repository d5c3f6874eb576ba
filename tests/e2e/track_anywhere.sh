#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Tracking anywhere (issue 12 item 3) on a real PostgreSQL (tests/pg.sh):
# kiosk DD01 registers and accepts a dossier and syncs (`postkiosk sync
# --once`, its own login); at kiosk LS01, holding DD01's receipt key
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
run() {   # run STEP: the suite at that step, its failures shown
    PK_TRACK_STEP=$1 "$R" track_remote >"$T/$1.log" 2>&1 || { cat "$T/$1.log" >&2; fail "$1 failed"; }
    grep -q "tests *3 *3 *3 *0" "$T/$1.log" || fail "$1 did not run: $(tail -5 "$T/$1.log")"
}

. tests/sync_helpers.sh
sh_central
sh_kiosk DD01 DD01
sh_kiosk LS01 LS01
export PK_TRACK_HOME="$PG_DIR/DD01"

run register
# DD01 syncs as any kiosk does
out=$(sh_pk DD01 sync --once 2>&1) || fail "DD01 sync: $out"
[ "$(sh_sql DD01 "SELECT count(*) FROM sync_outbox WHERE sent = 0")" = 0 ] || fail "DD01 left rows pending"
[ "$(pg_sql "SELECT status FROM pk.dossiers WHERE ref = 'DD01-000001'")" = accepted ] ||
    fail "central dossier: $(pg_sql "SELECT * FROM pk.dossiers")"

export PK_TRACK_CONNINFO="$PG_CONN user=kiosk_ls01" PK_TRACK_PWFILE="$PG_DIR/LS01.pw"
run online
pg_stop
run offline
exit 0
