#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 17 item 9 on the real binary: long work shows a progress line on a
# terminal (a pseudo-terminal from script(1)) and nothing extra in a pipe.
# A 100,000-row units file: one line while the file is read (bytes), one
# while the rows are stored; then backup and purge.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
for tool in script sqlite3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "progress_tty.sh: $tool missing" >&2; exit 1; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
H="$T/home"
mkdir -p "$H"
export POSTKIOSK_HOME="$H" LANG=C.UTF-8 LC_ALL=C.UTF-8 POSTKIOSK_DATADIR="$PWD/data"
unset POSTKIOSK_CLOCK POSTKIOSK_IDLE POSTKIOSK_TEST POSTKIOSK_LOG
fail() { echo "progress_tty.sh: $*" >&2; exit 1; }
DB="$H/postkiosk.db"
printf '[kiosk]\nlanguage = en\n[backup]\ndir = %s\n' "$T/backups" > "$T/kiosk.ini"
p() { "$P" --config "$T/kiosk.ini" "$@"; }
# on a terminal: the command's whole output as the terminal got it
tty_run() { script -qec "$P --config '$T/kiosk.ini' $*" "$T/tty.log" >/dev/null 2>&1; }

p dossier list >/dev/null || fail "first start"
awk 'BEGIN { print "province,type,name";
             for (i = 1; i <= 100000; i++) printf "Lạng Sơn,xã,Xã Thử Nghiệm %d\n", i }' > "$T/units.csv"

# ---- in a pipe: the result line only ------------------------------------
p catalog import --units "$T/units.csv" >"$T/out" 2>"$T/err" || fail "import in a pipe: $(cat "$T/err")"
[ "$(cat "$T/out")" = "Imported $T/units.csv." ] || fail "pipe stdout: $(cat "$T/out")"
[ -s "$T/err" ] && fail "progress written into a pipe: $(cat -A "$T/err" | head -3)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM units")" = 100000 ] || fail "units not imported"

# ---- on a terminal: reading, then storing, each ending at 100% ----------
tty_run catalog import --units "$T/units.csv" || fail "import on a terminal: $(cat "$T/tty.log")"
log=$(tr '\r' '\n' < "$T/tty.log")
size=$(stat -c %s "$T/units.csv")
echo "$log" | grep -q "^reading: $size/$size (100%)" || fail "no reading line at 100%: $log"
echo "$log" | grep -q "^import: 100000/100000 (100%)" || fail "no storing line at 100%: $log"
echo "$log" | grep -q "^Imported $T/units.csv." || fail "no result line: $log"
# the reading line ends before the storing line starts
r=$(echo "$log" | grep -n "^reading: $size/$size" | tail -1 | cut -d: -f1)
s=$(echo "$log" | grep -n "^import: " | head -1 | cut -d: -f1)
[ "$r" -lt "$s" ] || fail "storing began before the reading line ended: $log"

# a bad file: the error, no progress left hanging on the line
printf 'province,type,name\nLạng Sơn,làng,X\n' > "$T/bad.csv"
tty_run catalog import --units "$T/bad.csv" && fail "a bad file was imported"
tr '\r' '\n' < "$T/tty.log" | grep -q "bad.csv:2: unknown unit type" || fail "bad file: $(cat "$T/tty.log")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM units")" = 100000 ] || fail "a failed import changed the units"

# ---- backup on a terminal; nothing extra in a pipe ------------------------
tty_run backup || fail "backup on a terminal: $(cat "$T/tty.log")"
tr '\r' '\n' < "$T/tty.log" | grep -q "^backup: .*(100%)" || fail "no backup line: $(cat -A "$T/tty.log")"
p backup >/dev/null 2>"$T/err" || fail "backup in a pipe"
[ -s "$T/err" ] && fail "backup wrote progress into a pipe: $(cat -A "$T/err")"

# ---- purge on a terminal ---------------------------------------------------
PK_FIXTURE_DB="$DB" PK_FIXTURE_AUDIT_KEY="$H/keys/audit.key" \
    "$PWD/$BUILD/test-runner" e2e_fixture >"$T/fixture.log" 2>&1 || fail "fixture: $(cat "$T/fixture.log")"
sqlite3 "$DB" "UPDATE dossiers SET status = 'cancelled', closed_day = '2019-01-02', closed_at = 1546387200
               WHERE ref = 'LS01-000002'"
printf '480215\n' | p clerk add sup1 --role supervisor --name "Hoàng Lan" >/dev/null ||
    fail "supervisor not created"
# purge needs a supervisor: the PIN typed on the terminal when it is asked
/usr/bin/python3 - "$T/tty.log" "$P" --config "$T/kiosk.ini" purge --older-than 5y --yes --as sup1 <<'PYEOF' ||
import os, pty, select, signal, sys
log, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
# the PIN is typed once the question shows (as a person does), never
# before; 60 s at most in all
out, sent = b"", False
while True:
    ready, _, _ = select.select([fd], [], [], 60)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        out += b"\n[no answer in 60 s: the PIN typed after the question was lost]\n"
        break
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if not sent and b"PIN:" in out:
        os.write(fd, b"480215\n")
        sent = True
open(log, "wb").write(out)
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
PYEOF
    fail "purge on a terminal: $(cat "$T/tty.log")"
tr '\r' '\n' < "$T/tty.log" | grep -q "^purge: 1/1 (100%)" || fail "no purge line: $(cat -A "$T/tty.log")"
[ "$(sqlite3 "$DB" "SELECT name FROM dossiers WHERE ref = 'LS01-000002'")" = "" ] || fail "not purged"
echo "progress_tty.sh: ok"
