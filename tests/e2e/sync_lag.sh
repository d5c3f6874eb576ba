#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 12, the sync lag in `postkiosk check`: "never" on a fresh kiosk,
# the events the registrations queued with the oldest, the last success
# once the outbox is marked sent, the last failure with its reason; in
# English and Vietnamese. The sync itself is `postkiosk sync`'s tests: the
# outbox is marked sent here with SQL, as a push would.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/data" LANG=C.UTF-8 LC_ALL=C.UTF-8
unset POSTKIOSK_CLOCK POSTKIOSK_TEST POSTKIOSK_LOG LANGUAGE
fail() { echo "sync_lag.sh: $*" >&2; exit 1; }
DB="$T/home/postkiosk.db"
sql() { sqlite3 -cmd ".timeout 5000" "$DB" "$@"; }
printf '[kiosk]\nlanguage = en\n' > "$T/en.ini"
printf '[kiosk]\nlanguage = vi\n' > "$T/vi.ini"

"$P" --config "$T/en.ini" check >/dev/null 2>&1   # creates the database
out=$("$P" --config "$T/en.ini" check 2>&1)
echo "$out" | grep -qx 'sync: 0 events waiting; last success: never' || fail "fresh: $out"

PK_FIXTURE_DB="$DB" PK_FIXTURE_AUDIT_KEY="$T/home/keys/audit.key" \
    "$PWD/$BUILD/test-runner" e2e_fixture >"$T/fixture.log" 2>&1 || fail "fixture: $(cat "$T/fixture.log")"
n=$(sql "SELECT count(*) FROM sync_outbox WHERE sent = 0")
[ "$n" -gt 0 ] || fail "the registrations queued nothing"
oldest=$(sql "SELECT strftime('%d/%m/%Y %H:%M', min(at), 'unixepoch', 'localtime') FROM sync_outbox")
out=$("$P" --config "$T/en.ini" check 2>&1)
echo "$out" | grep -qxF "sync: $n events waiting (oldest $oldest); last success: never" ||
    fail "pending: want $n events, oldest $oldest: $out"
out=$("$P" --config "$T/vi.ini" check 2>&1)
echo "$out" | grep -qxF "đồng bộ: $n sự kiện chờ gửi (cũ nhất lúc $oldest); lần thành công gần nhất: chưa bao giờ" ||
    fail "pending (vi): $out"

# a push: everything sent at 2026-11-25 09:00 local time
at=$(date -d '2026-11-25 09:00' +%s)
sql "UPDATE sync_outbox SET sent = 1, sent_at = $at WHERE sent = 0;
     UPDATE sync_status SET last_ok_at = $at, last_try_at = $at, last_error = ''"
out=$("$P" --config "$T/en.ini" check 2>&1)
echo "$out" | grep -qx 'sync: 0 events waiting; last success: 25/11/2026 09:00' || fail "sent: $out"
echo "$out" | grep -q 'last try failed' && fail "a failure shown after a success: $out"
# then a failed try an hour later
sql "UPDATE sync_status SET last_try_at = $((at + 3600)), last_error = 'server unreachable'"
out=$("$P" --config "$T/en.ini" check 2>&1)
echo "$out" | grep -qx 'sync: last try failed at 25/11/2026 10:00: server unreachable' || fail "failed: $out"
exit 0
