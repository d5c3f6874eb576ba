#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 11 items 4 and 14: `postkiosk check` and the kiosk's start-up test
# what a citizen's dossier needs and name what fails (check exit bits: 1
# configuration and keys, 2 database, 4 printer); the kiosk refuses to
# start (message on stderr, non-zero) instead of failing at the citizen's
# last step. Read-only cases run as the user nobody (root bypasses file
# modes); the full disk is a small tmpfs (root only, skipped otherwise,
# unmounted in every case). Temporary receipt files a crash left are
# removed at start-up.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
chmod 755 "$T"
FULL="$T/full"
cleanup() {
    mountpoint -q "$FULL" 2>/dev/null && umount "$FULL"
    rm -rf "$T"
}
trap cleanup EXIT INT TERM
DATA="$PWD/tests/fixtures/catalog"
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$DATA"
unset POSTKIOSK_IDLE POSTKIOSK_CLOCK
fail() { echo "readiness.sh: $*" >&2; exit 1; }
printf '[kiosk]\nlanguage = en\n' > "$T/en.ini"
chmod 644 "$T/en.ini"
p() { "$P" --config "$T/en.ini" "$@"; }
# check_is BITS WHAT [ARGS...]: check exits with BITS and its output has WHAT
check_is() {
    bits=$1 what=$2
    shift 2
    out=$(p "$@" check 2>&1)
    rc=$?
    [ $rc -eq "$bits" ] || fail "check: exit $rc, want $bits: $out"
    echo "$out" | grep -qF "$what" || fail "check does not say \"$what\": $out"
}
# kiosk_refuses WHAT [ARGS...]: the kiosk stops before the terminal, saying WHAT
kiosk_refuses() {
    what=$1
    shift
    err=$(p "$@" 2>&1 </dev/null >/dev/null) && fail "the kiosk started: $what"
    echo "$err" | grep -qF "$what" || fail "the kiosk does not say \"$what\": $err"
    echo "$err" | grep -q "terminal" && fail "the kiosk got to the terminal: $err"
    return 0
}

p dossier list >/dev/null || fail "first start"
check_is 0 "keys: ok"

# keys: empty, readable by others, short pepper -> configuration bit, named
KEY="$T/home/keys/receipt.key" PEP="$T/home/keys/pin.pepper"
cp -p "$KEY" "$T/key.saved"
chmod 600 "$KEY" && : > "$KEY"
check_is 1 "the receipt key $KEY: it is not a key"
kiosk_refuses "the receipt key $KEY"
cp -p "$T/key.saved" "$KEY" && chmod 644 "$KEY"
check_is 1 "the receipt key $KEY: others may read it"
cp -p "$T/key.saved" "$KEY"
cp -p "$PEP" "$T/pep.saved"
chmod 600 "$PEP" && printf 'short' > "$PEP"
check_is 1 "the PIN pepper $PEP: it is not a key"
kiosk_refuses "the PIN pepper $PEP"
cp -p "$T/pep.saved" "$PEP"
check_is 0 "keys: ok"

# a bad printer profile -> printer bit; the kiosk refuses
printf '[kiosk]\nlanguage = en\n[printer]\nprofile = 99mm\n' > "$T/bad.ini"
out=$("$P" --config "$T/bad.ini" check 2>&1)
[ $? -eq 4 ] || fail "check: a bad profile is not the printer bit: $out"
echo "$out" | grep -q 'unknown printer profile "99mm"' || fail "check: profile not named: $out"
err=$("$P" --config "$T/bad.ini" 2>&1 </dev/null >/dev/null) && fail "kiosk started with a bad profile"
echo "$err" | grep -q 'unknown printer profile "99mm"' || fail "kiosk: profile not named: $err"

# temporary receipt files a crash left: removed at start-up (an hour old);
# a fresh one (a print in progress elsewhere) is kept
R="$T/home/receipts"
mkdir -p "$R"
printf 'half' > "$R/.LS01-000009.png.tmpAb12Cd"
touch -d '2 hours ago' "$R/.LS01-000009.png.tmpAb12Cd"
printf 'now' > "$R/.LS01-000010.bin.tmpXy34Zw"
printf 'kept' > "$R/LS01-000008.txt"
p </dev/null >/dev/null 2>&1    # stops at the terminal (none here), after the printer stage
[ -e "$R/.LS01-000009.png.tmpAb12Cd" ] && fail "a stale temporary receipt was not removed"
[ -e "$R/.LS01-000010.bin.tmpXy34Zw" ] || fail "a fresh temporary receipt was removed"
[ -e "$R/LS01-000008.txt" ] || fail "a receipt was removed"

# read-only database or folder, stale read-only -shm: as the user nobody
NB="$T/nb"
mkdir "$NB" && chown nobody:nogroup "$NB"
nb() { setpriv --reuid=nobody --regid=nogroup --clear-groups \
       env POSTKIOSK_HOME="$NB" POSTKIOSK_DATADIR="$DATA" "$P" --config "$T/en.ini" "$@"; }
if [ "$(id -u)" -eq 0 ] && nb --version >/dev/null 2>&1; then
    nb dossier list >/dev/null || fail "first start as nobody"
    chmod 444 "$NB/postkiosk.db"
    out=$(nb check 2>&1)
    [ $? -eq 2 ] || fail "check: a read-only database is not the database bit: $out"
    echo "$out" | grep -qF "$NB/postkiosk.db cannot be written" || fail "read-only db: $out"
    err=$(nb 2>&1 </dev/null) && fail "kiosk started on a read-only database"
    echo "$err" | grep -qF "$NB/postkiosk.db cannot be written" || fail "kiosk, read-only db: $err"
    [ -e "$NB/postkiosk.db-shm" ] && fail "a read-only -shm was left behind"
    chmod 644 "$NB/postkiosk.db"
    nb check >/dev/null 2>&1 || fail "check after chmod: $(nb check 2>&1)"
    # a stale read-only -shm (another user's) is named
    : > "$NB/postkiosk.db-shm" && chmod 444 "$NB/postkiosk.db-shm"
    out=$(nb check 2>&1)
    [ $? -eq 2 ] || fail "check: a read-only -shm is not the database bit: $out"
    echo "$out" | grep -qF "$NB/postkiosk.db-shm is read-only" || fail "stale -shm not named: $out"
    err=$(nb 2>&1 </dev/null) && fail "kiosk started with a stale -shm"
    echo "$err" | grep -qF "postkiosk.db-shm is read-only" || fail "kiosk, stale -shm: $err"
    rm -f "$NB/postkiosk.db-shm"
    # a read-only folder (WAL needs to create files there)
    chmod 555 "$NB"
    out=$(nb check 2>&1)
    [ $? -eq 2 ] || fail "check: a read-only folder is not the database bit: $out"
    echo "$out" | grep -qF "$NB cannot be written" || fail "read-only folder not named: $out"
    chmod 755 "$NB"
    nb check >/dev/null 2>&1 || fail "check after the folder was fixed"
    # a key file the kiosk's user cannot read
    chmod 000 "$NB/keys/receipt.key"
    out=$(nb check 2>&1)
    [ $? -eq 1 ] || fail "check: an unreadable key is not the configuration bit: $out"
    echo "$out" | grep -qF "$NB/keys/receipt.key: it cannot be read" || fail "unreadable key: $out"
    err=$(nb 2>&1 </dev/null) && fail "kiosk started with an unreadable key"
    echo "$err" | grep -qF "receipt.key: it cannot be read" || fail "kiosk, unreadable key: $err"
    chmod 400 "$NB/keys/receipt.key"
else
    echo "readiness.sh: read-only cases skipped (needs root and setpriv)" >&2
fi

# a full disk: the data directory on a 4 MiB tmpfs, filled up
mkdir "$FULL"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=4m,mode=0755 tmpfs "$FULL" 2>/dev/null; then
    F() { POSTKIOSK_HOME="$FULL/home" p "$@"; }
    F dossier list >/dev/null || fail "first start on the tmpfs"
    F check >/dev/null 2>&1 || fail "check on an empty tmpfs: $(F check 2>&1)"
    dd if=/dev/zero of="$FULL/filler" bs=64k 2>/dev/null   # until ENOSPC
    out=$(F check 2>&1)
    rc=$?
    [ $((rc & 2)) -eq 2 ] && [ $((rc & 4)) -eq 4 ] || fail "check on a full disk: exit $rc: $out"
    echo "$out" | grep -q "database: FAILED: .*$FULL/home is full" || fail "full disk, db: $out"
    echo "$out" | grep -q "printer: FAILED: .*receipts is full" || fail "full disk, printer: $out"
    err=$(F 2>&1 </dev/null) && fail "kiosk started on a full disk"
    echo "$err" | grep -q "is full" || fail "kiosk, full disk: $err"
    rm -f "$FULL/filler"
    F check >/dev/null 2>&1 || fail "check after space was freed: $(F check 2>&1)"
else
    echo "readiness.sh: full-disk case skipped (needs root and tmpfs)" >&2
fi
exit 0
