#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 12's "done when", the sync half: two kiosks sync concurrently to a
# PostgreSQL started here; kiosk A is killed (-9) mid-batch, the server is
# restarted once while kiosk B is mid-batch; both sync again, concurrently;
# then the central pk.events is the union of the two local outboxes, row
# for row (every column, text compared byte for byte), with no gap and
# nothing pending.
set -u
BUILD=${BUILD:-build}
. tests/pg.sh
. tests/sync_helpers.sh
fail() { sh_fail "$@"; }
pg_start
sh_central
sh_kiosk a LS01 batch=200
sh_kiosk b LS02 batch=200
T="$PG_DIR/t"
mkdir "$T"
sh_rows a 3000
sh_rows b 2600
pending() { sh_sql "$1" "SELECT count(*) FROM sync_outbox WHERE sent = 0"; }
sent() { sh_sql "$1" "SELECT count(*) FROM sync_outbox WHERE sent = 1"; }
span() { sh_sql "$1" "SELECT kiosk_code || ':' || count(*) || ':' || min(seq) || ':' || max(seq) FROM sync_outbox"; }

# both at once; A stops before committing its 5th batch, B before its 8th
POSTKIOSK_TEST=1 POSTKIOSK_SYNC_PAUSE="before-commit:5:$T/a.pause" sh_pk a sync --once >"$T/a.out" 2>&1 &
pa=$!
POSTKIOSK_TEST=1 POSTKIOSK_SYNC_PAUSE="before-commit:8:$T/b.pause" sh_pk b sync --once >"$T/b.out" 2>&1 &
pb=$!
PG_ON_EXIT="kill -9 $pa $pb 2>/dev/null"
sh_wait_file "$T/a.pause"
sh_wait_file "$T/b.pause"
kill -9 "$(cat "$T/a.pause")"
wait $pa 2>/dev/null
rm -f "$T/a.pause"
[ "$(sent a)" = 800 ] || fail "A after the kill: $(sent a) sent, not its 4 batches of 200"
# the server restarts under B's open transaction
pg_stop
pg_start_again
rm -f "$T/b.pause"
wait $pb && fail "B's pass across the restart succeeded"
[ "$(sent b)" = 1400 ] || fail "B after the restart: $(sent b) sent, not its 7 batches of 200"
PG_ON_EXIT=""
[ "$(pg_sql "SELECT count(*) FROM pk.events")" = 2200 ] || fail "central before the second pass: $(pg_sql "SELECT count(*) FROM pk.events")"

# again, both at once, to the end
sh_pk a sync --once >"$T/a.out" 2>&1 &
pa=$!
sh_pk b sync --once >"$T/b.out" 2>&1 &
pb=$!
wait $pa || fail "A: $(cat "$T/a.out")"
wait $pb || fail "B: $(cat "$T/b.out")"
[ "$(pending a)" = 0 ] && [ "$(pending b)" = 0 ] || fail "pending: A $(pending a), B $(pending b)"

# the union of the outboxes, row for row
{ sh_local a; sh_local b; } >"$T/local"
sh_central_rows >"$T/central"
[ "$(wc -l <"$T/local")" -ge 5600 ] || fail "local rows: $(wc -l <"$T/local")"
cmp -s "$T/local" "$T/central" || { diff "$T/local" "$T/central" | head -5 >&2; fail "central != union of the outboxes"; }
# no gap, no duplicate: seq 1..n per kiosk, here and there
for k in a b; do
    echo "$(span $k)" | grep -Eq '^LS0[12]:([0-9]+):1:\1$' || fail "local gaps at $k: $(span $k)"
done
[ "$(pg_sql "SELECT string_agg(kiosk || ':' || n || ':' || lo || ':' || hi, ' ' ORDER BY kiosk)
             FROM (SELECT kiosk, count(*) n, min(seq) lo, max(seq) hi FROM pk.events GROUP BY kiosk) t")" \
    = "$(span a) $(span b)" ] || fail "gaps: $(pg_sql "SELECT kiosk, count(*), max(seq) FROM pk.events GROUP BY kiosk")"
exit 0
