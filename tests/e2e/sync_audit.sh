#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# History that cannot be rewritten locally (issue 12 item 5): each sync
# records the local audit head at the central server, which keeps every
# head it saw; `postkiosk audit verify --central` fails (status 3) when the
# local chain no longer contains one of them — the tail cut off (the chain
# left is intact by itself), or cut and written again with the audit key —
# and the next sync refuses to go on.
set -u
BUILD=${BUILD:-build}
. tests/pg.sh
. tests/sync_helpers.sh
fail() { sh_fail "$@"; }
pg_start
sh_central
sh_kiosk a LS01
head_seq() { sh_pk a audit verify | sed -n 's/.* head \([0-9]*\) .*/\1/p'; }
heads() { pg_sql "SELECT count(*) FROM pk.audit_heads WHERE kiosk = 'LS01'"; }

# nothing at the server yet: nothing to miss
out=$(sh_pk a audit verify --central) || fail "verify --central before any sync: $out"
echo "$out" | grep -q '^audit: kiosk LS01: the 0 heads the province has are all in the local chain$' ||
    fail "no heads: $out"
# without [sync] it cannot tell: status 1, not 3
printf '[kiosk]\nlanguage = en\ncode = LS01\n' >"$PG_DIR/plain.ini"
out=$(POSTKIOSK_HOME="$PG_DIR/a" "$SH_P" --config "$PG_DIR/plain.ini" audit verify --central 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q 'no central server is configured' || fail "no [sync] ($rc): $out"

h0=$(head_seq)
[ -n "$h0" ] && [ "$h0" -gt 0 ] || fail "no local audit head"
sh_pk a sync --once >/dev/null || fail "first sync"
[ "$(pg_sql "SELECT audit_seq FROM pk.audit_heads WHERE kiosk = 'LS01'")" = "$h0" ] || fail "head $h0 not recorded"
# an export is audited: the head moves, the next sync records it too
sh_pk a report --from 2026-01-01 --to 2026-01-31 --csv >/dev/null || fail "report"
h1=$(head_seq)
[ "$h1" -gt "$h0" ] || fail "the head did not move ($h0 -> $h1)"
sh_pk a sync --once >/dev/null || fail "second sync"
[ "$(heads)" = 2 ] || fail "heads at the server: $(heads)"
out=$(sh_pk a audit verify --central) || fail "verify --central: $out"
echo "$out" | grep -q 'the 2 heads the province has are all in the local chain' || fail "verify --central said: $out"

# the tail cut off: the chain left is intact by itself, but the province
# has a head it no longer contains
sh_sql a "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$PG_DIR/a/postkiosk.db" "$PG_DIR/saved.db"
sh_sql a "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > $h0"
sh_pk a audit verify >/dev/null || fail "the cut chain should verify locally"
out=$(sh_pk a audit verify --central); rc=$?
[ $rc -eq 3 ] || fail "cut chain: status $rc: $out"
echo "$out" | grep -q "audit: FAILED: the province has the head of seq $h1 (seen .*), which the local chain no longer contains" ||
    fail "cut chain said: $out"

# cut and written again with the key: intact locally, other hash at $h1
sh_pk a report --from 2026-02-01 --to 2026-02-28 --csv >/dev/null || fail "report again"
[ "$(head_seq)" = "$h1" ] || fail "the rewritten head is $(head_seq), not $h1"
sh_pk a audit verify >/dev/null || fail "the rewritten chain should verify locally"
out=$(sh_pk a audit verify --central); rc=$?
[ $rc -eq 3 ] && echo "$out" | grep -q "head of seq $h1" || fail "rewritten chain ($rc): $out"
out=$(sh_pk a sync --once 2>&1) && fail "sync went on over a rewritten chain"
echo "$out" | grep -q "another audit head at seq $h1 than this kiosk's chain" || fail "sync said: $out"
[ "$(heads)" = 2 ] || fail "the rewritten head was stored: $(heads)"

# the genuine database back: all heads found again
cp "$PG_DIR/saved.db" "$PG_DIR/a/postkiosk.db"
rm -f "$PG_DIR/a/postkiosk.db-wal" "$PG_DIR/a/postkiosk.db-shm"
sh_pk a audit verify --central >/dev/null || fail "the genuine chain fails"
exit 0
