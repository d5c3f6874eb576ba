#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every shipped tour (data/tours/*.tour) runs to the end headless
# (`postkiosk --tour FILE --speed max`) in Vietnamese and in English,
# creates dossiers only in the practice sandbox (samples, MAU-..., receipts
# marked SAMPLE), removes the sandbox afterwards, and leaves the live
# database byte for byte unchanged. A bad tour file is refused with
# file:line: reason; `demo` without a terminal says what to do.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export POSTKIOSK_HOME="$T/home"
unset POSTKIOSK_DATADIR POSTKIOSK_IDLE POSTKIOSK_CLOCK
fail() { echo "demo_tours.sh: $*" >&2; exit 1; }

printf '[kiosk]\nlanguage = en\n' > "$T/en.ini"
printf '[kiosk]\nlanguage = vi\n' > "$T/vi.ini"
LIVE="$T/home/postkiosk.db"

# the live database: seeded by a first run, with one real dossier in it
"$P" --config "$T/en.ini" dossier list >/dev/null || fail "first run"
sqlite3 "$LIVE" "PRAGMA busy_timeout=5000;
INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en, agency, form,
  status, name, name_fold, id_number, phone, unit_id, province, unit_name, street, fee_proc,
  fee_post, fee_total, expected_date, created_at, created_day, updated_at, consent_process,
  consent_sms, sample)
VALUES('LS01-000001', 'RA000000014VN', 'LS01', '1.001193', 'Đăng ký khai sinh', '', '', 3,
  'registered', 'Nguyễn Văn Thật', 'nguyen van that', '020095001234', '0912345678', 1,
  'Lạng Sơn', 'Đông Kinh', 'Số 12 Trần Đăng Ninh', 0, 45000, 45000, '2026-03-02', 1767225600,
  '2026-01-01', 1767225600, 1, 0, 0);" >/dev/null || fail "live dossier"
sqlite3 "$LIVE" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
hash() { cat "$LIVE" "$LIVE-wal" 2>/dev/null | sha256sum; }
before=$(hash)

n=0
for tour in data/tours/*.tour; do
    for lang in vi en; do
        n=$((n + 1))
        out=$("$P" --config "$T/$lang.ini" --tour "$tour" --speed max 2>"$T/err") ||
            fail "$tour ($lang) did not run to the end: $(cat "$T/err")"
        echo "$out" | grep -q "^$tour: " || fail "$tour ($lang): no summary: $out"
        [ -e "$T/home/practice.db" ] && fail "$tour ($lang): the sandbox was not removed"
        [ "$(hash)" = "$before" ] || fail "$tour ($lang) changed the live database"
    done
done
[ "$n" -ge 4 ] || fail "expected at least two tours in two languages, ran $n"

# the criminal-record tour printed sample receipts (vi and en runs: two)
ls "$T/home/receipts"/MAU-*.txt >/dev/null 2>&1 || fail "no practice receipt printed"
for r in "$T/home/receipts"/MAU-*.txt; do
    grep -q 'SAMPLE' "$r" || fail "receipt without the SAMPLE mark: $r"
done
ls "$T/home/receipts"/LS01-* >/dev/null 2>&1 && fail "a receipt with a live reference"

# nothing of it reached the live database
[ "$(sqlite3 "$LIVE" "SELECT count(*) FROM dossiers")" = 1 ] || fail "live dossier count"
[ "$(sqlite3 "$LIVE" "SELECT count(*) FROM dossiers WHERE ref LIKE 'MAU-%' OR sample = 1")" = 0 ] ||
    fail "a practice dossier in the live database"

# a tour that waits for what never comes fails at its line, live untouched
printf 'keys 1\nwait-for * Nothing like this\n' > "$T/bad.tour"
"$P" --config "$T/en.ini" --tour "$T/bad.tour" --speed max >/dev/null 2>"$T/err"
[ $? -eq 1 ] || fail "a failing tour must exit 1"
grep -q "bad.tour:2: the screen never showed \"Nothing like this\"" "$T/err" ||
    fail "failing tour message: $(cat "$T/err")"
[ -e "$T/home/practice.db" ] && fail "the sandbox was not removed after a failure"

# a bad file: every bad line as file:line: reason, nothing runs
printf 'keys <Entr>\nfly away\npause soon\n' > "$T/syntax.tour"
"$P" --config "$T/en.ini" --tour "$T/syntax.tour" --speed max >/dev/null 2>"$T/err"
[ $? -eq 2 ] || fail "a bad tour file must exit 2"
grep -q "syntax.tour:1: unknown key name <Entr>" "$T/err" || fail "line 1: $(cat "$T/err")"
grep -q "syntax.tour:2: unknown directive \"fly\"" "$T/err" || fail "line 2: $(cat "$T/err")"
grep -q "syntax.tour:3: pause needs a number" "$T/err" || fail "line 3: $(cat "$T/err")"
"$P" --config "$T/en.ini" --tour "$T/missing.tour" --speed max >/dev/null 2>&1
[ $? -eq 2 ] || fail "a missing tour file must exit 2"
"$P" --config "$T/en.ini" --tour "$tour" --speed warp >/dev/null 2>&1
[ $? -eq 2 ] || fail "a bad speed must exit 2"
"$P" --config "$T/en.ini" demo </dev/null >/dev/null 2>"$T/err"
[ $? -eq 2 ] || fail "demo without a terminal must exit 2"
grep -q -- "--speed max" "$T/err" || fail "demo without a terminal: $(cat "$T/err")"
[ "$(hash)" = "$before" ] || fail "the live database changed"
exit 0
