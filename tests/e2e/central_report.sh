#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The province's report from the central server (issue 12 item 4), on a
# real PostgreSQL (tests/pg.sh): kiosks AA01 and BB01 register and process
# dossiers (tests/store/test_central_report.c) and sync (`postkiosk sync
# --once`, their own logins); then the central report equals each
# kiosk's local report per post office and their sum in total
# (central_report_load against store_report, field by field), and
# `postkiosk central report --csv` as a province login gives, for each post
# office, the rows of its kiosk's own report CSV, then the total; `--pdf`
# writes the same figures as an A4 paper (pdftotext, pdfinfo): the totals
# table, a chart page per post office with its label, "Trang i/n".
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
R="$PWD/$BUILD/test-runner"
fail() { echo "central_report.sh: $*" >&2; exit 1; }
. tests/pg.sh
pg_start
T="$PG_DIR/t"
mkdir "$T"
export TZ=Asia/Ho_Chi_Minh
printf '[kiosk]\nlanguage = en\n' >"$T/en.ini"
pk() { "$P" --config "$T/en.ini" "$@"; }
run() {   # run STEP: the suite at that step, its failures shown
    PK_CREPORT_STEP=$1 "$R" central_report >"$T/$1.log" 2>&1 || { cat "$T/$1.log" >&2; fail "$1 failed"; }
    grep -q "tests *2 *2 *2 *0" "$T/$1.log" || fail "$1 did not run: $(tail -5 "$T/$1.log")"
}

. tests/sync_helpers.sh
sh_central
sh_kiosk AA01 AA01
sh_kiosk BB01 BB01
pk central add-user tinh_ls --password-file "$T/prov.pw" --conninfo "$PG_ADMIN" >/dev/null ||
    fail "add the province user"
export PK_CREPORT_DIR="$PG_DIR"

run make
# each kiosk syncs as any kiosk does
for k in AA01 BB01; do
    out=$(sh_pk $k sync --once 2>&1) || fail "$k sync: $out"
    [ "$(sh_sql $k "SELECT count(*) FROM sync_outbox WHERE sent = 0")" = 0 ] || fail "$k left rows pending"
done

# the province's login, its password where libpq looks for it
umask 077
echo "*:*:*:tinh_ls:$(cat "$T/prov.pw")" >"$T/pgpass"
umask 022
export PGPASSFILE="$T/pgpass" PK_CREPORT_CONNINFO="$PG_CONN user=tinh_ls"
run compare

out=$(pk central report --from 2026-03-01 --to 2026-03-31 --csv --conninfo "$PK_CREPORT_CONNINFO") ||
    fail "central report --csv: $out"
printf '%s\n' "$out" | tr -d '\r' >"$T/central.csv"
head -1 "$T/central.csv" | grep -qx 'post_office,section,key,label,value' ||
    fail "CSV header: $(head -1 "$T/central.csv")"
for k in AA01 BB01; do
    # its kiosk's rows, but "overdue" counts against today, not the test's day
    grep "^$k," "$T/central.csv" | cut -d, -f2- | grep -v '^timeliness,overdue_open,' >"$T/$k.got"
    tr -d '\r' <"$PG_DIR/$k.csv" | tail -n +2 | grep -v '^timeliness,overdue_open,' >"$T/$k.want"
    diff "$T/$k.want" "$T/$k.got" >"$T/$k.diff" || fail "$k rows differ from its local report: $(cat "$T/$k.diff")"
done
grep -qx 'TOTAL,total,dossiers,Dossiers registered,13' "$T/central.csv" ||
    fail "total: $(grep '^TOTAL,total' "$T/central.csv")"
grep -qx 'TOTAL,incidents,lost,Lost items,2' "$T/central.csv" || fail "lost: $(grep lost "$T/central.csv")"

# --province: one province's post offices, their total as the total
pg_sql "UPDATE pk.kiosks SET province = CASE code WHEN 'AA01' THEN 'Lạng Sơn' ELSE 'Cao Bằng' END"
out=$(pk central report --from 2026-03-01 --to 2026-03-31 --csv --province 'Lạng Sơn' \
      --conninfo "$PK_CREPORT_CONNINFO") || fail "central report --province: $out"
printf '%s\n' "$out" | tr -d '\r' >"$T/province.csv"
grep -q '^BB01,' "$T/province.csv" && fail "--province kept another province's office"
grep '^AA01,' "$T/province.csv" | cut -d, -f2- >"$T/aa.rows"
grep '^TOTAL,' "$T/province.csv" | cut -d, -f2- >"$T/total.rows"
[ -s "$T/aa.rows" ] && cmp -s "$T/aa.rows" "$T/total.rows" ||
    fail "the province's total is not its one office's: $(diff "$T/aa.rows" "$T/total.rows")"
grep '^AA01,' "$T/central.csv" >"$T/aa.all"
grep '^AA01,' "$T/province.csv" >"$T/aa.prov"
cmp -s "$T/aa.all" "$T/aa.prov" || fail "AA01's rows differ with --province"
out=$(pk central report --from 2026-03-01 --to 2026-03-31 --province 'Hà Giang' \
      --conninfo "$PK_CREPORT_CONNINFO") || fail "central report, a province without offices: $out"
echo "$out" | grep -q '^== All post offices (0) ==$' || fail "a province without offices: $out"
pg_sql "UPDATE pk.kiosks SET province = ''"

# the text report, and a kiosk login is no province
out=$(pk central report --from 2026-03-01 --to 2026-03-31 --conninfo "$PK_CREPORT_CONNINFO") ||
    fail "central report: $out"
echo "$out" | grep -q '^== Post office AA01 ==$' || fail "text: $out"
echo "$out" | grep -q '^== All post offices (2) ==$' || fail "text total: $out"
out=$(PGPASSWORD=$(cat "$PG_DIR/AA01.pw") "$P" --config "$T/en.ini" central report --from 2026-03-01 \
      --to 2026-03-31 --conninfo "$PG_CONN user=kiosk_aa01" 2>&1) && fail "a kiosk login made the report: $out"
echo "$out" | grep -q 'permission denied' || fail "kiosk login refusal: $out"
out=$(pk central report --from 2026-03-31 --to 2026-03-01 --conninfo "$PK_CREPORT_CONNINFO" 2>&1) &&
    fail "reversed dates accepted"

# --pdf: the same report as an A4 paper in Vietnamese, a chart page per post
# office; March and April, so each chart has two months
printf '[kiosk]\nlanguage = vi\n' >"$T/vi.ini"
pkvi() { "$P" --config "$T/vi.ini" "$@"; }
out=$(pkvi central report --from 2026-03-01 --to 2026-04-30 --csv --pdf "$T/tinh.pdf" \
      --conninfo "$PK_CREPORT_CONNINFO") || fail "central report --pdf: $out"
printf '%s\n' "$out" | tr -d '\r' >"$T/both.csv"
[ -s "$T/tinh.pdf" ] || fail "no PDF"
[ ! -e "$T/tinh.pdf.tmp" ] || fail "the PDF's temporary file stayed"
pdfinfo "$T/tinh.pdf" >"$T/tinh.info" || fail "pdfinfo: $(cat "$T/tinh.info")"
grep -q '^Page size: *595.* x 841.*A4' "$T/tinh.info" || fail "not A4: $(cat "$T/tinh.info")"
grep -q '^Pages: *3$' "$T/tinh.info" || fail "pages (totals + one per post office): $(cat "$T/tinh.info")"
csv() { awk -F, -v o="$1" -v s="$2" -v k="$3" '$1 == o && $2 == s && $3 == k { print $NF }' "$T/both.csv"; }

pdftotext -layout -f 1 -l 1 "$T/tinh.pdf" "$T/p1.txt" || fail "pdftotext"
grep -q 'BÁO CÁO HỒ SƠ TIẾP NHẬN TẠI BƯU CỤC' "$T/p1.txt" || fail "title: $(cat "$T/p1.txt")"
grep -q 'Từ ngày 01/03/2026 đến ngày 30/04/2026' "$T/p1.txt" || fail "period: $(cat "$T/p1.txt")"
grep -q 'Trang 1/3' "$T/p1.txt" || fail "page number 1: $(cat "$T/p1.txt")"
for k in AA01 BB01 TOTAL; do
    # the totals table row: dossiers, on time, late, overdue, lost, as in the CSV
    want="$(csv $k total dossiers) $(csv $k timeliness on_time) $(csv $k timeliness late)"
    want="$want $(csv $k timeliness overdue_open) $(csv $k incidents lost)"
    [ "$k" = TOTAL ] && name='Tổng cộng (2 bưu cục)' || name=$k
    got=$(grep -F "$name" "$T/p1.txt" | head -1 | sed "s/^ *//; s/$name//" | tr -s ' ' | sed 's/^ //; s/ $//')
    [ "$got" = "$want" ] || fail "$k totals row: '$got', CSV '$want'"
done
[ "$(csv TOTAL total dossiers)" = 15 ] || fail "the total over March and April: $(csv TOTAL total dossiers)"
n=0
for k in AA01 BB01; do
    n=$((n + 1))
    page=$((n + 1))
    pdftotext -layout -f $page -l $page "$T/tinh.pdf" "$T/p$page.txt"
    grep -q "^ *Bưu cục $k *$" "$T/p$page.txt" || fail "page $page title: $(cat "$T/p$page.txt")"
    grep -q "Biểu đồ $n: bưu cục $k, hồ sơ theo tháng và tỉ lệ đúng hạn" "$T/p$page.txt" ||
        fail "page $page chart label: $(cat "$T/p$page.txt")"
    grep -q "03/2026 .*04/2026" "$T/p$page.txt" || fail "page $page months: $(cat "$T/p$page.txt")"
    grep -q "Hồ sơ tiếp nhận: $(csv $k total dossiers)$" "$T/p$page.txt" ||
        fail "page $page dossiers: $(cat "$T/p$page.txt")"
    grep -q "Trang $page/3" "$T/p$page.txt" || fail "page number $page: $(cat "$T/p$page.txt")"
done
# a file that cannot be written: a translated message, no file, no leftover
mkdir "$T/dir.pdf"
out=$(pkvi central report --from 2026-03-01 --to 2026-04-30 --pdf "$T/dir.pdf" \
      --conninfo "$PK_CREPORT_CONNINFO" 2>&1) && fail "wrote a PDF over a directory: $out"
echo "$out" | grep -q "không ghi được tệp $T/dir.pdf" || fail "the refusal: $out"
[ ! -e "$T/dir.pdf.tmp" ] || fail "a temporary file stayed"
out=$(pk central report --from 2026-03-01 --to 2026-04-30 --pdf "$T/none/x.pdf" \
      --conninfo "$PK_CREPORT_CONNINFO" 2>&1) && fail "wrote into a missing folder: $out"
echo "$out" | grep -q "cannot write $T/none/x.pdf" || fail "the refusal (en): $out"
# without the papers module (cairo, pango: kiosk/base/module.h), the sync
# module there: its reason, no file
mkdir "$T/nomods"
cp "$(dirname "$P")/modules/pk-sync.so" "$T/nomods/"
out=$(POSTKIOSK_MODULEDIR="$T/nomods" pkvi central report --from 2026-03-01 --to 2026-04-30 \
      --pdf "$T/nomod.pdf" --conninfo "$PK_CREPORT_CONNINFO" 2>&1) && fail "a PDF without the papers module: $out"
echo "$out" | grep -q "không ghi được tệp $T/nomod.pdf: không nạp được phần papers của postkiosk" ||
    fail "without the papers module: $out"
[ ! -e "$T/nomod.pdf" ] && [ ! -e "$T/nomod.pdf.tmp" ] || fail "a file was written without the papers module"
exit 0
