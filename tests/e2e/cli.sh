#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The CLI end to end: first run seeds the database, search, import errors
# change nothing, dossier listing, `check` exit bits, bad options.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog"
fail() { echo "cli.sh: $*" >&2; exit 1; }
# messages are matched in English; the default language is Vietnamese
printf '[kiosk]\nlanguage = en\n' > "$T/en.ini"
p() { "$P" --config "$T/en.ini" "$@"; }

p --version | grep -q '^postkiosk [0-9]' || fail "--version"
p --help | grep -q 'catalog import' || fail "--help lists the commands"

# first run: created and seeded, no set-up
out=$(p catalog search dang ky) || fail "search failed"
[ -f "$T/home/postkiosk.db" ] || fail "database not created in POSTKIOSK_HOME"
[ -f "$T/home/keys/receipt.key" ] || fail "receipt key not created"
echo "$out" | head -1 | grep -q "^1.000894	Đăng ký kết hôn	" || fail "search order: $out"
p catalog search "ĐĂNG KÝ KHAI SINH" | grep -q '^1.001193	' || fail "folded search"
p catalog search zzzz >/dev/null 2>&1 && fail "no result must exit non-zero"
# keywords: staff add an everyday name, the search finds it; bad input changes nothing
p catalog search "giay chao doi" >/dev/null 2>&1 && fail "no keyword yet"
p catalog keywords 1.001193 "giấy chào đời" >/dev/null || fail "keywords not set"
p catalog keywords 1.001193 | grep -q "giấy chào đời" || fail "keywords not shown"
p catalog search "giay chao doi" | head -n 1 | grep -q '^1.001193	' || fail "keyword not found"
p catalog keywords 9.999 "x" 2>/dev/null && fail "unknown code accepted"
p catalog keywords 1.001193 "$(printf 'bad\377')" 2>/dev/null && fail "bad UTF-8 accepted"
p catalog keywords 1.001193 | grep -q "giấy chào đời" || fail "a refused edit changed the keywords"
p catalog keywords 2>/dev/null; [ $? -eq 2 ] || fail "keywords without a code is a usage error"
# rank: staff set a procedure's place on a new kiosk's first list; bad input changes nothing
p catalog rank 1.001193 | grep -q '	0$' || fail "rank before any is set"
p catalog rank 1.001193 2 | grep -q '^1.001193	.*	2$' || fail "rank not set"
p catalog rank 1.001193 | grep -q '	2$' || fail "rank not shown"
p catalog rank 1.001193 1000 2>/dev/null && fail "rank past 999 accepted"
p catalog rank 1.001193 -1 2>/dev/null && fail "negative rank accepted"
p catalog rank 1.001193 x 2>/dev/null && fail "rank that is no number accepted"
p catalog rank 9.999 1 2>/dev/null && fail "rank of an unknown code accepted"
p catalog rank 1.001193 | grep -q '	2$' || fail "a refused rank changed the rank"
p catalog rank 2>/dev/null; [ $? -eq 2 ] || fail "rank without a code is a usage error"

# a bad import says file:line and imports nothing
err=$(p catalog import tests/fixtures/procs_dup.csv 2>&1 >/dev/null) && fail "bad import succeeded"
echo "$err" | grep -q 'procs_dup.csv:6: duplicate code' || fail "import message: $err"
[ "$(p catalog search '' | wc -l)" -eq 3 ] || fail "catalog changed after a failed import"
p catalog import tests/fixtures/procs_nfd.csv | grep -q '3' || fail "good import"
p catalog import --units tests/fixtures/units_unknown.csv 2>/dev/null && fail "unknown unit accepted"
p catalog import --bogus x 2>/dev/null; [ $? -eq 2 ] || fail "unknown import option"
# the agency's English name (optional agency_en column): a bad value is
# refused in the configured language and imports nothing; an older file
# without the column still imports, with no English names
printf '[kiosk]\nlanguage = vi\n' > "$T/vi.ini"
err=$("$P" --config "$T/vi.ini" catalog import tests/fixtures/procs_agency_en_long.csv 2>&1 >/dev/null) &&
    fail "overlong agency_en accepted"
echo "$err" | grep -q 'procs_agency_en_long.csv:2: agency_en quá dài (tối đa 255 byte)' ||
    fail "agency_en message: $err"
for f in control utf8 formula; do
    p catalog import "tests/fixtures/procs_agency_en_$f.csv" 2>/dev/null && fail "bad agency_en ($f) accepted"
done
p catalog search '' | grep -q '^LS.0009' && fail "a refused agency_en was imported"
p catalog import tests/fixtures/procs_agency_en.csv | grep -q '3' || fail "agency_en import"
q() { sqlite3 -cmd ".timeout 5000" "$T/home/postkiosk.db" "$1"; }
[ "$(q "SELECT agency_en FROM procedures WHERE code = '2.001159'")" = \
  "Provincial Police (PC06) / assigned commune police" ] || fail "agency_en not stored"
p catalog import tests/fixtures/procs_good.csv | grep -q '3' || fail "a file without agency_en"
[ "$(q "SELECT count(*) FROM procedures WHERE agency_en <> ''")" = 0 ] || fail "agency_en kept"
p catalog import tests/fixtures/procs_nfd.csv | grep -q '3' || fail "good import again"

# dossiers
p dossier list >/dev/null || fail "empty list"
p dossier list --status nonsense 2>/dev/null; [ $? -eq 2 ] || fail "bad status is a usage error"
p dossier show LS01-000001 2>/dev/null && fail "show of a missing dossier"

# a dossier made by hand in the database: `show` masks personal data
sqlite3 "$T/home/postkiosk.db" "PRAGMA busy_timeout=5000;
INSERT INTO dossiers(ref, s10, kiosk_code, proc_code, proc_name_vi, proc_name_en, agency, form,
  status, name, name_fold, id_number, phone, unit_id, province, unit_name, street, fee_proc,
  fee_post, fee_total, expected_date, created_at, created_day, updated_at, consent_process,
  consent_sms, sample)
VALUES('LS01-000001', 'RA000000014VN', 'LS01', '1.001193', 'Đăng ký khai sinh', '', '', 3,
  'registered', 'Nguyễn Văn An', 'nguyen van an', '020095001234', '0912345678', 1, 'Lạng Sơn',
  'Đông Kinh', 'Số 12 Trần Đăng Ninh', 0, 45000, 45000, '2026-03-02', 1767225600, '2026-01-01',
  1767225600, 1, 0, 0);" >/dev/null || fail "insert by hand"
out=$(p dossier show LS01-000001) || fail "show"
echo "$out" | grep -q 'RA000000014VN' || fail "show: no S10: $out"
echo "$out" | grep -q '020095001234' && fail "show prints the full ID"
echo "$out" | grep -q '0912345678' && fail "show prints the full phone"
echo "$out" | grep -q 'Trần Đăng Ninh' && fail "show prints the street"
echo "$out" | grep -q '1234' || fail "show: masked ID keeps the last digits: $out"
# money as on the screens and the receipt (money_format; English here)
echo "$out" | grep -q '0 VND + 45,000 VND = 45,000 VND' || fail "show: fees: $out"
p dossier list --status registered | grep -q '^LS01-000001	' || fail "list by status"
[ -z "$(p dossier list --status delivered)" ] || fail "status filter"

# check: exit bits
p check >/dev/null || fail "check on a fresh install"
p --printer tcp:127.0.0.1:1 check >/dev/null; [ $? -eq 4 ] || fail "printer bit"
printf '[kiosk]\ncode = x\n' > "$T/bad.ini"
"$P" --config "$T/bad.ini" check >/dev/null; [ $? -eq 1 ] || fail "config bit"
"$P" --config "$T/bad.ini" dossier list 2>/dev/null; [ $? -eq 2 ] || fail "bad config refuses commands"
p --db "$T/bad.ini/x.db" check >/dev/null 2>&1; [ $? -eq 2 ] || fail "database bit"
p --nonsense 2>/dev/null; [ $? -eq 2 ] || fail "unknown option"
p bogus 2>/dev/null; [ $? -eq 2 ] || fail "unknown command"
exit 0
