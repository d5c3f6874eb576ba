#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The province's report from the central server (issue 12 item 4), on a
# real PostgreSQL (tests/pg.sh): kiosks AA01 and BB01 register and process
# dossiers (tests/store/test_central_report.c), their sync outboxes reach
# the server as their own logins; then the central report equals each
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
export TZ=Asia/Ho_Chi_Minh PK_CREPORT_DIR="$T"
printf '[kiosk]\nlanguage = en\n' >"$T/en.ini"
pk() { "$P" --config "$T/en.ini" "$@"; }
run() {   # run STEP: the suite at that step, its failures shown
    PK_CREPORT_STEP=$1 "$R" central_report >"$T/$1.log" 2>&1 || { cat "$T/$1.log" >&2; fail "$1 failed"; }
    grep -q "tests *2 *2 *2 *0" "$T/$1.log" || fail "$1 did not run: $(tail -5 "$T/$1.log")"
}

pk central init --conninfo "$PG_ADMIN" >/dev/null || fail "central init"
for k in AA01 BB01; do
    pk central add-kiosk $k --password-file "$T/$k.pw" --conninfo "$PG_ADMIN" >/dev/null || fail "add $k"
done
pk central add-user tinh_ls --password-file "$T/prov.pw" --conninfo "$PG_ADMIN" >/dev/null ||
    fail "add the province user"

run make
# each kiosk's outbox to the server as its own login, every column as queued
# (row-level security allows INSERT, not COPY)
cols="kiosk_code, seq, kind, at, ref, s10, proc_code, proc_name, agency, unit_id, unit_name, form,
      from_status, status, created_at, created_day, expected_date, accepted_at, completed_day,
      closed_day, incident, fee_post, fee_collected, key_version, detail, audit_seq, audit_hash"
pgcols=$(echo "$cols" | sed 's/kiosk_code/kiosk/' | tr -d '\n')
for k in AA01 BB01; do
    sqlite3 -cmd ".mode insert outbox_row" "$T/$k.db" "SELECT $cols FROM sync_outbox ORDER BY seq" |
        sed "s/^INSERT INTO outbox_row VALUES/INSERT INTO pk.events($pgcols) VALUES/" >"$T/$k.sql"
    PGPASSWORD=$(cat "$T/$k.pw") "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        "$PG_CONN user=kiosk_$(echo $k | tr A-Z a-z)" -f "$T/$k.sql" || fail "$k's outbox refused"
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
    tr -d '\r' <"$T/$k.csv" | tail -n +2 | grep -v '^timeliness,overdue_open,' >"$T/$k.want"
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
out=$(PGPASSWORD=$(cat "$T/AA01.pw") "$P" --config "$T/en.ini" central report --from 2026-03-01 \
      --to 2026-03-31 --conninfo "$PG_CONN user=kiosk_aa01" 2>&1) && fail "a kiosk login made the report: $out"
echo "$out" | grep -q 'permission denied' || fail "kiosk login refusal: $out"
out=$(pk central report --from 2026-03-31 --to 2026-03-01 --conninfo "$PK_CREPORT_CONNINFO" 2>&1) &&
    fail "reversed dates accepted"
exit 0
