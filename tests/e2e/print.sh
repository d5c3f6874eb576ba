#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Printing end to end with the real binary: `print-test` to the file
# printer (the PNG's QR decodes with zbarimg and is signed with the receipt
# key created on first run), the raster inside the .escpos decodes too, a
# profile from the config, an unreachable printer, a printer that never
# confirms and bad usage fail cleanly.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog"
fail() { echo "print.sh: $*" >&2; exit 1; }
command -v zbarimg >/dev/null 2>&1 || fail "zbarimg (zbar-tools) is missing"

out=$("$P" --printer "file:$T/out" print-test) || fail "print-test failed: $out"
png=$(ls "$T"/out/test-*.png 2>/dev/null | head -1)
[ -n "$png" ] || fail "no PNG preview written"
base=${png%.png}
[ -s "$base.escpos" ] && [ -s "$base.txt" ] || fail "escpos/txt missing"
[ -z "$(ls -A "$T/out" | grep '^\.')" ] || fail "temporary file left"
qr=$(zbarimg -q --raw "$png" 2>/dev/null) || fail "zbarimg cannot read the test page QR"
echo "$qr" | grep -Eq '^VNK1\.TEST\.[0-9]+\.[A-Z2-7]{26}$' || fail "QR payload: $qr"
grep -q 'Lạng Sơn' "$base.txt" || fail "Vietnamese text missing from the .txt"

# The GS v 0 raster rows are a PBM P4 body: rebuild the image from the bytes.
python3 - "$base.escpos" "$T/raster.pbm" <<'PY' || fail "escpos stream does not parse"
import sys
b = open(sys.argv[1], 'rb').read()
i, rows, wb = 0, [], None
while i < len(b):
    if b[i:i+3] == b'\x1dv0':
        w = b[i+4] + 256 * b[i+5]; h = b[i+6] + 256 * b[i+7]
        assert wb in (None, w); wb = w
        rows.append(b[i+8:i+8+w*h]); i += 8 + w*h
    else:
        i += 1
assert rows
data = b''.join(rows)
open(sys.argv[2], 'wb').write(b'P4\n%d %d\n' % (wb * 8, len(data) // wb) + data)
PY
qr2=$(zbarimg -q --raw "$T/raster.pbm" 2>/dev/null) || fail "zbarimg cannot read the raster QR"
[ "$qr2" = "$qr" ] || fail "raster QR differs from the PNG: $qr2"

# 80 mm without a cutter from the config file.
printf '[printer]\nspec = file:%s/out80\nprofile = 80mm,nocut\n' "$T" > "$T/k.ini"
"$P" --config "$T/k.ini" print-test >/dev/null || fail "print-test with a config profile"
python3 -c "
import struct,sys,glob
f=open(glob.glob('$T/out80/test-*.png')[0],'rb').read()
w,h=struct.unpack('>II',f[16:24]); sys.exit(0 if w==576 else 1)" || fail "80 mm page is not 576 dots wide"
printf '[printer]\nspec = file:%s/o\nprofile = 72mm\n' "$T" > "$T/bad.ini"
"$P" --config "$T/bad.ini" print-test 2>/dev/null && fail "unknown profile accepted"

# An unreachable printer: a clear message and exit 1; bad usage exits 2.
err=$("$P" --printer tcp:127.0.0.1:1 print-test 2>&1 >/dev/null); [ $? -eq 1 ] || fail "offline exit"
[ -n "$err" ] || fail "offline printer gave no message"
# A network printer that takes the connection and never reads: the page is
# not confirmed, so print-test does not say it was printed.
python3 -c 'import socket,sys,time
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(4)
print(s.getsockname()[1]); sys.stdout.flush(); time.sleep(30)' > "$T/deaf.port" &
deaf=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$T/deaf.port" ] && break; sleep 0.2; done
out=$("$P" --printer "tcp:127.0.0.1:$(cat "$T/deaf.port")" print-test 2>&1); rc=$?
kill "$deaf" 2>/dev/null
[ $rc -eq 1 ] || fail "a deaf printer: exit $rc, want 1"
case "$out" in *"Đã in trang thử"*) fail "a deaf printer 'printed': $out";; esac
case "$out" in *"xác nhận"*) ;; *) fail "a deaf printer: not 'did not confirm': $out";; esac
"$P" --printer "file:$T/out" print-test extra 2>/dev/null; [ $? -eq 2 ] || fail "print-test usage"
"$P" reprint 2>/dev/null; [ $? -eq 2 ] || fail "reprint usage"
"$P" reprint LS01-999999 2>/dev/null; [ $? -eq 1 ] || fail "reprint of a missing dossier"
exit 0
