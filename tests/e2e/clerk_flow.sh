#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The clerk workstation end to end: accounts from the CLI (the first
# supervisor without signing in, then a clerk added by the supervisor),
# two dossiers queued as the kiosk stores them (the store API), then the real binary
# in tmux: a wrong PIN, sign-in, a forged receipt scanned (loud warning),
# search without marks, the dossier opened (full data), accepted with a
# seal number, handed over to the agency (record printed and saved),
# sign-out. Checks the database, the record file and the audit chain, and
# that an edited event is caught by `audit verify` afterwards.
# Polls the screen (no fixed sleeps, 5 s cap) and prints it on failure.
set -u
. "$(dirname "$0")/../tmux_helpers.sh"
tmux_setup clerk sqlite3
export POSTKIOSK_HOME="$H" LANG=C.UTF-8 LC_ALL=C.UTF-8
sql() { sqlite3 "$H/postkiosk.db" "$1"; }

# ---- accounts ------------------------------------------------------------
printf '480215\n' | "$P" clerk add nv01 --role clerk >/dev/null 2>&1 &&
    fail "a clerk was created before any supervisor"
printf '480215\n' | "$P" clerk add sup1 --role supervisor --name "Hoàng Lan" >/dev/null ||
    fail "first supervisor not created"
printf '480215\n' | "$P" clerk add sup2 --role supervisor >/dev/null 2>&1 &&
    fail "a second supervisor was created without signing in"
printf '111111\n735102\n' | "$P" clerk add nv01 --role clerk --as sup1 >/dev/null 2>&1 &&
    fail "wrong supervisor PIN accepted"
printf '480215\n123456\n' | "$P" clerk add nv01 --role clerk --as sup1 >/dev/null 2>&1 &&
    fail "weak PIN accepted"
printf '480215\n735102\n' | "$P" clerk add nv01 --role clerk --as sup1 --name "Lê Thu" >/dev/null ||
    fail "clerk not added by the supervisor"
"$P" clerk list | grep -q "^nv01	clerk	active" || fail "clerk list"
# role changes: by a supervisor, audited with who and what (issue 11 item 7)
printf '480215\n' | "$P" clerk role nv01 --role supervisor --as sup1 >/dev/null || fail "clerk role"
printf '480215\n' | "$P" clerk role nv01 --role clerk --as sup1 >/dev/null || fail "clerk role back"
[ "$(sql "SELECT group_concat(actor || ':' || object || ':' || detail, ',') FROM audit
          WHERE action = 'clerk_role'")" = "sup1:nv01:role=clerk->supervisor,sup1:nv01:role=supervisor->clerk" ] ||
    fail "role changes not audited: $(sql "SELECT * FROM audit WHERE action = 'clerk_role'")"
[ "$(stat -c %a "$H/postkiosk.db")" = 600 ] || fail "the database is not 0600"
[ "$(sql "SELECT count(*) FROM clerks WHERE pin_hash LIKE '\$argon2id\$%'")" = 2 ] ||
    fail "PINs are not Argon2id hashes"

# ---- two dossiers, as the kiosk stores them ------------------------------
# (through the store, with their events and audit seals: tests/store/test_e2e_fixture.c)
PK_FIXTURE_DB="$H/postkiosk.db" PK_FIXTURE_AUDIT_KEY="$H/keys/audit.key" \
    "$PWD/$BUILD/test-runner" e2e_fixture >"$T/fixture.log" 2>&1 || fail "fixture: $(cat "$T/fixture.log")"
[ "$(sql "SELECT group_concat(ref || ':' || name, ',') FROM dossiers")" = \
  "LS01-000001:Nguyễn Văn An,LS01-000002:Trần Thị Bích" ] || fail "fixture dossiers"
"$P" audit verify >/dev/null || fail "audit chain broken after the fixture"

# ---- the workstation -----------------------------------------------------
tmux -L "$SOCK" -f /dev/null new-session -d -s "$S" -x 100 -y 30 \
    "TERM=tmux-256color '$P' clerk 2>'$T/err'; echo \"exit=\$?\" > '$T/rc'; sleep 5"
wait_for "Đăng nhập nhân viên"
text "nv01"; keys Enter; text "000000"; keys Enter
wait_for "Sai mã nhân viên hoặc mã PIN"
text "735102"; keys Enter
wait_for "Danh sách hồ sơ"
wait_for "Đã đăng ký: 2"
keys 1
wait_for "LS01-000002"
# a forged receipt from the scanner: loud warning, nothing opened
# (one write, Enter included, as a scanner sends it: a separate send-keys
# for Enter can come after the burst gap on a loaded machine or under ASan,
# and the payload is then taken for typing)
text "$(printf 'VNK1.LS01-000001.1767225600.AAAAAAAAAAAAAAAAAAAAAAAAAA\r')"
wait_for "CẢNH BÁO"
text "nguyen van"
wait_gone "LS01-000002"
wait_for "LS01-000001"
keys Enter
wait_for "020095001234"
wait_for "Nguyễn Văn An"
keys 1
wait_for "Số niêm phong trên bì hồ sơ"
text "NP-0042"; keys Enter; keys Enter; keys Enter; keys Enter
wait_for "Đã ghi nhận."
wait_for "Đã tiếp nhận"
keys Escape
wait_for "Danh sách hồ sơ"
keys Escape
wait_for "Bàn giao cho cơ quan"
keys 2
wait_for "UBND cấp xã (Tư pháp - hộ tịch) (1)"
keys Enter
wait_for "[x] LS01-000001"
keys 1
wait_for "BB-LS01-"
wait_for "Đã in."
keys Enter
wait_for "Lệnh in và in lại"   # the menu (reports are a supervisor's)
keys Escape
wait_for "Đăng nhập nhân viên"
keys Escape   # asks first: one Esc never ends the workstation
wait_for "Thoát khỏi bàn làm việc của nhân viên?"
keys Escape
wait_gone "Thoát khỏi bàn làm việc của nhân viên?"
[ -s "$T/rc" ] && fail "Esc on the sign-in screen ended the workstation"
keys Escape
wait_for "Thoát khỏi bàn làm việc của nhân viên?"
keys 1
i=0
while [ ! -s "$T/rc" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
grep -q "exit=0" "$T/rc" 2>/dev/null || fail "the workstation did not exit cleanly"

# ---- what was stored -----------------------------------------------------
[ "$(sql "SELECT status || '|' || seal_no || '|' || fee_collected FROM dossiers WHERE ref = 'LS01-000001'")" = "handed|NP-0042|8000" ] ||
    fail "dossier not accepted and handed over: $(sql "SELECT status, seal_no FROM dossiers")"
[ "$(sql "SELECT status FROM dossiers WHERE ref = 'LS01-000002'")" = registered ] ||
    fail "the other dossier changed"
no=$(sql "SELECT no FROM handovers")
[ -n "$no" ] || fail "no handover record"
# the record is an A4 PDF (printers/papers/), read back as text with its
# lines joined (a table cell may wrap)
[ -s "$H/papers/$no.pdf" ] || fail "record file missing"
rec=$(pdftotext "$H/papers/$no.pdf" - | tr -s ' \n' '  ')
printf '%s' "$rec" | grep -q "BIÊN BẢN GIAO NHẬN" || fail "record not Vietnamese"
printf '%s' "$rec" | grep -q "LS01-000001" || fail "record does not list the dossier"
printf '%s' "$rec" | grep -q "Tờ khai (bản chính)" || fail "record does not mark the originals"
printf '%s' "$rec" | grep -q "Giấy chứng sinh (bản sao)" || fail "record does not mark the copies"
printf '%s' "$rec" | grep -q "ĐẠI DIỆN BÊN NHẬN" || fail "record has no signature line"
printf '%s' "$rec" | grep -q "UBND" || fail "record does not name the receiving People's Committee"
printf '%s' "$rec" | grep -q "020095001234\|Nguyễn Văn An" && fail "personal data on the record"
# acceptance handed out the slip and the envelope label (issue 13): saved
# as PDFs, printed on the receipt printer (no A4 printer here), the label's
# barcode reading the dossier's S10 number
[ -s "$H/papers/LS01-000001-slip.pdf" ] || fail "no acceptance slip"
pdftotext "$H/papers/LS01-000001-slip.pdf" - | grep -q "NP-0042" || fail "the slip lacks the seal number"
[ -s "$H/receipts/LS01-000001-slip-1.png" ] || fail "the slip was not printed"
[ "$(zbarimg --quiet --raw "$H/receipts/LS01-000001-label.png" 2>/dev/null)" = \
  "$(sql "SELECT s10 FROM dossiers WHERE ref = 'LS01-000001'")" ] || fail "the label's barcode"
# no A4 printer in this set-up: both copies on the receipt printer
[ -s "$H/receipts/$no-1.png" ] && [ -s "$H/receipts/$no-2.png" ] || fail "record not printed"
for a in login_failed login scan_rejected lookup handover logout; do
    [ "$(sql "SELECT count(*) FROM audit WHERE action = '$a'")" -ge 1 ] || fail "no '$a' in the audit log"
done
[ "$(sql "SELECT count(*) FROM audit WHERE detail LIKE '%020095001234%' OR detail LIKE '%Nguyễn%'")" = 0 ] ||
    fail "personal data in the audit log"
"$P" audit verify >/dev/null || fail "audit chain broken after a normal session"
anchor=$("$P" audit anchor) || fail "audit anchor"
echo "$anchor" | grep -Eq '^[0-9]+-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]$' ||
    fail "anchor format: $anchor"
# the same code on a slip from the configured printer (file: here)
[ "$("$P" audit anchor --print)" = "$anchor" ] || fail "audit anchor --print"
grep -q "^$anchor\$" "$H/receipts/anchor-${anchor%%-*}.txt" ||
    fail "the anchor slip does not carry the code: $(cat "$H/receipts/anchor-${anchor%%-*}.txt" 2>&1)"

# ---- the province's report and the retention purge ------------------------
today=$(sql "SELECT created_day FROM dossiers WHERE ref = 'LS01-000001'")
"$P" report --from "$today" --to "$today" --csv > "$T/report.csv" || fail "report --csv"
grep -q "^total,dossiers,.*,2" "$T/report.csv" || fail "report total: $(cat "$T/report.csv")"
grep -q "^status,handed,.*,1" "$T/report.csv" || fail "report by status"
head=$(LC_ALL=en_US.UTF-8 "$P" audit verify | sed -n 's/.* head [0-9]* \([0-9a-f]*\) anchor .*$/\1/p')
grep -q "^audit,head,$head," "$T/report.csv" || fail "the report does not anchor the audit head"
"$P" report --from 2026-02-30 --to "$today" >/dev/null 2>&1 && fail "a bad date was accepted"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'export'")" = 1 ] || fail "export not logged"
# rows appended after the anchor are fine; a malformed anchor is an error (1)
"$P" audit verify --expect-head "$anchor" >/dev/null || fail "an append after the anchor was taken for tampering"
"$P" audit verify --expect-head "$(echo "$anchor" | sed 's/.$/-/')" >/dev/null 2>&1
[ $? -eq 1 ] || fail "a malformed anchor was not an error"
# copies of the intact database for the tampering checks below
"$P" report --from "$today" --to "$today" --csv >/dev/null || fail "report --csv"
last=$("$P" audit anchor) || fail "audit anchor"
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
for f in copy cut edit; do cp "$H/postkiosk.db" "$T/$f.db"; done
# the second dossier was cancelled long ago: past the 5-year retention
sql "UPDATE dossiers SET status = 'cancelled', closed_day = '2019-01-02', closed_at = 1546387200
     WHERE ref = 'LS01-000002'"
# (a direct edit, here as test set-up: `audit verify` names the dossier from now on)
out=$("$P" audit verify)
rc=$?
[ $rc -eq 3 ] || fail "audit verify did not catch a dossier edited behind its back (rc $rc): $out"
echo "$out" | grep -q "LS01-000002" || fail "audit verify did not name the dossier: $out"
printf '480215\n' | "$P" purge --older-than 5y --as sup1 >/dev/null 2>&1 &&
    fail "purge ran without confirmation"
[ "$(sql "SELECT name FROM dossiers WHERE ref = 'LS01-000002'")" = "Trần Thị Bích" ] ||
    fail "purge changed data without confirmation"
printf '480215\n' | "$P" purge --older-than 5y --yes --as sup1 >/dev/null || fail "purge --yes"
out=$("$P" audit verify)
[ $? -eq 3 ] || fail "the purge made the direct edit legitimate: $out"
echo "$out" | grep -q "LS01-000002" || fail "audit verify did not name the dossier after the purge: $out"
[ "$(sql "SELECT name || id_number || phone FROM dossiers WHERE ref = 'LS01-000002'")" = "" ] ||
    fail "personal data left after the purge"
[ "$(sql "SELECT proc_code FROM dossiers WHERE ref = 'LS01-000002'")" = "1.001193" ] ||
    fail "the anonymous facts were not kept"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'purge'")" = 1 ] || fail "purge not logged"

# ---- tampering is caught -------------------------------------------------
sql "UPDATE events SET note = 'x' WHERE seq = 1" 2>/dev/null && fail "an event could be edited"
# the last row (an export) deleted: only the anchor tells
sqlite3 "$T/cut.db" "DROP TRIGGER audit_no_delete;
                     DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)" || fail "cut SQL"
"$P" --db "$T/cut.db" audit verify >/dev/null || fail "a cut chain without anchor should pass (README)"
out=$("$P" --db "$T/cut.db" audit verify --expect-head "$last")
rc=$?
[ $rc -eq 3 ] || fail "audit verify --expect-head did not catch deleted trailing rows (rc $rc): $out"
# the supervisor's PIN hash copied onto the clerk: the supervisor's PIN does not open it
sqlite3 "$T/copy.db" "UPDATE clerks SET pin_hash = (SELECT pin_hash FROM clerks WHERE id = 'sup1')
                      WHERE id = 'nv01'" || fail "copy SQL"
printf '480215\n480215\n' | "$P" --db "$T/copy.db" clerk passwd nv01 >/dev/null 2>&1 &&
    fail "a copied PIN hash opened another account"
# an event forged behind the program's back (on a copy)
sqlite3 "$T/copy.db" "INSERT INTO events(dossier_id, at, actor, from_status, to_status, note)
                      VALUES(2, 1, 'nv01', 'registered', 'accepted', '')" || fail "forge SQL"
out=$("$P" --db "$T/copy.db" audit verify)
rc=$?
[ $rc -eq 3 ] || fail "audit verify did not fail on a forged event (rc $rc): $out"
# an edited event
sqlite3 "$T/edit.db" "DROP TRIGGER events_no_update; UPDATE events SET note = 'sửa' WHERE seq = 1;" ||
    fail "tamper SQL"
out=$(LC_ALL=en_US.UTF-8 "$P" --db "$T/edit.db" audit verify)
rc=$?
[ $rc -eq 3 ] || fail "audit verify did not fail on an edited event (rc $rc): $out"
echo "$out" | grep -q "event 1" || fail "audit verify did not name the event: $out"

# ---- the audit key -------------------------------------------------------
# a keyed chain without its key: refused (exit 1), no new key is made
mv "$H/keys/audit.key" "$T/audit.key"
out=$("$P" --db "$T/copy.db" audit verify 2>&1)
[ $? -eq 1 ] || fail "audit verify ran without the audit key: $out"
echo "$out" | grep -q "audit.key" || fail "the refusal does not name the key file: $out"
[ -e "$H/keys/audit.key" ] && fail "a new audit key was made for a keyed chain"
# another key: every keyed row fails (3)
head -c 32 /dev/urandom > "$H/keys/audit.key" && chmod 0400 "$H/keys/audit.key"
out=$("$P" --db "$T/cut.db" audit verify)
[ $? -eq 3 ] || fail "audit verify passed with another key: $out"
exit 0
