#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Messages to the citizen when the gateway misbehaves (issue 14), with the
# real `postkiosk notify --once` and the gateway stand-in on 127.0.0.1:
#  - a body template without the number ({to}): refused, nothing claimed;
#  - a reply lost mid-send: the gateway reads the request and never answers;
#    the attempt ends at [notify] timeout, is retried, and both requests
#    carry the same {id}, so a real gateway can drop the repeat;
#  - the gateway down (HTTP 503) for an hour of simulated time: the
#    messages wait with back-off, nothing is given up, and when it returns
#    each goes out once, in order per dossier.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
PY=/usr/bin/python3
T=$(mktemp -d)
pids=""
cleanup() {
    for pid in $pids; do kill -9 "$pid" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT INT TERM
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog"
unset POSTKIOSK_CLOCK POSTKIOSK_IDLE POSTKIOSK_TEST POSTKIOSK_LOG
fail() { echo "notify_faults.sh: $*" >&2; exit 1; }
DB="$T/home/postkiosk.db"
sql() { sqlite3 -cmd ".timeout 5000" "$DB" "$@"; }
# row ID DOSSIER EVENT DATE: an SMS to the same test phone, queued just
# before the simulated runs below (a message still failing 3 days after it
# was queued is given up)
row() {
    sql "INSERT INTO notify_outbox(id, dossier_id, ref, event, channel, destination, lang, date,
         created_at) VALUES($1, $2, 'LS01-00005$2', '$3', 'sms', '0912345678', 'vi', '$4', 1893488400);"
}
status() { sql "SELECT status || '|' || attempts || '|' || reason FROM notify_outbox WHERE id = $1"; }
at() { POSTKIOSK_TEST=1 POSTKIOSK_CLOCK="$1" "$P" --config "$T/gw.ini" notify --once; }

printf '[kiosk]\nlanguage = en\n' > "$T/base.ini"
"$P" --config "$T/base.ini" check >/dev/null 2>&1   # creates the database
[ -f "$DB" ] || fail "no database"
mkdir -p "$T/gw"
$PY -W ignore tests/sms_gateway.py "$T/gw.port" "$T/gw" 300 2>>"$T/gw.err" &
pids="$pids $!"
i=0
while [ ! -s "$T/gw.port" ]; do
    i=$((i + 1)); [ $i -le 100 ] || fail "the gateway did not start"
    sleep 0.1
done
printf '[kiosk]\nlanguage = en\n[notify]\ntimeout = 2\nsms_gateway_url = http://127.0.0.1:%s/send\nsms_gateway_allow_http = yes\nsms_gateway_body = to={to}&text={text}&id={id}\n' \
    "$(cat "$T/gw.port")" > "$T/gw.ini"
printf "[kiosk]\nlanguage = en\n[notify]\ntimeout = 0\n" > "$T/bad.ini"
"$P" --config "$T/bad.ini" notify --once 2>"$T/err" && fail "timeout = 0 accepted"
grep -q 'bad value for timeout' "$T/err" || fail "bad timeout message: $(cat "$T/err")"

# ---- a gateway body template without the number: refused, nothing claimed
row 1 1 registered 2026-03-12
sed 's/^sms_gateway_body = .*/sms_gateway_body = text={text}\&id={id}/' "$T/gw.ini" > "$T/noto.ini"
"$P" --config "$T/noto.ini" notify --once 2>"$T/err" && fail "a body without {to} was used"
grep -q 'sms_gateway_body must contain {to} and {text}' "$T/err" || fail "template message: $(cat "$T/err")"
[ "$(status 1)" = "pending|0|" ] || fail "the row was touched: $(status 1)"
[ -z "$(ls "$T/gw"/*.req 2>/dev/null)" ] || fail "a request went out"

# ---- a reply lost mid-send ----------------------------------------------
echo 30 > "$T/gw/hang"
start=$(date +%s)
out=$(at 2030-01-01T10:00) || fail "notify crashed on a silent gateway"
took=$(( $(date +%s) - start ))
rm "$T/gw/hang"
[ "$took" -lt 20 ] || fail "the attempt was not cut at the timeout ($took s)"
echo "$out" | grep -q 'LS01-000051 registered sms: failed, will retry' || fail "timeout output: $out"
status 1 | grep -q '^failed|1|gateway: Timeout was reached' || fail "row after the timeout: $(status 1)"
at 2030-01-01T10:05 >/dev/null || fail "retry after the timeout"
[ "$(status 1)" = "sent|2|" ] || fail "row after the retry: $(status 1)"
[ "$(ls "$T/gw"/*.req | wc -l)" -eq 2 ] || fail "requests: $(ls "$T/gw")"
id1=$(sed -n 's/.*&id=\(.*\)$/\1/p' "$T/gw/1.req")
id2=$(sed -n 's/.*&id=\(.*\)$/\1/p' "$T/gw/2.req")
[ "$id1" = "LS01-000051.1" ] && [ "$id2" = "$id1" ] || fail "the retry's reference: '$id1' then '$id2'"
grep -q '0912345678\|84912345678' "$T/gw/1.req" || fail "the request has no number"
rm -f "$T/gw"/*.req

# ---- the gateway down for an hour ------------------------------------------
row 2 2 registered 2026-03-12
row 3 2 handed 2026-03-20
row 4 3 registered 2026-03-13
row 5 4 registered 2026-03-13
echo 503 > "$T/gw/status"
for m in 00 05 10 15 20 25 30 35 40 45 50 55; do
    at "2030-01-02T10:$m" >/dev/null || fail "notify crashed at 10:$m with the gateway down"
done
at "2030-01-02T11:00" >/dev/null || fail "notify at 11:00"
[ "$(sql "SELECT count(*) FROM notify_outbox WHERE status IN ('sent', 'given_up')
           AND id > 1")" = 0 ] || fail "a message was sent or given up while the gateway was down"
down=$(ls "$T/gw" | sed -n 's/\.req$//p' | sort -n | tail -1)   # the last request refused
[ "$(ls "$T/gw"/*.req | wc -l)" -ge 12 ] || fail "too few attempts while down: $(ls "$T/gw")"
[ "$(sql "SELECT min(attempts) > 1 FROM notify_outbox WHERE id > 1 AND event = 'registered'")" = 1 ] ||
    fail "not retried: $(sql "SELECT id, attempts FROM notify_outbox")"
# (the "handed" message waits for its dossier's "registered" one)
echo 200 > "$T/gw/status"
h=11
for m in 05 10 15 20 25 30 35 40 45 50 55; do
    at "2030-01-02T$h:$m" >>"$T/after.log" || fail "notify at $h:$m"
done
for h in 12 13 14; do
    for m in 00 15 30 45; do at "2030-01-02T$h:$m" >/dev/null || fail "notify at $h:$m"; done
done
[ "$(sql "SELECT group_concat(status, ',') FROM notify_outbox WHERE id > 1 ORDER BY id")" = \
  "sent,sent,sent,sent" ] || fail "after the gateway returned: $(sql "SELECT id, status, attempts, reason FROM notify_outbox")"
# once each: the answered requests (after the 503s) name each message once, in order per dossier
$PY - "$T/gw" "$down" <<'PYEOF' || { cat "$T/after.log"; fail "requests after the gateway returned"; }
import os, sys, urllib.parse
folder, down = sys.argv[1], int(sys.argv[2])
reqs = sorted((int(f[:-4]) for f in os.listdir(folder) if f.endswith(".req")))
after = [r for r in reqs if r > down]
ids = []
for r in after:
    body = open(os.path.join(folder, "%d.req" % r)).read().partition("\n\n")[2]
    ids += urllib.parse.parse_qs(body.strip())["id"]
assert sorted(ids) == sorted(set(ids)), ("sent twice", ids)
assert set(ids) == {"LS01-000052.2", "LS01-000052.3", "LS01-000053.4", "LS01-000054.5"}, ids
assert ids.index("LS01-000052.2") < ids.index("LS01-000052.3"), ("out of order", ids)
PYEOF
exit 0
