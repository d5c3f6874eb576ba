#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The PostgreSQL test harness (tests/pg.sh) does what the sync tests rely
# on: the server runs unprivileged, on a Unix socket only, keeps its data
# across a restart, and is stopped and removed when the test fails.
set -u
fail() { echo "pg_harness.sh: $*" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# a test that fails half-way: its server and folder are gone afterwards
(
    . tests/pg.sh
    pg_start
    echo "$PG_DIR" >"$T/dir"
    head -n 1 "$PG_DIR/data/postmaster.pid" >"$T/pid"
    pg_sql "SHOW listen_addresses" >"$T/listen"
    pg_sql "CREATE TABLE t(x int); INSERT INTO t VALUES (41)"
    pg_stop
    pg_start_again
    pg_sql "SELECT x + 1 FROM t" >"$T/after"
    ps -o user= -p "$(head -n 1 "$PG_DIR/data/postmaster.pid")" >"$T/user"
    false
    exit 1
)
[ $? -eq 1 ] || fail "the failing test did not keep its status"
[ -s "$T/dir" ] || fail "the server did not start"
[ "$(cat "$T/listen")" = "" ] || fail "listens on TCP: $(cat "$T/listen")"
[ "$(cat "$T/after")" = "42" ] || fail "data lost across a restart: $(cat "$T/after")"
if [ "$(id -u)" -eq 0 ]; then
    [ "$(tr -d ' ' <"$T/user")" = nobody ] || fail "the server runs as $(cat "$T/user"), not nobody"
fi
[ -e "$(cat "$T/dir")" ] && fail "the data folder was left behind"
pid=$(cat "$T/pid")
i=0
while kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" | cut -c1)" != Z ]; do
    i=$((i + 1)); [ $i -le 50 ] || fail "the server (pid $pid) still runs"
    sleep 0.1
done
exit 0
