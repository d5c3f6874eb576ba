#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The signed papers on a real A4 printer queue (issue 13 items 1-3): a
# cupsd of our own (temporary ServerRoot, listening on a Unix socket in a
# temporary folder), one raw queue printing through the CUPS socket
# backend to tests/a4_sink.py on 127.0.0.1 (the printer's raw port), then
# `postkiosk paper` for an accepted dossier: the job CUPS delivers is our
# PDF, read back with pdftotext (Vietnamese, page numbers, masked ID); the
# label's S10 barcode decoded by zbarimg from the PDF the printer got; a
# queue CUPS does not know falls back to the receipt printer and says so;
# usage errors. Everything is stopped at the end, even on failure.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
pids=""
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null; done
    for pid in $pids; do
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$pid" 2>/dev/null
    done
    rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail() {
    echo "papers.sh: $*" >&2
    [ -f "$T/cups/log/error_log" ] && grep '^E' "$T/cups/log/error_log" | tail -5 >&2
    exit 1
}
for tool in /usr/sbin/cupsd lpadmin lpstat pdftotext pdftoppm zbarimg; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool missing (scripts/install-deps.sh)"
done
[ -x /usr/lib/cups/backend/socket ] || fail "the CUPS socket backend is missing (package cups)"
# waits (bounded) for a file: wait_file PATH WHAT
wait_file() {
    i=0
    while [ ! -e "$1" ]; do
        i=$((i + 1)); [ $i -le 150 ] || fail "$2"
        sleep 0.1
    done
}

# ---- the printer's raw port and a cupsd of our own -----------------------
chmod 755 "$T"     # cupsd started as root runs its backend as user lp
python3 tests/a4_sink.py "$T/sink.port" "$T/printed" 120 2>"$T/sink.err" &
pids="$pids $!"
wait_file "$T/sink.port" "the printer's port did not open"
C="$T/cups"
mkdir -p "$C/root" "$C/cache" "$C/state" "$C/spool/tmp" "$C/log"
chmod -R 755 "$C"
SOCK="$C/cups.sock"
cat > "$C/root/cupsd.conf" <<EOC
Listen $SOCK
LogLevel warn
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOC
{
    echo "ServerRoot $C/root"
    echo "CacheDir $C/cache"
    echo "StateDir $C/state"
    echo "RequestRoot $C/spool"
    echo "TempDir $C/spool/tmp"
    echo "AccessLog $C/log/access_log"
    echo "ErrorLog $C/log/error_log"
    echo "PageLog $C/log/page_log"
    echo "Printcap $C/printcap"
    if [ "$(id -u)" -ne 0 ]; then
        echo "User $(id -un)"
        echo "Group $(id -gn)"
        echo "SystemGroup $(id -gn)"
    else
        echo "SystemGroup root"
    fi
} > "$C/root/cups-files.conf"
/usr/sbin/cupsd -f -c "$C/root/cupsd.conf" -s "$C/root/cups-files.conf" >"$C/log/stdout" 2>&1 &
pids="$pids $!"
wait_file "$SOCK" "cupsd did not start: $(cat "$C/log/stdout" 2>/dev/null)"
i=0
until lpstat -h "$SOCK" -r >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -le 100 ] || fail "cupsd does not answer"
    sleep 0.1
done
lpadmin -h "$SOCK" -p A4 -E -v "socket://127.0.0.1:$(cat "$T/sink.port")" 2>"$T/lpadmin.err" ||
    fail "lpadmin: $(cat "$T/lpadmin.err")"

# ---- a kiosk with one accepted dossier -----------------------------------
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog" LANG=C.UTF-8 LC_ALL=C.UTF-8
printf '480215\n' | "$P" clerk add sup1 --role supervisor --name "Hoàng Thị Lan" >/dev/null ||
    fail "first supervisor not created"
PK_PAPERS_DB="$T/home/postkiosk.db" PK_PAPERS_AUDIT_KEY="$T/home/keys/audit.key" \
    "$PWD/$BUILD/test-runner" e2e_papers >"$T/fixture.log" 2>&1 || fail "fixture: $(cat "$T/fixture.log")"
REF=LS01-000001
S10=$(sqlite3 "$T/home/postkiosk.db" "SELECT s10 FROM dossiers WHERE ref = '$REF'")
[ -n "$S10" ] || fail "no dossier"
mkdir -p "$T/receipts"
printf '[kiosk]\nlanguage = en\n[printer]\nspec = file:%s\n[papers]\nprinter = A4\ncups_server = %s\n' \
    "$T/receipts" "$SOCK" > "$T/a4.ini"

# ---- without the papers module (kiosk/base/module.h): said, nothing -----
# saved, printed or audited; a file that is not a module is refused alike
mkdir "$T/nomods"
audits=$(sqlite3 "$T/home/postkiosk.db" "SELECT count(*) FROM audit")
for how in missing broken; do
    [ $how = broken ] && printf 'not a module\n' > "$T/nomods/pk-papers.so"
    out=$(POSTKIOSK_MODULEDIR="$T/nomods" "$P" --config "$T/a4.ini" paper slip "$REF" 2>&1) &&
        fail "paper slip with the papers module $how succeeded: $out"
    echo "$out" | grep -q "^postkiosk: $REF: the papers part of postkiosk cannot be loaded (.*pk-papers.so.*): reinstall postkiosk$" ||
        fail "paper slip with the papers module $how said: $out"
    [ ! -e "$T/home/papers/$REF-slip.pdf" ] || fail "a slip was saved without the papers module ($how)"
    [ "$(sqlite3 "$T/home/postkiosk.db" "SELECT count(*) FROM audit")" = "$audits" ] ||
        fail "the audit log changed without the papers module ($how)"
done
[ -z "$(ls "$T/printed")" ] || fail "something was printed without the papers module"
out=$(LC_ALL=vi_VN.UTF-8 LANG=vi_VN.UTF-8 POSTKIOSK_MODULEDIR="$T/nomods" "$P" paper slip "$REF" 2>&1) &&
    fail "paper slip without the papers module succeeded: $out"
echo "$out" | grep -q "không nạp được phần papers của postkiosk" || fail "not said in Vietnamese: $out"

# ---- the acceptance slip on the A4 printer -------------------------------
out=$("$P" --config "$T/a4.ini" paper slip "$REF" 2>&1) || fail "paper slip: $out"
echo "$out" | grep -q "^Sent to the A4 printer A4 (job [0-9]*)\. File: $T/home/papers/$REF-slip.pdf$" ||
    fail "paper slip said: $out"
wait_file "$T/printed/job-1.pdf" "the A4 printer got nothing"
cmp -s "$T/printed/job-1.pdf" "$T/home/papers/$REF-slip.pdf" || fail "the printer did not get the saved PDF"
txt=$(pdftotext -layout "$T/printed/job-1.pdf" -)
for want in "PHIẾU GỬI HỒ SƠ" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$REF" "UBND phường Đông Kinh" \
            "NP-0042" "8.000 đ" "********1234" "Nguyễn V. A." "Hoàng Thị Lan" "Trang 1/1" \
            "Liên 2: lưu tại bưu cục"; do
    printf '%s' "$txt" | grep -qF -- "$want" || fail "the printed slip lacks \"$want\""
done
printf '%s' "$txt" | grep -q "020095001234\|Nguyễn Văn An\|0912345678" && fail "personal data in clear on the slip"
i=0
until lpstat -h "$SOCK" -W completed -o A4 | grep -q "^A4-"; do
    i=$((i + 1)); [ $i -le 100 ] || fail "CUPS does not list the job as completed"
    sleep 0.1
done
[ "$(sqlite3 "$T/home/postkiosk.db" "SELECT count(*) FROM audit WHERE action = 'paper' AND object = '$REF' AND detail = 'slip a4'")" = 1 ] ||
    fail "the paper is not in the audit log"

# ---- the label: its barcode read from what the printer got ---------------
"$P" --config "$T/a4.ini" paper label "$S10" >/dev/null 2>"$T/err" || fail "paper label: $(cat "$T/err")"
wait_file "$T/printed/job-2.pdf" "the label did not reach the A4 printer"
pdftoppm -r 200 -png -singlefile "$T/printed/job-2.pdf" "$T/label"
[ "$(zbarimg --quiet --raw "$T/label.png" 2>/dev/null)" = "$S10" ] || fail "the label's barcode does not read $S10"
pdftotext "$T/printed/job-2.pdf" - | grep -q "NGƯỜI NHẬN" || fail "the label has no receiver"

# ---- a queue CUPS does not know: the receipt printer, said so ------------
sed 's/^printer = A4$/printer = NOSUCHQUEUE/' "$T/a4.ini" > "$T/bad.ini"
out=$("$P" --config "$T/bad.ini" paper slip "$REF" 2>&1) || fail "fallback: $out"
echo "$out" | grep -q "^The A4 printer did not take the paper: printed on the receipt printer\. (" ||
    fail "fallback said: $out"
[ -s "$T/receipts/$REF-slip-1.png" ] && [ -s "$T/receipts/$REF-slip-2.png" ] ||
    fail "the two copies did not reach the receipt printer"
grep -q "PHIẾU GỬI HỒ SƠ" "$T/receipts/$REF-slip-1.txt" || fail "the receipt-printer copy is not the slip"
[ ! -e "$T/printed/job-3.pdf" ] || fail "a job reached the A4 printer through an unknown queue"

# ---- only saved; usage and refusals ---------------------------------------
out=$("$P" --config "$T/a4.ini" paper delivered "$REF" --save 2>&1) && fail "proof of delivery before delivery: $out"
echo "$out" | grep -q "does not match the dossier's current step" || fail "wrong step said: $out"
out=$("$P" --config "$T/a4.ini" paper handover "$REF" --save 2>&1) && fail "a reference taken as a record number"
"$P" --config "$T/a4.ini" paper slip "$REF" --save >"$T/out" 2>&1 || fail "--save: $(cat "$T/out")"
grep -q "^Saved, not printed\." "$T/out" || fail "--save said: $(cat "$T/out")"
[ ! -e "$T/printed/job-3.pdf" ] || fail "--save printed"
"$P" --config "$T/a4.ini" paper poster "$REF" >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown kind: not a usage error"
"$P" --config "$T/a4.ini" paper slip >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing key: not a usage error"
"$P" --config "$T/a4.ini" paper slip LS01-999999 >/dev/null 2>&1; [ $? -eq 1 ] || fail "unknown dossier: not status 1"
exit 0
