#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Staff commands the clerk can trust (issue 13 item 8): `purge` refuses a
# retention below the legal minimum ([purge] min_years, default 5 years)
# and needs a supervisor's ID and PIN (the audit row names them); staff
# command-line messages follow the configured language (a few commands in
# Vietnamese: usage, refusals, results).
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/data"
unset POSTKIOSK_CLOCK POSTKIOSK_IDLE POSTKIOSK_TEST POSTKIOSK_LOG LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
fail() { echo "staff_cli.sh: $*" >&2; exit 1; }
db="$T/home/postkiosk.db"
q() { sqlite3 "$db" "$1"; }
printf '[kiosk]\nlanguage = vi\n' > "$T/vi.ini"
printf '[kiosk]\nlanguage = en\n' > "$T/en.ini"
printf '[kiosk]\nlanguage = en\n[purge]\nmin_years = 10\n' > "$T/ten.ini"
vi() { "$P" --config "$T/vi.ini" "$@"; }
en() { "$P" --config "$T/en.ini" "$@"; }

printf '480215\n' | en clerk add sup1 --role supervisor >"$T/out" || fail "first supervisor"
grep -q "^clerk sup1 added (supervisor)$" "$T/out" || fail "clerk add in English: $(cat "$T/out")"
printf '480215\n735102\n' | vi clerk add nv01 --role clerk --as sup1 >"$T/out" || fail "clerk add"
grep -q "^đã thêm nhân viên nv01 (clerk)$" "$T/out" || fail "clerk add in Vietnamese: $(cat "$T/out")"

# ---- messages in the configured language ---------------------------------
printf '111111\n' | vi clerk disable nv01 --as sup1 2>"$T/err" && fail "a wrong PIN disabled"
grep -q "sai mã nhân viên hoặc mã PIN" "$T/err" || fail "sign-in refusal in Vietnamese: $(cat "$T/err")"
vi clerk bogus 2>"$T/err"; [ $? -eq 2 ] || fail "clerk usage status"
grep -q "^cách dùng: postkiosk clerk" "$T/err" || fail "clerk usage in Vietnamese: $(cat "$T/err")"
printf '480215\n' | vi clerk disable nobody --as sup1 2>"$T/err" && fail "disabled nobody"
grep -q "không có nhân viên này" "$T/err" || fail "no such clerk in Vietnamese: $(cat "$T/err")"
vi report --from 2026-02-30 --to 2026-03-01 2>"$T/err" && fail "a bad report date"
grep -q "ngày phải là ngày có thật" "$T/err" || fail "report refusal in Vietnamese: $(cat "$T/err")"
vi audit verify >"$T/out" || fail "audit verify"
grep -q "^nhật ký kiểm tra: nguyên vẹn" "$T/out" || fail "audit verify in Vietnamese: $(cat "$T/out")"
en audit verify | grep -q "^audit: intact" || fail "audit verify in English"
# ---- purge: the legal minimum, a supervisor ------------------------------
# two dossiers as the kiosk stores them; one cancelled long ago (a direct
# edit as test set-up: past the 5-year retention)
PK_FIXTURE_DB="$db" PK_FIXTURE_AUDIT_KEY="$T/home/keys/audit.key" \
    "$PWD/$BUILD/test-runner" e2e_fixture >"$T/fixture.log" 2>&1 || fail "fixture: $(cat "$T/fixture.log")"
q "UPDATE dossiers SET status = 'cancelled', closed_day = '2019-01-02', closed_at = 1546387200
   WHERE ref = 'LS01-000002'"
before=$(q "SELECT count(*) FROM audit WHERE action = 'purge'")
printf '480215\n' | en purge --older-than 4y --yes --as sup1 2>"$T/err" && fail "purge below 5 years ran"
grep -q "kept at least 5 years" "$T/err" || fail "no reason given: $(cat "$T/err")"
printf '480215\n' | en purge --older-than 1800d --yes --as sup1 2>/dev/null && fail "purge of 1800 days ran"
printf '480215\n' | "$P" --config "$T/ten.ini" purge --older-than 5y --yes --as sup1 2>"$T/err" &&
    fail "purge below [purge] min_years ran"
grep -q "kept at least 10 years" "$T/err" || fail "min_years not followed: $(cat "$T/err")"
en purge --older-than 5y --yes </dev/null 2>"$T/err" && fail "purge without a supervisor ran"
grep -q "a supervisor must sign in" "$T/err" || fail "no supervisor asked: $(cat "$T/err")"
printf '735102\n' | en purge --older-than 5y --yes --as nv01 2>"$T/err" && fail "a clerk purged"
grep -q "nv01 is not a supervisor" "$T/err" || fail "a clerk was not refused: $(cat "$T/err")"
printf '111111\n' | en purge --older-than 5y --yes --as sup1 2>/dev/null && fail "a wrong PIN purged"
[ "$(q "SELECT count(*) FROM audit WHERE action = 'purge'")" = "$before" ] ||
    fail "a refused purge was recorded as done"
[ "$(q "SELECT name FROM dossiers WHERE ref = 'LS01-000002'")" != "" ] || fail "a refused purge erased data"
printf '480215\n' | en purge --older-than 5y --yes --as sup1 >"$T/out" 2>&1 || fail "purge: $(cat "$T/out")"
[ "$(q "SELECT name FROM dossiers WHERE ref = 'LS01-000002'")" = "" ] || fail "nothing purged"
[ "$(q "SELECT actor FROM audit WHERE action = 'purge' ORDER BY seq DESC LIMIT 1")" = sup1 ] ||
    fail "the purge is not recorded with the supervisor: $(q "SELECT * FROM audit WHERE action = 'purge'")"
printf '480215\n' | vi purge --older-than 3y --yes --as sup1 2>"$T/err"
grep -q "phải được lưu ít nhất 5 năm" "$T/err" || fail "purge refusal in Vietnamese: $(cat "$T/err")"

exit 0
