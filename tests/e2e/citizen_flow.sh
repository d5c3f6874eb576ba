#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The citizen kiosk end to end: the real binary in tmux (its own server),
# keys only, in Vietnamese with a Telex-typed name. Checks the database
# row, the receipt files (QR decoded with zbarimg, no personal data in it),
# the lockdown keys, a resize to 10x5 and back in the middle of the form,
# the staff PIN (set hashed with `staff-pin set`, never in the config; a
# wrong one audited), and that SIGTERM ends it cleanly with status 0.
# Polls the screen (no fixed sleeps, 5 s cap) and prints it on failure.
set -u
. "$(dirname "$0")/../tmux_helpers.sh"
tmux_setup kiosk sqlite3 zbarimg
# press_until KEY TEXT: presses KEY every 0.2 s until TEXT shows (5 s cap)
press_until() {
    i=0
    while [ $i -lt 25 ]; do
        keys "$1"
        j=0
        while [ $j -lt 4 ]; do
            screen | grep -qF -- "$2" && return 0
            sleep 0.05
            j=$((j + 1))
        done
        i=$((i + 1))
    done
    fail "\"$2\" did not appear after pressing $1"
}

# a clear-text staff PIN in the configuration is refused, saying what to do
printf '[kiosk]\nstaff_pin = 2468\n' > "$T/old.ini"
err=$(POSTKIOSK_HOME="$H" "$P" --config "$T/old.ini" 2>&1 </dev/null); rc=$?
[ $rc -eq 2 ] || fail "a clear-text staff_pin was accepted (rc $rc)"
echo "$err" | grep -q "staff-pin set" || fail "no way out named: $err"
cat > "$T/kiosk.ini" <<EOF
[kiosk]
EOF
# the staff PIN is set from the shell and stored hashed; a weak one is refused
run_cli() { LANG=C.UTF-8 POSTKIOSK_HOME="$H" POSTKIOSK_DATADIR="$PWD/data" "$P" --config "$T/kiosk.ini" "$@"; }
printf '123456\n' | run_cli staff-pin set 2>/dev/null && fail "a weak staff PIN was accepted"
printf '246813\n' | run_cli staff-pin set >/dev/null || fail "staff-pin set failed"
# the program runs under sh so that its exit status can be read afterwards
tmux -L "$SOCK" -f /dev/null new-session -d -s "$S" -x 100 -y 30 \
    "cd '$PWD' && echo \$\$ > '$T/pid' && LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color \
     POSTKIOSK_HOME='$H' POSTKIOSK_DATADIR='$PWD/data' POSTKIOSK_TEST=1 POSTKIOSK_CLOCK=2026-11-25T09:00 \
     POSTKIOSK_LOG='$T/log' \
     '$P' --config '$T/kiosk.ini' 2>'$T/err'; echo \$? > '$T/rc'; sleep 60" ||
    fail "tmux did not start"

wait_for "Gửi hồ sơ qua bưu điện"
wait_for "09:00"
keys 1
wait_for "Bước 1/6"
text "ly lich tu phap"
wait_for "Cấp Phiếu lý lịch tư pháp"
keys 1
wait_for "Giấy tờ cần mang"
keys Enter
wait_for "Bước 3/6"
keys 1
keys 2
wait_for "[✓]"
keys Enter
wait_for "Bước 4/6"
keys 1
wait_for "Bước 5/6"

# lockdown: Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-S, Ctrl-Q do nothing
pid=$(ps -o pid= --ppid "$(cat "$T/pid")" | tr -d ' ' | head -1)
[ -n "$pid" ] || fail "cannot find the kiosk process"
keys C-c
keys C-z
keys 'C-\'
keys C-s
keys C-q
text "Nguyeenx Thij Huwowng"
wait_for "Nguyễn Thị Hương"
[ -e "$T/rc" ] && fail "the kiosk ended after a control key"
screen | grep -q '\^C\|\^Z' && fail "a control key was echoed"

# resize to 10x5 in the middle of the form, and back: nothing is lost
tmux -L "$SOCK" resize-window -t "$S" -x 10 -y 5
wait_for "phóng"
tmux -L "$SOCK" resize-window -t "$S" -x 100 -y 30
# tmux may show stale lines at once: a header change proves the redraw
keys F3
wait_for "Kiểu gõ: VNI"
keys F3
keys F3
wait_for "Kiểu gõ: Telex"
wait_for "Nguyễn Thị Hương"

keys Enter
text "020090001234"
wait_for "020090001234"
keys Enter
text "0912345678"
wait_for "0912345678"
keys Enter
keys Enter
wait_for "Bước 6/6"
wait_for "Nguyễn Thị Hương"
# an Enter right after the screen changed counts as a double press: the
# kiosk waits a moment before it accepts the same key again
press_until Enter "Hồ sơ của bạn đã được đăng ký"
ref=$(screen | grep -o 'LS01-[0-9]*' | head -1)
[ -n "$ref" ] || fail "no reference on the done screen"
wait_for "Vui lòng lấy biên nhận"

# the database row, committed
db="$H/postkiosk.db"
row=$(sqlite3 "$db" "SELECT name, id_number, phone, proc_name_vi, status, form, consent_process FROM dossiers WHERE ref = '$ref'")
[ "$row" = "Nguyễn Thị Hương|020090001234|0912345678|Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam|registered|1|1" ] ||
    fail "database row: $row"
docs=$(sqlite3 "$db" "SELECT COUNT(*) FROM dossier_docs d JOIN dossiers o ON o.id = d.dossier_id WHERE o.ref = '$ref' AND d.handed = 1")
[ "$docs" -ge 2 ] || fail "handed documents: $docs"
# the start recorded the receipt key version; the dossier went to the sync
# outbox with it, in its own transaction, without the personal data
[ "$(sqlite3 "$db" "SELECT value FROM settings WHERE key = 'receipt_key_version'")" = 1 ] ||
    fail "receipt key version not recorded at start"
out=$(sqlite3 "$db" "SELECT kind || '|' || status || '|' || key_version || '|' || detail FROM sync_outbox WHERE ref = '$ref' ORDER BY seq")
[ "$out" = "dossier|registered|1|
print|printed|1|receipt" ] || fail "sync outbox: $out"
sqlite3 "$db" "SELECT * FROM sync_outbox" | grep -q "Hương\|020090001234\|0912345678" &&
    fail "personal data in the sync outbox"

# the receipt: bytes, preview, text; the QR holds the reference and nothing personal
r="$H/receipts/$ref"
for ext in escpos png txt; do
    [ -s "$r.$ext" ] || fail "receipt file $r.$ext missing"
done
qr=$(zbarimg --raw -q "$r.png" 2>/dev/null) || fail "zbarimg could not read the QR code"
echo "$qr" | grep -q "^VNK[0-9]*\.$ref\." || fail "QR payload: $qr"
echo "$qr" | grep -q "020090001234\|0912345678" && fail "personal data in the QR code"
grep -q "020090001234" "$r.txt" && fail "full ID number on the receipt"
grep -q "$ref" "$r.txt" || fail "reference missing from the receipt text"

# back to the welcome screen (Enter works after a short grace against
# double presses); the staff PIN guards the exit
press_until Enter "Gửi hồ sơ qua bưu điện"
keys F10
wait_for "PIN"
text "111111"
keys Enter
wait_for "PIN không đúng"
[ -e "$T/rc" ] && fail "a wrong PIN ended the kiosk"
keys Escape
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'staff_pin_failed'")" = 1 ] ||
    fail "the wrong staff PIN was not audited"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE detail LIKE '%111111%' OR detail LIKE '%246813%'")" = 0 ] ||
    fail "a PIN in the audit log"
sqlite3 "$db" "SELECT value FROM settings WHERE key = 'staff_pin_hash'" | grep -q '^\$argon2id\$' ||
    fail "the staff PIN is not stored hashed"

# SIGTERM: a clean exit with status 0
kill -TERM "$pid"
i=0
while [ ! -s "$T/rc" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ -s "$T/rc" ] || fail "no exit after SIGTERM"
[ "$(cat "$T/rc")" = 0 ] || fail "exit status after SIGTERM: $(cat "$T/rc")"

# the log (POSTKIOSK_LOG, a test hook; syslog otherwise) tells the day's
# story in order, with the reference and nothing personal
story=$(sed -n 's/^postkiosk\[[0-9]*\]: [a-z]*: //p' "$T/log")
for want in "TEST MODE: the log goes to" "TEST MODE: test hook POSTKIOSK_CLOCK in use" \
            "start: citizen kiosk" "database: $db open" \
            "database: first kiosk start of this database; every page checked" "printer: " \
            "dossier $ref registered" "receipt $ref printed" "staff PIN refused" \
            "stop: citizen kiosk, exit status 0"; do
    echo "$story" | grep -qF -- "$want" || fail "the log lacks \"$want\": $story"
done
echo "$story" | awk -v ref="$ref" '
    /^start: / && !a { a = NR } index($0, "dossier " ref " registered") && !b { b = NR }
    index($0, "receipt " ref " printed") && !c { c = NR } /^stop: / { d = NR }
    END { exit !(a && a < b && b < c && c < d) }' || fail "the log is out of order: $story"
# a new file has not ended uncleanly (the log said so on every first start)
echo "$story" | grep -qF "did not end cleanly" && fail "a new database called unclean: $story"
grep -qi "Hương\|Huong\|020090001234\|0912345678\|246813\|111111" "$T/log" &&
    fail "personal data or a PIN in the log: $(cat "$T/log")"

# the idle timer with the real clock (POSTKIOSK_IDLE=2): countdown, then
# the session is wiped and the welcome screen returns
S="idle"
rm -f "$T/rc"
tmux -L "$SOCK" new-session -d -s "$S" -x 100 -y 30 \
    "cd '$PWD' && LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color POSTKIOSK_TEST=1 POSTKIOSK_IDLE=2 \
     POSTKIOSK_HOME='$H' POSTKIOSK_DATADIR='$PWD/data' '$P' 2>'$T/err'; echo \$? > '$T/rc'; sleep 60" ||
    fail "tmux did not start"
wait_for "Gửi hồ sơ qua bưu điện"
keys 1
text "khai"
wait_for "khai"
wait_for "Bạn còn ở đây"
wait_for "Gửi hồ sơ qua bưu điện"
screen | grep -q "khai" && fail "the search text is still on screen after the wipe"
keys 1
wait_for "Bước 1/6"
# the field's own line ("khai" is in the first list's rows)
screen | grep -q '^ *khai *$' && fail "the search text came back after the wipe"
exit 0
