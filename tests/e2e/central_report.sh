#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The province's report from the central server (issue 12 item 4), on a
# real PostgreSQL (tests/pg.sh): kiosks AA01 and BB01 register and process
# dossiers (tests/store/test_central_report.c) and sync (`postkiosk sync
# --once`, their own logins); then the central report equals each
# kiosk's local report per post office and their sum in total
# (central_report_load against store_report, field by field), and
# `postkiosk central report --csv` as a province login gives, for each post
# office, the rows of its kiosk's own report CSV, then the total.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
R="$PWD/$BUILD/test-runner"
fail() { echo "central_report.sh: $*" >&2; exit 1; }
. tests/pg.sh
pg_start
T="$PG_DIR/t"
mkdir "$T"
export TZ=Asia/Ho_Chi_Minh
printf '[kiosk]\nlanguage = en\n' >"$T/en.ini"
pk() { "$P" --config "$T/en.ini" "$@"; }
run() {   # run STEP: the suite at that step, its failures shown
    PK_CREPORT_STEP=$1 "$R" central_report >"$T/$1.log" 2>&1 || { cat "$T/$1.log" >&2; fail "$1 failed"; }
    grep -q "tests *2 *2 *2 *0" "$T/$1.log" || fail "$1 did not run: $(tail -5 "$T/$1.log")"
}

. tests/sync_helpers.sh
sh_central
sh_kiosk AA01 AA01
sh_kiosk BB01 BB01
pk central add-user tinh_ls --password-file "$T/prov.pw" --conninfo "$PG_ADMIN" >/dev/null ||
    fail "add the province user"
export PK_CREPORT_DIR="$PG_DIR"

run make
# each kiosk syncs as any kiosk does
for k in AA01 BB01; do
    out=$(sh_pk $k sync --once 2>&1) || fail "$k sync: $out"
    [ "$(sh_sql $k "SELECT count(*) FROM sync_outbox WHERE sent = 0")" = 0 ] || fail "$k left rows pending"
done

# the province's login, its password where libpq looks for it
umask 077
echo "*:*:*:tinh_ls:$(cat "$T/prov.pw")" >"$T/pgpass"
umask 022
export PGPASSFILE="$T/pgpass" PK_CREPORT_CONNINFO="$PG_CONN user=tinh_ls"
run compare

out=$(pk central report --from 2026-03-01 --to 2026-03-31 --csv --conninfo "$PK_CREPORT_CONNINFO") ||
    fail "central report --csv: $out"
printf '%s\n' "$out" | tr -d '\r' >"$T/central.csv"
head -1 "$T/central.csv" | grep -qx 'post_office,section,key,label,value' ||
    fail "CSV header: $(head -1 "$T/central.csv")"
for k in AA01 BB01; do
    # its kiosk's rows, but "overdue" counts against today, not the test's day
    grep "^$k," "$T/central.csv" | cut -d, -f2- | grep -v '^timeliness,overdue_open,' >"$T/$k.got"
    tr -d '\r' <"$PG_DIR/$k.csv" | tail -n +2 | grep -v '^timeliness,overdue_open,' >"$T/$k.want"
    diff "$T/$k.want" "$T/$k.got" >"$T/$k.diff" || fail "$k rows differ from its local report: $(cat "$T/$k.diff")"
done
grep -qx 'TOTAL,total,dossiers,Dossiers registered,13' "$T/central.csv" ||
    fail "total: $(grep '^TOTAL,total' "$T/central.csv")"
grep -qx 'TOTAL,incidents,lost,Lost items,2' "$T/central.csv" || fail "lost: $(grep lost "$T/central.csv")"

# the text report, and a kiosk login is no province
out=$(pk central report --from 2026-03-01 --to 2026-03-31 --conninfo "$PK_CREPORT_CONNINFO") ||
    fail "central report: $out"
echo "$out" | grep -q '^== Post office AA01 ==$' || fail "text: $out"
echo "$out" | grep -q '^== All post offices (2) ==$' || fail "text total: $out"
out=$(PGPASSWORD=$(cat "$PG_DIR/AA01.pw") "$P" --config "$T/en.ini" central report --from 2026-03-01 \
      --to 2026-03-31 --conninfo "$PG_CONN user=kiosk_aa01" 2>&1) && fail "a kiosk login made the report: $out"
echo "$out" | grep -q 'permission denied' || fail "kiosk login refusal: $out"
out=$(pk central report --from 2026-03-31 --to 2026-03-01 --conninfo "$PK_CREPORT_CONNINFO" 2>&1) &&
    fail "reversed dates accepted"
exit 0
