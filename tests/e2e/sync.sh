#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `postkiosk sync` against a real PostgreSQL started here (issue 12 item 1):
# each fault gives a clear message and loses or doubles nothing: server
# unreachable, wrong password, a password in the configuration, TLS refused
# (sslmode=require against a server without TLS, on 127.0.0.1), a schema
# newer than the program, a batch replayed after a kill -9 between the
# server's commit and the local mark, a row the server holds with other
# content, clock skew, a 10,000-row backlog in one run, kill -9 before the
# commit, pg_terminate_backend and a server restart mid-batch, and
# --follow backing off while the server is down. Outbox rows are written
# with SQL here (queueing them with each change is
# tests/store/test_store_sync.c).
set -u
BUILD=${BUILD:-build}
. tests/pg.sh
. tests/sync_helpers.sh
fail() { sh_fail "$@"; }
pg_start --tcp
sh_central
sh_kiosk a LS01 batch=10
T="$PG_DIR/t"
mkdir "$T"
pending() { sh_sql a "SELECT count(*) FROM sync_outbox WHERE sent = 0"; }
sent() { sh_sql a "SELECT count(*) FROM sync_outbox WHERE sent = 1"; }
last() { sh_sql a "SELECT max(seq) FROM sync_outbox"; }
central() { pg_sql "SELECT count(*) FROM pk.events"; }
# the central rows are the rows marked sent here, row for row (every column)
same() {
    sh_local a "WHERE sent = 1" >"$T/local"
    sh_central_rows LS01 >"$T/central"
    cmp -s "$T/local" "$T/central" || { diff "$T/local" "$T/central" | head -5 >&2; fail "$1: central != sent"; }
}
# everything sent, and the server has it all, once
all_sent() {
    [ "$(pending)" = 0 ] || fail "$1: $(pending) rows still pending"
    same "$1"
}
# the pass said it sent rows up to the newest seq
said() {
    echo "$2" | grep -Eq "^sync: kiosk LS01: [0-9]+ rows sent in [0-9]+ batches, up to seq $(last)\$" ||
        fail "$1 said: $2"
}
# ini NAME LINES: a copy of a.ini with [sync] lines replaced
ini() {
    name=$1; shift
    grep -v -e '^conninfo' -e '^password_file' "$PG_DIR/a.ini" >"$PG_DIR/$name.ini"
    for l in "$@"; do echo "$l" >>"$PG_DIR/$name.ini"; done
}
as() {   # as INI ARGS: kiosk a's database with another configuration
    ininame=$1; shift
    POSTKIOSK_HOME="$PG_DIR/a" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog" \
        "$SH_P" --config "$PG_DIR/$ininame.ini" "$@"
}

# ---- nothing pending yet: a success all the same ---------------------------
out=$(sh_pk a sync --once) || fail "empty sync: $out"
[ "$out" = "sync: kiosk LS01: nothing pending" ] || fail "empty sync said: $out"
sh_rows a 25
[ "$(pending)" = 25 ] || fail "rows not queued: $(pending)"

# ---- unreachable, wrong password, password in the file, TLS, too new ----------
ini down "conninfo = host=$T/nowhere dbname=central user=kiosk_ls01" "password_file = $PG_DIR/a.pw"
out=$(as down sync --once 2>&1) && fail "sync without a server succeeded"
echo "$out" | grep -q 'sync: the central server cannot be reached' || fail "unreachable: $out"
[ "$(sh_sql a "SELECT last_error <> '' FROM sync_status")" = 1 ] || fail "the failure was not recorded"
# in Vietnamese too: whether the server answers does not depend on the
# language of libpq's or the C library's messages
sed 's/^language = en$/language = vi/' "$PG_DIR/down.ini" >"$PG_DIR/down-vi.ini"
out=$(as down-vi sync --once 2>&1) && fail "sync without a server succeeded (vi)"
echo "$out" | grep -q 'sync: không kết nối được tới máy chủ trung tâm' || fail "unreachable (vi): $out"
umask 077; echo wrong-password >"$T/wrong.pw"; umask 022
ini wrong "conninfo = $PG_CONN user=kiosk_ls01" "password_file = $T/wrong.pw"
out=$(as wrong sync --once 2>&1) && fail "a wrong password was accepted"
echo "$out" | grep -q 'the central server refused the password' || fail "wrong password: $out"
sed 's/^language = en$/language = vi/' "$PG_DIR/wrong.ini" >"$PG_DIR/wrong-vi.ini"
out=$(as wrong-vi sync --once 2>&1) && fail "a wrong password was accepted (vi)"
echo "$out" | grep -q 'máy chủ trung tâm từ chối mật khẩu' || fail "wrong password (vi): $out"
ini inline "conninfo = $PG_CONN user=kiosk_ls01 password=$(cat "$PG_DIR/a.pw")"
out=$(as inline sync --once 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q 'inline.ini:[0-9]*: .*holds a password' || fail "inline password ($rc): $out"
chmod 644 "$T/wrong.pw"
out=$(as wrong sync --once 2>&1) && fail "a readable password file was used"
echo "$out" | grep -q 'others may read it' || fail "readable password file: $out"
ini tls "conninfo = host=127.0.0.1 port=$PG_TCP_PORT dbname=central user=kiosk_ls01 sslmode=require" \
    "password_file = $PG_DIR/a.pw"
out=$(as tls sync --once 2>&1) && fail "sync without TLS succeeded"
echo "$out" | grep -q 'does not offer TLS, and the connection requires it' || fail "TLS refused: $out"
# the same over TCP without sslmode=require works: the refusal was TLS's
ini tcp "conninfo = host=127.0.0.1 port=$PG_TCP_PORT dbname=central user=kiosk_ls01" \
    "password_file = $PG_DIR/a.pw"
pg_sql "UPDATE pk.central_meta SET version = 5"
out=$(as tcp sync --once 2>&1) && fail "sync to a newer schema succeeded"
echo "$out" | grep -q 'schema version 5, newer than this program knows (4): upgrade postkiosk' ||
    fail "schema too new: $out"
pg_sql "UPDATE pk.central_meta SET version = 4"
[ "$(central)" = 0 ] && [ "$(sent)" = 0 ] || fail "a failed sync changed something: $(central) $(sent)"

# ---- without the sync module (libpq, kiosk/base/module.h), or with a file ----
# that is not one: said, nothing sent, nothing recorded
mkdir "$T/nomods"
err0=$(sh_sql a "SELECT last_error FROM sync_status")
pending0=$(pending)
export POSTKIOSK_MODULEDIR="$T/nomods"
for how in missing broken; do
    [ $how = broken ] && printf 'not a module\n' > "$T/nomods/pk-sync.so"
    out=$(as tcp sync --once 2>&1) && fail "sync with the sync module $how succeeded: $out"
    echo "$out" | grep -q "the sync part of postkiosk cannot be loaded (.*pk-sync.so.*): reinstall postkiosk" ||
        fail "the sync module $how: $out"
    [ "$(central)" = 0 ] && [ "$(sent)" = 0 ] && [ "$(pending)" = "$pending0" ] ||
        fail "the sync module $how changed something: $(central) $(sent) $(pending)"
    [ "$(sh_sql a "SELECT last_error FROM sync_status")" = "$err0" ] || fail "the sync module $how was recorded"
done
unset POSTKIOSK_MODULEDIR

# ---- the rows go, in batches, row for row ------------------------------------
out=$(as tcp sync --once) || fail "sync: $out"
said "first sync" "$out"
echo "$out" | grep -q ' in 3 batches,' || fail "not 3 batches of 10: $out"
all_sent "first sync"
[ "$(sh_sql a "SELECT last_error = '' AND last_ok_at > 0 FROM sync_status")" = 1 ] || fail "success not recorded"
# the trigger kept the audit rows in pk.audit_heads, the dossiers' newest
# snapshots in pk.dossiers
[ "$(pg_sql "SELECT count(*) FROM pk.audit_heads WHERE kiosk = 'LS01' AND audit_seq > 1000000")" = 6 ] ||
    fail "heads not kept: $(pg_sql "SELECT count(*) FROM pk.audit_heads")"
[ "$(pg_sql "SELECT count(*) FROM pk.dossiers WHERE kiosk = 'LS01'")" = 7 ] || fail "dossiers: $(pg_sql "SELECT count(*) FROM pk.dossiers")"

# ---- killed after the server's commit, before the local mark: replayed --------
before=$(central)
sh_rows a 12
POSTKIOSK_TEST=1 POSTKIOSK_SYNC_PAUSE="after-commit:1:$T/pause" sh_pk a sync --once >/dev/null 2>&1 &
pid=$!
sh_wait_file "$T/pause"
kill -9 "$(cat "$T/pause")"; wait $pid 2>/dev/null; rm -f "$T/pause"
[ "$(central)" = $((before + 10)) ] && [ "$(sent)" = "$before" ] ||
    fail "after the kill: central $(central), sent $(sent), before $before"
out=$(sh_pk a sync --once) || fail "replay: $out"
said "replay" "$out"
all_sent "replayed batch"

# ---- killed before the commit: nothing of that batch at the server -----------
before=$(central)
sh_rows a 30
POSTKIOSK_TEST=1 POSTKIOSK_SYNC_PAUSE="before-commit:2:$T/pause" sh_pk a sync --once >/dev/null 2>&1 &
pid=$!
sh_wait_file "$T/pause"
kill -9 "$(cat "$T/pause")"; wait $pid 2>/dev/null; rm -f "$T/pause"
[ "$(central)" = $((before + 10)) ] || fail "kill before commit: central $(central), before $before"
same "kill before commit"
sh_pk a sync --once >/dev/null || fail "sync after the kill"
all_sent "after the kill"

# ---- the session ended by the server mid-batch -------------------------------
before=$(central)
sh_rows a 15
POSTKIOSK_TEST=1 POSTKIOSK_SYNC_PAUSE="before-commit:1:$T/pause" sh_pk a sync --once >"$T/out" 2>&1 &
pid=$!
sh_wait_file "$T/pause"
[ "$(pg_sql "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE usename = 'kiosk_ls01') t")" = 1 ] || fail "no session to end"
rm -f "$T/pause"
wait $pid && fail "the ended session succeeded"
grep -q 'connection to the central server was lost' "$T/out" || fail "terminated: $(cat "$T/out")"
[ "$(central)" = "$before" ] || fail "terminated: central $(central), before $before"
same "terminated"

# ---- the server restarted mid-batch -------------------------------------------
POSTKIOSK_TEST=1 POSTKIOSK_SYNC_PAUSE="before-commit:2:$T/pause" sh_pk a sync --once >"$T/out" 2>&1 &
pid=$!
sh_wait_file "$T/pause"
pg_stop
pg_start_again
rm -f "$T/pause"
wait $pid && fail "the sync across a restart succeeded"
[ "$(central)" = $((before + 10)) ] || fail "restart: central $(central), before $before"
same "restart"
sh_pk a sync --once >/dev/null || fail "sync after the restart"
all_sent "server restart"

# ---- clock skew: told, and nothing is lost -------------------------------------
sh_rows a 3
out=$(POSTKIOSK_TEST=1 POSTKIOSK_CLOCK=2020-01-01T08:00 sh_pk a sync --once 2>&1) || fail "skewed sync: $out"
echo "$out" | grep -q "warning: this kiosk's clock is [0-9]* minutes behind the central server's" ||
    fail "no skew warning: $out"
[ "$(pg_sql "SELECT clock_skew_s > 86400 FROM pk.kiosk_sync WHERE kiosk = 'LS01'")" = t ] || fail "skew not recorded"
all_sent "clock skew"

# ---- a row the server holds with other content: refused ------------------------
before=$(central)
s2=$(last); s1=$((s2 - 1))
sh_rows a 2
sh_sql a "DROP TRIGGER sync_outbox_no_update; DROP TRIGGER sync_outbox_sent_once;
          DROP TRIGGER sync_outbox_no_delete;
          UPDATE sync_outbox SET sent = 0 WHERE seq IN ($s1, $s2);
          UPDATE sync_outbox SET at = at + 1 WHERE seq = $s2"
out=$(sh_pk a sync --once 2>&1) && fail "a different row was accepted"
echo "$out" | grep -q "holds a different row $s2 of kiosk LS01" || fail "divergence: $out"
[ "$(central)" = "$before" ] || fail "divergence: central $(central), before $before"
# the same rows again (a replayed batch) change nothing; the new ones go
[ "$(pg_sql "SELECT at FROM pk.events WHERE kiosk = 'LS01' AND seq = $s2")" = \
  "$(sh_sql a "SELECT at - 1 FROM sync_outbox WHERE seq = $s2")" ] || fail "changed at the server"
sh_sql a "UPDATE sync_outbox SET at = at - 1 WHERE seq = $s2"
out=$(sh_pk a sync --once) || fail "replay of sent rows: $out"
said "replay of sent rows" "$out"
all_sent "replay"

# ---- a kiosk's rows under another kiosk's code ----------------------------------
sh_sql a "INSERT INTO sync_outbox(kiosk_code, kind, at) VALUES ('LS02', 'audit', 1)"
out=$(sh_pk a sync --once 2>&1) && fail "another kiosk's row was sent"
echo "$out" | grep -q 'belongs to kiosk LS02, but the login is kiosk LS01' || fail "other kiosk: $out"
sh_sql a "DELETE FROM sync_outbox WHERE kiosk_code = 'LS02'"

# ---- a 30-day backlog of 10,000 rows in one run ----------------------------------
sh_rows a 10000
sed -i 's/^batch = 10$/batch = 500/' "$PG_DIR/a.ini"
out=$(sh_pk a sync --once) || fail "backlog: $out"
said "backlog" "$out"
n=$(echo "$out" | sed -n 's/.*: \([0-9]*\) rows sent in \([0-9]*\) batches.*/\1 \2/p')
[ "${n% *}" -ge 10000 ] && [ "${n#* }" -ge 20 ] && [ "${n#* }" -le 21 ] || fail "backlog: $out"
all_sent "backlog"

# ---- --follow backs off while the server is down, then catches up ------------------
sh_rows a 4
sed -i -e 's/^batch = 500$/batch = 500\ninterval = 1\nmax_backoff = 4/' "$PG_DIR/a.ini"
pg_stop
# exec: $! is postkiosk itself, which gets the SIGTERM
(POSTKIOSK_HOME="$PG_DIR/a" exec "$SH_P" --config "$PG_DIR/a.ini" sync --follow) >"$T/follow.out" 2>"$T/follow.err" &
pid=$!
PG_ON_EXIT="kill $pid 2>/dev/null"
i=0
until [ "$(grep -c 'next try in 4 seconds' "$T/follow.err" 2>/dev/null)" -ge 2 ] 2>/dev/null; do
    i=$((i + 1)); [ $i -le 300 ] || fail "--follow did not back off: $(cat "$T/follow.err")"
    sleep 0.1
done
grep -q 'next try in 2 seconds' "$T/follow.err" || fail "backoff: $(cat "$T/follow.err")"
grep -q 'cannot be reached' "$T/follow.err" || fail "follow: $(cat "$T/follow.err")"
pg_start_again
i=0
until [ "$(pending)" = 0 ]; do
    i=$((i + 1)); [ $i -le 300 ] || fail "--follow did not catch up"
    sleep 0.1
done
kill -TERM $pid
wait $pid || fail "--follow did not stop cleanly on SIGTERM"
PG_ON_EXIT=""
grep -q 'sync: kiosk LS01: [0-9]* rows sent in 1 batches' "$T/follow.out" || fail "follow: $(cat "$T/follow.out")"
all_sent "follow"
exit 0
