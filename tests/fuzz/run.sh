#!/bin/sh
# `make fuzz`: builds the library with clang's fuzzer instrumentation
# (ASan + UBSan) into build-fuzz/, then runs every tests/fuzz/fuzz_*.c target
# for FUZZ_SECONDS (default 20) each. A target's corpus lives in
# tests/fuzz/corpus/NAME/ (seed files, kept in git); new inputs go to
# build-fuzz/corpus/NAME/. A crash stops the run with a non-zero exit and
# leaves the reproducer in build-fuzz/.
set -eu
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
B=build-fuzz
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
make --no-print-directory BUILD=$B CC=clang \
    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $SAN" \
    LDFLAGS="$SAN" $B/libpostkiosk.a >/dev/null
PKGS="ncursesw sqlite3 libqrencode libutf8proc libsodium freetype2 libpng inih"
CF="-std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED $(pkg-config --cflags $PKGS) -Ikiosk -Iscreens -Ii18n -Iprinters -I$B/gen"
LD="$(pkg-config --libs $PKGS) -lm"
status=0
for src in tests/fuzz/fuzz_*.c; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .c)
    bin=$B/$name
    clang -O1 -g -fsanitize=fuzzer $SAN $CF -o "$bin" "$src" $B/libpostkiosk.a $LD
    mkdir -p "$B/corpus/$name"
    seeds=""
    [ -d "tests/fuzz/corpus/$name" ] && seeds="tests/fuzz/corpus/$name"
    echo "== $name ($FUZZ_SECONDS s)"
    if ! (cd $B && "./$name" -max_total_time="$FUZZ_SECONDS" -max_len=4096 -timeout=5 \
            -rss_limit_mb=1024 -print_final_stats=1 "corpus/$name" ${seeds:+"../$seeds"} \
            2>&1 | tail -12); then
        status=1
    fi
    ls $B/crash-* $B/leak-* $B/timeout-* >/dev/null 2>&1 && { echo "fuzz: $name found a crash" >&2; status=1; }
done
exit $status
