#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Messages to the citizen (issue 14): `postkiosk notify --once` against a
# real SMTP server (aiosmtpd, tests/smtp_sink.py), an SMS gateway stand-in
# (tests/sms_gateway.py) and smstools spool folders, all on 127.0.0.1 or in
# a temporary folder. Outbox rows are written with SQL here: queueing them
# in the event's transaction is tests/store/test_store_notify.c.
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
fail() { echo "notify.sh: $*" >&2; exit 1; }
$PY -c 'import aiosmtpd' 2>/dev/null || fail "python3-aiosmtpd is missing (scripts/install-deps.sh)"
DB="$T/home/postkiosk.db"
sql() { sqlite3 -cmd ".timeout 5000" "$DB" "$@"; }

# starts a server script; waits (bounded) for its port file
serve() {   # serve NAME SCRIPT ARGS...
    name=$1; shift
    rm -f "$T/$name.port"
    $PY -W ignore "$@" 2>>"$T/$name.err" &
    pids="$pids $!"
    eval "${name}_pid=$!"
    i=0
    while [ ! -s "$T/$name.port" ]; do
        i=$((i + 1)); [ $i -le 100 ] || fail "$name did not start"
        sleep 0.1
    done
}

printf '[kiosk]\nlanguage = en\n' > "$T/base.ini"
"$P" --config "$T/base.ini" check >/dev/null 2>&1   # creates the database
[ -f "$DB" ] || fail "no database"
out=$("$P" --config "$T/base.ini" check 2>&1)
echo "$out" | grep -q '^messages: e-mail off (no smtp_url' || fail "check: e-mail off: $out"
echo "$out" | grep -q '^messages: SMS off' || fail "check: SMS off: $out"
echo "$out" | grep -q '^messages: 0 waiting, 0 failed (to retry), 0 given up; last sent: never$' || fail "check: backlog: $out"

# row ID EVENT CHANNEL DESTINATION LANG DATE
row() {
    sql "INSERT INTO notify_outbox(id, dossier_id, ref, event, channel, destination, lang, date,
         created_at) VALUES($1, $1, 'LS01-00004$1', '$2', '$3', '$4', '$5', '$6', $(date +%s));"
}
status() { sql "SELECT status || '|' || attempts || '|' || destination || '|' || reason FROM notify_outbox WHERE id = $1"; }

# ---- nothing configured: refused, nothing claimed -----------------------
row 1 registered email 'an.nguyen+hs@example.vn' vi 2026-03-12
"$P" --config "$T/base.ini" notify --once 2>"$T/err" && fail "notify ran with no channel"
grep -q 'no channel' "$T/err" || fail "no-channel message: $(cat "$T/err")"
[ "$(status 1)" = "pending|0|an.nguyen+hs@example.vn|" ] || fail "row touched: $(status 1)"
"$P" --config "$T/base.ini" notify 2>/dev/null; [ $? -eq 2 ] || fail "notify without --once/--follow"

# ---- e-mail -------------------------------------------------------------
serve smtp tests/smtp_sink.py "$T/smtp.port" "$T/mail" --max-seconds 90
SMTP_PORT=$(cat "$T/smtp.port")
mail_ini() {   # mail_ini FILE PORT TLS
    printf '[kiosk]\nlanguage = en\n[notify]\nsmtp_url = smtp://127.0.0.1:%s\nfrom = buudien@example.vn\n%s' \
        "$2" "$3" > "$1"
}
# without the notify module (libcurl, kiosk/base/module.h), or with a file
# that is not one: said before any message is claimed, the row untouched
mail_ini "$T/tls.ini" "$SMTP_PORT" ""
mkdir "$T/nomods"
before=$(status 1)
for how in missing broken; do
    [ $how = broken ] && printf 'not a module\n' > "$T/nomods/pk-notify.so"
    POSTKIOSK_MODULEDIR="$T/nomods" "$P" --config "$T/tls.ini" notify --once >"$T/out" 2>"$T/err" &&
        fail "notify ran with the notify module $how"
    grep -q "^postkiosk: the notify part of postkiosk cannot be loaded (.*pk-notify.so.*): reinstall postkiosk$" "$T/err" ||
        fail "the notify module $how: $(cat "$T/err")"
    [ "$(status 1)" = "$before" ] || fail "row 1 changed with the notify module $how: $(status 1)"
    [ ! -s "$T/out" ] || fail "output with the notify module $how: $(cat "$T/out")"
done
printf '[notify]\nsmtp_url = smtp://127.0.0.1:%s\nfrom = buudien@example.vn\n' "$SMTP_PORT" > "$T/vi.ini"
POSTKIOSK_MODULEDIR="$T/nomods" "$P" --config "$T/vi.ini" notify --once 2>"$T/err" && fail "notify ran without its module"
grep -q "không nạp được phần notify của postkiosk" "$T/err" || fail "not said in Vietnamese: $(cat "$T/err")"
# TLS required (the default) and the server offers none: failed, retried later, nothing delivered
out=$("$P" --config "$T/tls.ini" notify --once) || fail "notify failed on a TLS refusal"
echo "$out" | grep -q 'LS01-000041 registered email: failed, will retry' || fail "TLS refusal output: $out"
echo "$out" | grep -q 'an.nguyen' && fail "the address was printed"
status 1 | grep -q '^failed|1|an.nguyen+hs@example.vn|smtp: ' || fail "TLS refusal row: $(status 1)"
[ -z "$(ls "$T/mail" 2>/dev/null)" ] || fail "a message went out without TLS"

mail_ini "$T/mail.ini" "$SMTP_PORT" "smtp_tls = try
"
row 2 delivered email 'khach@example.vn' en ''
sql "UPDATE notify_outbox SET next_at = 0 WHERE id = 1"
out=$("$P" --config "$T/mail.ini" notify --once) || fail "notify --once (mail)"
[ "$(echo "$out" | grep -c ': sent$')" -eq 2 ] || fail "two sent: $out"
[ "$(status 1)" = "sent|2||" ] || fail "row 1 after sending: $(status 1)"
[ "$(status 2)" = "sent|1||" ] || fail "row 2 after sending: $(status 2)"
$PY - "$T/mail" <<'PYEOF' || fail "received messages"
import email, email.policy, glob, sys
msgs = {}
for p in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_bytes(open(p, "rb").read(), policy=email.policy.default)
    msgs[m["X-Rcpt"]] = m
assert len(msgs) == 2, msgs.keys()
vi = msgs["an.nguyen+hs@example.vn"]
assert str(vi["Subject"]) == "Bưu điện thông báo về hồ sơ LS01-000041", vi["Subject"]
assert vi["Message-ID"] == "<notify-1.LS01-000041@example.vn>", vi["Message-ID"]
assert vi["Date"].datetime and vi["From"].addresses[0].addr_spec == "buudien@example.vn", vi["From"]
assert vi.get_content_type() == "text/plain" and vi.get_content_charset() == "utf-8"
body = vi.get_content()
assert "Bưu điện: hồ sơ LS01-000041 đã tiếp nhận, hẹn trả kết quả 12/03/2026." in body, body
en = msgs["khach@example.vn"]
assert en.get_content().strip() == "Dossier LS01-000042: the result was delivered.", en.get_content()
assert str(en["Subject"]) == "Your dossier LS01-000042"
PYEOF
# run again: nothing more goes out
"$P" --config "$T/mail.ini" notify --once >/dev/null || fail "second run"
[ "$(ls "$T/mail"/*.eml | wc -l)" -eq 2 ] || fail "a message was sent twice"

# kill -9 between the send and its record: the retry carries the same Message-ID
kill -9 "$smtp_pid" 2>/dev/null
touch "$T/gate"
serve smtp tests/smtp_sink.py "$T/smtp.port" "$T/mail2" --gate "$T/gate" --max-seconds 90
mail_ini "$T/mail2.ini" "$(cat "$T/smtp.port")" "smtp_tls = try
"
row 3 result_ready email 'an@example.vn' vi ''
"$P" --config "$T/mail2.ini" notify --once >/dev/null 2>&1 &
npid=$!
pids="$pids $npid"
i=0
while [ ! -f "$T/mail2/waiting" ]; do
    i=$((i + 1)); [ $i -le 200 ] || fail "the message never reached the server"
    sleep 0.1
done
kill -9 "$npid"
wait "$npid" 2>/dev/null
rm -f "$T/gate"
status 3 | grep -q '^sending|1|an@example.vn|' || fail "row after the crash: $(status 3)"
# before the claim's lease ends nobody sends it again; after, once
"$P" --config "$T/mail2.ini" notify --once >/dev/null || fail "rerun"
[ "$(ls "$T/mail2"/*.eml | wc -l)" -eq 1 ] || fail "resent while the claim held"
POSTKIOSK_TEST=1 POSTKIOSK_CLOCK="2030-01-01T10:00" "$P" --config "$T/mail2.ini" notify --once >/dev/null || fail "rerun after the lease"
[ "$(status 3)" = "sent|2||" ] || fail "row after the retry: $(status 3)"
# SMTP cannot take back a delivery: the mailbox gets it twice, with one
# Message-ID (what mail clients and servers deduplicate on)
[ "$(ls "$T/mail2"/*.eml | wc -l)" -eq 2 ] || fail "retry count: $(ls "$T/mail2")"
[ "$(grep -h '^Message-ID:' "$T/mail2"/*.eml | sort -u | wc -l)" -eq 1 ] ||
    fail "the retry has another Message-ID: $(grep -h '^Message-ID:' "$T/mail2"/*.eml)"

# a dead server: failed with a reason, retried, no crash
kill -9 "$smtp_pid" 2>/dev/null
wait "$smtp_pid" 2>/dev/null
row 4 delivered email 'an@example.vn' vi ''
out=$("$P" --config "$T/mail2.ini" notify --once) || fail "notify crashed on a dead server"
status 4 | grep -q "^failed|1|an@example.vn|smtp: Couldn't connect to server" || fail "dead server row: $(status 4)"
[ "$(sql "SELECT next_at > created_at FROM notify_outbox WHERE id = 4")" = 1 ] || fail "no back-off"

# AUTH: a wrong password fails with the server's refusal, the right one sends
serve smtp tests/smtp_sink.py "$T/smtp.port" "$T/mail3" --auth "kiosk:s3cr3t pass" --max-seconds 90
printf 'wrong\n' > "$T/smtp.pass"
chmod 0600 "$T/smtp.pass"
mail_ini "$T/auth.ini" "$(cat "$T/smtp.port")" "smtp_tls = try
smtp_user = kiosk
smtp_password_file = $T/smtp.pass
"
row 9 delivered email 'an@example.vn' vi ''
sql "UPDATE notify_outbox SET status = 'given_up' WHERE id = 4"
"$P" --config "$T/auth.ini" notify --once >/dev/null || fail "notify (auth refused)"
status 9 | grep -q '^failed|1|an@example.vn|smtp: Login denied' || fail "auth refused row: $(status 9)"
printf 's3cr3t pass\n' > "$T/smtp.pass"
POSTKIOSK_TEST=1 POSTKIOSK_CLOCK="2030-01-01T10:00" "$P" --config "$T/auth.ini" notify --once >/dev/null || fail "notify (auth)"
[ "$(status 9)" = "sent|2||" ] || fail "auth row: $(status 9)"
[ "$(ls "$T/mail3"/*.eml | wc -l)" -eq 1 ] || fail "auth: messages $(ls "$T/mail3")"
chmod 0644 "$T/smtp.pass"
"$P" --config "$T/auth.ini" check > "$T/out" 2>&1; [ $? -eq 1 ] || fail "check: readable password file"
grep -q '^messages: FAILED: .*others may read it' "$T/out" || fail "check: password file: $(cat "$T/out")"
# STARTTLS + AUTH (smtp_tls required, the default): a self-signed server
# certificate is refused, the same with its CA given (smtp_ca_file) sends
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$T/key.pem" -out "$T/cert.pem" >/dev/null 2>&1 ||
    fail "openssl: no test certificate"
serve smtp tests/smtp_sink.py "$T/smtp.port" "$T/mail4" --auth "kiosk:s3cr3t pass" --tls "$T" --max-seconds 90
chmod 0600 "$T/smtp.pass"
mail_ini "$T/tls2.ini" "$(cat "$T/smtp.port")" "smtp_user = kiosk
smtp_password_file = $T/smtp.pass
"
row 11 delivered email 'an@example.vn' vi ''
"$P" --config "$T/tls2.ini" notify --once >/dev/null || fail "notify (untrusted certificate)"
status 11 | grep -q '^failed|1|an@example.vn|smtp: .*[Cc]ertificate' || fail "untrusted certificate row: $(status 11)"
[ -z "$(ls "$T/mail4" 2>/dev/null)" ] || fail "sent to an untrusted server"
echo "smtp_ca_file = $T/cert.pem" >> "$T/tls2.ini"
POSTKIOSK_TEST=1 POSTKIOSK_CLOCK="2030-01-01T10:00" "$P" --config "$T/tls2.ini" notify --once >/dev/null || fail "notify (STARTTLS)"
[ "$(status 11)" = "sent|2||" ] || fail "STARTTLS row: $(status 11)"
[ "$(ls "$T/mail4"/*.eml | wc -l)" -eq 1 ] || fail "STARTTLS: messages $(ls "$T/mail4")"

# an address that would break a header is given up, not sent
row 10 delivered email 'a@example.vn>
Bcc: x@example.vn' vi ''
"$P" --config "$T/mail.ini" notify --once >/dev/null || fail "notify (bad address)"
status 10 | grep -q '^given_up|1||not a usable e-mail address' || fail "bad address row: $(status 10)"

# ---- SMS through smstools ------------------------------------------------
mkdir -p "$T/sms/outgoing" "$T/sms/sent" "$T/sms/failed"
printf '[kiosk]\nlanguage = en\n[notify]\nsmstools_outgoing = %s\n' "$T/sms/outgoing" > "$T/sms.ini"
row 5 registered sms '0912345678' vi 2026-03-12
row 6 delivered sms '0912345678' en ''
row 7 registered sms '0243826888' vi 2026-03-12   # a landline: not a mobile
"$P" --config "$T/sms.ini" notify --once > "$T/out" || fail "notify (smstools)"
grep -q 'LS01-000045 registered sms: handed to smstools' "$T/out" || fail "smstools output: $(cat "$T/out")"
status 7 | grep -q '^given_up|1||not a Vietnamese mobile number' || fail "landline row: $(status 7)"
# row 6 waits for row 5 of the same dossier? no: other dossier ids; both handed
[ "$(status 5)" = "handed|1|0912345678|" ] || fail "row 5: $(status 5)"
$PY - "$T/sms/outgoing/postkiosk-5" "$T/sms/outgoing/postkiosk-6" <<'PYEOF' || fail "spool files"
import sys
raw = open(sys.argv[1], "rb").read()
head, _, body = raw.partition(b"\n\n")
assert head == b"To: 84912345678\nAlphabet: UCS2", head
text = body.decode("utf-16-be")
assert text == "Bưu điện: hồ sơ LS01-000045 đã tiếp nhận, hẹn trả kết quả 12/03/2026.", text
raw = open(sys.argv[2], "rb").read()
assert raw == b"To: 84912345678\n\nDossier LS01-000046: the result was delivered.", raw
PYEOF
[ "$(ls -A "$T/sms/outgoing" | wc -l)" -eq 2 ] || fail "temporary files left: $(ls -A "$T/sms/outgoing")"
# a crash after writing the file: the retry replaces it, never a second one
sql "UPDATE notify_outbox SET status = 'sending', claimed_until = 0 WHERE id = 5"
"$P" --config "$T/sms.ini" notify --once >/dev/null || fail "retry (smstools)"
[ "$(ls -A "$T/sms/outgoing" | wc -l)" -eq 2 ] || fail "retry added a file: $(ls -A "$T/sms/outgoing")"
# smsd sends one and fails the other
mv "$T/sms/outgoing/postkiosk-5" "$T/sms/sent/"
{ printf 'To: 84912345678\nFail_reason: No answer from modem\n\n'; printf 'x'; } > "$T/sms/failed/postkiosk-6"
rm "$T/sms/outgoing/postkiosk-6"
"$P" --config "$T/sms.ini" notify --once >/dev/null || fail "poll (smstools)"
[ "$(status 5)" = "sent|2||" ] || fail "row 5 after smsd: $(status 5)"
status 6 | grep -q '^failed|1|0912345678|smstools: No answer from modem$' || fail "row 6 after smsd: $(status 6)"
[ -z "$(ls -A "$T/sms/sent" "$T/sms/failed" | grep postkiosk)" ] || fail "spool copies with the number left"

out=$("$P" --config "$T/sms.ini" check 2>&1)
echo "$out" | grep -q '^messages: SMS on (smstools)$' || fail "check: smstools on: $out"
echo "$out" | grep -q '^messages: 1 waiting, 1 failed (to retry), 3 given up; last sent: 20' || fail "check: backlog: $out"
rmdir "$T/sms/failed"
"$P" --config "$T/sms.ini" check > "$T/out" 2>&1; [ $? -eq 1 ] || fail "check: missing spool folder is a configuration failure"
grep -q '^messages: FAILED: .*failed: not a writable folder' "$T/out" || fail "check: spool folder: $(cat "$T/out")"
mkdir "$T/sms/failed"

# ---- SMS through an HTTP gateway ----------------------------------------
serve gw tests/sms_gateway.py "$T/gw.port" "$T/gw" 90
printf 'Authorization: Bearer t0k3n\n' > "$T/auth"
chmod 0644 "$T/auth"
gw_ini() {
    printf '[kiosk]\nlanguage = en\n[notify]\nsms_gateway_url = http://127.0.0.1:%s/send\nsms_gateway_allow_http = yes\nsms_gateway_auth_header_file = %s\n' \
        "$(cat "$T/gw.port")" "$T/auth" > "$T/gw.ini"
}
gw_ini
"$P" --config "$T/gw.ini" notify --once 2>"$T/err" && fail "an auth file others can read was used"
grep -q 'others may read it' "$T/err" || fail "auth file message: $(cat "$T/err")"
chmod 0600 "$T/auth"
# plain http is refused without the test-only allowance
sed 's/^sms_gateway_allow_http.*//' "$T/gw.ini" > "$T/gw_https.ini"
"$P" --config "$T/gw_https.ini" notify --once 2>"$T/err" && fail "plain http accepted"
grep -q 'https://' "$T/err" || fail "https message: $(cat "$T/err")"
echo 500 > "$T/gw/status"
row 8 handed sms '+84 912 345 678' vi 2026-03-20
"$P" --config "$T/gw.ini" notify --once >/dev/null || fail "notify (gateway 500)"
status 8 | grep -q '^failed|1|+84 912 345 678|gateway: HTTP 500$' || fail "row 8 after 500: $(status 8)"
echo 200 > "$T/gw/status"
POSTKIOSK_TEST=1 POSTKIOSK_CLOCK="2030-01-01T10:00" "$P" --config "$T/gw.ini" notify --once >/dev/null || fail "notify (gateway 200)"
[ "$(status 8)" = "sent|2||" ] || fail "row 8 after 200: $(status 8)"
# the smsd failure of row 6 is due again too: it goes by the gateway now
[ "$(status 6)" = "sent|2||" ] || fail "row 6 by the gateway: $(status 6)"
[ "$(ls "$T/gw"/*.req | wc -l)" -eq 3 ] || fail "gateway requests: $(ls "$T/gw")"
$PY - "$T/gw"/1.req "$T/gw"/2.req "$T/gw"/3.req <<'PYEOF' || fail "gateway requests"
import sys, urllib.parse
texts = []
for p in sys.argv[1:]:
    raw = open(p, "rb").read().decode()
    head, _, body = raw.partition("\n\n")
    assert head.startswith("POST /send\n"), head
    assert "Authorization: Bearer t0k3n" in head, head
    form = urllib.parse.parse_qs(body.strip())
    assert form["to"] == ["84912345678"], form
    texts += form["text"]
want = "Hồ sơ LS01-000048 đã nộp cơ quan giải quyết, hẹn trả 20/03/2026."
assert texts == [want, "Dossier LS01-000046: the result was delivered.", want], texts
PYEOF
exit 0
